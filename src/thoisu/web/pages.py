"""HTML pages for editors: stories, one story, its feed, one article, a name, search, login,
upload.

Labels are Vietnamese; every value is escaped by the templates (Jinja2 autoescape). The pieces
of markup not written by a template are the timeline chart (an SVG from
:func:`thoisu.render.timeline_chart.timeline_svg`, which escapes what it draws) and search
snippets (escaped by :mod:`thoisu.store.search` before ``<mark>`` is added). Every page reads
stored results: no analysis runs to show one.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode
from xml.etree import ElementTree as ET

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from thoisu.model import Article, Story
from thoisu.store import cards
from thoisu.web.access import COOKIE, SESSION_SECONDS
from thoisu.web.api import MAX_OFFSET, find_article
from thoisu.web.shared import absolute, caller_of, html_page, settings_of, store_of

router = APIRouter(include_in_schema=False)
PER_PAGE = 20
MAX_PAGE_NUMBER = MAX_OFFSET // PER_PAGE
UPLOAD_FILES = 20


def _outlets(request: Request) -> list[tuple[str, int]]:
    """The outlets for the filter menu, recounted when the store has changed."""
    mark = request.app.state.mark.current()
    hit = getattr(request.app.state, "outlets", None)
    if hit and hit[0] == mark:
        return list(hit[1])
    found = cards.outlets(store_of(request))
    request.app.state.outlets = (mark, found)
    return found


@router.get("/", response_class=HTMLResponse)
def home(request: Request, page: int = Query(1, ge=1, le=MAX_PAGE_NUMBER),
         since: str = Query("", max_length=20), until: str = Query("", max_length=20),
         outlet: str = Query("", max_length=200), name: str = Query("", max_length=200),
         q: str = Query("", max_length=200)) -> Response:
    if q.strip():
        return RedirectResponse(f"{request.app.state.base_path}/search?"
                                f"{urlencode({'q': q.strip()})}", 303)
    problems = []
    days: dict[str, str | None] = {}
    for key, value in (("since", since), ("until", until)):
        days[key] = cards.day_or_none(value) if value.strip() else None
        if value.strip() and days[key] is None:
            problems.append(f"“{value}” không phải ngày (viết 5/3/2024 hoặc 2024-03-05).")
    filters = cards.Filters(days["since"], days["until"], outlet.strip() or None,
                            name.strip() or None)
    store = store_of(request)
    found = cards.story_cards(store, page, PER_PAGE, filters)
    kept = {k: v for k, v in (("since", since), ("until", until), ("outlet", outlet),
                              ("name", name)) if v.strip()}
    return (html_page(request, "index.html", {
        "found": found, "filters": filters, "form": kept, "problems": problems,
        "outlets": _outlets(request), "query": urlencode(kept),
        "total_articles": store.count_articles()}))


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = Query("", max_length=200),
                kind: str = Query("", pattern="^(|article|story)$"),
                page: int = Query(1, ge=1, le=50)) -> Response:
    result = None
    if q.strip():
        result = request.app.state.search.search(q, kind or None, PER_PAGE,
                                                 (page - 1) * PER_PAGE)
    pages = max(1, -(-min(result.total, 1000) // PER_PAGE)) if result else 1
    return (html_page(request, "search.html", {
        "q": q.strip(), "kind": kind, "result": result, "page": page, "pages": pages,
        "query": urlencode({"q": q.strip(), "kind": kind})}))


def timeline_chart(story: Story) -> Markup | None:
    """The SVG chart of the story's timeline, or None when there is no timeline."""
    if not story.timeline:
        return None
    from thoisu.render.timeline_chart import timeline_svg

    # The chart module escapes the texts it draws; its output is markup we trust.
    return Markup(timeline_svg(story.timeline))


def _story(request: Request, story_id: str) -> Story:
    story = store_of(request).get_story(story_id)
    if story is None:
        raise HTTPException(404, f"Không có câu chuyện {story_id!r} trong kho.")
    return story


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    store = store_of(request)
    story = _story(request, story_id)
    briefs = cards.members(store, story.id)
    by_id = {b.id: b for b in briefs}
    number = {aid: k for k, aid in enumerate(story.articles, 1)}
    return html_page(request, "story.html", {
        "story": story, "card": cards.story_card(store, story.id), "briefs": briefs,
        "by_id": by_id, "number": number, "chart": timeline_chart(story),
        "related": cards.related_stories(store, story.id)})


