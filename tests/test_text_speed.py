"""The fast paths of the digest give exactly what the slow ones gave: syllable tokens by a
regular expression, Vietnamese told by its letters before the model, indented JSON by orjson.
(Their speed is measured by benchmarks/digest_speed.py, never here.)"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from thoisu.render.json_text import dumps_indented
from thoisu.text import syllables
from thoisu.text.language import _identifier, detect_language, plainly_vietnamese


def _per_character(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).lower()
    return "".join(" " if syllables._is_separator(ch) else ch for ch in text).split()


def test_syllable_tokens_match_the_per_character_rule_for_every_bmp_character() -> None:
    for start in range(0, 0x10000, 0x800):
        chunk = "".join(chr(cp) for cp in range(start, start + 0x800)
                        if not 0xD800 <= cp < 0xE000)
        for text in (chunk, "a".join(chunk), f"Hà Nội{chunk}ngày 28/3"):
            assert syllables.syllable_tokens(text) == _per_character(text)


def test_syllable_tokens_keep_a_combining_mark_in_its_word() -> None:
    # A mark NFC cannot compose stays inside its token, as the per-character rule keeps it.
    text = "Tin\u0323 nóng, ngày 5/5"
    assert syllables.syllable_tokens(text) == _per_character(text)
    assert syllables.syllable_tokens("TP.HCM, ngày 28/3.") == ["tp", "hcm", "ngày", "28", "3"]


def test_the_vietnamese_shortcut_agrees_with_the_model(vims_dir: Path) -> None:
    files = sorted(vims_dir.glob("data/Cluster_0*/*"))[:300]
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        if plainly_vietnamese(text[:2000]):
            assert _identifier.classify(text).code == "vi", path


@pytest.mark.parametrize("text", [
    "The minister said on Tuesday that the new bridge over the Han river would open soon.",
    "Le ministre a déclaré mardi que le nouveau pont ouvrirait bientôt à Đà Nẵng.",
])
def test_other_languages_still_ask_the_model(text: str) -> None:
    assert not plainly_vietnamese(text)
    assert detect_language(text).code != "vi"


@pytest.mark.parametrize("data", [
    {"tiêu đề": "Mưa lớn", "điểm": [0.5, 1 / 3, 2, None, True], "rỗng": [], "trống": {}},
    [1e-05, 1e16, float("nan"), 2**70],  # the standard library writes these
    {"\x1f\u2028": "\"trích\" dẫn\\"},
    # deep inside dicts, lists and tuples, as in a digest's stories
    {"tin": [{"điểm": (0.25, {"sâu": [1e-05]})}]},
    [{"số": {"lớn": 2**64}}],
    {"năm": {2017: "khóa số"}},
])
def test_indented_json_is_the_standard_librarys(data: object) -> None:
    assert dumps_indented(data) == json.dumps(data, ensure_ascii=False, indent=2)
