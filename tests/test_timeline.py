"""Timelines: dated clauses, merged across articles, ordered, partial dates kept partial."""

from __future__ import annotations

from dataclasses import replace

from thoisu.analyse import analyse_article
from thoisu.model import Article, Event, Origin, PartialDate, TimeExpr
from thoisu.settings import Settings
from thoisu.timeline import build_timeline
from thoisu.timeline.candidates import parse_value
from thoisu.timeline.clauses import event_clause
from thoisu.timeline.merge import compatible


def article(id: str, text: str, published: PartialDate | None = None) -> Article:
    return Article(id=id, origin=Origin(f"{id}.txt"), title=f"Bài {id}",
                   paragraphs=[p for p in text.split("\n") if p], published=published)


def summary(events: list[Event]) -> list[tuple[str, list[str]]]:
    return [(e.date.iso(), e.articles) for e in events]


D = PartialDate


def test_same_event_told_by_two_articles_is_one_entry() -> None:
    a = article("a", "Ngày 23/1, đàm phán hòa bình về Syria bắt đầu tại Astana với đoàn chính phủ "
                     "và phe đối lập.", D(2017, 1, 24))
    b = article("b", "Cuộc đàm phán hòa bình về Syria đã bắt đầu tại Astana hôm 23/1, lần đầu có "
                     "cả phe đối lập.", D(2017, 1, 25))
    events = build_timeline([a, b])
    assert summary(events) == [("2017-01-23", ["a", "b"])]
    assert events[0].date.precision == "day"
    assert "merged" in events[0].evidence


def test_different_events_on_one_day_stay_apart() -> None:
    a = article("a", "Ngày 7/12, quân đội tuyên bố giải phóng hoàn toàn tỉnh biên giới.\n"
                     "Cũng ngày 7/12, Bộ Ngoại giao thông báo phái đoàn sẽ dự hòa đàm.",
                D(2017, 12, 8))
    assert len(build_timeline([a])) == 2


def test_events_come_in_date_order_whatever_the_article_order() -> None:
    late = article("late", "Ngày 28/10, Tổng thống bác đề nghị nối lại không kích.",
                   D(2016, 10, 29))
    early = article("early", "Không quân bắt đầu không kích từ ngày 30/9/2015.\n"
                             "Xung đột bắt đầu từ tháng 3/2011.", D(2016, 1, 1))
    events = build_timeline([late, early])
    assert [e.date.iso() for e in events] == ["2011-03", "2015-09-30", "2016-10-28"]
    assert [e.date.precision for e in events] == ["month", "day", "day"]


def test_partial_dates_stay_partial_and_group_after_dated_ones() -> None:
    undated = article("u", "Ngày 28/3, quân đội chiếm lại thành phố cổ.")
    dated = article("d", "Ngày 5/12, vòng đàm phán thứ tám được nối lại.\n"
                         "Các vòng trước bắt đầu từ năm 2016.", D(2017, 12, 8))
    events = build_timeline([undated, dated])
    assert [e.date.iso() for e in events] == ["2016", "2017-12-05", "XXXX-03-28"]
    assert events[-1].date.precision == "partial"


def tagged(a: Article, *dates: TimeExpr) -> Article:
    """``a`` analysed, with the time expressions of its first sentence set by hand: what a
    tagger might have found (the timeline reads the record, it never tags)."""
    analyse_article(a, Settings())
    a.dates = [replace(d, sentence=0) for d in dates]
    return a


def test_partial_date_placed_among_dated_ones_when_the_story_has_one_year() -> None:
    text = "Ngày 28/3, quân đội chiếm lại thành phố cổ."
    i = text.index("28/3")  # a date the tagger could not give a year
    undated = tagged(article("u", text, D(2016, 4, 1)),
                     TimeExpr("28/3", i, i + 4, "date", "XXXX-03-28"))
    dated = article("d", "Ngày 15/3, máy bay rút về nước.\nNgày 2/4, phái đoàn đến Geneva.",
                    D(2016, 4, 3))
    events = build_timeline([undated, dated])
    assert [e.date.iso() for e in events] == ["2016-03-15", "XXXX-03-28", "2016-04-02"]


def test_background_years_do_not_place_a_yearless_day() -> None:
    undated = article("u", "Ngày 23/5, Nhà Trắng công bố gói viện trợ mới.")
    background = article("b", "Đầu tháng 6/2015, bộ trưởng công bố khoản viện trợ đầu tiên.\n"
                               "Ngày 23/5, tổng thống tới thăm thủ đô.")
    events = build_timeline([undated, background])
    assert events[0].date.iso() == "2015-06"
    assert all(e.date.year is None for e in events[1:])


