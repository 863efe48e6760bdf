"""One ``thoisu watch`` round over a local site of 50 feeds x 20 articles, then a round with
nothing changed; baselines beside them in the same run.

A script, not a test. The site is Python's ``http.server`` in its own process on 127.0.0.1,
serving files this script writes: one RSS feed per "outlet", one HTML page per article. The
pages carry ViMs article texts (read at run time from ``../shared/data/vims``, never stored)
inside an invented outlet's page furniture, so stories form as they do in real news; without
ViMs, invented template articles are used.

Printed, in one run:

- round 1: articles ingested per second end to end (poll, fetch, read, clean, analyse, store,
  stories), beside ``thoisu ingest`` of the same HTML files from disk (no HTTP) into a fresh
  store: the difference is what fetching costs;
- round 2 with nothing changed: seconds (target < 1 s), beside the same round with the
  conditional requests switched off (every feed re-read and every link looked up).

The per-host pace is off (``fetch_host_interval = 0``, 8 requests at once): every feed is on
one loopback host, and the default pace (1 request a second per host) would measure the
pause, not thoisu.

    python benchmarks/watch_round.py                  # 50 feeds x 20 articles
    python benchmarks/watch_round.py --feeds 10 --per-feed 10
"""

from __future__ import annotations

import argparse
import html
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
VIMS = HERE.parents[1] / "shared" / "data" / "vims"
OUTLETS = ("Báo Sông Hồng", "Tin Phương Nam", "Nhịp Sống Mới", "Thời Sự 24", "Báo Miền Trung")


