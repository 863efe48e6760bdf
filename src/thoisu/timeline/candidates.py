"""Dated sentences of one article: each time expression that dates an event, with its clause.

Which expressions date an event:

* dates (``type == "date"``, and ``time`` values that carry a date) do; durations (``10 ngày``,
  ``gần 7 năm``) and sets (``hàng ngày``) do not;
* a value must say at least a year or a month and day: ``2016``, ``2016-03``, ``XXXX-03-28``;
  weeks and bare parts of day (``XXXX-XX-XXTMO``) are too vague for a timeline;
* each remaining expression gets a role (:mod:`thoisu.timeline.roles`): it dates the event
  of its clause, or only points at a time: an occasion (``trước dịp nghỉ lễ 30/4``), a
  deadline, a comparison (``cao nhất kể từ năm 2020``), a count, a plan, a figure, a year
  qualifying a noun. Background years that date an event (``từ năm 2015``) are kept; an
  article gives at most one year-precision entry per year (its first);
* two days joined by ``đến`` (``đêm 11/3 đến sáng thứ Tư (12/3)``) are one event with an end;
* a sentence with several events gives each its own clause (cut at ``;``, ``sau đó``, ``và``,
  ``,`` between them), and an event's text leaves out a closing occasion or comparison;
* a sentence with no expression of its own but ``cùng ngày`` / ``cùng hôm`` takes the day of
  the previous sentence dated to a day (``Trước đó cùng ngày, ...``);
* a relative date inside a quotation (``“Hôm qua chúng tôi...”``) counts from when it was
  said, which the text seldom gives: it is skipped;
* impossible dates (``31/2``) and years far from the article's own are dropped, never invented.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from thoisu.model import Article, PartialDate, Sentence, TimeExpr
from thoisu.text.sentences import article_sentences
from thoisu.text.syllables import count_syllables
from thoisu.timeline.clauses import event_clause, event_pieces
from thoisu.timeline.roles import Role, expression_role

_VALUE = re.compile(r"^(\d{4}|XXXX)(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?")
_RANGE_TEXT = re.compile(r"(\d{1,2})\s*[-–]\s*(\d{1,2})\s*[/.]\s*(\d{1,2})")
_SAME_DAY = re.compile(r"\bcùng (?:ngày|hôm)\b", re.IGNORECASE)
# Only "đến" between two days makes one range of them: "đêm 11/3 đến sáng thứ Tư (12/3)".
_RANGE_LINK = re.compile(r"^\s*(?:,\s*)?(?:kéo dài\s+|cho\s+)?(?:đến|tới|[-–])\s*$",
                         re.IGNORECASE)
# Roles of expressions whose closing clause is left out of an event's text; a year that
# qualifies a noun ("lễ hội sen năm 2025") belongs to the event's clause and stays.
_POINTER_RULES = frozenset({"occasion", "deadline", "comparison", "since-superlative", "count",
                            "coordinated"})
_COMMA = re.compile(r"[,;](?!\d)|(?<!\d)[,;]")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
MIN_YEAR = 1900


@dataclass
class Candidate:
    """One dated clause of one article, before stories merge them."""

    date: PartialDate
    text: str
    article: str
    position: int  # the article's order in the story, then the sentence index
    sentence: int
    end: PartialDate | None = None
    evidence: str = ""
    names: frozenset[str] = field(default_factory=frozenset)


def parse_value(value: str) -> PartialDate | None:
    """The calendar date of a TimeML value, or None if it names no usable date.

    >>> parse_value("2016-03-28TMO"), parse_value("XXXX-03-28"), parse_value("P3D")
    (PartialDate(year=2016, month=3, day=28), PartialDate(year=None, month=3, day=28), None)
    """
    m = _VALUE.match(value)
    if m is None or "W" in value[:9]:
        return None  # weeks ("2017-W03") are too vague to place
    # "2011-Q3", "2016-SU", "2015-H1" keep their year; "T..." (time of day) is dropped.
    year, month, day = (None if g is None or g.startswith("X") else int(g) for g in m.groups())
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        if month is None or not 1 <= day <= _DAYS[month - 1]:
            return None
        if month == 2 and day == 29 and year is not None and not (
                year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
            return None
    if year is None and (month is None or day is None):
        return None  # "XXXX-03" or "XXXX-XX-28": not placeable on a timeline
    return PartialDate(year, month, day)


def _end_of(expr: TimeExpr, date: PartialDate) -> PartialDate | None:
    """The last day of a range: from the tagger when it says, else from ``23-24/1``."""
    for attr in ("end_value", "end_date"):
        raw = getattr(expr, attr, None)
        if isinstance(raw, str) and raw:
            return parse_value(raw)
        if isinstance(raw, PartialDate):
            return raw
    if "/" in expr.value and not expr.value.startswith("P"):
        parts = expr.value.split("/")
        return parse_value(parts[1]) if len(parts) == 2 else None
    m = _RANGE_TEXT.search(expr.text)
    if m and date.day is not None and int(m.group(1)) == date.day:
        last = int(m.group(2))
        if date.month is not None and date.day < last <= _DAYS[date.month - 1]:
            return PartialDate(date.year, date.month, last)
    return None


def _range_year(start: PartialDate, end: PartialDate | None) -> PartialDate | None:
    """A range's last day takes its first day's year when the text gave it once for both
    ("từ đêm 11/3/2025 đến sáng 12/3"): told in one expression, not invented."""
    if (end is None or end.year is not None or start.year is None or end.month is None
            or end.day is None or start.month is None or start.day is None
            or (end.month, end.day) < (start.month, start.day)):
        return end
    return PartialDate(start.year, end.month, end.day)


def _year_ok(date: PartialDate, published: PartialDate | None) -> bool:
    if date.year is None:
        return True
    ceiling = (published.year + 5) if published is not None and published.year else 2100
    return MIN_YEAR <= date.year <= ceiling


def _range_end(sentence: str, first: tuple[TimeExpr, PartialDate],
               second: tuple[TimeExpr, PartialDate]) -> bool:
    """Whether ``second`` closes a range opened by ``first``: "đêm 11/3 đến sáng thứ Tư (12/3)"
    is one event from 11/3 to 12/3, not two."""
    (e1, d1), (e2, d2) = first, second
    if not _RANGE_LINK.match(sentence[e1.end:e2.start]) or d1.day is None or d2.day is None:
        return False
    if d1.year is not None and d2.year is not None and d1.year != d2.year:
        return False
    return (d1.month or 0, d1.day) < (d2.month or 0, d2.day)


def _without_pointer_tail(sentence: str, stop: int, end: int, pointers: list[TimeExpr]) -> int:
    """Where an event's text ends once a closing clause that only names an occasion, a deadline
    or a comparison is left out: "đưa vào sử dụng từ ngày 29/4, trước dịp nghỉ lễ 30/4 và 1/5"
    → "đưa vào sử dụng từ ngày 29/4"."""
    for expr in pointers:
        if not stop <= expr.start < end:
            continue
        commas = [m.start() for m in _COMMA.finditer(sentence, stop, expr.start)]
        if (commas and not _COMMA.search(sentence, expr.end, end)
                and count_syllables(sentence[:commas[-1]]) >= 6):
            return commas[-1]
        break
    return end


def in_quotation(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation: one opened before it, or (when the sentence
    splitter cut a long quote) one closed after it and never opened."""
    before, after = text[:pos], text[pos:]
    return (before.count("“") > before.count("”") or before.count('"') % 2 == 1
            or after.count("”") > after.count("“"))


