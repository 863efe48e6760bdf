"""The dated mentions of an article's title, lead and paragraphs, tagged once, with what each
says about the day of writing: named as past, as future, or as the edge of a span.

>>> from thoisu.model import Article, Origin
>>> a = Article(id="a", origin=Origin("x"), title="Mưa lớn ở Huế",
...             paragraphs=["Chiều 28/6, nước sông dâng cao. Lệnh cấm có hiệu lực từ ngày 1/7."])
>>> [(m.text, m.where, m.edge) for m in article_clues(a).mentions]
[('Chiều 28/6', 'lead', False), ('ngày 1/7', 'lead', True)]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from thoisu.dates.base import Candidate
from thoisu.dates.calendar import valid_day
from thoisu.dates.tagger import tag_candidates
from thoisu.model import Article, PartialDate

# A plan or a deadline in the clause before a date: "sẽ", "dự kiến", "kế hoạch", ...
_FUTURE_BEFORE = re.compile(r"(?:sẽ|sắp|dự\s+kiến|kế\s+hoạch|dự\s+định|hẹn|chậm\s+nhất|hạn\s+chót"
                            r"|mục\s+tiêu|từ\s+nay\s+đến)(?![\w])[^.!?]{0,80}$", re.I)
_FUTURE_AFTER = re.compile(r"^\s*(?:tới|sắp\s+tới|tuần\s+tới|tháng\s+tới)(?![\w])", re.I)
# The edge of a span or a deadline: "từ ngày 1/7", "đến hết ngày 25/10", "trước ngày 30/11",
# "bắt đầu từ 25/5". Such a day starts or ends something; it is never the day of writing
# (an article of 29 June announces a law "từ ngày 1/7"). "tính đến ngày" (as of) is not one.
_EDGE_BEFORE = re.compile(r"(?:(?<!\w)từ|(?<!tính\s)(?<!\w)đến|(?<!\w)tới|(?<!\w)trước|(?<!\w)sau"
                          r"|(?<!\w)hết|(?<!\w)cho\s+tới|(?<!\w)kể\s+từ)\s*(?:hết\s+)?$", re.I)
# "từ ngày 30/9/2015 không quân bắt đầu ...": a span that started in the past, a lower bound on
# the day of writing; not when the clause makes it a plan or a rule taking effect ("sẽ", "có
# hiệu lực từ ngày 1/7/2019", "áp dụng từ").
_SINCE_BEFORE = re.compile(r"(?:(?<!\w)từ|(?<!\w)kể\s+từ)\s*$", re.I)
_NOT_PAST = re.compile(r"sẽ|dự\s+kiến|hiệu\s+lực|áp\s+dụng|kế\s+hoạch|bắt\s+đầu\s+từ\s*$", re.I)
# "năm nay (2016)", "năm 2016 (năm nay)": the text says which year is the current one.
_THIS_YEAR = re.compile(r"năm\s+nay\s*\(\s*(?:năm\s+)?((?:19|20)\d\d)\s*\)"
                        r"|năm\s+((?:19|20)\d\d)\s*\(\s*năm\s+nay\s*\)", re.I)
# "sáng nay", "hôm qua", "đêm kia": words that name a day (not "năm nay", "tuần qua").
_DAY_WORDS = re.compile(r"(?:hôm|sáng|trưa|chiều|tối|đêm|khuya|rạng\s+sáng)\s+(?:nay|qua|kia)"
                        r"|\bhôm\s+nay\b|\bhôm\s+qua\b", re.I)
# "Hôm nay 23.10", "sáng nay 3-2": the tagger reads no day-month with dots after a day word.
_DAY_AFTER_WORD = re.compile(r"^\s*\(?\s*(\d{1,2})\s*[./-]\s*(\d{1,2})"
                             r"(?:\s*[./-]\s*((?:19|20)\d\d))?"
                             r"(?![\d./-]*\d)")
# "tỷ lệ chọi 1/3", "chiếm 1/4": a fraction, not a day.
_FRACTION_BEFORE = re.compile(r"(?:tỷ\s+lệ|tỉ\s+lệ|chọi|chiếm|gấp|khoảng|hơn|gần|tới)\s*$", re.I)
# "năm 2015", "đầu năm 2014": years a plan names ("sẽ ... vào năm 2015") bound the day of
# writing from above.
_YEAR_NAMED = re.compile(r"(?<!\w)năm\s+((?:19|20)\d\d)(?!\d)", re.I)


@dataclass
class Mention:
    """A calendar date the text writes, where, and how it is introduced."""

    date: PartialDate  # as written (a range: its last day)
    where: str  # "title", "lead", "body"
    text: str
    start: int = 0  # offset in its part (title, lead or paragraph)
    weekday: int | None = None
    future: bool = False  # a plan: "sẽ", "dự kiến", "tuần tới"
    edge: bool = False  # starts or ends a span, a deadline: "từ ngày", "đến hết ngày"
    since: bool = False  # the start of a span already under way: "từ ngày 30/9/2015 ... bắt đầu"
    offset: int | None = None  # days from the day of writing, for "hôm qua (27/3)"

    @property
    def day_month(self) -> bool:
        return self.date.month is not None and self.date.day is not None


@dataclass
class Clues:
    mentions: list[Mention] = field(default_factory=list)
    # "năm nay (2016)": year, text
    this_year: list[tuple[int, str]] = field(default_factory=list)
    # years a plan names ("sẽ hoàn thành vào năm 2015"): the day of writing is not after them
    future_years: list[tuple[int, str]] = field(default_factory=list)
    # "sáng nay", "hôm qua" in the title or lead without a date: offset, future, text
    relative: list[tuple[int, bool, str]] = field(default_factory=list)


def article_parts(article: Article) -> list[tuple[str, str]]:
    """(where, text) of the title, the lead (the first paragraph when there is no sapo) and
    the body paragraphs, in order."""
    parts = [("title", article.title)] if article.title else []
    paragraphs = [p for p in article.paragraphs if p]
    if article.lead:
        parts.append(("lead", article.lead))
    elif paragraphs:
        parts.append(("lead", paragraphs.pop(0)))  # no sapo: the first paragraph opens it
    parts.extend(("body", p) for p in paragraphs)
    return parts


def _is_future(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 100):start].rsplit("\n", 1)[-1]
    return bool(_FUTURE_BEFORE.search(before) or _FUTURE_AFTER.match(text[end:end + 16]))


def _is_edge(text: str, c: Candidate) -> bool:
    span = text[c.start:c.end]
    before = text[max(0, c.start - 20):c.start].rsplit("\n", 1)[-1]
    if re.match(r"(?:ngày|hôm)\s", span, re.I) is None:
        before = re.sub(r"(?:ngày|hôm)\s*$", "", before, flags=re.I)
    return c.rule == "range" or bool(_EDGE_BEFORE.search(before.rstrip()))


def _is_since(text: str, c: Candidate) -> bool:
    """A span's start named as past: "từ" before it, no plan or rule in its sentence."""
    before = text[max(0, c.start - 20):c.start].rsplit("\n", 1)[-1]
    before = re.sub(r"(?:ngày|hôm)\s*$", "", before, flags=re.I).rstrip()
    if c.rule == "range" or not _SINCE_BEFORE.search(before):
        return False
    start = max(text.rfind(".", 0, c.start), text.rfind("\n", 0, c.start)) + 1
    ends = [i for i in (text.find(".", c.end), text.find("\n", c.end)) if i >= 0]
    clause = text[start:min(ends) if ends else len(text)]
    return _NOT_PAST.search(clause) is None


