"""Plain text: one file, one page. Line ends and Unicode forms are left for the cleaner."""

from __future__ import annotations

from thoisu.model import Origin, Problem, RawPage
from thoisu.read import problems
from thoisu.read.encoding import DecodeError, NotTextError, decode_bytes


def decode_or_problem(data: bytes, path: str, declared: str | None = None,
                      line: int | None = None) -> tuple[str, str] | Problem:
    """Decoded text and its codec, or the Problem that says why the bytes are not text."""
    if not data.strip():
        return problems.empty(path, whitespace=bool(data))  # records never get here empty
    try:
        text, codec = decode_bytes(data, declared)
    except NotTextError as exc:
        return problems.binary(path, exc.reason, line)
    except DecodeError:
        return problems.undecodable(path, line)
    if not text.strip():
        return problems.empty(path, whitespace=True)
    return text, codec


def replaced_count(data: bytes, text: str, codec: str) -> int:
    """How many U+FFFD the decoding put in for invalid bytes (not those the input had)."""
    if not codec.startswith("utf-8") or "\ufffd" not in text:
        return 0
    return max(0, text.count("\ufffd") - data.count("\ufffd".encode()))


def note_replaced(page: RawPage, data: bytes) -> RawPage:
    """Record in ``page.meta["replaced_bytes"]`` how many invalid bytes became U+FFFD."""
    body = page.text if page.text is not None else page.html or ""
    count = replaced_count(data, body, page.encoding)
    if count:
        page.meta["replaced_bytes"] = count
    return page


def read_text(data: bytes, path: str) -> RawPage | Problem:
    """The page a plain text file holds: ``RawPage(text=...)`` with the codec that read it."""
    decoded = decode_or_problem(data, path)
    if isinstance(decoded, Problem):
        return decoded
    text, codec = decoded
    return note_replaced(RawPage(origin=Origin(path), text=text, encoding=codec), data)
