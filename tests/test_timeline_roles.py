"""Which time expressions date an event, one entry per event with its own clause, ranges."""

from __future__ import annotations

import pytest

from thoisu.dates import tag_dates
from thoisu.model import Article, Event, Origin, PartialDate
from thoisu.timeline import build_timeline
from thoisu.timeline.candidates import parse_value
from thoisu.timeline.clauses import event_pieces
from thoisu.timeline.roles import Role, expression_role

D = PartialDate
MAY_2025 = D(2025, 5, 2)


def article(id: str, text: str, published: PartialDate | None = None) -> Article:
    return Article(id=id, origin=Origin(f"{id}.txt"), title=f"Bài {id}",
                   paragraphs=[p for p in text.split("\n") if p], published=published)


def entries(text: str, published: PartialDate = MAY_2025) -> list[Event]:
    return build_timeline([article("a", text, published)])


def roles(sentence: str, published: PartialDate = MAY_2025) -> list[tuple[str, Role]]:
    out, previous = [], None
    for expr in tag_dates(sentence, published):
        date = parse_value(expr.value)
        if date is None:
            continue
        role = expression_role(sentence, expr, date, previous)
        previous = (expr, role)
        out.append((expr.text, role))
    return out


# --- 1. Expressions that only point at a time -------------------------------------------

@pytest.mark.parametrize(("sentence", "rule"), [
    ("Chợ hoa mở cửa nhân dịp 2/9 tại bến Bạch Đằng.", "occasion"),
    ("Giá vé tàu tăng mạnh trước dịp nghỉ lễ 30/4.", "occasion"),
    ("Người lao động phải nộp hồ sơ trước ngày 15/6.", "deadline"),
    ("Thời hạn đăng ký là ngày 20/7.", "deadline"),
    ("Sản lượng lúa đạt mức cao nhất kể từ năm 2020.", "since-superlative"),
    ("Giá thép lên mức cao nhất trong tháng Tư kể từ năm 2019.", "since-superlative"),
    ("Doanh thu tăng 12% so với cùng kỳ năm 2024.", "comparison"),
    ("Số ca mắc đã giảm một nửa, tính từ năm 2021.", "count"),
    ("Thành phố sẽ hoàn thành tuyến đường vào năm 2027.", "plan"),
    ("Tỉnh đặt mục tiêu đến năm 2030 phủ xanh đồi trọc.", "deadline"),
    ("Chiến dịch năm 2017 của quân đội kéo dài ba tháng.", "year-qualifier"),
    ("Tỉnh đã lập quy hoạch cho giai đoạn năm 2026.", "year-qualifier"),
])
def test_expression_that_dates_no_event(sentence: str, rule: str) -> None:
    found = roles(sentence)
    assert found[0][1] == Role(False, rule)
    assert not any(role.event for _, role in found)
    assert entries(sentence) == []


def test_dates_coordinated_with_an_occasion_are_not_events_either() -> None:
    found = roles("Cầu mở cửa ngày 29/4, trước dịp nghỉ lễ 30/4 và 1/5.")
    assert [(text, role.event) for text, role in found] == [
        ("ngày 29/4", True), ("30/4", False), ("1/5", False)]
    assert found[2][1].rule == "coordinated (occasion)"


def test_one_entry_for_an_event_before_a_holiday_and_its_text_leaves_the_holiday_out() -> None:
    events = entries("Cây cầu mới qua sông được thông xe từ ngày 29/4, trước dịp nghỉ lễ 30/4 "
                     "và 1/5.")
    assert [e.date.iso() for e in events] == ["2025-04-29"]
    assert events[0].text == "Cây cầu mới qua sông được thông xe từ ngày 29/4"
    assert "day" in events[0].evidence


@pytest.mark.parametrize("sentence", [
    "Kể từ ngày 1/7, quy định mới về biển số xe có hiệu lực.",
    "Trước ngày 29/4, đơn vị thi công đã cho xe tải chạy thử.",
    "Lễ thông xe diễn ra sáng 29/4 với hàng nghìn người dân.",
    "Tính đến ngày 7/12, không còn xã nào bị cô lập.",
    "Năm 2013, nhà máy đóng cửa vì thua lỗ.",
    "Công ty được thành lập vào năm 2009 tại Cần Thơ.",
    "Nhà máy được xây dựng năm 1998, nay đã xuống cấp.",
    "Anh có thể sẽ bị loại như trường hợp của đồng đội hồi tháng 3/2024.",
    "Giải đấu lâu đời nhất châu lục này diễn ra từ ngày 4/6 đến 27/6.",
])
def test_expression_that_dates_its_event(sentence: str) -> None:
    assert [role.event for _, role in roles(sentence)] == [True]
    assert len(entries(sentence)) == 1


