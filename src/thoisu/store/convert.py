"""Articles and stories to table rows and back.

What is stored is what a reader of the store needs again: the text parts, where it came from,
its date with the evidence, and the removed lines with their rules. Per-line roles (``lines``),
sentences, time expressions and entities are derived and are recomputed, not stored.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from thoisu.model import (
    Article,
    DateEvidence,
    DuplicateLink,
    Join,
    Origin,
    PartialDate,
    Removed,
    Story,
)

# Checked before writing: drivers differ in when (and how) they report unserialisable values.
JSON_COLUMNS = ("paragraphs", "captions", "published_evidence", "meta", "removed", "problems")


def article_row(article: Article) -> dict[str, Any]:
    """The ``articles`` row of an article; raises ``ValueError`` for one that cannot be stored."""
    if not isinstance(article.id, str) or not article.id:
        raise ValueError(f"article from {article.origin} has no id")
    evidence = article.published_evidence
    row = {
        "id": article.id,
        "title": article.title,
        "lead": article.lead,
        "paragraphs": list(article.paragraphs),
        "captions": list(article.captions),
        "byline": article.byline,
        "source": article.source,
        "url": article.url,
        "published": article.published.iso() if article.published is not None else None,
        "published_evidence": None if evidence is None else {
            "value": evidence.value.iso(),
            "confidence": evidence.confidence,
            "evidence": list(evidence.evidence),
        },
        "language": article.language,
        "meta": dict(article.meta),
        "removed": [r.to_json() for r in article.removed],
        "problems": list(article.problems),
        "origin_path": article.origin.path,
        "origin_line": article.origin.line,
        "origin_id": article.origin.id,
        "duplicate_of": article.duplicate_of,
        "added_at": datetime.now(UTC),
    }
    for name in JSON_COLUMNS:
        try:
            json.dumps(row[name])
        except (TypeError, ValueError) as exc:
            raise ValueError(f"its {name} is not JSON ({exc})") from exc
    return row


def row_article(row: Mapping[Any, Any]) -> Article:
    evidence = row["published_evidence"]
    return Article(
        id=row["id"],
        origin=Origin(row["origin_path"], row["origin_line"], row["origin_id"]),
        title=row["title"],
        lead=row["lead"],
        paragraphs=list(row["paragraphs"]),
        captions=list(row["captions"]),
        byline=row["byline"],
        source=row["source"],
        url=row["url"],
        published=PartialDate.parse(row["published"]) if row["published"] else None,
        published_evidence=None if evidence is None else DateEvidence(
            PartialDate.parse(evidence["value"]),
            float(evidence["confidence"]),
            list(evidence.get("evidence", [])),
        ),
        language=row["language"],
        removed=[Removed(r["text"], r["role"], r["rule"], r.get("line")) for r in row["removed"]],
        meta=dict(row["meta"]),
        duplicate_of=row["duplicate_of"],
        problems=list(row["problems"]),
    )


def story_member_rows(story: Story) -> list[dict[str, Any]]:
    """One row per member, in the story's order, each with its join when one was recorded.

    An article named only in ``joins`` is a member too (added after the listed ones).
    """
    joins = {j.article: j for j in story.joins}
    members = list(dict.fromkeys([*story.articles, *joins]))
    rows = []
    for position, article_id in enumerate(members):
        join = joins.get(article_id)
        rows.append({
            "story_id": story.id,
            "article_id": article_id,
            "position": position,
            "similarity": None if join is None else float(join.similarity),
            "reason": None if join is None else join.reason,
        })
    return rows


def story_duplicate_rows(story: Story) -> list[dict[str, Any]]:
    return [{"story_id": story.id, "position": i, "canonical": d.canonical, "copy": d.copy,
             "similarity": float(d.similarity)} for i, d in enumerate(story.duplicates)]


def row_story(row: Mapping[Any, Any], members: list[Mapping[Any, Any]],
              duplicates: list[Mapping[Any, Any]]) -> Story:
    """A story from its row and its member and duplicate rows, each already in position order."""
    return Story(
        id=row["id"],
        title=row["title"],
        articles=[m["article_id"] for m in members],
        joins=[Join(m["article_id"], m["similarity"], m["reason"] or "")
               for m in members if m["similarity"] is not None],
        duplicates=[DuplicateLink(d["canonical"], d["copy"], d["similarity"]) for d in duplicates],
    )
