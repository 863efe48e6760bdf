"""HTML pages for editors: stories and recent articles, one story, one article, title search.

Labels are Vietnamese; every value is escaped by the templates (Jinja2 autoescape). The one
piece of markup not written by a template is the timeline chart, an SVG made by
:func:`thoisu.render.timeline_chart.timeline_svg`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from thoisu.model import Story
from thoisu.web.api import find_article
from thoisu.web.app import html_page, settings_of, store_of
from thoisu.web.browse import search_titles, story_rows

router = APIRouter(include_in_schema=False)
RECENT = 20


@router.get("/", response_class=HTMLResponse)
def home(request: Request, q: str = Query("", max_length=200)) -> HTMLResponse:
    store = store_of(request)
    total = store.count_articles()
    context: dict[str, Any] = {"q": q.strip(), "total": total}
    if context["q"]:
        context["results"] = search_titles(store, context["q"])
    else:
        recent = store.list_articles(limit=RECENT, offset=max(0, total - RECENT))
        context["recent"] = recent[::-1]
        context["stories"] = story_rows(store)
    return html_page(request, "index.html", context)


def timeline_chart(story: Story) -> Markup | None:
    """The SVG chart of the story's timeline, or None when there is no timeline."""
    if not story.timeline:
        return None
    from thoisu.render.timeline_chart import timeline_svg

    # The chart module escapes the texts it draws; its output is markup we trust.
    return Markup(timeline_svg(story.timeline))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    store = store_of(request)
    story = store.get_story(story_id)
    if story is None:
        raise HTTPException(404, f"Không có câu chuyện {story_id!r} trong kho.")
    view = request.app.state.stories.get(story, store, settings_of(request))
    number = {aid: k for k, aid in enumerate(view.story.articles, 1)}
    return html_page(request, "story.html", {
        "story": view.story, "articles": view.articles, "by_id": view.by_id,
        "number": number, "notes": view.notes, "chart": timeline_chart(view.story)})


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    store = store_of(request)
    try:
        article = find_article(store, article_id)
    except HTTPException as exc:
        raise HTTPException(404, f"Không có bài báo {article_id!r} trong kho.") from exc
    return html_page(request, "article.html",
                     {"article": article, "story_id": store.story_of(article.id)})