# --- 2. Two events in one sentence, each with its own clause -------------------------------

def test_two_events_joined_by_va_get_their_own_clauses() -> None:
    events = entries("Dự án được duyệt chủ trương năm 2021 và khởi công đầu tháng 2/2023.")
    assert [(e.date.iso(), e.text) for e in events] == [
        ("2021", "Dự án được duyệt chủ trương năm 2021"),
        ("2023-02", "Khởi công đầu tháng 2/2023")]


def test_two_events_split_at_sau_do_and_semicolon() -> None:
    events = entries("Nhà máy ngừng hoạt động ngày 3/3, sau đó được bán lại cho đối tác ngày "
                     "20/4.\nTàu cập cảng ngày 5/4; hàng được dỡ xong ngày 7/4.")
    assert [(e.date.iso(), e.text) for e in events] == [
        ("2025-03-03", "Nhà máy ngừng hoạt động ngày 3/3"),
        ("2025-04-05", "Tàu cập cảng ngày 5/4"),
        ("2025-04-07", "Hàng được dỡ xong ngày 7/4"),
        ("2025-04-20", "Được bán lại cho đối tác ngày 20/4")]


def test_events_with_no_split_between_them_share_their_text() -> None:
    s = "Ông giữ chức từ tháng 3/2019 tới tháng 5/2021 thì nghỉ hưu"
    a, b = s.index("tháng 3"), s.index("tháng 5")
    assert event_pieces(s, [(a, a + 11), (b, b + 11)]) == [(0, len(s)), (0, len(s))]


def test_one_event_keeps_the_whole_sentence() -> None:
    s = "Sáng 29/4, cầu chính thức thông xe, sớm hơn kế hoạch hai tháng."
    (event,) = entries(s)
    assert event.text == s.rstrip(".")


# --- 3. Ranges ------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Mưa lớn từ đêm 11/3 đến sáng 12/3 làm ngập nhiều tuyến phố.",
    "Mưa kéo dài từ đêm 11/3 đến sáng thứ Tư (12/3), nhiều tuyến phố ngập sâu.",
    "Triển lãm mở cửa 11-12/3 tại nhà văn hóa quận.",
])
def test_a_range_is_one_entry_with_its_end(sentence: str) -> None:
    (event,) = entries(sentence, D(2025, 3, 13))
    assert (event.date.iso(), event.end.iso() if event.end else None) == (
        "2025-03-11", "2025-03-12")
    assert event.to_json()["end"] == "2025-03-12"


def test_two_separate_days_are_not_a_range() -> None:
    events = entries("Đội tuyển tập trung ngày 11/3, và lên đường sang Thái Lan ngày 14/3.",
                     D(2025, 3, 15))
    assert [(e.date.iso(), e.end) for e in events] == [("2025-03-11", None),
                                                       ("2025-03-14", None)]


def test_the_same_range_told_in_two_articles_is_one_entry() -> None:
    a = article("a", "Mưa lớn từ đêm 11/3 đến sáng thứ Tư (12/3) khiến nhiều tuyến phố ở Huế ngập "
                     "sâu, hàng trăm hộ dân phải kê cao đồ đạc.", D(2025, 3, 12))
    b = article("b", "Trận mưa từ đêm 11/3 đến sáng 12/3 đã làm hơn một nghìn ngôi nhà ở Huế bị "
                     "ngập, nhiều hơn con số ban đầu.", D(2025, 3, 13))
    (event,) = build_timeline([a, b])
    assert event.articles == ["a", "b"]
    assert event.end == D(2025, 3, 12)


# --- 4. No year invented --------------------------------------------------------------------

def test_no_year_is_invented_for_a_clause_of_an_undated_article() -> None:
    events = build_timeline([article("u", "Quân đội rút khỏi thị trấn ngày 15/3 và trở lại "
                                          "ngày 28/3.")])
    assert [e.date.iso() for e in events] == ["XXXX-03-15", "XXXX-03-28"]
