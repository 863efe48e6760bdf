import pytest

from thoisu.text.language import detect_language
from thoisu.text.syllables import count_syllables, syllable_tokens
from thoisu.text.words import get_segmenter, segment


def test_syllable_tokens_follow_the_rouge_protocol() -> None:
    assert syllable_tokens("TP.HCM, ngày 28/3 – “Hà Nội”!") == ["tp", "hcm", "ngày", "28", "3",
                                                                 "hà", "nội"]
    assert count_syllables("") == 0


def test_underthesea_segments_words_offline() -> None:
    words = segment("Bộ Quốc phòng Nga xác nhận thông tin")
    assert "Quốc_phòng" in words and "xác_nhận" in words


def test_syllable_segmenter_and_unknown_name() -> None:
    assert segment("Quốc phòng 28/3.", "syllable") == ["Quốc", "phòng", "28/3", "."]
    with pytest.raises(ValueError, match="unknown segmenter 'jieba'"):
        get_segmenter("jieba")


def test_empty_text_segments_to_nothing() -> None:
    assert segment("   ") == []


def test_language_detection() -> None:
    assert detect_language(
        "Sở Giao thông ngày 28/3 xác nhận rằng cây cầu đã thông xe.").code == "vi"
    assert detect_language("The ministry said on Monday that the troops had left.").code == "en"
    assert detect_language("ok").code == "und"
