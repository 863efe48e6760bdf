"""Full-text search over articles (title, lead, body) and stories (title, summary, names).

One interface, two engines: an FTS5 table on SQLite, a ``tsvector`` column with a GIN index
on PostgreSQL. Both index *folded* syllables — lower case, diacritics dropped, ``đ`` as ``d``
— so a query typed without accents finds the accented text, and both match whole syllables
only: ``ha noi`` finds "Hà Nội" and never "Hải", ``dien`` finds "Điện" and "diễn" (the same
syllable without its marks) but never "Điệnbiên" or "diên" inside another word.

Results are ranked by the engine (BM25 on SQLite, ``ts_rank_cd`` on PostgreSQL), then the
best candidates are re-ranked in Python the same way on both: a title that holds the query
with the very diacritics typed, then the query as a phrase, then all its syllables, come
first. Snippets and highlights are made here too, from the original text, escaped.

The index is not part of the migrations: :meth:`SearchIndex.catch_up` builds it on first use
and then adds what any program (``thoisu ingest``, ``watch``, ``batch``, the API) stored
since, by the articles' ``seq`` and the stories' ``updated_at``; a story that left the store
leaves the index.

>>> fold("Điện Kremlin, Hà Nội")
'dien kremlin, ha noi'
>>> syllables("Ông Nguyễn Văn A-Lô đến Hà Nội.")
['ong', 'nguyen', 'van', 'a', 'lo', 'den', 'ha', 'noi']
>>> print(highlight("Mưa lớn ở Hà Nội và Hải Phòng", ["ha", "noi"]))
Mưa lớn ở <mark>Hà</mark> <mark>Nội</mark> và Hải Phòng
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape
from sqlalchemy import Connection, inspect, text

from thoisu.store.store import Store

WORD = re.compile(r"[^\W_]+")
SCAN = 300  # newest matching documents the engine scores, per pass (title, anywhere)
COUNT_CAP = 1000  # matches are counted up to this; beyond, pages say "more than 1000"
MAX_QUERY_SYLLABLES = 12
SNIPPET_WORDS = 36
ARTICLE, STORY = "article", "story"


def _fold_table() -> dict[int, str | None]:
    """Each precomposed Latin letter to its bare lower-case letter (``ễ`` → ``e``, ``Đ`` →
    ``d``), combining marks to nothing: folding is then one C-speed ``str.translate``."""
    table: dict[int, str | None] = {ord("Đ"): "d", ord("đ"): "d"}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        if code in table:
            continue
        bare = "".join(c for c in unicodedata.normalize("NFD", char)
                       if not unicodedata.combining(c)).lower()
        if bare != char and len(bare) == 1:
            table[code] = bare
    for code in range(0x300, 0x370):
        table[code] = None
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Lower case, without diacritics (``đ`` → ``d``); spacing and punctuation kept."""
    return unicodedata.normalize("NFC", text).translate(_FOLD).lower()


# One syllable folded: a text's syllables repeat (a snippet looks at every one of an article's),
# and a news vocabulary is a few tens of thousands of syllables.
_fold_syllable = lru_cache(maxsize=1 << 16)(fold)


def syllables(text: str) -> list[str]:
    """The folded syllables of ``text``, in order."""
    return WORD.findall(fold(text))


def exact_syllables(text: str) -> list[str]:
    """The syllables of ``text`` lower-cased, with their diacritics (NFC)."""
    return WORD.findall(unicodedata.normalize("NFC", text).casefold())


def highlight(text: str, words: Sequence[str]) -> Markup:
    """``text`` escaped, with each whole syllable whose folded form is in ``words`` marked."""
    wanted = set(words)
    out: list[str] = []
    last = 0
    for m in WORD.finditer(text):
        if _fold_syllable(m.group()) in wanted:
            out.append(str(escape(text[last:m.start()])))
            out.append(f"<mark>{escape(m.group())}</mark>")
            last = m.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


