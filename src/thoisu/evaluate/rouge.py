"""ROUGE-1, ROUGE-2 and ROUGE-L over syllable tokens, equal to ``rouge-score`` on the same tokens.

The protocol of thoisu's summary evaluation: tokens are
:func:`thoisu.text.syllables.syllable_tokens` (NFC, lowercase, punctuation and symbols to
spaces, split), F1 of each measure, and with several references the mean of the
per-reference scores. ``rouge-score``'s default tokenizer drops every non-ASCII letter, which
would erase Vietnamese; here tokens are given, not re-tokenised.

>>> s = rouge(["máy", "bay", "rơi"], [["máy", "bay", "mất", "tích"]])
>>> round(s.rouge1, 3), round(s.rouge2, 3)
(0.571, 0.4)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from thoisu.text.syllables import syllable_tokens


@dataclass(frozen=True)
class RougeScore:
    """F1 of ROUGE-1, ROUGE-2 and ROUGE-L, each in [0, 1]."""

    rouge1: float
    rouge2: float
    rougeL: float

    def as_percent(self) -> tuple[float, float, float]:
        return (100 * self.rouge1, 100 * self.rouge2, 100 * self.rougeL)


def _f1(overlap: int, candidate: int, reference: int) -> float:
    precision = overlap / max(candidate, 1)
    recall = overlap / max(reference, 1)
    return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


def ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(candidate: Sequence[str], reference: Sequence[str], n: int) -> float:
    """ROUGE-N F1 with clipped counts."""
    cand, ref = ngrams(candidate, n), ngrams(reference, n)
    overlap = sum(min(count, cand[g]) for g, count in ref.items())
    return _f1(overlap, sum(cand.values()), sum(ref.values()))


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence.

    Bit-parallel (Allison & Dix 1986; Hyyrö 2004): one machine-word pass per token of ``a``
    instead of a full dynamic-programming row, the same length as the textbook table.
    """
    if not a or not b:
        return 0
    masks: dict[str, int] = {}
    for j, y in enumerate(b):
        masks[y] = masks.get(y, 0) | (1 << j)
    full = (1 << len(b)) - 1
    v = full
    for x in a:
        u = v & masks.get(x, 0)
        v = ((v + u) | (v - u)) & full
    return len(b) - bin(v).count("1")


def rouge_l(candidate: Sequence[str], reference: Sequence[str]) -> float:
    """ROUGE-L F1 (sentence-level LCS over the whole token sequence, as ``rougeL``)."""
    if not candidate or not reference:
        return 0.0
    return _f1(lcs_length(candidate, reference), len(candidate), len(reference))


def rouge_single(candidate: Sequence[str], reference: Sequence[str]) -> RougeScore:
    return RougeScore(rouge_n(candidate, reference, 1), rouge_n(candidate, reference, 2),
                      rouge_l(candidate, reference))


def mean_score(scores: Sequence[RougeScore]) -> RougeScore:
    """The mean of each measure (zeros when there is no score)."""
    if not scores:
        return RougeScore(0.0, 0.0, 0.0)
    k = len(scores)
    return RougeScore(sum(s.rouge1 for s in scores) / k, sum(s.rouge2 for s in scores) / k,
                      sum(s.rougeL for s in scores) / k)


def rouge(candidate: Sequence[str], references: Sequence[Sequence[str]]) -> RougeScore:
    """Mean over references of the per-reference F1 scores (zeros if there is no reference)."""
    return mean_score([rouge_single(candidate, ref) for ref in references])


def truncate(tokens: Sequence[str], limit: int) -> list[str]:
    """The first ``limit`` tokens: every system is cut to the same length before scoring."""
    return list(tokens[: max(limit, 0)])


def rouge_text(candidate: str, references: Sequence[str], limit: int | None = None) -> RougeScore:
    """Score texts: syllable tokens, candidate cut to ``limit`` tokens when given."""
    tokens = syllable_tokens(candidate)
    if limit is not None:
        tokens = truncate(tokens, limit)
    return rouge(tokens, [syllable_tokens(r) for r in references])
