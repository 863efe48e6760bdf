"""The FastAPI application: REST API under ``/api``, HTML pages for editors, one store.

>>> from thoisu.web import create_app                         # doctest: +SKIP
>>> app = create_app("sqlite:///tin.db")   # then: uvicorn, or TestClient(app)

The store is opened when the app is made, so a wrong URL fails at once with the store's own
message, and closed when the app shuts down. Interactive docs (``/docs``) are off: Swagger UI
loads its scripts from a CDN and the app must work offline; ``/openapi.json`` stays.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from thoisu import __version__
from thoisu.settings import Settings, load_settings
from thoisu.store import AmbiguousIdError, Store, StoreError
from thoisu.web.derive import StoryCache

HERE = Path(__file__).resolve().parent
T = TypeVar("T")


def create_app(db_url: str | None = None, settings: Settings | None = None) -> FastAPI:
    """The app over the store at ``db_url`` (else ``settings.db_url``, else the default file)."""
    settings = settings or load_settings()
    store = Store.open(db_url or settings.db_url or None)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            store.close()

    app = FastAPI(title="thoisu", version=__version__, lifespan=lifespan,
                  description="Vietnamese news: articles, stories, summaries and timelines.",
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.store = store
    app.state.settings = settings
    # Requests run in a thread pool, but the taggers behind cleaning, dates, names and
    # summaries (CRF models) are not safe to call from two threads at once: model work takes
    # this lock. On a newsroom's few cores little is lost, as that work holds the GIL anyway.
    app.state.work = threading.Lock()
    app.state.stories = StoryCache(app.state.work)
    app.state.templates = templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    from thoisu.web.api import router as api_router
    from thoisu.web.pages import router as page_router

    app.include_router(api_router)
    app.include_router(page_router)
    _add_error_handlers(app)
    return app


def templates() -> Jinja2Templates:
    """The packaged templates; Jinja2Templates escapes every ``.html`` template's values."""
    from thoisu.web import filters

    found = Jinja2Templates(directory=HERE / "templates")
    found.env.filters.update(filters.FILTERS)
    return found


def store_of(request: Request) -> Store:
    """The app's store (opened by :func:`create_app`)."""
    store: Store = request.app.state.store
    return store


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def error_response(request: Request, status: int, message: str,
                   extra: dict[str, Any] | None = None) -> Response:
    """``{"error": ..., "status": ...}`` for the API, a small Vietnamese page for people."""
    if wants_json(request):
        return JSONResponse({"error": message, "status": status, **(extra or {})}, status)
    page: Response = request.app.state.templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status)
    return page


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = (f"no such route: {request.url.path}; see /openapi.json"
                       if wants_json(request) else f"Không có trang {request.url.path}.")
        return error_response(request, exc.status_code, message)

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


async def locked_work(request: Request, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` in the thread pool, holding the app's model-work lock."""
    from fastapi.concurrency import run_in_threadpool

    def run() -> T:
        with request.app.state.work:
            return fn(*args)

    return await run_in_threadpool(run)


def html_page(request: Request, name: str, context: dict[str, Any],
              status: int = 200) -> HTMLResponse:
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, name, context, status_code=status)
    return response
