"""From a URL to a SQLAlchemy engine, with SQLite set up for safe use by several processes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from thoisu.settings import data_dir, default_db_url
from thoisu.store.errors import URL_EXAMPLES, StoreError, driver_missing, unknown_backend


def resolve_url(url: str | None) -> URL:
    """The URL to use: the given one, or the SQLite file in the data directory (created)."""
    if not url:
        data_dir().mkdir(parents=True, exist_ok=True)
        url = default_db_url()
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise StoreError(f"store URL {url!r} is not a database URL; "
                         f"write one like {URL_EXAMPLES}") from exc
    # Bare "postgresql://" would pick psycopg2, which thoisu does not depend on.
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def require_existing(url: str | None) -> None:
    """Refuse a SQLite file that does not exist, for commands that only read a store.

    Opening a store creates it; for ``thoisu stories --db sqlite:////typo.db`` that would be
    an empty store made silently where a typo was meant. Other backends are left to connect.
    """
    parsed = resolve_url(url)
    if parsed.get_backend_name() != "sqlite":
        return
    database = parsed.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return
    if not Path(database).expanduser().is_file():
        raise StoreError(f"no store at {shown(parsed)}: the file {database} does not exist; "
                         "check the path (thoisu ingest PATH --db URL makes a store)")


def shown(url: URL) -> str:
    """The URL as it may be printed: password hidden."""
    return url.render_as_string(hide_password=True)


def _json_dumps(value: Any) -> str:
    # Vietnamese stays readable (and a third shorter) in the database.
    return json.dumps(value, ensure_ascii=False)


def make_engine(url: URL, busy_timeout: float) -> Engine:
    name = shown(url)
    backend = url.get_backend_name()
    if backend == "sqlite":
        _check_sqlite_path(url, name)
    try:
        kwargs: dict[str, Any] = {"json_serializer": _json_dumps}
        if backend == "sqlite":
            kwargs["connect_args"] = {"timeout": busy_timeout}
        elif backend == "postgresql":
            kwargs["connect_args"] = {"connect_timeout": max(1, int(busy_timeout))}
            kwargs["pool_pre_ping"] = True
        engine = create_engine(url, **kwargs)
    except NoSuchModuleError as exc:
        raise unknown_backend(name, exc) from exc
    except ImportError as exc:
        raise driver_missing(name, url.drivername, exc) from exc
    if backend == "sqlite":
        _setup_sqlite(engine)
    return engine


def _check_sqlite_path(url: URL, name: str) -> None:
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return
    parent = Path(database).expanduser().parent
    if not parent.is_dir():
        raise StoreError(f"cannot open the store at {name}: the directory {parent} does not "
                         "exist; create it or choose another path")


def _setup_sqlite(engine: Engine) -> None:
    """Real transactions on SQLite.

    The stdlib driver starts transactions lazily and not before DDL or SAVEPOINT, which breaks
    per-article savepoints and transactional migrations; so thoisu issues BEGIN itself. WAL
    lets readers (the web app) work while an ingest writes.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # IMMEDIATE takes the write lock at once: for migrations, which check then write.
        immediate = connection.get_execution_options().get("thoisu_write_lock", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
