"""Who is asking: API tokens in a header, browser sessions in a signed cookie.

A request carries a token as ``Authorization: Bearer ts_...`` (or ``X-API-Token``). A
browser logs in once at ``/login`` with a token and gets a session cookie: the token's id,
an expiry and an HMAC-SHA256 signature, ``HttpOnly`` and ``SameSite=Strict``; the secret
never leaves the login request. A revoked token ends its sessions at their next request:
checked on every write, and on reads when reads need a login, through a cache that holds an
answer only while the store's change counter (:class:`thoisu.store.changes.ChangeMark`) has
not moved — revoking a token writes the store, so the next request asks again.

>>> signer = Signer(b"k" * 32)
>>> cookie = signer.sign(7, now=1000)
>>> signer.verify(cookie, now=1001)
7
>>> signer.verify(cookie + "0", now=1001) is None, signer.verify(cookie, now=10**9) is None
(True, True)
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from thoisu.settings import Settings, data_dir
from thoisu.store import Store

if TYPE_CHECKING:
    from thoisu.store.changes import ChangeMark

COOKIE = "thoisu_session"
SESSION_SECONDS = 14 * 24 * 3600


def session_key(settings: Settings) -> bytes:
    """The key signing sessions: the ``web_secret`` setting, else one kept in the data dir."""
    if settings.web_secret:
        return hashlib.sha256(settings.web_secret.encode("utf-8")).digest()
    path = data_dir() / "web_session_key"
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    _write_private(path, key.hex())
    return bytes.fromhex(path.read_text(encoding="ascii").strip())


def _write_private(path: Path, value: str) -> None:
    tmp = path.with_name(path.name + f".{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(value)
    try:  # two servers starting at once: the first key written wins, both use it
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)


class Signer:
    def __init__(self, key: bytes) -> None:
        self.key = key

    def _mac(self, payload: str) -> str:
        return hmac.new(self.key, payload.encode("ascii"), hashlib.sha256).hexdigest()

    def sign(self, token_id: int, now: float | None = None) -> str:
        expires = int((now if now is not None else time.time()) + SESSION_SECONDS)
        payload = f"{token_id}.{expires}"
        return f"{payload}.{self._mac(payload)}"

    def verify(self, cookie: str | None, now: float | None = None) -> int | None:
        """The token id of a valid, unexpired session cookie; None otherwise."""
        if not cookie or len(cookie) > 200:
            return None
        parts = cookie.split(".")
        if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
            return None
        payload = f"{parts[0]}.{parts[1]}"
        if not hmac.compare_digest(self._mac(payload), parts[2]):
            return None
        if int(parts[1]) < (now if now is not None else time.time()):
            return None
        return int(parts[0])

    def csrf(self, cookie: str) -> str:
        """The form token that proves a POST comes from a page this server made."""
        return hmac.new(self.key, b"csrf:" + cookie.encode("ascii"), hashlib.sha256).hexdigest()


@dataclass
class Caller:
    """A request's credentials once checked."""

    token_id: int | None = None
    name: str | None = None
    via: str = ""  # "header", "session" or ""

    @property
    def known(self) -> bool:
        return self.token_id is not None


class Access:
    """Checks tokens and sessions against the store, remembering each answer while the store
    is unchanged (and ``ttl`` seconds at most)."""

    def __init__(self, store: Store, signer: Signer, ttl: float = 60.0,
                 mark: ChangeMark | None = None) -> None:
        from thoisu.store.changes import ChangeMark

        self.store = store
        self.signer = signer
        self.ttl = ttl
        self.mark = mark or ChangeMark(store)
        self._cache: dict[tuple[str, str | int], tuple[float, str, Caller]] = {}
        self._lock = threading.Lock()

    def _cached(self, key: tuple[str, str | int]) -> Caller | None:
        with self._lock:
            hit = self._cache.get(key)
        if (hit and time.monotonic() - hit[0] < self.ttl
                and hit[1] == self.mark.current()):
            return hit[2]
        return None

    def _remember(self, key: tuple[str, str | int], caller: Caller, mark: str) -> Caller:
        with self._lock:
            if len(self._cache) > 10_000:
                self._cache.clear()
            self._cache[key] = (time.monotonic(), mark, caller)
        return caller

    def by_token(self, secret: str, fresh: bool = False) -> Caller:
        from thoisu.store.tokens import check_token, hash_token

        key = ("token", hash_token(secret))
        if not fresh and (hit := self._cached(key)) is not None:
            return hit
        mark = self.mark.current()  # before the lookup: a write during it is seen next time
        info = check_token(self.store, secret)
        caller = Caller(info.id, info.name, "header") if info else Caller()
        return self._remember(key, caller, mark)

    def by_session(self, cookie: str, fresh: bool = False) -> Caller:
        from thoisu.store.tokens import token_by_id

        token_id = self.signer.verify(cookie)
        if token_id is None:
            return Caller()
        key = ("session", token_id)
        if not fresh and (hit := self._cached(key)) is not None:
            return hit
        mark = self.mark.current()
        info = token_by_id(self.store, token_id)
        caller = Caller(info.id, info.name, "session") if info else Caller()
        return self._remember(key, caller, mark)

    def forget(self) -> None:
        with self._lock:
            self._cache.clear()


def header_token(headers: dict[str, str]) -> str | None:
    """The token a request sends in ``Authorization: Bearer`` or ``X-API-Token``."""
    auth = headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip() or None
    return headers.get("x-api-token", "").strip() or None


def cookie_value(raw: str, name: str = COOKIE) -> str | None:
    """One cookie's value from a ``Cookie`` header."""
    for part in raw.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value.strip('"') or None
    return None
