"""JSON Lines: one object per line, one page per object, read as a stream.

A record needs ``text`` or ``html`` (a string; ``text`` wins when both are given, and ``html``
is then dropped). Every other field goes to ``RawPage.meta`` as given: ``id``, ``title``,
``url``, ``published``, ``source``, ``fetched``/``crawled`` and any field we do not know.
Known fields are checked by :func:`thoisu.read.validate.validate_record` (the rules the web
API uses too): a wrong type or an impossible date refuses the record with one problem line
naming the field; nothing is coerced. ``Origin.line`` is the line
number (from 1) and ``Origin.id`` the record's ``id`` as a string.

A lone surrogate escape (``"\\ud800"``) in any string is replaced by U+FFFD and the record
kept, after a warning (see :mod:`thoisu.read.unicode`). Blank lines are ignored. A bad line
(invalid JSON, not an object, no text, too large) gives
one :class:`~thoisu.model.Problem` and the next line is read as usual. ``max_file_bytes``
applies to each line, not to the file; on standard input a line over it ends the reading (a
line with no end would never be read through).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from thoisu.model import Origin, Problem, RawPage
from thoisu.read import problems
from thoisu.read.encoding import SAMPLE_BYTES, binary_reason, sniff_utf16
from thoisu.read.streams import limited_lines, prefixed
from thoisu.read.text import decode_or_problem
from thoisu.read.unicode import replace_surrogates
from thoisu.read.validate import validate_record
from thoisu.settings import Settings

BODY_FIELDS = ("text", "html")


def page_from_record(record: dict[str, Any], path: str, line: int,
                     encoding: str = "utf-8") -> RawPage | Problem:
    """The page one decoded JSON object describes, or why it cannot be one."""
    bodies = {k: record[k] for k in BODY_FIELDS if isinstance(record.get(k), str)}
    if not bodies:
        return problems.no_text(path, line)
    kind = next((k for k in BODY_FIELDS if bodies.get(k, "").strip()), None)
    if kind is None:
        return problems.empty_record(path, line)
    meta, wrong = validate_record(record)
    if wrong:
        return problems.invalid_fields(path, line, wrong)
    rid = record.get("id")
    origin = Origin(path, line=line, id=None if rid is None else str(rid))
    return RawPage(origin=origin, meta=meta, encoding=encoding, **{kind: bodies[kind]})


def _recoded_readline(stream: BinaryIO, codec: str) -> Callable[[int], bytes]:
    # UTF-16 lines cannot be split on the byte b"\n"; decode first and hand on UTF-8.
    # Odd or truncated UTF-16 is replaced (U+FFFD), never an exception that loses the file.
    text = io.TextIOWrapper(stream, encoding=codec, newline="\n", errors="replace")

    def readline(size: int) -> bytes:
        return text.readline(size).encode("utf-8")

    return readline


def parse_line(raw: bytes, path: str, line: int, codec: str) -> RawPage | Problem | None:
    """The page on one line, a Problem, or None for a blank line."""
    if not raw.strip():
        return None
    if line == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError:
        decoded = decode_or_problem(raw, path, line=line)
        if isinstance(decoded, Problem):
            return decoded
        source, codec = decoded
    replaced = source.count("\ufffd") - raw.count("\ufffd".encode()) if codec == "utf-8" else 0
    try:
        value = json.loads(source)
    except (ValueError, RecursionError) as exc:  # also too deeply nested, too many digits
        return problems.invalid_json(path, line, exc)
    if not isinstance(value, dict):
        return problems.not_object(path, line, value)
    value, lone = replace_surrogates(value)
    page = page_from_record(value, path, line, codec)
    if replaced > 0 and isinstance(page, RawPage):
        page.meta["replaced_bytes"] = replaced
    if lone and isinstance(page, RawPage):
        page.meta["replaced_surrogates"] = lone
    return page


def read_jsonl(stream: BinaryIO, path: str, settings: Settings) -> Iterator[RawPage | Problem]:
    """Pages and problems of a JSON Lines stream, in line order.

    >>> import io
    >>> [p.meta["title"] for p in read_jsonl(io.BytesIO(
    ...     '{"title": "Hà Nội", "text": "..."}'.encode()), "tin.jsonl", Settings())]
    ['Hà Nội']
    """
    head = stream.read(SAMPLE_BYTES)
    wide = sniff_utf16(head)
    if wide is None:
        reason = binary_reason(head)
        if reason is not None:
            yield problems.binary(path, reason)
            return
    whole = prefixed(head, stream)
    readline = _recoded_readline(whole, wide) if wide else whole.readline
    codec = wide or "utf-8"
    seen = False
    endless = path == problems.STDIN
    for line, raw in limited_lines(readline, settings.max_file_bytes, endless):
        if isinstance(raw, int):
            seen = True
            yield problems.too_large(path, None if raw < 0 else raw, settings.max_file_bytes,
                                     line, rest_unread=raw < 0)
            continue
        result = parse_line(raw, path, line, codec)
        if result is not None:
            seen = True
            if isinstance(result, RawPage) and "replaced_surrogates" in result.meta:
                yield problems.surrogates(path, result.meta.pop("replaced_surrogates"), line)
            yield result
    if not seen:
        yield problems.empty(path, whitespace=bool(head))