def snippet(text: str, words: Sequence[str], size: int = SNIPPET_WORDS) -> Markup:
    """The stretch of ``text`` (about ``size`` syllables) with the most query syllables,
    escaped and highlighted; the text's start when none is there."""
    tokens = list(WORD.finditer(text))
    if not tokens:
        return Markup("")
    wanted = set(words)
    at = [i for i, t in enumerate(tokens) if _fold_syllable(t.group()) in wanted]
    # The window of ``size`` syllables holding the most hits ends at a hit: the first such.
    best, best_at = 0, 0
    for j, end in enumerate(at):
        count = j - bisect_right(at, end - size) + 1
        if count > best:
            best, best_at = count, max(0, end - size + 1)
    # Start a little before the first hit, so the reader sees what leads to it.
    k = bisect_left(at, best_at)
    first = at[k] if k < len(at) else best_at
    begin = max(0, min(best_at, first - 4))
    end = min(len(tokens), begin + size)
    lo = tokens[begin].start() if begin > 0 else 0
    hi = tokens[end - 1].end() if end < len(tokens) else len(text)
    piece = highlight(text[lo:hi], words)
    return Markup(("… " if lo > 0 else "") + piece + (" …" if hi < len(text) else ""))


@dataclass
class Hit:
    """One result: an article or a story, with its highlighted title and snippet."""

    kind: str  # "article" or "story"
    id: str
    title: str
    score: float
    title_html: Markup = field(default_factory=Markup)
    snippet: Markup = field(default_factory=Markup)
    source: str | None = None
    published: str | None = None  # TimeML value of an article's date

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "title": self.title,
                "score": round(self.score, 4), "snippet_html": str(self.snippet),
                "source": self.source, "published": self.published}


@dataclass
class SearchResult:
    query: str
    words: list[str]
    total: int  # matches in all (articles and stories of the kind asked)
    hits: list[Hit] = field(default_factory=list)


def _escape_query(words: Iterable[str]) -> str:
    # Every syllable is quoted: FTS5 operators (AND, NEAR, *, :, ^) in a query are just text.
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


