"""The web app and REST API (thoisu[web]) over a store filled through ``ingest_articles``.

:class:`WebContract` holds the tests; :class:`TestSQLite` runs them on a SQLite file here and
``test_web_postgres.py`` on a real PostgreSQL server started for the run.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from fixtures_web import (
    DONG_DIEN,
    HAI_PHONG,
    HOSTILE,
    HUE_1,
    HUE_2,
    KREMLIN,
    KREMLIN_SENTENCE,
    SETTINGS,
    fill_store,
)
from thoisu.store import Store
from thoisu.store.tokens import create_token
from thoisu.web import create_app

GOOD = {"title": "Đà Nẵng khánh thành cầu mới",
        "text": "Sáng 25/3/2024, Đà Nẵng khánh thành cây cầu mới bắc qua sông Hàn.\n"
                "Cây cầu dài 500 mét, có bốn làn xe.",
        "source": "Tin Nhanh", "published": "2024-03-25"}
OTHER = {"title": "Hà Nội trồng thêm cây xanh",
         "text": "Ngày 26/3/2024, Hà Nội trồng thêm một nghìn cây xanh ở các quận nội thành.",
         "published": "26/3/2024"}


def story_of(client: TestClient, article_id: str) -> str:
    story = client.get(f"/api/articles/{article_id}").json()["story"]
    assert story, f"article {article_id} is in no story"
    return str(story)


class WebContract:
    """Tests every store backend must pass; subclasses give ``url`` (a new, empty store)."""

    @pytest.fixture(scope="class")
    def filled(self, url: str) -> str:
        fill_store(url)
        with Store.open(url) as store:
            token = create_token(store, "toa-soan").secret
        return f"{url}#{token}"

    @pytest.fixture(scope="class")
    def client(self, filled: str) -> Iterator[TestClient]:
        url, _ = filled.split("#")
        with TestClient(create_app(url, SETTINGS, base_url="https://tin.example.vn")) as c:
            c.app.state.search.catch_up(force=True)
            yield c

    @pytest.fixture(scope="class")
    def token(self, filled: str) -> str:
        return filled.split("#")[1]

    def auth(self, token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    # -- reading ----------------------------------------------------------------------------

    def test_health(self, client: TestClient) -> None:
        body = client.get("/api/health").json()
        assert body["status"] == "ok" and body["articles"] == 28

    def test_articles_list_pages_and_total(self, client: TestClient) -> None:
        body = client.get("/api/articles", params={"limit": 2, "offset": 1}).json()
        assert body["total"] == 28
        assert [a["id"] for a in body["articles"]] == [HUE_2.id, HOSTILE.id]

    @pytest.mark.parametrize("query", ["limit=abc", "limit=-1", "offset=-3", "limit=100000",
                                       f"offset={2**63}", f"offset={2**64 + 5}"])
    def test_bad_paging_is_a_clean_422(self, client: TestClient, query: str) -> None:
        for route in ("/api/articles", "/api/stories"):
            response = client.get(f"{route}?{query}")
            assert response.status_code == 422, (route, response.text)
            assert query.split("=")[0] in response.json()["error"]

    def test_article_by_id_and_prefix_with_its_story(self, client: TestClient) -> None:
        whole = client.get(f"/api/articles/{HUE_1.id}").json()
        assert whole["title"] == HUE_1.title
        assert whole["story"] == story_of(client, HUE_2.id)
        assert client.get("/api/articles/bb33").json()["id"] == HOSTILE.id
        assert client.get("/api/articles/ffff").status_code == 404
        assert client.get("/api/articles/aa").status_code == 409

    def test_stories_are_paginated_latest_first_from_stored_counts(
            self, client: TestClient) -> None:
        first = client.get("/api/stories", params={"limit": 10}).json()
        assert first["total"] >= 24  # the two Huế articles are one story
        assert len(first["stories"]) == 10
        hue = first["stories"][0]  # March 2024: the latest news
        assert hue["id"] == story_of(client, HUE_1.id)
        assert hue["article_count"] == 2
        assert (hue["first_published"], hue["last_published"]) == ("2024-03-12", "2024-03-13")
        assert set(hue["outlets"]) == {"Tin Nhanh", "Báo Miền Trung"}
        assert hue["lead"]  # the summary's first sentence
        latest = [s["latest"] for s in first["stories"]]
        assert latest == sorted(latest, reverse=True)
        rest = client.get("/api/stories", params={"limit": 10, "offset": 20}).json()
        seen = {s["id"] for s in first["stories"]}
        assert rest["stories"] and not seen & {s["id"] for s in rest["stories"]}

    def test_story_filters(self, client: TestClient) -> None:
        def ids(**params: str) -> set[str]:
            return {s["id"] for s in client.get("/api/stories",
                                                params={**params, "limit": 100}).json()["stories"]}

        hue = story_of(client, HUE_1.id)
        assert ids(since="1/3/2024") == {hue}
        assert hue not in ids(until="2023-12-31")
        assert story_of(client, KREMLIN.id) in ids(since="2022-06-01", until="2022-06-30")
        assert ids(outlet="Báo Miền Trung") == {hue}
        assert ids(name="Huế") == {hue}
        assert ids(outlet="Không Có") == set()
        assert client.get("/api/stories", params={"since": "hôm qua"}).status_code == 422

    def test_story_detail_is_read_from_the_store(self, client: TestClient) -> None:
        story_id = story_of(client, HUE_1.id)
        body = client.get(f"/api/stories/{story_id}").json()
        members = {HUE_1.id, HUE_2.id}
        assert body["summary"] and {s["article"] for s in body["summary"]} <= members
        assert "2024-03-12" in [e["date"] for e in body["timeline"]]
        assert "Huế" in {e["name"] for e in body["entities"]}
        assert body["article_titles"][HUE_2.id] == HUE_2.title
        assert client.get("/api/stories/khong-co").status_code == 404

    def test_name_api(self, client: TestClient) -> None:
        body = client.get("/api/names/Huế").json()
        assert [s["id"] for s in body["stories"]] == [story_of(client, HUE_1.id)]
        assert client.get("/api/names/Không Ai").status_code == 404

    # -- search -----------------------------------------------------------------------------

    def search(self, client: TestClient, q: str, **params: Any) -> list[str]:
        response = client.get("/api/search", params={"q": q, **params})
        assert response.status_code == 200, response.text
        return [h["id"] for h in response.json()["hits"]]

    def test_search_whole_syllables_without_diacritics(self, client: TestClient) -> None:
        found = self.search(client, "ha noi", kind="article")
        assert HAI_PHONG.id not in found  # "ha" is not "Hải"
        assert self.search(client, "hai phong", kind="article") == [HAI_PHONG.id]
        assert self.search(client, "Dien Kremlin", kind="article") == [KREMLIN.id]
        assert KREMLIN.id in self.search(client, "điện kremlin")
        assert self.search(client, "kreml") == []  # part of a syllable never matches
        # "đồng hồ ... Điện" holds both syllables too; the phrase ranks first.
        assert self.search(client, "dong dien", kind="article")[0] == DONG_DIEN.id

    def test_search_covers_body_and_stories_ranked(self, client: TestClient) -> None:
        assert self.search(client, "ba giờ đồng hồ", kind="article") == [KREMLIN.id]
        hits = client.get("/api/search", params={"q": "hue hoc sinh"}).json()["hits"]
        kinds = {(h["kind"], h["id"]) for h in hits}
        assert ("article", HUE_2.id) in kinds and ("article", HUE_1.id) in kinds
        assert ("story", story_of(client, HUE_1.id)) in kinds
        article_hits = [h for h in hits if h["kind"] == "article"]
        assert article_hits[0]["id"] == HUE_2.id  # all three syllables in its title
        assert "<mark>học</mark> <mark>sinh</mark>" in article_hits[0]["snippet_html"]

    def test_exact_diacritics_rank_first(self, client: TestClient) -> None:
        # "diễn" typed with its marks: the article about a performance comes before the one
        # with "Điện"; typed bare, both match.
        marked = self.search(client, "diễn", kind="article")
        assert marked.index(DONG_DIEN.id) < marked.index(KREMLIN.id)
        marked = self.search(client, "điện", kind="article")
        assert marked.index(KREMLIN.id) < marked.index(DONG_DIEN.id)
        bare = self.search(client, "dien", kind="article")
        assert {KREMLIN.id, DONG_DIEN.id} <= set(bare)

    @pytest.mark.parametrize("q", ["'; DROP TABLE articles; --", '" OR 1=1 --', "NEAR(a b)",
                                   "huế*", "title:huế", "%_%", "\\", "a AND NOT b", '"', "()",
                                   "\x00", "ー" * 150])
    def test_sql_and_fts_metacharacters_are_harmless(self, client: TestClient, q: str) -> None:
        response = client.get("/api/search", params={"q": q})
        assert response.status_code in (200, 422), response.text
        page = client.get("/search", params={"q": q})
        assert page.status_code in (200, 422)
        assert client.get("/api/health").json()["articles"] == 28

    # -- pages ------------------------------------------------------------------------------

    def test_home_cards(self, client: TestClient) -> None:
        html = client.get("/").text
        hue = story_of(client, HUE_1.id)
        assert f'href="/stories/{hue}"' in html
        assert "12–13/3/2024" in html and "XXXX" not in html
        assert "Tin Nhanh" in html and "Báo Miền Trung" in html
        assert 'rel="next"' in html and "Trang 1 / 2" in html
        second = client.get("/?page=2").text
        assert "Trang 2 / 2" in second and f'href="/stories/{hue}"' not in second
        filtered = client.get("/", params={"outlet": "Báo Miền Trung"}).text
        assert f'href="/stories/{hue}"' in filtered and "Trang 1 /" not in filtered

    def test_story_page_cites_exact_sentences(self, client: TestClient) -> None:
        story_id = story_of(client, KREMLIN.id)
        html = client.get(f"/stories/{story_id}").text
        assert "Tóm tắt" in html and "Diễn biến" in html and "Tên riêng" in html
        assert f'href="/articles/{KREMLIN.id}#s' in html
        assert f'href="/stories/{story_id}/feed.atom"' in html
        article = client.get(f"/articles/{KREMLIN.id}").text
        sentence = KREMLIN_SENTENCE
        assert f'">{sentence}</span>' in article
        anchor = article.split(f'">{sentence}</span>')[0].rsplit('id="', 1)[1]
        assert anchor.startswith("s")

    def test_story_page_related_names_and_dates(self, client: TestClient) -> None:
        html = client.get(f"/stories/{story_of(client, HUE_1.id)}").text
        assert '<time datetime="2024-03-12">' in html
        assert 'href="/names/Hu%E1%BA%BF"' in html or 'href="/names/Huế"' in html
        assert "XXXX" not in html

    def test_atom_feed_links_come_from_the_base_url(self, client: TestClient) -> None:
        import feedparser

        story_id = story_of(client, HUE_1.id)
        response = client.get(f"/stories/{story_id}/feed.atom",
                              headers={"Host": "evil.example.com"})
        assert response.headers["content-type"].startswith("application/atom+xml")
        feed = feedparser.parse(response.content)
        assert {e.link for e in feed.entries} == {f"https://tin.example.vn/articles/{i}"
                                                   for i in (HUE_1.id, HUE_2.id)}
        assert "evil" not in response.text

    def test_article_page_story_and_siblings(self, client: TestClient) -> None:
        html = client.get(f"/articles/{HUE_1.id}").text
        assert "Câu chuyện:" in html and f'href="/articles/{HUE_2.id}"' in html
        assert "Cùng câu chuyện" in html
        assert 'title="Căn cứ: viết tay">12/3/2024</span>' in html

    def test_name_page(self, client: TestClient) -> None:
        html = client.get("/names/Huế").text
        assert "Các câu chuyện theo thời gian" in html
        assert f'href="/stories/{story_of(client, HUE_1.id)}"' in html
        assert client.get("/names/Không Ai").status_code == 404

    def test_search_page_highlights_escaped(self, client: TestClient) -> None:
        html = client.get("/search", params={"q": "Dien Kremlin"}).text
        assert "<mark>Điện</mark> <mark>Kremlin</mark>" in html
        none = client.get("/search", params={"q": "<b>không có</b>"}).text
        assert "&lt;b&gt;không có&lt;/b&gt;" in none and "<b>không" not in none

    def test_hostile_text_is_text_everywhere(self, client: TestClient) -> None:
        story_id = story_of(client, HOSTILE.id)
        pages = [client.get(p).text for p in (
            "/", f"/articles/{HOSTILE.id}", f"/stories/{story_id}",
            "/search?q=song+Lam", "/search?q=alert", f"/stories/{story_id}/feed.atom")]
        for html in pages:
            assert "<script>alert" not in html
            assert "onerror=" not in html.replace("onerror=&#34;", "").replace(
                "onerror=&quot;", "")
            assert 'href="javascript:' not in html
            assert "<b onmouseover" not in html and "<img src=x" not in html
        assert "Lũ về &lt;script&gt;" in pages[1]

    def test_html_404s(self, client: TestClient) -> None:
        for path in ("/stories/khong-co", "/articles/ffff", "/khong-co"):
            response = client.get(path)
            assert response.status_code == 404
            assert response.headers["content-type"].startswith("text/html")

    def test_docs_are_served_offline(self, client: TestClient) -> None:
        html = client.get("/docs").text
        assert "/docs/assets/swagger-ui-bundle.js" in html and "//cdn" not in html
        script = client.get("/docs/assets/swagger-ui-bundle.js")
        assert script.status_code == 200 and len(script.content) > 100_000
        assert client.get("/static/docs.js").status_code == 200
        spec = client.get("/openapi.json").json()
        assert "/api/search" in spec["paths"] and "/api/names/{name}" in spec["paths"]

    # -- writing ----------------------------------------------------------------------------

    def test_writes_without_a_token_are_401(self, client: TestClient) -> None:
        for route in ("/api/articles", "/api/digest"):
            for headers in ({}, {"Authorization": "Bearer ts_khong-dung"},
                            {"X-API-Token": "sai"}):
                response = client.post(route, json=[GOOD], headers=headers)
                assert response.status_code == 401, (route, headers)
                assert "token" in response.json()["error"]
        assert client.get("/api/health").json()["articles"] == 28

    def test_post_articles_ingests_and_groups(self, client: TestClient, token: str) -> None:
        response = client.post("/api/articles", json=[GOOD, OTHER], headers=self.auth(token))
        assert response.status_code == 201, response.text
        body = response.json()
        assert len(body["added"]) == 2 and body["problems"] == []
        for row in body["articles"]:
            assert row["story"] and client.get(f"/api/stories/{row['story']}").json()["summary"]
        again = client.post("/api/articles", json=[GOOD], headers=self.auth(token))
        assert again.status_code == 200 and again.json()["already_present"] == [body["added"][0]]
        assert self.search(client, "cay xanh", kind="article") == [body["added"][1]]

    def test_malformed_bodies_are_422_and_store_nothing(self, client: TestClient,
                                                         token: str) -> None:
        before = client.get("/api/health").json()["articles"]
        cases = [(b"{not json", "application/json", "not valid JSON"),
                 (b'{"title": "a", "text": "b"}', "application/json", "wrap it in a list"),
                 (b"[]", "application/json", "empty"),
                 (b"", "application/json", "empty body"),
                 (json.dumps([{"title": "Mới", "text": "Có chữ thật."},
                              {"title": ["a"], "text": "x"}]).encode(),
                  "application/json", 'item 2: field "title" must be a string')]
        for body, kind, words in cases:
            for route in ("/api/articles", "/api/digest"):
                response = client.post(route, content=body, headers={
                    **self.auth(token), "content-type": kind})
                assert response.status_code == 422, (route, response.text)
                assert words in response.json()["error"]
        assert client.get("/api/health").json()["articles"] == before


class TestSQLite(WebContract):
    @pytest.fixture(scope="class")
    def url(self, tmp_path_factory: pytest.TempPathFactory) -> str:
        return f"sqlite:///{tmp_path_factory.mktemp('web') / 'tin.db'}"


# -- thoisu serve (SQLite only) ----------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, proc: subprocess.Popen[bytes], seconds: float = 30) -> bytes:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"thoisu serve exited: {proc.stderr.read()!r}")  # type: ignore[union-attr]
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return bytes(response.read())
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def start_serve(db_url: str, tmp_path: Path, *extra: str,
                env: dict[str, str] | None = None) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    environ = {**os.environ, "THOISU_CONFIG": str(tmp_path / "none.toml"),
               "THOISU_SEGMENTER": "syllable", **(env or {})}
    proc = subprocess.Popen([sys.executable, "-m", "thoisu", "serve", "--db", db_url,
                             "--host", "127.0.0.1", "--port", str(port), *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environ)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/api/health", proc)
    except BaseException:
        proc.kill()
        raise
    return proc, base


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.kill()
        proc.wait(timeout=10)


def test_serve_end_to_end(tmp_path: Path) -> None:
    import json

    url = f"sqlite:///{tmp_path / 'tin.db'}"
    Store.open(url).close()
    proc, base = start_serve(url, tmp_path)
    try:
        health = json.loads(urllib.request.urlopen(f"{base}/api/health", timeout=5).read())
        assert health["status"] == "ok" and health["articles"] == 0
    finally:
        stop(proc)


def test_serve_bad_store_url_fails_before_listening(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    monkeypatch.setenv("THOISU_CONFIG", str(tmp_path / "none.toml"))
    from thoisu.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--db", f"sqlite:///{tmp_path}/nope/tin.db"])
    assert result.exit_code == 1
    assert "the directory" in result.output and "does not exist" in result.output


def test_serve_without_web_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    from click.testing import CliRunner

    from thoisu.cli import cli

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "uvicorn" else real(name, *a))
    result = CliRunner().invoke(cli, ["serve", "--port", "1"])
    assert result.exit_code == 1
    assert "uvicorn, which is not installed; pip install 'thoisu[web]'" in result.output


def test_core_does_not_import_web_dependencies() -> None:
    code = ("import sys, thoisu.cli, thoisu.pipeline, thoisu.store, thoisu.cli.serve; "
            "print(sorted(m for m in ('fastapi', 'uvicorn', 'jinja2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=30, check=True).stdout
    assert out.strip() == "[]"

