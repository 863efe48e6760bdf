"""The work behind the write routes, run in an analysis worker process (see :mod:`pool`).

Each job takes plain values (bytes, a store URL, settings) and returns ``(status, json)``, so
it crosses the process boundary whole, and the request's whole story — read the body, clean,
analyse, store, group, describe — happens in one place for the API and the browser upload.
Storing goes through :func:`thoisu.ingest.ingest_articles`, the one write path of every
program: each article is stored whole or not at all, a body that cannot be read stores
nothing, and a worker stopped midway leaves articles that the next ingest groups.
"""

from __future__ import annotations

import io
from typing import Any

from thoisu.settings import Settings
from thoisu.store import Store
from thoisu.web.body import BodyError, ItemPage, ItemProblem, parse_body
from thoisu.web.ingest import Cleaned, clean_items

UPLOAD_KINDS = (".txt", ".html", ".htm", ".jsonl", ".warc", ".warc.gz")
_stores: dict[str, Store] = {}  # one open store per URL in a worker process


def _store(db_url: str) -> Store:
    if db_url not in _stores:
        _stores[db_url] = Store.open(db_url)
    return _stores[db_url]


def warm_job(settings: Settings) -> None:
    """Load every stage's models in a new worker, on an invented two-line page, so the first
    request is not charged for it (and not cut by the time limit)."""
    import contextlib

    page = ('[{"title": "Mưa lớn ở Huế", "text": "Sáng 12/3/2024, mưa lớn ở Huế. '
            'UBND tỉnh cho học sinh nghỉ học."}]').encode()
    with contextlib.suppress(Exception):
        digest_job(page, "application/json", settings, None)


def digest_job(body: bytes, content_type: str | None, settings: Settings,
               length: int | None) -> tuple[int, dict[str, Any]]:
    """``POST /api/digest``: articles and stories of the pages sent; nothing stored."""
    from thoisu.pipeline import digest
    from thoisu.render.json_report import digest_to_json

    try:
        pages, problems = parse_body(body, content_type, settings.web_max_body_bytes)
    except BodyError as exc:
        return 422, {"error": str(exc), "status": 422, "details": exc.details}
    cleaned = clean_items(pages, problems, settings)
    result = digest(cleaned.articles, settings, length)
    return 200, {**digest_to_json(result), "problems": [p.to_json() for p in cleaned.problems]}


def ingest_job(db_url: str, body: bytes, content_type: str | None,
               settings: Settings) -> tuple[int, dict[str, Any]]:
    """``POST /api/articles``: clean, analyse and store the pages sent, and group them."""
    try:
        pages, problems = parse_body(body, content_type, settings.web_max_body_bytes)
    except BodyError as exc:
        return 422, {"error": str(exc), "status": 422, "details": exc.details}
    return _ingest(db_url, clean_items(pages, problems, settings), settings)


def upload_job(db_url: str, files: list[tuple[str, bytes]],
               settings: Settings) -> tuple[int, dict[str, Any]]:
    """The browser upload: files (txt, html, jsonl, warc) read as ``thoisu ingest`` reads them."""
    from thoisu.model import Origin, Problem, RawPage
    from thoisu.read import read_stream
    from thoisu.read.sniff import format_of

    pages: list[ItemPage] = []
    problems: list[ItemProblem] = []
    names: dict[int, str] = {}
    item = 0
    for name, data in files:
        if not name.lower().endswith(UPLOAD_KINDS):
            item += 1
            names[item] = name
            problems.append(ItemProblem(item, f"{name}: not a .txt, .html, .jsonl or .warc "
                                        "file; send one of those"))
            continue
        for read in read_stream(io.BytesIO(data), name, settings, format_of(name), len(data)):
            item += 1
            names[item] = name
            if isinstance(read, Problem):
                problems.append(ItemProblem(item, f"{name}: {read.reason}",
                                            warning=read.kind == "warning"))
            elif isinstance(read, RawPage):
                read.origin = Origin(name, read.origin.line, read.origin.id)
                pages.append(ItemPage(item, read))
    if not pages and not problems:
        return 422, {"error": "no file sent; choose a .txt, .html, .jsonl or .warc file",
                     "status": 422}
    status, out = _ingest(db_url, clean_items(pages, problems, settings), settings)
    for problem in out.get("problems", []):
        problem["file"] = names.get(problem.get("item") or 0)
    return status, out


def _ingest(db_url: str, cleaned: Cleaned, settings: Settings) -> tuple[int, dict[str, Any]]:
    from thoisu.ingest import ingest_articles

    store = _store(db_url)
    result = ingest_articles(store, cleaned.articles, settings)
    problems = [p.to_json() for p in cleaned.problems]
    problems += [{"item": cleaned.item_of.get(f.id), "id": f.id, "reason": f.reason}
                 for f in result.failed]
    story_of = {}
    for story in result.stories:
        for article_id in story.articles:
            story_of[article_id] = story.id
    listing = [{**row, "story": story_of.get(row["id"]) or store.story_of(row["id"])}
               for row in cleaned.listing()]
    status = 201 if result.added else 200
    return status, {"added": result.added, "already_present": result.already_present,
                    "articles": listing, "stories": [s.id for s in result.stories],
                    "problems": problems, "notes": []}
