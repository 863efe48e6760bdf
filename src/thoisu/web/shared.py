"""What the web app's routes share: the store, settings and caller of a request, absolute
URLs from the configured base, error answers and page rendering. Its own module, so the routes
(:mod:`thoisu.web.api`, :mod:`thoisu.web.pages`, :mod:`thoisu.web.sources_page`) never import
the app that mounts them.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from thoisu.settings import Settings
from thoisu.store import Store
from thoisu.web.access import Caller


def store_of(request: Request) -> Store:
    """The app's store (opened by :func:`create_app`)."""
    store: Store = request.app.state.store
    return store


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def caller_of(request: Request) -> Caller:
    caller: Caller = request.scope.get("state", {}).get("caller") or Caller()
    return caller


def absolute(request: Request, path: str) -> str:
    """An absolute URL for a root-relative ``path``, from the configured base URL."""
    base: str = request.app.state.base_url
    base_path: str = request.app.state.base_path
    if base_path and path.startswith(base_path):
        path = path[len(base_path):]
    return base + path


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def error_response(request: Request, status: int, message: str,
                   extra: dict[str, Any] | None = None,
                   headers: dict[str, str] | None = None) -> Response:
    """``{"error": ..., "status": ...}`` for the API, a small Vietnamese page for people."""
    if wants_json(request):
        return JSONResponse({"error": message, "status": status, **(extra or {})}, status,
                            headers=headers)
    page: Response = request.app.state.templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status,
        headers=headers)
    return page


def html_page(request: Request, name: str, context: dict[str, Any],
              status: int = 200) -> HTMLResponse:
    context = {"caller": caller_of(request), **context}
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, name, context, status_code=status)
    return response
