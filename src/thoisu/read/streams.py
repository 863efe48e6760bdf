"""Small stream helpers: put back bytes already read, and read lines with a size limit."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import BinaryIO


class _Prefixed(io.RawIOBase):
    """``head`` followed by the rest of ``stream``, as one raw stream."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        chunk = self._stream.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def prefixed(head: bytes, stream: BinaryIO) -> BinaryIO:
    """A buffered stream that yields ``head`` and then what is left of ``stream``."""
    return io.BufferedReader(_Prefixed(head, stream))  # type: ignore[return-value]


def read_limited(stream: BinaryIO, limit: int) -> bytes:
    """Up to ``limit + 1`` bytes: one more than allowed tells the caller it was too much."""
    chunks: list[bytes] = []
    left = limit + 1
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def limited_lines(readline: Callable[[int], bytes], limit: int,
                  endless: bool = False) -> Iterator[tuple[int, bytes | int]]:
    """``(line number, line)`` from 1, or ``(line number, size)`` for a line over ``limit``.

    A line over the limit is read through in chunks and dropped, so memory stays bounded.
    On a stream that may never end (``endless``: standard input, a pipe) it is not read
    through — a line with no end would hang the reader — and reading stops after it with
    ``(line number, -1)``.
    """
    number = 0
    while True:
        raw = readline(limit + 1)
        if not raw:
            return
        number += 1
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield number, raw
            continue
        if endless:
            yield number, -1
            return
        size = len(raw)
        while True:
            chunk = readline(1 << 20)
            size += len(chunk)
            if not chunk or chunk.endswith(b"\n"):
                break
        yield number, size
