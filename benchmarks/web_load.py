"""Load on ``thoisu serve``: p50/p95 latency and requests/s per page at 1, 10 and 50 clients.

A script, not a test. It builds (once, cached under ``$TMPDIR/thoisu_web_load``) a store made
by the current code: ViMs and rewritten copies of it (as ``benchmarks/cluster_scale.py`` makes
them), stored through ``Store.add_articles``, grouped by the clusterer, then analysed and
described by ``thoisu reanalyse`` (so story pages show stored summaries, timelines, names).
The load client is ``wrk`` (Debian's; a C program that uses a small share of a core, so the
server's figures are not the client's), one connection per client, each connection cycling
through paths drawn from the store. Every configuration is measured in the same run:

* ``baseline``: the code of another checkout (``--baseline SRC``), as it serves by default;
* ``uncached``: this code with its read cache off (``web_cache_pages = 0``): rendering cost;
* ``current``: this code as it serves by default (a process per core, cached reads);
* ``warm`` (``--warm``): the same after each page's paths were asked for once, as on a server
  that has run: the rows of ``current`` measure readers who are the first to ask.

    python benchmarks/web_load.py                          # SQLite, 20,000 articles
    python benchmarks/web_load.py --size 3000 --postgres   # and a throwaway PostgreSQL
    python benchmarks/web_load.py --baseline /tmp/thoisu_base/src

Prints the load average before and after: on a shared machine the figures are inflated.
"""

from __future__ import annotations

import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
VIMS = HERE.parents[1] / "shared" / "data" / "vims"
# Invented outlet names: the corpus has none, and the home page filters by outlet.
OUTLETS = ("Tin Nhanh", "Báo Sáng", "Thời Sự 24", "Nhịp Sống", "Tin Phương Nam",
           "Báo Thủ Đô", "Tin Miền Trung", "Diễn Đàn Mới")


def cache_dir() -> Path:
    path = Path(tempfile.gettempdir()) / "thoisu_web_load"
    path.mkdir(parents=True, exist_ok=True)
    return path


def build_base(path: Path, size: int, verbose: bool = False) -> Path:
    """Articles and their stories in a store of the current schema (not yet described).

    Articles are ViMs and its rewrites (``cluster_scale.iter_corpus``), each given an outlet
    and its first paragraph as lead; stories come from the clusterer, fed a thousand at a time
    in date order.
    """
    sys.path.insert(0, str(HERE))
    import itertools

    from cluster_scale import iter_corpus

    from thoisu.settings import Settings
    from thoisu.store import Store
    from thoisu.stories.cluster import StoryClusterer

    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    for leftover in partial.parent.glob(partial.name + "*"):
        leftover.unlink()
    rng = random.Random(11)
    started = time.perf_counter()
    clusterer = StoryClusterer(Settings())
    with Store.open(f"sqlite:///{partial}") as store:
        stream = iter_corpus(size, {})
        done = 0
        while batch := list(itertools.islice(stream, 1000)):
            for article in batch:
                article.source = rng.choice(OUTLETS)
                if len(article.paragraphs) > 1:
                    article.lead = article.paragraphs.pop(0)
            store.add_articles(batch)
            clusterer.add(batch)
            done += len(batch)
            if verbose:
                print(f"{done} articles, {time.perf_counter() - started:.0f} s", flush=True)
        store.save_stories(clusterer.stories())
    db = sqlite3.connect(partial)
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("PRAGMA journal_mode = DELETE")  # one file, safe to copy and rename
    finally:
        db.close()
    partial.rename(path)
    if verbose:
        print(f"built {path} in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def build_after(base: Path, path: Path, jobs: int = 2, verbose: bool = False) -> Path:
    """A copy of ``base`` after ``thoisu reanalyse`` (articles analysed, stories described and
    stored), as a newsroom's store is after its ingests."""
    import shutil
    import subprocess

    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    shutil.copyfile(base, partial)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "thoisu", "reanalyse", "--db", f"sqlite:///{partial}",
                    "--jobs", str(jobs), "--quiet"], check=True)
    partial.rename(path)
    if verbose:
        print(f"reanalysed {path} in {time.perf_counter() - started:.0f} s", flush=True)
    return path


# -- serving and measuring ---------------------------------------------------------------------

