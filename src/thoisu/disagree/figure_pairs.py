"""Figures of two outlets that count the same thing with values that cannot both be right.

Two figures are about the same thing when they count the same noun ("người", "nhà", a unit
brought to one), the same thing happened to it ("chết", "bị thương", "ngập": one class or
none on both sides), their clauses share a word beyond the noun, their sentences share enough
words, and the sentences name no different participants nor date different days. They
disagree when no value one side allows is one the other allows (:func:`numbers.agree`) and
neither article also tells the other's value for that thing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from thoisu.disagree.figures import Figure
from thoisu.disagree.numbers import agree
from thoisu.disagree.same import SentenceFacts, outlet_pairs
from thoisu.disagree.words import dice, overlap

# Sentences telling the same figure share at least this share of their content syllables
# (over their mean size); the clauses around the figures must share a syllable besides.
MIN_SENTENCE_OVERLAP = 0.3
# Sentences this close (shared syllables over their mean size) may pair figures without a
# shared word in their clauses (a list: "gồm 2 máy tính, 6 điện thoại") or with what
# happened told on one side only.
CLOSE_SENTENCES = 0.45


# Words around any figure ("đạt", "tăng", "mức"): sharing them says nothing of sameness.
GENERIC = frozenset("""đạt tăng giảm mức lên xuống trị giá tương đương kỳ so năm tháng quý ước
tính có bằng chiếm khoảng còn thu chi tổng số lượng""".split())


@dataclass
class FigurePair:
    a: Figure
    b: Figure
    score: float
    reason: str


def same_thing(a: Figure, b: Figure, fa: SentenceFacts, fb: SentenceFacts) -> FigurePair | None:
    """The pair when ``a`` and ``b`` count the same thing, with how sure and why; else None."""
    if a.noun != b.noun or (a.names and b.names and not a.names & b.names):
        return None
    if a.amount.qualifier == "range" or b.amount.qualifier == "range":
        return None  # "từ 87 - 211 m2": a spread, often of many things, not one figure
    if a.noun == "tuổi" and not (a.names & b.names):
        return None  # an age is of someone: the same person named beside both
    if a.marks != b.marks or (a.proper and b.proper and not a.proper & b.proper):
        return None
    if not (fa.compatible_days(fb) and fa.compatible_dates(fb) and fa.compatible_scopes(fb)
            and fa.compatible_periods(fb)):
        return None
    sentence = dice(fa.words, fb.words)
    if sentence < MIN_SENTENCE_OVERLAP:
        return None
    close = sentence >= CLOSE_SENTENCES
    if bool(a.names) != bool(b.names) and not close:
        return None  # one names whose figure it is, the other does not say
    if a.states != b.states and ((a.states and b.states) or not close):
        return None
    # The syllable after the noun is often the rest of it ("nghệ sĩ"): no evidence.
    shared = (a.context & b.context) - set(a.noun.split()) - {a.tail, b.tail} - GENERIC
    # Names near both figures are evidence too ("Bà Lan (45 tuổi)"); money, percentages and
    # measures need more of it than counted things: their clauses say less.
    evidence = len(shared) + len(a.names & b.names)
    if evidence < (1 if (a.states or close or not a.unit) else 2):
        return None
    why = [f"cùng đếm «{a.noun}»"]
    if a.states:
        why.append("cùng việc «" + ", ".join(sorted(a.states)) + "»")
    if shared:
        why.append("ngữ cảnh chung «" + " ".join(sorted(shared)[:4]) + "»")
    why.append(f"câu trùng {sentence:.0%} từ")
    if a.names & b.names:
        why.append("cùng tên «" + ", ".join(sorted(a.names & b.names)[:3]) + "»")
    if fa.days and fb.days:
        why.append("cùng ngày")
    score = sentence + overlap(a.context, b.context)
    return FigurePair(a, b, score, "; ".join(why))


def _alike(a: Figure, b: Figure) -> bool:
    return a.noun == b.noun and (a.states == b.states or not a.states or not b.states)


def _finite(a: Figure, b: Figure) -> bool:
    return (a.amount.high != math.inf and b.amount.high != math.inf
            and a.amount.low > 0 < b.amount.low)


def _article_pairs(left: Sequence[Figure], right: Sequence[Figure],
                   facts: dict[str, list[SentenceFacts]]) -> list[FigurePair]:
    """Disagreeing figure pairs between two articles of different outlets."""
    def fact(f: Figure) -> SentenceFacts:
        return facts[f.article][f.sentence]

    out: list[FigurePair] = []
    used: set[int] = set()
    by_noun: dict[str, list[Figure]] = {}
    for b in right:
        by_noun.setdefault(b.noun, []).append(b)
    for a in left:
        matches = [p for b in by_noun.get(a.noun, ())
                   if (p := same_thing(a, b, fact(a), fact(b))) is not None]
        if not matches:
            continue
        best = max(matches, key=lambda p: p.score)
        if id(best.b) in used:
            continue
        # Either article also telling the other's value for a thing counted alike (anywhere in
        # it): a count that changed, two counts, or a pairing that went wrong; not a dispute.
        # In the paired sentence, the other's value told of another noun ("số cử tri khoảng
        # 16.640 công dân") counts too, when both are finite figures.
        if (any(agree(a.amount, b.amount) and (_alike(a, b) or (
                b.sentence == best.b.sentence and _finite(a, b))) for b in right)
                or any(agree(x.amount, best.b.amount) and (_alike(x, best.b) or (
                    x.sentence == a.sentence and _finite(x, best.b))) for x in left)):
            continue
        used.add(id(best.b))
        out.append(best)
    return out


def figure_pairs(figures: dict[str, list[Figure]], outlets: dict[str, str],
                 facts: dict[str, list[SentenceFacts]], skip: set[frozenset[str]]
                 ) -> list[FigurePair]:
    """Disagreeing pairs over every two articles of different outlets (``skip``: pairs of
    article ids that must not be compared, such as a copy and its original)."""
    out: list[FigurePair] = []
    for x, y in outlet_pairs(figures, outlets, skip):
        out.extend(_article_pairs(figures[x], figures[y], facts))
    return out
