"""HTML: one file, one page, decoded by its byte-order mark, then its ``<meta charset>``
(or the ``encoding`` of an XHTML ``<?xml ...?>`` declaration)."""

from __future__ import annotations

import re

from thoisu.model import Origin, Problem, RawPage
from thoisu.read.text import decode_or_problem, note_replaced

# Where browsers look for a declaration (the HTML standard prescans the first 1024 bytes;
# pages with long <head> scripts push it further, so we look a little deeper).
PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",  # XHTML
    re.I,
)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in ``<meta charset>`` or ``<meta http-equiv>``, if any.

    >>> declared_charset(b'<html><head><meta charset="windows-1258">')
    'windows-1258'
    """
    match = _META_CHARSET.search(data[:PRESCAN_BYTES])
    if match is None:
        return None
    return (match.group(1) or match.group(2)).decode("ascii")


def read_html(data: bytes, path: str, declared: str | None = None) -> RawPage | Problem:
    """The page an HTML file holds: ``RawPage(html=...)``.

    ``declared`` (an HTTP header's charset) wins over the page's own ``<meta charset>``;
    a byte-order mark wins over both.
    """
    decoded = decode_or_problem(data, path, declared or declared_charset(data))
    if isinstance(decoded, Problem):
        return decoded
    html, codec = decoded
    return note_replaced(RawPage(origin=Origin(path), html=html, encoding=codec), data)
