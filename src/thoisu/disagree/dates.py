"""Outlets giving the same event different days.

A day written out in a sentence ("ngày 12/3", "12 tháng 3"; the analysis found it) dates the
event of its clause. Two such days of different outlets date the same event when their clauses
share most of their words, the sentences share many (the dates left out), they name no
different participants, the days play the same part ("từ", "đến", "trước"), and neither
article also gives the other's day to that event, and both tell what was done or both what
is planned ("sẽ", "dự kiến"). Days more than ten apart, or two days
each told as its own article's day of publication (a protest told on its first and on its
second day), are not paired: they are more likely two events than one told twice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from thoisu.disagree.same import WRITTEN_DAY_RULES, SentenceFacts, day_of, outlet_pairs, same_day
from thoisu.disagree.words import content_of, dice, overlap
from thoisu.model import Article, PartialDate

# The two sentences share this share of their content syllables (the dates left out), or
# this many of them; and the clauses around the two dates share at least half of theirs.
MIN_EVENT_DICE = 0.45
MIN_SHARED = 12
MIN_CLAUSE_OVERLAP = 0.5
MIN_CLAUSE_SHARED = 3
# Syllables of the offices and places every local story names ("Công an huyện"): no evidence
# that two clauses tell one event.
NO_EVIDENCE = frozenset("công an huyện quận tỉnh xã phường thành phố ủy ban nhân dân sở bộ "
                        "cho biết ngày sáng chiều tối đêm".split())
_CLAUSE_MARK = re.compile(r"[,;:()\"“”]")
MAX_DAYS_APART = 10
_FUTURE = re.compile(r"(?<!\w)(sẽ|dự kiến|sắp)(?!\w)", re.IGNORECASE)


@dataclass
class DatedSentence:
    article: str
    outlet: str
    sentence: int
    text: str
    day: PartialDate
    written: str  # the date as written
    words: frozenset[str]  # content syllables without the date's
    clause: frozenset[str]  # content syllables of the date's clause (and the next one when
    # the date stands alone in its own: "Ngày 12/3, bão đổ bộ...")
    role: str = ""  # "từ", "đến", "trước", "sau" when the day bounds a span; "" for "on"
    proper: frozenset[str] = frozenset()  # capitalised words after the sentence's first


@dataclass
class DatePair:
    a: DatedSentence
    b: DatedSentence
    score: float
    reason: str


def dated_sentences(article: Article, outlet: str) -> list[DatedSentence]:
    """The article's sentences that write out exactly one day."""
    by_sentence: dict[int, list[tuple[PartialDate, str, int, int]]] = {}
    for expr in article.dates:
        if expr.sentence is None or expr.sentence >= len(article.sentences):
            continue
        day = day_of(expr)
        if day is None:
            continue
        by_sentence.setdefault(expr.sentence, []).append(
            (day, expr.text, expr.start, expr.end) if expr.rule in WRITTEN_DAY_RULES
            else (day, "", expr.start, expr.end))
    out: list[DatedSentence] = []
    for k, found in sorted(by_sentence.items()):
        text = article.sentences[k].text
        for day, written, start, end in found:
            if not written:
                continue  # a day not written out ("hôm qua"): it moves with its anchor
            rest = text[:start] + " " + text[end:]
            out.append(DatedSentence(article.id, outlet, k, text, day, written, content_of(rest),
                                     _clause(text, start, end), _role(text[:start], written),
                                     _capitalised(rest)))
    return out


_ROLES = {"từ": "từ", "kể từ": "từ", "đến": "đến", "tới": "đến", "cho đến": "đến",
          "trước": "trước", "sau": "sau", "hết": "đến"}
_ROLE_WORD = re.compile(r"(\w+)\s+(?:ngày\s+|hôm\s+)?$")


def _role(before: str, written: str) -> str:
    """What the day is to its event: its day ("") or a bound ("từ", "đến", "trước", "sau")."""
    low = written.lower()
    for word, role in _ROLES.items():
        if low.startswith(word + " "):
            return role
    m = _ROLE_WORD.search(before.lower())
    return _ROLES.get(m.group(1), "") if m else ""


