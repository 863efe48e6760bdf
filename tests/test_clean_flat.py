"""Pages flattened into one line with interface text glued in: cleaned on sentences."""

from __future__ import annotations

from thoisu.clean import clean_text
from thoisu.clean.flat import is_flattened, split_sentences, unflatten
from thoisu.settings import Settings

S = Settings()
SENTENCE = ("Đoạn {k} kể rằng công trình dài 500 m, rộng 8 m, có tổng vốn hơn 100 tỉ đồng và "
            "giúp giảm ùn tắc ở cửa ngõ phía đông thành phố.")


def flat_page() -> str:
    return ("Cầu vượt Hàng Xanh thông xe Lưu bài viết thành công Sáng 3/2, cầu vượt thép mới tại "
            "ngã tư Hàng Xanh chính thức thông xe sau tám tháng thi công. "
            + " ".join(SENTENCE.format(k=k) for k in range(12))
            + " Tin bài đã lưu Nguồn: [Link nguồn] Chia sẻ Facebook Zalo")


def test_a_flattened_page_is_recognised_and_a_normal_one_is_not() -> None:
    assert is_flattened(flat_page())
    assert not is_flattened("Tiêu đề\n" + "\n".join(SENTENCE.format(k=k) for k in range(12)))
    assert not is_flattened("Một câu ngắn.")


def test_interface_text_is_removed_with_its_rule_and_no_sentence_is_lost() -> None:
    [article] = clean_text(flat_page(), S)
    rules = {r.text: r.rule for r in article.removed}
    for ui in ("Lưu bài viết thành công", "Tin bài đã lưu", "Nguồn: [Link nguồn]"):
        assert rules[ui] == "boilerplate.ui_text"
    text = article.body_text
    for k in range(12):
        assert f"Đoạn {k} kể rằng" in text
    assert "Lưu bài viết" not in text and "Link nguồn" not in text
    assert any("flattened" in p for p in article.problems)


def test_sentences_keep_abbreviations_and_numbers_whole() -> None:
    got = split_sentences("Ông A. Nguyễn đến TP. HCM lúc 9h. Giá tăng 3.000 đồng. Xong!")
    assert got == ["Ông A. Nguyễn đến TP. HCM lúc 9h.", "Giá tăng 3.000 đồng.", "Xong!"]


def test_unflatten_keeps_every_word_but_the_interface() -> None:
    text, ui = unflatten(flat_page())
    assert ui[:2] == ["Lưu bài viết thành công", "Tin bài đã lưu"]
    words = set(flat_page().split()) - set(" ".join(ui).split())
    assert words <= set(text.split())
