"""The processes of one server share what they render: a page is rendered once, not once per
process, never across a change of the store, and a folder that is not private is refused."""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path
from typing import Any

import pytest

from thoisu.web.cache import ReadCache
from thoisu.web.shared_pages import SharedPages


class Mark:
    def __init__(self) -> None:
        self.value = "1"

    def current(self) -> str:
        return self.value


def _app(calls: list[str], body: bytes = b"page", status: int = 200) -> Any:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        calls.append(scope["path"])
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"text/html; charset=utf-8")]})
        await send({"type": "http.response.body", "body": body + scope["path"].encode()})

    return app


def _get(cache: ReadCache, path: str) -> tuple[int, dict[bytes, bytes], bytes]:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "query_string": b"",
             "headers": [], "state": {}}
    asyncio.run(cache(scope, None, send))
    return (sent[0]["status"], dict(sent[0]["headers"]),
            b"".join(m.get("body", b"") for m in sent[1:]))


def _processes(root: Path, mark: Mark, body_b: bytes = b"other") -> tuple[
        ReadCache, ReadCache, list[str], list[str]]:
    """Two caches as two server processes would have them: their own memory, one folder."""
    calls_a: list[str] = []
    calls_b: list[str] = []
    a = ReadCache(_app(calls_a), mark, shared=SharedPages.open(root, 100))  # type: ignore[arg-type]
    b = ReadCache(_app(calls_b, body_b), mark,  # type: ignore[arg-type]
                  shared=SharedPages.open(root, 100))
    return a, b, calls_a, calls_b


def test_a_page_rendered_by_one_process_is_read_by_the_other(tmp_path: Path) -> None:
    mark = Mark()
    a, b, calls_a, calls_b = _processes(tmp_path / "pages", mark)
    first = _get(a, "/stories/s1")
    again = _get(b, "/stories/s1")
    assert calls_a == ["/stories/s1"] and calls_b == []
    assert again == first and first[2] == b"page/stories/s1"
    assert first[1][b"etag"] == again[1][b"etag"]
    # Another address is rendered where it is asked.
    assert _get(b, "/stories/s2")[2] == b"other/stories/s2"


def test_a_write_to_the_store_is_never_answered_from_older_pages(tmp_path: Path) -> None:
    mark = Mark()
    a, b, _calls_a, calls_b = _processes(tmp_path / "pages", mark)
    _get(a, "/")
    mark.value = "2"  # another process wrote the store
    assert _get(b, "/")[2] == b"other/"
    assert calls_b == ["/"]
    assert len([p for p in (tmp_path / "pages").iterdir()]) == 2  # one folder per mark


def test_errors_and_cut_files_are_rendered_again(tmp_path: Path) -> None:
    mark = Mark()
    root = tmp_path / "pages"
    calls: list[str] = []
    failing = ReadCache(_app(calls, status=500), mark,  # type: ignore[arg-type]
                        shared=SharedPages.open(root, 100))
    _get(failing, "/x")
    assert not any(root.rglob("*")) or all(p.is_dir() for p in root.rglob("*"))
    a, b, _calls_a, calls_b = _processes(root, mark)
    _get(a, "/y")
    for kept in root.rglob("*"):
        if kept.is_file():
            kept.write_bytes(b"\x00\x00\x10\x00{not json")
    assert _get(b, "/y")[2] == b"other/y" and calls_b == ["/y"]


def test_each_process_writes_at_most_its_limit_per_mark(tmp_path: Path) -> None:
    mark = Mark()
    calls: list[str] = []
    cache = ReadCache(_app(calls), mark, shared=SharedPages.open(tmp_path / "p", 3))  # type: ignore[arg-type]
    for k in range(6):
        _get(cache, f"/n{k}")
    assert len([p for p in (tmp_path / "p").rglob("*") if p.is_file()]) == 3


def test_a_folder_others_can_read_or_that_is_not_a_folder_is_refused(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    open_folder = tmp_path / "open"
    open_folder.mkdir(mode=0o755)
    os.chmod(open_folder, 0o755)
    a_file = tmp_path / "file"
    a_file.write_text("x")
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "elsewhere")
    (tmp_path / "elsewhere").mkdir(mode=0o700)
    with caplog.at_level(logging.WARNING, logger="thoisu.web"):
        for bad in (open_folder, a_file, link):
            assert SharedPages.open(bad, 10) is None
    assert "memory only" in caplog.text
    made = SharedPages.open(tmp_path / "new" / "pages", 10)
    assert made is not None
    assert (tmp_path / "new" / "pages").stat().st_mode & 0o777 == 0o700


@pytest.mark.slow
def test_serve_with_two_processes_shares_a_folder_of_its_run_only(tmp_path: Path) -> None:
    import httpx

    from test_web import start_serve
    from thoisu.store import Store

    url = f"sqlite:///{tmp_path / 'tin.db'}"
    Store.open(url).close()
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    proc, base = start_serve(url, tmp_path, "--workers", "2", env={"TMPDIR": str(temporary)})
    try:
        for _ in range(6):
            assert httpx.get(base + "/", headers={"connection": "close"}).status_code == 200
        made = list(temporary.glob("thoisu-pages-*"))
        assert len(made) == 1 and made[0].stat().st_mode & 0o777 == 0o700
        assert any(p.is_file() for p in made[0].rglob("*"))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert not list(temporary.glob("thoisu-pages-*"))
