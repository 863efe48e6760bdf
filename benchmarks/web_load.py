"""Load on ``thoisu serve``: p50/p95 latency and requests/s per page at 1, 10 and 50 clients.

A script, not a test. It builds (once, cached under ``$TMPDIR/thoisu_web_load``) a store of
at least 20,000 articles made from ViMs and rewritten copies of it (as
``benchmarks/cluster_scale.py`` makes them), serves it with ``thoisu serve`` and asks for the
home, story, article, name and search pages with httpx's async client.

    python benchmarks/web_load.py                  # SQLite, 20,000 articles
    python benchmarks/web_load.py --postgres       # and PostgreSQL (a throwaway server)
    python benchmarks/web_load.py --before /tmp/thoisu_base   # story page before (analysis
                                                   # per view, the code of that worktree)
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
    """The store of the *previous* schema (revision 0001): articles and their stories.

    Articles are ViMs and its rewrites (``cluster_scale.iter_corpus``), each given an outlet
    and its first paragraph as lead; stories come from the clusterer, fed a thousand at a time
    in date order. The store is then stamped at revision 0001 (revisions 0002-0004 add only
    columns and tables), so the code of any later revision upgrades it in place, which is how a
    newsroom's store would meet a new thoisu.
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
        db.execute("UPDATE alembic_version SET version_num = '0001'")
        db.commit()
        db.execute("PRAGMA journal_mode = DELETE")  # one file, safe to copy and rename
    finally:
        db.close()
    partial.rename(path)
    if verbose:
        print(f"built {path} in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def build_after(base: Path, path: Path, jobs: int = 2, verbose: bool = False) -> Path:
    """The store of the current schema: a copy of ``base`` upgraded in place by this thoisu's
    migrations, then ``thoisu reanalyse`` (articles analysed, stories described and stored)."""
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

PAGES = ("home", "story", "article", "name", "search")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``thoisu serve`` in a child process (``src``: another checkout's source, for before)."""

    def __init__(self, db_url: str, src: str | None = None, workers: int = 1) -> None:
        import os
        import subprocess

        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "THOISU_CONFIG": "/nonexistent/thoisu.toml"}
        if src:
            env["PYTHONPATH"] = src
        command = [sys.executable, "-m", "thoisu", "serve", "--db", db_url, "--port",
                   str(self.port)]
        if not src:
            command += ["--no-access-log", "--workers", str(workers)]
        self.proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)

    def __enter__(self) -> Server:
        import httpx

        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"thoisu serve exited with {self.proc.returncode}")
            try:
                if httpx.get(f"{self.base}/api/health", timeout=5).status_code == 200:
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
    }


def _bare(text: str) -> str:
    from thoisu.store.search import fold

    return fold(text)


async def _load(base: str, paths: list[str], clients: int, requests: int,
                timeout: float) -> dict[str, float]:
    import asyncio

    import httpx

    latencies: list[float] = []
    statuses: dict[str, int] = {}
    queue = list(paths[:requests]) if len(paths) >= requests else \
        [paths[i % len(paths)] for i in range(requests)]
    queue.reverse()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as client:
        async def worker() -> None:
            while queue:
                path = queue.pop()
                start = time.perf_counter()
                try:
                    response = await client.get(path)
                    await response.aread()
                    key = str(response.status_code)
                except httpx.TimeoutException:
                    key = "timeout"
                except httpx.HTTPError as exc:
                    key = type(exc).__name__
                latencies.append(time.perf_counter() - start)
                statuses[key] = statuses.get(key, 0) + 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        wall = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    return {"p50": pct(0.50), "p95": pct(0.95), "rps": len(latencies) / wall,
            "n": len(latencies), "ok": statuses.get("200", 0),
            "errors": ", ".join(f"{k}×{v}" for k, v in sorted(statuses.items()) if k != "200")}


