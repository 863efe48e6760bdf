"""Articles and stories to table rows and back.

What is stored is what a reader of the store needs again: the text parts, where it came from,
its date with the evidence, the removed lines with their rules, and what analysis derived: time
expressions, names and their mentions, with the analysis version that made them. Per-line
roles (``lines``) are not stored; sentences are split again when an analysed article is read
(the same split the analysis made, so ``TimeExpr.sentence`` and ``Mention.sentence`` index
them), and words are not kept.

A story row keeps what listing needs (counts, outlets, date span, latest) and what the story
stages derived (summary, timeline, names) with the analysis version and a hash of its members.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from thoisu.model import (
    Article,
    Claim,
    DateEvidence,
    Disagreement,
    DuplicateLink,
    Entity,
    Event,
    Join,
    Mention,
    Origin,
    PartialDate,
    Removed,
    Story,
    SummarySentence,
    TimeExpr,
)

# Checked before writing: drivers differ in when (and how) they report unserialisable values.
JSON_COLUMNS = ("paragraphs", "captions", "published_evidence", "meta", "removed", "problems",
                "dates", "entities", "mentions")


def article_row(article: Article) -> dict[str, Any]:
    """The ``articles`` row of an article; raises ``ValueError`` for one that cannot be stored."""
    if not isinstance(article.id, str) or not article.id:
        raise ValueError(f"article from {article.origin} has no id")
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
        "published_evidence": evidence_json(article.published_evidence),
        "language": article.language,
        "meta": dict(article.meta),
        "removed": [r.to_json() for r in article.removed],
        "problems": list(article.problems),
        "origin_path": article.origin.path,
        "origin_line": article.origin.line,
        "origin_id": article.origin.id,
        "duplicate_of": article.duplicate_of,
        "added_at": datetime.now(UTC),
        **analysis_columns(article),
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
        **_analysis_fields(row),
    )


def evidence_json(evidence: DateEvidence | None) -> dict[str, Any] | None:
    if evidence is None:
        return None
    return {"value": evidence.value.iso(), "confidence": evidence.confidence,
            "evidence": list(evidence.evidence)}


def analysis_columns(article: Article) -> dict[str, Any]:
    """The columns analysis fills; all NULL for an article that was not analysed."""
    if article.analysis_version is None:
        return {"dates": None, "entities": None, "mentions": None, "analysis_version": None}
    return {
        "dates": [d.to_record() for d in article.dates],
        "entities": [e.to_json() for e in article.entities],
        "mentions": [m.to_json() for m in article.mentions],
        "analysis_version": article.analysis_version,
    }


def _analysis_fields(row: Mapping[Any, Any]) -> dict[str, Any]:
    version = row.get("analysis_version")
    if version is None:
        return {}
    from thoisu.text.sentences import article_sentences

    return {
        "sentences": article_sentences(row["lead"], list(row["paragraphs"])),
        "dates": [TimeExpr(d["text"], d["start"], d["end"], d["type"], d["value"],
                           d.get("rule", ""), d.get("end_value"), d.get("mod"),
                           d.get("sentence")) for d in row["dates"] or []],
        "entities": [Entity(e["name"], e["type"], e["count"], list(e["variants"]))
                     for e in row["entities"] or []],
        "mentions": [Mention(m["text"], m["name"], m["type"], m["sentence"], m["start"],
                             m["end"], m.get("rule", "")) for m in row["mentions"] or []],
        "analysis_version": version,
    }


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

    Its summary, timeline and names are the stored ones (empty when not derived yet).
    """
    return Story(
        id=row["id"],
        title=row["title"],
        articles=[m["article_id"] for m in members],
        joins=[Join(m["article_id"], m["similarity"], m["reason"] or "")
               for m in members if m["similarity"] is not None],
        duplicates=[DuplicateLink(d["canonical"], d["copy"], d["similarity"]) for d in duplicates],
        summary=[SummarySentence(s["text"], s["article"], s["sentence"])
                 for s in row.get("summary") or []],
        timeline=[_event(e) for e in row.get("timeline") or []],
        entities=[Entity(e["name"], e["type"], e["count"], list(e["variants"]))
                  for e in row.get("entities") or []],
        disagreements=[_disagreement(d) for d in row.get("disagreements") or []],
        analysis_version=row.get("analysis_version"),
    )


def _disagreement(data: Mapping[str, Any]) -> Disagreement:
    """A disagreement read back from its ``Disagreement.to_json`` form."""
    return Disagreement(data["kind"], data["about"], [
        Claim(c["value"], c["text"], c["article"], int(c["sentence"]), c.get("outlet"))
        for c in data.get("claims") or []], data.get("reason", ""))


def _event(data: Mapping[str, Any]) -> Event:
    end = data.get("end")
    return Event(PartialDate.parse(data["date"]), data["text"], list(data["articles"]),
                 PartialDate.parse(end) if end else None, data.get("evidence", ""))


def event_json(event: Event) -> dict[str, Any]:
    """An event as stored: ``Event.to_json`` plus its evidence."""
    out = event.to_json()
    if event.evidence:
        out["evidence"] = event.evidence
    return out


def members_hash(story: Story) -> str:
    """A hash of a story's members and copies, in order: stored results made from other
    members are stale."""
    text = "\n".join([*story.articles, "--", *(d.copy for d in story.duplicates)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def derived_columns(story: Story) -> dict[str, Any]:
    """The story stages' results, or all NULL for a story not described yet."""
    if story.analysis_version is None:
        return {"summary": None, "timeline": None, "entities": None, "analysis_version": None,
                "members_hash": None, "derived_at": None, "disagreements": None}
    return {
        "summary": [s.to_json() for s in story.summary],
        "disagreements": [d.to_json() for d in story.disagreements],
        "timeline": [event_json(e) for e in story.timeline],
        "entities": [e.to_json() for e in story.entities],
        "analysis_version": story.analysis_version,
        "members_hash": members_hash(story),
        "derived_at": datetime.now(UTC),
    }


def name_rows(story: Story) -> list[dict[str, Any]]:
    """One ``story_names`` row per canonical name and type of a described story."""
    counts: dict[tuple[str, str], int] = {}
    for entity in story.entities:
        key = (entity.name, entity.type)
        counts[key] = counts.get(key, 0) + entity.count
    return [{"story_id": story.id, "name": name, "type": kind, "count": n}
            for (name, kind), n in counts.items()]


def facts_columns(story: Story, rows: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """What listing a story needs, from its members' article rows (``id`` → source,
    published, added_at): count, outlets (most articles first), span and latest."""
    outlets: dict[str, int] = {}
    dated: list[PartialDate] = []
    full: list[str] = []
    added: list[str] = []
    for article_id in story.articles:
        row = rows.get(article_id)
        if row is None:
            continue
        if row["source"]:
            outlets[row["source"]] = outlets.get(row["source"], 0) + 1
        if row["published"]:
            value = PartialDate.parse(row["published"])
            if value.year is not None:
                dated.append(value)
                if value.precision == "day":
                    full.append(value.iso())
        if row["added_at"] is not None:
            added.append(_iso(row["added_at"]))
    order = {name: k for k, name in enumerate(outlets)}
    dated.sort(key=PartialDate.sort_key)
    return {
        "article_count": len(story.articles),
        "outlets": sorted(outlets, key=lambda name: (-outlets[name], order[name])),
        "first_published": dated[0].iso() if dated else None,
        "last_published": dated[-1].iso() if dated else None,
        "latest": max(full) if full else (max(added) if added else None),
    }


def _iso(value: Any) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    return str(value)[:19].replace(" ", "T")
