"""The gate every request passes before the app sees it (a plain ASGI middleware).

In this order, from the headers alone, before any byte of the body is read:

1. **Credentials.** A token in the headers is checked against the store; a bad one is 401
   whatever else the request carries. A browser session cookie is checked too.
2. **Writes need a token.** ``POST``/``PUT``/``PATCH``/``DELETE`` without a valid one: 401
   (the login form and the logout button excepted). API writes take a header token only, so
   a page on another site can never write with a reader's cookie; the upload form takes the
   session together with a form token (see :mod:`pages`).
3. **Reads** are open, or need a token or session when ``web_read_token`` is set (API: 401;
   pages: a redirect to the login page).
4. **Body size.** A ``Content-Length`` over ``web_max_body_bytes``: 413 at once; a body
   without one (chunked) is counted as it streams in and cut with 413 at the limit.

Every response also gets headers that keep a page from being framed, sniffed or sent
scripts from elsewhere.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from thoisu.web.access import Access, Caller, cookie_value, header_token

Scope = dict[str, Any]
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
     b"script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"),
]
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
OPEN_WRITES = {"/login", "/logout"}  # a login form cannot send a token in a header
LOGIN_BODY = 8_192


class BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


def _open_read(path: str) -> bool:
    """Pages anyone may read even when reads need a login."""
    return path in ("/login", "/api/health") or path.startswith("/static/")


class Guard:
    def __init__(self, app: Any, access: Access, max_body: int, read_token: bool,
                 base_path: str = "") -> None:
        self.app = app
        self.access = access
        self.max_body = max_body
        self.read_token = read_token
        self.base_path = base_path

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        path: str = scope.get("path", "")
        method: str = scope.get("method", "GET")
        api = path.startswith("/api")
        write = method in WRITES

        async def secured(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + SECURITY_HEADERS
            await send(message)

        caller = await self._caller(headers, write)
        if caller is None:  # a token was sent and is not valid
            await _json(secured, 401, "the API token sent is not valid (unknown or revoked); "
                        "make one with: thoisu tokens create NAME",
                        [(b"www-authenticate", b'Bearer realm="thoisu"')])
            return
        scope.setdefault("state", {})["caller"] = caller
        if write and path not in OPEN_WRITES:
            allowed = caller.via == "header" or (caller.via == "session" and not api)
            if not allowed:
                await _json(secured, 401, "writing needs an API token: send "
                            "'Authorization: Bearer <token>' (make one with: thoisu tokens "
                            "create NAME)" if api or not caller.known else
                            "log in first", [(b"www-authenticate", b'Bearer realm="thoisu"')])
                return
        elif not write and self.read_token and not caller.known and not _open_read(path):
            if api or path == "/openapi.json":
                await _json(secured, 401, "this server needs an API token for reading too: "
                            "send 'Authorization: Bearer <token>'",
                            [(b"www-authenticate", b'Bearer realm="thoisu"')])
            else:
                target = path + ("?" + scope["query_string"].decode("latin-1")
                                 if scope.get("query_string") else "")
                location = f"{self.base_path}/login?next={quote(target, safe='')}"
                await secured({"type": "http.response.start", "status": 303,
                               "headers": [(b"location", location.encode("latin-1")),
                                           (b"content-length", b"0")]})
                await secured({"type": "http.response.body", "body": b""})
            return
        limit = LOGIN_BODY if path in OPEN_WRITES else self.max_body
        length = headers.get("content-length", "")
        if length:
            if not length.isdigit():
                await _json(secured, 400, "Content-Length is not a number")
                return
            if int(length) > limit:
                await _too_large(secured, int(length), limit)
                return
        received = 0
        started = False

        async def counted() -> dict[str, Any]:
            nonlocal received
            message: dict[str, Any] = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracked(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await secured(message)

        try:
            await self.app(scope, counted, tracked)
        except BodyTooLarge:
            if started:
                raise
            await _too_large(secured, None, limit)

    async def _caller(self, headers: dict[str, str], write: bool) -> Caller | None:
        """The caller, an unknown one when nothing was sent, None for a bad header token."""
        from starlette.concurrency import run_in_threadpool

        token = header_token(headers)
        if token is not None:
            caller = await run_in_threadpool(self.access.by_token, token, write)
            return caller if caller.known else None
        cookie = cookie_value(headers.get("cookie", ""))
        if cookie:
            if not write and not self.read_token:
                # Only shown (logged-in name); no store lookup needed for an open read.
                token_id = self.access.signer.verify(cookie)
                return Caller(token_id, None, "session") if token_id is not None else Caller()
            return await run_in_threadpool(self.access.by_session, cookie, write)
        return Caller()


async def _json(send: Any, status: int, message: str,
                extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"error": message, "status": status}, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close"), *(extra or [])]})
    await send({"type": "http.response.body", "body": body})


async def _too_large(send: Any, size: int | None, limit: int) -> None:
    told = f"{size:,} bytes" if size is not None else "more than that"
    await _json(send, 413, f"request body too large ({told}; the limit is {limit:,} bytes): "
                "send fewer or smaller pages per request, or raise web_max_body_bytes")
