"""Access and robustness of the web app: tokens, sessions, body limits, a full analysis queue,
hostile Host headers, shutdown on SIGTERM. Stores here are small and made by hand."""

from __future__ import annotations

import contextlib
import json
import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from click.testing import CliRunner
from fastapi.testclient import TestClient

from fixtures_web import SETTINGS, editor_token, hue_store
from test_web import start_serve, stop
from thoisu.store import Store
from thoisu.store.tokens import list_tokens
from thoisu.web import create_app

ITEM = [{"title": "Mưa ở Huế", "text": "Sáng 12/3/2024, mưa lớn ở Huế."}]


@pytest.fixture()
def url(tmp_path: Path) -> str:
    return hue_store(tmp_path)


@pytest.fixture()
def token(url: str) -> str:
    return editor_token(url)


@pytest.fixture()
def client(url: str) -> Iterator[TestClient]:
    with TestClient(create_app(url, SETTINGS)) as c:
        yield c


def test_tokens_cli_create_list_revoke(url: str, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from thoisu.cli import cli

    monkeypatch.setenv("THOISU_CONFIG", str(tmp_path / "none.toml"))
    runner = CliRunner()
    made = runner.invoke(cli, ["tokens", "create", "--db", url, "phong-vien"])
    assert made.exit_code == 0, made.output
    secret = made.stdout.strip().splitlines()[0]
    assert secret.startswith("ts_") and len(secret) > 30
    raw = Path(url.removeprefix("sqlite:///")).read_bytes()
    assert secret.encode() not in raw  # only its hash is stored
    listed = runner.invoke(cli, ["tokens", "list", "--db", url])
    assert "phong-vien" in listed.output and "active" in listed.output
    assert secret not in listed.output
    twice = runner.invoke(cli, ["tokens", "create", "--db", url, "phong-vien"])
    assert twice.exit_code == 1 and "exists already" in twice.output
    bad = runner.invoke(cli, ["tokens", "create", "--db", url, "có dấu cách"])
    assert bad.exit_code == 1 and "not allowed" in bad.output
    gone = runner.invoke(cli, ["tokens", "revoke", "--db", url, "phong-vien"])
    assert gone.exit_code == 0
    with Store.open(url) as store:
        assert [t.active for t in list_tokens(store)] == [False]
        from thoisu.store.tokens import check_token

        assert check_token(store, secret) is None


def test_a_revoked_token_is_refused_at_once(url: str, token: str, client: TestClient) -> None:
    from thoisu.store.tokens import revoke_token

    ok = client.post("/api/articles", content=b"[", headers={
        "Authorization": f"Bearer {token}", "content-type": "application/json"})
    assert ok.status_code == 422  # past the gate: the body is read and refused
    with Store.open(url) as store:
        revoke_token(store, "bien-tap")
    response = client.post("/api/articles", json=ITEM, headers={
        "Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def _raw_request(port: int, head: str, body: bytes = b"", read_timeout: float = 10) -> str:
    """Send a request by hand (a huge Content-Length without the body) and read the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=read_timeout) as s:
        s.sendall(head.encode("latin-1") + body)
        chunks = []
        try:
            while True:
                data = s.recv(65536)
                if not data:
                    break
                chunks.append(data)
                if b"\r\n\r\n" in b"".join(chunks) and b'"status"' in b"".join(chunks):
                    break
        except TimeoutError:
            pass
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture()
def served(url: str, token: str, tmp_path: Path) -> Iterator[tuple[str, int, str]]:
    proc, base = start_serve(url, tmp_path, env={"THOISU_WEB_MAX_BODY_BYTES": "8000000"})
    try:
        yield base, int(base.rsplit(":", 1)[1]), token
    finally:
        stop(proc)


def test_401_comes_before_the_body_is_read(served: tuple[str, int, str]) -> None:
    _, port, _ = served
    start = time.monotonic()
    answer = _raw_request(port, "POST /api/articles HTTP/1.1\r\nHost: x\r\n"
                          "Content-Type: application/json\r\nContent-Length: 400000000\r\n\r\n",
                          b"[" * 1000)
    assert answer.startswith("HTTP/1.1 401"), answer[:200]
    assert time.monotonic() - start < 10  # it did not wait for 400 MB that never came


def test_a_400_mb_body_is_413_at_once(served: tuple[str, int, str]) -> None:
    _, port, token = served
    answer = _raw_request(port, "POST /api/articles HTTP/1.1\r\nHost: x\r\n"
                          f"Authorization: Bearer {token}\r\n"
                          "Content-Type: application/json\r\nContent-Length: 400000000\r\n\r\n",
                          b"[" * 1000)
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert "limit is 8,000,000 bytes" in answer


def test_a_20_mb_body_is_413(served: tuple[str, int, str]) -> None:
    import httpx

    base, _, token = served
    response = httpx.post(f"{base}/api/articles", content=b" " * 20_000_000, timeout=60,
                          headers={"Authorization": f"Bearer {token}",
                                   "content-type": "application/json"})
    assert response.status_code == 413


def test_a_chunked_body_is_cut_at_the_limit(served: tuple[str, int, str]) -> None:
    import httpx

    base, _, token = served

    def chunks() -> Iterator[bytes]:
        for _ in range(100):  # 10 MB in all, no Content-Length
            yield b" " * 100_000

    response = httpx.post(f"{base}/api/digest", content=chunks(), timeout=60,
                          headers={"Authorization": f"Bearer {token}",
                                   "content-type": "application/json"})
    assert response.status_code == 413
    assert httpx.get(f"{base}/api/health").json()["status"] == "ok"


def test_sigterm_stops_the_server_within_seconds_even_while_analysing(
        url: str, token: str, tmp_path: Path) -> None:
    import threading

    import httpx

    proc, base = start_serve(url, tmp_path)
    try:
        dense = ("Hà Nội ngày 12/3/2017 mưa lớn. " * 3000 + "\n") * 20
        def send() -> None:
            # The server goes away mid-request: that is what this test does.
            with contextlib.suppress(httpx.HTTPError):
                httpx.post(f"{base}/api/digest",
                           json=[{"title": "Dày đặc ngày tháng", "text": dense}],
                           headers={"Authorization": f"Bearer {token}"}, timeout=60)

        sent = threading.Thread(target=send, daemon=True)
        sent.start()
        time.sleep(2.0)  # the job is in the worker now
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
        assert time.monotonic() - started < 10
    finally:
        stop(proc)


def test_reads_never_wait_behind_analysis_and_a_full_queue_is_503(
        url: str, token: str, tmp_path: Path) -> None:
    import concurrent.futures

    import httpx

    # One process: the queue and the busy count are each process's own.
    proc, base = start_serve(url, tmp_path, "--workers", "1",
                             env={"THOISU_WEB_ANALYSIS_QUEUE": "0",
                                  "THOISU_WEB_ANALYSIS_TIMEOUT": "60"})
    try:
        dense = ("Hà Nội ngày 12/3/2017 mưa lớn. " * 2000 + "\n") * 10
        headers = {"Authorization": f"Bearer {token}"}
        with concurrent.futures.ThreadPoolExecutor(2) as run:
            first = run.submit(httpx.post, f"{base}/api/digest",
                               json=[{"title": "Một", "text": dense}], headers=headers,
                               timeout=90)
            deadline = time.monotonic() + 20
            while httpx.get(f"{base}/api/health").json()["analysis_busy"] == 0:
                assert time.monotonic() < deadline, "the first job never started"
                time.sleep(0.05)
            second = httpx.post(f"{base}/api/digest", json=ITEM, headers=headers, timeout=30)
            assert second.status_code == 503
            assert int(second.headers["retry-after"]) >= 1
            for _ in range(5):  # the story page answers while the worker is busy
                page = httpx.get(f"{base}/stories/s-hue", timeout=5)
                assert page.status_code == 200
            assert httpx.get(f"{base}/api/health").json()["analysis_busy"] == 1
            first.result(timeout=120)
    finally:
        stop(proc)


def test_a_job_past_the_time_limit_is_stopped_with_503(url: str, token: str,
                                                       tmp_path: Path) -> None:
    import httpx

    # The work limit would refuse this text at once: lift it, so the job really runs long.
    proc, base = start_serve(url, tmp_path, env={"THOISU_WEB_ANALYSIS_TIMEOUT": "3",
                                                 "THOISU_MAX_ARTICLE_CHARS": "100000000"})
    try:
        dense = ("Hà Nội ngày 12/3/2017 mưa lớn. " * 3000 + "\n") * 30
        response = httpx.post(f"{base}/api/digest", json=[{"title": "Dày", "text": dense}],
                              headers={"Authorization": f"Bearer {token}"}, timeout=60)
        assert response.status_code == 503 and "stopped" in response.json()["error"]
        assert "retry-after" in response.headers
        again = httpx.post(f"{base}/api/digest", json=ITEM,
                           headers={"Authorization": f"Bearer {token}"}, timeout=60)
        assert again.status_code == 200, again.text  # a fresh worker took over
    finally:
        stop(proc)


def test_reads_can_require_a_token(url: str, token: str) -> None:
    settings = SETTINGS.replace(web_read_token=True)
    with TestClient(create_app(url, settings)) as c:
        assert c.get("/api/stories").status_code == 401
        page = c.get("/stories/s-hue", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"].startswith("/login?next=")
        assert c.get("/login").status_code == 200 and c.get("/api/health").status_code == 200
        assert c.get("/api/stories", headers={"Authorization": f"Bearer {token}"}).status_code \
            == 200
        logged = c.post("/login", data={"token": token, "next": "/stories/s-hue"},
                        follow_redirects=False)
        assert logged.status_code == 303 and logged.headers["location"] == "/stories/s-hue"
        assert c.get("/stories/s-hue").status_code == 200  # the session cookie


def test_login_sessions_upload_and_csrf(url: str, token: str, client: TestClient) -> None:
    assert client.get("/upload", follow_redirects=False).status_code == 303
    wrong = client.post("/login", data={"token": "ts_sai"})
    assert wrong.status_code == 401 and "không đúng" in wrong.text
    away = client.post("/login", data={"token": token, "next": "//evil.example/x"},
                       follow_redirects=False)
    assert away.headers["location"] == "/"
    cookie = away.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert token not in cookie
    form = client.get("/upload").text
    csrf = form.split('name="csrf" value="')[1].split('"')[0]
    files = {"files": ("mua.txt", "Mưa ở Huế\nSáng 12/3/2024, mưa lớn ở Huế.\n".encode(),
                       "text/plain")}
    forged = client.post("/upload", data={"csrf": "x"}, files=files)
    assert forged.status_code == 403
    # The API never takes the cookie for a write: another site's page cannot post with it.
    assert client.post("/api/articles", json=ITEM).status_code == 401
    done = client.post("/upload", data={"csrf": csrf}, files=files)
    assert done.status_code == 200, done.text
    assert "xem câu chuyện" in done.text
    client.post("/logout")
    client.cookies.clear()
    assert client.post("/upload", data={"csrf": csrf}, files=files).status_code == 401


def test_a_forged_session_cookie_is_refused(client: TestClient) -> None:
    client.cookies.set("thoisu_session", "1.99999999999.deadbeef")
    assert client.get("/upload", follow_redirects=False).status_code == 303
    files = {"files": ("a.txt", b"x", "text/plain")}
    assert client.post("/upload", data={"csrf": "x"}, files=files).status_code == 401


def test_links_never_come_from_the_host_header(client: TestClient) -> None:
    html = client.get("/stories/s-hue", headers={"Host": "evil.example.com"}).text
    assert "evil.example.com" not in html
    feed = client.get("/stories/s-hue/feed.atom", headers={"Host": "evil.example.com"}).text
    assert "evil.example.com" not in feed and "http://127.0.0.1:8000/articles/" in feed


def test_security_headers(client: TestClient) -> None:
    response = client.get("/")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"


def test_health_reports_the_queue(client: TestClient) -> None:
    body = json.loads(client.get("/api/health").text)
    assert body["analysis_busy"] == 0


def _children(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (read from /proc: Linux only)."""
    found: set[int] = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = (entry / "stat").read_text()
            # the command may hold spaces and brackets: the parent pid follows the last ')'
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_analysis_workers_end_with_a_killed_server(url: str, tmp_path: Path) -> None:
    proc, _base = start_serve(url, tmp_path)
    try:
        deadline = time.monotonic() + 30
        while not (workers := _children(proc.pid)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert workers, "the server starts its analysis workers"
        proc.send_signal(signal.SIGKILL)  # no chance to stop its pool
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(Path(f"/proc/{p}").exists() for p in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = [p for p in workers if Path(f"/proc/{p}/stat").exists()
                and " Z " not in Path(f"/proc/{p}/stat").read_text()]
        assert not left, f"workers left behind: {left}"
    finally:
        stop(proc)
