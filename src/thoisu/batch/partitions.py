"""Cutting the inputs of an archive batch into partitions, and telling whether one is done.

A partition is a list of *chunks*; a chunk is a whole file or a byte range of one large JSON
Lines or WARC file. Small files are grouped, in input order, until a partition holds
``partition_files`` files or ``partition_bytes`` bytes; a JSON Lines or WARC file larger than
``partition_bytes`` is cut into byte ranges of about that size, each starting at a line (JSON
Lines) or at a record (WARC, plain or gzipped), so each range reads on its own:

>>> import os, tempfile
>>> folder = tempfile.mkdtemp()
>>> path = os.path.join(folder, "tin.jsonl")
>>> _ = open(path, "w", encoding="utf-8").write('{"text": "Tin một"}\\n' * 10)
>>> parts = [p for p in plan_partitions([path], partition_bytes=60) if isinstance(p, Part)]
>>> [(c.start, c.end, c.first_line) for p in parts for c in p.chunks]
[(0, 66, 1), (66, 132, 4), (132, 198, 7), (198, 220, 10)]

A partition's key names its chunks (paths and ranges), so the same inputs give the same keys
run after run. Its *fingerprint* adds what must not have changed for a finished partition to
be reused: each file's size and modification time, the analysis version and the settings that
change what analysis gives. Memory in a worker is bounded by the partition, not the corpus.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from thoisu.model import Problem
from thoisu.settings import Settings

# A partition closes at this many files or bytes; a larger JSON Lines or WARC file is cut
# into ranges of about this size (the settings batch_partition_files / _bytes override them).
PARTITION_FILES = 32
PARTITION_BYTES = 4_000_000
MIN_RANGE_BYTES = 65_536  # the smallest partition a small corpus is cut into
SPLITTABLE = ("jsonl", "warc")
# The layout of a finished partition's files (thoisu.batch.work); a new layout redoes all.
STATE_FORMAT = 1
# Settings that do not change what analysis gives an article (stories, store, speed).
_NOT_ANALYSIS = {"db_url", "jobs", "summary_syllables"}
_NOT_ANALYSIS_PREFIXES = ("story_", "dedup_", "batch_")


@dataclass(frozen=True)
class Chunk:
    """A whole file (``end`` None) or the bytes ``[start, end)`` of one.

    ``first_line`` is the line (JSON Lines) or record number (WARC) the range starts at, so
    origins and problems name the same line as a single-process run.
    """

    path: str
    start: int = 0
    end: int | None = None
    first_line: int = 1

    @property
    def whole(self) -> bool:
        return self.end is None

    def label(self) -> str:
        return self.path if self.whole else f"{self.path} [bytes {self.start}-{self.end}]"


@dataclass
class Part:
    """Consecutive chunks that one worker task reads, cleans and analyses."""

    index: int
    chunks: list[Chunk] = field(default_factory=list)
    size: int = 0

    @property
    def key(self) -> str:
        """Stable name of the partition: the same chunks give the same key in every run, however
        the paths were written (``tin/a.jsonl`` and ``/srv/tin/a.jsonl`` are one file: a rerun
        by a relative path must not take every finished partition for a stale one)."""
        spec = json.dumps([[same_file(c.path), c.start, c.end] for c in self.chunks])
        return hashlib.sha256(spec.encode("utf-8")).hexdigest()[:20]

    @property
    def paths(self) -> list[str]:
        return list(dict.fromkeys(c.path for c in self.chunks))


def same_file(path: str) -> str:
    """The one name of a file however it is written: absolute, links resolved."""
    return os.path.realpath(path)


def analysis_version() -> str:
    """``thoisu.analyse.ANALYSIS_VERSION`` when it exists, else the package version."""
    try:
        from thoisu.analyse import ANALYSIS_VERSION

        return str(ANALYSIS_VERSION)
    except ImportError:
        from thoisu import __version__

        return f"package {__version__}"


def analysis_settings(settings: Settings) -> dict[str, Any]:
    """The settings that change what analysis gives an article (what a fingerprint keeps)."""
    return {f.name: getattr(settings, f.name) for f in fields(settings)
            if f.name not in _NOT_ANALYSIS and not f.name.startswith(_NOT_ANALYSIS_PREFIXES)}


def file_state(path: str) -> dict[str, Any]:
    """Size and modification time of a file (``None`` values when it cannot be read)."""
    try:
        info = os.stat(path)
    except OSError:
        return {"size": None, "mtime_ns": None}
    return {"size": info.st_size, "mtime_ns": info.st_mtime_ns}


def fingerprint(part: Part, settings: Settings) -> dict[str, Any]:
    """What must be unchanged for a finished partition to be reused."""
    return {
        "key": part.key,
        "format": STATE_FORMAT,
        "chunks": [{**asdict(c), "path": same_file(c.path)} for c in part.chunks],
        "files": {same_file(path): file_state(path) for path in part.paths},
        "analysis_version": analysis_version(),
        "settings": analysis_settings(settings),
    }


def chunk_sha256(chunk: Chunk) -> str | None:
    """SHA-256 of a chunk's bytes (None when the file cannot be read)."""
    digest = hashlib.sha256()
    try:
        with open(chunk.path, "rb") as stream:
            stream.seek(chunk.start)
            left = None if chunk.end is None else chunk.end - chunk.start
            while left is None or left > 0:
                block = stream.read(1 << 20 if left is None else min(1 << 20, left))
                if not block:
                    break
                digest.update(block)
                if left is not None:
                    left -= len(block)
    except OSError:
        return None
    return digest.hexdigest()


