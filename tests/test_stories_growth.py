"""Stories that stay right as the store grows: unrelated articles change nothing, the
original of a copy pair is canonical whatever the order it arrives in, spans compare only
comparable dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_stories import FUEL, STORM, make
from thoisu.model import Article, Origin, PartialDate, Story
from thoisu.render.dates_vi import format_span
from thoisu.settings import Settings
from thoisu.stories import group_stories
from thoisu.stories.cluster import StoryClusterer
from thoisu.stories.dedup import credits, provenance
from thoisu.stories.facts import describe_facts

# Unrelated news of the same days (invented): none of it is about storms or fuel prices.
UNRELATED = [
    ("Đội tuyển bóng chuyền nữ giành vé vào bán kết",
     "Tối 19/7, đội tuyển bóng chuyền nữ Việt Nam thắng Thái Lan 3-1 tại Nhà thi đấu Phú Thọ "
     "để giành vé vào bán kết giải châu Á. Chủ công Thanh Thúy ghi 24 điểm."),
    ("Hà Nội công bố điểm chuẩn lớp 10 công lập",
     "Sở Giáo dục và Đào tạo Hà Nội công bố điểm chuẩn vào lớp 10 của 117 trường công lập. "
     "Trường Chu Văn An lấy 42,5 điểm, cao nhất thành phố."),
    ("Ra mắt ứng dụng đặt lịch khám bệnh của Bệnh viện Bạch Mai",
     "Bệnh viện Bạch Mai đưa vào dùng ứng dụng đặt lịch khám trên điện thoại, giúp người bệnh "
     "giảm thời gian chờ đợi. Ứng dụng cho phép thanh toán viện phí không dùng tiền mặt."),
    ("Xe khách lật trên đèo Bảo Lộc, 5 người bị thương",
     "Rạng sáng 21/7, xe khách 45 chỗ lao vào vách núi rồi lật nghiêng trên đèo Bảo Lộc, tỉnh "
     "Lâm Đồng; 5 hành khách bị thương nhẹ được đưa đi cấp cứu."),
    ("Giá cà phê Tây Nguyên lên mức cao nhất năm",
     "Giá cà phê nhân xô tại Đắk Lắk và Gia Lai tăng lên 68.000 đồng mỗi kg, mức cao nhất "
     "từ đầu năm do nguồn cung từ Brazil giảm."),
    ("Khai mạc triển lãm tranh sơn mài ở Huế",
     "Bảo tàng Mỹ thuật Huế khai mạc triển lãm 60 bức tranh sơn mài của các họa sĩ miền Trung, "
     "kéo dài đến hết tháng 8."),
]


def given() -> list[Article]:
    storms = [make(f"storm{i}", t, x, 18 + i) for i, (t, x) in enumerate(STORM)]
    fuel = [make(f"fuel{i}", t, x, 20 + i) for i, (t, x) in enumerate(FUEL)]
    return [*storms, *fuel]


def unrelated() -> list[Article]:
    return [make(f"other{i}", t, x, 19 + i % 3) for i, (t, x) in enumerate(UNRELATED)]


def partition_of(stories: list[Story], ids: set[str]) -> set[frozenset[str]]:
    out = set()
    for s in stories:
        members = frozenset(i for i in [*s.articles, *(d.copy for d in s.duplicates)]
                            if i in ids)
        if members:
            out.add(members)
    return out


def test_unrelated_articles_in_the_store_change_no_story_of_the_given_ones() -> None:
    ids = {a.id for a in given()}
    alone = partition_of(group_stories(given(), Settings()), ids)
    assert alone == {frozenset(f"storm{i}" for i in range(3)),
                     frozenset(f"fuel{i}" for i in range(3))}
    # Mixed in one batch, or stored first and added after: the same stories.
    assert partition_of(group_stories([*unrelated(), *given()], Settings()), ids) == alone
    clusterer = StoryClusterer(Settings())
    clusterer.add(unrelated())
    clusterer.add(given())
    assert partition_of(clusterer.stories(), ids) == alone


@pytest.mark.slow
def test_seed_pages_get_the_same_stories_alone_and_mixed_into_vims(seeds_dir: Path,
                                                                     vims_dir: Path) -> None:
    from thoisu.evaluate.clustering import vims_articles
    from thoisu.evaluate.vims import load_vims
    from thoisu.pipeline import process

    seeds = list(process([str(seeds_dir)], Settings(), on_problem=lambda p: None))
    ids = {a.id for a in seeds}
    vims, _ = vims_articles(load_vims(vims_dir)[:60])
    alone = partition_of(group_stories(seeds, Settings()), ids)
    assert partition_of(group_stories([*vims, *seeds], Settings()), ids) == alone
    assert partition_of(group_stories([*seeds, *vims], Settings()), ids) == alone


ORIGINAL_TEXT = ("Chiều 3/8, Sở Y tế Đà Nẵng cho biết 42 học sinh trường tiểu học Hòa Phú bị ngộ "
                 "độc sau bữa trưa bán trú, phải đưa đi cấp cứu. Các em có biểu hiện đau bụng, "
                 "nôn ói sau khi ăn cơm gà. Mẫu thức ăn đã được gửi đi xét nghiệm, bếp ăn bị "
                 "tạm đình chỉ hoạt động.")


def copy_pair(copy_first_day: int | None, original_day: int | None) -> tuple[Article, Article]:
    original = Article("orig", Origin("o"), title="42 học sinh ngộ độc sau bữa trưa bán trú",
                       paragraphs=[ORIGINAL_TEXT], url="https://tuoitre.vn/hoc-sinh-ngo-doc.htm",
                       published=PartialDate(2025, 8, original_day) if original_day else None)
    copy = Article("copy", Origin("c"), title="Đà Nẵng: 42 học sinh nhập viện",
                   paragraphs=[ORIGINAL_TEXT], url="https://baomoi.example/ngo-doc.htm",
                   source="Báo Mới Mẫu", meta={"credit": "Tuổi Trẻ"},  # "Theo Tuổi Trẻ"
                   published=PartialDate(2025, 8, copy_first_day) if copy_first_day else None)
    return original, copy


def test_credit_reads_the_source_line_against_the_original_host() -> None:
    original, copy = copy_pair(None, None)
    assert credits(provenance(copy), provenance(original))
    assert not credits(provenance(original), provenance(copy))


@pytest.mark.parametrize("copy_day, original_day", [(None, None), (3, 4), (3, 3), (None, 4)])
def test_the_credited_original_is_canonical_in_one_batch(copy_day, original_day) -> None:  # type: ignore[no-untyped-def]
    # Even when the re-publication carries an earlier date or the only date: it credits the
    # other outlet, so the other is the original.
    original, copy = copy_pair(copy_day, original_day)
    stories = group_stories([copy, original], Settings())
    assert [s.articles for s in stories] == [["orig"]]
    assert [(d.canonical, d.copy) for d in stories[0].duplicates] == [("orig", "copy")]
    assert copy.duplicate_of == "orig"


def test_the_original_arriving_after_its_copy_takes_its_place() -> None:
    original, copy = copy_pair(None, 3)
    clusterer = StoryClusterer(Settings())
    clusterer.add([copy])
    joins = clusterer.add([original])
    assert [j.article for j in joins] == ["orig"] and "original of copy" in joins[0].reason
    stories = clusterer.stories()
    assert [s.articles for s in stories] == [["orig"]]
    assert [(d.canonical, d.copy) for d in stories[0].duplicates] == [("orig", "copy")]
    assert clusterer.story_of("copy") == clusterer.story_of("orig") == stories[0].id


def test_an_earlier_copy_by_comparable_dates_is_the_original() -> None:
    a = Article("late", Origin("l"), paragraphs=[ORIGINAL_TEXT], published=PartialDate(2025, 8, 5))
    b = Article("early", Origin("e"), paragraphs=[ORIGINAL_TEXT],
                published=PartialDate(2025, 8, 3))
    clusterer = StoryClusterer(Settings())
    clusterer.add([a])
    clusterer.add([b])
    assert [s.articles for s in clusterer.stories()] == [["early"]]


def test_a_yearless_date_is_not_compared_with_a_full_one() -> None:
    a = Article("full", Origin("f"), paragraphs=[ORIGINAL_TEXT], published=PartialDate(2025, 8, 5))
    b = Article("partial", Origin("p"), paragraphs=[ORIGINAL_TEXT],
                published=PartialDate(None, 1, 2))
    clusterer = StoryClusterer(Settings())
    clusterer.add([a])
    clusterer.add([b])
    assert [s.articles for s in clusterer.stories()] == [["full"]]  # the indexed one stays


def _span(articles: list[Article]) -> tuple[PartialDate | None, PartialDate | None]:
    story = describe_facts(Story("s", "t", [a.id for a in articles]), articles)
    return story.span_start, story.span_end


def test_story_span_uses_comparable_dates_and_never_runs_backwards() -> None:
    dated = [Article(f"a{k}", Origin("x"), published=d) for k, d in enumerate(
        [PartialDate(None, 6, 15), PartialDate(2025, 6, 15), PartialDate(None, 5, 1),
         PartialDate(2025, 4, 29), None])]
    first, last = _span(dated)
    assert (first, last) == (PartialDate(2025, 4, 29), PartialDate(2025, 6, 15))
    text = format_span(first, last)
    assert "XXXX" not in text and text == "29/4 – 15/6/2025"
    partial = [Article("p1", Origin("x"), published=PartialDate(None, 5, 1)),
               Article("p2", Origin("x"), published=PartialDate(None, 6, 15))]
    assert format_span(*_span(partial)) == "1/5 – 15/6 (chưa rõ năm)"
    assert format_span(*_span([Article("m", Origin("x"), published=PartialDate(2011, 3))])) \
        == "tháng 3/2011"
    assert _span([Article("n", Origin("x"))]) == (None, None)
