"""Near-duplicates: syndicated copies, canonical choice, incremental index, awkward input."""

from __future__ import annotations

from thoisu.model import Article, Origin, PartialDate
from thoisu.settings import Settings
from thoisu.stories.dedup import DuplicateIndex, find_duplicates, shingles

BODY = [
    "Chiều 12/5, Ban Chỉ đạo phòng chống thiên tai tỉnh Quảng Nam cho biết mưa lớn kéo dài "
    "suốt ba ngày đã làm sạt lở nhiều đoạn đường lên các huyện miền núi.",
    "Hơn 200 hộ dân ở huyện Nam Trà My phải di dời khẩn cấp đến nơi an toàn, lực lượng "
    "biên phòng và dân quân được huy động để giúp người dân chuyển đồ đạc.",
    "Theo cơ quan khí tượng, mưa còn kéo dài đến hết tuần, nguy cơ lũ quét rất cao ở vùng "
    "thượng nguồn sông Thu Bồn.",
]
OTHER = [
    "Ngân hàng Nhà nước vừa công bố giảm lãi suất điều hành thêm 0,5 điểm phần trăm, áp dụng "
    "từ đầu tháng tới, nhằm hỗ trợ doanh nghiệp vượt qua khó khăn.",
    "Các chuyên gia cho rằng quyết định này sẽ giúp lãi suất cho vay giảm dần trong quý tới.",
]


def article(id: str, paragraphs: list[str], title: str = "", published: PartialDate | None = None,
            ) -> Article:
    return Article(id=id, origin=Origin(f"{id}.txt"), title=title, paragraphs=paragraphs,
                   published=published)


def test_syndicated_copy_with_other_boilerplate_is_linked_with_its_similarity() -> None:
    original = article("vnexpress", BODY, "Mưa lớn gây sạt lở ở Quảng Nam",
                       PartialDate(2017, 5, 12))
    copy = article("baomoi", [*BODY, "Theo VnExpress", "Xem thêm: tin thời tiết mới nhất"],
                   "Quảng Nam: hơn 200 hộ dân phải di dời vì mưa lớn", PartialDate(2017, 5, 13))
    unrelated = article("cafef", OTHER, "Giảm lãi suất điều hành")
    links = find_duplicates([copy, unrelated, original], Settings())
    assert len(links) == 1
    link = links[0]
    assert (link.canonical, link.copy) == ("vnexpress", "baomoi")  # the earlier one
    assert Settings().dedup_threshold <= link.similarity <= 1.0


def test_canonical_is_longest_when_undated_then_first() -> None:
    short = article("a", BODY[:3])
    longer = article("b", [*BODY, "Tin liên quan: nhiều tuyến đường bị chia cắt"])
    links = find_duplicates([short, longer], Settings())
    assert [(x.canonical, x.copy) for x in links] == [("b", "a")]
    same1, same2 = article("x", BODY), article("y", BODY)
    links = find_duplicates([same1, same2], Settings())
    assert [(x.canonical, x.copy, x.similarity) for x in links] == [("x", "y", 1.0)]


def test_dated_article_beats_undated_even_if_shorter() -> None:
    dated = article("dated", BODY, published=PartialDate(2017, 5, 12))
    undated = article("undated", [*BODY, "Mời bạn đọc theo dõi các tin tiếp theo"])
    links = find_duplicates([undated, dated], Settings())
    assert [(x.canonical, x.copy) for x in links] == [("dated", "undated")]


def test_different_articles_are_not_copies() -> None:
    assert find_duplicates([article("a", BODY), article("b", OTHER)], Settings()) == []


def test_threshold_is_a_setting() -> None:
    half = article("half", [BODY[0], *OTHER])
    full = article("full", BODY)
    assert find_duplicates([full, half], Settings()) == []
    loose = find_duplicates([full, half], Settings(dedup_threshold=0.1))
    assert [(x.canonical, x.copy) for x in loose] == [("full", "half")]


def test_deterministic() -> None:
    items = [article(str(i), BODY if i % 2 else OTHER) for i in range(6)]
    first = find_duplicates(items, Settings())
    assert first == find_duplicates(items, Settings())
    assert {x.canonical for x in first} == {"0", "1"}
    assert len(first) == 4


def test_empty_and_tiny_articles_do_not_crash() -> None:
    empty = article("empty", [])
    title_only = article("t", [], "Bão số 3")
    assert find_duplicates([], Settings()) == []
    assert find_duplicates([empty, article("e2", [""])], Settings()) == []
    assert shingles(title_only, 3) == {"bão số 3"}
    assert find_duplicates([title_only, article("t2", [], "BÃO SỐ 3!")], Settings())[0].copy == "t2"


def test_index_links_a_later_copy_to_the_earlier_canonical() -> None:
    index = DuplicateIndex(Settings())
    assert index.add([article("first", BODY), article("other", OTHER)]) == []
    # Earlier date, but the canonical already shown stays canonical.
    late = index.add([article("late", BODY, published=PartialDate(2000, 1, 1))])
    assert [(x.canonical, x.copy) for x in late] == [("first", "late")]
    assert index.canonical_of("late") == "first"
    assert index.add([article("first", BODY)]) == []  # the same id again: ignored
    assert len(index) == 3


def test_case_and_punctuation_do_not_hide_a_copy() -> None:
    shouted = [p.upper().replace(",", ";") for p in BODY]  # same length: "calm" first
    links = find_duplicates([article("calm", BODY), article("loud", shouted)], Settings())
    assert [(x.canonical, x.copy, x.similarity) for x in links] == [("calm", "loud", 1.0)]
