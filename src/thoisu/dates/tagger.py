"""The time tagger: every pattern module's rules over one text, the longest spans kept, then
neighbours joined (a weekday and its date, a time and its day, the two ends of a range).

>>> [(e.text, e.value) for e in tag_dates("Hôm thứ Hai (23/1), đàm phán bắt đầu.",
...                                       PartialDate(2017, 1, 24))]
[('Hôm thứ Hai (23/1)', '2017-01-23')]
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata

from thoisu.dates import absolute, durations, lunar, relative, times
from thoisu.dates.base import Candidate, Context, Rule, lower_same_length, part_value
from thoisu.dates.calendar import usable_anchor
from thoisu.model import PartialDate, TimeExpr

RULES: list[Rule] = [*lunar.RULES, *absolute.RULES, *relative.RULES, *times.RULES,
                     *durations.RULES]
_RANGE_JOIN = re.compile(r"^\s*(?:đến|tới|cho\s+đến|[-–])\s*(?:ngày\s+)?$", re.I)
_RANGE_FROM = re.compile(r"(?:từ|kể\s+từ)\s+$", re.I)
_UNTIL_NOW = re.compile(r"\s*(?:đến|tới|cho\s+đến)\s+(?:nay|bây\s+giờ|hiện\s+nay|hiện\s+tại)"
                        r"(?![\w])", re.I)
_WEEKDAY_JOIN = re.compile(r"^\s*(?:vừa\s+qua|vừa\s+rồi|tới|này)?\s*(?:[(,]|[-–])?\s*$",
                           re.I)
_TIME_JOIN = re.compile(r"^\s*,?\s*$")


def _nfc(text: str) -> tuple[str, list[int] | None]:
    """NFC text and, when normalising changed it, each new character's offset in the old."""
    if unicodedata.is_normalized("NFC", text):
        return text, None
    out: list[str] = []
    offsets: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        piece = unicodedata.normalize("NFC", text[i:j])
        out.append(piece)
        offsets.extend([i] * len(piece))
        i = j
    offsets.append(len(text))
    return "".join(out), offsets


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Longest first, then higher priority, then earlier; drop whatever overlaps a kept span.

    Near-linear: only spans that overlap (directly or through a chain) can exclude one
    another, so the text's candidates are cut into such clusters and each is settled on its
    own, against its kept spans held sorted (they never overlap, so starts and ends are in
    the same order and one bisection finds the neighbours).

    >>> [(c.start, c.end) for c in _select([Candidate(0, 5, "date", "", "a"),
    ...   Candidate(3, 9, "date", "", "b"), Candidate(8, 10, "date", "", "c"),
    ...   Candidate(20, 22, "date", "", "d")])]
    [(3, 9), (20, 22)]
    """
    cands = sorted(cands, key=lambda c: (c.start, c.end))
    kept: list[Candidate] = []
    cluster: list[Candidate] = []
    reach = -1
    for c in cands:
        if cluster and c.start >= reach:
            kept.extend(_select_cluster(cluster))
            cluster = []
        cluster.append(c)
        reach = max(reach, c.end) if len(cluster) > 1 else c.end
    if cluster:
        kept.extend(_select_cluster(cluster))
    return kept


def _select_cluster(cands: list[Candidate]) -> list[Candidate]:
    """The greedy choice of :func:`_select` over spans of one cluster, in text order."""
    if len(cands) == 1:
        return cands
    cands = sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    starts: list[int] = []
    kept: list[Candidate] = []
    for c in cands:
        i = bisect.bisect_right(starts, c.start)
        # The kept span starting at or before c, and the one after it, are the only ones
        # that can overlap c.
        if i > 0 and kept[i - 1].end > c.start:
            continue
        if i < len(kept) and kept[i].start < c.end:
            continue
        starts.insert(i, c.start)
        kept.insert(i, c)
    return kept


def _day_known(c: Candidate) -> bool:
    return (c.type == "date" and c.date is not None and c.date.day is not None) or (
        c.type == "date" and c.value.startswith("XXXX-XX-XX") and c.rule == "relative:day")


def _join_weekday(a: Candidate, b: Candidate, text: str) -> Candidate | None:
    """"thứ Hai (23/1)", "Thứ Hai, 28/3/2016", "hôm qua (27/3)", "6h sáng nay (3/6)": a
    weekday or relative day and the date that spells it out, as one expression with the
    written date's value (and the clock time, if the first part had one)."""
    relative_time = a.type == "time" and a.clock is not None and a.raw is None
    if not ((a.rule in ("weekday", "range:weekdays", "relative:day") or relative_time)
            and b.type == "date" and b.raw is not None and b.raw.day is not None
            and _WEEKDAY_JOIN.match(text[a.end:b.start])):
        return None
    end = b.end
    if "(" in text[a.end:b.start] and text[end:end + 1] == ")":
        end += 1
    if relative_time:
        assert a.clock is not None
        hour, minute = a.clock
        return Candidate(a.start, end, "time", f"{b.value[:10]}T{hour:02d}:{minute:02d}",
                         "time+date", raw=b.raw, date=b.date, clock=a.clock, extra=a.extra)
    rule = "weekday+date" if a.weekday is not None else "relative+date"
    part = a.part or b.part
    value = part_value(b.date, part) if part and b.end_value is None else b.value
    # "offset" (days from publication, for "hôm qua (27/3)") lets the publication date be read.
    return Candidate(a.start, end, "date", value, rule, raw=b.raw, date=b.date,
                     end_value=b.end_value, weekday=a.weekday, part=part, extra=a.extra)


