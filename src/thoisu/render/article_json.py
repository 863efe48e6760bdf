"""One article as JSON: the shape shared by ``thoisu digest --format json`` and ``thoisu articles``.

Part of the public contract: add keys, never rename or drop one. Dates are TimeML-style
partial values (``2017-01-24``, ``2011-03``, ``XXXX-03-28``) or ``null`` when unknown.
"""

from __future__ import annotations

from typing import Any

from thoisu.model import Article

# The record's fields the digest shows, in the contract's order (later additions last).
ARTICLE_KEYS = ("id", "origin", "title", "lead", "paragraphs", "captions", "byline", "source",
                "url", "published", "removed", "published_evidence", "language",
                "duplicate_of", "problems", "dates", "entities", "mentions")


def article_to_json(article: Article) -> dict[str, Any]:
    """The article's text, where it came from, and each removed line with the rule that removed
    it: a projection of :meth:`Article.to_record` in the public short forms (removed lines
    without their line number, the date's confidence rounded, time expressions without their
    rule; empty analysis fields when the article was not analysed).

    >>> from thoisu.model import Origin, PartialDate
    >>> bai = Article("a1", Origin("tin.txt"), title="Mưa lớn", published=PartialDate(2017, 1, 24))
    >>> article_to_json(bai)["published"]
    '2017-01-24'
    """
    record = article.to_record()
    out = {key: record[key] for key in ARTICLE_KEYS}
    out["removed"] = [{"text": r["text"], "role": r["role"], "rule": r["rule"]}
                      for r in record["removed"]]
    if article.published_evidence is not None:
        out["published_evidence"] = article.published_evidence.to_json()
    out["dates"] = [d.to_json() for d in article.dates]
    return out