def test_partial_date_merges_with_the_full_date_of_the_same_event() -> None:
    undated = article("u", "Ngày 28/3, quân đội Syria chiếm lại thành phố cổ Palmyra từ tay IS.")
    dated = article("d", "Quân đội Syria ngày 28/3 đã chiếm lại thành phố cổ Palmyra.",
                    D(2016, 3, 29))
    events = build_timeline([undated, dated])
    assert summary(events) == [("2016-03-28", ["u", "d"])]


def test_ranges_keep_their_end() -> None:
    a = article("a", "Các cuộc họp diễn ra trong hai ngày 23-24/1 tại Astana.", D(2017, 1, 25))
    (event,) = build_timeline([a])
    assert (event.date.iso(), event.end.iso() if event.end else None) == ("2017-01-23",
                                                                          "2017-01-24")
    assert event.to_json()["end"] == "2017-01-24"


def test_range_from_the_tagger_end_value() -> None:
    text = "Cuộc tập trận kéo dài từ 15/3 đến 20/3 ở biển Baltic."
    i = text.index("15/3")
    a = tagged(article("a", text), TimeExpr("từ 15/3 đến 20/3", i - 3, i + 14, "date",
                                            "2016-03-15", end_value="2016-03-20"))
    (event,) = build_timeline([a])
    assert event.end == D(2016, 3, 20)


def test_no_dates_no_events_and_no_crash() -> None:
    assert build_timeline([]) == []
    assert build_timeline([article("a", "Không có ngày tháng nào ở đây cả.")]) == []
    assert build_timeline([Article(id="e", origin=Origin("e"))]) == []


def test_impossible_dates_and_durations_give_no_event() -> None:
    a = article("a", "Ngày 31/2 và ngày 32/13 không tồn tại.\nCuộc họp kéo dài 10 ngày.\n"
                     "Tỷ số là 3/4 sau trận đấu.", D(2017, 1, 5))
    assert build_timeline([a]) == []


def test_values_that_name_no_placeable_date_are_dropped() -> None:
    assert parse_value("2017-02-29") is None
    assert parse_value("2016-02-29") == D(2016, 2, 29)
    assert parse_value("2017-W03") is None
    assert parse_value("XXXX-03") is None
    assert parse_value("P10D") is None
    assert parse_value("2011-Q3") == D(2011)
    assert parse_value("XXXX-03-28TMO") == D(None, 3, 28)


def test_far_years_are_not_events() -> None:
    a = tagged(article("a", "năm 1200, năm 2990 xa lắm", D(2017)),
               TimeExpr("năm 1200", 0, 8, "date", "1200"),
               TimeExpr("năm 2990", 10, 18, "date", "2990"))
    assert build_timeline([a]) == []


def test_same_day_takes_the_previous_date() -> None:
    a = article("a", "Ngày 7/12, quân đội tuyên bố không còn vùng lãnh thổ nào bị chiếm giữ.\n"
                     "Trước đó cùng ngày, vị tướng chỉ huy đã tuyên bố chiến thắng trên truyền "
                     "hình.", D(2017, 12, 8))
    events = build_timeline([a])
    assert [e.date.iso() for e in events] == ["2017-12-07", "2017-12-07"]
    assert any(e.text.startswith("Cùng ngày") for e in events)


def test_long_sentence_gives_its_clause() -> None:
    sentence = ("Theo nguồn tin quân sự được nhiều hãng thông tấn trích dẫn trong tuần này, ngày "
                "15/3 các máy bay chiến đấu đã rời căn cứ, trong khi các đơn vị mặt đất vẫn ở lại "
                "để bảo vệ các kho vũ khí, và các cố vấn tiếp tục huấn luyện quân đội sở tại "
                "trong nhiều tháng tới.")
    start = sentence.index("ngày 15/3")
    text = event_clause(sentence, start, start + 9)
    assert text.startswith("Ngày 15/3 các máy bay")
    assert "cố vấn" not in text


def test_relative_dates_are_anchored_to_publication() -> None:
    a = article("a", "Hôm qua, Bộ Y tế công bố thêm ca bệnh mới tại Hà Nội.", D(2020, 3, 7))
    (event,) = build_timeline([a])
    assert event.date == D(2020, 3, 6)


def test_compatible_dates() -> None:
    assert compatible(D(None, 3, 28), D(2016, 3, 28))
    assert compatible(D(2015, 9), D(2015, 9, 30))
    assert not compatible(D(2015, 10), D(2015, 9, 30))
    assert not compatible(D(2015, 3, 28), D(2016, 3, 28))


def test_event_json_contract() -> None:
    a = article("a", "Ngày 15/3, máy bay rút về nước.", D(2016, 3, 16))
    data = build_timeline([a])[0].to_json()
    assert data["date"] == "2016-03-15" and data["precision"] == "day"
    assert data["articles"] == ["a"] and data["text"].startswith("Ngày 15/3")


