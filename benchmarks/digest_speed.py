"""``thoisu digest`` end to end, ``--jobs 1`` beside ``--jobs 2``, this tree beside a baseline.

    python benchmarks/digest_speed.py                       # 1,950 ViMs articles
    python benchmarks/digest_speed.py --base /tmp/thoisu_base/src   # a checkout of the baseline
    python benchmarks/digest_speed.py --limit 300           # the first N clusters' files only
    python benchmarks/digest_speed.py --base DIR --repeat 3 # medians of three rounds

Each run is a fresh process (``python -m thoisu digest --format json``) timed on the wall
clock, with the CPU time of it and its workers (``RUSAGE_CHILDREN``). The ``--jobs 1`` run also
counts how many times ``infer_published`` and ``tag_dates`` were called (they are wrapped in
that process; with ``--jobs 2`` the calls happen in workers and are not counted).

The current tree is copied to a temporary directory first, so files edited while the
benchmark runs do not change what is measured. Prints articles/s, the speed-up of two jobs
over one, and whether the digest JSON of one and two jobs is identical, and identical to the
baseline's (when not, how it differs, and whether it differs apart from the per-article
``dates``, ``entities`` and ``mentions`` that turn 3 added). With ``--repeat`` the runs are
interleaved round by round (a shared machine's load falls on every variant alike) and the
summary gives medians; each line shows the load average when its run ended.

Beside them, in the same run, the minimal pipeline the issue measures against: read the files,
``underthesea.sent_tokenize``, TF-IDF vectors grouped at cosine 0.3 (one pass), Lead-3 of
each group (one process); its CPU time is the floor the digest's is compared to.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "vims" / "data"
NEW_FIELDS = ("dates", "entities", "mentions")

# Run in the measured process: count calls of the two per-article date functions.
COUNTER = r"""
import atexit, json, sys
import thoisu.dates, thoisu.dates.published, thoisu.dates.tagger
counts = {"infer_published": 0, "tag_dates": 0}
def wrap(module, name, key):
    real = getattr(module, name)
    def counted(*a, **k):
        counts[key] += 1
        return real(*a, **k)
    setattr(module, name, counted)
    return counted
wrap(thoisu.dates.published, "infer_published", "infer_published")
tagged = wrap(thoisu.dates.tagger, "tag_dates", "tag_dates")
thoisu.dates.tag_dates = tagged
out = sys.argv.pop(1)
atexit.register(lambda: open(out, "w").write(json.dumps(counts)))
from thoisu.cli import main
sys.argv[0] = "thoisu"
main()
"""


def run(src: Path, paths: list[str], jobs: int, out: Path, counts: Path | None) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(src), "THOISU_CONFIG": str(out) + ".none.toml"}
    args = ["digest", *paths, "--format", "json", "-q", "-o", str(out), "--jobs", str(jobs)]
    cmd = ([sys.executable, "-c", COUNTER, str(counts), *args] if counts is not None
           else [sys.executable, "-m", "thoisu", *args])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"{src}: digest failed ({done.returncode}):\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result = {"wall": wall, "cpu": cpu}
    if counts is not None and counts.exists():
        result["calls"] = json.loads(counts.read_text())
    return result


MINIMAL = r"""
import json, sys, pathlib
from underthesea import sent_tokenize
from sklearn.feature_extraction.text import TfidfVectorizer
files = [f for d in sys.argv[2:] for f in sorted(pathlib.Path(d).rglob("*")) if f.is_file()]
texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
sentences = [sent_tokenize(t) for t in texts]
vectors = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
groups, centroids = [], []
for i in range(vectors.shape[0]):
    row = vectors[i]
    best, score = None, 0.3
    for g, c in enumerate(centroids):
        s = float(row.multiply(c).sum())
        if s >= score:
            best, score = g, s
    if best is None:
        groups.append([i]); centroids.append(row)
    else:
        groups[best].append(i)
leads = [" ".join(sentences[g[0]][:3]) for g in groups]
open(sys.argv[1], "w").write(json.dumps({"articles": len(texts), "groups": len(groups)}))
"""


def minimal(paths: list[str], out: Path) -> dict[str, Any]:
    """The minimal pipeline's wall and CPU seconds (a fresh process, as the digest's)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MINIMAL, str(out), *paths],
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"minimal pipeline failed:\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, **json.loads(out.read_text())}


def strip(data: dict[str, Any]) -> dict[str, Any]:
    for article in data["articles"]:
        for name in NEW_FIELDS:
            article.pop(name, None)
    return data


def differences(a: dict[str, Any], b: dict[str, Any]) -> str:
    out = []
    for part in ("articles", "stories"):
        x, y = a[part], b[part]
        changed = sum(1 for p, q in zip(x, y, strict=False) if p != q) + abs(len(x) - len(y))
        out.append(f"{part}: {len(x)} vs {len(y)}, {changed} differ")
    return "; ".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--path", default=str(DEFAULT_DATA), help="the ViMs data directory")
    parser.add_argument("--base", default=None,
                        help="src directory of the baseline (e.g. a git worktree of main)")
    parser.add_argument("--limit", type=int, default=None,
                        help="only the first N cluster directories (default: all)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of runs; figures are the medians (default: 1)")
    opts = parser.parse_args()

    root = Path(opts.path)
    clusters = sorted(p for p in root.iterdir() if p.is_dir())
    if opts.limit:
        clusters = clusters[:opts.limit]
    paths = [str(p) for p in clusters] or [str(root)]
    work = Path(tempfile.mkdtemp(prefix="digest_speed_"))
    snapshot = work / "src"
    shutil.copytree(REPO / "src", snapshot, ignore=shutil.ignore_patterns("__pycache__"))
    trees = [("current", snapshot)]
    if opts.base:
        trees.insert(0, ("baseline", Path(opts.base)))
    print(f"{len(paths)} input directories; CPUs: {os.cpu_count()}; "
          f"load average {os.getloadavg()[0]:.1f} at start; {opts.repeat} round(s)")
    print(f"{'tree':<9} {'jobs':>4} {'articles':>8} {'wall s':>8} {'CPU s':>7} {'art/s':>7} "
          f"{'load':>5} {'infer_published':>15} {'tag_dates':>10}")
    digests: dict[tuple[str, int], dict[str, Any]] = {}
    walls: dict[tuple[str, int], list[float]] = {}
    cpus: dict[tuple[str, int], list[float]] = {}
    # Rounds interleave the trees and job counts, so a change of load on a shared machine
    # falls on all of them alike.
    for round_ in range(opts.repeat):
        for jobs in (1, 2):
            for name, src in trees:
                out = work / f"{name}-{jobs}.json"
                counts = work / f"{name}-{jobs}.counts" if jobs == 1 and round_ == 0 else None
                got = run(src, paths, jobs, out, counts)
                data = json.loads(out.read_text(encoding="utf-8"))
                n = len(data["articles"])
                calls = got.get("calls", {})
                shown = [f"{calls[k]} ({calls[k] / n:.2f}/art)" if k in calls else "-"
                         for k in ("infer_published", "tag_dates")]
                print(f"{name:<9} {jobs:>4} {n:>8} {got['wall']:>8.1f} {got['cpu']:>7.1f} "
                      f"{n / got['wall']:>7.1f} {os.getloadavg()[0]:>5.1f} {shown[0]:>15} "
                      f"{shown[1]:>10}", flush=True)
                if (name, jobs) in digests and digests[(name, jobs)] != data:
                    print(f"{name} --jobs {jobs}: round {round_ + 1} wrote a DIFFERENT digest")
                digests[(name, jobs)] = data
                walls.setdefault((name, jobs), []).append(got["wall"])
                cpus.setdefault((name, jobs), []).append(got["cpu"])
    low = minimal(paths, work / "minimal.json")
    print(f"{'minimal':<9} {1:>4} {low['articles']:>8} {low['wall']:>8.1f} {low['cpu']:>7.1f} "
          f"{low['articles'] / low['wall']:>7.1f} {os.getloadavg()[0]:>5.1f}   "
          f"(sent_tokenize + TF-IDF + Lead-3, {low['groups']} groups)", flush=True)
    print("medians" if opts.repeat > 1 else "figures", "of the runs above:")
    for name, _ in trees:
        n = len(digests[(name, 1)]["articles"])
        wall = {jobs: statistics.median(walls[(name, jobs)]) for jobs in (1, 2)}
        cpu = {jobs: statistics.median(cpus[(name, jobs)]) for jobs in (1, 2)}
        one, two = digests[(name, 1)], digests[(name, 2)]
        verdict = "identical" if one == two else "DIFFERENT: " + differences(one, two)
        print(f"{name}: --jobs 1 {n / wall[1]:.1f} art/s ({cpu[1]:.1f} CPU s, "
              f"{cpu[1] / low['cpu']:.1f}x the minimal pipeline's), --jobs 2 "
              f"{n / wall[2]:.1f} art/s ({cpu[2]:.1f} CPU s): {wall[1] / wall[2]:.2f}x; "
              f"digest JSON of 1 and 2 jobs {verdict}")
    if opts.base:
        a, b = digests[("baseline", 1)], digests[("current", 1)]
        if a == b:
            print("current vs baseline: digest JSON identical")
        else:
            print("current vs baseline: DIFFERENT: " + differences(a, b) + "; without the "
                  "per-article fields added in turn 3: "
                  + ("identical" if strip(a) == strip(b) else differences(strip(a), strip(b))))
    print(f"load average {os.getloadavg()[0]:.1f} at the end; outputs in {work}")


if __name__ == "__main__":
    main()
