"""Story clustering on tiny hand-written articles: joins, copies, languages, order, bad input."""

from __future__ import annotations

import pytest

from thoisu.model import Article, Origin, PartialDate, Story
from thoisu.settings import Settings
from thoisu.stories import group_stories
from thoisu.stories.cluster import StoryClusterer
from thoisu.stories.placement import time_factor
from thoisu.stories.sync import update_stories

STORM = [
    ("Bão Sơn Tinh đổ bộ vào Thanh Hóa, nhiều nhà tốc mái",
     "Rạng sáng 18/7, bão Sơn Tinh đổ bộ vào vùng ven biển Thanh Hóa và Nghệ An với sức gió "
     "mạnh cấp 9. Hàng trăm ngôi nhà bị tốc mái, nhiều cây xanh ở Sầm Sơn bị quật đổ."),
    ("Thanh Hóa khắc phục hậu quả bão Sơn Tinh",
     "Sau khi bão Sơn Tinh đổ bộ, chính quyền Thanh Hóa huy động bộ đội giúp người dân Sầm Sơn "
     "dựng lại nhà bị tốc mái và dọn cây đổ trên đường phố."),
    ("Bão Sơn Tinh gây mưa lớn, Nghệ An sơ tán dân",
     "Do ảnh hưởng của bão Sơn Tinh, Nghệ An và Thanh Hóa có mưa rất to. Tỉnh Nghệ An đã sơ tán "
     "hàng nghìn hộ dân ven biển, nhiều nhà bị tốc mái, cây đổ."),
]
FUEL = [
    ("Giá xăng RON 92 giảm 500 đồng mỗi lít",
     "Liên Bộ Công Thương và Tài chính chiều nay quyết định giảm giá xăng RON 92 thêm 500 đồng "
     "mỗi lít. Giá dầu diesel cũng giảm nhẹ theo giá thế giới."),
    ("Xăng giảm giá lần thứ ba liên tiếp",
     "Giá xăng RON 92 giảm 500 đồng mỗi lít từ 15 giờ chiều nay, lần giảm thứ ba liên tiếp. "
     "Liên Bộ Công Thương và Tài chính cho biết quỹ bình ổn giá không được chi."),
    ("Bộ Công Thương điều chỉnh giá xăng dầu",
     "Theo Liên Bộ Công Thương và Tài chính, giá xăng RON 92 và dầu diesel đều giảm do giá "
     "thế giới đi xuống; quỹ bình ổn không được sử dụng trong kỳ này."),
]
ENGLISH = ("Storm Son Tinh hits Thanh Hoa",
           "Storm Son Tinh made landfall in Thanh Hoa and Nghe An early on Wednesday, blowing "
           "roofs off hundreds of houses and uprooting trees in the beach town of Sam Son.")


def make(id: str, title: str, text: str, day: int | None = None) -> Article:
    published = PartialDate(2018, 7, day) if day is not None else None
    return Article(id=id, origin=Origin(f"{id}.txt"), title=title, paragraphs=[text],
                   published=published)


def corpus() -> list[Article]:
    storms = [make(f"storm{i}", t, x, 18 + i) for i, (t, x) in enumerate(STORM)]
    fuel = [make(f"fuel{i}", t, x, 20 + i) for i, (t, x) in enumerate(FUEL)]
    return [storms[0], fuel[0], storms[1], fuel[1], storms[2], fuel[2]]


def partition(stories: list[Story]) -> set[frozenset[str]]:
    return {frozenset(s.articles) for s in stories}


def test_two_events_make_two_stories_with_the_similarity_of_each_join() -> None:
    stories = group_stories(corpus(), Settings())
    assert partition(stories) == {frozenset({"storm0", "storm1", "storm2"}),
                                  frozenset({"fuel0", "fuel1", "fuel2"})}
    threshold = Settings().story_threshold
    for story in stories:
        first, *rest = story.joins
        assert first.reason.startswith("new story")
        for join in rest:
            assert join.similarity >= threshold
            assert "joined" in join.reason
        assert story.title in {t for t, _ in STORM + FUEL}
    storm = next(s for s in stories if "storm0" in s.articles)
    assert storm.title.startswith(("Bão", "Thanh Hóa"))


def test_syndicated_copy_is_listed_not_a_second_voice() -> None:
    articles = corpus()
    title, text = STORM[0]
    copy = make("storm0-copy", "Tin bão: " + title, text + " (Theo TTXVN)", 19)
    articles.append(copy)
    stories = group_stories(articles, Settings())
    storm = next(s for s in stories if "storm0" in s.articles)
    assert "storm0-copy" not in storm.articles
    assert [(d.canonical, d.copy) for d in storm.duplicates] == [("storm0", "storm0-copy")]
    assert storm.duplicates[0].similarity >= Settings().dedup_threshold
    assert copy.duplicate_of == "storm0"


def test_all_duplicates_make_one_story() -> None:
    title, text = FUEL[0]
    copies = [make(f"c{i}", title, text) for i in range(4)]
    stories = group_stories(copies, Settings())
    assert len(stories) == 1
    assert stories[0].articles == ["c0"]
    assert sorted(d.copy for d in stories[0].duplicates) == ["c1", "c2", "c3"]


def test_deterministic() -> None:
    first = group_stories(corpus(), Settings())
    second = group_stories(corpus(), Settings())
    assert [(s.id, s.title, s.articles, s.joins) for s in first] == \
        [(s.id, s.title, s.articles, s.joins) for s in second]


def test_batches_and_order_do_not_change_the_stories() -> None:
    one = StoryClusterer(Settings())
    one.add(corpus())
    many = StoryClusterer(Settings())
    items = corpus()[::-1]
    for i in range(0, len(items), 2):
        many.add(items[i:i + 2])
    assert partition(one.stories()) == partition(many.stories())