class SearchIndex:
    """The store's search index; safe to share between threads.

    >>> store = Store.open("sqlite://")                          # doctest: +SKIP
    >>> SearchIndex(store).search("ha noi").hits[0].title        # doctest: +SKIP
    'Hà Nội trồng thêm cây xanh'
    """

    CHECK_EVERY = 1.0  # seconds between two looks at whether the store changed

    def __init__(self, store: Store) -> None:
        self.store = store
        self.dialect = store.engine.dialect.name
        if self.dialect not in ("sqlite", "postgresql"):
            raise ValueError(f"search supports SQLite and PostgreSQL, not {self.dialect}")
        self._lock = threading.Lock()
        self._checked = 0.0
        self._ready = False
        self._story_cols: set[str] = set()
        self._names = False
        self._seen: tuple[Any, ...] = ()

    # -- keeping in step ----------------------------------------------------------------

    def _create(self, conn: Connection) -> None:
        if self.dialect == "sqlite":
            conn.exec_driver_sql(
                "CREATE TABLE IF NOT EXISTS search_docs (rowid INTEGER PRIMARY KEY, "
                "kind TEXT NOT NULL, ref TEXT NOT NULL, title TEXT NOT NULL, "
                "UNIQUE (kind, ref))")
            conn.exec_driver_sql(
                "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(title, body, "
                "content='', contentless_delete=1, tokenize='unicode61')"
                if _sqlite_has_contentless_delete(conn) else
                "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(title, body, "
                "tokenize='unicode61')")
        else:
            conn.exec_driver_sql(
                "CREATE TABLE IF NOT EXISTS search_docs (rowid BIGSERIAL PRIMARY KEY, "
                "kind TEXT NOT NULL, ref TEXT NOT NULL, title TEXT NOT NULL, "
                "tsv TSVECTOR NOT NULL, UNIQUE (kind, ref))")
            conn.exec_driver_sql(
                "CREATE INDEX IF NOT EXISTS search_docs_tsv ON search_docs USING GIN (tsv)")
            # The titles' syllables on their own (weight A): the title pass finds the few
            # documents whose title holds the query here, where the whole-text index let the
            # planner walk back through every document testing its weights (30-55 ms).
            conn.exec_driver_sql(
                "CREATE INDEX IF NOT EXISTS search_docs_title_tsv ON search_docs "
                "USING GIN (ts_filter(tsv, '{a}'))")
        conn.exec_driver_sql(
            "CREATE TABLE IF NOT EXISTS search_marks (name TEXT PRIMARY KEY, mark TEXT)")

    def catch_up(self, force: bool = False) -> int:
        """Index what was stored since the last call; how many documents were (re)indexed.

        Looks at the store at most once a second unless ``force``.
        """
        now = time.monotonic()
        if not force and self._ready and now - self._checked < self.CHECK_EVERY:
            return 0
        with self._lock:
            if not force and self._ready and time.monotonic() - self._checked < self.CHECK_EVERY:
                return 0
            with self.store._guard(), self.store.engine.connect() as conn:
                state = self._state(conn)
            if not force and self._ready and state == self._seen:
                self._checked = time.monotonic()
                return 0
            with self.store._guard(), self.store.engine.connect() as conn:
                conn.execution_options(thoisu_write_lock=True)
                with conn.begin():
                    self._create(conn)
                    tables = set(inspect(conn).get_table_names())
                    self._names = "story_names" in tables
                    self._story_cols = {c["name"] for c in inspect(conn).get_columns("stories")}
                    count = self._articles(conn) + self._stories(conn)
            self._seen = state
            self._ready = True
            self._checked = time.monotonic()
            return count

    def _state(self, conn: Connection) -> tuple[Any, ...]:
        """What changes when articles or stories are written (cheap: two indexed lookups)."""
        seq = conn.execute(text("SELECT max(seq) FROM articles")).scalar()
        stories = conn.execute(text("SELECT count(*), max(updated_at) FROM stories")).one()
        derived = None
        if "derived_at" in self._story_cols:
            derived = conn.execute(text("SELECT max(derived_at) FROM stories")).scalar()
        return (seq, *stories, derived)

    def _mark(self, conn: Connection, name: str) -> str | None:
        return conn.execute(text("SELECT mark FROM search_marks WHERE name = :n"),
                            {"n": name}).scalar()

    def _set_mark(self, conn: Connection, name: str, mark: str) -> None:
        conn.execute(text("DELETE FROM search_marks WHERE name = :n"), {"n": name})
        conn.execute(text("INSERT INTO search_marks (name, mark) VALUES (:n, :m)"),
                     {"n": name, "m": mark})

    def _articles(self, conn: Connection) -> int:
        last = int(self._mark(conn, "articles") or 0)
        top = conn.execute(text("SELECT max(seq) FROM articles")).scalar() or 0
        if top <= last:
            return 0
        done = 0
        while True:
            rows = conn.execute(text(
                "SELECT seq, id, title, lead, paragraphs, captions FROM articles "
                "WHERE seq > :last ORDER BY seq LIMIT 500"), {"last": last}).mappings().all()
            if not rows:
                break
            docs = []
            for r in rows:
                body = "\n".join([r["lead"] or "", *_json_list(r["paragraphs"]),
                                  *_json_list(r["captions"])])
                docs.append((r["id"], r["title"] or "", body))
            self._put(conn, ARTICLE, docs)
            done += len(rows)
            last = rows[-1]["seq"]
        self._set_mark(conn, "articles", str(last))
        return done

    def _stories(self, conn: Connection) -> int:
        mark = self._mark(conn, "stories") or ""
        stamp = "updated_at"
        if "derived_at" in self._story_cols:
            stamp = "CASE WHEN derived_at IS NOT NULL AND derived_at > updated_at " \
                    "THEN derived_at ELSE updated_at END"
        state = conn.execute(text(f"SELECT count(*), max({stamp}) FROM stories")).one()
        current = f"{state[0]}|{state[1]}"
        if current == mark:
            return 0
        since = mark.split("|", 1)[1] if "|" in mark else ""
        extra = ", summary" if "summary" in self._story_cols else ""
        query = f"SELECT id, title{extra}, {stamp} AS stamp FROM stories"
        rows = conn.execute(text(query)).mappings().all()
        # Compare stamps as strings in one format: both engines give datetimes here.
        changed = [r for r in rows if not since or str(r["stamp"]) > since]
        docs = []
        for r in changed:
            summary = " ".join(str(s.get("text", "")) for s in _json_list(r.get("summary"))
                               if isinstance(s, dict))
            names = self._story_names(conn, r["id"])
            docs.append((r["id"], r["title"] or "", summary + "\n" + names))
        self._put(conn, STORY, docs)
        gone = conn.execute(text(
            "SELECT rowid FROM search_docs WHERE kind = 'story' AND ref NOT IN "
            "(SELECT id FROM stories)")).scalars().all()
        self._drop(conn, list(gone))
        self._set_mark(conn, "stories", current)
        return len(docs)

    def _story_names(self, conn: Connection, story_id: str) -> str:
        if not self._names:
            return ""
        names = conn.execute(text("SELECT name FROM story_names WHERE story_id = :s"),
                             {"s": story_id}).scalars().all()
        return " ".join(names)

    def _drop(self, conn: Connection, rowids: list[int]) -> None:
        for rowid in rowids:
            if self.dialect == "sqlite":
                self._fts_delete(conn, rowid)
            conn.execute(text("DELETE FROM search_docs WHERE rowid = :r"), {"r": rowid})

    def _fts_delete(self, conn: Connection, rowid: int) -> None:
        conn.execute(text("DELETE FROM search_fts WHERE rowid = :r"), {"r": rowid})

    def _put(self, conn: Connection, kind: str, docs: list[tuple[str, str, str]]) -> None:
        """Insert or replace these (id, title, body) documents."""
        if not docs:
            return
        refs = [d[0] for d in docs]
        old = []
        for start in range(0, len(refs), 500):
            chunk = refs[start:start + 500]
            names = ", ".join(f":r{i}" for i in range(len(chunk)))
            old += conn.execute(text(f"SELECT rowid FROM search_docs WHERE kind = :k AND "
                                     f"ref IN ({names})"),
                                {"k": kind, **{f"r{i}": r for i, r in enumerate(chunk)}}
                                ).scalars().all()
        self._drop(conn, list(old))
        for ref, title, body in docs:
            folded_title = " ".join(syllables(title))
            folded_body = " ".join(syllables(body))
            if self.dialect == "sqlite":
                rowid = conn.execute(text(
                    "INSERT INTO search_docs (kind, ref, title) VALUES (:k, :r, :t) "
                    "RETURNING rowid"), {"k": kind, "r": ref, "t": title}).scalar()
                conn.execute(text("INSERT INTO search_fts (rowid, title, body) "
                                  "VALUES (:id, :t, :b)"),
                             {"id": rowid, "t": folded_title, "b": folded_body})
            else:
                conn.execute(text(
                    "INSERT INTO search_docs (kind, ref, title, tsv) VALUES (:k, :r, :t, "
                    "setweight(to_tsvector('simple', :ft), 'A') || "
                    "setweight(to_tsvector('simple', :fb), 'B'))"),
                    {"k": kind, "r": ref, "t": title, "ft": folded_title, "fb": folded_body})

    # -- searching ----------------------------------------------------------------------

    def search(self, query: str, kind: str | None = None, limit: int = 20,
               offset: int = 0) -> SearchResult:
        """Articles and stories (or one ``kind``) matching every syllable of ``query``."""
        words = list(dict.fromkeys(syllables(query)))[:MAX_QUERY_SYLLABLES]
        result = SearchResult(query, words, 0)
        if not words or limit <= 0:
            return result
        self.catch_up()
        want = offset + limit
        with self.store._guard(), self.store.engine.connect() as conn:
            result.total, rows = self._match(conn, words, kind, want)
        ranked = _rerank(rows, query, words)
        page = ranked[offset:offset + limit]
        self._fill(page, words)
        result.hits = page
        return result

    def _match(self, conn: Connection, words: list[str], kind: str | None,
               want: int) -> tuple[int, list[tuple[str, str, str, float]]]:
        """How many match (counted up to COUNT_CAP) and the candidates to re-rank.

        The engine scores only a bounded set: the newest ``SCAN`` documents whose title holds
        every syllable, and the newest ``SCAN`` holding them anywhere. Scoring every match of
        a common syllable (in most of a store) would cost a full posting-list pass per query;
        in news the newest matches are the ones a reader wants among equals.
        """
        scan = max(SCAN, want)
        params: dict[str, Any] = {"kind": kind, "n": scan, "cap": COUNT_CAP + 1}
        where_kind = " AND d.kind = :kind" if kind else ""
        if self.dialect == "sqlite":
            match = _escape_query(words)
            params.update(q=match, tq=f"{{title}} : ({match})")
            join = "FROM search_fts JOIN search_docs d ON d.rowid = search_fts.rowid"
            total = conn.execute(text(
                f"SELECT count(*) FROM (SELECT d.rowid {join} WHERE search_fts MATCH :q"
                f"{where_kind} LIMIT :cap)"), params).scalar() or 0
            rows = []
            for q in (":tq", ":q"):
                rows += conn.execute(text(
                    f"SELECT d.kind, d.ref, d.title, -bm25(search_fts, 4.0, 1.0) {join} "
                    f"WHERE search_fts MATCH {q}{where_kind} ORDER BY search_fts.rowid DESC "
                    "LIMIT :n"), params).all()
        else:
            params.update(q=" & ".join(words), tq=" & ".join(f"{w}:A" for w in words))
            total = conn.execute(text(
                "SELECT count(*) FROM (SELECT 1 FROM search_docs d WHERE d.tsv @@ "
                f"to_tsquery('simple', :q){where_kind} LIMIT :cap) AS m"), params).scalar() or 0
            rows = []
            # Title pass (ranked on the title's weight), then anywhere.
            for within, rank in (("ts_filter(d.tsv, '{a}')", ":tq"), ("d.tsv", ":q")):
                rows += conn.execute(text(
                    "SELECT m.kind, m.ref, m.title, ts_rank_cd(m.tsv, to_tsquery('simple', "
                    f"{rank})) FROM (SELECT * FROM search_docs d WHERE {within} @@ "
                    f"to_tsquery('simple', :q){where_kind} ORDER BY d.rowid DESC LIMIT :n) "
                    "AS m"), params).all()
        best: dict[tuple[str, str], tuple[str, str, str, float]] = {}
        for r in rows:
            key = (r[0], r[1])
            if key not in best or float(r[3]) > best[key][3]:
                best[key] = (r[0], r[1], r[2], float(r[3]))
        return int(total), list(best.values())

    def _fill(self, hits: list[Hit], words: list[str]) -> None:
        """Snippets, highlighted titles, and an article's outlet and date."""
        articles = [h.id for h in hits if h.kind == ARTICLE]
        stories = [h.id for h in hits if h.kind == STORY]
        texts: dict[tuple[str, str], str] = {}
        extra: dict[str, tuple[str | None, str | None]] = {}
        with self.store._guard(), self.store.engine.connect() as conn:
            if articles:
                marks = ", ".join(f":a{i}" for i in range(len(articles)))
                found = conn.execute(text(
                    "SELECT id, lead, paragraphs, source, published FROM articles WHERE id IN "
                    f"({marks})"), {f"a{i}": ref for i, ref in enumerate(articles)}).mappings()
                for r in found:
                    texts[(ARTICLE, r["id"])] = "\n".join(
                        [r["lead"] or "", *_json_list(r["paragraphs"])]).strip()
                    extra[r["id"]] = (r["source"], r["published"])
            if stories and "summary" in self._story_cols:
                marks = ", ".join(f":s{i}" for i in range(len(stories)))
                found = conn.execute(text(
                    f"SELECT id, summary FROM stories WHERE id IN ({marks})"),
                    {f"s{i}": ref for i, ref in enumerate(stories)}).all()
                for ref, value in found:
                    texts[(STORY, ref)] = " ".join(
                        str(s.get("text", "")) for s in _json_list(value)
                        if isinstance(s, dict))
        for hit in hits:
            hit.title_html = highlight(hit.title, words)
            hit.snippet = snippet(texts.get((hit.kind, hit.id), ""), words)
            hit.source, hit.published = extra.get(hit.id, (None, None))


