"""The store: articles and stories in SQLite (default) or PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, or_, select, update
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError, StatementError

from thoisu.model import Article, Origin, Story
from thoisu.store import convert
from thoisu.store.engine import make_engine, resolve_url, shown
from thoisu.store.errors import AmbiguousIdError, StoreError, database_error
from thoisu.store.migrate import SchemaTooNew, upgrade
from thoisu.store.schema import (
    articles,
    stories,
    story_articles,
    story_duplicates,
    story_names,
)

# Articles are written this many at a time: one transaction per chunk, one savepoint per article.
# The chunk is gathered before the transaction starts, so no lock is held while upstream stages
# are still analysing the next article.
CHUNK = 100
PAGE = 500  # rows per query when iterating over all articles
MAX_ROWS = 2**63 - 1  # the largest LIMIT or OFFSET SQLite and PostgreSQL accept


@dataclass
class AddFailure:
    """An article that could not be stored, and why; nothing of it was written."""

    id: str
    origin: Origin
    reason: str


@dataclass
class AddResult:
    added: list[str] = field(default_factory=list)
    already_present: list[str] = field(default_factory=list)
    failed: list[AddFailure] = field(default_factory=list)


class Store:
    """Articles keyed by content id, and the stories they were grouped into.

    >>> from thoisu.model import Article, Origin
    >>> bai_bao = Article("3f2a9c0d1e4b5a67", Origin("tin.txt"), title="Giá xăng giảm")
    >>> with Store.open("sqlite://") as store:
    ...     store.add_articles([bai_bao]).added
    ['3f2a9c0d1e4b5a67']
    """

    def __init__(self, engine: Engine, name: str) -> None:
        self.engine = engine
        self.url = name  # password hidden; safe to print

    @classmethod
    def open(cls, url: str | None = None, *, busy_timeout: float = 10.0) -> Store:
        """Open (creating and migrating as needed) the store at ``url``.

        ``None`` or ``""`` means the SQLite file in the user's data directory. ``busy_timeout``
        is how many seconds to wait for a lock held by another process before giving up.
        """
        parsed = resolve_url(url)
        name = shown(parsed)
        engine = make_engine(parsed, busy_timeout)
        store = cls(engine, name)
        try:
            with store._guard():
                upgrade(engine)
        except SchemaTooNew as exc:
            engine.dispose()
            raise StoreError(f"store at {name}: its schema (revision {exc}) is newer than this "
                             "thoisu knows; upgrade thoisu") from exc
        except BaseException:
            engine.dispose()
            raise
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn driver errors (locked, gone, unreachable) into a :class:`StoreError`."""
        try:
            yield
        except DBAPIError as exc:
            raise database_error(self.url, exc) from exc
        except ImportError as exc:  # a driver imported lazily on first connect
            from thoisu.store.errors import driver_missing

            raise driver_missing(self.url, self.engine.url.drivername, exc) from exc

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A write transaction that holds the write lock from its start.

        On SQLite a transaction that reads and then writes fails at once, without waiting,
        when another process wrote in between; taking the lock first makes it wait instead.
        """
        with self.engine.connect() as conn:
            conn.execution_options(thoisu_write_lock=True)
            with conn.begin():
                yield conn

    # -- articles ---------------------------------------------------------------------------

    def add_articles(self, items: Iterable[Article],
                     on_failure: Callable[[AddFailure], None] | None = None) -> AddResult:
        """Add the articles not yet stored; an article already there (same id) is left as is.

        Each article is written whole or not at all: one that cannot be stored is recorded in
        ``failed`` (and passed to ``on_failure``) and the others go on. Errors of the database
        itself (locked, unreachable) raise :class:`StoreError`; articles of earlier chunks stay.
        """
        result = AddResult()
        seen: set[str] = set()
        iterator = iter(items)
        while True:
            chunk: list[Article] = []
            try:
                for article in iterator:
                    chunk.append(article)
                    if len(chunk) >= CHUNK:
                        break
            except BaseException:
                # The source failed or was interrupted (Ctrl-C): keep what it already made.
                if chunk:
                    self._add_chunk(chunk, seen, result, on_failure)
                raise
            if not chunk:
                return result
            self._add_chunk(chunk, seen, result, on_failure)

    def _add_chunk(self, chunk: list[Article], seen: set[str], result: AddResult,
                   on_failure: Callable[[AddFailure], None] | None) -> None:
        ids = [a.id for a in chunk if isinstance(a.id, str) and a.id]
        with self._guard(), self._write() as conn:
            present = set(conn.scalars(select(articles.c.id).where(articles.c.id.in_(ids))))
            for article in chunk:
                if article.id in present or article.id in seen:
                    result.already_present.append(article.id)
                    continue
                reason = self._insert_one(conn, article)
                if reason is None:
                    seen.add(article.id)
                    result.added.append(article.id)
                else:
                    failure = AddFailure(str(article.id), article.origin, reason)
                    result.failed.append(failure)
                    if on_failure is not None:
                        on_failure(failure)

    @staticmethod
    def _insert_one(conn: Connection, article: Article) -> str | None:
        """Insert one article under a savepoint; the reason it failed, or None."""
        try:
            row = convert.article_row(article)
        except (ValueError, TypeError, AttributeError) as exc:
            return f"cannot be stored: {exc}"
        try:
            with conn.begin_nested():
                conn.execute(insert(articles), row)
        except OperationalError:
            raise  # the database itself is in trouble: stop, _guard explains
        except (StatementError, SQLAlchemyError) as exc:
            cause = getattr(exc, "orig", None) or exc
            return f"cannot be stored: {str(cause).strip().splitlines()[0]}"
        return None

    def get_article(self, id: str) -> Article | None:
        """The article with this id, or with the one id starting with ``id``; None if none.

        Raises :class:`AmbiguousIdError` when a prefix matches several articles.
        """
        if not id:
            return None
        with self._guard(), self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.id == id)).mappings().first()
            if row is not None:
                return convert.row_article(row)
            rows = conn.execute(
                select(articles).where(articles.c.id.startswith(id, autoescape=True))
                .order_by(articles.c.id).limit(6)
            ).mappings().all()
        if len(rows) > 1:
            listed = ", ".join(r["id"] for r in rows[:5])
            more = ", ..." if len(rows) > 5 else ""
            raise AmbiguousIdError(f"article id {id!r} is ambiguous: it starts {listed}{more}; "
                                   "give more characters")
        return convert.row_article(rows[0]) if rows else None

    def get_articles(self, ids: Iterable[str]) -> list[Article]:
        """The articles with these exact ids, in the order given; ids not stored are left out.

        One query per 500 ids, for loading a story's members.
        """
        wanted = list(dict.fromkeys(ids))
        found: dict[str, Article] = {}
        with self._guard(), self.engine.connect() as conn:
            for chunk in _chunks(wanted):
                rows = conn.execute(select(articles).where(articles.c.id.in_(chunk))).mappings()
                found.update((row["id"], convert.row_article(row)) for row in rows)
        return [found[i] for i in wanted if i in found]

    def list_articles(self, limit: int | None = None, offset: int = 0) -> list[Article]:
        """Articles in the order they were added; an offset past the end gives none (any size:
        databases take 64-bit offsets only, so larger ones are capped, which changes nothing).
        """
        query = select(articles).order_by(articles.c.seq).offset(min(max(offset, 0), MAX_ROWS))
        if limit is not None:
            query = query.limit(min(max(limit, 0), MAX_ROWS))
        with self._guard(), self.engine.connect() as conn:
            return [convert.row_article(r) for r in conn.execute(query).mappings()]

    def count_articles(self) -> int:
        with self._guard(), self.engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(articles)) or 0)

    def iter_articles(self) -> Iterator[Article]:
        """Every article, in the order added, a page of rows at a time (memory stays flat)."""
        last = 0
        while True:
            query = (select(articles).where(articles.c.seq > last)
                     .order_by(articles.c.seq).limit(PAGE))
            with self._guard(), self.engine.connect() as conn:
                rows = conn.execute(query).mappings().all()
            if not rows:
                return
            for row in rows:
                yield convert.row_article(row)
            last = rows[-1]["seq"]

    def save_analysis(self, items: Iterable[Article]) -> int:
        """Store again what analysis derived for these (already stored) articles: date and
        evidence, language, time expressions, names, mentions, analysis version. How many
        were stored."""
        done = 0
        batch = list(items)
        for start in range(0, len(batch), CHUNK):
            with self._guard(), self._write() as conn:
                for article in batch[start:start + CHUNK]:
                    row = convert.article_row(article)
                    values = {name: row[name] for name in convert.REANALYSED_COLUMNS}
                    done += conn.execute(update(articles).where(articles.c.id == article.id)
                                         .values(**values)).rowcount
        return done

    def stale_article_ids(self, version: str) -> list[str]:
        """Articles not analysed, or analysed by another version, in the order added."""
        query = (select(articles.c.id)
                 .where(or_(articles.c.analysis_version.is_(None),
                            articles.c.analysis_version != version))
                 .order_by(articles.c.seq))
        with self._guard(), self.engine.connect() as conn:
            return list(conn.scalars(query))

    def ids_without_story(self) -> list[str]:
        """Ids of the stored articles in no story (neither a member nor a recorded copy),
        in the order they were added.

        An ingest that was interrupted after storing its articles but before grouping them
        leaves such articles; the next ingest picks them up (:mod:`thoisu.ingest`).
        """
        member = select(story_articles.c.article_id)
        copy = select(story_duplicates.c.copy)
        query = (select(articles.c.id)
                 .where(articles.c.id.not_in(member), articles.c.id.not_in(copy))
                 .order_by(articles.c.seq))
        with self._guard(), self.engine.connect() as conn:
            return list(conn.scalars(query))

    # -- stories ----------------------------------------------------------------------------

    def save_stories(self, items: Iterable[Story], *, replace_all: bool = False) -> None:
        """Save these stories, replacing their title, members, joins and duplicate links.

        All or nothing. An article is in one story at most: one listed here leaves any other
        story it was in, and a story left with no article that way is removed (as when the
        clusterer merges two stories). Other stories are left alone, unless ``replace_all``:
        then every other story is removed in the same transaction (a regrouping from scratch).
        """
        batch = list(items)
        owner: dict[str, str] = {}
        member_rows: list[dict[str, Any]] = []
        duplicate_rows: list[dict[str, Any]] = []
        for story in batch:
            rows = convert.story_member_rows(story)
            for row in rows:
                other = owner.setdefault(row["article_id"], story.id)
                if other != story.id:
                    raise ValueError(f"article {row['article_id']} is in two stories being "
                                     f"saved: {other} and {story.id}")
            member_rows.extend(rows)
            duplicate_rows.extend(convert.story_duplicate_rows(story))
        story_ids = list(dict.fromkeys(s.id for s in batch))
        if len(story_ids) != len(batch):
            raise ValueError("the same story id is given twice")
        now = datetime.now(UTC)
        with self._guard(), self._write() as conn:
            if replace_all:
                _delete_stories(conn, list(conn.scalars(select(stories.c.id))))
            _delete_stories(conn, story_ids)
            left: set[str] = set()  # other stories that articles move out of
            for chunk in _chunks(list(owner)):
                left.update(conn.scalars(select(story_articles.c.story_id).distinct()
                                         .where(story_articles.c.article_id.in_(chunk))))
                conn.execute(delete(story_articles)
                             .where(story_articles.c.article_id.in_(chunk)))
            self._drop_if_empty(conn, sorted(left - set(story_ids)))
            if batch:
                facts = _member_facts(conn, [i for s in batch for i in s.articles])
                conn.execute(insert(stories), [
                    {"id": s.id, "title": s.title, "updated_at": now,
                     **convert.facts_columns(s, facts), **convert.derived_columns(s)}
                    for s in batch])
                names = [row for s in batch for row in convert.name_rows(s)]
                if names:
                    conn.execute(insert(story_names), names)
            if member_rows:
                conn.execute(insert(story_articles), member_rows)
            if duplicate_rows:
                conn.execute(insert(story_duplicates), duplicate_rows)
            _mark_copies(conn, batch)

    def save_derived(self, items: Iterable[Story]) -> None:
        """Store the summary, timeline and names of described stories (``analysis_version``
        set), leaving their members alone; a story no longer stored is skipped."""
        batch = [s for s in items if s.analysis_version is not None]
        with self._guard(), self._write() as conn:
            # The listing facts too: a store upgraded from 0001 has none until its stories are
            # described, and settling dates may have changed a member's publication date.
            facts = _member_facts(conn, [i for s in batch for i in s.articles]) if batch else {}
            for story in batch:
                done = conn.execute(update(stories).where(stories.c.id == story.id)
                                    .values(**convert.facts_columns(story, facts),
                                            **convert.derived_columns(story)))
                if not done.rowcount:
                    continue
                conn.execute(delete(story_names).where(story_names.c.story_id == story.id))
                names = convert.name_rows(story)
                if names:
                    conn.execute(insert(story_names), names)

    def stale_story_ids(self, version: str) -> list[str]:
        """Stories whose stored summary, timeline and names are missing or were made by
        another analysis version (saving new members clears them), in id order."""
        query = (select(stories.c.id)
                 .where(or_(stories.c.analysis_version.is_(None),
                            stories.c.analysis_version != version,
                            stories.c.members_hash.is_(None)))
                 .order_by(stories.c.id))
        with self._guard(), self.engine.connect() as conn:
            return list(conn.scalars(query))

    def count_stories(self) -> int:
        with self._guard(), self.engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(stories)) or 0)

    @staticmethod
    def _drop_if_empty(conn: Connection, ids: list[str]) -> None:
        """Remove stories that no longer have any article (all moved, e.g. by a merge)."""
        for chunk in _chunks(ids):
            kept = set(conn.scalars(select(story_articles.c.story_id).distinct()
                                    .where(story_articles.c.story_id.in_(chunk))))
            _delete_stories(conn, [i for i in chunk if i not in kept])

    def delete_stories(self, ids: Iterable[str]) -> int:
        """Remove these stories (their articles stay); how many there were."""
        with self._guard(), self._write() as conn:
            return _delete_stories(conn, list(dict.fromkeys(ids)))

    def list_stories(self) -> list[Story]:
        """Every story, in id order, with members in their saved order."""
        return self._load_stories(None)

    def get_story(self, id: str) -> Story | None:
        found = self._load_stories(id)
        return found[0] if found else None

    def stories_of(self, article_ids: Iterable[str]) -> set[str]:
        """The ids of the stories holding any of these articles (as members or copies)."""
        wanted = list(dict.fromkeys(article_ids))
        found: set[str] = set()
        with self._guard(), self.engine.connect() as conn:
            for chunk in _chunks(wanted):
                found.update(conn.scalars(select(story_articles.c.story_id).distinct()
                                          .where(story_articles.c.article_id.in_(chunk))))
                found.update(conn.scalars(select(story_duplicates.c.story_id).distinct()
                                          .where(story_duplicates.c.copy.in_(chunk))))
        return found

    def story_of(self, article_id: str) -> str | None:
        """The id of the story this article is in, or None."""
        query = select(story_articles.c.story_id).where(story_articles.c.article_id == article_id)
        with self._guard(), self.engine.connect() as conn:
            return conn.scalar(query)

    def get_stories(self, ids: Iterable[str]) -> list[Story]:
        """The stories with these ids, in the order given; ids not stored are left out."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, Story] = {}
        for chunk in _chunks(wanted):
            found.update((s.id, s) for s in self._load_stories(chunk))
        return [found[i] for i in wanted if i in found]

    def _load_stories(self, story_id: str | list[str] | None) -> list[Story]:
        s_query = select(stories).order_by(stories.c.id)
        m_query = select(story_articles).order_by(story_articles.c.story_id,
                                                  story_articles.c.position)
        d_query = select(story_duplicates).order_by(story_duplicates.c.story_id,
                                                    story_duplicates.c.position)
        if isinstance(story_id, list):
            s_query = s_query.where(stories.c.id.in_(story_id))
            m_query = m_query.where(story_articles.c.story_id.in_(story_id))
            d_query = d_query.where(story_duplicates.c.story_id.in_(story_id))
        elif story_id is not None:
            s_query = s_query.where(stories.c.id == story_id)
            m_query = m_query.where(story_articles.c.story_id == story_id)
            d_query = d_query.where(story_duplicates.c.story_id == story_id)
        with self._guard(), self.engine.connect() as conn:
            rows = conn.execute(s_query).mappings().all()
            members = _group(conn.execute(m_query).mappings())
            duplicates = _group(conn.execute(d_query).mappings())
        return [convert.row_story(r, members.get(r["id"], []), duplicates.get(r["id"], []))
                for r in rows]


