"""The messages readers give for bad input, in one place so they stay consistent.

Each names the file (and line or record where it applies), what is wrong, and what to do::

    news.jsonl:7: invalid JSON (Expecting ',' delimiter at column 12); fix or remove the line
"""

from __future__ import annotations

import json

from thoisu.model import Problem

KNOWN = ".txt, .html, .jsonl, .warc or feed"
STDIN = "<stdin>"  # the name standard input goes by in origins and messages


def missing(path: str) -> Problem:
    return Problem(path, "no such file or directory; check the path", kind="failed")


def unreadable(path: str, error: OSError) -> Problem:
    why = error.strerror or type(error).__name__
    return Problem(path, f"cannot read ({why}); check that the file exists and is readable",
                   kind="failed")


def empty(path: str, whitespace: bool = False) -> Problem:
    what = "only whitespace" if whitespace else "empty input" if path == STDIN else "empty file"
    return Problem(path, f"{what}; nothing to read", kind="skipped")


def binary(path: str, reason: str, line: int | None = None) -> Problem:
    what = "binary data" if line is not None else "binary file"
    return Problem(path, f"{what} ({reason}), not text; give a {KNOWN} file instead",
                   line=line, kind="skipped")


def undecodable(path: str, line: int | None = None) -> Problem:
    return Problem(path, "cannot decode the text (not UTF-8, UTF-16 or Windows-1258); "
                   "save it as UTF-8", line=line, kind="failed")


def too_large(path: str, size: int | None, limit: int, line: int | None = None,
              rest_unread: bool = False) -> Problem:
    """Over ``max_file_bytes``; ``size`` None when reading stopped at the limit (a stream)."""
    what = "record" if line is not None else "input" if path == STDIN else "file"
    amount = f"more than {limit:,} bytes" if size is None else f"{size:,} bytes, limit {limit:,}"
    rest = "; reading stopped there, the rest of the input was not read" if rest_unread else ""
    return Problem(path, f"{what} too large ({amount}){rest}; "
                   "split it or raise max_file_bytes", line=line, kind="skipped")


def not_regular(path: str, mode: int) -> Problem:
    """A FIFO, device or socket: reading it may never end, so it is not read."""
    import stat

    kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else
            "a character device" if stat.S_ISCHR(mode) else
            "a block device" if stat.S_ISBLK(mode) else
            "a socket" if stat.S_ISSOCK(mode) else "not a regular file")
    return Problem(path, f"{kind}, not a regular file, so it is not read; save the pages to "
                   "a file, or pipe a stream to standard input ('-')", kind="skipped")


def surrogates(path: str, count: int, line: int | None = None) -> Problem:
    """Lone surrogate escapes (``\\ud800``) replaced by U+FFFD: the record is kept."""
    what = "escape" if count == 1 else "escapes"
    return Problem(path, f"{count} lone surrogate {what} (such as \\ud800, half of a "
                   "UTF-16 pair) replaced by U+FFFD; fix the program that wrote the record",
                   line=line, kind="warning")


def no_files(path: str) -> Problem:
    return Problem(path, f"no {KNOWN} files in this directory; nothing to read", kind="skipped")


def invalid_json(path: str, line: int, error: ValueError | RecursionError) -> Problem:
    if isinstance(error, json.JSONDecodeError):
        detail = f"{error.msg} at column {error.colno}"
    elif isinstance(error, RecursionError):
        detail = "nested too deeply"
    else:
        detail = str(error).split(";")[0]
    return Problem(path, f"invalid JSON ({detail}); fix or remove the line", line=line,
                   kind="failed")


def not_object(path: str, line: int, value: object) -> Problem:
    kinds = {list: "an array", str: "a string", int: "a number", float: "a number",
             bool: "true or false", type(None): "null"}
    what = kinds.get(type(value), type(value).__name__)
    return Problem(path, f"JSON value is {what}, not an object; write one object per line",
                   line=line, kind="failed")


def no_text(path: str, line: int) -> Problem:
    return Problem(path, 'record has no "text" or "html" string; add one or remove the line',
                   line=line, kind="failed")


def empty_record(path: str, line: int) -> Problem:
    return Problem(path, 'record\'s "text"/"html" is empty; nothing to read',
                   line=line, kind="skipped")


def bad_warc(path: str, record: int | None, error: Exception) -> Problem:
    detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return Problem(path, f"not a valid WARC record ({detail}); "
                   "check that the file is a complete WARC", line=record, kind="failed")


def no_html_records(path: str) -> Problem:
    return Problem(path, "no HTML response records in this WARC; nothing to read",
                   kind="skipped")


def invalid_fields(path: str, line: int | None, reasons: list[str]) -> Problem:
    """A record whose fields have the wrong type or impossible dates (never coerced)."""
    return Problem(path, f"{'; '.join(reasons)}; fix the record or remove the line",
                   line=line, kind="failed")


def replaced_bytes(path: str, count: int, line: int | None = None) -> Problem:
    """Invalid UTF-8 read as U+FFFD: the page is read, with this warning."""
    what = "byte" if count == 1 else "bytes"
    return Problem(path, f"{count} invalid UTF-8 {what} replaced by U+FFFD; "
                   "check the file's encoding", line=line, kind="warning")


def not_gzip(path: str) -> Problem:
    return Problem(path, "named .gz but not gzip data; rename it (.warc) or compress it "
                   "with gzip", kind="failed")


def not_warc(path: str) -> Problem:
    return Problem(path, "not a WARC file (it does not start with WARC/ or gzip data); "
                   "give a .warc or .warc.gz file", kind="failed")
