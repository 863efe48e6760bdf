"""``thoisu batch --out`` at scale: speed with 1 and 2 workers, memory, resume, leftovers.

    python benchmarks/batch_scale.py                    # 1,000 articles (the machine is shared)
    python benchmarks/batch_scale.py --size 20000       # the issue's 20,000
    python benchmarks/batch_scale.py --ingest           # also batch beside ingest on ViMs

The corpus is built from ViMs as benchmarks/cluster_scale.py builds it (generations of
perturbed rewrites, dated, with syndicated copies) and written as one JSON Lines file, so the
batch must cut it into byte ranges. Every run is the real command in its own process group:

1. ``--workers 1`` and ``--workers 2``: wall time, articles per second, the peak resident
   memory of each worker process (sampled from /proc every 0.2 s) and of the command itself;
   the two runs' ``articles`` datasets must be identical row for row;
2. resume: a ``--workers 2`` run is killed (SIGKILL to its whole process group, a crash) once
   half of the full run's wall time has passed, then run again; the rerun's wall time against
   the full run's, and its output against the full run's;
3. after every run: processes left in the command's process group (must be 0);
4. stories against the single-process digest on the same articles: B-cubed F1 between the
   batch's ``story_id`` and ``group_stories`` over the articles (what ``thoisu digest`` does),
   for the default (all articles placed at once) and for ``--story-step 500``.

With ``--ingest``: ``thoisu ingest`` beside ``thoisu batch --db`` (1 and 2 workers) on the
1,950 ViMs files, fresh SQLite stores, same stored articles and stories.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster_scale import VIMS, iter_corpus

ENV = {**os.environ, "THOISU_CONFIG": "/nonexistent/thoisu.toml"}
HEADER = (f"{'run':<44}{'wall s':>9}{'cpu s':>8}{'art/s':>9}{'worker MB':>10}"
          f"{'client MB':>10}{'left':>6}{'speed':>8}")
SRC = Path(__file__).resolve().parents[1] / "src"


def snapshot(folder: Path) -> None:
    """Run every command on a copy of the source: other work on the tree cannot change the
    analysis between two runs that are compared."""
    import shutil

    copy = folder / "src"
    shutil.copytree(SRC, copy, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    ENV["PYTHONPATH"] = str(copy)


def write_corpus(size: int, path: Path) -> int:
    gold: dict[str, str] = {}
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        for article in iter_corpus(size, gold):
            record = {"id": article.id, "title": article.title,
                      "text": "\n".join(article.paragraphs),
                      "published": article.published.iso() if article.published else None}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n


def _group(pgid: int) -> dict[int, str]:
    found = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            if os.getpgid(int(name)) == pgid:
                found[int(name)] = Path(f"/proc/{name}/cmdline").read_bytes().replace(
                    b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
    return found


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run(args: list[str], kill_after: float | None = None) -> dict[str, Any]:
    """The command in its own process group; wall time, peak memory, leftovers."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = subprocess.Popen([sys.executable, "-m", "thoisu", *args], env=ENV,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    peaks: dict[int, tuple[float, str]] = {}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            for pid, cmd in _group(command.pid).items():
                rss = _rss_mb(pid)
                if rss > peaks.get(pid, (0.0, ""))[0]:
                    peaks[pid] = (rss, cmd)
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    if kill_after is not None:
        try:
            command.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            os.killpg(command.pid, signal.SIGKILL)
    out, err = command.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    if kill_after is not None:
        time.sleep(2)  # killed processes are reaped by init, not by the (killed) command
    left = len(_group(command.pid))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and all it waited for
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    workers = [rss for pid, (rss, cmd) in peaks.items() if pid != command.pid and
               "multiprocessing" in cmd]
    return {"seconds": seconds, "cpu": cpu, "rc": command.returncode, "left": left, "stdout": out,
            "stderr": err, "client_mb": peaks.get(command.pid, (0.0, ""))[0],
            "worker_mb": max(workers, default=0.0), "workers_seen": len(workers)}


