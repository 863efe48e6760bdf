"""``thoisu ingest`` and ``thoisu articles`` through the real entry point (click's runner).

The reading and analysis stages are replaced by a small stand-in here, so these tests check the
commands and the store, fast; ``test_ingest_real_pages`` runs the real pipeline on seed pages.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import thoisu.pipeline
from thoisu.cli import cli
from thoisu.model import Article, Origin, PartialDate, Problem, Removed
from thoisu.render.article_json import article_to_json


def fake_process(paths: Sequence[str], settings: Any, on_problem: Callable[[Problem], None],
                 stdin: Any = None, on_page: Callable[[Any], None] | None = None
                 ) -> Iterator[Article]:
    """One article per non-empty file (first line the title); empty files are skipped."""
    for path in paths:
        text = stdin.read().decode() if path == "-" else Path(path).read_text(encoding="utf-8")
        if not text.strip():
            on_problem(Problem(path, "empty file", kind="skipped"))
            continue
        if on_page is not None:
            on_page(object())
        title, *body = text.strip().splitlines()
        yield Article(
            id=hashlib.sha256(text.encode()).hexdigest()[:16], origin=Origin(path),
            title=title, lead=body[0] if body else "", paragraphs=body[1:],
            source="VnExpress", published=PartialDate(2017, 1, 24),
            removed=[Removed("Chia sẻ bài viết", "boilerplate", "share-buttons", 9)],
            meta={"bad": object()} if title == "HỎNG" else {},
        )


@pytest.fixture
def pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(thoisu.pipeline, "process", fake_process)
    monkeypatch.setenv("THOISU_CONFIG", str(tmp_path / "none.toml"))
    texts = {
        "mua.txt": "Hà Nội mưa lớn\nSa pô về mưa.\nĐoạn một.\nĐoạn hai.",
        "bao.txt": "Bão số 3 vào bờ\nSa pô về bão.\nĐoạn một.",
        "rong.txt": "",
    }
    paths = []
    for name, content in texts.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
        paths.append(str(tmp_path / name))
    return paths


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'tin.db'}"


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def ids_of(db: str) -> list[str]:
    return [a["id"] for a in json.loads(run("articles", "--db", db, "--format", "json").stdout)]


def test_ingest_twice_adds_nothing_the_second_time(pages: list[str], db: str) -> None:
    first = run("ingest", *pages, "--db", db)
    assert first.exit_code == 0, first.output
    assert first.stdout == "2 added, 0 already in the store\n"
    assert first.stderr == ("thoisu: skipped: " + pages[2] + ": empty file\n"
                            "stories: 2 new or changed\n"
                            "pages: 2 read, 1 skipped, 0 failed\n")
    second = run("ingest", *pages, "--db", db, "-q")
    assert second.exit_code == 0
    assert second.stdout == "0 added, 2 already in the store\n"
    assert len(ids_of(db)) == 2


def test_ingest_quiet_prints_no_count_line_when_all_went_well(pages: list[str], db: str) -> None:
    result = run("ingest", pages[0], "--db", db, "-q")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "1 added, 0 already in the store\n", "")


def test_an_article_the_store_refuses_fails_the_run(pages: list[str], db: str,
                                                    tmp_path: Path) -> None:
    bad = tmp_path / "hong.txt"
    bad.write_text("HỎNG\nSa pô.", encoding="utf-8")
    result = run("ingest", pages[0], str(bad), "--db", db)
    assert result.exit_code == 1
    assert result.stdout == "1 added, 0 already in the store\n"
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"thoisu: failed: {bad}: article ")
    assert "cannot be stored: its meta is not JSON (Object of type object" in lines[0]
    assert lines[1:] == ["stories: 1 new or changed", "pages: 2 read, 0 skipped, 1 failed"]
    assert len(ids_of(db)) == 1


def test_articles_lists_a_table(pages: list[str], db: str) -> None:
    run("ingest", *pages, "--db", db, "-q")
    result = run("articles", "--db", db)
    assert result.exit_code == 0
    for article_id in ids_of(db):
        assert article_id in result.stdout
    assert "Hà Nội mưa lớn" in result.stdout
    assert "24/1/2017" in result.stdout
    assert "1–2 of 2" in result.stdout


def test_articles_as_json_is_the_digest_article_shape(pages: list[str], db: str) -> None:
    run("ingest", *pages, "--db", db, "-q")
    listed = json.loads(run("articles", "--db", db, "--format", "json").stdout)
    expected = [article_to_json(a) for a in fake_process(pages[:2], None, lambda p: None)]
    analysed = ("dates", "entities", "mentions")

    def text_part(data: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in d.items() if k not in analysed} for d in data]

    # The stand-in's articles come unanalysed: the ingest analyses them for their stories,
    # so the stored ones also carry what analysis found.
    assert text_part(listed) == text_part(expected)
    assert list(listed[0]) == ["id", "origin", "title", "lead", "paragraphs", "captions",
                               "byline", "source", "url", "published", "removed",
                               "published_evidence", "language", "duplicate_of", "problems",
                               *analysed]
    assert [e["name"] for e in listed[0]["entities"]] == ["Hà Nội"]
    assert listed[0]["removed"] == [{"text": "Chia sẻ bài viết", "role": "boilerplate",
                                     "rule": "share-buttons"}]
    limited = json.loads(run("articles", "--db", db, "--format", "json", "--limit", "1").stdout)
    assert limited == listed[:1]


def test_an_empty_store_says_how_to_fill_it(db: str) -> None:
    from thoisu.store import Store

    Store.open(db).close()  # a store that exists (a missing file is refused: test_cli_inputs)
    result = run("articles", "--db", db)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == (f"no articles in the store at {db} yet; "
                             "add some with 'thoisu ingest PATH...'\n")


def test_show_by_id_prefix(pages: list[str], db: str) -> None:
    run("ingest", *pages, "--db", db, "-q")
    first = ids_of(db)[0]
    shown = run("articles", "show", first[:6], "--db", db)
    assert shown.exit_code == 0
    assert shown.stdout == (
        "Hà Nội mưa lớn\n\n"
        f"id: {first}\npublished: 24/1/2017\nsource: VnExpress\norigin: {pages[0]}\n\n"
        "Sa pô về mưa.\n\nĐoạn một.\n\nĐoạn hai.\n\n"
        "Removed lines (1):\n  [boilerplate · share-buttons] Chia sẻ bài viết\n")
    as_json = run("articles", "--db", db, "show", first[:6], "--format", "json")
    assert json.loads(as_json.stdout)["id"] == first


def test_show_an_unknown_id(pages: list[str], db: str) -> None:
    run("ingest", *pages, "--db", db, "-q")
    result = run("articles", "show", "zzzz", "--db", db)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: no article with id 'zzzz' in the store at {db}; "
                             "see 'thoisu articles' for the ids\n")


def test_show_an_ambiguous_prefix(tmp_path: Path, db: str) -> None:
    from thoisu.store import Store

    with Store.open(db) as store:
        store.add_articles([Article("ab01", Origin("x")), Article("ab02", Origin("y"))])
    result = run("articles", "show", "ab", "--db", db)
    assert result.exit_code == 1
    assert result.stderr == ("Error: article id 'ab' is ambiguous: it starts ab01, ab02; "
                             "give more characters\n")


def test_a_bad_db_url(pages: list[str]) -> None:
    for args in (["articles", "--db", "tin.db"], ["ingest", pages[0], "--db", "tin.db"]):
        result = run(*args)
        assert result.exit_code == 1
        assert result.stderr == ("Error: store URL 'tin.db' is not a database URL; write one "
                                 "like sqlite:///news.db or postgresql+psycopg://user@host/news\n")


def test_the_store_url_may_come_from_the_environment(pages: list[str], db: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THOISU_DB_URL", db)
    assert run("ingest", pages[0], "-q").stdout == "1 added, 0 already in the store\n"
    assert len(ids_of(db)) == 1


@pytest.mark.parametrize("args", [["ingest"], ["articles"], ["articles", "show"]])
def test_every_command_has_help(args: list[str]) -> None:
    result = run(*args, "--help")
    assert result.exit_code == 0
    assert "--db URL" in result.stdout


def test_ingest_from_stdin(pages: list[str], db: str) -> None:
    result = run("ingest", "-", "--db", db, "-q", input="Tin từ stdin\nSa pô.\n")
    assert result.stdout == "1 added, 0 already in the store\n"
    shown = json.loads(run("articles", "--db", db, "--format", "json").stdout)
    assert [(a["title"], a["origin"]["path"]) for a in shown] == [("Tin từ stdin", "-")]


def test_ingest_real_pages(seed_paths: list[Path], tmp_path: Path,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The real pipeline on the scraped seed pages: every page gives an article, once."""
    monkeypatch.setenv("THOISU_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("THOISU_SEGMENTER", "syllable")  # the CRF model is not under test here
    db = f"sqlite:///{tmp_path / 'tin.db'}"
    paths = [str(p) for p in seed_paths]
    first = run("ingest", *paths, "--db", db, "-q")
    assert first.exit_code == 0, first.stderr
    added = int(first.stdout.split()[0])
    assert added >= len(paths)  # one page holds two articles
    assert first.stdout == f"{added} added, 0 already in the store\n"
    again = run("ingest", *paths, "--db", db, "-q")
    assert again.stdout == f"0 added, {added} already in the store\n"
    stored = json.loads(run("articles", "--db", db, "--format", "json").stdout)
    assert len(stored) == added
    assert {Path(a["origin"]["path"]).name for a in stored} == {p.name for p in seed_paths}
    assert all(a["lead"] or a["paragraphs"] for a in stored)
    with_removed = next(a for a in stored if a["removed"])
    shown = run("articles", "show", with_removed["id"][:8], "--db", db)
    removed = with_removed["removed"][0]
    assert f"[{removed['role']} · {removed['rule']}] {removed['text']}" in shown.stdout


def test_an_offset_past_any_database_integer_is_an_empty_page(pages: list[str], db: str) -> None:
    run("ingest", *pages, "--db", db, "-q")
    huge = str(2**63)
    listed = run("articles", "--db", db, "--format", "json", "--offset", huge)
    assert listed.exit_code == 0 and json.loads(listed.stdout) == []
    table = run("articles", "--db", db, "--offset", huge, "--limit", str(2**70))
    assert table.exit_code == 0 and "of 2" in table.stdout
