"""The store's change counter: a mark that moves whenever any program writes the store.

Read pages and API answers are cached per mark (:mod:`thoisu.web.cache`), and remembered
tokens and sessions are checked again when it moves, so a page is never older than the store
and a revoked token stops at its next request — whichever process (``thoisu ingest``,
``thoisu tokens revoke``, another server) wrote.

* **SQLite**: the header of the write-ahead log's index (the ``-shm`` file, which every
  commit updates: its frame count, salts and change counter), with the size and modification
  time of the database file and the log (which catch a checkpoint, and a store with no
  connection open). The mark moves with every write of every process; reading it costs a
  ``stat`` or two and one 48-byte read, no query. (File times alone are not enough: they
  tick in jiffies, and a reset log is rewritten at the same size.)
* **PostgreSQL**: the next transaction id of the server (``pg_snapshot_xmax``), which moves
  whenever a transaction writes (read-only ones take no id). One small query, made at most
  every ``every`` seconds per process (default 0.2 s: the most a page or a revoked token can
  lag behind).
* Anything else (an in-memory SQLite store): the same small query on the tables, as often.

>>> from thoisu.store import Store
>>> store = Store.open("sqlite://")
>>> mark = ChangeMark(store)
>>> mark.current() == mark.current()
True
"""

from __future__ import annotations

import os
import threading
import time

from sqlalchemy import text

from thoisu.store.store import Store

_TABLES = ("SELECT (SELECT max(seq) FROM articles), (SELECT count(*) FROM stories), "
           "(SELECT max(updated_at) FROM stories), (SELECT count(*) FROM api_tokens), "
           "(SELECT count(revoked_at) FROM api_tokens)")


class ChangeMark:
    """``current()`` is a short string that differs after any write to the store."""

    def __init__(self, store: Store, every: float = 0.2) -> None:
        self.store = store
        self.every = every
        self._files: list[str] = []
        database = store.engine.url.database or ""
        if (store.engine.dialect.name == "sqlite" and database not in ("", ":memory:")
                and not database.startswith("file:")):
            self._files = [database, database + "-wal", database + "-shm"]
        self._lock = threading.Lock()
        self._last = ""
        self._at = -1e9

    def current(self) -> str:
        if self._files:
            return self._stat_mark()
        now = time.monotonic()
        if now - self._at < self.every:
            return self._last
        with self._lock:
            if time.monotonic() - self._at >= self.every:
                self._last = self._query_mark()
                self._at = time.monotonic()
            return self._last

    def _stat_mark(self) -> str:
        parts = []
        for path in self._files[:2]:
            try:
                info = os.stat(path)
            except OSError:
                parts.append("-")
                continue
            parts.append(f"{info.st_size:x}.{info.st_mtime_ns:x}")
        try:
            fd = os.open(self._files[2], os.O_RDONLY)
        except OSError:
            parts.append("-")
        else:
            try:
                parts.append(os.pread(fd, 48, 0).hex())  # the WAL index header
            finally:
                os.close(fd)
        return "/".join(parts)

    def _query_mark(self) -> str:
        with self.store._guard(), self.store.engine.connect() as conn:
            if self.store.engine.dialect.name == "postgresql":
                return "x" + str(conn.execute(text(
                    "SELECT pg_snapshot_xmax(pg_current_snapshot())")).scalar())
            return "t" + "|".join(str(v) for v in conn.execute(text(_TABLES)).one())
