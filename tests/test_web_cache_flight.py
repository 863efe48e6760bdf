"""The read cache renders an address once for the readers who ask for it at the same time."""

from __future__ import annotations

import asyncio
from typing import Any

from thoisu.web.cache import ReadCache


class StillStore:
    """A store mark that does not move."""

    def current(self) -> str:
        return "7"


def _app(status: int, calls: list[str]) -> Any:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        calls.append(scope["path"])
        await asyncio.sleep(0.05)  # a rendering that takes a while
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": scope["path"].encode()})

    return app


async def _get(cache: ReadCache, path: str) -> tuple[int, bytes]:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "query_string": b"",
             "headers": [], "state": {}}
    await cache(scope, None, send)
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


async def _many(cache: ReadCache, paths: list[str]) -> list[tuple[int, bytes]]:
    return await asyncio.gather(*(_get(cache, p) for p in paths))


def test_fifty_readers_of_one_page_cost_one_rendering() -> None:
    calls: list[str] = []
    cache = ReadCache(_app(200, calls), mark=StillStore())
    answers = asyncio.run(_many(cache, ["/"] * 50 + ["/stories/a"] * 3))
    assert sorted(calls) == ["/", "/stories/a"]
    assert answers[:50] == [(200, b"/")] * 50
    assert answers[50:] == [(200, b"/stories/a")] * 3


def test_an_answer_that_is_not_kept_is_rendered_for_each_reader() -> None:
    calls: list[str] = []
    cache = ReadCache(_app(404, calls), mark=StillStore())
    answers = asyncio.run(_many(cache, ["/stories/none"] * 4))
    assert len(calls) == 4
    assert answers == [(404, b"/stories/none")] * 4
