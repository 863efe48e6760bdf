"""One article as JSON: the shape shared by ``thoisu digest --format json`` and ``thoisu articles``.

Part of the public contract: add keys, never rename or drop one. Dates are TimeML-style
partial values (``2017-01-24``, ``2011-03``, ``XXXX-03-28``) or ``null`` when unknown.
"""

from __future__ import annotations

from typing import Any

from thoisu.model import Article


def article_to_json(article: Article) -> dict[str, Any]:
    """The article's text, where it came from, and each removed line with the rule that removed it.

    >>> article_to_json(bai)["published"]                       # doctest: +SKIP
    '2017-01-24'
    """
    return {
        "id": article.id,
        "origin": article.origin.to_json(),
        "title": article.title,
        "lead": article.lead,
        "paragraphs": list(article.paragraphs),
        "captions": list(article.captions),
        "byline": article.byline,
        "source": article.source,
        "url": article.url,
        "published": article.published.iso() if article.published is not None else None,
        "removed": [{"text": r.text, "role": r.role, "rule": r.rule} for r in article.removed],
        # Later additions (the contract grows, never breaks): why the date, what language,
        # which article this one copies, and remarks on odd pages.
        "published_evidence": (article.published_evidence.to_json()
                               if article.published_evidence is not None else None),
        "language": article.language,
        "duplicate_of": article.duplicate_of,
        "problems": list(article.problems),
        # What analysis found (empty when the article was not analysed): each time expression
        # with its sentence index and offsets in that sentence, each name with its count and
        # variants, and each place a name is written (sentence null: the title).
        "dates": [d.to_json() for d in article.dates],
        "entities": [e.to_json() for e in article.entities],
        "mentions": [m.to_json() for m in article.mentions],
    }
