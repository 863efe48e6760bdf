"""The store on SQLite: round trips, idempotent adds, atomic articles, stories, migrations, errors.

``StoreContract`` holds the tests every backend must pass; ``test_store_postgres.py`` runs the
same class against a throwaway PostgreSQL server.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from thoisu.model import (
    Article,
    DateEvidence,
    DuplicateLink,
    Join,
    Line,
    Origin,
    PartialDate,
    Removed,
    Role,
    Story,
)
from thoisu.store import AmbiguousIdError, Store, StoreError
from thoisu.store import store as store_module
from thoisu.store.migrate import head_revision


def full_article(id: str = "a1b2c3d4e5f60718") -> Article:
    """An article with every stored field set, in awkward Vietnamese where it matters."""
    return Article(
        id=id,
        origin=Origin("tin/thời sự.jsonl", 7, "vnx-42"),
        title="Hà Nội mưa lớn, nhiều tuyến phố ngập sâu",
        lead="Trận mưa kéo dài từ chiều qua khiến giao thông ùn tắc.",
        paragraphs=["Đoạn một nói về \u201cmưa\u201d.", "Đoạn hai: 120 mm/giờ (VOV.VN)."],
        captions=["Người dân lội nước trên phố Huế. Ảnh: N.H"],
        byline="Nguyễn Hà",
        source="Theo Đất Việt",
        url="https://vi.example/ha-noi-mua?id=1&x=ư",
        published=PartialDate(None, 3, 28),
        published_evidence=DateEvidence(PartialDate(None, 3, 28), 0.61803,
                                        ["dòng 2: \u201c28/3\u201d", "no year in the page"]),
        language="vi",
        removed=[Removed("Xem thêm: Bão số 3", Role.BOILERPLATE.value, "see-also", 12),
                 Removed("ảnh 1", Role.PHOTO.value, "photo-placeholder", None)],
        lines=[Line(1, "Hà Nội mưa lớn", Role.TITLE, "first-line")],
        meta={"tags": ["thời tiết", "Hà Nội"], "nested": {"n": 1, "ok": True, "none": None}},
        duplicate_of="ffff000011112222",
        problems=["no body text"],
    )


def small_article(id: str, title: str = "Tin ngắn", **fields: object) -> Article:
    return Article(id=id, origin=Origin(f"{id}.txt"), title=title, lead="Sa pô.",
                   paragraphs=[f"Thân bài {id}."], **fields)  # type: ignore[arg-type]


def stored_form(article: Article) -> Article:
    """What comes back: everything but the derived per-line roles, sentences, dates, names."""
    article.lines = []
    article.sentences = []
    article.dates = []
    article.entities = []
    return article


class StoreContract:
    """Tests every backend passes. A subclass provides a ``url`` fixture of an empty database."""

    def install_refusal(self, store: Store, title: str) -> None:
        """Make the database itself refuse to insert an article with this title."""
        raise NotImplementedError

    @pytest.fixture
    def store(self, url: str) -> Iterator[Store]:
        with Store.open(url) as opened:
            yield opened

    # -- articles ---------------------------------------------------------------------------

    def test_every_field_round_trips(self, store: Store) -> None:
        article = full_article()
        assert store.add_articles([article]).added == [article.id]
        assert store.get_article(article.id) == stored_form(full_article())

    def test_empty_and_missing_fields_round_trip(self, store: Store) -> None:
        bare = Article(id="0000aaaa", origin=Origin("-"))
        store.add_articles([bare])
        back = store.get_article("0000aaaa")
        assert back == bare
        assert back is not None and back.published is None and back.published_evidence is None

    @pytest.mark.parametrize("value", ["2017-01-24", "2011-03", "2015", "XXXX-03-28"])
    def test_partial_dates_round_trip(self, store: Store, value: str) -> None:
        store.add_articles([small_article("d1", published=PartialDate.parse(value))])
        back = store.get_article("d1")
        assert back is not None and back.published is not None
        assert back.published.iso() == value

    def test_adding_again_adds_nothing(self, store: Store) -> None:
        batch = [small_article("aa01"), small_article("aa02")]
        first = store.add_articles(batch)
        assert (first.added, first.already_present, first.failed) == (["aa01", "aa02"], [], [])
        second = store.add_articles([small_article("aa02"), small_article("aa01")])
        assert second.added == []
        assert second.already_present == ["aa02", "aa01"]
        assert store.count_articles() == 2

    def test_the_same_article_twice_in_one_batch_is_added_once(self, store: Store) -> None:
        result = store.add_articles([small_article("bb01"), small_article("bb01")])
        assert result.added == ["bb01"]
        assert result.already_present == ["bb01"]
        assert store.count_articles() == 1

    def test_an_unstorable_article_is_skipped_and_the_rest_kept(self, store: Store) -> None:
        bad = small_article("cc02", meta={"not json": object()})
        failures: list[str] = []
        result = store.add_articles([small_article("cc01"), bad, small_article("cc03")],
                                    on_failure=lambda f: failures.append(f.id))
        assert result.added == ["cc01", "cc03"]
        assert [f.id for f in result.failed] == ["cc02"] == failures
        assert result.failed[0].origin == Origin("cc02.txt")
        assert store.get_article("cc02") is None
        assert store.count_articles() == 2

    def test_a_database_refusal_leaves_no_trace_of_that_article(self, store: Store) -> None:
        self.install_refusal(store, "boom")
        articles = [small_article("dd01"), small_article("dd02", title="boom"),
                    small_article("dd03")]
        result = store.add_articles(articles)
        assert result.added == ["dd01", "dd03"]
        assert [f.id for f in result.failed] == ["dd02"]
        assert "refused" in result.failed[0].reason
        assert store.get_article("dd02") is None
        assert [a.id for a in store.list_articles()] == ["dd01", "dd03"]
        assert store.get_article("dd03") == small_article("dd03")

    def test_articles_made_before_the_source_fails_are_kept(self, store: Store) -> None:
        def source() -> Iterator[Article]:
            yield small_article("ee01")
            yield small_article("ee02")
            raise RuntimeError("the reader broke")

        with pytest.raises(RuntimeError, match="reader broke"):
            store.add_articles(source())
        assert store.count_articles() == 2

    def test_an_article_without_id_fails_alone(self, store: Store) -> None:
        result = store.add_articles([small_article(""), small_article("ff01")])
        assert result.added == ["ff01"]
        assert len(result.failed) == 1 and "no id" in result.failed[0].reason

    def test_get_by_unique_prefix(self, store: Store) -> None:
        store.add_articles([small_article("abc111"), small_article("abc222"),
                            small_article("xyz333")])
        found = store.get_article("xyz")
        assert found is not None and found.id == "xyz333"
        assert store.get_article("abc2") is not None
        assert store.get_article("nope") is None
        assert store.get_article("") is None
        assert store.get_article("%") is None  # a LIKE wildcard is only a character

    def test_an_ambiguous_prefix_says_which_ids_match(self, store: Store) -> None:
        store.add_articles([small_article("abc111"), small_article("abc222")])
        with pytest.raises(AmbiguousIdError) as caught:
            store.get_article("abc")
        assert caught.value.message == ("article id 'abc' is ambiguous: it starts abc111, "
                                        "abc222; give more characters")

    def test_an_exact_id_wins_over_longer_ids_it_prefixes(self, store: Store) -> None:
        store.add_articles([small_article("abc"), small_article("abcd")])
        found = store.get_article("abc")
        assert found is not None and found.id == "abc"

    def test_get_several_by_exact_id(self, store: Store) -> None:
        store.add_articles(small_article(i) for i in ["g1", "g2", "g3"])
        found = store.get_articles(["g3", "missing", "g1", "g3", "g"])
        assert [a.id for a in found] == ["g3", "g1"]
        assert store.get_articles([]) == []

    def test_list_in_added_order_with_limit_and_offset(self, store: Store) -> None:
        ids = ["k3", "k1", "k2", "k0"]
        store.add_articles(small_article(i) for i in ids)
        assert [a.id for a in store.list_articles()] == ids
        assert [a.id for a in store.list_articles(limit=2)] == ["k3", "k1"]
        assert [a.id for a in store.list_articles(limit=2, offset=1)] == ["k1", "k2"]
        assert store.list_articles(offset=9) == []

    def test_iterate_over_many_pages(self, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(store_module, "PAGE", 3)
        monkeypatch.setattr(store_module, "CHUNK", 4)
        ids = [f"p{i:02d}" for i in range(10)]
        assert store.add_articles(small_article(i) for i in ids).added == ids
        assert [a.id for a in store.iter_articles()] == ids
        assert store.count_articles() == 10

    def test_reopening_keeps_everything(self, url: str) -> None:
        with Store.open(url) as first:
            first.add_articles([full_article()])
        with Store.open(url) as again:
            assert again.get_article(full_article().id) == stored_form(full_article())

    # -- migrations -------------------------------------------------------------------------

    def test_the_migration_is_recorded(self, store: Store) -> None:
        with store.engine.connect() as conn:
            versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars()
            assert list(versions) == [head_revision()] == ["0006"]

    def test_the_migrations_build_exactly_the_schema_the_code_uses(self, store: Store) -> None:
        from alembic.autogenerate import compare_metadata
        from alembic.runtime.migration import MigrationContext

        from thoisu.store.schema import metadata

        with store.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []

    # -- stories ----------------------------------------------------------------------------

    def test_stories_round_trip(self, store: Store) -> None:
        story = Story(
            id="s-mua", title="Mưa lớn ở Hà Nội", articles=["m1", "m2", "m3"],
            joins=[Join("m2", 0.42, "shared words: mưa, ngập"), Join("m3", 0.3125)],
            duplicates=[DuplicateLink("m1", "m3", 0.93)],
        )
        other = Story(id="s-bao", title="Bão số 3", articles=["b1"])
        store.save_stories([story, other])
        assert store.get_story("s-mua") == story
        assert store.list_stories() == [other, story]  # in id order
        assert store.story_of("m2") == "s-mua"
        assert store.story_of("b1") == "s-bao"
        assert store.story_of("zz") is None
        assert store.get_story("none") is None

    def test_saving_a_story_again_replaces_its_members(self, store: Store) -> None:
        store.save_stories([Story("s1", "Cũ", ["a", "b"], joins=[Join("b", 0.5, "x")],
                                  duplicates=[DuplicateLink("a", "b", 0.9)])])
        store.save_stories([Story("s1", "Mới", ["b", "c"], joins=[Join("c", 0.7, "y")])])
        assert store.get_story("s1") == Story("s1", "Mới", ["b", "c"], joins=[Join("c", 0.7, "y")])
        assert store.story_of("a") is None

    def test_an_article_moves_to_the_story_saved_last(self, store: Store) -> None:
        store.save_stories([Story("s1", "Một", ["a", "b"]), Story("s2", "Hai", ["c"])])
        store.save_stories([Story("s2", "Hai", ["c", "b"])])
        assert store.story_of("b") == "s2"
        story = store.get_story("s1")
        assert story is not None and story.articles == ["a"]

    def test_a_story_whose_articles_all_moved_is_removed(self, store: Store) -> None:
        store.save_stories([Story("s1", "Một", ["a"], duplicates=[DuplicateLink("a", "a2", 0.9)]),
                            Story("s2", "Hai", ["b"]), Story("s3", "Ba", [])])
        store.save_stories([Story("s2", "Hai và Một", ["b", "a"])])  # s1 merged into s2
        assert [s.id for s in store.list_stories()] == ["s2", "s3"]  # s3 was never given any
        assert store.story_of("a") == "s2"

    def test_a_join_names_a_member(self, store: Store) -> None:
        store.save_stories([Story("s1", "Một", ["a"], joins=[Join("b", 0.4, "late")])])
        story = store.get_story("s1")
        assert story is not None and story.articles == ["a", "b"]

    def test_one_article_in_two_stories_saves_nothing(self, store: Store) -> None:
        store.save_stories([Story("s0", "Trước", ["x"])])
        with pytest.raises(ValueError, match="article a is in two stories"):
            store.save_stories([Story("s1", "Một", ["a"]), Story("s2", "Hai", ["a"])])
        assert [s.id for s in store.list_stories()] == ["s0"]

    # -- derived results --------------------------------------------------------------------

    def test_what_analysis_derived_round_trips(self, store: Store) -> None:
        from thoisu.analyse import analyse_article
        from thoisu.settings import Settings

        article = analyse_article(full_article(), Settings())
        assert article.dates and article.entities and article.mentions
        store.add_articles([article])
        back = store.get_article(article.id)
        assert back is not None
        assert back.analysis_version == article.analysis_version
        assert back.dates == article.dates
        assert back.entities == article.entities
        assert back.mentions == article.mentions
        assert [s.text for s in back.sentences] == [s.text for s in article.sentences]
        assert store.stale_article_ids(article.analysis_version or "") == []
        assert store.stale_article_ids("another") == [article.id]

    def test_a_story_keeps_its_summary_timeline_names_and_facts(self, store: Store) -> None:
        from thoisu.model import Entity, Event, SummarySentence
        from thoisu.stories.facts import describe_facts

        store.add_articles([
            small_article("m1", source="Báo A", published=PartialDate(2016, 3, 28)),
            small_article("m2", source="Báo B", published=PartialDate(2016, 3)),
            small_article("m3", source="Báo A", published=PartialDate(None, 3, 30)),
        ])
        story = Story(id="s-mua", title="Mưa lớn", articles=["m1", "m2", "m3"],
                      summary=[SummarySentence("Mưa lớn.", "m1", 0)],
                      timeline=[Event(PartialDate(2016, 3, 27), "Mưa bắt đầu", ["m1", "m2"],
                                      PartialDate(2016, 3, 28))],
                      entities=[Entity("Hà Nội", "LOC", 3, ["Hà Nội"])],
                      analysis_version="v1")
        store.save_stories([story])
        # The store keeps the story's facts by the story-facts stage's rule.
        members = [store.get_article(i) for i in story.articles]
        assert store.get_story("s-mua") == describe_facts(story, members)  # type: ignore[arg-type]
        assert story.outlets == ["Báo A", "Báo B"] and str(story.latest) == "2016-03-28"
        assert store.stale_story_ids("v1") == []
        assert store.stale_story_ids("v2") == ["s-mua"]
        with store.engine.connect() as conn:
            row = conn.execute(text(
                "SELECT article_count, first_published, last_published, latest FROM stories"
            )).one()
            names = conn.execute(text("SELECT name, type, count FROM story_names")).all()
        assert tuple(row) == (3, "2016-03", "2016-03-28", "2016-03-28")
        assert [tuple(n) for n in names] == [("Hà Nội", "LOC", 3)]
        # New members clear what was derived from the old ones.
        store.save_stories([Story(id="s-mua", title="Mưa lớn", articles=["m1", "m2"])])
        assert store.stale_story_ids("v1") == ["s-mua"]
        assert store.get_story("s-mua").summary == []  # type: ignore[union-attr]
        described = Story(id="s-mua", title="Mưa lớn", articles=["m1", "m2"],
                          entities=[Entity("Huế", "LOC")], analysis_version="v1")
        store.save_derived([described])
        assert store.get_story("s-mua") == describe_facts(
            described, [store.get_article(i) for i in described.articles])  # type: ignore[misc]
        assert store.stale_story_ids("v1") == []

    def test_an_offset_beyond_any_database_integer_lists_nothing(self, store: Store) -> None:
        store.add_articles([small_article("x1")])
        assert store.list_articles(offset=2**63) == []
        assert [a.id for a in store.list_articles(limit=2**64)] == ["x1"]

    def test_delete_stories(self, store: Store) -> None:
        store.save_stories([Story("s1", "Một", ["a"]), Story("s2", "Hai", ["b"])])
        assert store.delete_stories(["s1", "missing"]) == 1
        assert [s.id for s in store.list_stories()] == ["s2"]
        assert store.story_of("a") is None


class TestSQLite(StoreContract):
    @pytest.fixture
    def url(self, tmp_path: Path) -> str:
        return f"sqlite:///{tmp_path / 'tin.db'}"

    def install_refusal(self, store: Store, title: str) -> None:
        with store.engine.begin() as conn:
            conn.exec_driver_sql(
                f"CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.title = '{title}' "
                "BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END")


def test_the_default_store_is_a_file_in_the_data_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with Store.open() as store:
        store.add_articles([small_article("x1")])
    assert (tmp_path / "data" / "thoisu" / "thoisu.db").is_file()


def test_an_in_memory_store_works() -> None:
    with Store.open("sqlite://") as store:
        store.add_articles([full_article()])
        assert store.count_articles() == 1


# -- errors people see ----------------------------------------------------------------------

def _error(url: str, **kwargs: float) -> str:
    with pytest.raises(StoreError) as caught:
        Store.open(url, **kwargs)
    return caught.value.message


def test_not_a_url() -> None:
    assert _error("tin.db") == ("store URL 'tin.db' is not a database URL; write one like "
                                "sqlite:///news.db or postgresql+psycopg://user@host/news")


def test_an_unknown_kind_of_database() -> None:
    assert _error("mongo://host/db") == (
        "cannot open the store at mongo://host/db: unknown kind of database (Can't load plugin: "
        "sqlalchemy.dialects:mongo); use a URL like sqlite:///news.db or "
        "postgresql+psycopg://user@host/news")


def test_a_missing_directory(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/no/such/dir/tin.db"
    assert _error(url) == (f"cannot open the store at {url}: the directory {tmp_path}/no/such/dir"
                           " does not exist; create it or choose another path")


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("không phải cơ sở dữ liệu\n" * 200, encoding="utf-8")
    assert _error(f"sqlite:///{path}") == (f"store at sqlite:///{path}: the file is not a "
                                           "SQLite database; choose another path")


def test_the_postgresql_driver_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now fails
    assert _error("postgresql://me:secret@db.example/tin") == (
        "cannot open the store at postgresql+psycopg://me:***@db.example/tin: the PostgreSQL "
        "driver (psycopg) is not installed; pip install 'thoisu[postgres]'")


def test_an_unreachable_server_hides_the_password() -> None:
    pytest.importorskip("psycopg")
    message = _error("postgresql+psycopg://me:secret@127.0.0.1:1/tin", busy_timeout=1)
    assert message.startswith("store at postgresql+psycopg://me:***@127.0.0.1:1/tin: cannot "
                              "connect (")
    assert message.endswith("check that the server is running and the URL's host, port, "
                            "user and password")
    assert "secret" not in message


def test_a_locked_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tin.db'}"
    Store.open(url).close()
    holder = sqlite3.connect(tmp_path / "tin.db", isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        with Store.open(url, busy_timeout=0.05) as store, pytest.raises(StoreError) as caught:
            store.add_articles([small_article("l1")])
    finally:
        holder.close()
    assert caught.value.message == (
        f"store at {url}: it is locked by another process (another thoisu run?); "
        "wait for it to finish and try again")


def test_a_store_from_a_newer_thoisu(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tin.db'}"
    with Store.open(url) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    assert _error(url) == (f"store at {url}: its schema (revision 9999) is newer than this "
                           "thoisu knows; upgrade thoisu")


def test_store_errors_are_click_errors() -> None:
    import click

    assert issubclass(StoreError, click.ClickException)


def test_processes_opening_a_new_store_at_once_migrate_it_once(tmp_path: Path) -> None:
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'tin.db'}"
    script = ("import sys; from thoisu.store import Store; from thoisu.model import Article, "
              "Origin; s = Store.open(sys.argv[1]); "
              "s.add_articles([Article(sys.argv[2], Origin('-'))]); s.close()")
    runs = [subprocess.Popen([sys.executable, "-c", script, url, f"r{i}"],
                             stderr=subprocess.PIPE, text=True) for i in range(3)]
    errors = [run.communicate(timeout=60)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], errors
    with Store.open(url) as store:
        assert store.count_articles() == 3
