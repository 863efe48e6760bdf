"""WARC (``.warc``, ``.warc.gz``): one page per HTML response record, read as a stream.

Only ``response`` records with a 2xx status and an HTML content type (``text/html``,
``application/xhtml+xml``) become pages; requests, metadata, redirects and images are passed
over. ``meta["url"]`` is the record's ``WARC-Target-URI``; ``meta["crawled"]`` its
``WARC-Date``, which is when the page was fetched, not when it was published, so it is never
put in ``meta["published"]``; the HTTP ``Date`` and ``Last-Modified`` headers, when present, go
to ``meta["http_date"]`` and ``meta["last_modified"]`` (upper bounds too). The charset of the
HTTP ``Content-Type`` wins over the page's ``<meta charset>``.

``Origin.line`` is the record number: 1 for the first record of the file (usually
``warcinfo``), counting every record; ``Origin.id`` is the ``WARC-Record-ID``.
``max_file_bytes`` applies to each record's ``Content-Length``, not to the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from thoisu.model import Origin, Problem, RawPage
from thoisu.read import problems
from thoisu.read.html import read_html
from thoisu.read.streams import prefixed
from thoisu.settings import Settings

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


class CutOff(Exception):
    """The file ends inside a record (warcio takes that for a clean end of the archive)."""

    def __str__(self) -> str:
        return "the file ends inside it"


class Malformed(Exception):
    def __str__(self) -> str:
        return "malformed or cut-off headers"


class _Watched:
    """A stream that notes where its last non-blank byte was, to tell a cut-off archive."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.position = 0
        self.last_content = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self._stream.read(size)
        kept = len(chunk.rstrip(b" \t\r\n"))
        if kept:
            self.last_content = self.position + kept
        self.position += len(chunk)
        return chunk


def _records_end(archive: Any) -> int:
    """Where the last complete record ended, in the bytes of the file."""
    try:
        return int(archive.get_record_offset()) + int(archive.get_record_length())
    except (TypeError, AttributeError):
        return 0


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
    if getattr(record.raw_stream, "limit", 0) > 0:  # bytes promised by Content-Length, unread
        return problems.bad_warc(path, number, CutOff())
    page = read_html(body, path, declared=charset)
    if isinstance(page, Problem):
        page.line = number
        return page
    headers = record.rec_headers
    page.origin = Origin(path, line=number, id=headers.get_header("WARC-Record-ID"))
    page.meta["url"] = headers.get_header("WARC-Target-URI")
    page.meta["crawled"] = headers.get_header("WARC-Date")
    # The server's clock when it answered, and when it says the page last changed: both are
    # upper bounds on the publication date (thoisu.dates.published.fetch_bound).
    for header, key in (("Date", "http_date"), ("Last-Modified", "last_modified")):
        value = record.http_headers.get_header(header)
        if value:
            page.meta[key] = value
    return page


def _quiet(archive: Any) -> Iterator[Any]:
    """The archive's records, with warcio's own warnings (printed to stderr) kept quiet: a
    broken archive gets one problem line of ours instead."""
    import contextlib
    import io
    import warnings

    records = iter(archive)
    while True:
        with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter("ignore")
            try:
                record = next(records)
            except StopIteration:
                return
        yield record


def read_warc(stream: BinaryIO, path: str, settings: Settings) -> Iterator[RawPage | Problem]:
    """Pages and problems of a WARC stream (plain or gzipped), in record order."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    limit = settings.max_file_bytes
    number = at = 0
    found = False
    head = stream.read(8)
    stream = prefixed(head, stream)
    gzipped = head.startswith(b"\x1f\x8b")
    if path.lower().endswith(".gz") and not gzipped:
        yield problems.not_gzip(path)
        return
    if not gzipped and head and not head.startswith(b"WARC/"):
        yield problems.not_warc(path)
        return
    try:
        watched = _Watched(stream)
        archive = ArchiveIterator(watched)
        records = _quiet(archive)
        while True:
            at = number + 1  # the record being read, for the message if it is broken
            try:
                record = next(records)
            except StopIteration:
                if watched.last_content > _records_end(archive):
                    raise CutOff() from None
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
    except Exception as exc:
        # warcio meets broken input with many kinds of error (an AttributeError on a cut
        # header among them). A broken record cannot be stepped over: where the next one
        # starts is unknown, so the file ends here.
        known = isinstance(exc, ArchiveLoadFailed | CutOff | EOFError | OSError)
        yield problems.bad_warc(path, at if number else None, exc if known else Malformed())
        return
    if not found:
        yield problems.no_html_records(path)
