"""What the web pages list, read from stored counts, dates and names: a few indexed queries.

Stories are listed from their own row (``article_count``, ``first_published``,
``last_published``, ``latest``, ``outlets``, ``summary``: kept by the ingest), never by
loading their articles. Filters: a date range (stories with news in it), an outlet (stories
with an article from it), a name (stories naming it, from ``story_names``).

>>> day_or_none("2024-03-05"), day_or_none("5/3/2024"), day_or_none("hôm qua")
('2024-03-05', '2024-03-05', None)
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, TextClause, text

from thoisu.model import PartialDate
from thoisu.store.store import Store

MAX_PAGE = 100


def day_or_none(value: str | None) -> str | None:
    """``2024-03-05`` for a date written ``2024-03-05`` or ``5/3/2024``; None if not a date."""
    if not value:
        return None
    value = value.strip()
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value):
        y, mo, d = (int(g) for g in m.groups())
    elif m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value):
        d, mo, y = (int(g) for g in m.groups())
    else:
        return None
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


def partial(value: str | None) -> PartialDate | None:
    """A stored TimeML date (``2024-03-05``, ``2024-03``, ``XXXX-03-05``) as a PartialDate."""
    if not value:
        return None
    try:
        return PartialDate.parse(value)
    except (ValueError, AttributeError):
        return None


def as_list(value: Any) -> list[Any]:
    """A JSON column's list, whether the driver decoded it (PostgreSQL) or not (SQLite)."""
    if value is None:
        return []
    if isinstance(value, (str, bytes)):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return list(value) if isinstance(value, list) else []


def _outlet_names(value: Any) -> list[str]:
    names = []
    for item in as_list(value):
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and item.get("name"):
            names.append(str(item["name"]))
    return names


@dataclass
class Card:
    """A story as the home page shows it."""

    id: str
    title: str
    lead: str  # the summary's first sentence
    outlets: list[str]
    count: int
    first: PartialDate | None
    last: PartialDate | None
    latest: str | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "lead": self.lead,
                "outlets": self.outlets, "article_count": self.count,
                "first_published": self.first.iso() if self.first else None,
                "last_published": self.last.iso() if self.last else None,
                "latest": self.latest}


@dataclass
class CardPage:
    cards: list[Card]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page)) if self.per_page else 1


@dataclass
class Filters:
    since: str | None = None  # ISO day
    until: str | None = None
    outlet: str | None = None
    name: str | None = None

    def active(self) -> bool:
        return any((self.since, self.until, self.outlet, self.name))


CARD_COLUMNS = ("s.id, s.title, s.summary, s.outlets, s.article_count, s.first_published, "
                "s.last_published, s.latest")


def _card(row: Any) -> Card:
    summary = as_list(row["summary"])
    lead = ""
    if summary and isinstance(summary[0], dict):
        lead = str(summary[0].get("text", ""))
    return Card(row["id"], row["title"] or "", lead, _outlet_names(row["outlets"]),
                int(row["article_count"] or 0), partial(row["first_published"]),
                partial(row["last_published"]), row["latest"])


