"""The FastAPI application: REST API under ``/api``, HTML pages for editors, one store.

>>> from thoisu.web import create_app                         # doctest: +SKIP
>>> app = create_app("sqlite:///tin.db")   # then: uvicorn, or TestClient(app)

The store is opened when the app is made, so a wrong URL fails at once with the store's own
message, and closed when the app shuts down. Every read page and API answer comes from what
the store keeps (stored summaries, timelines, names, counts and dates: queries, no analysis).
Work that analyses — ``POST /api/articles``, ``POST /api/digest``, the upload — runs in the
bounded process pool of :mod:`thoisu.web.pool`, never on the event loop nor in the threads
that serve reads (``web_threads`` of them). :mod:`thoisu.web.guard` checks tokens and body
sizes before any route; :mod:`thoisu.web.cache` then answers reads rendered since the store
last changed (ETag, 304).
API docs are at ``/docs``, served from the ``swagger-ui-bundle`` package (works offline).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from starlette.exceptions import HTTPException as StarletteHTTPException

from thoisu import __version__
from thoisu.settings import Settings, load_settings
from thoisu.store import AmbiguousIdError, Store, StoreError
from thoisu.web.access import Access, Signer, session_key
from thoisu.web.pool import AnalysisPool, JobTimeout, PoolFull
from thoisu.web.shared import error_response, wants_json

HERE = Path(__file__).resolve().parent
DEFAULT_BASE_URL = "http://127.0.0.1:8000"
DEFAULT_THREADS = 2  # read threads per process when web_threads is 0


def create_app(db_url: str | None = None, settings: Settings | None = None,
               base_url: str | None = None) -> FastAPI:
    """The app over the store at ``db_url`` (else ``settings.db_url``, else the default file).

    ``base_url`` (else ``settings.web_base_url``, else http://127.0.0.1:8000) is where the
    app is reached: absolute links are made from it, never from a request's ``Host``.
    """
    settings = settings or load_settings()
    store = Store.open(db_url or settings.db_url or None)
    from thoisu.store.search import SearchIndex

    search = SearchIndex(store)
    from thoisu.web.jobs import warm_job

    pool = AnalysisPool(settings.web_analysis_workers, settings.web_analysis_queue,
                        settings.web_analysis_timeout, partial(warm_job, settings))
    base = (base_url or settings.web_base_url or DEFAULT_BASE_URL).rstrip("/")
    base_path = urlsplit(base).path.rstrip("/")

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # The search index catches up with what other programs stored, without holding up
        # the start; a search before it is done waits for it.
        threading.Thread(target=_catch_up, args=(search,), daemon=True,
                         name="thoisu-search-index").start()
        _bound_threads(settings.web_threads or DEFAULT_THREADS)
        pool.start()
        try:
            yield
        finally:
            pool.close()
            store.close()

    app = FastAPI(title="thoisu", version=__version__, lifespan=lifespan,
                  description="Vietnamese news: articles, stories, summaries and timelines. "
                  "Writes need an API token: `Authorization: Bearer <token>` "
                  "(`thoisu tokens create NAME`).",
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.store = store
    app.state.settings = settings
    app.state.search = search
    app.state.pool = pool
    app.state.base_url = base
    app.state.base_path = base_path
    # The workers open the same store themselves (password and all: it stays in memory).
    app.state.worker_db_url = store.engine.url.render_as_string(hide_password=False)
    signer = Signer(session_key(settings))
    app.state.signer = signer
    from thoisu.store.changes import ChangeMark

    mark = ChangeMark(store)
    app.state.mark = mark
    app.state.access = Access(store, signer, mark=mark)
    app.state.templates = templates(base_path)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    from thoisu.web.api import router as api_router
    from thoisu.web.docs import router as docs_router
    from thoisu.web.docs import swagger_assets
    from thoisu.web.pages import router as page_router

    app.mount("/docs/assets", swagger_assets(), name="docs_assets")
    app.include_router(api_router)
    app.include_router(docs_router)
    app.include_router(page_router)
    # Owner G (issue #12): the sources page and /api/sources.
    from thoisu.web.sources_page import router as sources_router

    app.include_router(sources_router)
    _add_error_handlers(app)
    # The Swagger UI packaged by swagger-ui-bundle (4.x) reads OpenAPI 3.0 only; nothing in
    # the schema needs 3.1.
    app.openapi_version = "3.0.3"

    from thoisu.web.cache import ReadCache
    from thoisu.web.guard import Guard

    # Added first, so it runs inside the gate: it sees who asks, and never answers a
    # request the gate refuses.
    app.add_middleware(ReadCache, mark=mark, size=settings.web_cache_pages, salt=__version__,
                       shared=_shared_pages(settings))
    app.add_middleware(Guard, access=app.state.access, max_body=settings.web_max_body_bytes,
                       read_token=settings.web_read_token, base_path=base_path)
    return app


def _shared_pages(settings: Settings) -> Any:
    """The folder the server's processes share their rendered answers in (None: each
    keeps its own in memory only)."""
    from thoisu.web.shared_pages import SharedPages

    where = settings.web_cache_dir.strip()
    if settings.web_cache_pages <= 0 or not where or where.lower() == "off":
        return None
    return SharedPages.open(Path(where).expanduser(), settings.web_cache_pages)


def _bound_threads(count: int) -> None:
    """At most ``count`` reads at once in this process: each holds the interpreter while it
    renders, so the 40 threads Starlette allows would only make every read wait longer."""
    import anyio.to_thread

    anyio.to_thread.current_default_thread_limiter().total_tokens = max(1, count)


def _catch_up(search: Any) -> None:
    # A failure here is not fatal: a search later retries and reports what is wrong.
    with contextlib.suppress(Exception):
        search.catch_up(force=True)


def templates(base_path: str = "") -> Jinja2Templates:
    """The packaged templates; Jinja2Templates escapes every ``.html`` template's values.

    ``url_for`` gives paths from the site's root (the base URL's path, then the route),
    never an absolute URL built from the request's ``Host`` header.
    """
    from thoisu.web import filters

    found = Jinja2Templates(directory=HERE / "templates")
    found.env.filters.update(filters.FILTERS)

    @pass_context
    def url_for(context: dict[str, Any], name: str, /, **params: Any) -> str:
        request: Request = context["request"]
        paths = getattr(request.app.state, "paths", None)
        if paths is None or paths.app is not request.app:
            paths = request.app.state.paths = RoutePaths(request.app)
        return base_path + paths.path_for(name, params)

    found.env.globals["url_for"] = url_for
    return found


class RoutePaths:
    """Paths of named routes, as ``app.url_path_for`` gives them, without its walk each time.

    Starlette finds a name by trying every route (and every included router) in turn, each
    failure an exception: a third of a story page's rendering went there (it links every
    member, copy and related story). Here each (name, parameter names) is asked of
    ``url_path_for`` once, with markers for values; the path it gives is kept as a template
    and a real value is put in place of its marker. A value that a plain text parameter
    would not take as it is (empty, with a ``/``, not a string) goes to ``url_path_for``, as
    does a route whose path does not show each marker once.
    """

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self._templates: dict[tuple[str, tuple[str, ...]], list[str] | None] = {}

    def path_for(self, name: str, params: dict[str, Any]) -> str:
        keys = tuple(sorted(params))
        if not all(isinstance(v, str) and v and "/" not in v for v in params.values()):
            return str(self.app.url_path_for(name, **params))
        template = self._templates.get((name, keys), False)
        if template is False:
            template = self._templates[(name, keys)] = self._template(name, keys)
        if template is None:
            return str(self.app.url_path_for(name, **params))
        # template: text, key, text, key, ..., text
        return "".join(params[part] if k % 2 else part for k, part in enumerate(template))

    def _template(self, name: str, keys: tuple[str, ...]) -> list[str] | None:
        import re

        markers = {key: f"\x00{k}\x00" for k, key in enumerate(keys)}
        try:
            path = str(self.app.url_path_for(name, **markers))
        except Exception:  # the route's own error is raised again at each real call
            return None
        parts = re.split("(\x00\\d+\x00)", path)
        found = [keys[int(parts[k][1:-1])] for k in range(1, len(parts), 2)]
        if sorted(found) != list(keys):
            return None  # a convertor changed the marker, or the path uses one twice
        return [found[k // 2] if k % 2 else part for k, part in enumerate(parts)]


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = (f"no such route: {request.url.path}; see /docs"
                       if wants_json(request) else f"Không có trang {request.url.path}.")
        return error_response(request, exc.status_code, message,
                              headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        details = [{"where": ".".join(str(p) for p in e.get("loc", ())), "reason": e.get("msg")}
                   for e in exc.errors()]
        message = "; ".join(f"{d['where']}: {d['reason']}" for d in details) or "invalid request"
        return error_response(request, 422, message, {"details": details})

    @app.exception_handler(AmbiguousIdError)
    async def ambiguous(request: Request, exc: AmbiguousIdError) -> Response:
        return error_response(request, 409, exc.message)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return error_response(request, 503, exc.message)

    @app.exception_handler(PoolFull)
    async def pool_full(request: Request, exc: PoolFull) -> Response:
        return error_response(request, 503, "the server is busy analysing other requests; "
                              f"retry in {exc.retry_after} s",
                              headers={"Retry-After": str(exc.retry_after)})

    @app.exception_handler(JobTimeout)
    async def job_timeout(request: Request, exc: JobTimeout) -> Response:
        retry = request.app.state.pool.retry_after()
        return error_response(request, 503, str(exc), headers={"Retry-After": str(retry)})
