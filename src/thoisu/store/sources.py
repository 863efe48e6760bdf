"""Followed sources in the store: the sources with their polling state, and fetched URLs.

The tables are defined with the rest of the schema (``schema.py``) and migration
``0004_sources`` creates them. :class:`SourceBook` reads and writes them
through an open :class:`~thoisu.store.Store`.

>>> from thoisu.store import Store
>>> with Store.open("sqlite:///tin.db") as store:  # doctest: +SKIP
...     book = SourceBook(store)
...     book.add("https://bao.example.vn/rss/thoi-su.rss", "Thời sự", "feed", 900).id
1
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    bindparam,
    delete,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from thoisu.model import FAILED, FetchRecord, Source
from thoisu.sources.dates import aware
from thoisu.store.schema import fetched_urls, sources

_STATE = ("last_poll", "last_success", "last_outcome", "articles_found", "last_found",
          "failures", "backoff_until", "last_error", "last_error_at", "etag", "last_modified",
          "children")
_TIMES = ("added_at", "last_poll", "last_success", "backoff_until", "last_error_at")


def _source(row: Any) -> Source:
    values = dict(row)
    for name in _TIMES:
        values[name] = aware(values[name])
    return Source(id=values["id"], url=values["url"], name=values["name"], kind=values["kind"],
                  every=values["every_seconds"], added_at=values["added_at"],
                  **{k: values[k] for k in _STATE if k != "children"},
                  children=dict(values["children"] or {}))


class SourceBook:
    """The sources and fetched URLs of one store."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.engine = store.engine

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.store._guard(), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.store._guard(), self.store._write() as conn:
            yield conn

    # -- sources ----------------------------------------------------------------------------

    def add(self, url: str, name: str, kind: str, every: int, at: datetime | None = None
            ) -> Source:
        """A new source; ValueError when the URL is followed already."""
        from thoisu.sources.dates import now

        row = {"url": url, "name": name, "kind": kind, "every_seconds": every,
               "added_at": at or now(), "articles_found": 0, "last_found": 0, "failures": 0,
               "children": {}}
        duplicate = False
        with self.store._guard():
            try:
                with self.store._write() as conn:
                    conn.execute(insert(sources), row)
            except IntegrityError:  # before the guard words it as a database failure
                duplicate = True
        if duplicate:
            found = self.get(url)
            raise ValueError(f"{url} is followed already (source {found.id if found else '?'})"
                             "; remove it first to add it again")
        added = self.get(url)
        assert added is not None
        return added

    def all(self) -> list[Source]:
        with self._read() as conn:
            rows = conn.execute(select(sources).order_by(sources.c.id)).mappings().all()
        return [_source(r) for r in rows]

    def get(self, key: str | int) -> Source | None:
        """The source with this id (a number) or URL."""
        text = str(key).strip()
        where = sources.c.id == int(text) if text.isdigit() else sources.c.url == text
        with self._read() as conn:
            row = conn.execute(select(sources).where(where)).mappings().first()
        return _source(row) if row is not None else None

    def remove(self, key: str | int) -> Source | None:
        """Stop following a source; its fetched URLs stay known. The source, or None."""
        found = self.get(key)
        if found is None:
            return None
        with self._write() as conn:
            conn.execute(update(fetched_urls).where(fetched_urls.c.source_id == found.id)
                         .values(source_id=None))
            conn.execute(delete(sources).where(sources.c.id == found.id))
        return found

    def save_state(self, *changed: Source) -> None:
        """Write the polling state of these sources (not URL, name, kind or schedule), in one
        transaction."""
        if not changed:
            return
        statement = (update(sources).where(sources.c.id == bindparam("_id"))
                     .values({name: bindparam(name) for name in _STATE}))
        rows = [{"_id": s.id, **{name: getattr(s, name) for name in _STATE}} for s in changed]
        with self._write() as conn:
            conn.execute(statement, rows)  # one executemany

    # -- fetched URLs -----------------------------------------------------------------------

    def skip_set(self, urls: Iterable[str], at: datetime, max_attempts: int) -> set[str]:
        """Of ``urls``, those not to fetch now: known by URL or canonical URL, unless a
        failed one that may be tried again (fewer than ``max_attempts`` tries, pause over)."""
        wanted = list(dict.fromkeys(urls))
        skip: set[str] = set()
        with self._read() as conn:
            for chunk in _chunks(wanted):
                query = select(fetched_urls.c.url, fetched_urls.c.canonical,
                               fetched_urls.c.status, fetched_urls.c.attempts,
                               fetched_urls.c.retry_at).where(
                    or_(fetched_urls.c.url.in_(chunk), fetched_urls.c.canonical.in_(chunk)))
                for url, canonical, status, attempts, retry_at in conn.execute(query):
                    if status == FAILED and attempts < max_attempts and _over(retry_at, at):
                        continue
                    skip.update({url, canonical})
        return skip & set(wanted)

    def canonical_known(self, canonicals: Iterable[str]) -> set[str]:
        """Of these canonical URLs, those of an article already fetched and ingested."""
        wanted = list(dict.fromkeys(canonicals))
        found: set[str] = set()
        with self._read() as conn:
            for chunk in _chunks(wanted):
                query = select(fetched_urls.c.canonical, fetched_urls.c.url).where(
                    or_(fetched_urls.c.canonical.in_(chunk), fetched_urls.c.url.in_(chunk)),
                    fetched_urls.c.status != FAILED)
                for canonical, url in conn.execute(query):
                    found.update({canonical, url})
        return found & set(wanted)

    def record(self, records: Iterable[FetchRecord]) -> None:
        """Write what became of fetched URLs; a failed URL's tries are counted up."""
        batch = {r.url: r for r in records}
        if not batch:
            return
        with self._write() as conn:
            before: dict[str, int] = {}
            for chunk in _chunks(list(batch)):
                query = select(fetched_urls.c.url, fetched_urls.c.attempts).where(
                    fetched_urls.c.url.in_(chunk), fetched_urls.c.status == FAILED)
                before.update(dict(conn.execute(query).tuples().all()))
                conn.execute(delete(fetched_urls).where(fetched_urls.c.url.in_(chunk)))
            conn.execute(insert(fetched_urls), [
                {"url": r.url, "canonical": r.canonical, "source_id": r.source_id,
                 "status": r.status, "article_id": r.article_id, "fetched_at": r.fetched_at,
                 "attempts": before.get(r.url, 0) + 1 if r.status == FAILED else r.attempts,
                 "error": r.error, "retry_at": r.retry_at, "published": r.published}
                for r in batch.values()])

    def fetched(self, source_id: int | None = None) -> list[FetchRecord]:
        """Fetched URLs (of one source), oldest first."""
        query = select(fetched_urls).order_by(fetched_urls.c.fetched_at, fetched_urls.c.url)
        if source_id is not None:
            query = query.where(fetched_urls.c.source_id == source_id)
        with self._read() as conn:
            rows = conn.execute(query).mappings().all()
        return [FetchRecord(url=r["url"], canonical=r["canonical"], source_id=r["source_id"],
                            status=r["status"], fetched_at=r["fetched_at"].replace(tzinfo=UTC)
                            if r["fetched_at"].tzinfo is None else r["fetched_at"],
                            article_id=r["article_id"], error=r["error"],
                            retry_at=aware(r["retry_at"]), attempts=r["attempts"],
                            published=r["published"])
                for r in rows]

    def retry_due(self, source_ids: Iterable[int], at: datetime, max_attempts: int
                  ) -> dict[int, list[FetchRecord]]:
        """Per source, its failed URLs that may be tried again at ``at`` (one query)."""
        wanted = [i for i in dict.fromkeys(source_ids) if i is not None]
        found: dict[int, list[FetchRecord]] = {i: [] for i in wanted}
        if not wanted:
            return found
        query = select(fetched_urls).where(
            fetched_urls.c.source_id.in_(wanted), fetched_urls.c.status == FAILED,
            fetched_urls.c.attempts < max_attempts).order_by(fetched_urls.c.fetched_at)
        with self._read() as conn:
            rows = conn.execute(query).mappings().all()
        for r in rows:
            if _over(r["retry_at"], at):
                found[r["source_id"]].append(FetchRecord(
                    url=r["url"], canonical=r["canonical"], source_id=r["source_id"],
                    status=FAILED, fetched_at=r["fetched_at"], error=r["error"],
                    retry_at=aware(r["retry_at"]), attempts=r["attempts"],
                    published=r["published"]))
        return found

    def forget(self, urls: Iterable[str]) -> int:
        """Forget fetched URLs (by URL or canonical), so they are fetched again; how many."""
        wanted = list(urls)
        count = 0
        with self._write() as conn:
            for chunk in _chunks(wanted):
                result = conn.execute(delete(fetched_urls).where(
                    or_(fetched_urls.c.url.in_(chunk), fetched_urls.c.canonical.in_(chunk))))
                count += result.rowcount or 0
        return count


def _over(retry_at: datetime | None, at: datetime) -> bool:
    """No pause asked, or the pause is over at ``at``."""
    when = aware(retry_at)
    return when is None or when <= at


def _chunks(values: list[str], size: int = 400) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]
