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


# -- originals and copies (#20): a credit line names the original, never the copy's outlet ------

def page(title: str, body: list[str], closing: list[str], lead_tag: str = "") -> str:
    first = f"{lead_tag} - {body[0]}" if lead_tag else body[0]
    return "\n\n".join([title, first, *body[1:], *closing]) + "\n"


def cleaned(text: str, **meta: str) -> Article:
    from thoisu.clean.page import clean_text

    [one] = clean_text(text, Settings(), Origin("p.txt"), meta=dict(meta))
    return one


def test_a_credit_line_goes_to_meta_and_never_replaces_the_outlet() -> None:
    copy = cleaned(page("Mưa lớn gây sạt lở ở Quảng Nam", BODY, ["Minh Thư", "Theo Báo Núi Xanh"]),
                   source="Tin Phố Hội")
    assert copy.source == "Tin Phố Hội" and copy.meta["credit"] == "Báo Núi Xanh"
    # "Nguồn: X" and "Theo_X" are credits too; with no outlet of its own the page has none.
    for line in ("Nguồn: Báo Núi Xanh", "Theo_Báo Núi Xanh"):
        alone = cleaned(page("Mưa lớn gây sạt lở ở Quảng Nam", BODY, ["Minh Thư", line]))
        assert alone.source is None and alone.meta["credit"] == "Báo Núi Xanh", line


def test_a_credit_by_address_and_the_last_of_two_credits() -> None:
    by_host = cleaned(page("Mưa lớn gây sạt lở ở Quảng Nam", BODY,
                           ["Minh Thư", "Theo www.nuixanh.vn"]), source="Tin Phố Hội")
    assert by_host.meta["credit"] == "www.nuixanh.vn" and by_host.source == "Tin Phố Hội"
    # A page copied with its own credit line ("Theo Reuters") under the copier's credit: the
    # copier's, the last one, names where this page took the text.
    twice = cleaned(page("Mưa lớn gây sạt lở ở Quảng Nam", BODY,
                         ["Theo Reuters", "Theo Báo Núi Xanh"]), source="Tin Phố Hội")
    assert twice.meta["credit"] == "Báo Núi Xanh"


def test_the_lead_tag_is_the_outlet_and_the_credit_stays_a_credit() -> None:
    tagged = cleaned(page("Mưa lớn gây sạt lở ở Quảng Nam", BODY, ["Minh Thư", "Theo Báo Núi Xanh"],
                          lead_tag="(Tin Phố Hội)"))
    assert tagged.source == "Tin Phố Hội" and tagged.meta["credit"] == "Báo Núi Xanh"


def _pair(original_source: str, copy_meta: dict[str, str], copy_day: int | None = None,
          original_day: int | None = None) -> tuple[Article, Article]:
    original = Article("goc", Origin("goc.txt"), paragraphs=BODY, source=original_source,
                       published=PartialDate(2025, 5, original_day) if original_day else None)
    copy = Article("ban-sao", Origin("sao.txt"), paragraphs=BODY, source="Tin Phố Hội",
                   meta=copy_meta,
                   published=PartialDate(2025, 5, copy_day) if copy_day else None)
    return original, copy


def test_the_credited_page_is_the_original_even_when_the_copy_comes_first_or_earlier() -> None:
    for copy_day, original_day in ((None, None), (11, 12), (11, None)):
        original, copy = _pair("Báo Núi Xanh", {"credit": "Báo Núi Xanh"}, copy_day, original_day)
        links = find_duplicates([copy, original], Settings())
        assert [(x.canonical, x.copy) for x in links] == [("goc", "ban-sao")], (copy_day,
                                                                                original_day)


def test_without_a_credit_the_earlier_published_is_the_original() -> None:
    original, copy = _pair("Báo Núi Xanh", {}, copy_day=13, original_day=12)
    assert [(x.canonical, x.copy) for x in find_duplicates([copy, original], Settings())] == [
        ("goc", "ban-sao")]
    # A credit naming a third outlet says nothing about these two: the earlier one wins.
    original, copy = _pair("Báo Núi Xanh", {"credit": "Reuters"}, copy_day=11, original_day=12)
    assert [(x.canonical, x.copy) for x in find_duplicates([original, copy], Settings())] == [
        ("ban-sao", "goc")]


def test_an_outlet_crediting_itself_is_no_copy_of_itself() -> None:
    original, copy = _pair("Báo Núi Xanh", {"credit": "Báo Núi Xanh"})
    copy.source = "Báo Núi Xanh"  # its own sign-off, "Nguồn: Báo Núi Xanh"
    from thoisu.stories.dedup import credits, provenance

    assert not credits(provenance(copy), provenance(original))


def test_examples_the_copy_keeps_its_outlet_and_tin_song_huong_stays_the_original(
        examples_dir) -> None:  # type: ignore[no-untyped-def]
    from thoisu.pipeline import process
    from thoisu.stories.group import group_stories

    paths = [str(examples_dir / n)
             for n in ("hue-ngap-phuongnam.txt", "hue-ngap-tinsonghuong.txt")]  # copy first
    problems: list[object] = []
    articles = list(process(paths, Settings(segmenter="syllable"), problems.append))
    assert not problems
    by_file = {a.origin.path.rsplit("/", 1)[-1]: a for a in articles}
    real, copy = by_file["hue-ngap-tinsonghuong.txt"], by_file["hue-ngap-phuongnam.txt"]
    assert copy.source != "Tin Sông Hương" and copy.meta["credit"] == "Tin Sông Hương"
    assert real.source == "Tin Sông Hương"
    [story] = group_stories(articles, Settings())
    assert story.articles == [real.id] and copy.duplicate_of == real.id
    assert [(d.canonical, d.copy) for d in story.duplicates] == [(real.id, copy.id)]


def test_stored_copy_says_duplicate_of_as_its_story_does(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # The copy arrives first; the credited original comes in a later ingest and takes its
    # place: the copy's stored duplicate_of and the story's links name the same original.
    from thoisu.ingest import ingest_articles
    from thoisu.store import Store

    original, copy = _pair("Báo Núi Xanh", {"credit": "Báo Núi Xanh"})
    with Store.open(f"sqlite:///{tmp_path / 'tin.db'}") as store:
        ingest_articles(store, [copy], Settings())
        ingest_articles(store, [original], Settings())
        [story] = store.list_stories()
        assert story.articles == ["goc"]
        assert [(d.canonical, d.copy) for d in story.duplicates] == [("goc", "ban-sao")]
        stored = {a.id: a for a in store.get_articles(["goc", "ban-sao"])}
        assert stored["ban-sao"].duplicate_of == "goc" and stored["goc"].duplicate_of is None
