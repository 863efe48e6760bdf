"""An archive batch: partitions analysed on Dask, resumable, written as Parquet datasets.

>>> from thoisu.batch import local_client                            # doctest: +SKIP
>>> with local_client(2) as client:                                  # doctest: +SKIP
...     report = run_archive(["luu-tru/"], Settings(), client, out="ket-qua/")
>>> report.articles, report.stories, report.complete                 # doctest: +SKIP
(19876, 4120, True)

The run, step by step (``out`` holds the datasets, ``state`` the run's own files; both must be
on storage every worker sees):

1. plan the partitions (:mod:`thoisu.batch.partitions`); a partition whose completion marker
   matches its fingerprint (same files, sizes, modification times, analysis version and
   analysis settings) is reused as it is;
2. analyse the others as tasks (:func:`thoisu.batch.work.analyse_part`), each writing its
   result and then its marker; a partition lost on the cluster (a killed worker) is a problem
   per file and the next run does it again;
3. cluster every partition's articles into stories, describe them as tasks, and write
   ``articles/``, ``stories/`` and ``problems/`` (:mod:`thoisu.batch.stories`); these are
   derived again on every run, from the partitions, so they never hold a row twice;
4. write ``state/complete.json`` last: a dataset without it is from a run that did not finish.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from thoisu.batch.columns import problem_row, problem_schema, write_table
from thoisu.batch.partitions import (
    PARTITION_BYTES,
    PARTITION_FILES,
    Part,
    chunk_sha256,
    fingerprint,
    plan_partitions,
)
from thoisu.batch.work import (
    PartDone,
    analyse_part,
    load_items,
    load_slim,
    marker_problems,
    state_paths,
    write_atomic,
)
from thoisu.model import Article, Problem
from thoisu.settings import Settings

if TYPE_CHECKING:
    from distributed import Client

STATE_DIR = "_batch"  # under --out
MIN_PARTITIONS = 16
DATASETS = ("articles", "stories", "problems")


@dataclass
class Progress:
    """Where a run is: partitions done (of them reused), articles, speed, problems."""

    done: int
    total: int
    reused: int
    articles: int
    problems: int
    seconds: float
    new_articles: int = 0  # analysed in this run (what articles_per_second counts)
    phase: str = "analyse"

    @property
    def articles_per_second(self) -> float:
        return self.new_articles / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        reused = f" ({self.reused} reused)" if self.reused else ""
        return (f"batch: partitions {self.done}/{self.total}{reused} · {self.articles} articles"
                f" · {self.articles_per_second:.1f} articles/s · {self.problems} problems")


@dataclass
class RunReport:
    """What a run did."""

    partitions: int = 0
    reused: int = 0
    analysed: int = 0
    lost: int = 0
    articles: int = 0
    stories: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    complete: bool = False
    out: str | None = None
    state: str = ""
    keys: list[str] = field(default_factory=list)  # finished partitions, in input order

    @property
    def failed(self) -> bool:
        return any(p.kind == "failed" for p in self.problems)


def _matches(marker: dict[str, Any], current: dict[str, Any]) -> bool:
    return all(marker.get(k) == v for k, v in current.items())


def reusable(part: Part, settings: Settings, state: str, rehash: bool = False) -> PartDone | None:
    """The finished result of ``part`` if its marker matches the inputs as they are now."""
    paths = state_paths(state, part.key)
    try:
        with open(paths["done"], encoding="utf-8") as stream:
            marker = json.load(stream)
    except (OSError, ValueError):
        return None
    if not _matches(marker, fingerprint(part, settings)):
        return None
    if not (os.path.exists(paths["full"]) and os.path.exists(paths["slim"])):
        return None
    if rehash and marker.get("sha256") != [chunk_sha256(c) for c in part.chunks]:
        return None
    return PartDone(part.key, part.index, int(marker["articles"]), int(marker["pages"]),
                    float(marker["seconds"]), marker_problems(marker), reused=True)


def lost(part: Part, error: BaseException) -> list[Problem]:
    detail = str(error).strip().splitlines()[0] if str(error).strip() else ""
    why = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
    return [Problem(chunk.path, f"could not be processed on the Dask cluster ({why}); run the "
                    "same command again to redo this partition", kind="failed")
            for chunk in part.chunks]


def _forget_stale(state: str, keys: set[str]) -> None:
    """Drop partition results whose key is no longer in the plan (changed or removed inputs)."""
    for folder in ("parts", "done"):
        path = os.path.join(state, folder)
        if not os.path.isdir(path):
            continue
        for name in os.listdir(path):
            if name.split(".", 1)[0] not in keys:
                with suppress(OSError):
                    os.remove(os.path.join(path, name))


class _InOrder:
    """Hands problems on in input order (listing problems in their place), as partitions
    finish in any order."""

    def __init__(self, steps: Sequence[Part | Problem],
                 on_problem: Callable[[Problem], None] | None) -> None:
        self.steps = list(steps)
        self.on_problem = on_problem
        self.ready: dict[int, list[Problem]] = {}
        self.next = 0

    def resolve(self, part_index: int, problems: list[Problem]) -> None:
        self.ready[part_index] = problems
        while self.next < len(self.steps):
            step = self.steps[self.next]
            if isinstance(step, Problem):
                found = [step]
            elif step.index in self.ready:
                found = self.ready.pop(step.index)
            else:
                return
            self.next += 1
            if self.on_problem is not None:
                for problem in found:
                    self.on_problem(problem)


def _wait(client: Client, futures: list[Any], what: str) -> list[Any]:
    """Results of derived-step tasks; a failure stops the run with what to do."""
    from distributed import wait

    wait(futures)
    results = []
    for future in futures:
        try:
            results.append(future.result())
        except Exception as exc:
            raise RuntimeError(f"{what} failed on the Dask cluster ({type(exc).__name__}: "
                               f"{exc}); the analysed partitions are kept: run the same "
                               "command again") from exc
    return results


def run_archive(
    paths: Sequence[str],
    settings: Settings,
    client: Client,
    out: str | None,
    state: str | None = None,
    *,
    partition_files: int = PARTITION_FILES,
    partition_bytes: int = PARTITION_BYTES,
    story_step: int = 0,
    rehash: bool = False,
    summary_syllables: int | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
) -> RunReport:
    """Analyse ``paths`` on ``client``'s cluster; write the Parquet datasets under ``out``.

    ``state`` (default ``out/_batch``) holds finished partitions for resuming. With ``out``
    None only the partitions are made (for the store): see :func:`stored_articles`.
    """
    if state is None:
        if out is None:
            raise ValueError("give out, state or both")
        state = os.path.join(out, STATE_DIR)
    os.makedirs(state, exist_ok=True)
    report = RunReport(out=out, state=state)
    previous = _previous_run(state)
    with suppress(OSError):
        os.remove(os.path.join(state, "complete.json"))
    started = time.perf_counter()
    # A small corpus is still cut into MIN_PARTITIONS, so every worker gets work; a fixed
    # number (not one per worker) so that a rerun on another cluster finds the same plan.
    steps = plan_partitions(paths, partition_files, partition_bytes,
                            min_partitions=MIN_PARTITIONS)
    parts = [s for s in steps if isinstance(s, Part)]
    report.partitions = len(parts)
    report.seconds["plan"] = time.perf_counter() - started
    listing = [s for s in steps if isinstance(s, Problem)]
    _forget_stale(state, {p.key for p in parts})

    finished: dict[int, PartDone] = {}
    part_problems: dict[int, list[Problem]] = {}
    for part in parts:
        done = reusable(part, settings, state, rehash)
        if done is not None:
            finished[part.index] = done
    report.reused = len(finished)

    count = {"articles": sum(d.articles for d in finished.values()), "new": 0,
             "problems": sum(len(d.problems) for d in finished.values()) + len(listing)}
    analyse_start = time.perf_counter()

    def tell(phase: str = "analyse") -> None:
        if on_progress is not None:
            on_progress(Progress(len(finished), len(parts), report.reused, count["articles"],
                                 count["problems"], time.perf_counter() - analyse_start,
                                 count["new"], phase))

    in_order = _InOrder(steps, on_problem)
    in_order.resolve(-1, [])  # listing problems before the first partition
    for done in finished.values():
        in_order.resolve(done.index, done.problems)
    tell()
    _analyse(client, [p for p in parts if p.index not in finished], settings, state, finished,
             part_problems, count, tell, in_order.resolve)
    report.seconds["analyse"] = time.perf_counter() - analyse_start
    report.analysed = len(finished) - report.reused
    report.lost = len(parts) - len(finished)
    for part in parts:
        if part.index in finished:
            part_problems[part.index] = finished[part.index].problems
    problems: list[Problem] = []
    for step in steps:
        if isinstance(step, Problem):
            problems.append(step)
        else:
            problems.extend(part_problems.get(step.index, []))
    report.problems = problems
    report.articles = sum(d.articles for d in finished.values())
    done_parts = [p for p in parts if p.index in finished]
    report.keys = [p.key for p in done_parts]
    derived = _derive_stamp(settings, story_step, summary_syllables, out)
    if (out is not None and report.reused == len(parts) and previous.get("keys") == report.keys
            and previous.get("derived") == derived and all(
                os.path.isdir(os.path.join(out, name)) for name in DATASETS)):
        # Nothing changed since a complete run: its datasets stand as they are.
        report.stories = int(previous.get("stories", 0))
    elif out is not None:
        derive_start = time.perf_counter()
        report.stories = _derive(client, done_parts, settings, state, out, steps,
                                 part_problems, story_step, summary_syllables, tell,
                                 report.seconds)
        report.seconds["stories"] = time.perf_counter() - derive_start
    report.complete = report.lost == 0
    if report.complete:
        summary = {"partitions": report.partitions, "articles": report.articles,
                   "stories": report.stories, "problems": len(report.problems),
                   "reused": report.reused, "analysed": report.analysed,
                   "seconds": {k: round(v, 3) for k, v in report.seconds.items()},
                   "keys": report.keys, "derived": derived}
        write_atomic(os.path.join(state, "complete.json"),
                     json.dumps(summary, indent=1).encode("utf-8"))
    return report


def _previous_run(state: str) -> dict[str, Any]:
    try:
        with open(os.path.join(state, "complete.json"), encoding="utf-8") as stream:
            found = json.load(stream)
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _derive_stamp(settings: Settings, story_step: int, summary_syllables: int | None,
                  out: str | None) -> dict[str, Any]:
    """What the derived datasets depend on besides the partitions."""
    from dataclasses import asdict

    return {"settings": {k: v for k, v in asdict(settings).items()
                         if k.startswith(("story_", "dedup_", "summary_"))},
            "story_step": story_step, "summary_syllables": summary_syllables,
            "out": os.path.abspath(out) if out else None}


def _analyse(client: Client, todo: list[Part], settings: Settings, state: str,
             finished: dict[int, PartDone], part_problems: dict[int, list[Problem]],
             count: dict[str, int], tell: Callable[[], None],
             resolve: Callable[[int, list[Problem]], None]) -> None:
    from distributed import as_completed

    worker_settings = settings.replace(jobs=1)  # a worker is one process of the pool already
    token = uuid.uuid4().hex[:8]
    # The fingerprint is taken here, before the task reads the files, so an input changed
    # while it runs is seen as changed by the next run; the worker writes it in the marker.
    futures = {client.submit(analyse_part, part, worker_settings, state,
                             fingerprint(part, settings), pure=False,
                             key=f"thoisu-analyse-{part.index}-{part.key[:8]}-{token}"): part
               for part in todo}
    try:
        for future in as_completed(list(futures)):
            part = futures.pop(future)
            try:
                done: PartDone = future.result()
            except Exception as exc:  # the task failed: a worker died on it, or was lost
                part_problems[part.index] = lost(part, exc)
                count["problems"] += len(part.chunks)
                resolve(part.index, part_problems[part.index])
                continue
            finally:
                future.release()
            finished[part.index] = done
            count["articles"] += done.articles
            count["new"] += done.articles
            count["problems"] += len(done.problems)
            resolve(part.index, done.problems)
            tell()
    finally:
        if futures:  # stopped (Ctrl-C, an error): the cluster need not finish the rest
            # a client already gone must not hide the first error
            with suppress(Exception):
                client.cancel(list(futures))


def _derive(client: Client, parts: list[Part], settings: Settings, state: str, out: str,
            steps: list[Part | Problem], part_problems: dict[int, list[Problem]],
            story_step: int, summary_syllables: int | None, tell: Callable[..., None],
            seconds: dict[str, float]) -> int:
    from thoisu.batch.stories import clear_shuffle, describe_bucket, group, scatter_part

    started = time.perf_counter()
    slim_parts = []
    ids_of: dict[str, list[str]] = {}
    for part in parts:
        light = load_slim(state, part.key)
        ids_of[part.key] = [a.id for a, _ in light]
        slim_parts.append(light)
    bucket_articles = max(100, int(sum(len(x) for x in slim_parts) / max(1, len(parts))))
    grouping = group(slim_parts, settings, story_step, bucket_articles)
    del slim_parts
    seconds["cluster"] = time.perf_counter() - started
    tell("stories")
    for name in ("articles", "stories", "problems"):
        shutil.rmtree(os.path.join(out, name), ignore_errors=True)
        os.makedirs(os.path.join(out, name), exist_ok=True)
    clear_shuffle(state)
    token = uuid.uuid4().hex[:8]
    position = 0
    scatters = []
    for part in parts:
        buckets = {i: grouping.bucket_of_story.get(grouping.story_of.get(i, ""), 0)
                   for i in ids_of[part.key]}
        scatters.append(client.submit(scatter_part, state, part.key, position, buckets,
                                      pure=False, key=f"thoisu-scatter-{part.index}-{token}"))
        position += len(ids_of[part.key])
    _wait(client, scatters, "sending articles to their stories")
    seconds["scatter"] = time.perf_counter() - started - seconds["cluster"]
    by_bucket: dict[int, list[tuple[int, Any]]] = {}
    for at, story in enumerate(grouping.stories):
        by_bucket.setdefault(grouping.bucket_of_story[story.id], []).append((at, story))
    describes = []
    for bucket in range(grouping.buckets):
        stories = by_bucket.get(bucket, [])
        ids = {i for _, s in stories for i in [*s.articles, *(d.copy for d in s.duplicates)]}
        describes.append(client.submit(
            describe_bucket, state, out, bucket, stories,
            {i: grouping.story_of[i] for i in ids if i in grouping.story_of},
            {i: grouping.duplicate_of[i] for i in ids if i in grouping.duplicate_of},
            settings.replace(jobs=1), summary_syllables, pure=False,
            key=f"thoisu-describe-{bucket}-{token}"))
    if not grouping.stories:  # still an (empty) file per dataset, so they read back
        describes.append(client.submit(describe_bucket, state, out, 0, [], {}, {},
                                       settings.replace(jobs=1), summary_syllables,
                                       pure=False, key=f"thoisu-describe-0-{token}"))
    _wait(client, describes, "describing stories")
    seconds["describe"] = (time.perf_counter() - started - seconds["cluster"]
                           - seconds["scatter"])
    clear_shuffle(state)
    rows = []
    for step in steps:
        if isinstance(step, Problem):
            rows.append(problem_row(step, None))
        else:
            rows.extend(problem_row(p, step.key) for p in part_problems.get(step.index, []))
    write_table(rows, problem_schema(), os.path.join(out, "problems", "part-00000.parquet"))
    return len(grouping.stories)


def stored_articles(state: str, parts: Sequence[str]) -> Iterator[Article]:
    """The analysed articles of finished partitions (by key), in input order, one at a time."""
    for key in parts:
        for item in load_items(state, key):
            if isinstance(item, Article):
                yield item
