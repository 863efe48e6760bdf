"""The sources thoisu follows and how their polls went: ``GET /sources`` and ``/api/sources``.

Sources are added and polled by ``thoisu sources add`` and ``thoisu watch``; the web app only
shows them (read-only), so editors see which feed fails and why without a terminal.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from thoisu.model import Source
from thoisu.web.shared import html_page, store_of

router = APIRouter()


def _sources(request: Request) -> list[Source]:
    from thoisu.store.sources import SourceBook

    return SourceBook(store_of(request)).all()


@router.get("/api/sources", tags=["api"], summary="Followed sources and their polling state")
def api_sources(request: Request) -> JSONResponse:
    """Every source: URL, name, kind, interval (s), last poll, articles found, consecutive
    failures, backoff end, last error with its reason, next poll (ISO times, UTC)."""
    return JSONResponse({"sources": [s.to_json() for s in _sources(request)]})


def _when(value: datetime | None) -> str:
    return value.strftime("%H:%M %d/%m/%Y (UTC)") if value else "chưa"


def _row(source: Source) -> dict[str, Any]:
    from thoisu.sources.dates import show_every

    if source.failures:
        state = (f"lỗi {source.failures} lần liên tiếp; tạm dừng đến "
                 f"{_when(source.backoff_until)}")
    else:
        state = "bình thường" if source.last_poll else "chưa đọc lần nào"
    return {"source": source, "every": show_every(source.every), "state": state,
            "failing": bool(source.failures), "last_poll": _when(source.last_poll),
            "next_poll": _when(source.next_poll()), "error_at": _when(source.last_error_at)}


@router.get("/sources", response_class=HTMLResponse, include_in_schema=False)
def sources_page(request: Request) -> HTMLResponse:
    rows = [_row(s) for s in _sources(request)]
    return html_page(request, "sources.html", {"rows": rows,
                                               "failing": sum(r["failing"] for r in rows)})
