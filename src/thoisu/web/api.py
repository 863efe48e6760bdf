"""REST routes under ``/api``.

JSON shapes are those of the digest contract (``article_to_json``, ``story_to_json``), extended
with a few keys, never changed. Errors are ``{"error": "...", "status": N}``.
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
from thoisu.settings import Settings
from thoisu.store import Store
from thoisu.web.app import locked_work, settings_of, store_of
from thoisu.web.body import BodyError, parse_body
from thoisu.web.browse import story_rows
from thoisu.web.ingest import Cleaned, clean_items

router = APIRouter(prefix="/api", tags=["api"])

# What the OpenAPI document shows for the two POST bodies (they are read by hand, so that one
# bad item is reported instead of failing the whole request).
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
PAGES_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": _LIST},
    "text/plain": {"schema": {"type": "string"}},
    "text/html": {"schema": {"type": "string"}},
}}}


def find_article(store: Store, article_id: str) -> Article:
    """The article with this id or unique prefix; 404 if none, 409 (raised) if ambiguous."""
    article = store.get_article(article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r} in the store; "
                            "see GET /api/articles for the ids")
    return article


@router.get("/health")
def health(request: Request) -> dict[str, Any]:
    """The app is up and its store answers."""
    store = store_of(request)
    return {"status": "ok", "version": __version__, "store": store.url,
            "articles": store.count_articles()}


@router.get("/articles")
def list_articles(request: Request, limit: int = Query(50, ge=0, le=1000),
                  offset: int = Query(0, ge=0)) -> dict[str, Any]:
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
def list_stories(request: Request, limit: int = Query(50, ge=0, le=1000),
                 offset: int = Query(0, ge=0)) -> dict[str, Any]:
    """Stored stories, most recent first. Summary, timeline and names are left empty here;
    ``GET /api/stories/{id}`` computes them."""
    rows = story_rows(store_of(request))
    shown = rows[offset:offset + limit]
    return {"total": len(rows), "limit": limit, "offset": offset,
            "stories": [{**story_to_json(r.story), **r.to_json()} for r in shown]}


@router.get("/stories/{story_id}")
def get_story(request: Request, story_id: str) -> dict[str, Any]:
    """One story with its summary, timeline and names (computed from its stored articles)."""
    store = store_of(request)
    story = store.get_story(story_id)
    if story is None:
        raise HTTPException(404, f"no story with id {story_id!r} in the store; "
                            "see GET /api/stories for the ids")
    view = request.app.state.stories.get(story, store, settings_of(request))
    return {**story_to_json(view.story), "notes": view.notes,
            "article_titles": {a.id: a.title for a in view.articles}}


async def _cleaned(request: Request) -> Cleaned:
    body = await request.body()
    settings = settings_of(request)
    try:
        pages, problems = parse_body(body, request.headers.get("content-type"),
                                     settings.max_file_bytes)
    except BodyError as exc:
        raise HTTPException(422, str(exc)) from exc
    return await locked_work(request, clean_items, pages, problems, settings)


@router.post("/digest", openapi_extra=PAGES_BODY)
async def post_digest(request: Request,
                      length: int | None = Query(None, ge=1, le=5000,
                                                 description="summary length in syllables")
                      ) -> JSONResponse:
    """Articles and stories of the pages sent, as ``thoisu digest --format json`` writes them,
    plus ``problems``: the items that gave no article and why. Nothing is stored."""
    from thoisu.pipeline import digest
    from thoisu.render.json_report import digest_to_json

    cleaned = await _cleaned(request)
    result = await locked_work(request, digest, cleaned.articles, settings_of(request), length)
    return JSONResponse({**digest_to_json(result),
                         "problems": [p.to_json() for p in cleaned.problems]})


@router.post("/articles", openapi_extra=PAGES_BODY)
async def post_articles(request: Request) -> JSONResponse:
    """Clean, analyse and store the pages sent, and put the new ones into stories. Answers
    which ids were added, which were already stored, the stories changed, and each item that
    gave no article (or could not be stored) with why."""
    cleaned = await _cleaned(request)
    store = store_of(request)
    result = await run_in_threadpool(store.add_articles, cleaned.articles)
    problems = [p.to_json() for p in cleaned.problems]
    problems += [{"item": cleaned.item_of.get(f.id), "id": f.id, "reason": f.reason}
                 for f in result.failed]
    added = set(result.added)
    new = [a for a in cleaned.articles if a.id in added]
    stories, notes = await locked_work(request, _update_stories, store, new, settings_of(request))
    status = 201 if result.added else 200
    return JSONResponse({"added": result.added, "already_present": result.already_present,
                         "articles": cleaned.listing(), "stories": stories,
                         "problems": problems, "notes": notes}, status)


def _update_stories(store: Store, new: list[Article],
                    settings: Settings) -> tuple[list[str], list[str]]:
    """Put the new articles into the store's stories, as ``thoisu batch`` does.

    The ids of the stories changed, and a note if they could not be updated: the articles are
    stored by then, and ``thoisu stories`` can regroup them later.
    """
    if not new:
        return [], []
    try:
        from thoisu.stories.sync import update_stories

        changed = update_stories(store, new, settings)
    except Exception as exc:
        return [], [f"stories not updated ({type(exc).__name__}: {exc}); the articles are "
                    "stored"]
    return [s.id for s in changed], []
