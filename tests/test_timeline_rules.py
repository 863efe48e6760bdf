"""The timeline rules of issue #13 on invented sentences: whole events, the date that governs
the reported verb, years from the story, and the analysed record read as it is."""

from __future__ import annotations

import pytest

from thoisu.model import Article, Origin, PartialDate, Sentence, TimeExpr
from thoisu.render.dates_vi import format_event_date
from thoisu.timeline import approx_year_of, build_timeline

D = PartialDate


def article(id: str, text: str, published: PartialDate | None = None,
            source: str | None = None) -> Article:
    return Article(id=id, origin=Origin(f"{id}.txt"), title=f"Bài {id}", source=source,
                   paragraphs=[p for p in text.split("\n") if p], published=published)


def test_background_day_gives_the_main_clause_the_report_day() -> None:
    a = article("a", "Sau trận mưa lớn hôm 12/3, nước đã rút khỏi phần lớn các tuyến phố.",
                D(2025, 3, 13))
    (event,) = build_timeline([a])
    assert event.date == D(2025, 3, 13)
    assert event.text.startswith("Nước đã rút")
    assert "background" in event.evidence


def test_background_day_long_before_the_report_dates_nothing() -> None:
    a = article("a", "Sau trận lũ lịch sử hôm 12/3, tỉnh đã xây thêm ba hồ chứa nước lớn.",
                D(2025, 9, 1))
    assert build_timeline([a]) == []


def test_a_trailing_ke_tu_is_background_not_an_event() -> None:
    a = article("a", "Giá xăng đã tăng năm lần liên tiếp kể từ tháng 1/2016.", D(2016, 6, 2))
    assert build_timeline([a]) == []


def test_a_date_alone_on_its_line_dates_the_next_sentence() -> None:
    a = article("a", "Sáng 13/3:\nHàng trăm chiến sĩ được điều động giúp người dân dọn bùn đất.",
                D(2025, 3, 13))
    (event,) = build_timeline([a])
    assert event.date == D(2025, 3, 13)
    assert event.text.startswith("Hàng trăm chiến sĩ")


def test_a_plan_told_after_a_comma_keeps_its_subject() -> None:
    a = article("a", "Cũng trong ngày 7/12, Bộ Ngoại giao thông báo phái đoàn của nước này sẽ "
                     "trở lại Geneva, Thụy Sĩ, vào ngày 10/12 tới để dự phiên họp thường niên "
                     "về thương mại nông sản cùng nhiều nước châu Á.", D(2017, 12, 8))
    events = {e.date.iso(): e.text for e in build_timeline([a])}
    # The plan keeps who announced it (#20): the ministry and its verb.
    assert events["2017-12-10"].startswith(
        "Bộ Ngoại giao thông báo phái đoàn của nước này sẽ trở lại Geneva")
    assert not events["2017-12-10"].lower().startswith("vào ngày")


def test_yearless_report_takes_the_first_year_after_what_it_names_as_past() -> None:
    a = article("a", "Ngày 25/5, hai bên bắt đầu tuần tra chung trên tuyến biên giới phía bắc.\n"
                     "Chiến dịch của liên quân được phát động từ tháng 9/2015.",
                D(None, 5, 26))
    events = build_timeline([a])
    first = next(e for e in events if e.date.year is None)
    assert first.date == D(None, 5, 25)  # the written date stays partial
    assert approx_year_of(first) == 2016
    assert "2015-09" in first.year_evidence
    assert format_event_date(first) == "25/5 (khoảng 2016)"
    assert [e.date.iso() for e in events] == ["2015-09", "XXXX-05-25"]


def test_yearless_day_sits_after_its_dated_neighbour_not_after_the_timeline() -> None:
    a = article("a", "Ngày 3/2/2020, nhà máy khởi công xây dựng giai đoạn một.\n"
                     "Ngày 20/11, nhà máy đón lô thiết bị đầu tiên từ cảng Hải Phòng.",
                D(None, 11, 21))
    b = article("b", "Ngày 5/6/2021, nhà máy chính thức vận hành thương mại toàn bộ dây chuyền.")
    events = build_timeline([a, b])
    order = [e.date.iso() for e in events]
    assert order.index("XXXX-11-20") < order.index("2021-06-05")
    placed = events[order.index("XXXX-11-20")]
    assert getattr(placed, "approximate", False) and placed.year_evidence


def test_the_same_yearless_event_takes_the_year_another_outlet_gives() -> None:
    undated = article("u", "Ngày 28/3, quân đội chiếm lại thành phố cổ Palmyra từ tay phiến quân.")
    dated = article("d", "Quân đội ngày 28/3 đã chiếm lại thành phố cổ Palmyra.", D(2016, 3, 29))
    (event,) = build_timeline([undated, dated])
    assert event.date == D(2016, 3, 28) and event.articles == ["u", "d"]
    assert "same event" in event.year_evidence