def _join_time(a: Candidate, b: Candidate, text: str) -> Candidate | None:
    """"9h30 ngày 28/3", "8 giờ tối nay": a clock time and the day it falls on."""
    if not (a.type == "time" and a.clock is not None and _day_known(b)
            and _TIME_JOIN.match(text[a.end:b.start])):
        return None
    from thoisu.dates.times import adjust_hour

    hour, minute = a.clock
    if a.part is None and b.part is not None:
        hour = adjust_hour(hour, b.part)
    day = b.value[:10]
    return Candidate(a.start, b.end, "time", f"{day}T{hour:02d}:{minute:02d}", "time+date",
                     raw=b.raw, date=b.date, clock=(hour, minute), extra=b.extra)


def _join_range(a: Candidate, b: Candidate, text: str) -> Candidate | None:
    """"từ 15/3 đến 20/3", "từ tháng 3 đến tháng 5/2016": one range, the start's missing year
    taken from the end."""
    if not (a.type == b.type == "date" and a.raw is not None and b.raw is not None
            and a.end_value is None and b.end_value is None
            and _RANGE_JOIN.match(text[a.end:b.start])):
        return None
    joined_by_dash = not re.search(r"đến|tới", text[a.end:b.start], re.I)
    start = a.start
    before = _RANGE_FROM.search(text[max(0, a.start - 8):a.start])
    if before:
        start = a.start - len(before.group(0))
    elif joined_by_dash and a.raw.day is None:
        return None
    first = a.date or a.raw
    if a.raw.year is None and b.raw.year is not None and a.raw.month is not None:
        year = b.raw.year - (1 if b.raw.month is not None and a.raw.month > b.raw.month else 0)
        first = PartialDate(year, a.raw.month, a.raw.day)
    last = b.date or b.raw
    if first.year is not None and last.year is not None and first.sort_key() > last.sort_key():
        return None
    value = part_value(first, None)
    return Candidate(start, b.end, "date", value, "range", raw=a.raw, date=first,
                     end_value=last.iso())


def _until_now(c: Candidate, text: str) -> Candidate:
    m = _UNTIL_NOW.match(text, c.end, c.end + 40)  # no copy of the rest of the text
    if c.type != "date" or c.raw is None or c.end_value is not None or m is None:
        return c
    before = _RANGE_FROM.search(text[max(0, c.start - 8):c.start])
    start = c.start - len(before.group(0)) if before else c.start
    return Candidate(start, m.end(), "date", c.value, "range:until-now", raw=c.raw,
                     date=c.date, end_value="PRESENT_REF")


