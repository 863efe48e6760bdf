"""Cost curve of ``thoisu ingest`` on date-dense text: seconds per MB must stay flat (within 2×).

    python benchmarks/date_dense_curve.py            # 0.1, 0.5, 1 MB
    python benchmarks/date_dense_curve.py --full     # 0.1, 0.5, 1, 2, 4, 8 MB
    python benchmarks/date_dense_curve.py --sizes 0.1 2 --profile

Each size is one text file of lines of ``'Hà Nội ngày 12/3/2017 mưa lớn. ' * 1000`` (a date in
every sentence: the worst case for time-expression selection and timeline merging), ingested
by a fresh ``thoisu ingest`` process into a fresh SQLite store. The per-document work limit
(``max_article_chars``) is raised for the run, so that the whole text is analysed: with the
default limit, a page this long is refused with one problem line, which says nothing about
how the analysis scales.

Printed per size: CPU seconds of the ingest process (user + system, so that other jobs on a
shared machine do not inflate it; wall seconds beside), seconds per MB, that figure over the
smallest size's (the "flat within 2x" check), and the marginal seconds per MB from the size
before (what one more MB costs: flat when the work is linear, whatever fixed cost per run
is left in the smallest size). Beside it, in the same run, the baseline:
the cost of the same process on a text of the same size with no date at all
(``'Hà Nội mưa lớn suốt buổi chiều. '``), so that what the dates cost is seen apart from what
reading, splitting and storing cost.

``--profile`` prints, for the largest size, the functions that took the most time (in
process, under cProfile): where a superlinear cost sits, if there is one.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATED = "Hà Nội ngày 12/3/2017 mưa lớn. "
UNDATED = "Hà Nội mưa lớn suốt buổi chiều. "
SIZES = (0.1, 0.5, 1.0)
FULL = (0.1, 0.5, 1.0, 2.0, 4.0, 8.0)


def write_text(path: Path, sentence: str, megabytes: float) -> int:
    """A file of ``sentence * 1000`` lines, ``megabytes`` MB long (UTF-8); its byte size."""
    line = sentence * 1000 + "\n"
    size = len(line.encode("utf-8"))
    lines = max(1, round(megabytes * 1_000_000 / size))
    path.write_text(line * lines, encoding="utf-8")
    return path.stat().st_size


def run_ingest(path: Path, workdir: Path) -> tuple[float, float, int]:
    """CPU and wall seconds of one ``thoisu ingest`` process, and its exit status."""
    db = workdir / f"{path.stem}.db"
    env = dict(os.environ, THOISU_MAX_ARTICLE_CHARS=str(10**9),
               THOISU_MAX_FILE_BYTES=str(10**9))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "thoisu", "ingest", "--db", f"sqlite:///{db}",
                           "-q", str(path)], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        print(f"  ingest of {path.name} exited {done.returncode}: {done.stderr.strip()[-400:]}")
    return cpu, wall, done.returncode


def startup(workdir: Path) -> float:
    """CPU seconds of an ingest of a one-line dated file: imports, store creation and what
    loads on first use (names tables, tagger patterns), taken off."""
    tiny = workdir / "tiny.txt"
    tiny.write_text(DATED * 20 + "\n", encoding="utf-8")
    return min(run_ingest(tiny, workdir)[0] for _ in range(2))


def profile(path: Path, workdir: Path) -> None:
    import cProfile
    import pstats

    from thoisu.cli import main

    os.environ["THOISU_MAX_ARTICLE_CHARS"] = str(10**9)
    os.environ["THOISU_MAX_FILE_BYTES"] = str(10**9)
    sys.argv = ["thoisu", "ingest", "--db", f"sqlite:///{workdir / 'profile.db'}", "-q",
                str(path)]
    prof = cProfile.Profile()
    prof.enable()
    with contextlib.suppress(SystemExit):
        main()
    prof.disable()
    pstats.Stats(prof).sort_stats("cumulative").print_stats(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="0.1 to 8 MB (several minutes)")
    parser.add_argument("--sizes", type=float, nargs="*", help="sizes in MB")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    sizes = args.sizes or (FULL if args.full else SIZES)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        base = startup(workdir)
        print(f"startup (imports, store creation) {base:.2f} s CPU, taken off each figure")
        print(f"{'MB':>5} {'dated s':>9} {'wall s':>8} {'s/MB':>7} {'×first':>7} {'Δs/MB':>6}"
              f"   {'undated s':>9} {'s/MB':>7} {'×first':>7} {'Δs/MB':>6}")
        first: dict[str, float] = {}
        before: dict[str, tuple[float, float]] = {}
        for mb in sizes:
            row = []
            for kind, sentence in (("dated", DATED), ("undated", UNDATED)):
                if kind == "undated" and args.no_baseline:
                    row.append("")
                    continue
                path = workdir / f"{kind}-{mb}.txt"
                size = write_text(path, sentence, mb) / 1_000_000
                cpu, wall, _ = run_ingest(path, workdir)
                per_mb = max(cpu - base, 0.0) / size
                first.setdefault(kind, per_mb or 1e-9)
                ratio = per_mb / first[kind]
                last_size, last_cpu = before.get(kind, (0.0, base))
                marginal = (cpu - last_cpu) / (size - last_size) if size > last_size else 0.0
                before[kind] = (size, cpu)
                row.append(f"{cpu - base:9.2f} " + (f"{wall:8.1f} " if kind == "dated" else "")
                           + f"{per_mb:7.2f} {ratio:7.2f} {marginal:6.2f}")
            print(f"{mb:5.1f} {row[0]}   {row[1]}", flush=True)
        if args.profile:
            path = workdir / f"dated-{sizes[-1]}.txt"
            write_text(path, DATED, sizes[-1])
            profile(path, workdir)


if __name__ == "__main__":
    main()
