"""API tokens: made once, shown once, stored as SHA-256 hashes (a leaked store leaks no token).

A token is ``ts_`` and 32 random URL-safe characters. Only its hash and its first characters
(to tell tokens apart in ``thoisu tokens list``) are kept.

>>> from thoisu.store import Store
>>> store = Store.open("sqlite://")
>>> made = create_token(store, "toa-soan")
>>> made.secret.startswith("ts_"), check_token(store, made.secret).name
(True, 'toa-soan')
>>> check_token(store, "ts_wrong") is None
True
>>> revoke_token(store, "toa-soan"), check_token(store, made.secret) is None
(True, True)
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from thoisu.store.errors import StoreError
from thoisu.store.schema import api_tokens
from thoisu.store.store import Store

PREFIX = "ts_"
NAME = re.compile(r"^[\w.@-]{1,100}$")


class TokenError(StoreError):
    """A token name that cannot be used (taken, malformed, unknown)."""


@dataclass
class TokenInfo:
    """What is known of a token; never its secret."""

    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass
class NewToken:
    info: TokenInfo
    secret: str  # shown once, to the person who made it


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _info(row: object) -> TokenInfo:
    m = row._mapping  # type: ignore[attr-defined]
    return TokenInfo(m["id"], m["name"], m["prefix"], m["created_at"], m["last_used_at"],
                     m["revoked_at"])


def create_token(store: Store, name: str) -> NewToken:
    """A new token named ``name`` (letters, digits, ``.@_-``; unique among the store's)."""
    if not NAME.match(name):
        raise TokenError(f"token name {name!r} is not allowed; use up to 100 letters, digits "
                         "or . @ _ - (for example: toa-soan or an.nguyen)")
    secret = PREFIX + secrets.token_urlsafe(24)
    now = datetime.now(UTC)
    row = {"name": name, "prefix": secret[:7], "hash": hash_token(secret), "created_at": now}
    with store._guard(), store._write() as conn:
        if conn.scalar(select(api_tokens.c.id).where(api_tokens.c.name == name)) is not None:
            raise TokenError(f"a token named {name!r} exists already; choose another name "
                             f"(revoked tokens keep their name: thoisu tokens list)")
        try:
            with conn.begin_nested():
                new_id = conn.execute(insert(api_tokens).returning(api_tokens.c.id),
                                      row).scalar()
        except IntegrityError as exc:  # made at the same moment by another process
            raise TokenError(f"a token named {name!r} exists already; choose another "
                             "name") from exc
    return NewToken(TokenInfo(int(new_id or 0), name, secret[:7], now), secret)


def list_tokens(store: Store) -> list[TokenInfo]:
    with store._guard(), store.engine.connect() as conn:
        rows = conn.execute(select(api_tokens).order_by(api_tokens.c.id)).all()
    return [_info(r) for r in rows]


def revoke_token(store: Store, name: str) -> bool:
    """Revoke the active token named ``name``; False if there is none."""
    query = (update(api_tokens).where(api_tokens.c.name == name)
             .where(api_tokens.c.revoked_at.is_(None)).values(revoked_at=datetime.now(UTC)))
    with store._guard(), store._write() as conn:
        return bool(conn.execute(query).rowcount)


def check_token(store: Store, secret: str | None) -> TokenInfo | None:
    """The active token with this secret, or None (unknown, revoked or empty)."""
    if not secret or not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    digest = hash_token(secret)
    with store._guard(), store.engine.connect() as conn:
        row = conn.execute(select(api_tokens).where(api_tokens.c.hash == digest)).first()
    if row is None:
        return None
    info = _info(row)
    # The lookup is by hash; comparing again in constant time costs nothing and keeps a
    # timing difference from telling anything about a near-miss.
    if not hmac.compare_digest(row._mapping["hash"], digest) or not info.active:
        return None
    return info


def token_by_id(store: Store, token_id: int) -> TokenInfo | None:
    """The active token with this id (for a browser session), or None."""
    with store._guard(), store.engine.connect() as conn:
        row = conn.execute(select(api_tokens).where(api_tokens.c.id == token_id)).first()
    info = _info(row) if row is not None else None
    return info if info is not None and info.active else None