def test_different_events_of_one_day_stay_apart() -> None:
    a = article("a", "Sáng 26/4, tuyến cao tốc mới chính thức thông xe sau hai năm thi công.\n"
                     "Cùng ngày 26/4, tỉnh khai trương tuyến xe buýt nối trung tâm với khu công "
                     "nghiệp.", D(2025, 4, 27))
    assert len(build_timeline([a])) == 2


def test_analysed_article_is_read_not_tagged_again(monkeypatch: pytest.MonkeyPatch) -> None:
    import thoisu.dates
    import thoisu.dates.published

    def fail(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("an analysed article must not be tagged or dated again")

    monkeypatch.setattr(thoisu.dates, "tag_dates", fail)
    monkeypatch.setattr(thoisu.dates.published, "infer_published", fail)
    text = "Ngày 28/3, đoàn công tác đến Huế khảo sát vùng ngập."
    a = Article(id="a", origin=Origin("a.txt"), paragraphs=[text], published=None,
                sentences=[Sentence(text, 0, 0)], analysis_version="test",
                dates=[TimeExpr("Ngày 28/3", 0, 9, "date", "2024-03-28", "date:numeric",
                                sentence=0)])
    (event,) = build_timeline([a])
    assert event.date == D(2024, 3, 28)


def test_many_copies_of_one_dated_sentence_make_one_entry() -> None:
    # Merging compares a candidate with each distinct text once: thousands of copies are one
    # comparison each, and they are still one event.
    text = " ".join(["Hà Nội ngày 12/3/2017 mưa lớn."] * 3000)
    events = build_timeline([article("a", text, D(2017, 3, 13))])
    assert len(events) == 1 and events[0].date == D(2017, 3, 12)


def test_sources_are_named_by_outlet_and_number() -> None:
    from thoisu.render.timeline_chart import timeline_markdown

    a = article("9a31cd67b40c03ea", "Ngày 28/3, đoàn công tác đến Huế khảo sát vùng ngập.",
                D(2024, 3, 29), source="Theo Báo Miền Trung")
    a.title = "Đoàn công tác khảo sát vùng ngập"
    text = timeline_markdown(build_timeline([a]), [a])
    assert "Báo Miền Trung [1]" in text and "9a31cd67b40c03ea" not in text
    assert "28/3/2024" in text and "2024-03-28" not in text


@pytest.mark.parametrize("published", [D(1, 1, 1), D(9999, 12, 31), D(2017, 2, 31),
                                       D(None, 2, 30), D(2017, 13, 1)])
def test_edge_publication_dates_never_break_a_timeline(published: PartialDate) -> None:
    from thoisu.render.timeline_chart import timeline_markdown, timeline_svg

    a = article("a", "Hôm qua, nước sông dâng cao.\nNgày mai, đoàn cứu hộ sẽ đến.\n"
                     "Ngày 12/3, mưa lớn kéo dài ở Huế.\nSau trận mưa hôm qua, nước đã rút.",
                published)
    events = build_timeline([a])
    timeline_markdown(events, [a])
    timeline_svg(events)
    for event in events:
        assert event.date.year is None or 1900 <= event.date.year <= 9999


def test_one_event_from_two_outlets_at_month_and_day_is_one_entry() -> None:
    # #20: "tháng 5/2022" and "9/5/2022" are compatible; the same short event ("khởi công")
    # from two outlets is one entry with both sources.
    a = article("a", "Dự án được duyệt năm 2020 và khởi công đầu tháng 5/2022.", D(2024, 6, 1))
    b = article("b", "Nhà máy nước được khởi công ngày 9/5/2022.", D(2024, 6, 1))
    started = [e for e in build_timeline([a, b]) if e.date.year == 2022]
    assert len(started) == 1, [e.text for e in started]
    assert started[0].date == D(2022, 5, 9) and started[0].articles == ["a", "b"]


def test_two_short_events_of_one_month_stay_apart() -> None:
    a = article("a", "Nhà máy nước được khởi công ngày 9/5/2022.", D(2024, 6, 1))
    b = article("b", "Cầu tạm bị lũ cuốn trôi ngày 20/5/2022.", D(2024, 6, 1))
    assert len(build_timeline([a, b])) == 2


def test_an_undated_event_sits_between_its_neighbours_not_after_the_story() -> None:
    # #20: "15/4" (no year, in an article published without one) is told between two dated
    # days of 2023; the story ends in 2025 through another article. It goes between them.
    a = article("a", "Ngày 2/3/2023, tỉnh phê duyệt dự án đường ven biển.\n"
                     "Ngày 15/4, nhà thầu bàn giao mặt bằng cho công trình.\n"
                     "Ngày 9/6/2023, dự án chính thức khởi công.", D(None, 6, 10))
    b = article("b", "Ngày 20/1/2025, tuyến đường ven biển thông xe toàn tuyến.", D(2025, 1, 21))
    order = [e.date.iso() for e in build_timeline([a, b])]
    assert order == ["2023-03-02", "XXXX-04-15", "2023-06-09", "2025-01-20"]