def _articles(out: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    rows = pq.read_table(out / "articles").to_pylist()
    return sorted(rows, key=lambda r: r["position"])


def _bcubed(state: Path, out: Path) -> dict[str, float]:
    """B-cubed F1 between the batch's stories and digest's grouping of the same articles."""
    from thoisu.batch.stories import group
    from thoisu.batch.work import load_items, load_slim
    from thoisu.evaluate.bcubed import bcubed
    from thoisu.evaluate.clustering import story_labels
    from thoisu.settings import Settings
    from thoisu.stories import group_stories

    keys = sorted(json.loads(p.read_text())["index"] for p in (state / "done").glob("*.json"))
    by_index = {json.loads(p.read_text())["index"]: p.stem for p in (state / "done").glob("*")}
    articles = [a for i in keys for a in load_items(str(state), by_index[i])
                if not hasattr(a, "reason")]
    digest = story_labels(group_stories(articles, Settings()))
    batch = {r["id"]: r["story_id"] for r in _articles(out)}
    slim = [load_slim(str(state), by_index[i]) for i in keys]
    stepped = group(slim, Settings(), story_step=500)
    step_labels = dict(stepped.story_of)
    return {"default": bcubed(digest, batch).f1, "step500": bcubed(digest, step_labels).f1,
            "stories_digest": len(set(digest.values())), "stories_batch": len(set(batch.values()))}


def _row(name: str, result: dict[str, Any], n: int, base: float | None = None) -> None:
    ratio = f"{base / result['seconds']:.2f}x" if base else ""
    print(f"{name:<44}{result['seconds']:>9.1f}{result['cpu']:>8.1f}"
          f"{n / result['seconds']:>9.1f}"
          f"{result['worker_mb']:>10.0f}{result['client_mb']:>10.0f}{result['left']:>6}"
          f"{ratio:>8}", flush=True)


def scale(size: int, folder: Path) -> None:
    corpus = folder / "corpus.jsonl"
    n = write_corpus(size, corpus)
    mb = corpus.stat().st_size / 1e6
    print(f"{n} articles, {mb:.1f} MB of JSON Lines (one file, cut into byte ranges)")
    print(HEADER)
    common = ["batch", str(corpus), "-q"]
    one = run([*common, "--out", str(folder / "w1"), "--workers", "1"])
    _row("--workers 1", one, n)
    two = run([*common, "--out", str(folder / "w2"), "--workers", "2"])
    _row("--workers 2", two, n, one["seconds"])
    same = _articles(folder / "w1") == _articles(folder / "w2")
    print(f"identical articles rows, 1 vs 2 workers: {same}")
    killed = run([*common, "--out", str(folder / "r"), "--workers", "2"],
                 kill_after=two["seconds"] / 2)
    done = len(list((folder / "r" / "_batch" / "done").glob("*.json")))
    total = len(list((folder / "w2" / "_batch" / "done").glob("*.json")))
    _row(f"killed at 50% of the wall time ({done}/{total} done)", killed, n)
    resumed = run([*common, "--out", str(folder / "r"), "--workers", "2"])
    _row("rerun after the kill", resumed, n)
    print(f"resume costs {resumed['seconds'] / two['seconds']:.0%} of a full run "
          f"(target <= 60%); output identical to the full run: "
          f"{_articles(folder / 'r') == _articles(folder / 'w2')}")
    for name, _result in (("1 worker", one), ("2 workers", two), ("resumed", resumed)):
        info = json.loads((folder / {"1 worker": "w1", "2 workers": "w2", "resumed": "r"}[name]
                           / "_batch" / "complete.json").read_text())
        print(f"  {name}: phases (s) {info['seconds']}")
    scores = _bcubed(folder / "w2" / "_batch", folder / "w2")
    print(f"stories: batch {scores['stories_batch']}, digest {scores['stories_digest']}; "
          f"B-cubed F1 batch vs digest {scores['default']:.4f} (all at once), "
          f"{scores['step500']:.4f} (--story-step 500)")


def _store_view(db: Path) -> tuple[list[str], list[list[str]]]:
    with sqlite3.connect(db) as con:
        ids = sorted(r[0] for r in con.execute("select id from articles"))
        members: dict[str, list[str]] = {}
        for story, article in con.execute("select story_id, article_id from story_articles"):
            members.setdefault(story, []).append(article)
    return ids, sorted(sorted(m) for m in members.values())


def ingest_side_by_side(folder: Path) -> None:
    data = VIMS / "data"
    print(f"\nthoisu ingest beside thoisu batch --db on {data} (fresh SQLite stores)")
    print(HEADER)
    base = run(["ingest", str(data), "--db", f"sqlite:///{folder / 'ingest.db'}", "-q"])
    _row("thoisu ingest (one process)", base, 1950)
    views = {"ingest": _store_view(folder / "ingest.db")}
    for workers in (1, 2):
        db = folder / f"batch{workers}.db"
        result = run(["batch", str(data), "--db", f"sqlite:///{db}", "--workers",
                      str(workers), "-q"])
        _row(f"thoisu batch --db --workers {workers}", result, 1950, base["seconds"])
        views[f"batch{workers}"] = _store_view(db)
    for name, view in views.items():
        print(f"  {name}: {len(view[0])} articles, {len(view[1])} stories, same as ingest: "
              f"{view == views['ingest']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--ingest", action="store_true")
    parser.add_argument("--keep", help="folder for the corpus and outputs (default: temporary)")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="batch-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    snapshot(folder)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; files in {folder}")
    scale(args.size, folder)
    if args.ingest:
        ingest_side_by_side(folder)


if __name__ == "__main__":
    main()
