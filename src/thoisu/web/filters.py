"""Template filters: dates as Vietnamese readers write them (``thoisu.render.dates_vi``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from thoisu.model import PartialDate
from thoisu.render.dates_vi import format_date, format_span


def vi_date(value: PartialDate | None) -> str:
    """``15/3/2016``, ``tháng 3/2011``, ``15/3 (chưa rõ năm)``; never ``XXXX``."""
    return format_date(value)


def vi_span(first: PartialDate | None, last: PartialDate | None) -> str:
    """``23–24/1/2017``; never a span that runs backwards; "không rõ ngày" when unknown."""
    return format_span(first, last) or "không rõ ngày"


def web_link(value: str | None) -> str | None:
    """The URL if it is an http(s) link, else None: a stored ``javascript:`` URL stays inert."""
    if not value:
        return None
    scheme = value.strip().split(":", 1)[0].lower()
    return value.strip() if scheme in ("http", "https") else None


def short_id(value: str) -> str:
    return value[:8]


def partial_date(value: str | None) -> PartialDate | None:
    """A stored TimeML value (``2024-03-05``) as a PartialDate, for :func:`vi_date`."""
    from thoisu.store.cards import partial

    return partial(value)


def kind_vi(value: str | None) -> str:
    return {"PER": "Người", "ORG": "Tổ chức", "LOC": "Địa danh"}.get(value or "", "Tên riêng")


FILTERS: dict[str, Callable[..., Any]] = {"vi_date": vi_date, "vi_span": vi_span,
                                          "short_id": short_id, "web_link": web_link,
                                          "kind_vi": kind_vi, "partial_date": partial_date}