PAGES = ("home", "story", "article", "search", "api_stories", "name")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``thoisu serve`` in a child process; ``src``: another checkout's source (the baseline),
    ``env``: settings for it (``THOISU_WEB_CACHE_PAGES=0``), ``workers``: None for its own
    default."""

    def __init__(self, db_url: str, src: str | None = None, workers: int | None = None,
                 env: dict[str, str] | None = None) -> None:
        import os
        import subprocess

        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        environ = {**os.environ, "THOISU_CONFIG": "/nonexistent/thoisu.toml", **(env or {})}
        if src:
            environ["PYTHONPATH"] = src
        command = [sys.executable, "-m", "thoisu", "serve", "--db", db_url, "--port",
                   str(self.port), "--no-access-log"]
        if workers is not None:
            command += ["--workers", str(workers)]
        self.proc = subprocess.Popen(command, env=environ, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)

    def __enter__(self) -> Server:
        import httpx

        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"thoisu serve exited with {self.proc.returncode}")
            try:
                if httpx.get(f"{self.base}/api/health", timeout=5).status_code == 200:
                    # A search waits for the index the server builds (or brings up to date)
                    # when it starts: measure after it, not the build.
                    httpx.get(f"{self.base}/api/search?q=ha+noi", timeout=1800)
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise SystemExit("thoisu serve did not answer within 180 s")

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except Exception:
            self.proc.kill()


def sample_urls(db: Path, count: int, seed: int = 5) -> dict[str, list[str]]:
    """Paths to ask for, per page, drawn from the store (the same for every server)."""
    from urllib.parse import quote, urlencode

    from thoisu.store.search import WORD

    rng = random.Random(seed)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        columns = {r[1] for r in con.execute("PRAGMA table_info(stories)")}
        # Stories with stored results when there are any (a store part-way through
        # thoisu reanalyse), so story pages show what a described story shows.
        described = "summary" in columns and con.execute(
            "SELECT count(*) FROM stories WHERE summary IS NOT NULL").fetchone()[0]
        stories = [r[0] for r in con.execute(
            "SELECT id FROM stories" + (" WHERE summary IS NOT NULL" if described else ""))]
        articles = [r[0] for r in con.execute("SELECT id FROM articles")]
        titles = [r[0] for r in con.execute("SELECT title FROM articles")]
        names = []
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
        if "story_names" in tables:
            names = [r[0] for r in con.execute(
                "SELECT name FROM story_names GROUP BY name ORDER BY count(*) DESC LIMIT 300")]
        outlets = list(OUTLETS)
    finally:
        con.close()
    queries = []
    for title in rng.sample(titles, min(len(titles), count)):
        words = WORD.findall(title)
        if len(words) >= 2:
            k = rng.randrange(len(words) - 1)
            phrase = " ".join(words[k:k + 2])
            queries.append(phrase if rng.random() < 0.5 else _bare(phrase))
    homes = []
    for _ in range(count):
        params: dict[str, str] = {}
        roll = rng.random()
        if roll < 0.5:
            params["page"] = str(rng.randint(1, 5))
        elif roll < 0.7:
            params["outlet"] = rng.choice(outlets)
        elif roll < 0.85 and names:
            params["name"] = rng.choice(names[:50])
        else:
            params["since"] = "2016-06-01"
        homes.append("/?" + urlencode(params))
    return {
        "home": homes,
        "story": [f"/stories/{quote(s)}" for s in rng.choices(stories, k=count)],
        "article": [f"/articles/{quote(a)}" for a in rng.choices(articles, k=count)],
        "name": [f"/names/{quote(n)}" for n in rng.choices(names, k=count)] if names else [],
        "search": ["/search?" + urlencode({"q": q}) for q in queries[:count]],
        "api_stories": [f"/api/stories?offset={20 * rng.randrange(0, 10)}"
                        for _ in range(count)],
    }


def _bare(text: str) -> str:
    from thoisu.store.search import fold

    return fold(text)


WRK_SCRIPT = r"""
local paths, n = {}, 0
for line in io.lines(os.getenv("WRK_PATHS")) do n = n + 1; paths[n] = line end
local i = 0
request = function()
  i = i % n + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d %d %d\n", latency:percentile(50),
    latency:percentile(95), summary.requests, summary.duration, e.connect, e.read, e.write,
    e.status, e.timeout))