# -- planning ---------------------------------------------------------------------------------


def stdin_problem() -> Problem:
    from thoisu.read import STDIN

    return Problem(STDIN, "standard input cannot be sent to Dask workers; save it to a file "
                   "and give its path (or use 'thoisu ingest -')", kind="failed")


def _inputs(paths: Sequence[str]) -> Iterator[str | Problem]:
    from thoisu.read.directory import files_and_problems, irregular

    for path in paths:
        if path == "-":
            yield stdin_problem()
        elif os.path.isdir(path):
            yield from files_and_problems(path)
        else:
            yield irregular(path) or path


def _splittable(path: str) -> str | None:
    """``jsonl`` or ``warc`` when the file can be cut into ranges (by name, and its head)."""
    from thoisu.read.encoding import binary_reason, sniff_utf16
    from thoisu.read.sniff import format_of

    fmt = format_of(path)
    if fmt not in SPLITTABLE:
        return None
    try:
        with open(path, "rb") as stream:
            head = stream.read(65536)
    except OSError:
        return None
    if fmt == "jsonl" and (sniff_utf16(head) is not None or binary_reason(head) is not None):
        return None  # UTF-16 lines cannot be cut on b"\n"; binary is one problem, not many
    return fmt


def jsonl_ranges(path: str, target: int) -> list[Chunk]:
    """Ranges of about ``target`` bytes, each ending just after a newline."""
    size = os.path.getsize(path)
    chunks: list[Chunk] = []
    start, line = 0, 1
    with open(path, "rb") as stream:
        while start < size:
            stream.seek(min(start + target, size))
            if stream.tell() < size:
                stream.readline()  # to the end of the line the target falls in
            end = min(stream.tell(), size)
            stream.seek(start)
            newlines = 0
            left = end - start
            while left > 0:
                block = stream.read(min(left, 1 << 20))
                if not block:
                    break
                newlines += block.count(b"\n")
                left -= len(block)
            chunks.append(Chunk(path, start, end, line))
            start, line = end, line + newlines
    return chunks


def warc_ranges(path: str, target: int) -> list[Chunk] | None:
    """Ranges of about ``target`` bytes, each starting at a WARC record; None if unreadable.

    The records are walked once here (warcio; a gzipped archive is decompressed on the way),
    reading headers only, so the cost is one pass over the file in the calling process.
    """
    from warcio.archiveiterator import ArchiveIterator

    chunks: list[Chunk] = []
    start, first, number = 0, 1, 0
    try:
        with open(path, "rb") as stream:
            archive = ArchiveIterator(stream)
            for _record in archive:
                number += 1
                offset = int(archive.get_record_offset())
                if offset - start >= target:
                    chunks.append(Chunk(path, start, offset, first))
                    start, first = offset, number
        size = os.path.getsize(path)
    except Exception:  # a broken archive: read whole, so its problem is reported as usual
        return None
    chunks.append(Chunk(path, start, size, first))
    return chunks


def _ranges(path: str, fmt: str, target: int) -> list[Chunk] | None:
    return jsonl_ranges(path, target) if fmt == "jsonl" else warc_ranges(path, target)


def plan_partitions(paths: Sequence[str], partition_files: int = PARTITION_FILES,
                    partition_bytes: int = PARTITION_BYTES,
                    min_partitions: int = 1) -> list[Part | Problem]:
    """The partitions of ``paths`` in input order, with listing problems in their place.

    ``min_partitions`` (e.g. four per worker thread) lowers the partition size for a small
    corpus, down to one file or ``MIN_RANGE_BYTES``, so every worker gets work.
    """
    if partition_files < 1 or partition_bytes < 1:
        raise ValueError("partition_files and partition_bytes must be at least 1, not "
                         f"{partition_files} and {partition_bytes}")
    inputs = [(item, None if isinstance(item, Problem) else file_state(item)["size"] or 0)
              for item in _inputs(paths)]
    if min_partitions > 1:
        files = sum(1 for item, _ in inputs if not isinstance(item, Problem))
        total = sum(size or 0 for _, size in inputs)
        partition_files = min(partition_files, max(1, files // min_partitions))
        partition_bytes = min(partition_bytes, max(MIN_RANGE_BYTES, total // min_partitions))
    out: list[Part | Problem] = []
    current: Part | None = None
    count = 0

    def close() -> None:
        nonlocal current
        if current is not None and current.chunks:
            out.append(current)
        current = None

    def part_of(chunks: list[Chunk], size: int) -> None:
        nonlocal count
        out.append(Part(count, chunks, size))
        count += 1

    for item, known in inputs:
        if isinstance(item, Problem):
            close()
            out.append(item)
            continue
        size = known or 0
        if size > partition_bytes:
            close()
            fmt = _splittable(item)
            ranges = _ranges(item, fmt, partition_bytes) if fmt else None
            for chunk in ranges or [Chunk(item)]:
                part_of([chunk], (chunk.end or size) - chunk.start)
            continue
        if current is None:
            current = Part(count)
            count += 1
        current.chunks.append(Chunk(item))
        current.size += size
        if len(current.chunks) >= partition_files or current.size >= partition_bytes:
            close()
    close()
    return out
