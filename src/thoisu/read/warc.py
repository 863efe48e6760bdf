"""WARC (``.warc``, ``.warc.gz``): one page per HTML response record, read as a stream.

Only ``response`` records with a 2xx status and an HTML content type (``text/html``,
``application/xhtml+xml``) become pages; requests, metadata, redirects and images are passed
over. ``meta["url"]`` is the record's ``WARC-Target-URI``; ``meta["crawled"]`` its
``WARC-Date``, which is when the page was fetched, not when it was published, so it is never
put in ``meta["published"]``. The charset of the HTTP ``Content-Type`` wins over the page's
``<meta charset>``.

``Origin.line`` is the record number: 1 for the first record of the file (usually
``warcinfo``), counting every record; ``Origin.id`` is the ``WARC-Record-ID``.
``max_file_bytes`` applies to each record's ``Content-Length``, not to the file.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from thoisu.model import Origin, Problem, RawPage
from thoisu.read import problems
from thoisu.read.html import read_html
from thoisu.settings import Settings

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def _content_type(value: str | None) -> tuple[str, str | None]:
    """``("text/html", "utf-8")`` from ``"text/html; charset=utf-8"``."""
    if not value:
        return "", None
    kind, *params = value.split(";")
    charset = None
    for param in params:
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'") or None
    return kind.strip().lower(), charset


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    kind, _ = _content_type(record.http_headers.get_header("Content-Type"))
    return status.startswith("2") and kind in HTML_TYPES


def _page(record: Any, number: int, path: str, limit: int) -> RawPage | Problem:
    _, charset = _content_type(record.http_headers.get_header("Content-Type"))
    # Content-Encoding (gzip) is undone here, so the body may outgrow Content-Length.
    body = record.content_stream().read(limit + 1)
    if len(body) > limit:
        return problems.too_large(path, len(body), limit, number)
    page = read_html(body, path, declared=charset)
    if isinstance(page, Problem):
        page.line = number
        return page
    headers = record.rec_headers
    page.origin = Origin(path, line=number, id=headers.get_header("WARC-Record-ID"))
    page.meta["url"] = headers.get_header("WARC-Target-URI")
    page.meta["crawled"] = headers.get_header("WARC-Date")
    return page


def read_warc(stream: BinaryIO, path: str, settings: Settings) -> Iterator[RawPage | Problem]:
    """Pages and problems of a WARC stream (plain or gzipped), in record order."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    broken = (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error)
    limit = settings.max_file_bytes
    number = at = 0
    found = False
    try:
        records = iter(ArchiveIterator(stream))
        while True:
            at = number + 1  # the record being read, for the message if it is broken
            try:
                record = next(records)
            except StopIteration:
                break
            number = at
            if not _is_html_response(record):
                continue
            found = True
            length = int(record.rec_headers.get_header("Content-Length") or 0)
            if length > limit:
                yield problems.too_large(path, length, limit, number)
                continue
            yield _page(record, number, path, limit)
    except broken as exc:
        # A broken record cannot be stepped over: where the next one starts is unknown.
        yield problems.bad_warc(path, at if number else None, exc)
        return
    if not found:
        yield problems.no_html_records(path)
