"""``thoisu.ingest.ingest_articles``: adding, grouping every loose article, healing a run."""

from __future__ import annotations

from pathlib import Path

import pytest

from thoisu.ingest import ingest_articles
from thoisu.model import Article, Origin, PartialDate
from thoisu.settings import Settings
from thoisu.stats import RunStats
from thoisu.store import Store

TOPICS = [
    ("Bão số 3 đổ bộ vào Quảng Ninh", "Cơn bão số 3 đổ bộ vào Quảng Ninh với gió giật cấp 12, "
     "hàng nghìn hộ dân được sơ tán khỏi vùng ven biển."),
    ("Giá xăng giảm lần thứ ba liên tiếp", "Liên Bộ Công Thương và Tài chính giảm giá xăng "
     "RON 95 thêm 500 đồng mỗi lít từ chiều nay."),
    ("Đội tuyển Việt Nam thắng Thái Lan", "Đội tuyển bóng đá Việt Nam thắng Thái Lan 2-1 trên "
     "sân Mỹ Đình trong trận đấu vòng loại tối qua."),
]


def make_articles() -> list[Article]:
    out = []
    for t, (title, lead) in enumerate(TOPICS):
        for k in range(3):
            out.append(Article(
                id=f"{t:02d}{k:02d}" + "0" * 12, origin=Origin(f"bai{t}{k}.txt"),
                title=f"{title} ({k + 1})", lead=lead,
                paragraphs=[f"{lead} Tin cập nhật lần {k + 1} của phóng viên."],
                source=f"Báo {k}", published=PartialDate(2017, 9, 10 + k)))
    return out


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(f"sqlite:///{tmp_path / 'tin.db'}") as opened:
        yield opened


def members(store: Store) -> list[tuple[str, ...]]:
    return sorted(tuple(sorted([*s.articles, *(d.copy for d in s.duplicates)]))
                  for s in store.list_stories())


def test_every_article_lands_in_one_story(store: Store) -> None:
    result = ingest_articles(store, make_articles(), Settings())
    assert len(result.added) == 9
    assert store.ids_without_story() == []
    assert len(members(store)) == 3
    assert result.grouped == 9 and result.healed == 0


def test_articles_stored_by_an_interrupted_run_are_grouped_by_the_next(tmp_path: Path) -> None:
    articles = make_articles()
    with Store.open(f"sqlite:///{tmp_path / 'sach.db'}") as clean:
        ingest_articles(clean, make_articles(), Settings())
        expected = members(clean)
    with Store.open(f"sqlite:///{tmp_path / 'ngat.db'}") as store:
        store.add_articles(articles[:5])  # stored, then "killed" before grouping
        assert len(store.ids_without_story()) == 5
        result = ingest_articles(store, make_articles(), Settings())
        assert result.healed == 5
        assert store.ids_without_story() == []
        assert members(store) == expected


def test_nothing_new_and_nothing_loose_changes_nothing(store: Store) -> None:
    ingest_articles(store, make_articles(), Settings())
    again = ingest_articles(store, make_articles(), Settings())
    assert again.added == [] and len(again.already_present) == 9
    assert again.stories == [] and again.grouped == 0


def test_stats_count_what_the_run_did(store: Store) -> None:
    stats = RunStats()
    ingest_articles(store, make_articles(), Settings(), stats=stats)
    assert stats.get("store", "articles added") == 9
    assert stats.get("stories", "stories made") == 3
    assert stats.get("stories", "articles grouped") == 9


def test_stories_saved_by_ingest_carry_their_derived_results(store: Store) -> None:
    from thoisu.analyse import analysis_version
    from thoisu.pipeline import analyse

    result = ingest_articles(store, [analyse(a, Settings()) for a in make_articles()],
                             Settings())
    assert result.described == 3
    assert store.stale_story_ids(analysis_version(Settings())) == []
    for story in store.list_stories():
        assert story.summary and story.entities
        assert {s.article for s in story.summary} <= set(story.articles)
    stored = store.get_article(make_articles()[0].id)
    assert stored is not None and stored.entities and stored.analysis_version


def test_stories_left_undescribed_by_an_interrupted_run_are_described_next(
        store: Store) -> None:
    from thoisu.stories.sync import update_stories

    store.add_articles(make_articles())
    update_stories(store, store.list_articles(), Settings())  # grouped, "killed" before describing
    assert all(not s.summary for s in store.list_stories())
    result = ingest_articles(store, [], Settings())
    assert result.described == 3
    assert all(s.summary for s in store.list_stories())
