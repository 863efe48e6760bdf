"""``thoisu stories`` and ``thoisu stories show`` through the real command line."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from thoisu.cli import cli
from thoisu.model import Article, Origin, PartialDate
from thoisu.settings import Settings
from thoisu.stories.sync import update_stories

FLOOD = ("Lũ quét ở Lào Cai, nhiều nhà bị cuốn trôi",
         "Đêm 3/8, lũ quét xảy ra tại huyện Bát Xát, tỉnh Lào Cai, cuốn trôi nhiều nhà dân. "
         "Lực lượng cứu hộ đang tìm kiếm những người mất tích.")
FLOOD2 = ("Lào Cai tìm kiếm người mất tích sau lũ quét",
          "Sau trận lũ quét đêm 3/8 ở huyện Bát Xát, Lào Cai, lực lượng cứu hộ tiếp tục tìm "
          "kiếm người mất tích và giúp dân dựng lại nhà bị cuốn trôi.")
GOLD = ("Giá vàng SJC tăng vọt",
        "Sáng nay giá vàng SJC tại Hà Nội tăng thêm 300.000 đồng mỗi lượng, theo đà tăng của "
        "giá vàng thế giới.")


def make(id: str, title: str, text: str, day: int) -> Article:
    return Article(id=id, origin=Origin(f"{id}.txt"), title=title, paragraphs=[text],
                   published=PartialDate(2017, 8, day))


@pytest.fixture()
def db(tmp_path) -> str:  # type: ignore[no-untyped-def]
    from thoisu.store import Store

    url = f"sqlite:///{tmp_path / 'tin.db'}"
    articles = [make("lu1", *FLOOD, 4), make("vang", *GOLD, 4), make("lu2", *FLOOD2, 5),
                make("lu1-copy", FLOOD[0], FLOOD[1] + " (Theo TTXVN)", 6)]
    with Store.open(url) as store:
        store.add_articles(articles)
        update_stories(store, articles, Settings())
    return url


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_list_as_table(db: str) -> None:
    code, out = run("stories", "--db", db)
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["id", "articles", "copies"]
    flood = next(line for line in lines if line.startswith("s-lu1 "))
    assert flood.split()[1:3] == ["2", "1"]
    assert "4–5/8/2017" in flood  # people read Vietnamese dates, never TimeML
    assert any(line.startswith("s-vang ") and "Giá vàng SJC tăng vọt" in line for line in lines)


def test_list_as_json(db: str) -> None:
    code, out = run("stories", "--db", db, "--format", "json")
    assert code == 0, out
    data = {s["id"]: s for s in json.loads(out)}
    assert data["s-lu1"]["articles"] == ["lu1", "lu2"]
    assert data["s-lu1"]["duplicate_count"] == 1
    assert (data["s-lu1"]["first"], data["s-lu1"]["last"]) == ("2017-08-04", "2017-08-05")
    assert data["s-vang"]["article_count"] == 1


def test_show_gives_joins_with_similarity_and_copies(db: str) -> None:
    code, out = run("stories", "--db", db, "show", "s-lu1")
    assert code == 0, out
    assert "2 articles, 1 copies" in out
    assert "joined (similarity" in out
    assert "copy lu1-copy of lu1 (similarity" in out
    code, out = run("stories", "show", "s-lu1", "--db", db, "--format", "json")
    data = json.loads(out)
    joined = data["joins"][1]
    assert joined["article"] == "lu2" and joined["similarity"] >= Settings().story_threshold
    assert data["duplicates"][0]["copy"] == "lu1-copy"


def test_unknown_story_says_what_to_do(db: str) -> None:
    code, out = run("stories", "--db", db, "show", "s-nothing")
    assert code == 1
    assert "Error: no story 's-nothing' in the store; `thoisu stories` lists them" in out


def test_empty_store(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    from thoisu.store import Store

    Store.open(url).close()  # a store that exists: a missing file is refused (test_cli_inputs)
    assert run("stories", "--db", url) == (0, "no stories yet; run `thoisu ingest FILE...` first\n")
    assert run("stories", "--db", url, "--format", "json") == (0, "[]\n")


def test_help() -> None:
    code, out = run("stories", "--help")
    assert code == 0 and "show" in out and "--format" in out
    code, out = run("stories", "show", "--help")
    assert code == 0 and "similarity" in out
