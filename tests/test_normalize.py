import unicodedata

import pytest

from thoisu.clean.normalize import normalize_line, normalize_text, place_tone


@pytest.mark.parametrize(
    ("word", "old", "new"),
    [
        ("hoà", "hòa", "hoà"), ("hòa", "hòa", "hoà"), ("thuỷ", "thủy", "thuỷ"),
        ("khoẻ", "khỏe", "khoẻ"), ("Hoà", "Hòa", "Hoà"), ("HOÀ", "HÒA", "HOÀ"),
        # with a final consonant both conventions agree
        ("hoàng", "hoàng", "hoàng"), ("toán", "toán", "toán"), ("huỳnh", "huỳnh", "huỳnh"),
        # qu and gi are consonants: the tone goes on what follows
        ("quý", "quý", "quý"), ("quả", "quả", "quả"), ("giá", "giá", "giá"), ("gì", "gì", "gì"),
        # a vowel with a hat or horn takes the tone
        ("người", "người", "người"), ("thuở", "thuở", "thuở"), ("tiến", "tiến", "tiến"),
        ("của", "của", "của"), ("ngoài", "ngoài", "ngoài"), ("khuỷu", "khuỷu", "khuỷu"),
        # words without a tone, and foreign words, are left alone
        ("Palmyra", "Palmyra", "Palmyra"), ("hoa", "hoa", "hoa"),
    ],
)
def test_tone_placement(word: str, old: str, new: str) -> None:
    assert place_tone(word, "old") == old
    assert place_tone(word, "new") == new


def test_decomposed_input_becomes_nfc_and_one_style() -> None:
    decomposed = unicodedata.normalize("NFD", "Thủ tướng hoà giải")
    assert normalize_line(decomposed) == "Thủ tướng hòa giải"
    assert normalize_line(decomposed, "new") == "Thủ tướng hoà giải"
    assert unicodedata.is_normalized("NFC", normalize_line(decomposed))


def test_invisible_and_control_characters_removed_spaces_folded() -> None:
    text = "Hà\u200b Nội\u00a0\u00a0 ngày\x07 28/3\ufeff\t  "
    assert normalize_line(text) == "Hà Nội ngày 28/3"


def test_quotes_dashes_and_line_structure_kept() -> None:
    text = "“Không có gì” – ông nói.\r\nDòng hai\rDòng ba"
    assert normalize_text(text) == "“Không có gì” – ông nói.\nDòng hai\nDòng ba"


def test_legacy_combining_tone_marks() -> None:
    # U+0341 is the deprecated combining acute that some old converters wrote
    assert normalize_line("ca\u0341") == "cá"


def test_empty_and_emoji_input() -> None:
    assert normalize_text("") == ""
    assert normalize_line("Vui quá 😀😀") == "Vui quá 😀😀"
