"""REST routes under ``/api``.

JSON shapes are those of the digest contract (``article_to_json``, ``story_to_json``), extended
with a few keys, never changed. Errors are ``{"error": "...", "status": N}``. Reads come from
the store's stored results; the two POST routes run in the analysis pool and need a token.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from thoisu import __version__
from thoisu.model import Article
from thoisu.render.article_json import article_to_json
from thoisu.render.json_report import story_to_json
from thoisu.store import Store, cards
from thoisu.web.shared import settings_of, store_of

router = APIRouter(prefix="/api", tags=["api"])
# Offsets past this are refused (422) rather than passed to the database, which cannot take
# an offset of 2**63 or more.
MAX_OFFSET = 10**12

_ITEM = {
    "type": "object",
    "required": ["title", "text"],
    "properties": {
        "title": {"type": "string", "example": "Mưa lớn ở Huế"},
        "text": {"type": "string", "example": "Sáng 12/3, mưa lớn gây ngập nhiều tuyến phố."},
        "html": {"type": "string", "description": "the page's HTML, instead of text"},
        "url": {"type": "string"},
        "source": {"type": "string", "example": "Tin Nhanh"},
        "published": {"type": "string", "example": "2024-03-12",
                      "description": "2024-03-12, 2024-03, 2024 or 12/3/2024"},
    },
}
_LIST = {"type": "array", "items": {
    "oneOf": [_ITEM, {"type": "string", "description": "a raw text or HTML page"}]}}
PAGES_BODY: dict[str, Any] = {
    "requestBody": {"required": True, "content": {
        "application/json": {"schema": _LIST},
        "text/plain": {"schema": {"type": "string"}},
        "text/html": {"schema": {"type": "string"}},
    }},
    "security": [{"token": []}],
    "responses": {"401": {"description": "no valid API token"},
                  "413": {"description": "body over web_max_body_bytes"},
                  "422": {"description": "body cannot be read; the reason is given"},
                  "503": {"description": "analysis queue full (Retry-After) or timed out"}},
}


def find_article(store: Store, article_id: str) -> Article:
    """The article with this id or unique prefix; 404 if none, 409 (raised) if ambiguous."""
    article = store.get_article(article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r} in the store; "
                            "see GET /api/articles for the ids")
    return article


def _limit(default: int = 50) -> Any:
    return Query(default, ge=0, le=1000)


def _offset() -> Any:
    return Query(0, ge=0, le=MAX_OFFSET)


@router.get("/health")
def health(request: Request) -> dict[str, Any]:
    """The app is up and its store answers."""
    store = store_of(request)
    pool = request.app.state.pool
    return {"status": "ok", "version": __version__, "store": store.url,
            "articles": store.count_articles(), "analysis_busy": pool.busy}


@router.get("/articles")
def list_articles(request: Request, limit: int = _limit(),
                  offset: int = _offset()) -> dict[str, Any]:
    """Stored articles in the order they were added, and how many there are in all."""
    store = store_of(request)
    found = store.list_articles(limit=limit, offset=offset)
    return {"total": store.count_articles(), "limit": limit, "offset": offset,
            "articles": [article_to_json(a) for a in found]}


@router.get("/articles/{article_id}")
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    """One article by id or unique id prefix, with the story it is in (or null)."""
    store = store_of(request)
    article = find_article(store, article_id)
    return {**article_to_json(article), "story": store.story_of(article.id)}


@router.get("/stories")
def list_stories(request: Request, limit: int = Query(20, ge=1, le=cards.MAX_PAGE),
                 offset: int = _offset(), since: str | None = None, until: str | None = None,
                 outlet: str | None = None, name: str | None = None) -> dict[str, Any]:
    """Stories, the latest news first, from their stored counts and dates (a page at a time).

    Filters: ``since``/``until`` (2024-03-01 or 1/3/2024: stories with news in the range),
    ``outlet`` (an article from it), ``name`` (a person, organisation or place it names).
    """
    filters = _filters(since, until, outlet, name)
    if offset % limit:
        raise HTTPException(422, f"offset must be a multiple of limit ({limit})")
    found = cards.story_cards(store_of(request), offset // limit + 1, limit, filters)
    return {"total": found.total, "limit": limit, "offset": offset,
            "stories": [c.to_json() for c in found.cards]}


def _filters(since: str | None, until: str | None, outlet: str | None,
             name: str | None) -> cards.Filters:
    days = {}
    for key, value in (("since", since), ("until", until)):
        if value:
            day = cards.day_or_none(value)
            if day is None:
                raise HTTPException(422, f"{key}={value!r} is not a date; write 2024-03-05 "
                                    "or 5/3/2024")
            days[key] = day
    return cards.Filters(days.get("since"), days.get("until"), outlet or None, name or None)


@router.get("/stories/{story_id}")
def get_story(request: Request, story_id: str) -> dict[str, Any]:
    """One story with its stored summary, timeline and names, its counts and its articles."""
    store = store_of(request)
    story = store.get_story(story_id)
    if story is None:
        raise HTTPException(404, f"no story with id {story_id!r} in the store; "
                            "see GET /api/stories for the ids")
    card = cards.story_card(store, story.id)
    briefs = cards.members(store, story.id)
    return {**story_to_json(story), **(card.to_json() if card else {}),
            "article_titles": {b.id: b.title for b in briefs}}


@router.get("/search")
def search(request: Request, q: str = Query(..., min_length=1, max_length=200),
           kind: str | None = Query(None, pattern="^(article|story)$"),
           limit: int = Query(20, ge=1, le=100), offset: int = Query(0, ge=0, le=1000)
           ) -> dict[str, Any]:
    """Articles and stories matching every syllable of ``q`` (accents optional), ranked."""
    result = request.app.state.search.search(q, kind, limit, offset)
    return {"query": q, "syllables": result.words, "total": result.total, "limit": limit,
            "offset": offset, "hits": [h.to_json() for h in result.hits]}


@router.get("/names/{name}")
def get_name(request: Request, name: str, limit: int = Query(50, ge=1, le=cards.MAX_PAGE),
             offset: int = _offset()) -> dict[str, Any]:
    """A name's stories over time and the ways it was written."""
    if offset % limit:
        raise HTTPException(422, f"offset must be a multiple of limit ({limit})")
    view = cards.name_view(store_of(request), name, offset // limit + 1, limit)
    if view is None:
        raise HTTPException(404, f"no story names {name!r}")
    return {"name": view.name, "type": view.type, "variants": view.variants,
            "total": view.total, "limit": limit, "offset": offset,
            "stories": [{"id": s.id, "title": s.title, "mentions": s.count,
                         "article_count": s.articles,
                         "first_published": s.first.iso() if s.first else None,
                         "last_published": s.last.iso() if s.last else None}
                        for s in view.stories]}


@router.post("/digest", openapi_extra=PAGES_BODY)
async def post_digest(request: Request,
                      length: int | None = Query(None, ge=1, le=5000,
                                                 description="summary length in syllables")
                      ) -> JSONResponse:
    """Articles and stories of the pages sent, as ``thoisu digest --format json`` writes them,
    plus ``problems``: the items that gave no article and why. Nothing is stored."""
    from thoisu.web.jobs import digest_job

    body = await request.body()
    status, out = await request.app.state.pool.run(
        digest_job, body, request.headers.get("content-type"), settings_of(request), length)
    return JSONResponse(out, status)


@router.post("/articles", openapi_extra=PAGES_BODY)
async def post_articles(request: Request) -> JSONResponse:
    """Clean, analyse and store the pages sent, and put them into stories (with summaries,
    timelines and names stored). Answers which ids were added, which were already stored,
    the stories changed, and each item that gave no article (or could not be stored) with
    why."""
    from thoisu.web.jobs import ingest_job

    body = await request.body()
    status, out = await request.app.state.pool.run(
        ingest_job, request.app.state.worker_db_url, body, request.headers.get("content-type"),
        settings_of(request))
    await run_in_threadpool(request.app.state.search.catch_up, True)
    return JSONResponse(out, status)