@router.get("/stories/{story_id}/feed.atom")
def story_feed(request: Request, story_id: str) -> Response:
    """An Atom feed of the story's articles, newest stored first; links from the base URL."""
    store = store_of(request)
    story = _story(request, story_id)
    briefs = sorted(cards.members(store, story.id), key=lambda b: str(b.added_at or ""),
                    reverse=True)[:50]
    base = request.app.state.base_path
    ns = "http://www.w3.org/2005/Atom"
    feed = ET.Element("feed", xmlns=ns)
    ET.SubElement(feed, "title").text = story.title or story.id
    story_url = absolute(request, f"{base}/stories/{quote(story.id)}")
    ET.SubElement(feed, "id").text = story_url
    ET.SubElement(feed, "link", href=story_url)
    ET.SubElement(feed, "link", rel="self", href=story_url + "/feed.atom")
    ET.SubElement(feed, "updated").text = _stamp(briefs[0].added_at if briefs else None)
    for b in briefs:
        entry = ET.SubElement(feed, "entry")
        url = absolute(request, f"{base}/articles/{quote(b.id)}")
        ET.SubElement(entry, "title").text = b.title or b.id
        ET.SubElement(entry, "id").text = url
        ET.SubElement(entry, "link", href=url)
        ET.SubElement(entry, "updated").text = _stamp(b.added_at)
        if b.source:
            ET.SubElement(ET.SubElement(entry, "author"), "name").text = b.source
    body = b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8")
    return Response(body, media_type="application/atom+xml; charset=utf-8")


def _stamp(value: Any) -> str:
    from datetime import UTC, datetime

    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            value = None
    if not isinstance(value, datetime):
        return "1970-01-01T00:00:00Z"
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sentence_pieces(article: Article) -> list[list[tuple[str, int | None]]]:
    """Each text paragraph (lead first) as pieces: (text, sentence index or None for the
    stretches between sentences), so each sentence gets an anchor ``#s<index>``.

    The sentences are the stored ones: an article kept without analysis shows its paragraphs
    whole, with no anchors, until ``thoisu reanalyse`` fills it (the page splits nothing)."""
    sentences = article.sentences
    paragraphs = [article.lead, *article.paragraphs]
    out: list[list[tuple[str, int | None]]] = [[] for _ in paragraphs]
    cursor = [0] * len(paragraphs)
    for s in sentences:
        if not 0 <= s.paragraph < len(paragraphs):
            continue
        para = paragraphs[s.paragraph]
        at = para.find(s.text, max(s.start, cursor[s.paragraph])) if s.text else -1
        if at < 0:
            at = para.find(s.text, cursor[s.paragraph]) if s.text else -1
        if at < 0:
            continue
        if at > cursor[s.paragraph]:
            out[s.paragraph].append((para[cursor[s.paragraph]:at], None))
        out[s.paragraph].append((s.text, s.index))
        cursor[s.paragraph] = at + len(s.text)
    for number, para in enumerate(paragraphs):
        if cursor[number] < len(para):
            out[number].append((para[cursor[number]:], None))
    return out


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    store = store_of(request)
    try:
        article = find_article(store, article_id)
    except HTTPException as exc:
        raise HTTPException(404, f"Không có bài báo {article_id!r} trong kho.") from exc
    pieces = sentence_pieces(article)
    return html_page(request, "article.html", {
        "article": article, "lead": pieces[0] if pieces else [],
        "blocks": article_blocks(article, pieces[1:]),
        "story": cards.story_with_members(store, article.id)})


def article_blocks(article: Article, paragraphs: list[list[tuple[str, int | None]]]
                   ) -> list[tuple[str, Any]]:
    """The body as the page showed it: ``("p", pieces)``, ``("h", pieces)`` for a subheading,
    ``("caption", text)`` beside the paragraph it followed (from the cleaner's
    ``meta["layout"]``; captions with no known place come last)."""
    layout = article.meta.get("layout") if isinstance(article.meta.get("layout"), dict) else {}
    heads = {i for i in layout.get("subheadings", []) if isinstance(i, int)}
    after: dict[int, list[str]] = {}
    placed = layout.get("captions_after", [])
    left: list[str] = []
    for k, caption in enumerate(article.captions):
        where = placed[k] if k < len(placed) and isinstance(placed[k], int) else None
        if where is None or where >= len(paragraphs):
            left.append(caption)
        else:
            after.setdefault(where, []).append(caption)
    blocks: list[tuple[str, Any]] = [("caption", c) for c in after.get(-1, [])]
    for i, pieces in enumerate(paragraphs):
        blocks.append(("h" if i in heads else "p", pieces))
        blocks += [("caption", c) for c in after.get(i, [])]
    return blocks + [("caption", c) for c in left]


