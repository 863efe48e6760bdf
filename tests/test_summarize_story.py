"""The story as an editor tells it: the latest development first, the arc, several outlets.

On the seed story (real pages, ../shared/data/seeds) and on invented articles in the style of
the news. Nothing of the seed pages' text is written here: only the rules are checked.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from thoisu.analyse import tag_article_dates
from thoisu.model import Article, Origin, PartialDate, Problem, Story
from thoisu.pipeline import describe_story, process, settle_dates
from thoisu.settings import Settings
from thoisu.summarize import article_from_text, summarize
from thoisu.summarize.headline import is_background, story_headline
from thoisu.summarize.order import sentence_dates
from thoisu.summarize.readable import OK, standalone

# Openings that need the sentence before them (issue #20's examples and their kin).
LEANING = re.compile(r"^\W*(tuy vậy|tuy nhiên|trước đó|sau đó|theo đó|ông này|bà này|"
                     r"điều này|đây là|đó là|ngoài ra|trong khi đó|nhưng)\b", re.I)


def _full(d: PartialDate | None) -> bool:
    return d is not None and None not in (d.year, d.month, d.day)


@pytest.fixture(scope="module")
def seed_articles(seed_paths: list[Path]) -> list[Article]:
    problems: list[Problem] = []
    articles = list(process([str(p) for p in seed_paths], Settings(segmenter="syllable"),
                            problems.append))
    settle_dates(articles)
    return articles


def _latest(articles: list[Article]) -> Article:
    dated = [a for a in articles if _full(a.published)]
    return max(dated, key=lambda a: a.published.sort_key())  # type: ignore[union-attr]


def test_seed_summary_opens_no_sentence_on_a_connective(seed_articles: list[Article]) -> None:
    summary = summarize(seed_articles, 200)
    assert summary.sentences
    for s in summary.sentences:
        assert not LEANING.match(s.text), s.text
        assert standalone(s.text).status == OK, s.text


def test_seed_summary_cites_three_articles_and_the_latest(seed_articles: list[Article]) -> None:
    summary = summarize(seed_articles, 200)
    cited = {s.article for s in summary.sentences}
    assert len(cited) >= 3
    latest = _latest(seed_articles)
    assert latest.id in cited
    # The arc: what happened last comes first.
    assert summary.sentences[0].article == latest.id
    assert summary.sentences[0].text == summary.teaser


def test_seed_teaser_is_the_latest_development_not_background(
        seed_articles: list[Article]) -> None:
    summary = summarize(seed_articles, 200)
    latest = _latest(seed_articles)
    own = {s.text: s.index for s in latest.sentences}
    assert summary.teaser in own
    told = sentence_dates(latest).get(own[summary.teaser])
    assert not is_background(told, latest.published)
    assert summary.title == (latest.title or summary.teaser)


def _development(title: str, background: str, news: str, day: PartialDate, name: str) -> Article:
    a = article_from_text(title, f"{background} {news}\nCác bên chưa bình luận thêm.",
                          Origin(name))
    a.published = day
    a.source = name
    tag_article_dates(a)
    return a


def test_a_new_turn_moves_the_title_teaser_and_summary(seed_articles: list[Article]) -> None:
    settings = Settings(segmenter="syllable")
    story = Story(id="s", title="tiêu đề cũ", articles=[a.id for a in seed_articles])
    describe_story(story, seed_articles, settings)
    before_title, before_teaser = story.title, story.teaser
    latest = _latest(seed_articles)
    assert before_teaser in {s.text for s in latest.sentences}
    # An invented article a few days later, opening on background before its news.
    newer = _development(
        "Nga bắt đầu rút quân khỏi Syria",
        "Cuộc xung đột ở Syria bắt đầu từ tháng 3/2011.",
        "Ngày 11/12/2017, Tổng thống Nga ra lệnh rút phần lớn lực lượng Nga đang ở Syria "
        "về nước sau khi tuyên bố chiến dịch chống IS đã hoàn thành.",
        PartialDate(2017, 12, 11), "tin-moi.vn")
    grown = [*seed_articles, newer]
    story.articles.append(newer.id)
    describe_story(story, grown, settings)
    assert story.title == "Nga bắt đầu rút quân khỏi Syria" != before_title
    assert story.teaser.startswith("Ngày 11/12/2017, Tổng thống Nga ra lệnh rút")
    assert "3/2011" not in story.teaser
    assert story.summary[0].article == newer.id
    # The old lead is not lost: the earlier turn stays in the timeline (issue #20: "the old
    # lead stays in the timeline").
    assert latest.id in {a for event in story.timeline for a in event.articles}


def test_headline_without_dates_takes_the_most_central_article() -> None:
    a = article_from_text("Mưa lớn ở Huế", "Mưa lớn kéo dài khiến nhiều tuyến phố ở Huế ngập "
                          "sâu trong sáng nay.", Origin("a"))
    b = article_from_text("Huế ngập", "Nhiều tuyến phố ở Huế ngập sâu vì mưa lớn kéo dài, "
                          "học sinh được nghỉ học.", Origin("b"))
    c = article_from_text("Giá vàng", "Giá vàng trong nước tăng nhẹ phiên sáng nay theo "
                          "giá thế giới.", Origin("c"))
    title, teaser = story_headline([c, a, b])
    assert title in {"Mưa lớn ở Huế", "Huế ngập"}
    assert "Huế" in teaser
    assert story_headline([]) == ("", "")


def test_three_outlets_are_cited_when_the_story_has_them() -> None:
    long_one = " ".join(f"Đoàn cứu hộ thứ {k} đã tiếp cận khu vực sạt lở ở huyện Nam Trà My "
                        f"trong ngày thứ {k} của chiến dịch tìm kiếm." for k in range(1, 8))
    a = article_from_text("Sạt lở ở Nam Trà My", long_one, Origin("a"))
    a.source = "bao-mot.vn"
    b = article_from_text("Tìm kiếm người mất tích", "Lực lượng cứu hộ tiếp tục tìm kiếm "
                          "người mất tích sau vụ sạt lở ở huyện Nam Trà My.", Origin("b"))
    b.source = "bao-hai.vn"
    c = article_from_text("Nam Trà My khắc phục sạt lở", "Huyện Nam Trà My huy động hàng "
                          "trăm người khắc phục hậu quả sạt lở, mở lại đường vào xã.",
                          Origin("c"))
    c.source = "bao-ba.vn"
    summary = summarize([a, b, c], 90)
    assert len({s.article for s in summary.sentences}) == 3
    assert all(x.reason for x in summary.explain)


def test_a_person_is_named_in_full_before_a_short_form() -> None:
    news = article_from_text("Diễn tập cứu hộ trên sông Hồng", "Sáng 10/5, hơn 500 người tham "
                             "gia diễn tập cứu hộ trên sông Hồng ở Hà Nội.", Origin("c"))
    news.published = PartialDate(2024, 5, 10)
    short = article_from_text("Tướng Hải thăm đơn vị", "Ông Hải cho biết đơn vị sẽ diễn tập "
                              "cứu hộ trên sông Hồng vào tuần tới.", Origin("a"))
    short.published = PartialDate(2024, 5, 7)
    full = article_from_text("Kiểm tra công tác chuẩn bị", "Thiếu tướng Phạm Văn Hải đến thăm "
                             "đơn vị công binh ở Hà Nội và kiểm tra công tác chuẩn bị diễn tập.",
                             Origin("b"))
    full.published = PartialDate(2024, 5, 8)
    summary = summarize([short, full, news], 200)
    texts = [s.text for s in summary.sentences]
    assert texts[0].startswith("Sáng 10/5")
    named = [k for k, t in enumerate(texts) if "Phạm Văn Hải" in t]
    bare = [k for k, t in enumerate(texts) if t.startswith("Ông Hải")]
    assert named and bare and named[0] < bare[0]
    # Quoted word for word.
    by_id = {a.id: a for a in (short, full, news)}
    for s in summary.sentences:
        assert s.text == by_id[s.article].sentences[s.sentence].text