def article_clues(article: Article) -> Clues:
    """Every dated mention of the title, lead and paragraphs, tagged in one pass."""
    clues = Clues()
    parts = article_parts(article)
    text = "\n".join(part for _, part in parts)
    starts = []
    pos = 0
    for _, part in parts:
        starts.append(pos)
        pos += len(part) + 1
    for c in tag_candidates(text):
        index = bisect_right(starts, c.start) - 1
        where = parts[index][0]
        offset = c.extra.get("offset")
        if (c.raw is None and where in ("title", "lead") and isinstance(offset, int)
                and _DAY_WORDS.search(text[c.start:c.end])):
            spelled = _DAY_AFTER_WORD.match(text[c.end:c.end + 16])
            if spelled is not None:  # "Hôm nay 23.10": the day written after the words
                year = int(spelled.group(3)) if spelled.group(3) else None
                month, day = int(spelled.group(2)), int(spelled.group(1))
                if 1 <= month <= 12 and valid_day(day, month, year):
                    clues.mentions.append(Mention(
                        PartialDate(year, month, day), where,
                        text[c.start:c.end + spelled.end()], c.start - starts[index],
                        offset=offset))
                    continue
            if -2 <= offset <= 0:
                clues.relative.append((offset, _is_future(text, c.start, c.end),
                                       text[c.start:c.end]))
        if c.type not in ("date", "time") or c.raw is None or c.mod == "LUNAR":
            continue
        if c.raw.year is None and _FRACTION_BEFORE.search(text[max(0, c.start - 16):c.start]):
            continue  # "tỷ lệ chọi 1/3" is a ratio
        if c.rule not in ("relative+date", "time+date"):
            offset = None
        raw = c.raw
        if c.rule == "range" and c.end_value:
            from thoisu.dates.values import value_date

            last = value_date(c.end_value)  # "từ 30/12 đến 1/1": the range's last day
            if last is not None and last.month is not None and last.day is not None:
                raw = PartialDate(raw.year if last.year is None and raw.month is not None
                                  and last.month >= raw.month else last.year,
                                  last.month, last.day)
        clues.mentions.append(Mention(raw, where, text[c.start:c.end], c.start - starts[index],
                                      c.weekday, _is_future(text, c.start, c.end),
                                      _is_edge(text, c), _is_since(text, c),
                                      offset if isinstance(offset, int) else None))
    for m in _THIS_YEAR.finditer(text):
        if not _is_future(text, m.start(), m.end()):
            clues.this_year.append((int(m.group(1) or m.group(2)), m.group(0)))
    for m in _YEAR_NAMED.finditer(text):
        if _is_future(text, m.start(), m.end()):
            clues.future_years.append((int(m.group(1)), m.group(0)))
    return clues
