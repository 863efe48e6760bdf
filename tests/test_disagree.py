"""Where outlets disagree (issue #23): number forms, figures, and the story stage on invented
articles told by two outlets (every example here is made up)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from thoisu.disagree import NotAnalysed, find_disagreements
from thoisu.disagree.figures import article_figures
from thoisu.disagree.numbers import agree, parse_amount
from thoisu.model import Article, Origin, PartialDate, Sentence
from thoisu.pipeline import analyse
from thoisu.settings import Settings

SETTINGS = Settings(segmenter="syllable")
DAY = PartialDate(2025, 8, 14)


def _article(aid: str, outlet: str | None, *paragraphs: str,
             published: PartialDate | None = DAY,
             duplicate_of: str | None = None) -> Article:
    article = Article(aid, Origin(f"{aid}.txt"), title=f"Bài {aid}", paragraphs=list(paragraphs),
                      source=outlet, published=published)
    done = analyse(article, SETTINGS)
    done.duplicate_of = duplicate_of
    return done


FIRE_A = ("Rạng sáng 14/8, một xưởng gỗ ở thị xã Tân Uyên bốc cháy dữ dội.",
          "Vụ cháy làm 12 người chết và 5 người bị thương, hơn 1.000 mét vuông nhà xưởng bị "
          "thiêu rụi.")
FIRE_B = ("Sáng 14/8, lửa bùng lên tại một xưởng gỗ ở thị xã Tân Uyên, Bình Dương.",
          "Vụ cháy khiến 15 người chết và 5 người bị thương, khoảng 1.200 mét vuông nhà xưởng "
          "bị thiêu rụi.")


# -- number forms -------------------------------------------------------------------------

@pytest.mark.parametrize(("digits", "magnitude", "low", "high"), [
    ("1.500", "", 1500, 1500),
    ("1,5", "nghìn", 1450, 1550),
    ("1,2", "triệu", 1_150_000, 1_250_000),
    ("12", "", 12, 12),
    ("2", "tỷ", 2e9, 2e9),
    ("1,43", "tỉ", 1.425e9, 1.435e9),
])
def test_number_forms_become_intervals(digits: str, magnitude: str, low: float,
                                       high: float) -> None:
    amount = parse_amount(digits, magnitude)
    assert amount.low == pytest.approx(low) and amount.high == pytest.approx(high)


def test_ambiguous_comma_is_refused() -> None:
    with pytest.raises(ValueError):
        parse_amount("1,500")


def test_bounds_and_approximations() -> None:
    more = parse_amount("1.000", qualifier="hơn")
    assert more.interval == (1000.0, math.inf)
    assert agree(more, parse_amount("1.200"))
    assert not agree(parse_amount("1.000", qualifier="dưới"), parse_amount("1.200"))
    assert agree(parse_amount("1.500", qualifier="khoảng"), parse_amount("1.480"))
    assert not agree(parse_amount("1.500"), parse_amount("1.200"))
    assert agree(parse_amount("1,5", "nghìn"), parse_amount("1.500"))
    # Two bounds the same way far apart tell different figures.
    assert not agree(parse_amount("80", qualifier="hơn"), parse_amount("105", qualifier="hơn"))
    assert agree(parse_amount("80", qualifier="hơn"), parse_amount("85", qualifier="trên"))


# -- figures of a sentence ------------------------------------------------------------------

def _figures(text: str) -> list[tuple[str, str]]:
    article = _article("x", "Báo X", text)
    return [(f.amount.label(), f.noun) for f in article_figures(article)]


def test_figures_name_what_they_count() -> None:
    assert _figures("Bão làm 3 người chết, hơn 1.500 căn nhà bị tốc mái.") == [
        ("3", "người"), ("≥1500", "nhà")]


def test_units_are_brought_to_one() -> None:
    assert _figures("Đoạn đê dài 2,5 km bị sạt lở.") == [("2500", "m")]
    assert _figures("Thiệt hại ước tính 1,2 nghìn tỷ đồng.") == [("~1200000000000", "đồng")]


def test_dates_labels_and_codes_are_no_figures() -> None:
    assert _figures("Ngày 12/3, bão số 3 đi qua, chiếc Su-24 rơi lúc 7 giờ.") == []
    assert _figures("Giá vàng tăng 200.000 đồng mỗi lượng trong phiên sáng.") == []
    assert _figures("Tàu Cảnh sát biển 4033 cập cảng.") == []


def test_words_as_numbers_only_before_people_or_classifiers() -> None:
    assert _figures("Ba người bị thương nhẹ.") == [("3", "người")]
    assert _figures("Ông Ba cho biết sẽ quay lại.") == []


# -- the story stage -----------------------------------------------------------------------

def test_changed_toll_is_reported_with_both_sides_cited() -> None:
    a, b = _article("a", "Báo Sông Bé Mẫu", *FIRE_A), _article("b", "Tin Miền Đông", *FIRE_B)
    found = find_disagreements([a, b])
    assert len(found) == 1
    d = found[0]
    assert d.kind == "figure" and d.about == "số người chết"
    assert [(c.value, c.article, c.sentence, c.outlet) for c in d.claims] == [
        ("12", "a", 1, "Báo Sông Bé Mẫu"), ("15", "b", 1, "Tin Miền Đông")]
    assert "chết" in d.reason
    assert d.to_json()["claims"][1]["text"].startswith("Vụ cháy khiến 15")


def test_agreeing_forms_are_not_reported() -> None:
    a = _article("a", "Báo A", "Mưa lớn khiến 1.500 ngôi nhà ở huyện ven biển bị ngập sâu.")
    b = _article("b", "Báo B", "Mưa lớn khiến 1,5 nghìn ngôi nhà ở huyện ven biển bị ngập sâu.")
    c = _article("c", "Báo C", "Mưa lớn khiến hơn 1.400 ngôi nhà ở huyện ven biển bị ngập sâu.")
    assert find_disagreements([a, b, c]) == []


def test_houses_and_households_are_different_things() -> None:
    a = _article("a", "Báo A", "Mưa lớn khiến khoảng 1.500 ngôi nhà ở huyện ven biển bị ngập.")
    b = _article("b", "Báo B", "Mưa lớn khiến hơn 1.200 hộ dân ở huyện ven biển bị ngập.")
    assert find_disagreements([a, b]) == []


def test_same_outlet_and_copies_do_not_disagree() -> None:
    a = _article("a", "Báo A", *FIRE_A)
    assert find_disagreements([a, _article("b", "Báo A", *FIRE_B)]) == []
    assert find_disagreements([a, _article("b", "Báo B", *FIRE_B, duplicate_of="a")]) == []


def test_different_places_or_people_are_not_paired() -> None:
    a = _article("a", "Báo A", "Tại huyện Lý Sơn, toàn huyện có 8 đơn vị bầu cử và 22 tổ bầu cử.")
    b = _article("b", "Báo B", "Tại xã An Hải, toàn xã có 3 đơn vị bầu cử và 10 tổ bầu cử.")
    assert find_disagreements([a, b]) == []
    a = _article("a", "Báo A", "Bà Trần Thị Lan (45 tuổi) kể lại lúc nước lên.")
    b = _article("b", "Báo B", "Ông Nguyễn Văn Hùng (52 tuổi) kể lại lúc nước lên.")
    assert find_disagreements([a, b]) == []


def test_an_age_told_differently_for_one_person() -> None:
    a = _article("a", "Báo A", "Bà Trần Thị Lan (45 tuổi) kể lại lúc nước lên rất nhanh.")
    b = _article("b", "Báo B", "Bà Trần Thị Lan (54 tuổi) kể lại lúc nước lên rất nhanh.")
    found = find_disagreements([a, b])
    assert [(d.kind, [c.value for c in d.claims]) for d in found] == [("figure", ["45", "54"])]


def test_a_count_that_changed_in_one_article_is_no_dispute() -> None:
    a = _article("a", "Báo A", "Vụ sạt lở làm 7 người chết, 4 người mất tích.",
                 "Đến chiều, số người chết đã tăng lên 9 người chết.")
    b = _article("b", "Báo B", "Vụ sạt lở làm 9 người chết, 4 người mất tích.")
    assert find_disagreements([a, b]) == []


def test_articles_published_days_apart_compare_no_figures() -> None:
    a = _article("a", "Báo A", *FIRE_A, published=PartialDate(2025, 8, 14))
    b = _article("b", "Báo B", *FIRE_B, published=PartialDate(2025, 8, 20))
    assert [d for d in find_disagreements([a, b]) if d.kind == "figure"] == []


def test_same_event_on_different_days() -> None:
    a = _article("a", "Báo A", "Cầu Vàm Sông được khánh thành ngày 12/3 sau hai năm thi công.",
                 published=PartialDate(2025, 3, 20))
    b = _article("b", "Báo B", "Cầu Vàm Sông được khánh thành ngày 15/3 sau hai năm thi công.",
                 published=PartialDate(2025, 3, 20))
    found = find_disagreements([a, b])
    assert [(d.kind, [c.value for c in d.claims]) for d in found] == [
        ("date", ["2025-03-12", "2025-03-15"])]


def test_start_and_end_of_a_span_are_not_one_event() -> None:
    a = _article("a", "Báo A", "Đợt biểu tình của công nhân bắt đầu từ ngày 23/10 ở khu "
                 "công nghiệp.")
    b = _article("b", "Báo B", "Đợt biểu tình của công nhân kéo dài đến ngày 25/10 ở khu "
                 "công nghiệp.")
    assert find_disagreements([a, b]) == []


def test_confirmation_against_denial_by_the_same_speaker() -> None:
    a = _article("a", "Báo A", "Ông Lê Văn Tâm xác nhận lửa bắt nguồn từ khu vực sơn sấy "
                 "của xưởng.")
    b = _article("b", "Báo B", "Ông Lê Văn Tâm bác bỏ thông tin lửa bắt nguồn từ khu vực sơn sấy "
                 "của xưởng.")
    found = find_disagreements([a, b])
    assert [(d.kind, [c.value for c in d.claims]) for d in found] == [
        ("claim", ["xác nhận", "bác bỏ"])]
    # Hedged ("chưa xác nhận") is neither side.
    c = _article("c", "Báo C", "Ông Lê Văn Tâm chưa xác nhận lửa bắt nguồn từ khu vực sơn sấy "
                 "của xưởng.")
    assert find_disagreements([b, c]) == []


def test_unanalysed_article_is_refused_with_a_message() -> None:
    raw = Article("r", Origin("r.txt"), paragraphs=["Vụ cháy làm 12 người chết."], source="A")
    other = Article("s", Origin("s.txt"), source="B", analysis_version="x",
                    sentences=[Sentence("Vụ cháy làm 15 người chết.", 0, 0)])
    with pytest.raises(NotAnalysed, match="article r: not analysed"):
        find_disagreements([raw, other])


def test_one_article_or_one_outlet_gives_nothing() -> None:
    assert find_disagreements([]) == []
    assert find_disagreements([_article("a", "Báo A", *FIRE_A)]) == []


# -- real news (ktlab-dev), edited in memory: paths, an offset and the figure, no text -------

KTLAB = "ktlab-dev/cluster_105"
ORIGINAL, EDITED, OFFSET, FIGURE, CHANGED = "12311458", "12313054", 818, "19", "28"


def _ktlab(shared: Path, doc: str, edit: tuple[int, str, str] | None = None) -> Article:
    body = (shared / KTLAB / f"{doc}.body.txt").read_text("utf-8").strip()
    if edit is not None:
        at, old, new = edit
        assert body[at:at + len(old)] == old, "the shared data changed: update the offset"
        body = body[:at] + new + body[at + len(old):]
    info = (shared / KTLAB / f"{doc}.info.txt").read_text("utf-8")
    host = info.split("/Home/", 1)[1].split("/")[1]
    return analyse(Article(doc, Origin(doc), paragraphs=[body], source=host,
                           published=PartialDate(2013, 11, 1)), SETTINGS)


def test_a_figure_changed_in_real_news_is_found() -> None:
    from conftest import SHARED

    original = _ktlab(SHARED, ORIGINAL)
    assert find_disagreements([original, _ktlab(SHARED, EDITED)]) == []
    edited = _ktlab(SHARED, EDITED, (OFFSET, FIGURE, CHANGED))
    found = find_disagreements([original, edited])
    assert [(c.article, c.value) for d in found for c in d.claims] == [
        (ORIGINAL, FIGURE), (EDITED, CHANGED)]
