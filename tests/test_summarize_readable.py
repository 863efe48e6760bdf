"""Readable summaries on invented multi-article groups: every sentence stands alone, no fact
told twice, events in the order they happened, every sentence cited."""

from __future__ import annotations

import pytest

from thoisu.model import Origin, PartialDate, TimeExpr
from thoisu.summarize import article_from_text, summarize
from thoisu.summarize.order import reading_order
from thoisu.summarize.readable import NEEDS_CONTEXT, NOT_STANDALONE, OK, standalone
from thoisu.summarize.summary import CHOSEN
from thoisu.summarize.summary import NEEDS_CONTEXT as S_NEEDS
from thoisu.summarize.summary import NOT_STANDALONE as S_NOT


def art(title: str, text: str, name: str, published: PartialDate | None = None):  # type: ignore[no-untyped-def]
    a = article_from_text(title, text, Origin(name))
    a.published = published
    return a


# A ferry story told by three outlets; one opens with a teaser list, one leans on pronouns.
FERRY = [
    art("Phà chở 40 khách mắc cạn trên sông Hậu",
        "Phà mắc cạn; hành khách hoảng loạn; cứu hộ khẩn cấp\n"
        "Sáng 12/4, chiếc phà chở 40 hành khách bị mắc cạn giữa sông Hậu đoạn qua huyện "
        "Long Phú, tỉnh Sóc Trăng.\n"
        "Lực lượng đầu tiên có mặt là hai ca nô của đồn biên phòng gần đó.\n"
        "Toàn bộ hành khách đã được đưa vào bờ an toàn sau hai giờ.", "a1",
        PartialDate(2024, 4, 12)),
    art("Cứu 40 hành khách trên phà mắc cạn ở Sóc Trăng",
        "Chiếc phà chở 40 hành khách bị mắc cạn giữa sông Hậu sáng 12/4 khi nước ròng.\n"
        "Bà Lê Thị Hoa, Phó chủ tịch huyện Long Phú, cho biết không ai bị thương.\n"
        "Chúng tôi đã yêu cầu kiểm tra lại luồng lạch, bà nói.\n"
        "Toàn bộ hành khách đã được đưa vào bờ an toàn sau hai giờ.", "a2",
        PartialDate(2024, 4, 12)),
    art("Phà mắc cạn trên sông Hậu, 40 khách được đưa vào bờ",
        "Nước ròng khiến chiếc phà chở 40 hành khách mắc cạn giữa sông Hậu sáng 12/4.\n"
        "Điều này khiến tuyến phà phải tạm dừng suốt buổi sáng.\n"
        "Sở Giao thông vận tải tỉnh Sóc Trăng sẽ nạo vét luồng qua khu vực này trong tháng 5.",
        "a3", PartialDate(2024, 4, 12)),
]


@pytest.mark.parametrize("text, status", [
    ("Phà mắc cạn; hành khách hoảng loạn; cứu hộ khẩn cấp", NOT_STANDALONE),
    ("Hai tàu hàng va nhau trên luồng Soài Rạp khiến một tàu chìm; Cảnh sát biển điều ba tàu "
     "cứu hộ đến hiện trường trong đêm", NOT_STANDALONE),
    ("Giá lúa tăng mạnh ở Cần Thơ; nông dân vẫn lo vì giá phân bón cũng tăng theo từng vụ "
     "gieo cấy.", OK),
    ("Ảnh: Ngọc Lan", NOT_STANDALONE),
    ("Theo kết quả điều tra ban đầu", NOT_STANDALONE),
    ("nên người dân phải đi đường vòng qua cầu mới.", NOT_STANDALONE),
    ("Kết quả cụ thể như sau:", NOT_STANDALONE),
    ("Lực lượng đầu tiên có mặt là hai ca nô của đồn biên phòng.", NEEDS_CONTEXT),
    ("Điều này khiến tuyến phà phải tạm dừng suốt buổi sáng.", NEEDS_CONTEXT),
    ("Chúng tôi đã yêu cầu kiểm tra lại luồng lạch, bà nói.", NEEDS_CONTEXT),
    ("Ông cho biết đoàn sẽ ở lại thêm hai ngày.", NEEDS_CONTEXT),
    ("Vụ việc trên đang được công an điều tra.", NEEDS_CONTEXT),
    ("Bà Lê Thị Hoa cho biết không ai bị thương.", OK),
    ("Tuy nhiên, giá lúa vẫn thấp hơn cùng kỳ năm ngoái.", NEEDS_CONTEXT),
    ("Tuy vậy, giá lúa vẫn thấp hơn cùng kỳ năm ngoái.", NEEDS_CONTEXT),
    ("Song Hồng là dòng sông lớn nhất miền Bắc.", OK),
    ("Sở Giao thông vận tải sẽ nạo vét luồng trong tháng 5.", OK),
    ("Ông Nguyễn Văn An nói rằng đoàn sẽ trở lại vào tuần sau.", OK),
])
def test_standalone_rules(text: str, status: str) -> None:
    assert standalone(text).status == status


