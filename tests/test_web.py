"""The web app and REST API (thoisu[web]) on a throwaway SQLite store of hand-written articles."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from thoisu.model import Article, DateEvidence, Join, Origin, PartialDate, Removed, Story
from thoisu.settings import Settings
from thoisu.store import Store
from thoisu.web import create_app

SETTINGS = Settings(segmenter="syllable")  # no CRF model to load: the tests stay quick
BAD_TITLE = 'Lũ về <script>alert("x")</script> & "ngập"'


def _article(id: str, title: str, lead: str, paragraphs: list[str], day: int | None,
             **fields: object) -> Article:
    published = PartialDate(2024, 3, day) if day else None
    evidence = DateEvidence(published, 1.0, ["viết tay"]) if published else None
    return Article(id=id, origin=Origin(f"tay/{id}.txt"), title=title, lead=lead,
                   paragraphs=paragraphs, published=published, published_evidence=evidence,
                   **fields)  # type: ignore[arg-type]


ARTICLES = [
    _article("aa11000000000001", "Mưa lớn gây ngập ở Huế",
             "Sáng 12/3/2024, mưa lớn kéo dài khiến nhiều tuyến phố ở Huế ngập sâu.",
             ["Nước rút chậm, người dân phải đi lại bằng thuyền.",
              "UBND tỉnh Thừa Thiên Huế cho học sinh nghỉ học ngày 13/3."], 12,
             source="Tin Nhanh", byline="Trần An",
             removed=[Removed("Xem thêm: Dự báo thời tiết", "boilerplate", "see-also", 9),
                      Removed("Ảnh minh họa", "photo", "photo-placeholder", 4)]),
    _article("aa22000000000002", "Huế tiếp tục mưa, học sinh nghỉ học",
             "Ngày 13/3/2024, mưa lớn tiếp tục ở Huế, nhiều tuyến phố vẫn ngập.",
             ["Ngành giáo dục tỉnh Thừa Thiên Huế cho học sinh nghỉ học thêm một ngày."], 13,
             source="Báo Miền Trung"),
    _article("bb33000000000003", BAD_TITLE,
             "Chiều 20/3/2024, lũ trên sông Lam lên nhanh.",
             ["Người dân ven sông được sơ tán."], 20,
             url="javascript:alert(1)"),
]
STORY = Story(id="s-hue", title="Mưa lớn ở Huế", articles=["aa11000000000001",
                                                           "aa22000000000002"],
              joins=[Join("aa22000000000002", 0.52, "shared words")])
GOOD = {"title": "Đà Nẵng khánh thành cầu mới",
        "text": "Sáng 25/3/2024, Đà Nẵng khánh thành cây cầu mới bắc qua sông Hàn.\n"
                "Cây cầu dài 500 mét, có bốn làn xe.",
        "source": "Tin Nhanh", "published": "2024-03-25"}
OTHER = {"title": "Hà Nội trồng thêm cây xanh",
         "text": "Ngày 26/3/2024, Hà Nội trồng thêm một nghìn cây xanh ở các quận nội thành.",
         "published": "26/3/2024"}


@pytest.fixture(scope="module")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'tin.db'}"
    with Store.open(url) as store:
        assert len(store.add_articles(ARTICLES).added) == 3
        store.save_stories([STORY])
    return url


@pytest.fixture(scope="module")
def client(db_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_url, SETTINGS)) as c:
        yield c


@pytest.fixture()
def empty_client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(f"sqlite:///{tmp_path / 'moi.db'}", SETTINGS)) as c:
        yield c


# -- REST API -------------------------------------------------------------------------------

def test_health(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["articles"] == 3


def test_articles_list_pages_and_total(client: TestClient) -> None:
    body = client.get("/api/articles", params={"limit": 2, "offset": 1}).json()
    assert body["total"] == 3
    assert [a["id"] for a in body["articles"]] == ["aa22000000000002", "bb33000000000003"]
    assert body["articles"][0]["published"] == "2024-03-13"


@pytest.mark.parametrize("query", ["limit=abc", "limit=-1", "offset=-3", "limit=100000"])
def test_articles_list_bad_query_is_422(client: TestClient, query: str) -> None:
    response = client.get(f"/api/articles?{query}")
    assert response.status_code == 422
    assert query.split("=")[0] in response.json()["error"]


def test_article_by_id_and_prefix(client: TestClient) -> None:
    whole = client.get("/api/articles/aa11000000000001").json()
    assert whole["title"] == "Mưa lớn gây ngập ở Huế"
    assert whole["story"] == "s-hue"
    assert {"role": "boilerplate", "rule": "see-also",
            "text": "Xem thêm: Dự báo thời tiết"} in whole["removed"]
    assert client.get("/api/articles/bb33").json()["id"] == "bb33000000000003"
    assert client.get("/api/articles/bb33").json()["story"] is None


def test_article_unknown_is_404_and_ambiguous_is_409(client: TestClient) -> None:
    missing = client.get("/api/articles/ffff")
    assert missing.status_code == 404
    assert missing.json() == {"status": 404, "error": "no article with id 'ffff' in the store; "
                              "see GET /api/articles for the ids"}
    ambiguous = client.get("/api/articles/aa")
    assert ambiguous.status_code == 409
    assert "ambiguous" in ambiguous.json()["error"]


def test_stories_list(client: TestClient) -> None:
    body = client.get("/api/stories").json()
    assert body["total"] == 1
    story = body["stories"][0]
    assert story["id"] == "s-hue" and story["article_count"] == 2
    assert (story["first_published"], story["last_published"]) == ("2024-03-12", "2024-03-13")
    assert story["joins"] == [{"article": "aa22000000000002", "similarity": 0.52,
                               "reason": "shared words"}]


def test_story_detail_derives_summary_timeline_names(client: TestClient) -> None:
    body = client.get("/api/stories/s-hue").json()
    members = {"aa11000000000001", "aa22000000000002"}
    assert body["summary"], body["notes"]
    assert {s["article"] for s in body["summary"]} <= members
    assert "2024-03-12" in [e["date"] for e in body["timeline"]], body["notes"]
    assert "Huế" in {e["name"] for e in body["entities"]}, body["notes"]
    assert body["article_titles"]["aa22000000000002"].startswith("Huế tiếp tục mưa")


def test_story_unknown_is_404(client: TestClient) -> None:
    response = client.get("/api/stories/khong-co")
    assert response.status_code == 404
    assert "no story with id 'khong-co'" in response.json()["error"]


def test_unknown_api_route_is_json_404(client: TestClient) -> None:
    response = client.get("/api/khong-co")
    assert response.status_code == 404 and "no such route" in response.json()["error"]


def test_digest_returns_contract_and_stores_nothing(client: TestClient) -> None:
    response = client.post("/api/digest", json=[GOOD, OTHER, {"title": "x"}])
    assert response.status_code == 200
    body = response.json()
    assert [a["title"] for a in body["articles"]] == [GOOD["title"], OTHER["title"]]
    assert body["articles"][1]["published"] == "2024-03-26"
    assert body["stories"] and all(s["summary"] for s in body["stories"])
    assert body["problems"] == [{"item": 3, "reason": "no 'text' (or 'html'): give the "
                                 "article text"}]
    assert client.get("/api/health").json()["articles"] == 3


def test_post_articles_keeps_good_items_beside_bad_ones(empty_client: TestClient) -> None:
    items = [GOOD, {"title": "Số", "text": 5}, "", OTHER,
             {"title": "Ngày sai", "text": "Có chữ.", "published": "31/2/2024"}, [1]]
    response = empty_client.post("/api/articles", json=items)
    assert response.status_code == 201
    body = response.json()
    assert len(body["added"]) == 2 and body["already_present"] == []
    assert [a["item"] for a in body["articles"]] == [1, 4]
    reasons = {p["item"]: p["reason"] for p in body["problems"]}
    assert reasons == {2: "'text' must be a string, got a number",
                       3: "empty page; nothing to read",
                       5: "'published' '31/2/2024' is not a date; write 2024-03-12 "
                          "(or 2024-03, 2024, 12/3/2024)",
                       6: "expected an object {title, text, ...} or a page as a string, "
                          "got a list"}
    assert body["stories"] and body["notes"] == []
    for article_id in body["added"]:
        assert empty_client.get(f"/api/articles/{article_id}").json()["story"] in body["stories"]
    again = empty_client.post("/api/articles", json=[GOOD])
    assert again.status_code == 200
    assert again.json()["already_present"] == [body["added"][0]]
    assert again.json()["stories"] == []
    stored = empty_client.get(f"/api/articles/{body['added'][0]}").json()
    assert stored["title"] == GOOD["title"] and stored["published"] == "2024-03-25"


def test_post_html_fragment_item(empty_client: TestClient) -> None:
    item = {"title": "Giá xăng giảm", "html": "<h1>Giá xăng giảm</h1><p>Chiều 4/4/2024, giá "
            "xăng giảm 500 đồng mỗi lít.</p><p>Giá dầu giữ nguyên.</p>"}
    body = empty_client.post("/api/digest", json=[item]).json()
    assert body["problems"] == []
    article = body["articles"][0]
    assert "<p>" not in article["lead"] + "".join(article["paragraphs"])
    assert "500 đồng" in article["lead"] + "".join(article["paragraphs"])


def test_post_raw_text_page(empty_client: TestClient) -> None:
    page = ("Cháy chợ ở Nam Định\n"
            "(Tin Nhanh) - Rạng sáng 2/4/2024, một đám cháy lớn bùng lên tại chợ trung tâm.\n"
            "Lực lượng cứu hỏa đã khống chế đám cháy sau hai giờ.\n")
    response = empty_client.post("/api/articles", content=page.encode(),
                                 headers={"content-type": "text/plain; charset=utf-8"})
    assert response.status_code == 201, response.json()
    assert response.json()["articles"][0]["title"] == "Cháy chợ ở Nam Định"


def test_post_html_page_in_a_list(empty_client: TestClient) -> None:
    page = ("<!doctype html><html><head><meta charset='utf-8'><title>Cháy chợ</title></head>"
            "<body><nav>Trang chủ | Thời sự | Thể thao</nav><article><h1>Cháy chợ ở Nam Định</h1>"
            "<p>Rạng sáng 2/4/2024, một đám cháy lớn bùng lên tại chợ trung tâm Nam Định.</p>"
            "<p>Lực lượng cứu hỏa đã khống chế đám cháy sau hai giờ, không ai bị thương.</p>"
            "</article><footer>Bản quyền thuộc về Tin Nhanh</footer></body></html>")
    body = empty_client.post("/api/articles", json=[page]).json()
    assert [a["title"] for a in body["articles"]] == ["Cháy chợ ở Nam Định"], body
    stored = empty_client.get(f"/api/articles/{body['added'][0]}").json()
    assert stored["origin"] == {"path": "<request>", "line": 1, "id": None}
    assert not any("Bản quyền" in p for p in stored["paragraphs"])


@pytest.mark.parametrize(("body", "kind", "words"), [
    (b"{not json", "application/json", "not valid JSON"),
    (b'{"title": "a", "text": "b"}', "application/json", "wrap it in a list"),
    (b"[]", "application/json", "empty"),
    (b"42", "application/json", "got a number"),
    (b"", "application/json", "empty body"),
    (b"   ", "text/plain", "empty body"),
    (b"\x00\x01\x02\x03binary\x00", "text/plain", "cannot be read"),
])
def test_malformed_bodies_are_422(empty_client: TestClient, body: bytes, kind: str,
                                  words: str) -> None:
    for route in ("/api/articles", "/api/digest"):
        response = empty_client.post(route, content=body, headers={"content-type": kind})
        assert response.status_code == 422, (route, response.text)
        assert words in response.json()["error"]
    assert empty_client.get("/api/health").json()["articles"] == 0


def test_openapi_offline(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/articles/{article_id}" in spec["paths"]
    assert "requestBody" in spec["paths"]["/api/articles"]["post"]
    assert client.get("/docs").status_code == 404  # Swagger UI would need a CDN


# -- HTML pages -----------------------------------------------------------------------------

def test_home_lists_stories_and_recent_articles_escaped(client: TestClient) -> None:
    html = client.get("/").text
    assert "Mưa lớn ở Huế" in html and 'href="http://testserver/stories/s-hue"' in html
    assert "12/3/2024 – 13/3/2024" in html
    assert "<script>alert" not in html
    assert "Lũ về &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;ngập&#34;" in html
    assert "https://" not in html.split("<body>")[1].split("<footer")[0].replace(
        "http://testserver", "")  # no remote asset


def test_search_folds_diacritics(client: TestClient) -> None:
    html = client.get("/", params={"q": "hue HOC sinh"}).text
    assert "/articles/aa22000000000002" in html and "/articles/aa11000000000001" not in html
    none = client.get("/", params={"q": "<b>không có</b>"}).text
    assert "Không tìm thấy" in none and "&lt;b&gt;không có&lt;/b&gt;" in none


def test_story_page(client: TestClient) -> None:
    html = client.get("/stories/s-hue").text
    assert "Tóm tắt" in html and "Diễn biến" in html and "Tên riêng" in html
    assert 'class="cite" href="http://testserver/articles/aa11000000000001"' in html
    assert '<time datetime="2024-03-12">' in html


def test_article_page_shows_removed_lines_and_escapes(client: TestClient) -> None:
    html = client.get("/articles/aa11").text
    assert "<details" in html and "2 dòng đã lược bỏ" in html
    assert "<td><code>see-also</code></td>" in html and "<td>boilerplate</td>" in html
    assert 'title="Căn cứ: viết tay">12/3/2024</span>' in html  # why this date
    bad = client.get("/articles/bb33000000000003").text
    assert "<script>alert" not in bad and "&lt;script&gt;" in bad
    assert 'href="javascript:' not in bad


def test_html_404s(client: TestClient) -> None:
    for path in ("/stories/khong-co", "/articles/ffff", "/khong-co"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("text/html")
        assert "Không" in response.text
    assert client.get("/articles/aa").status_code == 409


# -- thoisu serve ---------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, proc: subprocess.Popen[bytes], seconds: float = 20) -> bytes:
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


@pytest.fixture()
def served(db_url: str, tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "THOISU_CONFIG": str(tmp_path / "none.toml"),
           "THOISU_SEGMENTER": "syllable"}
    proc = subprocess.Popen([sys.executable, "-m", "thoisu", "serve", "--db", db_url,
                             "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/api/health", proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def test_serve_end_to_end(served: str) -> None:
    import json

    health = json.loads(urllib.request.urlopen(f"{served}/api/health", timeout=5).read())
    assert health["status"] == "ok" and health["articles"] == 3


def test_serve_screenshot(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if chromium is None:
        pytest.skip("chromium is not installed")
    served = request.getfixturevalue("served")
    shot = tmp_path / "trang-chu.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                    f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,900",
                    f"--screenshot={shot}", f"{served}/stories/s-hue"],
                   capture_output=True, timeout=25, check=False)
    assert shot.exists() and shot.stat().st_size > 5_000


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


def test_story_names_follow_the_settings_gazetteer(tmp_path: Path) -> None:
    from thoisu.web.derive import derive_story

    extra = tmp_path / "ten.tsv"
    extra.write_text("Zorvex Group\tORG\tcompany\tZorvex Group|ZVX\n", encoding="utf-8")
    article = _article("cc44000000000004", "Zorvex Group mở nhà máy",
                       "ZVX công bố lãi lớn. Zorvex Group mở nhà máy ở Hải Phòng.", [], 5)
    settings = Settings(segmenter="syllable", gazetteer_file=str(extra))
    with Store.open(f"sqlite:///{tmp_path / 'tin.db'}") as store:
        store.add_articles([article])
        view = derive_story(Story(id="s-zvx", title="Zorvex", articles=[article.id]), store,
                            settings)
    assert "Zorvex Group" in {e.name for e in view.story.entities}, view.notes