def _member_facts(conn: Connection, ids: list[str]) -> dict[str, Any]:
    """The article rows (source, url, published, added_at) that a story's listing facts need."""
    found: dict[str, Any] = {}
    cols = (articles.c.id, articles.c.source, articles.c.url, articles.c.published,
            articles.c.added_at)
    for chunk in _chunks(list(dict.fromkeys(ids))):
        for row in conn.execute(select(*cols).where(articles.c.id.in_(chunk))).mappings():
            found[row["id"]] = row
    return found


def _delete_stories(conn: Connection, ids: list[str]) -> int:
    """Remove these stories with their member and duplicate rows; how many stories there were."""
    gone = 0
    for chunk in _chunks(ids):
        conn.execute(delete(story_articles).where(story_articles.c.story_id.in_(chunk)))
        conn.execute(delete(story_duplicates).where(story_duplicates.c.story_id.in_(chunk)))
        conn.execute(delete(story_names).where(story_names.c.story_id.in_(chunk)))
        gone += conn.execute(delete(stories).where(stories.c.id.in_(chunk))).rowcount
    return gone


def _group(rows: Iterable[Any]) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = {}
    for row in rows:
        grouped.setdefault(row["story_id"], []).append(row)
    return grouped


def _mark_copies(conn: Connection, batch: list[Story]) -> None:
    """Each article's ``duplicate_of`` as its story's links say (issue #20): a copy names its
    canonical; a canonical (a copy until its original arrived, perhaps) names none."""
    copy_of = {d.copy: d.canonical for s in batch for d in s.duplicates}
    for copy, canonical in copy_of.items():
        conn.execute(update(articles).where(articles.c.id == copy)
                     .values(duplicate_of=canonical))
    for chunk in _chunks([i for s in batch for i in s.articles if i not in copy_of]):
        conn.execute(update(articles).where(articles.c.id.in_(chunk),
                                            articles.c.duplicate_of.is_not(None))
                     .values(duplicate_of=None))


def _chunks(values: list[str], size: int = 500) -> Iterator[list[str]]:
    # Stay under SQLite's limit on bound parameters per statement.
    for start in range(0, len(values), size):
        yield values[start:start + size]