def test_non_vietnamese_article_is_kept_out_with_a_reason() -> None:
    english = make("en", *ENGLISH, day=18)
    clusterer = StoryClusterer(Settings())
    clusterer.add(corpus())
    joins = clusterer.add([english])
    assert len(joins) == 1
    assert "language en" in joins[0].reason
    story = next(s for s in clusterer.stories() if "en" in s.articles)
    assert story.articles == ["en"]


def test_empty_input_single_article_and_empty_article() -> None:
    assert group_stories([], Settings()) == []
    single = group_stories([make("one", *FUEL[0])], Settings())
    assert [(s.articles, s.title) for s in single] == [(["one"], FUEL[0][0])]
    empty = make("blank", "", "")
    clusterer = StoryClusterer(Settings())
    joins = clusterer.add([empty, make("one", *FUEL[0])])
    assert joins[0].article == "blank" and "no text" in joins[0].reason
    assert partition(clusterer.stories()) == {frozenset({"blank"}), frozenset({"one"})}
    assert clusterer.add([]) == []


def test_same_id_twice_counts_once() -> None:
    article = make("one", *FUEL[0])
    stories = group_stories([article, article], Settings())
    assert [s.articles for s in stories] == [["one"]]


def test_same_event_a_year_later_is_a_new_story() -> None:
    title, text = STORM[0]
    now = make("now", title, text, 18)
    later = Article(id="later", origin=Origin("later.txt"), title=title + " (một năm nhìn lại)",
                    paragraphs=[text.replace("Rạng sáng 18/7, b", "B")],
                    published=PartialDate(2019, 7, 18))
    stories = group_stories([now, later], Settings(dedup_threshold=0.99))
    assert partition(stories) == {frozenset({"now"}), frozenset({"later"})}
    undated = group_stories([make("a", title, text), make("b", title + " (cập nhật)",
                             text.replace("Rạng sáng 18/7, b", "B"))],
                            Settings(dedup_threshold=0.99))
    assert partition(undated) == {frozenset({"a", "b"})}


def test_time_factor_fades_beyond_the_window() -> None:
    from thoisu.stories.state import StoryState

    story = StoryState(seq=0, id="s", language="vi", first_day=100, last_day=110)
    assert time_factor(None, story, 30) == 1.0
    assert time_factor(130, story, 30) == 1.0
    assert time_factor(170, story, 30) == pytest.approx(0.5)
    assert time_factor(40, story, 30) == pytest.approx(0.5)


def test_rebuilt_state_keeps_stories_and_grows_them() -> None:
    articles = corpus()
    clusterer = StoryClusterer(Settings())
    clusterer.add(articles[:4])
    saved = clusterer.stories()
    rebuilt = StoryClusterer.from_stories(Settings(), saved, articles[:4])
    assert [(s.id, s.articles) for s in rebuilt.stories()] == [(s.id, s.articles) for s in saved]
    joins = rebuilt.add(articles[4:])
    assert all("joined" in j.reason for j in joins)
    assert partition(rebuilt.stories()) == partition(group_stories(articles, Settings()))
    assert rebuilt.story_of("storm2") == rebuilt.story_of("storm0")


def test_update_stories_saves_to_the_store(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from thoisu.store import Store

    articles = corpus()
    with Store.open(f"sqlite:///{tmp_path / 'tin.db'}") as store:
        store.add_articles(articles[:3])
        first = update_stories(store, articles[:3], Settings())
        assert partition(first) == {frozenset({"storm0", "storm1"}), frozenset({"fuel0"})}
        store.add_articles(articles[3:])
        changed = update_stories(store, articles[3:], Settings())
        assert changed
        saved = store.list_stories()
        assert partition(saved) == partition(group_stories(corpus(), Settings()))
        assert store.story_of("storm2") == store.story_of("storm0")
        again = update_stories(store, articles, Settings())
        assert again == []  # nothing new: nothing saved


def test_the_language_is_read_from_the_analysis_record() -> None:
    from thoisu.stories.placement import language_of

    title, text = STORM[0]
    analysed = make("a", title, text)
    analysed.analysis_version = "any"
    analysed.language = "en"  # what the analysis recorded is not detected again
    assert language_of(analysed) == "en"
    analysed.language = "und"  # too short for the analysis to tell: Vietnamese
    assert language_of(analysed) == "vi"
    # an article no analysis has filled is detected here
    assert language_of(make("b", *ENGLISH)) == "en"
    assert language_of(make("c", title, text)) == "vi"


def test_a_name_most_of_the_window_shares_is_weak_evidence() -> None:
    import numpy as np

    from thoisu.stories.name_shares import name_shares
    from thoisu.stories.vectors import ArticleTerms, Vector

    def named(*ids: int) -> ArticleTerms:
        return ArticleTerms(np.array(ids, np.int64), np.ones(len(ids)), np.ones(len(ids), bool))

    # name 1 (a country) in all four articles, name 2 in two, names 3-5 in one each
    shares = name_shares([named(1, 2, 3), named(1, 2), named(1, 4), named(1, 5)])
    vector = Vector(np.array([1, 2, 3], np.int64), np.array([0.6, 0.6, 0.5]), [])
    weights = dict(zip(vector.ids.tolist(), shares.specific(vector).w.tolist(), strict=True))
    assert weights == pytest.approx({1: 0.0, 2: 0.3, 3: 0.5})
    # a window of one article tells nothing about how common a name is
    assert name_shares([named(1, 2)]).specific(vector).w.tolist() == vector.w.tolist()
