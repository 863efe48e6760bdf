"""The Parquet datasets ``thoisu batch --out`` writes: typed columns, one row per record.

``articles`` (one row per article), ``stories`` (one row per story) and ``problems`` (one row
per input problem). Every column is listed in :data:`ARTICLE_FIELDS`, :data:`STORY_FIELDS` and
:data:`PROBLEM_FIELDS` with its meaning (docs/batch.md prints the same tables). Dates are
TimeML-style strings (``2017-01-24``, ``2011-03``, ``XXXX-03-28``), as in the digest JSON.

>>> article_schema().field("paragraphs").type
ListType(list<item: string>)
>>> [f.name for f in problem_schema()]
['path', 'line', 'kind', 'reason', 'message', 'partition']
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from thoisu.model import Article, Problem, Story

if TYPE_CHECKING:
    import pyarrow as pa


def _types() -> dict[str, Any]:
    import pyarrow as pa

    text = pa.string()
    return {
        "text": text,
        "int": pa.int64(),
        "float": pa.float64(),
        "texts": pa.list_(text),
        "origin": pa.struct([("path", text), ("line", pa.int64()), ("id", text)]),
        "evidence": pa.struct([("value", text), ("precision", text),
                               ("confidence", pa.float64()), ("evidence", pa.list_(text))]),
        "removed": pa.list_(pa.struct([("text", text), ("role", text), ("rule", text),
                                       ("line", pa.int64())])),
        "sentences": pa.list_(pa.struct([("text", text), ("index", pa.int64()),
                                         ("paragraph", pa.int64()), ("start", pa.int64()),
                                         ("words", pa.list_(text))])),
        "dates": pa.list_(pa.struct([("text", text), ("sentence", pa.int64()),
                                     ("start", pa.int64()), ("end", pa.int64()),
                                     ("type", text), ("value", text), ("end_value", text),
                                     ("mod", text), ("rule", text)])),
        "entities": pa.list_(pa.struct([("name", text), ("type", text), ("count", pa.int64()),
                                        ("variants", pa.list_(text))])),
        "mentions": pa.list_(pa.struct([("text", text), ("name", text), ("type", text),
                                        ("sentence", pa.int64()), ("start", pa.int64()),
                                        ("end", pa.int64()), ("rule", text)])),
        "joins": pa.list_(pa.struct([("article", text), ("similarity", pa.float64()),
                                     ("reason", text)])),
        "duplicates": pa.list_(pa.struct([("canonical", text), ("copy", text),
                                          ("similarity", pa.float64())])),
        "summary": pa.list_(pa.struct([("text", text), ("article", text),
                                       ("sentence", pa.int64()), ("score", pa.float64())])),
        "timeline": pa.list_(pa.struct([("date", text), ("precision", text), ("end", text),
                                        ("text", text), ("articles", pa.list_(text)),
                                        ("evidence", text), ("approx_year", pa.int64()),
                                        ("approximate", pa.bool_()),
                                        ("year_evidence", text)])),
        "disagreements": pa.list_(pa.struct([
            ("kind", text), ("about", text), ("reason", text),
            ("claims", pa.list_(pa.struct([("value", text), ("text", text), ("article", text),
                                           ("sentence", pa.int64()), ("outlet", text)])))])),
    }


# (column, type name in _types, meaning)
ARTICLE_FIELDS: list[tuple[str, str, str]] = [
    ("id", "text", "content id (16 hex digits of the title and text), as in the digest"),
    ("position", "int", "input order over the whole run (sort by it for the digest's order)"),
    ("origin", "origin", "input file, line (JSON Lines) or record number (WARC), record id"),
    ("title", "text", "headline"),
    ("lead", "text", "sapo / lead paragraph ('' when none)"),
    ("paragraphs", "texts", "body paragraphs in order"),
    ("captions", "texts", "photo captions"),
    ("byline", "text", "author line, null when none"),
    ("source", "text", "the page's own outlet, null when unknown"),
    ("url", "text", "the page's URL when the input gave one"),
    ("published", "text", "publication date, TimeML-style partial value; null when unknown"),
    ("published_precision", "text", "day, month, year or partial; null when unknown"),
    ("published_evidence", "evidence", "why that date: value, precision, confidence (0-1) "
     "and the evidence lines; null when the input gave the date"),
    ("language", "text", "ISO 639-1 code of the text's language"),
    ("sentences", "sentences", "sentences (lead is paragraph 0), with words when segmented"),
    ("dates", "dates", "time expressions per sentence, with TimeML values"),
    ("entities", "entities", "names (PER, ORG, LOC) under canonical forms, with counts"),
    ("mentions", "mentions", "where each name is written (sentence null: the title)"),
    ("removed", "removed", "lines the cleaner removed, each with its rule"),
    ("problems", "texts", "non-fatal remarks on the page"),
    ("meta", "text", "what the input said about the page, as a JSON object"),
    ("analysis_version", "text", "version of the analysis that filled the derived columns"),
    ("duplicate_of", "text", "id of the canonical article this one copies, else null"),
    ("story_id", "text", "id of the story the article (or its canonical) belongs to"),
    ("partition", "text", "key of the input partition the article came from"),
]

STORY_FIELDS: list[tuple[str, str, str]] = [
    ("id", "text", "story id (s- and the id of its first article), as in the digest"),
    ("position", "int", "order of the story in the digest (oldest first)"),
    ("title", "text", "title of the story's most central article"),
    ("article_count", "int", "canonical member articles (copies not counted)"),
    ("articles", "texts", "member article ids, in story order"),
    ("joins", "joins", "why each article joined: the similarity that decided"),
    ("duplicates", "duplicates", "copies attached to a canonical member, with similarity"),
    ("first_published", "text", "first of the members' comparable publication dates"),
    ("last_published", "text", "last of the members' comparable publication dates"),
    ("latest", "text", "latest full publication date of a member, null when none"),
    ("outlets", "texts", "outlets of the members (source, else the URL's host), most first"),
    ("teaser", "text", "the story's latest significant development"),
    ("disagreements", "disagreements", "figures, dates and claims the outlets tell "
     "differently, each side cited"),
    ("summary", "summary", "cited summary sentences (article id, sentence index)"),
    ("timeline", "timeline", "dated events with the articles that tell them"),
    ("entities", "entities", "the story's names, most mentioned first"),
    ("names", "texts", "the canonical names alone, for filtering"),
]

PROBLEM_FIELDS: list[tuple[str, str, str]] = [
    ("path", "text", "input file (or <stdin>)"),
    ("line", "int", "line (JSON Lines) or record (WARC), null for a whole file"),
    ("kind", "text", "skipped (nothing to read) or failed (could not be read)"),
    ("reason", "text", "what is wrong and what to do"),
    ("message", "text", "the line the command printed: path:line: reason"),
    ("partition", "text", "key of the partition, null for listing problems"),
]


def _schema(spec: list[tuple[str, str, str]]) -> pa.Schema:
    import pyarrow as pa

    types = _types()
    return pa.schema([pa.field(name, types[kind], metadata={"doc": doc})
                      for name, kind, doc in spec])


def article_schema() -> pa.Schema:
    return _schema(ARTICLE_FIELDS)


def story_schema() -> pa.Schema:
    return _schema(STORY_FIELDS)


def problem_schema() -> pa.Schema:
    return _schema(PROBLEM_FIELDS)


def article_row(article: Article, position: int, story_id: str | None,
                partition: str | None) -> dict[str, Any]:
    """One ``articles`` row: the columns of :data:`ARTICLE_FIELDS` taken from
    :meth:`Article.to_record` (``meta`` as a JSON string, the precision beside the date)."""
    row = {name: value for name, value in article.to_record().items()
           if name in _ARTICLE_COLUMNS}
    published = article.published
    row.update(
        position=position, story_id=story_id, partition=partition,
        published_precision=published.precision if published is not None else None,
        meta=json.dumps(article.meta, ensure_ascii=False, sort_keys=True, default=str),
    )
    return row


def story_row(story: Story, position: int, members: Sequence[Article]) -> dict[str, Any]:
    """One ``stories`` row: the columns of :data:`STORY_FIELDS` taken from
    :meth:`Story.to_record` (the facts as the story-facts stage computed them)."""
    row = {name: value for name, value in story.to_record().items()
           if name in _STORY_COLUMNS}
    row.update(position=position, article_count=len(story.articles),
               first_published=row.pop("span_start"), last_published=row.pop("span_end"),
               names=[e.name for e in story.entities])
    return row


_ARTICLE_COLUMNS = frozenset(name for name, _, _ in ARTICLE_FIELDS)
_STORY_COLUMNS = frozenset({*(name for name, _, _ in STORY_FIELDS), "span_start", "span_end"})


def problem_row(problem: Problem, partition: str | None) -> dict[str, Any]:
    return {"path": problem.path, "line": problem.line, "kind": problem.kind,
            "reason": problem.reason, "message": str(problem), "partition": partition}


def write_table(rows: list[dict[str, Any]], schema: pa.Schema, path: str) -> None:
    """Write ``rows`` as one Parquet file, atomically (a temporary name, then a rename)."""
    import os

    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(rows, schema=schema)
    tmp = f"{path}.tmp-{os.getpid()}"
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def article_json(row: dict[str, Any]) -> dict[str, Any]:
    """An ``articles`` row in the shape of the digest JSON's articles (``article_to_json``):
    the row read back as a record, then the digest's own projection.

    >>> row = {"id": "a1", "origin": {"path": "t.txt", "line": None, "id": None},
    ...        "title": "T", "lead": "", "paragraphs": ["p"], "captions": [], "byline": None,
    ...        "source": None, "url": None, "published": None, "published_precision": None,
    ...        "published_evidence": None, "removed": [], "meta": "{}",
    ...        "language": "vi", "duplicate_of": None, "problems": []}
    >>> article_json(row)["published_evidence"] is None
    True
    """
    from thoisu.render.article_json import article_to_json

    record = {**row, "meta": json.loads(row.get("meta") or "{}")}
    return article_to_json(Article.from_record(record))