def test_without_sentence_ends_in_the_group_a_missing_stop_is_not_a_fragment() -> None:
    assert standalone("Giá xăng giảm lần thứ ba trong tháng", punctuated=False).status == OK
    assert standalone("Giá xăng giảm lần thứ ba trong tháng").status == NOT_STANDALONE


@pytest.mark.parametrize("budget", [40, 60, 90, 140])
def test_every_chosen_sentence_stands_alone_or_follows_its_context(budget: int) -> None:
    summary = summarize(FERRY, budget)
    assert summary.sentences
    texts = {(a.id, s.index): s.text for a in FERRY for s in a.sentences}
    for k, s in enumerate(summary.sentences):
        assert texts[(s.article, s.sentence)] == s.text  # the citation is exact
        verdict = standalone(s.text)
        assert verdict.status != NOT_STANDALONE, s.text
        if verdict.status == NEEDS_CONTEXT:
            assert k > 0, f"opens on an unresolved reference: {s.text}"
            before = summary.sentences[k - 1]
            assert (before.article, before.sentence) == (s.article, s.sentence - 1)
    assert not summary.text.startswith(("Lực lượng đầu tiên", "Điều này", "Chúng tôi"))
    assert "; hành khách hoảng loạn;" not in summary.text


def test_explain_says_why_teasers_and_dangling_sentences_were_left_out() -> None:
    summary = summarize(FERRY, 60)
    by_text = {c.text: c for c in summary.explain}
    teaser = by_text["Phà mắc cạn; hành khách hoảng loạn; cứu hộ khẩn cấp"]
    assert teaser.status == S_NOT and "teaser" in teaser.reason
    dangling = by_text["Điều này khiến tuyến phà phải tạm dừng suốt buổi sáng."]
    assert dangling.status in (CHOSEN, S_NEEDS, "redundant", "low score", "too long")
    if dangling.status == S_NEEDS:
        assert "sentence before" in dangling.reason
    assert all(c.reason for c in summary.explain)


def test_the_same_fact_from_three_outlets_is_told_once() -> None:
    summary = summarize(FERRY, 140)
    told = [s.text for s in summary.sentences if "đưa vào bờ an toàn" in s.text]
    assert len(told) <= 1
    stranded = [s.text for s in summary.sentences if "mắc cạn giữa sông Hậu" in s.text]
    assert len(stranded) <= 1


def _dated(article, sentence: int, value: str):  # type: ignore[no-untyped-def]
    article.dates.append(TimeExpr(value, 0, 4, "date", value, sentence=sentence))
    return article


def test_sentences_follow_the_events_not_the_publication_order() -> None:
    # Published the other way round: the later article tells the earlier event.
    late = art("Khởi công cầu Rạch Miễu 3",
               "Ngày 2/9/2025, tỉnh Bến Tre khởi công cầu Rạch Miễu 3 dài 2,6 km.\n"
               "Cầu có vốn đầu tư 5.000 tỷ đồng từ ngân sách trung ương.", "b1",
               PartialDate(2025, 9, 3))
    early = art("Thông xe cầu Rạch Miễu 3",
                "Ngày 30/4/2027, cầu Rạch Miễu 3 nối Bến Tre và Tiền Giang được thông xe.\n"
                "Trước khi thông xe, cầu Rạch Miễu 3 khởi công ngày 2/9/2025 với 5.000 tỷ đồng.",
                "b2", PartialDate(2027, 4, 30))
    _dated(late, 0, "2025-09-02")
    _dated(early, 0, "2027-04-30")
    _dated(early, 1, "2025-09-02")
    order = reading_order([(1, 0), (0, 0)], [late, early])
    assert order == [1, 0]  # 2025 before 2027
    summary = summarize([early, late], 60)
    dates = []
    for s in summary.sentences:
        article = early if s.article == early.id else late
        expr = next(d for d in article.dates if d.sentence == s.sentence)
        dates.append(expr.value)
    # The latest development (the newest article's opening) first, then the events in order.
    assert dates[0] == "2027-04-30"
    assert dates[1:] == sorted(dates[1:])


def test_yearless_dates_are_not_put_before_dated_ones() -> None:
    a = art("A", "Ngày 15/3, đoàn đến Huế và làm việc với tỉnh.", "c1", PartialDate(None, 3, 15))
    b = art("B", "Ngày 20/1/2017, đoàn rời Huế sau khi ký kết.", "c2", PartialDate(2017, 1, 20))
    assert reading_order([(0, 0), (1, 0)], [a, b]) == [1, 0]


def test_a_dependent_sentence_stays_right_after_its_predecessor() -> None:
    a = art("A", "Ngày 5/6/2024, hai tàu cá bị chìm ngoài khơi.\nTàu đầu tiên chở 12 người.", "d1")
    b = art("B", "Ngày 1/6/2024, bão hình thành trên Biển Đông.", "d2")
    _dated(a, 0, "2024-06-05")
    _dated(a, 1, "2024-06-01")  # would sort first on its own
    _dated(b, 0, "2024-06-01")
    order = reading_order([(0, 0), (0, 1), (1, 0)], [a, b], follows={1: 0})
    assert order.index(1) == order.index(0) + 1
