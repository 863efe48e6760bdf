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
from dataclasses import dataclass, field

from thoisu.model import Article, PartialDate, Sentence, TimeExpr
from thoisu.text.syllables import count_syllables
from thoisu.timeline.attribution import Attributed, attribution
from thoisu.timeline.clauses import clause_at, event_clause, event_pieces
from thoisu.timeline.record import mention_names, sentence_dates, written_names
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
    # Set for an entry dated by the day of the report (its own date was background).
    report_day: bool = False
    # The clause without the speaker and verb that attribution put before it: what two
    # clauses are compared on when merging (the same speaker says many things in a day).
    core: str = ""
    said: str = ""  # how the speaker was kept: "verb", "according" or "" (see attribution)


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


# A clause cut so that it starts inside another one ("để tham gia...", "và ..."), or one
# that is only a time phrase and a purpose ("Vào ngày 10/12 tới để dự lễ khởi công..."): widened.
_CONTINUATION = re.compile(r"^(?:để|nhằm|mà|thì|và|hoặc|hay|nhưng|rằng|là|của|cho|với)\b",
                           re.IGNORECASE)
_TIME_THEN_PURPOSE = re.compile(r"^\s*(?:tới|sắp tới|này|nữa)?\s*,?\s*(?:để|nhằm|thì|mà)\b",
                                re.IGNORECASE)
_TIME_OPENER = re.compile(r"^(?:vào|trong|từ|đến|tới|ngày|hôm|sáng|chiều|tối|trưa|đêm|lúc)\b",
                          re.IGNORECASE)


def _fragment(clause: str, expr_text: str) -> bool:
    if _CONTINUATION.match(clause):
        return True
    at = clause.find(expr_text)
    return (0 <= at <= 12 and _TIME_OPENER.match(clause) is not None
            and _TIME_THEN_PURPOSE.match(clause[at + len(expr_text):]) is not None)


_REPORTED = re.compile(r"\b(?:thông báo|cho biết|cho hay|tuyên bố|xác nhận|khẳng định|"
                       r"cho rằng|nói)(?:\s+(?:rằng|là))?\s+", re.IGNORECASE)
# The main clause of a sentence dated only by background ("sau trận mưa hôm 12/3, nước đã
# rút"): told in the past or present, it is news of the day of the report.
_REPORTED_NOW = re.compile(r"\b(?:đã|vừa|đang|mới|bắt đầu|hiện)\b", re.IGNORECASE)
_NOT_YET = re.compile(r"\b(?:sẽ|dự kiến|dự báo|kế hoạch|chuẩn bị|sắp)\b", re.IGNORECASE)
# Background days at most this many days before the report make its main clause news of the
# report day; older ones say nothing about when the main clause happened.
REPORT_DAY_WINDOW = 7
# A sentence that is only a time phrase ("Sáng 13/3:") dates the sentence after it.
_DATE_ONLY_REST = 2  # syllables left once the expressions are taken out


def _days_before(day: PartialDate, published: PartialDate | None) -> int | None:
    import datetime as dt

    if published is None or None in (day.year, day.month, day.day, published.year,
                                      published.month, published.day):
        return None
    try:
        return (dt.date(published.year, published.month, published.day)  # type: ignore[arg-type]
                - dt.date(day.year, day.month, day.day)).days  # type: ignore[arg-type]
    except ValueError:
        return None


def _date_only(text: str, exprs: list[TimeExpr]) -> bool:
    rest = text
    for e in sorted(exprs, key=lambda e: -e.start):
        rest = rest[:e.start] + " " + rest[e.end:]
    return bool(exprs) and count_syllables(rest) <= _DATE_ONLY_REST


