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
