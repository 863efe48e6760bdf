"""One entry per event: the same event told by several articles (or twice by one) merged.

Two dated clauses tell the same event when their dates agree (equal, or one a partial form of
the other: ``XXXX-03-28`` and ``2016-03-28``) and their texts are alike: the share of syllable
bigrams they have in common (over the shorter one) reaches ``text_threshold``, or a lower
``names_threshold`` when they also share two or more names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from thoisu.model import PartialDate
from thoisu.text.syllables import syllable_tokens
from thoisu.timeline.candidates import Candidate

TEXT_THRESHOLD = 0.4
NAMES_THRESHOLD = 0.1


def bigrams(text: str) -> frozenset[tuple[str, str]]:
    # Digits are dropped: the date phrase itself must not make two events look alike.
    toks = [t for t in syllable_tokens(text) if not t.isdigit()]
    return frozenset(pairwise(toks))


def overlap(a: frozenset[tuple[str, str]], b: frozenset[tuple[str, str]]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def compatible(a: PartialDate, b: PartialDate) -> bool:
    """Dates that may name the same event: every part known in both is equal
    (``XXXX-03-28`` and ``2016-03-28``; ``2015-09`` and ``2015-09-30``)."""
    return all(x is None or y is None or x == y
               for x, y in ((a.year, b.year), (a.month, b.month), (a.day, b.day)))


def fuller(a: PartialDate, b: PartialDate) -> PartialDate:
    return PartialDate(a.year if a.year is not None else b.year,
                       a.month if a.month is not None else b.month,
                       a.day if a.day is not None else b.day)


@dataclass
class Group:
    members: list[Candidate] = field(default_factory=list)
    grams: list[frozenset[tuple[str, str]]] = field(default_factory=list)
    similarity: float = 1.0  # the weakest join that built the group

    @property
    def date(self) -> PartialDate:
        date = self.members[0].date
        for m in self.members[1:]:
            date = fuller(date, m.date)
        return date


def similar(a: Candidate, ga: frozenset[tuple[str, str]], b: Candidate,
            gb: frozenset[tuple[str, str]], text_threshold: float = TEXT_THRESHOLD,
            names_threshold: float = NAMES_THRESHOLD) -> float:
    """The bigram overlap of two clauses if it is enough to merge them, else 0."""
    score = overlap(ga, gb)
    if score >= text_threshold:
        return score
    # Shared names only vouch for dates told at the same precision: "năm 2015" and
    # "30/9/2015" must also be told alike.
    if (a.date.precision == b.date.precision and len(a.names & b.names) >= 2
            and score >= names_threshold):
        return score
    return 0.0


def merge_candidates(candidates: Sequence[Candidate], text_threshold: float = TEXT_THRESHOLD,
                     names_threshold: float = NAMES_THRESHOLD) -> list[Group]:
    """Candidates grouped by event: each joins the group it is most similar to, if any."""
    groups: list[Group] = []
    for cand in candidates:
        grams = bigrams(cand.text)
        best, best_score = None, 0.0
        for group in groups:
            if not compatible(group.date, cand.date):
                continue
            score = max(similar(cand, grams, m, g, text_threshold, names_threshold)
                        for m, g in zip(group.members, group.grams, strict=True))
            if score > best_score:
                best, best_score = group, score
        if best is None:
            groups.append(Group([cand], [grams]))
        else:
            best.members.append(cand)
            best.grams.append(grams)
            best.similarity = min(best.similarity, best_score)
    return groups


def representative(group: Group) -> Candidate:
    """The member most like the others (shorter on ties): the text the entry shows."""
    if len(group.members) == 1:
        return group.members[0]

    def score(i: int) -> tuple[bool, bool, float, int]:
        member = group.members[i]
        total = sum(overlap(group.grams[i], g) for j, g in enumerate(group.grams) if j != i)
        # Whole clauses over cut ones, the most precise date, then the most typical text.
        return ("…" not in member.text, member.date.precision == group.date.precision, total,
                -len(member.text))

    return group.members[max(range(len(group.members)), key=score)]
