"""What one page costs to render, without HTTP and without the read cache, this tree beside
another checkout, in one run.

    python benchmarks/web_render.py --base /tmp/thoisu_base/src            # SQLite store
    python benchmarks/web_render.py --base DIR --db postgresql+psycopg://...

The store is the one ``benchmarks/web_load.py`` builds (``--store`` to name another; it must be
at a schema revision both trees know, so the baseline goes first). Each tree is measured in its
own process (``THOISU_WEB_CACHE_PAGES=0``, the app called through Starlette's TestClient): the
paths of each page (``web_load.sample_urls``) are asked for once to warm up, then 200 are timed
one by one. Prints the median and the 90th percentile per page and tree, and the ratio of the
medians. A script, not a test; figures on a shared machine are inflated alike for both trees.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGES = ("home", "story", "article", "search", "api_stories", "name")


def measure(db_url: str, store: Path, pages: list[str], count: int) -> dict[str, list[float]]:
    """Seconds per request of each page, in this process."""
    sys.path.insert(0, str(HERE))
    from fastapi.testclient import TestClient
    from web_load import sample_urls

    from thoisu.web import create_app

    urls = sample_urls(store, 400)
    app = create_app(db_url)
    out: dict[str, list[float]] = {}
    with TestClient(app) as client:
        time.sleep(5)  # the analysis pool's workers start and import their models
        for page in pages:
            paths = urls.get(page) or []
            for path in paths[:10]:
                client.get(path)
            times = []
            for path in paths[10:10 + count]:
                started = time.perf_counter()
                answer = client.get(path)
                times.append(time.perf_counter() - started)
                if answer.status_code != 200:
                    raise SystemExit(f"{path}: {answer.status_code}")
            out[page] = times
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", metavar="SRC", help="the src directory of another checkout")
    parser.add_argument("--store", type=Path, help="a SQLite store (default: web_load's 20k)")
    parser.add_argument("--db", help="serve this store URL instead (paths still drawn from "
                                     "--store, which it must be a copy of)")
    parser.add_argument("--pages", nargs="+", default=list(PAGES), choices=PAGES)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    import tempfile

    store = args.store or (Path(tempfile.gettempdir()) / "thoisu_web_load"
                           / "current-20000-described.db")
    db_url = args.db or f"sqlite:///{store}"
    if args.child:
        print(json.dumps(measure(db_url, store, args.pages, args.count)))
        return
    if not store.exists():
        raise SystemExit(f"{store}: no store; python benchmarks/web_load.py builds it")
    print(f"CPUs: {os.cpu_count()}; load average {os.getloadavg()[0]:.1f} at start", flush=True)
    trees = ([("baseline", args.base)] if args.base else []) + [("current", None)]
    found: dict[str, dict[str, list[float]]] = {}
    for label, src in trees:
        environ = {**os.environ, "THOISU_WEB_CACHE_PAGES": "0",
                   "THOISU_CONFIG": "/nonexistent/thoisu.toml"}
        if src:
            environ["PYTHONPATH"] = src
        done = subprocess.run(
            [sys.executable, __file__, "--child", "--store", str(store), "--db", db_url,
             "--count", str(args.count), "--pages", *args.pages],
            env=environ, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"{label}: {done.stderr[-2000:]}")
        found[label] = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"{'page':<12} {'tree':<9} {'median ms':>10} {'p90 ms':>8} {'ratio':>7}")
    for page in args.pages:
        base = statistics.median(found["baseline"][page]) if args.base else None
        for label, _ in trees:
            times = sorted(found[label][page])
            median = statistics.median(times)
            ratio = f"{median / base:.2f}x" if base else ""
            print(f"{page:<12} {label:<9} {median * 1000:>10.2f} "
                  f"{times[int(0.9 * len(times))] * 1000:>8.2f} {ratio:>7}")
    print(f"load average {os.getloadavg()[0]:.1f} at the end", flush=True)


if __name__ == "__main__":
    main()
