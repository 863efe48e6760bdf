"""The web app under hostile or awkward use: unencodable text in bodies, revoked tokens and
sessions, answers kept per store change (ETag, 304), bounded read threads."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from fixtures_web import HUE_1, SETTINGS, editor_token, hue_store
from thoisu.store import Store
from thoisu.store.tokens import create_token, revoke_token
from thoisu.web import create_app

# Lone surrogate escapes, as a buggy exporter writes them (a str holding them cannot be
# encoded, so the body is written by hand).
SURROGATE_BODY = ('[{"title": "Ch\\ud800áy chợ Bình Tây", "source": "Tin \\udfffNhanh", '
                  '"text": "Sáng 5/5/2024, một đám cháy lớn bùng lên ở chợ Bình Tây.\\n'
                  'Lực lượng cứu hỏa đã khống chế đám cháy sau hai giờ."}]').encode()


@pytest.fixture()
def url(tmp_path: Path) -> str:
    return hue_store(tmp_path)


@pytest.fixture()
def token(url: str) -> str:
    return editor_token(url)


def _client(url: str, **settings: object) -> TestClient:
    return TestClient(create_app(url, SETTINGS.replace(**settings)))


@pytest.mark.parametrize("route", ["/api/articles", "/api/digest"])
def test_surrogates_in_a_body_are_a_warning_not_a_500(url: str, token: str, route: str) -> None:
    with _client(url) as client:
        response = client.post(route, content=SURROGATE_BODY, headers={
            "Authorization": f"Bearer {token}", "content-type": "application/json"})
    assert response.status_code in (200, 201), response.text
    out = response.json()
    assert [p["kind"] for p in out["problems"]] == ["warning"]
    assert "2 lone surrogate escapes" in out["problems"][0]["reason"]
    assert out["problems"][0]["item"] == 1
    titles = [a["title"] for a in out["articles"]]
    assert titles == ["Ch\ufffdáy chợ Bình Tây"]


def test_a_revoked_token_stops_reading_at_its_next_request(url: str, token: str) -> None:
    with _client(url, web_read_token=True) as client:
        auth = {"Authorization": f"Bearer {token}"}
        assert client.get("/api/stories", headers=auth).status_code == 200
        assert client.get("/api/stories", headers=auth).status_code == 200  # now remembered
        with Store.open(url) as store:  # another program: thoisu tokens revoke
            revoke_token(store, "bien-tap")
        assert client.get("/api/stories", headers=auth).status_code == 401


def test_a_revoked_session_does_not_get_the_upload_form(url: str, token: str) -> None:
    with _client(url) as client:
        login = client.post("/login", data={"token": token, "next": "/upload"},
                            follow_redirects=False)
        assert login.status_code == 303
        form = client.get("/upload", follow_redirects=False)
        assert form.status_code == 200 and 'name="csrf"' in form.text
        with Store.open(url) as store:
            revoke_token(store, "bien-tap")
        again = client.get("/upload", follow_redirects=False)
        assert again.status_code == 303 and "/login" in again.headers["location"]


@pytest.mark.parametrize("path", ["/", "/stories/s-hue", f"/articles/{HUE_1.id}",
                                  "/search?q=hue", "/api/stories", "/api/stories/s-hue",
                                  f"/api/articles/{HUE_1.id}", "/api/search?q=hue"])
def test_reads_answer_304_until_the_store_changes(url: str, path: str) -> None:
    with _client(url) as client:
        _indexed(client)  # the search index is built in the store at start: a write
        first = client.get(path)
        assert first.status_code == 200
        etag = first.headers["etag"]
        assert first.headers["cache-control"] == "private, no-cache"
        same = client.get(path, headers={"If-None-Match": etag})
        assert same.status_code == 304 and same.content == b""
        assert same.headers["x-frame-options"] == "DENY"  # still through the gate
        again = client.get(path)
        assert again.content == first.content and again.headers["etag"] == etag
        with Store.open(url) as store:  # any write, by any program
            create_token(store, "phong-vien")
        changed = client.get(path, headers={"If-None-Match": etag})
        assert changed.status_code == 200 and changed.headers["etag"] != etag


def _indexed(client: TestClient) -> None:
    import threading

    for thread in threading.enumerate():
        if thread.name == "thoisu-search-index":
            thread.join(60)


def test_health_and_errors_are_never_kept(url: str) -> None:
    with _client(url) as client:
        assert "etag" not in client.get("/api/health").headers
        missing = client.get("/stories/khong-co")
        assert missing.status_code == 404 and "etag" not in missing.headers


def test_reads_run_on_a_bounded_thread_pool(url: str) -> None:
    import anyio.to_thread

    with _client(url, web_threads=3) as client:
        assert client.portal is not None
        total = client.portal.call(
            lambda: anyio.to_thread.current_default_thread_limiter().total_tokens)
    assert total == 3


def test_serve_runs_a_process_per_core_and_stops_cleanly(url: str, tmp_path: Path) -> None:
    import os
    import signal

    from test_web import start_serve, stop

    proc, _base = start_serve(url, tmp_path)
    try:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=90)
    finally:
        stop(proc)
    text = err.decode()
    cores = os.cpu_count() or 1
    if cores > 1:
        assert f"({cores} processes)" in text, text
    assert "leaked semaphore" not in text, text
    assert "Traceback" not in text, text


def test_serve_workers_flag_is_documented() -> None:
    from click.testing import CliRunner

    from thoisu.cli import cli

    shown = CliRunner().invoke(cli, ["serve", "--help"]).output
    assert "--workers N" in shown and "one per" in shown
