"""The sources page and ``GET /api/sources``: each source's state, errors with reasons."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from thoisu.settings import Settings
from thoisu.sources.dates import now
from thoisu.store import Store
from thoisu.store.sources import SourceBook
from thoisu.web import create_app


def test_the_page_and_the_api_show_each_source_and_why_it_fails(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tin.db'}"
    at = now()
    with Store.open(url) as store:
        book = SourceBook(store)
        ok = book.add("https://bao.example.vn/rss/thoi-su.rss", "Thời sự <b>", "feed", 900)
        ok.last_poll, ok.articles_found, ok.last_found = at, 12, 3
        ok.last_outcome = "20 links, 3 new, 3 ingested"
        book.save_state(ok)
        bad = book.add("https://hong.example.vn/sitemap.xml", "Hỏng", "sitemap", 600)
        bad.last_poll, bad.failures, bad.backoff_until = at, 2, at + timedelta(minutes=20)
        bad.last_error, bad.last_error_at = "HTTP 503 after 3 tries; the server is failing", at
        book.save_state(bad)
    with TestClient(create_app(url, Settings())) as client:
        api = client.get("/api/sources")
        assert api.status_code == 200
        listed = {s["name"]: s for s in api.json()["sources"]}
        assert listed["Thời sự <b>"]["articles_found"] == 12
        assert listed["Hỏng"]["failures"] == 2
        assert listed["Hỏng"]["last_error"].startswith("HTTP 503 after 3 tries")
        assert listed["Hỏng"]["backoff_until"] == (at + timedelta(minutes=20)).isoformat()
        page = client.get("/sources")
        assert page.status_code == 200
        html = page.text
        assert "Thời sự &lt;b&gt;" in html  # escaped
        assert "20 links, 3 new, 3 ingested" in html and ">12<" in html.replace("\n", "")
        assert "lỗi 2 lần liên tiếp; tạm dừng đến" in html
        assert "HTTP 503 after 3 tries; the server is failing" in html
        assert "1 nguồn đang lỗi" in html


def test_an_empty_list_says_how_to_add_a_source(tmp_path: Path) -> None:
    with TestClient(create_app(f"sqlite:///{tmp_path / 'tin.db'}", Settings())) as client:
        assert client.get("/api/sources").json() == {"sources": []}
        assert "thoisu sources add URL" in client.get("/sources").text
