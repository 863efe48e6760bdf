"""``thoisu sources add|list|remove`` and ``thoisu watch`` through the real command line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from test_sources_server import STORIES, Site, article_html, news_sitemap, rss
from thoisu.cli import cli

FAST_ENV = {"THOISU_FETCH_HOST_INTERVAL": "0", "THOISU_FETCH_TIMEOUT": "3",
            "THOISU_FETCH_BACKOFF": "0.05", "THOISU_WATCH_IDLE": "0.5"}


@pytest.fixture
def site():  # type: ignore[no-untyped-def]
    with Site() as running:
        yield running


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("THOISU_CONFIG", str(tmp_path / "none.toml"))
    for key, value in FAST_ENV.items():
        monkeypatch.setenv(key, value)
    return f"sqlite:///{tmp_path / 'tin.db'}"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def publish_feed(site: Site, stories: list[tuple[str, int]]) -> str:
    items = []
    for story, number in stories:
        title, lead, paragraphs = STORIES[story][number]
        path = f"/{story}/{number}.html"
        site.page(path, article_html(title, lead, paragraphs))
        items.append((title, site.url(path), "Mon, 30 Nov 2026 08:00:00 +0700"))
    site.page("/rss", rss(items), content_type="application/rss+xml")
    return site.url("/rss")


def test_add_recognises_each_kind_and_names_it(site: Site, db: str) -> None:
    url = publish_feed(site, [("lu", 0)])
    site.page("/sitemap.xml", news_sitemap([(site.url("/lu/0.html"), "Lũ", "2026-11-30")]),
              content_type="application/xml")
    code, out = run("sources", "add", url, "--every", "2h", "--db", db)
    assert code == 0, out
    assert out.startswith("source 1: Thời sự - Báo Sông Hồng (feed, every 2h) ")
    code, out = run("sources", "add", site.url("/sitemap.xml"), "--db", db)
    assert code == 0 and "(sitemap, every 15m)" in out and "127.0.0.1" in out
    code, out = run("sources", "add", site.url("/lu/0.html"), "--name", "Một bài", "--db", db)
    assert code == 0 and out.startswith("source 3: Một bài (page, every 15m)")
    code, out = run("sources", "list", "--format", "json", "--db", db)
    assert code == 0 and '"kind": "sitemap"' in out and '"last_poll": null' in out


def test_add_refuses_what_it_cannot_follow_and_says_what_to_do(site: Site, db: str) -> None:
    code, out = run("sources", "add", "bao.vn/rss", "--db", db)
    assert code == 2 and "http:// or https:// URL" in out
    code, out = run("sources", "add", site.url("/rss"), "--every", "sometimes", "--db", db)
    assert code == 2 and "15m, 2h, 1d or 90s" in out
    code, out = run("sources", "add", site.url("/khong-co.rss"), "--db", db)
    assert code == 1 and "HTTP 404" in out and "--kind" in out
    code, out = run("sources", "add", site.url("/khong-co.rss"), "--kind", "feed",
                    "--name", "Sau này", "--db", db)
    assert code == 0, out
    code, out = run("sources", "add", site.url("/khong-co.rss"), "--kind", "feed",
                    "--name", "Lần nữa", "--db", db)
    assert code == 1 and "followed already (source 1)" in out


def test_remove_by_id_or_url(site: Site, db: str) -> None:
    url = publish_feed(site, [("lu", 0)])
    run("sources", "add", url, "--db", db)
    code, out = run("sources", "remove", url, "--db", db)
    assert code == 0 and out.startswith("removed source 1: ")
    code, out = run("sources", "remove", "1", "--db", db)
    assert code == 1 and "no source '1'" in out and "thoisu sources list" in out
    code, out = run("sources", "--db", db)
    assert code == 0 and "no sources" in out


def test_watch_once_polls_ingests_and_reports(site: Site, db: str) -> None:
    url = publish_feed(site, [("xang", 0), ("xang", 1)])
    run("sources", "add", url, "--db", db)
    site.page("/hong.rss", "x", status=404, content_type="text/plain")
    run("sources", "add", site.url("/hong.rss"), "--kind", "feed", "--name", "Hỏng", "--db", db)
    code, out = run("watch", "--once", "--db", db)
    assert code == 1, out  # a source could not be polled
    assert "[1] Thời sự - Báo Sông Hồng: 2 links, 2 new, 2 ingested" in out
    assert "[2] Hỏng: failed (1 in a row)" in out and "HTTP 404" in out
    assert "round: 2 sources polled, 2 articles added, 1 stories changed" in out
    code, out = run("stories", "--db", db)
    assert (code == 0 and STORIES["xang"][0][0][:20] in out) or STORIES["xang"][1][0][:20] in out
    code, out = run("sources", "list", "--db", db)
    assert "backoff until" in out and "HTTP 404" in out


def test_watch_without_sources_says_how_to_add_one(db: str) -> None:
    code, out = run("watch", "--once", "--db", db)
    assert code == 1 and "thoisu sources add URL" in out


def test_sigterm_stops_a_running_watch_cleanly(site: Site, db: str, tmp_path: Path) -> None:
    url = publish_feed(site, [("cao_toc", 0)])
    run("sources", "add", url, "--db", db)
    env = {**os.environ, **FAST_ENV, "THOISU_CONFIG": str(tmp_path / "none.toml")}
    process = subprocess.Popen([sys.executable, "-m", "thoisu", "watch", "--db", db],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env)
    try:
        deadline = time.monotonic() + 180
        lines = []
        assert process.stderr is not None
        while time.monotonic() < deadline:
            line = process.stderr.readline()
            lines.append(line)
            if line.startswith("round:") or not line:
                break
        assert any(x.startswith("round: 1 sources polled, 1 articles added") for x in lines), \
            lines
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "stopping after the article in hand" in err