def texts(count: int) -> list[tuple[str, list[str]]]:
    """``count`` (title, paragraphs): ViMs articles taken across clusters, else invented."""
    if VIMS.is_dir():
        sys.path.insert(0, str(HERE.parent / "src"))
        from thoisu.evaluate.vims import load_vims

        clusters = load_vims(VIMS)
        out: list[tuple[str, list[str]]] = []
        for cluster in clusters:
            for article in cluster.articles:
                lines = [x for x in article.text.splitlines() if x.strip()]
                if article.title and len(lines) >= 2:
                    out.append((article.title, lines))
        return out[:count]
    places = ("Hà Nội", "Đà Nẵng", "Cần Thơ", "Huế", "Quảng Ninh", "Nghệ An", "Bình Định")
    events = ("khánh thành cầu mới", "mưa lớn gây ngập", "tăng giá điện", "mở đường cao tốc",
              "khai giảng năm học", "hội chợ nông sản", "cháy chợ đêm")
    made = []
    for k in range(count):
        place, event = places[k % len(places)], events[(k // len(places)) % len(events)]
        title = f"{place}: {event} ngày {k % 28 + 1}/11"
        body = [f"Sáng {k % 28 + 1}/11, tại {place} diễn ra sự kiện {event}, thu hút đông "
                f"người dân theo dõi (bài số {k}).",
                f"Ông Nguyễn Văn {chr(65 + k % 20)}, Chủ tịch UBND {place}, cho biết chính quyền "
                f"đã chuẩn bị kỹ cho việc {event} từ nhiều tháng trước.",
                f"Theo kế hoạch, {place} sẽ tiếp tục theo dõi và báo cáo kết quả trước ngày 15/12."]
        made.append((title, body))
    return made


def page(title: str, paragraphs: list[str], outlet: str, url: str) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[1:])
    return ("<!doctype html><html lang='vi'><head><meta charset='utf-8'>"
            f"<title>{html.escape(title)} - {outlet}</title>"
            f"<link rel='canonical' href='{url}'></head><body>"
            "<nav><a href='/'>Trang chủ</a> <a href='/thoi-su'>Thời sự</a></nav>"
            f"<article><h1>{html.escape(title)}</h1><p><b>{html.escape(paragraphs[0])}</b></p>"
            f"{body}</article><footer>© {outlet}</footer></body></html>")


def write_site(root: Path, base: str, feeds: int, per_feed: int) -> list[Path]:
    """The feeds and pages under ``root``; the page files, in feed order."""
    articles = texts(feeds * per_feed)
    if len(articles) < feeds * per_feed:
        raise SystemExit(f"only {len(articles)} articles available; ask for fewer")
    pages = []
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /rieng/\n", encoding="utf-8")
    for f in range(feeds):
        outlet = OUTLETS[f % len(OUTLETS)]
        folder = root / f"nguon-{f}"
        folder.mkdir()
        items = []
        for k in range(per_feed):
            title, paragraphs = articles[f * per_feed + k]
            name = f"bai-{k}.html"
            url = f"{base}/nguon-{f}/{name}"
            (folder / name).write_text(page(title, paragraphs, outlet, url), encoding="utf-8")
            pages.append(folder / name)
            items.append(f"<item><title>{html.escape(title)}</title><link>{url}?utm_source=rss"
                         f"</link><pubDate>Mon, 30 Nov 2026 0{k % 10}:00:00 +0700</pubDate>"
                         "</item>")
        feed = (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>"
                f"{outlet} {f}</title>{''.join(items)}</channel></rss>")
        (root / f"feed-{f}.rss").write_text(feed, encoding="utf-8")
    return pages


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--per-feed", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5, help="unchanged rounds per side")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE.parent / "src"))
    from thoisu.ingest import ingest_articles
    from thoisu.pipeline import process
    from thoisu.settings import Settings
    from thoisu.store import Store
    from thoisu.store.sources import SourceBook
    from thoisu.watch import Watcher

    work = Path(tempfile.mkdtemp(prefix="thoisu_watch_round_"))
    site = work / "site"
    site.mkdir()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    pages = write_site(site, base, args.feeds, args.per_feed)
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                               "127.0.0.1", "--directory", str(site)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    settings = Settings(fetch_host_interval=0.0, fetch_host_concurrency=8, fetch_workers=8,
                        fetch_timeout=30.0)
    try:
        time.sleep(1.0)
        total = args.feeds * args.per_feed
        print(f"site: {args.feeds} feeds x {args.per_feed} articles = {total} pages at {base} "
              f"({'ViMs texts' if VIMS.is_dir() else 'invented texts'})")
        # Load every model once (cleaning, analysis, stories, summaries) outside the timings:
        # whichever side ran first would pay it otherwise.
        with Store.open(f"sqlite:///{work / 'warm.db'}") as store:
            ingest_articles(store, process([str(p) for p in pages[:3]], settings,
                                           on_problem=lambda p: None), settings)

        with Store.open(f"sqlite:///{work / 'files.db'}") as store:
            started = time.perf_counter()
            added = ingest_articles(store, process([str(p) for p in pages], settings,
                                                   on_problem=lambda p: None), settings).added
            files_s = time.perf_counter() - started
        with Store.open(f"sqlite:///{work / 'watch.db'}") as store:
            book = SourceBook(store)
            for f in range(args.feeds):
                book.add(f"{base}/feed-{f}.rss", f"{OUTLETS[f % len(OUTLETS)]} {f}", "feed", 900)
            watcher = Watcher(store, settings)
            started = time.perf_counter()
            first = watcher.round()
            round1 = time.perf_counter() - started
            failed = first.failed
            # The unchanged round takes a second or so: noisy on a shared machine, so each
            # side is run args.repeat times, alternating, and the medians compared.
            times: dict[str, list[float]] = {"304": [], "plain": []}
            for _ in range(args.repeat):
                started = time.perf_counter()
                second = watcher.round(ignore_schedule=True)
                times["304"].append(time.perf_counter() - started)
                kept = {s.id: (s.etag, s.last_modified) for s in book.all()}
                plain = book.all()
                for source in plain:
                    source.etag = source.last_modified = None
                book.save_state(*plain)
                started = time.perf_counter()
                third = watcher.round(ignore_schedule=True)
                times["plain"].append(time.perf_counter() - started)
                again = book.all()
                for source in again:
                    source.etag, source.last_modified = kept[source.id]
                book.save_state(*again)
            round2, round2_plain = (statistics.median(times["304"]),
                                    statistics.median(times["plain"]))
            watcher.close()
        print()
        print("| round 1 (all new) | articles | seconds | articles/s |")
        print("|---|---:|---:|---:|")
        print(f"| thoisu watch: HTTP poll + fetch + read + analyse + store + stories | "
              f"{len(first.added)} | {round1:.1f} | {len(first.added) / round1:.1f} |")
        print(f"| baseline: thoisu ingest of the same pages from disk | {len(added)} | "
              f"{files_s:.1f} | {len(added) / files_s:.1f} |")
        print(f"| ratio watch / ingest (articles/s) | | | "
              f"{(len(first.added) / round1) / (len(added) / files_s):.2f} |")
        print()
        print(f"| round 2 (nothing changed; median of {args.repeat}) | requests | seconds | "
              "fastest |")
        print("|---|---:|---:|---:|")
        print(f"| conditional requests (304) | {second.requests} | {round2:.3f} | "
              f"{min(times['304']):.3f} |")
        print(f"| baseline: feeds re-read, every link looked up | {third.requests} | "
              f"{round2_plain:.3f} | {min(times['plain']):.3f} |")
        print()
        print(f"load average during the run: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
              f"(1, 5, 15 min; {os.cpu_count()} cores)")
        print(f"round 1: {first.requests} requests, {first.stories_changed} stories changed, "
              f"{len(failed)} failed; round 2 added {len(second.added)}, the baseline round "
              f"{len(third.added)} (target for round 2: < 1 s)")
        for url, reason in failed[:5]:
            print(f"  failed: {url}: {reason}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