def test_bare_years_date_events_only_when_introduced() -> None:
    a = article("a", "Nga hỗ trợ quân sự cho Syria từ năm 2015.\n"
                     "Đây là bước ngoặt của chiến dịch năm 2017.\n"
                     "IS chỉ còn giữ 14% lãnh thổ, thay vì 40% như năm 2014.\n"
                     "Bảy vòng đàm phán, tính từ năm 2016, không có kết quả.\n"
                     "Năm 2013, nhóm này bắt đầu tuyển mộ chiến binh.", D(2017, 12, 8))
    assert [e.date.iso() for e in build_timeline([a])] == ["2013", "2015"]


def test_deadlines_statistics_and_quoted_relative_dates_are_not_events() -> None:
    a = article("a", "Hợp đồng của anh còn thời hạn đến tận tháng 6/2019.\n"
                     "Số lượt khám: năm 2014 là 136 triệu lượt.\n"
                     "Mục tiêu đến năm 2020 đạt 90% dân số.\n"
                     "“Hôm qua chúng tôi đã bắt đầu đàm phán”, ông nói.\n"
                     "Hôm qua, Bộ Y tế đã công bố số liệu.", D(2016, 6, 3))
    events = build_timeline([a])
    assert [(e.date.iso(), e.text[:6]) for e in events] == [("2016-06-02", "Hôm qu")]


def test_one_year_entry_per_article_and_year() -> None:
    a = article("a", "Từ năm 2015, dự án được khởi động.\n"
                     "Trong năm 2015, dự án hoàn thành một nửa.", D(2016, 1, 1))
    assert len(build_timeline([a])) == 1


def test_chart_is_well_formed_svg_with_partial_dates_marked() -> None:
    import xml.etree.ElementTree as ET

    from thoisu.render.timeline_chart import timeline_svg

    events = [Event(D(2015, 9, 30), "Không kích bắt đầu <lần đầu> & tiếp diễn", ["a", "b"]),
              Event(D(2017, 1, 23), "Đàm phán ở Astana", ["a"], end=D(2017, 1, 24)),
              Event(D(None, 3, 28), "Quân đội chiếm lại thành phố cổ", ["c"])]
    svg = timeline_svg(events)
    root = ET.fromstring(svg)  # raises if not well-formed
    assert root.tag.endswith("svg")
    assert "stroke-dasharray=\"3 2\"" in svg  # the partial date's hollow mark
    assert "Chưa rõ năm" in svg and "28/3" in svg and "23–24/1/2017" in svg
    assert "· 2 bài" in svg and "&lt;lần đầu&gt; &amp;" in svg
    assert "<script" not in svg
    ET.fromstring(timeline_svg([]))


def test_awkward_input_never_crashes() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    alphabet = st.sampled_from(list("ngày tháng năm hôm qua 0123456789/-.,“”\n😀 từ đến"))

    @settings(max_examples=150, deadline=None)
    @given(st.text(alphabet, max_size=80), st.sampled_from([None, D(2017, 1, 24), D(2016)]))
    def check(text: str, published: PartialDate | None) -> None:
        for event in build_timeline([article("a", text, published)]):
            assert event.date.precision in {"day", "month", "year", "partial"}

    check()


def test_planned_years_and_same_day_after_a_year_are_not_events() -> None:
    a = article("a", "Năm 2015 là năm doanh số đạt kỷ lục.\n"
                     "Tuyến trên cao dự kiến sẽ hoàn thành vào năm 2019.\n"
                     "Sáng cùng ngày, đoàn kiểm tra tiến độ công trình.\n"
                     "Phái đoàn sẽ trở lại Geneva vào ngày 10/12 tới.", D(2017, 12, 8))
    assert [e.date.iso() for e in build_timeline([a])] == ["2017-12-10"]


def test_the_start_of_a_period_lends_no_year_to_what_is_told_after_it() -> None:
    # A date told as the start of what still goes on ("từ ngày ...") says nothing of the year
    # of the days the article tells after it; a date told as an event does.
    since = article("s", "Từ ngày 2/8/2014, hải quân bắt đầu tuần tra vùng biển phía nam.\n"
                         "Ngày 20/9, hai tàu tuần tra cập cảng Cam Ranh để tiếp nhiên liệu.")
    event = article("e", "Ngày 2/8/2014, hải quân tổ chức lễ xuất quân tại Hải Phòng.\n"
                         "Ngày 20/9, hai tàu tuần tra cập cảng Cam Ranh để tiếp nhiên liệu.")
    year_of_20_9 = {a.id: [ev.date.year or ev.approx_year for ev in build_timeline([a])
                           if (ev.date.month, ev.date.day) == (9, 20)]
                    for a in (since, event)}
    assert year_of_20_9 == {"s": [None], "e": [2014]}
