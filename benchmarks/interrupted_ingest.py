"""Articles left in no story after an interrupted ``thoisu ingest`` and its re-run.

    python benchmarks/interrupted_ingest.py                    # 16 ViMs clusters (~150 articles)
    python benchmarks/interrupted_ingest.py --clusters 300     # all 1,950 articles
    python benchmarks/interrupted_ingest.py --base /tmp/thoisu_base/src   # the old code too

Scenarios, each on a fresh SQLite store: a clean run; SIGKILL once the store holds an article,
then the same command again; the same with SIGINT (Ctrl-C). Prints, per tree, the articles
stored and those in no story (neither a member nor a recorded copy) after each step, and
whether the re-run's stories equal the clean run's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "vims" / "data"

LOOSE = ("SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM story_articles) "
         "AND id NOT IN (SELECT copy FROM story_duplicates)")


def start(src: Path, db: Path, paths: list[str]) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(src), "THOISU_CONFIG": str(db) + ".none.toml"}
    return subprocess.Popen([sys.executable, "-m", "thoisu", "ingest", "-q", "--db",
                             f"sqlite:///{db}", *paths], env=env, text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def query(db: Path, sql: str) -> int:
    try:
        with sqlite3.connect(db, timeout=0.5) as conn:
            return int(conn.execute(sql).fetchone()[0])
    except sqlite3.Error:
        return 0


def counts(db: Path) -> tuple[int, int]:
    return query(db, "SELECT count(*) FROM articles"), query(db, LOOSE)


def stories(db: Path) -> list[tuple[str, ...]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT story_id, article_id FROM story_articles "
                            "UNION ALL SELECT story_id, copy FROM story_duplicates").fetchall()
    grouped: dict[str, list[str]] = {}
    for story, article in rows:
        grouped.setdefault(story, []).append(article)
    return sorted(tuple(sorted(v)) for v in grouped.values())


def interrupted(src: Path, db: Path, paths: list[str], sig: signal.Signals) -> tuple[int, int]:
    process = start(src, db, paths)
    while process.poll() is None and (not db.exists() or counts(db)[0] == 0):
        time.sleep(0.05)
    process.send_signal(sig)
    process.wait()
    return counts(db)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--path", default=str(DEFAULT_DATA))
    parser.add_argument("--clusters", type=int, default=16, help="ViMs clusters to ingest")
    parser.add_argument("--base", default=None, help="src directory of a baseline checkout")
    opts = parser.parse_args()
    clusters = sorted(p for p in Path(opts.path).iterdir() if p.is_dir())[:opts.clusters]
    paths = [str(p) for p in clusters]
    work = Path(tempfile.mkdtemp(prefix="interrupted_"))
    # A copy of the tree, so files edited while this runs cannot make two runs differ.
    snapshot = work / "src"
    shutil.copytree(REPO / "src", snapshot, ignore=shutil.ignore_patterns("__pycache__"))
    trees = [("current", snapshot)]
    if opts.base:
        trees.insert(0, ("baseline", Path(opts.base)))
    print(f"{len(paths)} clusters; stores in {work}")
    print(f"{'tree':<9} {'scenario':<16} {'stored':>7} {'in no story':>12} "
          f"{'after re-run':>13} {'stories = clean':>16}")
    for name, src in trees:
        clean_db = work / f"{name}-clean.db"
        start(src, clean_db, paths).wait()
        stored, loose = counts(clean_db)
        clean = stories(clean_db)
        print(f"{name:<9} {'clean run':<16} {stored:>7} {loose:>12} {'-':>13} {'-':>16}")
        for sig in (signal.SIGKILL, signal.SIGINT):
            db = work / f"{name}-{sig.name}.db"
            stored, loose = interrupted(src, db, paths, sig)
            start(src, db, paths).wait()
            after_stored, after_loose = counts(db)
            same = "yes" if stories(db) == clean else "no"
            print(f"{name:<9} {sig.name + ' + re-run':<16} {stored:>7} {loose:>12} "
                  f"{after_loose:>13} {same:>16}   ({after_stored} stored after the re-run)",
                  flush=True)


if __name__ == "__main__":
    main()
