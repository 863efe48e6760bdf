"""Times as feeds, sitemaps and HTTP headers write them, and the times thoisu keeps."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime


def now() -> datetime:
    return datetime.now(UTC)


def aware(value: datetime | None) -> datetime | None:
    """A stored time back as UTC (SQLite hands back naive datetimes)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def parse_stamp(value: str | None) -> datetime | None:
    """An RFC 822 (RSS, HTTP) or ISO 8601 (Atom, sitemaps) time, as UTC; None if unreadable.

    A date without a time or zone is read as midnight UTC: good enough to order links.

    >>> parse_stamp("Tue, 01 Dec 2026 07:00:00 +0700").isoformat()
    '2026-12-01T00:00:00+00:00'
    >>> parse_stamp("2026-12-01T07:30:00+07:00").isoformat()
    '2026-12-01T00:30:00+00:00'
    >>> parse_stamp("hôm qua") is None
    True
    """
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        found = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            found = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return aware(found)


def sort_stamp(value: str | None) -> str | None:
    """A sortable UTC ISO string of ``value``, or None."""
    found = parse_stamp(value)
    return found.isoformat() if found else None


def retry_after(value: str | None, at: datetime) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (a number, or an HTTP date), or None.

    >>> retry_after("120", now())
    120.0
    >>> retry_after("Tue, 01 Dec 2026 07:00:30 GMT", parse_stamp("2026-12-01T07:00:00Z"))
    30.0
    """
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    when = parse_stamp(text)
    if when is None:
        return None
    return max(0.0, (when - at).total_seconds())


def http_date(value: datetime) -> str:
    """``value`` as an HTTP date: ``Tue, 01 Dec 2026 00:00:00 GMT``."""
    return format_datetime(value.astimezone(UTC), usegmt=True)


def parse_every(text: str) -> int:
    """Seconds in a polling interval: ``15m``, ``2h``, ``1d``, ``90s``, ``1h30m`` or seconds.

    >>> parse_every("15m"), parse_every("1h30m"), parse_every("600")
    (900, 5400, 600)
    """
    import re

    value = text.strip().lower()
    if value.isdigit():
        return int(value)
    parts = re.fullmatch(r"(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", value)
    if not value or parts is None:
        raise ValueError(f"{text!r} is not an interval; write it like 15m, 2h, 1d or 90s")
    days, hours, minutes, seconds = (int(g or 0) for g in parts.groups())
    return ((days * 24 + hours) * 60 + minutes) * 60 + seconds


def show_every(seconds: int) -> str:
    """``900`` → ``15m``; the shortest exact spelling.

    >>> show_every(900), show_every(5400), show_every(86400), show_every(45)
    ('15m', '1h30m', '1d', '45s')
    """
    if seconds <= 0:
        return "0s"
    out = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        count, seconds = divmod(seconds, size)
        if count:
            out.append(f"{count}{unit}")
    return "".join(out)