def measure(base: str, urls: dict[str, list[str]], pages: tuple[str, ...],
            clients: tuple[int, ...], requests: int, label: str, timeout: float = 30.0,
            warm: int = 20) -> list[dict[str, object]]:
    import asyncio

    rows = []
    for page in pages:
        paths = urls.get(page) or []
        if not paths:
            print(f"{label:<14} {page:<8} (no paths: the store has none of these)")
            continue
        # Warm-up with other paths than those measured (the measured ones stay cold).
        asyncio.run(_load(base, paths[-warm:], 2, warm, timeout))
        for c in clients:
            rng = random.Random(c)
            pool = paths[:-warm] or paths
            chosen = [rng.choice(pool) for _ in range(requests)]
            row = asyncio.run(_load(base, chosen, c, requests, timeout))
            row.update(label=label, page=page, clients=c)
            rows.append(row)
            print(f"{label:<14} {page:<8} {c:>4} {row['p50']:>9.1f} {row['p95']:>9.1f} "
                  f"{row['rps']:>8.1f} {row['n']:>6} {row['errors'] or '-'}", flush=True)
    return rows


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=20_000, help="articles in the store")
    parser.add_argument("--requests", type=int, default=300,
                        help="requests per page and concurrency")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    parser.add_argument("--before", metavar="CHECKOUT",
                        help="a checkout of the previous main (git worktree add "
                             "/tmp/thoisu_base edcc017): its story page, analysis per view")
    parser.add_argument("--before-requests", type=int, default=100)
    parser.add_argument("--postgres", action="store_true",
                        help="also copy the store into a throwaway PostgreSQL and serve that")
    parser.add_argument("--pages", nargs="+", default=list(PAGES), choices=PAGES)
    parser.add_argument("--store", type=Path,
                        help="measure this SQLite store of the current schema instead of "
                             "building one with thoisu reanalyse (which takes long)")
    parser.add_argument("--before-only", action="store_true",
                        help="measure only the previous main's story page")
    args = parser.parse_args()
    cache = cache_dir()
    base = build_base(cache / f"base-{args.size}.db" if args.size != 20_000
                      else cache / "base.db", args.size, verbose=True)
    clients = tuple(args.clients)
    if args.before_only:
        _before(args, base, sample_urls(base, max(args.requests, 400)), clients)
        return
    after = args.store or build_after(base, base.with_name(base.stem + "-after.db")
                                      if args.size != 20_000 else cache / "after.db",
                                      verbose=True)
    urls = sample_urls(after, max(args.requests, 400))
    con = sqlite3.connect(after)
    print(f"store: {after} ({con.execute('SELECT count(*) FROM articles').fetchone()[0]} "
          f"articles, {con.execute('SELECT count(*) FROM stories').fetchone()[0]} stories)")
    con.close()
    _header()
    if args.before:
        _before(args, base, urls, clients)
    with Server(f"sqlite:///{after}", workers=args.workers) as server:
        measure(server.base, urls, tuple(args.pages), clients, args.requests, "after/sqlite")
    if args.postgres:
        sys.path.insert(0, str(HERE.parent / "tests"))
        from test_store_postgres import _Server

        pg = _Server()
        pg.start()
        try:
            url = pg.new_database()
            copy_store(after, url)
            with Server(url, workers=args.workers) as server:
                measure(server.base, urls, tuple(args.pages), clients, args.requests,
                        "after/postgres")
        finally:
            pg.stop()


def _before(args: Any, base: Path, urls: dict[str, list[str]],
            clients: tuple[int, ...]) -> None:
    """The story page of the previous main (analysis per view) on a copy of the base store."""
    import shutil

    if not args.before:
        raise SystemExit("--before-only needs --before CHECKOUT")
    before = cache_dir() / "before-copy.db"
    shutil.copyfile(base, before)  # the old code reads a store of its own schema
    _header()
    with Server(f"sqlite:///{before}", src=str(Path(args.before) / "src")) as server:
        measure(server.base, urls, ("story",), clients, args.before_requests,
                "before/sqlite", timeout=120.0, warm=5)


def _header() -> None:
    print(f"{'server':<14} {'page':<8} {'clnt':>4} {'p50 ms':>9} {'p95 ms':>9} {'req/s':>8} "
          f"{'n':>6} errors", flush=True)


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