def _where(filters: Filters) -> tuple[str, dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if filters.since:
        # Stories with news on or after the day: their last date, else their latest stamp.
        clauses.append("COALESCE(s.last_published, substr(s.latest, 1, 10)) >= :since")
        params["since"] = filters.since
    if filters.until:
        clauses.append("COALESCE(s.first_published, substr(s.latest, 1, 10)) <= :until")
        params["until"] = filters.until + "~"  # "2024-03" <= "2024-03-31~" as well
    if filters.outlet:
        # The stored outlets list (JSON text on both engines) holds the name in quotes: one
        # pass over the stories' rows, not a join through every story's articles.
        clauses.append("CAST(s.outlets AS TEXT) LIKE :outlet ESCAPE '\\'")
        quoted = json.dumps(filters.outlet, ensure_ascii=False)
        params["outlet"] = "%" + re.sub(r"([\\%_])", r"\\\1", quoted) + "%"
    if filters.name:
        clauses.append("EXISTS (SELECT 1 FROM story_names n WHERE n.story_id = s.id AND "
                       "n.name = :name)")
        params["name"] = filters.name
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


# Stories with a full publication date first, by it; undated ones after them all. ``latest``
# is that date (10 characters) or, for an undated story, the time it was added, which would
# put it above today's news.
LATEST_NEWS_FIRST = ("CASE WHEN length(s.latest) = 10 THEN 0 ELSE 1 END, s.latest DESC, "
                     "s.article_count DESC, s.id")


def story_cards(store: Store, page: int = 1, per_page: int = 20,
                filters: Filters | None = None) -> CardPage:
    """A page of stories, the latest news first (then the larger story, then by id); stories
    with no full publication date come last."""
    filters = filters or Filters()
    per_page = max(1, min(per_page, MAX_PAGE))
    page = max(1, page)
    where, params = _where(filters)
    with store._guard(), store.engine.connect() as conn:
        total = int(conn.execute(text(f"SELECT count(*) FROM stories s{where}"),
                                 params).scalar() or 0)
        # The page's ids are chosen first, sorting narrow rows; only those twenty stories'
        # cards (summaries and all) are read: sorting whole rows cost six times as much.
        rows = conn.execute(text(
            f"SELECT {CARD_COLUMNS} FROM stories s WHERE s.id IN (SELECT s.id FROM stories "
            f"s{where} ORDER BY {LATEST_NEWS_FIRST} LIMIT :limit OFFSET :offset) "
            f"ORDER BY {LATEST_NEWS_FIRST}"),
            {**params, "limit": per_page, "offset": (page - 1) * per_page}).mappings().all()
    return CardPage([_card(r) for r in rows], total, page, per_page)


def outlets(store: Store) -> list[tuple[str, int]]:
    """Every outlet with its number of articles, the largest first."""
    with store._guard(), store.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT source, count(*) AS n FROM articles WHERE source IS NOT NULL AND "
            "source <> '' GROUP BY source ORDER BY n DESC, source")).all()
    return [(r[0], int(r[1])) for r in rows]


def story_card(store: Store, story_id: str) -> Card | None:
    with store._guard(), store.engine.connect() as conn:
        row = conn.execute(text(f"SELECT {CARD_COLUMNS} FROM stories s WHERE s.id = :i"),
                           {"i": story_id}).mappings().first()
    return _card(row) if row is not None else None


@dataclass
class Brief:
    """What a list shows of an article."""

    id: str
    title: str
    source: str | None
    published: PartialDate | None
    url: str | None = None
    added_at: Any = None


def members(store: Store, story_id: str) -> list[Brief]:
    """A story's articles in member order: id, title, outlet, date (not their text)."""
    with store._guard(), store.engine.connect() as conn:
        return _members(conn, story_id)


def _members(conn: Connection, story_id: str) -> list[Brief]:
    rows = conn.execute(text(
        "SELECT a.id, a.title, a.source, a.published, a.url, a.added_at FROM story_articles sa "
        "JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = :s ORDER BY sa.position"),
        {"s": story_id}).all()
    return [Brief(r[0], r[1] or "", r[2], partial(r[3]), r[4], r[5]) for r in rows]


@dataclass
class Sibling:
    story_id: str
    story_title: str
    articles: list[Brief] = field(default_factory=list)


def story_with_members(store: Store, article_id: str) -> Sibling | None:
    """The story an article is in, with the story's title and articles; None if in none."""
    with store._guard(), store.engine.connect() as conn:
        row = conn.execute(text(
            "SELECT s.id, s.title FROM story_articles sa JOIN stories s ON s.id = sa.story_id "
            "WHERE sa.article_id = :a"), {"a": article_id}).first()
        if row is None:
            return None
        return Sibling(row[0], row[1] or "", _members(conn, row[0]))


@dataclass
class Related:
    id: str
    title: str
    shared: list[str]
    count: int
    latest: str | None


def related_stories(store: Store, story_id: str, limit: int = 5,
                    max_spread: int = 200) -> list[Related]:
    """Other stories sharing this one's names, the rarer shared names weighing more.

    Names found in more than ``max_spread`` stories (a country, a capital) say little and are
    left out; each shared name counts ``1 / log(2 + stories naming it)`` (counted per stored
    name and type: a name kept under two types in a story counts twice; it is listed once).
    The scores are
    summed by the database (a shared name of a common topic can be in a hundred stories: only
    the best ``limit`` come back, with their shared names).
    """
    with store._guard(), store.engine.connect() as conn:
        names = conn.execute(text(
            "SELECT name, count(*) FROM story_names WHERE name IN "
            "(SELECT name FROM story_names WHERE story_id = :s) GROUP BY name"),
            {"s": story_id}).all()
        spread = {r[0]: int(r[1]) for r in names if int(r[1]) <= max_spread}
        keys = sorted(spread)[:200]
        if not keys:
            return []
        params: dict[str, Any] = {"s": story_id, "limit": limit}
        for i, key in enumerate(keys):
            params[f"n{i}"], params[f"w{i}"] = key, 1 / math.log(2 + spread[key])
        best = conn.execute(_related_sql(len(keys)), params).all()
        if not best:
            return []
        ids = [r[0] for r in best]
        chosen = {f"i{i}": k for i, k in enumerate(ids)}
        shared: dict[str, list[str]] = {}
        info = {}
        for row in conn.execute(_best_sql(len(keys), len(ids)), {**params, **chosen}).all():
            info[row[0]] = row
            if row[4] is not None:
                shared.setdefault(row[0], []).append(row[4])
    return [Related(k, info[k][1] or "",
                    sorted(set(shared.get(k, [])), key=lambda n: (spread[n], n))[:5],
                    int(info[k][2] or 0), info[k][3]) for k in ids if k in info]


