"""Our ROUGE equals the rouge-score package when both see the same syllable tokens."""

from __future__ import annotations

import random

import pytest
from rouge_score import rouge_scorer

from thoisu.evaluate.rouge import lcs_length, rouge, rouge_text, truncate
from thoisu.text.syllables import syllable_tokens


class SyllableTokenizer:
    """rouge-score's own tokenizer drops Vietnamese letters; give it ours."""

    def tokenize(self, text: str) -> list[str]:
        return syllable_tokens(text)


SCORER = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=SyllableTokenizer())

PAIRS = [
    ("Máy bay MS804 của EgyptAir rơi xuống biển Địa Trung Hải sáng 19/5.",
     "Sáng 19/5, máy bay MS804 của hãng EgyptAir mất tích trên biển Địa Trung Hải."),
    ("TP.HCM: cá chết trắng kênh Nhiêu Lộc – Thị Nghè.", "Cá chết nổi trắng kênh Nhiêu Lộc."),
    ("Hòa bình, HÒA BÌNH!", "hòa bình"),  # case and punctuation do not count
    ("", "Bão số 3 đổ bộ."),
    ("Bão số 3 đổ bộ.", ""),
    ("a a a b", "a b a b a"),
]
SYLLABLES = "máy bay rơi bão số ba đổ bộ vào quảng ninh người chết nhà tốc mái cá kênh".split()


def _random_text(rng: random.Random) -> str:
    words = [rng.choice(SYLLABLES) for _ in range(rng.randint(0, 60))]
    return " ".join(w.capitalize() if rng.random() < 0.1 else w for w in words) + "."


def _check(candidate: str, reference: str) -> None:
    expected = SCORER.score(reference, candidate)
    ours = rouge(syllable_tokens(candidate), [syllable_tokens(reference)])
    assert ours.rouge1 == pytest.approx(expected["rouge1"].fmeasure, abs=1e-12)
    assert ours.rouge2 == pytest.approx(expected["rouge2"].fmeasure, abs=1e-12)
    assert ours.rougeL == pytest.approx(expected["rougeL"].fmeasure, abs=1e-12)


@pytest.mark.parametrize(("candidate", "reference"), PAIRS)
def test_equal_to_rouge_score_on_hand_written_pairs(candidate: str, reference: str) -> None:
    _check(candidate, reference)


def test_equal_to_rouge_score_on_random_texts() -> None:
    rng = random.Random(7)
    for _ in range(300):
        _check(_random_text(rng), _random_text(rng))


def test_several_references_are_averaged() -> None:
    cand = "Bão số 3 đổ bộ vào Quảng Ninh."
    refs = ["Bão số 3 đổ bộ.", "Quảng Ninh chịu bão."]
    expected = [SCORER.score(r, cand)["rouge2"].fmeasure for r in refs]
    assert rouge_text(cand, refs).rouge2 == pytest.approx(sum(expected) / 2)


def test_no_reference_scores_zero_and_truncation_cuts_tokens() -> None:
    assert rouge(["a"], []).rouge1 == 0.0
    assert truncate(["a", "b", "c"], 2) == ["a", "b"]
    assert rouge_text("một hai ba bốn", ["một hai"], limit=2).rouge1 == 1.0


def test_bit_parallel_lcs_matches_the_table() -> None:
    def table(a: list[str], b: list[str]) -> int:
        t = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
        for i, x in enumerate(a):
            for j, y in enumerate(b):
                t[i + 1][j + 1] = t[i][j] + 1 if x == y else max(t[i][j + 1], t[i + 1][j])
        return t[-1][-1]

    rng = random.Random(3)
    for _ in range(300):
        a = [rng.choice("abcd") for _ in range(rng.randint(0, 40))]
        b = [rng.choice("abcde") for _ in range(rng.randint(0, 40))]
        assert lcs_length(a, b) == table(a, b)