def _clause(text: str, start: int, end: int) -> frozenset[str]:
    marks = [m.start() for m in _CLAUSE_MARK.finditer(text)]
    lo = max([p for p in marks if p < start], default=-1) + 1
    hi = min([p for p in marks if p >= end], default=len(text))
    words = _common(text[lo:start] + " " + text[end:hi])
    if len(words) < 3:  # "Ngày 12/3, bão đổ bộ…", "… hóa trang (Halloween) ngày 31/10."
        nxt = min([p for p in marks if p > hi], default=len(text))
        prev = max([p for p in marks if p < lo - 1], default=-1) + 1
        words |= _common(text[hi + 1:nxt]) | _common(text[prev:max(lo - 1, prev)])
    return words


def _capitalised(text: str) -> frozenset[str]:
    words = text.split()[1:]
    return frozenset(w.strip(".,;:()\"“”'").lower() for w in words if w[:1].isupper())


def _common(text: str) -> frozenset[str]:
    """Content syllables of lower-case words: names are no evidence of one event (the same
    minister attends many)."""
    return content_of(" ".join(w for w in text.split() if not w[:1].isupper()))


def _days_apart(a: PartialDate, b: PartialDate) -> int | None:
    year = a.year or b.year or 2000
    try:
        x = date(a.year or year, a.month or 1, a.day or 1)
        y = date(b.year or year, b.month or 1, b.day or 1)
    except ValueError:
        return None
    return (x - y).days


def _each_its_own_day(a: DatedSentence, b: DatedSentence, published: dict[str, PartialDate]
                      ) -> bool:
    pa, pb = published.get(a.article), published.get(b.article)
    if pa is None or pb is None or pa.day is None or pb.day is None:
        return False
    da, db = _days_apart(a.day, pa), _days_apart(b.day, pb)
    return da is not None and da == db


def _same_event(a: DatedSentence, b: DatedSentence, fa: SentenceFacts, fb: SentenceFacts
                ) -> float | None:
    shared = a.words & b.words
    if a.role != b.role or bool(_FUTURE.search(a.text)) != bool(_FUTURE.search(b.text)):
        return None  # a bound against a day, or a plan against what was done
    score = dice(a.words, b.words)
    if score < MIN_EVENT_DICE and len(shared) < MIN_SHARED:
        return None
    clause = a.clause & b.clause - NO_EVIDENCE
    if len(clause) < MIN_CLAUSE_SHARED or overlap(a.clause, b.clause) < MIN_CLAUSE_OVERLAP:
        return None
    if any(same_day(d, b.day) for d in fa.days) or any(same_day(d, a.day) for d in fb.days):
        return None  # either sentence also gives the other's day
    if fa.names and fb.names and not fa.names & fb.names:
        return None
    if a.proper and b.proper and not a.proper & b.proper:
        return None  # names the analysis may have missed ("Vinaphone", "Bộ GTVT") differ
    return score


def date_pairs(dated: dict[str, list[DatedSentence]], facts: dict[str, list[SentenceFacts]],
               published: dict[str, PartialDate], outlets: dict[str, str],
               skip: set[frozenset[str]]) -> list[DatePair]:
    """Sentences of different outlets telling one event on different days."""
    out: list[DatePair] = []
    for x, y in outlet_pairs(dated, outlets, skip):
        out.extend(_between(dated[x], dated[y], facts, published))
    return out


def _between(left: Sequence[DatedSentence], right: Sequence[DatedSentence],
             facts: dict[str, list[SentenceFacts]], published: dict[str, PartialDate]
             ) -> list[DatePair]:
    def fact(d: DatedSentence) -> SentenceFacts:
        return facts[d.article][d.sentence]

    out: list[DatePair] = []
    for a in left:
        scored = [(s, b) for b in right
                  if (s := _same_event(a, b, fact(a), fact(b))) is not None]
        if not scored or any(same_day(a.day, b.day) for _, b in scored):
            continue
        score, b = max(scored, key=lambda p: p[0])
        apart = _days_apart(a.day, b.day)
        if (apart is None or abs(apart) > MAX_DAYS_APART
                or (a.day.year and b.day.year and a.day.year != b.day.year)
                or _each_its_own_day(a, b, published)):
            continue
        # The left article giving the right one's day to this event too: no disagreement.
        if any(same_day(x.day, b.day) and _same_event(x, b, fact(x), fact(b)) is not None
               for x in left if x is not a):
            continue
        reason = (f"cùng sự kiện: câu trùng {score:.0%} từ (không kể ngày), vế có ngày chung «"
                  + " ".join(sorted(a.clause & b.clause)[:6]) + "»")
        out.append(DatePair(a, b, score, reason))
    return out