@router.get("/names/{name}", response_class=HTMLResponse)
def name_page(request: Request, name: str,
              page: int = Query(1, ge=1, le=MAX_PAGE_NUMBER)) -> HTMLResponse:
    view = cards.name_view(store_of(request), name, page)
    if view is None:
        raise HTTPException(404, f"Không có câu chuyện nào nhắc tới “{name}”.")
    return html_page(request, "name.html", {"view": view})


# -- login -----------------------------------------------------------------------------------

def _next(value: str | None, base: str) -> str:
    """Where to go after logging in: a path on this site only (never //other.host)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value if value.startswith(base or "/") else base + value
    return base + "/"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = Query("", max_length=2000)) -> HTMLResponse:
    return html_page(request, "login.html", {"next": next, "error": None})


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    from thoisu.store.tokens import check_token

    form = await request.form(max_files=0, max_fields=5)
    token = str(form.get("token") or "").strip()
    target = _next(str(form.get("next") or ""), request.app.state.base_path)
    info = await run_in_threadpool(check_token, store_of(request), token) if token else None
    if info is None:
        return html_page(request, "login.html", {
            "next": str(form.get("next") or ""),
            "error": "Mã truy cập không đúng hoặc đã bị thu hồi."}, status=401)
    response = RedirectResponse(target, 303)
    base_url: str = request.app.state.base_url
    response.set_cookie(COOKIE, request.app.state.signer.sign(info.id), max_age=SESSION_SECONDS,
                        path=(request.app.state.base_path or "/"), httponly=True,
                        samesite="strict", secure=base_url.startswith("https://"))
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    response = RedirectResponse(request.app.state.base_path + "/", 303)
    response.delete_cookie(COOKIE, path=(request.app.state.base_path or "/"))
    return response


# -- upload ----------------------------------------------------------------------------------

def _csrf(request: Request) -> str:
    from thoisu.web.access import cookie_value

    cookie = cookie_value(request.headers.get("cookie", "")) or ""
    return request.app.state.signer.csrf(cookie) if cookie else ""


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request) -> Response:
    from thoisu.web.access import cookie_value

    caller = caller_of(request)
    if caller.via == "session":
        # On an open read the gate checks only the cookie's signature; the form is for a
        # token that still stands, so ask the store (a revoked token gets the login page).
        caller = request.app.state.access.by_session(
            cookie_value(request.headers.get("cookie", "")) or "")
    if not caller.known:
        return RedirectResponse(f"{request.app.state.base_path}/login?next="
                                f"{quote(request.app.state.base_path + '/upload', safe='')}", 303)
    return html_page(request, "upload.html", {"csrf": _csrf(request), "result": None})


@router.post("/upload", response_class=HTMLResponse)
async def upload(request: Request) -> HTMLResponse:
    """Files from the browser, stored through the same job as ``POST /api/articles``."""
    import hmac

    from starlette.datastructures import UploadFile

    from thoisu.web.jobs import upload_job

    settings = settings_of(request)
    form = await request.form(max_files=UPLOAD_FILES, max_fields=10,
                              max_part_size=settings.web_max_body_bytes)
    expected = _csrf(request)
    if not expected or not hmac.compare_digest(str(form.get("csrf") or ""), expected):
        raise HTTPException(403, "Phiên gửi tệp không hợp lệ; tải lại trang và thử lại.")
    files = []
    for value in form.getlist("files"):
        if isinstance(value, UploadFile) and value.filename:
            files.append((value.filename, await value.read()))
    await form.close()
    status, out = await request.app.state.pool.run(
        upload_job, request.app.state.worker_db_url, files, settings)
    await run_in_threadpool(request.app.state.search.catch_up, True)
    return html_page(request, "upload.html", {"csrf": expected, "result": out},
                     status=status if status >= 400 else 200)
