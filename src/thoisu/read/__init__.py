"""Readers: every input format becomes :class:`~thoisu.model.RawPage` records.

>>> from thoisu.settings import Settings
>>> for item in iter_pages(["tin-tuc/"], Settings()):  # doctest: +SKIP
...     print(item.origin if isinstance(item, RawPage) else f"problem: {item}")

Inputs are files (``.txt``, ``.html``/``.htm``, ``.jsonl``, ``.warc``/``.warc.gz``, feeds
``.rss``/``.atom``/``.xml``; any other name is sniffed), directories (see
:mod:`thoisu.read.directory`) and ``-`` for standard input (sniffed; its origin path is
``<stdin>``). Bad input never raises: it comes out as a
:class:`~thoisu.model.Problem` in its place, and reading goes on.
Readers decode (see :mod:`thoisu.read.encoding`) but do not normalise; the cleaner does.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from thoisu.model import Problem, RawPage
from thoisu.read import problems
from thoisu.read.directory import files_and_problems, walk
from thoisu.read.encoding import DecodeError, NotTextError, UndecodableError, decode_bytes
from thoisu.read.feed import read_feed
from thoisu.read.html import read_html
from thoisu.read.jsonl import read_jsonl
from thoisu.read.sniff import EXTENSIONS, SNIFF_BYTES, format_of, sniff_format
from thoisu.read.streams import prefixed, read_limited
from thoisu.read.text import read_text
from thoisu.read.unicode import shown_path
from thoisu.read.warc import read_warc
from thoisu.settings import Settings

STDIN = problems.STDIN

__all__ = [
    "EXTENSIONS",
    "STDIN",
    "DecodeError",
    "NotTextError",
    "UndecodableError",
    "count_files",
    "decode_bytes",
    "expand_paths",
    "iter_pages",
    "read_feed",
    "read_file",
    "read_html",
    "read_jsonl",
    "read_stream",
    "read_text",
    "read_warc",
    "sniff_format",
]


def expand_paths(paths: Sequence[str]) -> list[str]:
    """The inputs ``paths`` stand for: directories replaced by their files, in reading order.

    ``-`` and paths that do not exist are kept as they are (reading them reports the problem).
    """
    out: list[str] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            out.extend(walk(path)[0])
        else:
            out.append(path)
    return out


def count_files(paths: Sequence[str]) -> int:
    """How many inputs :func:`iter_pages` will open, for a progress total."""
    return len(expand_paths(paths))


def read_stream(stream: BinaryIO, path: str, settings: Settings, fmt: str | None = None,
                size: int | None = None) -> Iterator[RawPage | Problem]:
    """Pages and problems of one open input; ``fmt`` None means sniff the first bytes.

    ``size``, when known, lets an oversized text, HTML or feed file be skipped without reading
    it; otherwise reading stops at ``max_file_bytes`` (a stream is never read to its end just
    to count it). A page whose invalid UTF-8 bytes or lone surrogate escapes were replaced by
    U+FFFD comes after a ``warning`` problem that says how many.
    """
    for item in _read_stream(stream, path, settings, fmt, size):
        if isinstance(item, RawPage) and item.meta.get("replaced_bytes"):
            yield problems.replaced_bytes(path, int(item.meta["replaced_bytes"]),
                                          item.origin.line)
        yield item


def _read_stream(stream: BinaryIO, path: str, settings: Settings, fmt: str | None,
                 size: int | None) -> Iterator[RawPage | Problem]:
    if fmt is None:
        head = stream.read(SNIFF_BYTES)
        fmt = sniff_format(head, complete=len(head) < SNIFF_BYTES)
        stream = prefixed(head, stream)
    if fmt == "jsonl":
        yield from read_jsonl(stream, path, settings)
        return
    if fmt == "warc":
        yield from read_warc(stream, path, settings)
        return
    limit = settings.max_file_bytes
    if size is not None and size > limit:
        yield problems.too_large(path, size, limit)
        return
    data = read_limited(stream, limit)
    if len(data) > limit:
        yield problems.too_large(path, None, limit)
        return
    if fmt == "feed":
        yield from read_feed(data, path)
        return
    yield read_html(data, path) if fmt == "html" else read_text(data, path)


def read_file(path: str, settings: Settings, fmt: str | None = None) -> Iterator[RawPage | Problem]:
    """Pages and problems of the file at ``path``; ``fmt`` None means by extension, or sniff.

    Only regular files are read (a FIFO or a device is one problem line, never a hang).
    """
    # Opened by its own name; named in origins and messages by one that can be written (a
    # file name that is not UTF-8 must not sink the store or the JSON output).
    shown = shown_path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        yield problems.missing(shown)
        return
    except OSError as exc:
        yield problems.unreadable(shown, exc)
        return
    if not stat.S_ISREG(info.st_mode):
        # A FIFO or a device linked as .txt could block or never end; standard input is the
        # way to give a stream.
        yield problems.not_regular(shown, info.st_mode)
        return
    if info.st_size == 0:
        yield problems.empty(shown)
        return
    try:
        with open(path, "rb") as stream:
            yield from read_stream(stream, shown, settings, fmt or format_of(path),
                                   info.st_size)
    except OSError as exc:
        yield problems.unreadable(shown, exc)


def iter_pages(paths: Sequence[str], settings: Settings,
               stdin: BinaryIO | None = None) -> Iterator[RawPage | Problem]:
    """Every page of ``paths`` in input order, with a Problem in place of each bad item.

    ``-`` reads ``stdin`` (default: the process's standard input, as bytes).
    """
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            try:
                yield from read_stream(stream, STDIN, settings)
            except OSError as exc:
                yield problems.unreadable(STDIN, exc)
        elif os.path.isdir(path):
            for item in files_and_problems(path):
                if isinstance(item, Problem):
                    yield item
                else:
                    yield from read_file(item, settings)
        else:
            yield from read_file(path, settings)
