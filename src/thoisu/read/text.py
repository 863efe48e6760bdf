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


def read_text(data: bytes, path: str) -> RawPage | Problem:
    """The page a plain text file holds: ``RawPage(text=...)`` with the codec that read it."""
    decoded = decode_or_problem(data, path)
    if isinstance(decoded, Problem):
        return decoded
    text, codec = decoded
    return RawPage(origin=Origin(path), text=text, encoding=codec)