def sentences_of(article: Article) -> list[Sentence]:
    return article.sentences or article_sentences(article.lead, article.paragraphs)


def article_candidates(article: Article, position: int, published: PartialDate | None,
                       tag: Callable[[str, PartialDate | None], list[TimeExpr]],
                       names: Callable[[str], frozenset[str]] | None = None) -> list[Candidate]:
    """The dated clauses of one article, in text order."""
    out: list[Candidate] = []
    last: Candidate | None = None
    years_told: set[int] = set()
    for sentence in sentences_of(article):
        text_of = sentence.text
        dated: list[tuple[TimeExpr, PartialDate, Role]] = []
        pointers: list[TimeExpr] = []  # occasions, deadlines, comparisons
        previous: tuple[TimeExpr, Role] | None = None
        for expr in tag(text_of, published):
            if expr.type not in {"date", "time"} or expr.mod == "LUNAR":
                continue  # durations, sets; lunar values are not solar dates
            if expr.rule.startswith("relative") and in_quotation(text_of, expr.start):
                continue  # "hôm qua" in a quote counts from when it was said, not published
            date = parse_value(expr.value)
            if date is None or not _year_ok(date, published):
                continue
            role = expression_role(text_of, expr, date, previous)
            previous = (expr, role)
            if role.event:
                dated.append((expr, date, role))
            elif role.rule.split()[0] in _POINTER_RULES:
                pointers.append(expr)
        # One event per range, one entry per date, one year-precision entry per year.
        events: list[tuple[TimeExpr, PartialDate, Role, TimeExpr | None]] = []
        seen: set[str] = set()
        for expr, date, role in dated:
            if events and events[-1][3] is None and _range_end(
                    text_of, events[-1][:2], (expr, date)):  # type: ignore[arg-type]
                events[-1] = (*events[-1][:3], expr)
                continue
            if date.iso() in seen or (date.precision == "year" and date.year in years_told):
                continue
            if date.precision == "year" and date.year is not None:
                years_told.add(date.year)
            seen.add(date.iso())
            events.append((expr, date, role, None))
        spans = [(e.start, (closer or e).end) for e, _, _, closer in events]
        for (expr, date, role, closer), (a, b) in zip(events, event_pieces(text_of, spans),
                                                       strict=True):
            stop = (closer or expr).end
            b = _without_pointer_tail(text_of, stop, b, pointers)
            text = event_clause(text_of[a:b], expr.start - a, stop - a)
            anchor = f", anchored to {published.iso()}" if published is not None else ""
            end = _end_of(expr, date)
            shown = expr.text
            if closer is not None:
                end = parse_value(closer.value)
                shown = text_of[expr.start:closer.end]
            end = _range_year(date, end)
            last = Candidate(
                date=date, text=text, article=article.id, position=position,
                sentence=sentence.index, end=end,
                evidence=f"{article.id}#{sentence.index}: {shown!r} → {expr.value}"
                         f" ({expr.rule or expr.type}; {role.rule}{anchor})",
                names=names(text) if names else frozenset())
            out.append(last)
        m = _SAME_DAY.search(text_of) if not events else None
        if m is not None and last is not None and last.date.day is not None:
            text = event_clause(sentence.text, m.start(), m.end())
            out.append(Candidate(
                date=last.date, text=text, article=article.id, position=position,
                sentence=sentence.index,
                evidence=f"{article.id}#{sentence.index}: {m.group(0)!r} → {last.date.iso()}"
                         f" (same day as sentence {last.sentence})",
                names=names(text) if names else frozenset()))
    return out
