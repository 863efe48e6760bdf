"""One entry per event: the same event told by several articles (or twice by one) merged.

Two dated clauses tell the same event when their dates agree (equal, or one a partial form of
the other: ``XXXX-03-28`` and ``2016-03-28``) and their texts are alike: the share of syllable
bigrams they have in common (over the shorter one) reaches ``text_threshold``; or the share of
content syllables (function words and numbers left out) reaches ``words_threshold`` (the same
event retold in other words: "sét đánh trúng nông dân" / "vụ sét đánh xảy ra chiều 28/5");
or a lower ``names_threshold`` of bigrams when they also share two or more names; or, for
two clauses that give the same range (same first and last day), ``RANGE_THRESHOLD`` of
content syllables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from thoisu.model import PartialDate
from thoisu.text.syllables import syllable_tokens
from thoisu.timeline.candidates import Candidate

TEXT_THRESHOLD = 0.4
WORDS_THRESHOLD = 0.35
NAMES_THRESHOLD = 0.1
# Two clauses giving the same range ("từ đêm 11/3 đến sáng 12/3") need less text in common.
RANGE_THRESHOLD = 0.2
# Two short clauses (fewer than four content syllables) of two articles that share a compound:
# the share of content syllables they need in common.
SHORT_THRESHOLD = 0.5
# Bounds that keep merging near-linear on hostile input (a text of thousands of dated
# sentences): distinct member texts compared per group, groups compared per date.
MAX_COMPARED = 32
MAX_BUCKET = 200
# Frequent syllables that say nothing about what happened.
FUNCTION_SYLLABLES = frozenset("""
các những của và đã được cho với trong người này là có không một hai ba bị đến từ tại ở về
theo khi sau trước đang sẽ vừa mới cũng như để thì mà nên vì do nhưng hay hoặc rằng lại ra vào
lên xuống đi nhiều ít mỗi mọi số lần việc cuộc ngày tháng năm hôm nay qua sáng chiều tối trưa
đêm khoảng giờ h vụ trên dưới đó ấy kia nào gì ai ông bà anh chị em biết nói tin thứ hiện còn
đây sự nơi này đều rất phải cần chỉ vẫn chưa đến tới cùng bên
""".split())


def bigrams(text: str) -> frozenset[tuple[str, str]]:
    # Digits are dropped: the date phrase itself must not make two events look alike.
    toks = [t for t in syllable_tokens(text) if not t.isdigit()]
    return frozenset(pairwise(toks))


def content_words(text: str) -> frozenset[str]:
    return frozenset(t for t in syllable_tokens(text)
                     if not t.isdigit() and t not in FUNCTION_SYLLABLES)


def overlap(a: frozenset[Any], b: frozenset[Any]) -> float:
    """Shared items over the smaller set (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def compatible(a: PartialDate, b: PartialDate) -> bool:
    """Dates that may name the same event: equal where both are known, and never a year
    lent to a date that has none unless day and month agree in full (``XXXX-03-28`` ~
    ``2016-03-28``; ``2015-09`` ~ ``2015-09-30``; but not ``XXXX-03-27`` ~ ``2011-03``)."""
    if any(x is not None and y is not None and x != y
           for x, y in ((a.year, b.year), (a.month, b.month), (a.day, b.day))):
        return False
    if a.year is None or b.year is None:
        return None not in (a.month, a.day, b.month, b.day)
    return True


def fuller(a: PartialDate, b: PartialDate) -> PartialDate:
    return PartialDate(a.year if a.year is not None else b.year,
                       a.month if a.month is not None else b.month,
                       a.day if a.day is not None else b.day)


def content_compounds(text: str) -> frozenset[tuple[str, str]]:
    """Two content syllables side by side: the compounds that name what happened ("khởi
    công", "thông xe"), function words and numbers left out."""
    toks = syllable_tokens(text)
    return frozenset((x, y) for x, y in pairwise(toks)
                     if not x.isdigit() and not y.isdigit()
                     and x not in FUNCTION_SYLLABLES and y not in FUNCTION_SYLLABLES)


@dataclass(frozen=True)
class Features:
    """What the similarity of two clauses is computed from."""

    grams: frozenset[tuple[str, str]]
    words: frozenset[str]
    compounds: frozenset[tuple[str, str]] = frozenset()

    @classmethod
    def of(cls, text: str) -> Features:
        return cls(bigrams(text), content_words(text), content_compounds(text))


@dataclass
class Group:
    members: list[Candidate] = field(default_factory=list)
    grams: list[Features] = field(default_factory=list)
    similarity: float = 1.0  # the weakest join that built the group
    order: int = 0  # when the group was made: ties go to the older group
    _date: PartialDate | None = None
    # Distinct texts of the members (their features), the first MAX_COMPARED of which a new
    # candidate is compared with: a thousand copies of one sentence cost one comparison.
    _distinct: dict[Features, int] = field(default_factory=dict)

    @property
    def date(self) -> PartialDate:
        """The fullest date the members give together (kept up to date by :meth:`add`)."""
        if self._date is None:
            date = self.members[0].date
            for m in self.members[1:]:
                date = fuller(date, m.date)
            self._date = date
        return self._date

    def add(self, cand: Candidate, features: Features) -> None:
        self.members.append(cand)
        self.grams.append(features)
        self._date = fuller(self._date, cand.date) if self._date is not None else None
        if features not in self._distinct and len(self._distinct) < MAX_COMPARED:
            self._distinct[features] = len(self.members) - 1

    def compared(self) -> list[tuple[Candidate, Features]]:
        if not self._distinct and self.members:
            for i, g in enumerate(self.grams):
                if g not in self._distinct and len(self._distinct) < MAX_COMPARED:
                    self._distinct[g] = i
        return [(self.members[i], g) for g, i in self._distinct.items()]


def similar(a: Candidate, ga: Features, b: Candidate, gb: Features,
            text_threshold: float = TEXT_THRESHOLD,
            names_threshold: float = NAMES_THRESHOLD,
            words_threshold: float = WORDS_THRESHOLD) -> float:
    """How alike two clauses are if it is enough to merge them, else 0."""
    score = overlap(ga.grams, gb.grams)
    if score >= text_threshold:
        return score
    if min(len(ga.words), len(gb.words)) >= 4:
        words = overlap(ga.words, gb.words)
        if words >= words_threshold:
            return words
        if (words >= RANGE_THRESHOLD and a.end is not None and a.end == b.end
                and a.date == b.date):
            return words
    elif (a.article != b.article and ga.words and gb.words and ga.compounds & gb.compounds
          and overlap(ga.words, gb.words) >= SHORT_THRESHOLD):
        # Short clauses from two outlets ("Khởi công đầu tháng 2/2023", "Công trình được khởi
        # công ngày 3/2/2023"): too few words for the share above, but the same compound verb
        # or noun ("khởi công") and most of their words: one event told twice.
        return overlap(ga.words, gb.words)
    # Shared names only vouch for dates told at the same precision: "năm 2015" and
    # "30/9/2015" must also be told alike.
    if (a.date.precision == b.date.precision and len(a.names & b.names) >= 2
            and score >= names_threshold):
        return score
    return 0.0


def _probe_keys(date: PartialDate, index: _DateIndex) -> list[_Key]:
    """Every date key a group compatible with ``date`` may be filed under (see
    :func:`compatible`)."""
    y, m, d = date.year, date.month, date.day
    if y is None:
        # "XXXX-03-28": the same day of any year.
        return [(year, m, d) for year in index.by_month_day.get((m, d), ())]
    if m is None:
        return list(index.by_year.get(y, ()))
    if d is None:
        return [(y, m, None), (y, None, None), *index.by_month.get((y, m), ())]
    return [(y, m, d), (None, m, d), (y, m, None), (y, None, None)]


_Key = tuple[int | None, int | None, int | None]


@dataclass
class _DateIndex:
    """Groups filed by their date, and which keys exist per year, month and month-day."""

    groups: dict[_Key, list[Group]] = field(default_factory=dict)
    by_year: dict[int, dict[_Key, None]] = field(default_factory=dict)
    by_month: dict[tuple[int, int], dict[_Key, None]] = field(default_factory=dict)
    by_month_day: dict[tuple[int | None, int | None], dict[int | None, None]] = field(
        default_factory=dict)

    def add(self, group: Group) -> None:
        date = group.date
        key = (date.year, date.month, date.day)
        self.groups.setdefault(key, []).append(group)
        if date.year is not None:
            self.by_year.setdefault(date.year, {})[key] = None
            if date.month is not None and date.day is not None:
                self.by_month.setdefault((date.year, date.month), {})[key] = None
        if date.month is not None and date.day is not None:
            self.by_month_day.setdefault((date.month, date.day), {})[date.year] = None

    def remove(self, group: Group, key: _Key) -> None:
        bucket = self.groups.get(key, [])
        for i, g in enumerate(bucket):
            if g is group:
                del bucket[i]
                break

    def near(self, date: PartialDate) -> list[Group]:
        """Groups whose date may be compatible with ``date``: the most recent
        ``MAX_BUCKET`` of each key (a bound no real story reaches)."""
        out: list[Group] = []
        for key in dict.fromkeys(_probe_keys(date, self)):
            out.extend(self.groups.get(key, [])[-MAX_BUCKET:])
        out.sort(key=lambda g: g.order)
        return out


def merge_candidates(candidates: Sequence[Candidate], text_threshold: float = TEXT_THRESHOLD,
                     names_threshold: float = NAMES_THRESHOLD) -> list[Group]:
    """Candidates grouped by event: each joins the group it is most similar to, if any.

    Near-linear in the number of candidates: a candidate is compared only with groups whose
    date can be compatible with its own (found through an index of their dates), and with at
    most ``MAX_COMPARED`` distinct texts of each.
    """
    groups: list[Group] = []
    index = _DateIndex()
    for cand in candidates:
        grams = Features.of(cand.core or cand.text)
        best, best_score = None, 0.0
        for group in index.near(cand.date):
            if not compatible(group.date, cand.date):
                continue
            score = max(similar(cand, grams, m, g, text_threshold, names_threshold)
                        for m, g in group.compared())
            if score > best_score:
                best, best_score = group, score
        if best is None:
            group = Group([cand], [grams], order=len(groups))
            groups.append(group)
            index.add(group)
        else:
            old = best.date
            best.add(cand, grams)
            best.similarity = min(best.similarity, best_score)
            if best.date != old:
                index.remove(best, (old.year, old.month, old.day))
                index.add(best)
    return groups


_SAID_RANK = {"verb": 2, "according": 1}


def representative(group: Group) -> Candidate:
    """The member most like the others (shorter on ties): the text the entry shows.

    Members with the same text are scored once (a text's likeness to the others counts each
    copy), and at most ``MAX_COMPARED`` distinct texts are weighed: linear in the group size.
    """
    if len(group.members) == 1:
        return group.members[0]
    counts: dict[Features, int] = {}
    first: dict[tuple[Features, str, str], int] = {}
    for i, (g, m) in enumerate(zip(group.grams, group.members, strict=True)):
        counts[g] = counts.get(g, 0) + 1
        first.setdefault((g, m.text, m.date.precision), i)
    weighed = list(counts)[:MAX_COMPARED]

    def score(i: int) -> tuple[bool, int, bool, float, int, int]:
        member, mine = group.members[i], group.grams[i]
        total = sum(counts[g] * overlap(mine.words, g.words) for g in weighed if g != mine)
        if mine in counts and counts[mine] > 1:
            total += (counts[mine] - 1) * overlap(mine.words, mine.words)
        # Whole clauses over cut ones; who said it (a speaker with a reporting verb tells a
        # proposal from a fact, "Theo X" at least the source); the most precise date; then
        # the most typical text.
        return ("…" not in member.text, _SAID_RANK.get(member.said, 0),
                member.date.precision == group.date.precision, total, -len(member.text), -i)

    return group.members[max(first.values(), key=score)]