@lru_cache(maxsize=1 << 15)
def _title_terms(title: str) -> tuple[list[str], str, list[str]]:
    """A title's folded syllables, the same joined (spaced at both ends) and its exact
    syllables: the newest documents come back query after query."""
    folded = syllables(title)
    return folded, f" {' '.join(folded)} ", exact_syllables(title)


def _rerank(rows: list[tuple[str, str, str, float]], query: str,
            words: list[str]) -> list[Hit]:
    """The engine's order, lifted for titles that hold the query as typed or as a phrase."""
    if not rows:
        return []
    top = max(r[3] for r in rows) or 1.0
    typed = exact_syllables(query)
    has_marks = fold(query) != unicodedata.normalize("NFC", query).casefold()
    phrase = " ".join(words)
    hits = []
    for kind, ref, title, score in rows:
        folded, spaced, exact = _title_terms(title)
        value = score / top
        if all(w in folded for w in words):
            value += 0.3
        if f" {phrase} " in spaced:
            value += 0.5
        if has_marks and all(w in exact for w in typed):
            value += 1.0
        hits.append(Hit(kind, ref, title, value))
    hits.sort(key=lambda h: -h.score)
    return hits


def _json_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        import json

        try:
            value = json.loads(value)
        except ValueError:
            return []
    return list(value) if isinstance(value, list) else []


_CONTENTLESS: bool | None = None


def _sqlite_has_contentless_delete(conn: Connection) -> bool:
    """FTS5's ``contentless_delete`` (SQLite 3.43+) keeps the index small; older: content."""
    global _CONTENTLESS
    if _CONTENTLESS is None:
        version = conn.exec_driver_sql("SELECT sqlite_version()").scalar() or "0"
        _CONTENTLESS = tuple(int(p) for p in str(version).split(".")[:2]) >= (3, 43)
    return _CONTENTLESS