# The statements of related_stories, by how many names and stories they hold: the same few
# shapes come back page after page, so each is made (and compiled by SQLAlchemy) once.
def _within(names: int) -> str:
    return f"name IN ({', '.join(f':n{i}' for i in range(names))})"


@lru_cache(maxsize=512)
def _related_sql(names: int) -> TextClause:
    weights = " ".join(f"WHEN :n{i} THEN :w{i}" for i in range(names))
    return text(f"SELECT story_id, sum(CASE name {weights} END) AS score FROM story_names "
                f"WHERE {_within(names)} AND story_id <> :s GROUP BY story_id "
                "ORDER BY score DESC, story_id LIMIT :limit")


@lru_cache(maxsize=2048)
def _best_sql(names: int, stories: int) -> TextClause:
    """The chosen stories, a row per name they share (or one row with none)."""
    among = ", ".join(f":i{i}" for i in range(stories))
    return text("SELECT s.id, s.title, s.article_count, s.latest, n.name FROM stories s "
                f"LEFT JOIN story_names n ON n.story_id = s.id AND n.{_within(names)} "
                f"WHERE s.id IN ({among})")


@dataclass
class NameStory:
    id: str
    title: str
    count: int  # mentions of the name in the story
    articles: int
    first: PartialDate | None
    last: PartialDate | None
    latest: str | None


@dataclass
class NameView:
    name: str
    type: str | None
    variants: list[str]
    stories: list[NameStory]
    total: int
    page: int = 1
    per_page: int = 50

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def name_view(store: Store, name: str, page: int = 1, per_page: int = 50) -> NameView | None:
    """A name's stories over time (oldest first) and the variants it was written as."""
    per_page = max(1, min(per_page, MAX_PAGE))
    page = max(1, page)
    with store._guard(), store.engine.connect() as conn:
        total = int(conn.execute(text("SELECT count(*) FROM story_names WHERE name = :n"),
                                 {"n": name}).scalar() or 0)
        if not total:
            return None
        kind = conn.execute(text(
            "SELECT type FROM story_names WHERE name = :n GROUP BY type ORDER BY "
            "count(*) DESC, type LIMIT 1"), {"n": name}).scalar()
        rows = conn.execute(text(
            "SELECT s.id, s.title, n.count, s.article_count, s.first_published, "
            "s.last_published, s.latest, s.entities FROM story_names n JOIN stories s ON "
            "s.id = n.story_id WHERE n.name = :n ORDER BY COALESCE(s.first_published, "
            "substr(s.latest, 1, 10)), s.id LIMIT :limit OFFSET :offset"),
            {"n": name, "limit": per_page, "offset": (page - 1) * per_page}).all()
    variants: dict[str, int] = {}
    stories = []
    for r in rows:
        stories.append(NameStory(r[0], r[1] or "", int(r[2] or 0), int(r[3] or 0),
                                 partial(r[4]), partial(r[5]), r[6]))
        for entity in as_list(r[7]):
            if isinstance(entity, dict) and entity.get("name") == name:
                for variant in entity.get("variants") or []:
                    variants[str(variant)] = variants.get(str(variant), 0) + 1
    shown = sorted((v for v in variants if v != name), key=lambda v: (-variants[v], v))
    return NameView(name, kind, shown, stories, total, page, per_page)


def top_names(store: Store, limit: int = 30) -> list[tuple[str, str | None, int]]:
    """The names in the most stories: (name, type, stories)."""
    with store._guard(), store.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT name, min(type), count(*) AS n FROM story_names GROUP BY name "
            "ORDER BY n DESC, name LIMIT :l"), {"l": limit}).all()
    return [(r[0], r[1], int(r[2])) for r in rows]

