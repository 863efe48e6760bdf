"""The day of writing from the text (issue #19 item 3), and the seed that must not be dated
from a future reference."""

from __future__ import annotations

from pathlib import Path

import pytest

from thoisu.clean import clean_page
from thoisu.dates.published import infer_published
from thoisu.model import Article, Origin, PartialDate, RawPage
from thoisu.settings import Settings

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "data" / "seeds"


def dated(*paragraphs: str, title: str = "Tin trong ngày", **meta: str) -> PartialDate | None:
    found = infer_published(Article(id="a", origin=Origin("t"), title=title,
                                    paragraphs=list(paragraphs), meta=dict(meta)))
    return found.value if found is not None else None


def page_date(text: str) -> str | None:
    [article] = clean_page(RawPage(Origin("tin.txt"), text=text), Settings())
    found = infer_published(article)
    return found.value.iso() if found is not None else None


@pytest.mark.parametrize(("lead", "expected"), [
    ("Ngày 3/2, đoàn công tác của tỉnh làm việc tại huyện đảo.", "XXXX-02-03"),
    ("TTO - Ngày 23-10, hàng nghìn người xuống đường ở thủ đô.", "XXXX-10-23"),
    ("(Dân trí) - Chiều 28/6, mưa lớn gây ngập nhiều tuyến phố.", "XXXX-06-28"),
    ("Sáng nay (3/2), đoàn xe cứu trợ đã lên đường.", "XXXX-02-03"),
    ("Hôm nay 23.10 hàng nghìn người đổ về quảng trường.", "XXXX-10-23"),
    ("Hôm qua (31/5), hội nghị đã bế mạc.", "XXXX-06-01"),
    ("Sáng 2/9/2025, lễ diễu binh diễn ra tại quảng trường.", "2025-09-02"),
])
def test_the_lead_names_the_day_of_writing(lead: str, expected: str) -> None:
    found = dated(lead, "Các lực lượng chức năng có mặt từ sớm.")
    assert found is not None and found.iso() == expected


def test_a_one_line_article_opening_with_a_full_date_is_dated() -> None:
    assert page_date("Sáng 2/9/2025, lễ diễu binh diễn ra tại quảng trường trung tâm.\n") == (
        "2025-09-02")
    assert page_date("Sáng 2/9, lễ diễu binh diễn ra tại quảng trường trung tâm.\n") == (
        "XXXX-09-02")


def test_a_full_date_later_in_the_lead_is_background() -> None:
    found = dated("Vụ án xảy ra ngày 20/8/2015 tại một xã ven biển.")
    assert found is None or found.year is None


def test_future_and_edge_days_are_never_the_day_of_writing() -> None:
    assert dated("Luật có hiệu lực từ ngày 1/7.") is None
    assert dated("Ông cho biết cuộc họp sẽ diễn ra ngày 25/5.") is None
    found = dated("Chiều 28/6, Quốc hội thông qua luật.", "Luật có hiệu lực từ ngày 1/7.")
    assert found is not None and found.iso() == "XXXX-06-28"


def test_with_a_fetch_time_a_future_day_bounds_nothing_below() -> None:
    # Fetched on 29/6: "từ ngày 1/7" is after it and an edge; the date is the fetch day, never
    # the year before's 1/7.
    found = dated("Luật có hiệu lực từ ngày 1/7.", fetched="2019-06-29T09:00:00+07:00")
    assert found == PartialDate(2019, 6, 29)


def test_weekday_with_bounds_that_leave_one_year() -> None:
    found = dated("Hôm thứ Hai (23/1), các bên đã gặp nhau tại thủ đô.",
                  "Ngày 30/9/2015, không quân bắt đầu các đợt không kích.")
    assert found == PartialDate(2017, 1, 23)
    # No lower bound: 23/1 fell on a Monday in 2012, 2017 and 2023; no year is given.
    found = dated("Hôm thứ Hai (23/1), các bên đã gặp nhau tại thủ đô.")
    assert found is not None and found.year is None


@pytest.mark.skipif(not (SEEDS / "004_c56af91f47b84624.txt").exists(), reason="no seed pages")
@pytest.mark.parametrize("fetched", [None, "2016-05-21T10:00:00+07:00"])
def test_the_seed_announcing_next_wednesday_is_not_dated_from_it(fetched: str | None) -> None:
    path = SEEDS / "004_c56af91f47b84624.txt"
    meta = {"fetched": fetched} if fetched else {}
    [article, *_] = clean_page(RawPage(Origin(str(path)), text=path.read_text("utf-8"),
                                       meta=meta), Settings())
    found = infer_published(article)
    assert found is None or (found.value.month, found.value.day) != (5, 25), found.evidence
