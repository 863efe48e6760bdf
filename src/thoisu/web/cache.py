"""Read answers cached per store change, with ``ETag`` and ``304 Not Modified``.

Every page and API read (``GET``) is keyed on the store's change counter
(:class:`thoisu.store.changes.ChangeMark`), the address and who asks (a logged-in reader's
pages show their name). While the store is unchanged the same key gives the same bytes, so:

* a client that sends the ``ETag`` it was given back in ``If-None-Match`` gets ``304`` and
  no body, without the page being looked up or rendered;
* anyone else asking for an address already rendered gets the kept bytes;
* any write to the store, by any process, moves the mark: the next read renders afresh. A page
  is never behind the store (on PostgreSQL by at most the mark's ``every``, 0.2 s);
* requests for an address being rendered wait for that rendering instead of rendering it
  again (after a write, fifty readers of the home page cost one rendering, not fifty); a
  waiter whose page could not be kept (an error, a cookie) renders its own;
* with ``shared`` (:mod:`thoisu.web.shared_pages`), what one process of the server rendered
  is read by the others (and by the server started again on an unchanged store) instead of
  being rendered once in each.

Not cached: writes, ``/api/health`` (it reports the analysis queue), the login and upload
forms (they carry a per-session form token), static files (they have their own validators),
and any answer that is not a plain ``200`` (errors, redirects, ``Set-Cookie``).
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections import OrderedDict
from typing import Any

from thoisu.store.changes import ChangeMark
from thoisu.web.shared_pages import SharedPages

Scope = dict[str, Any]
UNCACHED = ("/api/health", "/login", "/logout", "/upload")
UNCACHED_PREFIXES = ("/static/", "/docs/assets/")
MAX_BODY = 4_000_000  # a larger answer is sent, not kept


class Kept:
    """One answer as sent: status, headers and body."""

    __slots__ = ("body", "headers", "status")

    def __init__(self, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body


class ReadCache:
    """ASGI middleware: answers ``GET`` from what was rendered since the store last changed."""

    def __init__(self, app: Any, mark: ChangeMark, size: int = 2048,
                 salt: str = "", shared: SharedPages | None = None) -> None:
        self.app = app
        self.shared = shared
        self.mark = mark
        self.size = size
        self.salt = salt  # e.g. the version: a new thoisu never answers with an old page
        self._kept: OrderedDict[str, Kept] = OrderedDict()
        self._seen_mark = ""
        self._lock = threading.Lock()
        # Addresses being rendered in this process, and what their readers wait on.
        self._rendering: dict[str, asyncio.Event] = {}

    def _cacheable(self, scope: Scope) -> bool:
        path: str = scope.get("path", "")
        return (scope["type"] == "http" and scope.get("method") == "GET"
                and path not in UNCACHED and not path.startswith(UNCACHED_PREFIXES))

    def _key(self, scope: Scope, mark: str) -> str:
        caller = scope.get("state", {}).get("caller")
        who = str(getattr(caller, "token_id", None))
        raw = "\0".join((self.salt, mark, scope.get("root_path", ""), scope.get("path", ""),
                         scope.get("query_string", b"").decode("latin-1"), who))
        return hashlib.blake2b(raw.encode("utf-8", "replace"), digest_size=12).hexdigest()

    def _get(self, key: str, mark: str) -> Kept | None:
        with self._lock:
            if mark != self._seen_mark:
                # The store changed: every kept answer is of an older store.
                self._kept.clear()
                self._seen_mark = mark
                return None
            hit = self._kept.get(key)
            if hit is not None:
                self._kept.move_to_end(key)
            return hit

    def _put(self, key: str, mark: str, kept: Kept) -> None:
        with self._lock:
            if mark != self._seen_mark:
                return
            self._kept[key] = kept
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if self.size <= 0 or not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        mark = self.mark.current()
        key = self._key(scope, mark)
        etag = f'"{key}"'.encode("ascii")
        extra = [(b"etag", etag), (b"cache-control", b"private, no-cache"),
                 (b"vary", b"Cookie, Authorization")]
        asked = dict(scope.get("headers", [])).get(b"if-none-match", b"")
        if etag in [tag.strip().removeprefix(b"W/") for tag in asked.split(b",")]:
            await send({"type": "http.response.start", "status": 304, "headers": extra})
            await send({"type": "http.response.body", "body": b""})
            return
        hit = self._get(key, mark)
        if hit is None and key in self._rendering:
            await self._rendering[key].wait()
            hit = self._get(key, mark)
        if hit is None and self.shared is not None:
            found = self.shared.get(mark, key)
            if found is not None:
                hit = Kept(*found)
                self._put(key, mark, hit)
        if hit is not None:
            await send({"type": "http.response.start", "status": hit.status,
                        "headers": hit.headers})
            await send({"type": "http.response.body", "body": hit.body})
            return
        if key in self._rendering:  # the first rendering was not kept: render this one
            await self._render(key, mark, extra, scope, receive, send)
            return
        done = self._rendering[key] = asyncio.Event()
        try:
            await self._render(key, mark, extra, scope, receive, send)
        finally:
            del self._rendering[key]
            done.set()

    async def _render(self, key: str, mark: str, extra: list[tuple[bytes, bytes]],
                      scope: Scope, receive: Any, send: Any) -> None:
        """Answer from the application, keeping the answer when it may be kept."""
        started: dict[str, Any] = {}
        chunks: list[bytes] = []
        size = 0

        async def capture(message: dict[str, Any]) -> None:
            nonlocal size
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if message["status"] == 200:
                    headers += extra
                message = {**message, "headers": headers}
                started.update(message)
            elif message["type"] == "http.response.body" and size <= MAX_BODY:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if not message.get("more_body") and _keepable(started, size):
                    kept = Kept(started["status"], started["headers"], b"".join(chunks))
                    self._put(key, mark, kept)
                    if self.shared is not None:
                        self.shared.put(mark, key, kept.status, kept.headers, kept.body)
            await send(message)

        await self.app(scope, receive, capture)


def _keepable(start: dict[str, Any], size: int) -> bool:
    if start.get("status") != 200 or size > MAX_BODY:
        return False
    return not any(name.lower() == b"set-cookie" for name, _ in start.get("headers", []))
