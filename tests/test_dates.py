"""The time tagger on tiny hand-written Vietnamese sentences."""

from __future__ import annotations

import pytest

from thoisu.dates import tag_dates, value_date
from thoisu.model import PartialDate

PUB = PartialDate(2017, 1, 24)  # a Tuesday


def values(text: str, published: PartialDate | None = PUB) -> list[tuple[str, str]]:
    return [(e.text, e.value) for e in tag_dates(text, published)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Họ gặp nhau ngày 28/3/2016.", [("ngày 28/3/2016", "2016-03-28")]),
    ("Họ gặp nhau ngày 28.3.2016.", [("ngày 28.3.2016", "2016-03-28")]),
    ("Họ gặp nhau ngày 28-3-2016.", [("ngày 28-3-2016", "2016-03-28")]),
    ("Lễ ký diễn ra ngày 28 tháng 3 năm 2016.", [("ngày 28 tháng 3 năm 2016", "2016-03-28")]),
    ("Xung đột bắt đầu từ tháng 3/2011.", [("tháng 3/2011", "2011-03")]),
    ("Dự án khởi công năm 2015.", [("năm 2015", "2015")]),
    ("Lợi nhuận quý 3/2011 tăng mạnh.", [("quý 3/2011", "2011-Q3")]),
    ("Tình hình Syria 24/1: Mỹ từ chối.", [("24/1", "2017-01-24")]),
])
def test_absolute(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


def test_partial_without_anchor() -> None:
    assert values("Bộ Quốc phòng ngày 28/3 xác nhận.", None) == [("ngày 28/3", "XXXX-03-28")]


def test_partial_anchor_stays_partial() -> None:
    assert values("Hôm qua, đoàn đã tới.", PartialDate(None, 3, 28)) == [
        ("Hôm qua", "XXXX-03-27")]


def test_weekday_with_date_is_one_expression() -> None:
    assert values("Hôm thứ Bảy (ngày 21/1), quân đội thông báo.") == [
        ("Hôm thứ Bảy (ngày 21/1)", "2017-01-21")]


def test_ranges_carry_their_end() -> None:
    found = tag_dates("Đàm phán diễn ra ngày 23-24/1 và từ 15/3 đến 20/3.", PUB)
    assert [(e.value, e.end_value) for e in found] == [
        ("2017-01-23", "2017-01-24"), ("2017-03-15", "2017-03-20")]


@pytest.mark.parametrize("text", [
    "Khoảng 1/3 dân số ủng hộ.", "Đội nhà thắng 2-1.", "Máy bay Su-30 và Tu-22M3 cất cánh.",
    "Tiêm kích F-16 và hệ thống S-400.", "Năm người bị thương.", "Ngày 31/2 không tồn tại.",
    "Con số 32/13 và 0/5.", "Trời đẹp.", "",
])
def test_not_times(text: str) -> None:
    assert values(text) == []


def test_value_date_reads_partial_values() -> None:
    assert value_date("XXXX-03-28") == PartialDate(None, 3, 28)
    assert value_date("2016-03-28T09:30") == PartialDate(2016, 3, 28)
    assert value_date("P3D") is None


def test_decomposed_unicode_keeps_offsets_into_the_given_text() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "Hôm qua, ngày 27/3, trời mưa.")
    found = tag_dates(text, PartialDate(2016, 3, 28))
    assert [e.value for e in found] == ["2016-03-27"]
    e = found[0]
    assert text[e.start:e.end] == e.text
    assert unicodedata.normalize("NFC", e.text) == "Hôm qua, ngày 27/3"


@pytest.mark.parametrize("text", ["Năm 3000 con người lên sao Hỏa.", "Năm 500 vùng này hoang vu.",
                                  "ngày 29/2/2019", "ngày 31/4", "ngày 15/13/2016"])
def test_impossible_or_far_dates_stay_untagged(text: str) -> None:
    assert [e for e in tag_dates(text, PartialDate(2016, 3, 28)) if e.type == "date"] == []


def test_leap_day_is_a_date_only_in_leap_years() -> None:
    assert values("ngày 29/2/2020") == [("ngày 29/2/2020", "2020-02-29")]
    assert values("ngày 29/2", None) == [("ngày 29/2", "XXXX-02-29")]


def test_year_limit_follows_the_publication_year() -> None:
    assert values("Năm 2070, thành phố có metro.", PartialDate(2016)) == []
    assert values("Năm 2070, thành phố có metro.", PartialDate(2030)) == [("Năm 2070", "2070")]


def test_spans_point_into_the_text() -> None:
    text = "Sáng nay, thứ Tư tuần tới, 10 ngày, hằng năm, 9h30, mùng 7 tháng Giêng."
    for e in tag_dates(text, PUB):
        assert text[e.start:e.end] == e.text


def test_types_and_rules_say_what_was_found() -> None:
    found = {e.text: (e.type, e.rule, e.mod) for e in tag_dates(
        "Gần 7 năm, hằng ngày, lúc 9h30, mùng 7 tháng Giêng, đầu tháng 5.", PUB)}
    assert found["Gần 7 năm"] == ("duration", "duration", "LESS_THAN")
    assert found["hằng ngày"] == ("set", "set", None)
    assert found["9h30"][0] == "time"
    assert found["mùng 7 tháng Giêng"] == ("date", "lunar", "LUNAR")
    assert found["đầu tháng 5"] == ("date", "date:month", "START")


def test_relative_days_without_anchor_stay_unknown() -> None:
    assert values("Hôm qua, năm ngoái và thứ Tư tuần tới.", None) == [
        ("Hôm qua", "XXXX-XX-XX"), ("năm ngoái", "XXXX"), ("thứ Tư tuần tới", "XXXX-WXX-3")]


def test_long_text_without_dates() -> None:
    assert tag_dates("Trời trong xanh và gió nhẹ. " * 2000) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Đội bóng vào vòng 1/8 Europa League.", []),
    ("Người dân nghe thấy nhiều tiếng ồn ào.", []),
    ("Xe tăng tốc từ 0-100km/h.", []),
    ("Thể lệ áp dụng từ ngày 1-11 năm trước.", [("ngày 1-11", "2016-11-01")]),
    ("Sau vài tiếng, mưa tạnh.", [("vài tiếng", "PTXH")]),
    ("Dự kiến khoảng sau 14h chiều nay, sự cố được khắc phục.", [("14h chiều nay",
                                                                 "2017-01-24T14:00")]),
    ("Từ 6h sáng nay (24/1), sân bay đóng cửa.", [("6h sáng nay (24/1)", "2017-01-24T06:00")]),
    ("Chương trình bắt đầu từ ngày thứ 2 (30-1) tới.", [("ngày thứ 2 (30-1)", "2017-01-30")]),
    ("Đến 8g ngày 18-1, số người tới khám là 70.", [("8g ngày 18-1", "2017-01-18T08:00")]),
])
def test_cases_met_in_real_news(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected
