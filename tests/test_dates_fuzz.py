"""The time tagger on any text and any anchor: it never raises, every span it gives is a
slice of the text it was given, values are well formed, and edge anchors give a clear
result (issue #16 parts 4 and 6)."""

from __future__ import annotations

import re
import unicodedata

import pytest

from thoisu.dates import tag_dates
from thoisu.dates.calendar import usable_anchor
from thoisu.model import PartialDate

# Pieces of Vietnamese date writing, so that random texts hit the rules often.
_PIECES = ["ngày ", "tháng ", "năm ", "hôm ", "qua", "nay", "mai", "kia", "tuần ", "tới ",
           "trước ", "sau ", "cách đây ", "từ ", "đến ", "thứ ", "Hai", "Ba", "chủ nhật",
           "sáng ", "chiều ", "tối ", "đêm ", "rạng sáng ", "đầu ", "cuối ", "giữa ", "quý ",
           "âm lịch", "rằm ", "mùng ", "Tết ", "Giêng", "thập niên ", "thế kỷ ", "h", "giờ ",
           "/", "-", "–", ".", ",", ":", "(", ")", "“", "”", "\n", " ", "0", "1", "2", "3",
           "9", "12", "28", "31", "2016", "2017", "1999", "0000", "9999", "99", "10000",
           "Hà Nội ", "mưa lớn. ", "e\u0301", "😀"]
_VALUE = re.compile(r"^(?:\d{4}|XXXX|X{1,3}|\d{2,3}|PAST_REF|PRESENT_REF|FUTURE_REF|P\S+|"
                    r"\d{4}-W\d{2}|XXXX-W)")


def _anchors():
    from hypothesis import strategies as st

    ints = st.one_of(st.none(), st.integers(-20, 20), st.integers(-10**6, 10**6),
                     st.sampled_from([1, 2, 1900, 2017, 2100, 9998, 9999, 10000]))
    return st.one_of(st.none(), st.builds(PartialDate, ints, ints, ints))


def _check(text: str, anchor: PartialDate | None) -> None:
    found = tag_dates(text, anchor)
    last = 0
    for expr in found:
        assert 0 <= expr.start < expr.end <= len(text)
        assert expr.start >= last, "expressions overlap or are out of order"
        last = expr.end
        assert expr.text == text[expr.start:expr.end]
        assert expr.type in {"date", "time", "duration", "set"}
        assert _VALUE.match(expr.value), expr.value
        assert not expr.value.startswith("-")
    # The same text in decomposed form gives the same expressions at the matching places.
    nfd = unicodedata.normalize("NFD", text)
    assert len(tag_dates(nfd, anchor)) == len(tag_dates(unicodedata.normalize("NFC", text),
                                                        anchor))


def _fuzz(max_examples: int) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    texts = st.one_of(st.text(max_size=300),
                      st.lists(st.sampled_from(_PIECES), max_size=120).map("".join))

    # A generous deadline is the bound on time: a quadratic path on 300 characters passes,
    # an exponential one does not.
    @settings(max_examples=max_examples, deadline=2000,
              suppress_health_check=[HealthCheck.too_slow])
    @given(texts, _anchors())
    def run(text: str, anchor: PartialDate | None) -> None:
        _check(text, anchor)

    run()


def test_fuzz_tagger_small_budget() -> None:
    _fuzz(200)


@pytest.mark.slow
def test_fuzz_tagger_large_budget() -> None:
    _fuzz(5000)


@pytest.mark.parametrize("published", [PartialDate(1, 1, 1), PartialDate(9999, 12, 31)])
@pytest.mark.parametrize("text", ["Hôm qua, mưa lớn ở Hà Nội.", "Ngày mai trời nắng.",
                                  "Tuần tới sẽ họp, tháng sau khai trương, năm sau hoàn thành.",
                                  "Thứ Hai tuần trước, 3 ngày trước và cách đây 2 năm."])
def test_edge_publication_dates_never_crash(text: str, published: PartialDate) -> None:
    found = tag_dates(text, published)
    assert found, "the expressions are still found"
    for expr in found:
        # A day that would fall before year 1 or after 9999 has no year, never an overflow.
        year = expr.value[:4]
        assert year == "XXXX" or 1 <= int(year) <= 9999 or not year.isdigit()


def test_yesterday_of_year_one_is_an_unknown_day() -> None:
    (expr,) = tag_dates("Hôm qua, mưa lớn.", PartialDate(1, 1, 1))
    assert (expr.text, expr.value) == ("Hôm qua", "XXXX-XX-XX")
    (expr,) = tag_dates("Ngày mai trời nắng.", PartialDate(9999, 12, 31))
    assert (expr.text, expr.value) == ("Ngày mai", "XXXX-XX-XX")
    (expr,) = tag_dates("Ngày mai trời nắng.", PartialDate(9999, 12, 30))
    assert expr.value == "9999-12-31"


def test_impossible_anchor_keeps_what_is_possible() -> None:
    assert usable_anchor(PartialDate(2017, 2, 31)) == PartialDate(2017, 2)
    assert usable_anchor(PartialDate(2016, 2, 29)) == PartialDate(2016, 2, 29)
    assert usable_anchor(PartialDate(2017, 2, 29)) == PartialDate(2017, 2)
    found = tag_dates("Ngày 28/3, hôm qua và năm ngoái.", PartialDate(2017, 2, 31))
    assert [(e.text, e.value) for e in found] == [
        ("Ngày 28/3", "2017-03-28"), ("hôm qua", "2017-02"), ("năm ngoái", "2016")]
