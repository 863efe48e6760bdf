"""What a worker does for one partition: read, clean, analyse, and leave the result on disk.

The result goes to the run's state folder (shared storage on a real cluster), in this order:

1. ``parts/<key>.full.pkl``: the analysed articles and the problems, in input order;
2. ``parts/<key>.slim.pkl``: what story clustering needs of each article (title, text, date,
   names) with its precomputed features (language, vector terms, MinHash signature), so the
   client never loads whole articles to cluster them;
3. ``done/<key>.json``: the completion marker, with the partition's fingerprint (see
   :func:`thoisu.batch.partitions.fingerprint`), counts and its problems.

Each file is written under a temporary name and renamed into place, so a worker killed at any
point leaves either a complete partition or no marker: a partition without a marker is run
again, whatever else of it is on disk.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, BinaryIO

from thoisu.batch.partitions import Chunk, Part, chunk_sha256, fingerprint
from thoisu.dates.published import FETCH_KEYS
from thoisu.model import Article, Problem, RawPage
from thoisu.settings import Settings

# Features are pickled with the slim articles (runs before 2026-12 named the class here).
from thoisu.stories.features import Features, features_of

PICKLE_PROTOCOL = 5


@dataclass
class PartDone:
    """What the client hears of a finished (or reused) partition."""

    key: str
    index: int
    articles: int
    pages: int
    seconds: float
    problems: list[Problem] = field(default_factory=list)
    reused: bool = False


def state_paths(state: str, key: str) -> dict[str, str]:
    return {"full": os.path.join(state, "parts", f"{key}.full.pkl"),
            "slim": os.path.join(state, "parts", f"{key}.slim.pkl"),
            "done": os.path.join(state, "done", f"{key}.json")}


def write_atomic(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` under a temporary name, flush it to disk, rename it."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(tmp, path)


def problem_json(problem: Problem) -> dict[str, Any]:
    return asdict(problem)


def marker_problems(marker: dict[str, Any]) -> list[Problem]:
    return [Problem(**p) for p in marker.get("problems", [])]


# -- reading a chunk --------------------------------------------------------------------------


class _Range(io.RawIOBase):
    """The bytes ``[start, end)`` of an open file, as a stream of their own."""

    def __init__(self, stream: BinaryIO, start: int, end: int) -> None:
        stream.seek(start)
        self._stream = stream
        self._left = end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._left <= 0:
            return 0
        chunk = self._stream.read(min(len(buffer), self._left))
        buffer[: len(chunk)] = chunk
        self._left -= len(chunk)
        return len(chunk)


def _range_pages(chunk: Chunk, settings: Settings) -> Iterator[RawPage | Problem]:
    """Pages of a byte range of a JSON Lines or WARC file, numbered as in the whole file."""
    from thoisu.read import problems, read_jsonl, read_warc
    from thoisu.read.sniff import format_of
    from thoisu.read.unicode import shown_path

    shift = chunk.first_line - 1
    reader = read_warc if format_of(chunk.path) == "warc" else read_jsonl
    # "empty" and "no HTML records" speak of the whole file; a range alone may have none.
    whole_file_only = {problems.empty(chunk.path).reason,
                       problems.empty(chunk.path, whitespace=True).reason,
                       problems.no_html_records(chunk.path).reason}
    try:
        with open(chunk.path, "rb") as raw:
            stream = io.BufferedReader(_Range(raw, chunk.start, chunk.end or chunk.start))
            for item in reader(stream, shown_path(chunk.path), settings):  # type: ignore[arg-type]
                if isinstance(item, Problem):
                    if item.line is None and item.reason in whole_file_only:
                        continue
                    if item.line is not None:
                        item.line += shift
                    yield item
                    continue
                origin = item.origin
                if origin.line is not None:
                    item.origin = type(origin)(origin.path, origin.line + shift, origin.id)
                yield item
    except OSError as exc:
        yield problems.unreadable(chunk.path, exc)


def chunk_items(chunk: Chunk, settings: Settings, count_page: Any) -> Iterator[Article | Problem]:
    """A chunk's articles and problems in input order (a whole file, or a byte range read as
    the whole file would give it); ``count_page`` is called for each page read."""
    from thoisu.pipeline import clean_and_analyse_page, process

    if chunk.whole:
        items: list[Article | Problem] = []
        # on_problem appends in the middle of the iteration: problems keep their place.
        for article in process([chunk.path], settings, items.append, on_page=count_page):
            items.append(article)
            yield from items
            items.clear()
        yield from items
        return
    for page in _range_pages(chunk, settings):
        if isinstance(page, Problem):
            yield page
            continue
        count_page(page)
        yield from clean_and_analyse_page(page, settings)


def part_items(part: Part, settings: Settings) -> tuple[list[Article | Problem], int]:
    """A partition's articles and problems in input order, and the pages read.

    Never raises for bad input: an error on one chunk becomes a Problem for it (after the
    articles it already gave) and the next chunk goes on.
    """
    items: list[Article | Problem] = []
    pages = 0

    def count_page(_page: object) -> None:
        nonlocal pages
        pages += 1

    for chunk in part.chunks:
        try:
            items.extend(chunk_items(chunk, settings, count_page))
        except Exception as exc:  # one bad file must not stop the batch
            items.append(Problem(chunk.path, f"could not be processed ({type(exc).__name__}: "
                                 f"{exc}); please report this file"))
    return items, pages


def slim(article: Article) -> Article:
    """The parts of an article story clustering reads (same text, so same features)."""
    return Article(id=article.id, origin=article.origin, title=article.title,
                   paragraphs=[article.body_text] if article.body_text else [],
                   published=article.published, published_evidence=article.published_evidence,
                   language=article.language, entities=list(article.entities),
                   analysis_version=article.analysis_version,
                   # the clusterer's event evidence (days told) and trusted-date rule (fetch
                   # time) read these
                   dates=list(article.dates),
                   meta={k: v for k, v in (article.meta or {}).items() if k in FETCH_KEYS})


# -- the task ---------------------------------------------------------------------------------


def analyse_part(part: Part, settings: Settings, state: str,
                 stamp: dict[str, Any] | None = None) -> PartDone:
    """Read, clean and analyse a partition; write its result and then its marker.

    Runs in a worker. Never raises for bad input: an error on one chunk becomes a Problem for
    it (after the articles it already gave) and the next chunk goes on. ``stamp`` is the
    partition's fingerprint as the client saw it (default: taken here).
    """
    started = time.perf_counter()
    items, pages = part_items(part, settings)
    articles = [x for x in items if isinstance(x, Article)]
    problems = [x for x in items if isinstance(x, Problem)]
    light = [(slim(a), features_of(a, settings)) for a in articles]
    paths = state_paths(state, part.key)
    write_atomic(paths["full"], pickle.dumps(items, protocol=PICKLE_PROTOCOL))
    write_atomic(paths["slim"], pickle.dumps(light, protocol=PICKLE_PROTOCOL))
    seconds = time.perf_counter() - started
    marker = {**(stamp or fingerprint(part, settings)),
              "sha256": [chunk_sha256(c) for c in part.chunks],
              "index": part.index, "articles": len(articles), "pages": pages,
              "seconds": round(seconds, 3), "problems": [problem_json(p) for p in problems]}
    write_atomic(paths["done"], json.dumps(marker, ensure_ascii=False).encode("utf-8"))
    return PartDone(part.key, part.index, len(articles), pages, seconds, problems)


def load_items(state: str, key: str) -> list[Article | Problem]:
    with open(state_paths(state, key)["full"], "rb") as stream:
        items: list[Article | Problem] = pickle.load(stream)
    return items


def load_slim(state: str, key: str) -> list[tuple[Article, Features]]:
    with open(state_paths(state, key)["slim"], "rb") as stream:
        light: list[tuple[Article, Features]] = pickle.load(stream)
    return light