end
"""


def wrk(base: str, paths: list[str], clients: int, seconds: float,
        timeout: float = 10.0) -> dict[str, Any]:
    """One ``wrk`` run: ``clients`` connections cycling through ``paths`` (each connection
    from its own place in the list) for ``seconds``."""
    import os
    import subprocess

    work = cache_dir()
    script = work / "paths.lua"
    script.write_text(WRK_SCRIPT, encoding="utf-8")
    listed = work / f"paths-{clients}.txt"
    listed.write_text("\n".join(paths) + "\n", encoding="utf-8")
    done = subprocess.run(
        ["wrk", "-t", "1", "-c", str(clients), "-d", f"{seconds:g}s", "--timeout",
         f"{timeout:g}s", "-s", str(script), base],
        env={**os.environ, "WRK_PATHS": str(listed)}, capture_output=True, text=True,
        check=False)
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk failed: {done.stdout[-500:]} {done.stderr[-500:]}")
    p50, p95, count, micros, *errors = (int(v) for v in line.split()[1:])
    names = ("connect", "read", "write", "status", "timeout")
    failed = ", ".join(f"{k}×{v}" for k, v in zip(names, errors, strict=True) if v)
    return {"p50": p50 / 1000, "p95": p95 / 1000, "rps": count / (micros / 1e6), "n": count,
            "errors": failed}


def _ask_each(base: str, paths: list[str], asks: int = 4) -> None:
    """Ask for every path as readers of a running server have before: ``asks`` times, each
    on a new connection, so that every server process (each keeps its own pages) is likely
    to have been asked once."""
    import httpx

    for path in sorted(set(paths)):
        for _ in range(asks):
            httpx.get(base + path, timeout=60, headers={"connection": "close"})


def measure(base: str, urls: dict[str, list[str]], pages: tuple[str, ...],
            clients: tuple[int, ...], seconds: float, label: str,
            warm: bool = False) -> list[dict[str, Any]]:
    rows = []
    for page in pages:
        paths = urls.get(page) or []
        if not paths:
            print(f"{label:<18} {page:<12} (no paths: the store has none of these)")
            continue
        wrk(base, paths[:20], 2, 1.0)  # warm the processes (imports, first queries)
        if warm:
            _ask_each(base, paths)
        for c in clients:
            rng = random.Random(c)
            chosen = [rng.choice(paths) for _ in range(max(400, 20 * c))]
            row = wrk(base, chosen, c, seconds)
            row.update(label=label, page=page, clients=c)
            rows.append(row)
            print(f"{label:<18} {page:<12} {c:>4} {row['p50']:>9.1f} {row['p95']:>9.1f} "
                  f"{row['rps']:>8.1f} {row['n']:>7} {row['errors'] or '-'}", flush=True)
    return rows


def main() -> None:
    import argparse
    import os

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=20_000, help="articles in the store")
    parser.add_argument("--seconds", type=float, default=5.0,
                        help="seconds of load per page and number of clients")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--baseline", metavar="SRC",
                        help="the src directory of another checkout, served beside (e.g. "
                             "git archive of the previous main unpacked in /tmp)")
    parser.add_argument("--postgres", action="store_true",
                        help="also copy the store into a throwaway PostgreSQL and serve that")
    parser.add_argument("--configs", nargs="+", default=["baseline", "uncached", "current"],
                        choices=["baseline", "uncached", "current"])
    parser.add_argument("--pages", nargs="+", default=list(PAGES), choices=PAGES)
    parser.add_argument("--warm", action="store_true",
                        help="also measure 'current' after every path of a page was asked "
                             "for (a server that has run: its read cache holds the pages; "
                             "the rows without it measure first visits)")
    parser.add_argument("--store", type=Path,
                        help="measure this SQLite store instead of building one")
    args = parser.parse_args()
    print(f"CPUs: {os.cpu_count()}; load average {os.getloadavg()[0]:.1f} at start", flush=True)
    cache = cache_dir()
    after = args.store
    if after is None:
        base = build_base(cache / f"current-{args.size}.db", args.size, verbose=True)
        after = build_after(base, cache / f"current-{args.size}-described.db", verbose=True)
    urls = sample_urls(after, 400)
    con = sqlite3.connect(after)
    print(f"store: {after} ({con.execute('SELECT count(*) FROM articles').fetchone()[0]} "
          f"articles, {con.execute('SELECT count(*) FROM stories').fetchone()[0]} stories)")
    con.close()
    clients, pages = tuple(args.clients), tuple(args.pages)
    _header()
    backends = [("sqlite", f"sqlite:///{after}")]
    pg = None
    if args.postgres:
        sys.path.insert(0, str(HERE.parent / "tests"))
        from test_store_postgres import _Server

        pg = _Server()
        pg.start()
        url = pg.new_database()
        copy_store(after, url)
        backends.append(("postgres", url))
    try:
        for backend, url in backends:
            for config in args.configs:
                if config == "baseline" and not args.baseline:
                    continue
                server = (Server(url, src=args.baseline) if config == "baseline" else
                          Server(url, env={"THOISU_WEB_CACHE_PAGES": "0"})
                          if config == "uncached" else Server(url))
                with server:
                    measure(server.base, urls, pages, clients, args.seconds,
                            f"{config}/{backend}")
                if config == "current" and args.warm:
                    with Server(url) as server:
                        measure(server.base, urls, pages, clients, args.seconds,
                                f"warm/{backend}", warm=True)
    finally:
        if pg is not None:
            pg.stop()
    print(f"load average {os.getloadavg()[0]:.1f} at the end", flush=True)


def _header() -> None:
    print(f"{'server':<18} {'page':<12} {'clnt':>4} {'p50 ms':>9} {'p95 ms':>9} {'req/s':>8} "
          f"{'n':>7} errors", flush=True)


def copy_store(sqlite_path: Path, url: str) -> None:
    """Every row of the SQLite store into the (new, migrated) store at ``url``."""
    from sqlalchemy import create_engine, insert, select

    from thoisu.store import Store
    from thoisu.store.schema import metadata

    Store.open(url).close()  # migrated to the newest schema
    source = create_engine(f"sqlite:///{sqlite_path}")
    target = create_engine(url)
    with source.connect() as src, target.begin() as dst:
        for table in metadata.sorted_tables:
            if table.name == "alembic_version":
                continue
            rows = [dict(r._mapping) for r in src.execute(select(table))]
            for start in range(0, len(rows), 1000):
                dst.execute(insert(table), rows[start:start + 1000])
    source.dispose()
    target.dispose()


if __name__ == "__main__":
    main()