def _merge(kept: list[Candidate], ctx: Context) -> list[Candidate]:
    out: list[Candidate] = []
    for c in kept:
        c = _until_now(c, ctx.text)
        if out:
            prev = out[-1]
            for join in (_join_weekday, _join_time):
                joined = join(prev, c, ctx.text)
                if joined is not None:
                    out[-1] = joined
                    break
            else:
                joined = _join_range(prev, c, ctx.text)
                if joined is not None:
                    out[-1] = joined
                else:
                    out.append(c)
            continue
        out.append(c)
    return out


_DIGIT = re.compile(r"\d")


_KEYWORDS = sorted({word for rule in RULES for word in rule.needs})
# Each rule with its words as a set, made once (the tagger runs on every sentence).
_RULE_NEEDS = [(rule, frozenset(rule.needs)) for rule in RULES]
# Whether some rule needs neither a word nor a digit (then no text can be skipped whole).
_UNBOUND = any(not rule.needs and not rule.digits for rule in RULES)


def _candidates(ctx: Context) -> list[Candidate]:
    """Every rule over every line that could hold its pattern (a line must contain one of the
    rule's words: most lines of an article hold no date, and skipping them is most of the
    speed)."""
    low = lower_same_length(ctx.text)
    words = [w for w in _KEYWORDS if w in low]
    if not words and not _UNBOUND and _DIGIT.search(low) is None:
        return []  # every rule needs a word or a digit, and the text has neither
    lines = []
    pos = 0
    for line in low.split("\n"):
        if line.strip():
            present = {w for w in words if w in line}
            lines.append((pos, pos + len(line), present, _DIGIT.search(line) is not None))
        pos += len(line) + 1
    anywhere = set(words)
    cands: list[Candidate] = []
    for rule, needs in _RULE_NEEDS:
        if needs and needs.isdisjoint(anywhere):
            continue  # no line holds one of its words
        for start, end, present, has_digit in lines:
            if (rule.digits and not has_digit) or (needs and needs.isdisjoint(present)):
                continue
            if rule.hint is not None and rule.hint.search(low, start, end) is None:
                continue  # the line lacks what every match holds
            for m in rule.pattern.finditer(low, start, end):
                got = rule.handler(m, ctx)
                if got is None:
                    continue
                for c in got if isinstance(got, list) else [got]:
                    if c.end > c.start:
                        cands.append(c)
    return cands


def tag_dates(text: str, published: PartialDate | None = None, *, min_year: int = 1000,
              future_years: int = 50) -> list[TimeExpr]:
    """The time expressions of ``text``, in order, with values anchored to ``published``.

    Years before ``min_year`` or more than ``future_years`` after the publication year (or
    after this year, without one) are not read as dates.

    >>> [e.value for e in tag_dates("Ngày 28/3, đoàn ở lại 10 ngày.", PartialDate(2016, 3, 29))]
    ['2016-03-28', 'P10D']
    """
    if not text:
        return []
    norm, offsets = _nfc(text)
    chosen = _tagged(norm, published, min_year, future_years)
    out = []
    for c in chosen:
        start, end = (offsets[c.start], offsets[c.end]) if offsets else (c.start, c.end)
        out.append(TimeExpr(text=text[start:end], start=start, end=end, type=c.type,
                            value=c.value, rule=c.rule, end_value=c.end_value, mod=c.mod))
    return out


def tag_candidates(text: str, published: PartialDate | None = None) -> list[Candidate]:
    """Like :func:`tag_dates` but the internal records, with what was written before anchoring
    (``raw``) and the weekday named; for publication-date inference. NFC text only."""
    return _tagged(text, published) if text else []


def _tagged(text: str, published: PartialDate | None, min_year: int = 1000,
            future_years: int = 50) -> list[Candidate]:
    """What both taggers share: every rule's candidates over NFC ``text``, selected and joined."""
    published = usable_anchor(published)
    base_year = published.year if published is not None and published.year else dt.date.today().year
    ctx = Context(text, published, min_year, base_year + future_years)
    return _merge(_select(_candidates(ctx)), ctx)


__all__ = ["tag_candidates", "tag_dates"]