def article_candidates(article: Article, position: int,
                       published: PartialDate | None) -> list[Candidate]:
    """The dated clauses of one analysed article, in text order: its own ``dates`` give the
    expressions and its ``mentions`` the names."""
    out: list[Candidate] = []
    last: Candidate | None = None
    years_told: set[int] = set()
    sentences = article.sentences
    all_exprs = sentence_dates(article, sentences)
    names_of = mention_names(article)
    carried: tuple[TimeExpr, PartialDate, Sentence] | None = None  # from a date-only line

    written = written_names(article)
    before_of = {s.index: sentences[k - 1] for k, s in enumerate(sentences) if k}

    def attributed(sentence: Sentence, at: int, clause: str) -> Attributed:
        before = before_of.get(sentence.index)
        return attribution(sentence.text, at, clause, written.get(sentence.index, ()),
                         before.text if before is not None else None,
                         written.get(before.index, ()) if before is not None else ())

    for sentence, exprs in zip(sentences, all_exprs, strict=True):
        text_of = sentence.text
        dated: list[tuple[TimeExpr, PartialDate, Role]] = []
        pointers: list[TimeExpr] = []  # occasions, deadlines, comparisons
        background: list[tuple[TimeExpr, PartialDate]] = []
        previous: tuple[TimeExpr, Role] | None = None
        usable: list[TimeExpr] = []
        for expr in exprs:
            if expr.type not in {"date", "time"} or expr.mod == "LUNAR":
                continue  # durations, sets; lunar values are not solar dates
            if expr.rule.startswith("relative") and in_quotation(text_of, expr.start):
                continue  # "hôm qua" in a quote counts from when it was said, not published
            date = parse_value(expr.value)
            if date is None or not _year_ok(date, published):
                continue
            usable.append(expr)
            role = expression_role(text_of, expr, date, previous)
            previous = (expr, role)
            if role.event:
                dated.append((expr, date, role))
            elif role.rule.split()[0] in _POINTER_RULES:
                pointers.append(expr)
            elif role.rule == "background":
                background.append((expr, date))
        if usable and _date_only(text_of, usable) and dated:
            # "Sáng 13/3:" on a line of its own: the date of what the next sentence tells.
            carried = (dated[0][0], dated[0][1], sentence)
            continue
        if carried is not None and not dated and not background:
            expr, date, line = carried
            carried = None
            text = event_clause(text_of, 0, 0)
            last = Candidate(
                date=date, text=text, article=article.id, position=position,
                sentence=sentence.index,
                evidence=f"{article.id}#{sentence.index}: {expr.text!r} → {expr.value}"
                         f" (the line before, sentence {line.index}, is only this date)",
                names=names_of(sentence.index, text))
            out.append(last)
            continue
        carried = None
        if not dated and background and published is not None:
            # "Sau trận mưa lớn hôm 12/3, nước đã rút": 12/3 is background; what the main
            # clause tells is news of the report day, if it is told as done or under way.
            expr, date = background[-1]
            rest = text_of[expr.end:]
            days = _days_before(date, published)
            if (days is not None and 0 <= days <= REPORT_DAY_WINDOW
                    and _REPORTED_NOW.search(rest) and not _NOT_YET.search(rest)):
                text = _tidy_background(text_of, expr)
                last = Candidate(
                    date=published, text=text, article=article.id, position=position,
                    sentence=sentence.index, report_day=True,
                    evidence=f"{article.id}#{sentence.index}: {expr.text!r} → {expr.value}"
                             f" is background; the main clause is dated by the report"
                             f" ({published.iso()})",
                    names=names_of(sentence.index, text))
                out.append(last)
            continue
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
            text, at = clause_at(text_of[a:b], expr.start - a, stop - a)
            at += a
            if _fragment(text.lstrip("…"), expr.text):
                # The clause starts inside another ("vào ngày 10/12 tới để..."): take it from
                # what was reported ("X thông báo [phái đoàn sẽ trở lại ... vào ngày 10/12]"),
                # else from the start of the sentence, kept whole up to a longer length.
                said = [m.end() for m in _REPORTED.finditer(text_of, 0, expr.start)]
                start = said[-1] if said else 0
                text, at = clause_at(text_of[start:b], expr.start - start, stop - start,
                                     max_syllables=60)
                at += start
            core = text
            told = attributed(sentence, at, core)
            text = told.text
            anchor = f", anchored to {published.iso()}" if published is not None else ""
            end = _end_of(expr, date)
            shown = expr.text
            if closer is not None:
                end = parse_value(closer.value)
                shown = text_of[expr.start:closer.end]
            end = _range_year(date, end)
            said_by = f"; told as said ({told.how})" if told.how else ""
            last = Candidate(
                date=date, text=text, article=article.id, position=position,
                sentence=sentence.index, end=end,
                evidence=f"{article.id}#{sentence.index}: {shown!r} → {expr.value}"
                         f" ({expr.rule or expr.type}; {role.rule}{anchor}){said_by}",
                names=names_of(sentence.index, core), core=core, said=told.how)
            out.append(last)
        m = _SAME_DAY.search(text_of) if not events else None
        if m is not None and last is not None and last.date.day is not None:
            core, at = clause_at(sentence.text, m.start(), m.end())
            told = attributed(sentence, at, core)
            text = told.text
            out.append(Candidate(
                date=last.date, text=text, article=article.id, position=position,
                sentence=sentence.index,
                evidence=f"{article.id}#{sentence.index}: {m.group(0)!r} → {last.date.iso()}"
                         f" (same day as sentence {last.sentence})",
                names=names_of(sentence.index, core), core=core, said=told.how))
    return out


def _tidy_background(sentence: str, expr: TimeExpr) -> str:
    """The main clause of a sentence opened by a background phrase: the text after the
    comma that closes it ("Sau trận mưa hôm 12/3, nước đã rút" → "Nước đã rút"), else the
    whole sentence."""
    m = _COMMA.search(sentence, expr.end)
    if m is not None and count_syllables(sentence[m.end():]) >= 4:
        return event_clause(sentence[m.end():], 0, 0)
    return event_clause(sentence, expr.start, expr.end)
