"""Template filters: dates as Vietnamese readers write them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from thoisu.model import PartialDate


def vi_date(value: PartialDate | None) -> str:
    """``12/3/2024``, ``3/2011``, ``2015``, ``28/3`` (year unknown); ``—`` when unknown."""
    if value is None:
        return "—"
    parts = [str(p) for p in (value.day, value.month) if p is not None]
    if value.year is not None:
        parts.append(str(value.year))
    if value.month is None and value.day is not None:
        return f"ngày {value.day}" + (f", năm {value.year}" if value.year else "")
    return "/".join(parts) or "—"


def web_link(value: str | None) -> str | None:
    """The URL if it is an http(s) link, else None: a stored ``javascript:`` URL stays inert."""
    if not value:
        return None
    scheme = value.strip().split(":", 1)[0].lower()
    return value.strip() if scheme in ("http", "https") else None


def short_id(value: str) -> str:
    return value[:8]


FILTERS: dict[str, Callable[..., Any]] = {"vi_date": vi_date, "short_id": short_id,
                                          "web_link": web_link}
