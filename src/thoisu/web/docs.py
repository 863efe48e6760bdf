"""API docs at ``/docs``: Swagger UI from the ``swagger-ui-bundle`` package, no CDN.

The page, its script and the initialiser are served by the app itself, so the docs work on a
newsroom network with no way out; the content security policy allows scripts from the app
only, hence the initialiser is a file (``static/docs.js``), not inline.
"""

from __future__ import annotations

import html

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

router = APIRouter(include_in_schema=False)
INSTALL = "pip install 'thoisu[web]' (it brings swagger-ui-bundle)"


def swagger_assets() -> StaticFiles:
    """The packaged Swagger UI files; a message instead when the package is missing."""
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        return _Missing()
    return StaticFiles(directory=swagger_ui_path)


class _Missing(StaticFiles):
    def __init__(self) -> None:
        super().__init__(directory=None, check_dir=False)

    async def get_response(self, path: str, scope: dict) -> HTMLResponse:  # type: ignore[override]
        raise HTTPException(404, f"the API docs need swagger-ui-bundle; {INSTALL}")


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    base = html.escape(request.app.state.base_path, quote=True)
    page = f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>thoisu · API</title>
<link rel="stylesheet" href="{base}/docs/assets/swagger-ui.css">
</head><body>
<div id="swagger-ui" data-openapi="{base}/openapi.json"></div>
<script src="{base}/docs/assets/swagger-ui-bundle.js"></script>
<script src="{base}/static/docs.js"></script>
</body></html>"""
    return HTMLResponse(page)
