"""Articles and stories to table rows and back: projections of their one written form.

A row is a column list over :meth:`Article.to_record` / :meth:`Story.to_record`, and reading
a row back builds the record and calls ``from_record``: no field is written or read by a rule
of this module's own. What is stored is what a reader of the store needs again: the text parts,
where it came from, its date with the evidence, the removed lines with their rules, and what
analysis derived: sentences, time expressions, names and their mentions, with the analysis
version that made them. Per-line roles (``lines``) are not stored.

A story row keeps what listing needs (counts, outlets, date span, latest) and what the story
stages derived (summary, timeline, names, teaser, disagreements) with the analysis version
and a hash of its members.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from thoisu.model import Article, PartialDate, Story
from thoisu.stories.facts import facts_of

# The record's fields that are columns of their own name.
ARTICLE_COLUMNS = ("id", "title", "lead", "paragraphs", "captions", "byline", "source", "url",
                   "published", "published_evidence", "language", "meta", "removed",
                   "problems", "duplicate_of")
# Filled by analysis; all NULL for an article that was not analysed.
ANALYSIS_COLUMNS = ("sentences", "dates", "entities", "mentions", "analysis_version")
# What a new analysis of a stored article writes again.
REANALYSED_COLUMNS = ("published", "published_evidence", "language", "problems",
                      *ANALYSIS_COLUMNS)
# Checked before writing: drivers differ in when (and how) they report unserialisable values.
JSON_COLUMNS = ("paragraphs", "captions", "published_evidence", "meta", "removed", "problems",
                "sentences", "dates", "entities", "mentions")
# What the story stages derived, each a column of its own name.
DERIVED_COLUMNS = ("summary", "timeline", "entities", "teaser", "disagreements",
                   "analysis_version")


def article_row(article: Article) -> dict[str, Any]:
    """The ``articles`` row of an article; raises ``ValueError`` for one that cannot be stored."""
    if not isinstance(article.id, str) or not article.id:
        raise ValueError(f"article from {article.origin} has no id")
    record = article.to_record()
    analysed = article.analysis_version is not None
    row = {name: record[name] for name in ARTICLE_COLUMNS}
    row.update({name: record[name] if analysed else None for name in ANALYSIS_COLUMNS})
    row.update(origin_path=article.origin.path, origin_line=article.origin.line,
               origin_id=article.origin.id, added_at=datetime.now(UTC))
    for name in JSON_COLUMNS:
        try:
            json.dumps(row[name])
        except (TypeError, ValueError) as exc:
            raise ValueError(f"its {name} is not JSON ({exc})") from exc
    return row


def row_article(row: Mapping[Any, Any]) -> Article:
    """The article a row keeps. A row analysed before sentences were stored (revision 0005)
    reads back as not analysed, so the next analysis fills it instead of any reader
    splitting sentences again."""
    record = {name: row[name] for name in ARTICLE_COLUMNS}
    record["origin"] = {"path": row["origin_path"], "line": row["origin_line"],
                        "id": row["origin_id"]}
    if row.get("analysis_version") is not None and row.get("sentences") is not None:
        record.update({name: row[name] for name in ANALYSIS_COLUMNS})
    return Article.from_record(record)


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
    """A story from its row and its member and duplicate rows, each already in position order.

    Its summary, timeline, names, teaser and disagreements are the stored ones (empty when
    not derived yet); its facts are the stored listing columns.
    """
    record: dict[str, Any] = {name: row.get(name) for name in DERIVED_COLUMNS}
    record.update(
        id=row["id"], title=row["title"], outlets=row.get("outlets"),
        span_start=row.get("first_published"), span_end=row.get("last_published"),
        latest=_full_date(row.get("latest")),
        articles=[m["article_id"] for m in members],
        joins=[{"article": m["article_id"], "similarity": m["similarity"],
                "reason": m["reason"]} for m in members if m["similarity"] is not None],
        duplicates=[dict(d) for d in duplicates],
    )
    return Story.from_record(record)


def _full_date(latest: str | None) -> str | None:
    """The story's latest full date from the listing's ``latest`` (which falls back to the
    time an article was added, not a publication date)."""
    if not latest or len(latest) != 10:
        return None
    return latest


def members_hash(story: Story) -> str:
    """A hash of a story's members and copies, in order: stored results made from other
    members are stale."""
    text = "\n".join([*story.articles, "--", *(d.copy for d in story.duplicates)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def derived_columns(story: Story) -> dict[str, Any]:
    """The story stages' results, or all NULL for a story not described yet."""
    if story.analysis_version is None:
        return {**dict.fromkeys(DERIVED_COLUMNS), "members_hash": None, "derived_at": None}
    record = story.to_record()
    return {**{name: record[name] for name in DERIVED_COLUMNS},
            "members_hash": members_hash(story), "derived_at": datetime.now(UTC)}


def name_rows(story: Story) -> list[dict[str, Any]]:
    """One ``story_names`` row per canonical name and type of a described story."""
    counts: dict[tuple[str, str], int] = {}
    for entity in story.entities:
        key = (entity.name, entity.type)
        counts[key] = counts.get(key, 0) + entity.count
    return [{"story_id": story.id, "name": name, "type": kind, "count": n}
            for (name, kind), n in counts.items()]


def facts_columns(story: Story, rows: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """What listing a story needs, from its members' article rows (``id`` → source, url,
    published, added_at), by the story-facts stage's own rule (:func:`facts_of`): count,
    outlets, span and latest (the latest full date, else the latest time one was added, so
    listing can sort every story)."""
    present = [rows[i] for i in story.articles if i in rows]
    facts = facts_of((r["source"], r["url"], PartialDate.parse(r["published"])
                      if r["published"] else None) for r in present)
    added = [_iso(r["added_at"]) for r in present if r["added_at"] is not None]
    latest = facts.latest.iso() if facts.latest is not None else (max(added) if added else None)
    return {
        "article_count": len(story.articles),
        "outlets": facts.outlets,
        "first_published": facts.span_start.iso() if facts.span_start else None,
        "last_published": facts.span_end.iso() if facts.span_end else None,
        "latest": latest,
    }


def _iso(value: Any) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    return str(value)[:19].replace(" ", "T")
