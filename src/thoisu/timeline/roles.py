"""What a time expression does in its sentence: date the event, or only point at a time.

A sentence names many times that are not when its event happened: an occasion (``trước dịp
nghỉ lễ 30/4``), a deadline (``phải nộp trước ngày 15/6``), a point of comparison (``cao
nhất kể từ năm 2020``, ``so với cùng kỳ năm 2024``), a plan (``dự kiến xong năm 2027``).
:func:`expression_role` answers, per expression, whether it dates the main event of its
sentence (or clause), and by which named rule, so the timeline can say why it kept or left
out a date.

>>> from thoisu.model import PartialDate, TimeExpr
>>> s = "Cầu thông xe ngày 29/4, trước dịp nghỉ lễ 30/4."
>>> expression_role(s, TimeExpr("30/4", 42, 46, "date", "2025-04-30"), PartialDate(2025, 4, 30))
Role(event=False, rule='occasion')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from thoisu.model import PartialDate, TimeExpr


@dataclass(frozen=True)
class Role:
    """Whether an expression dates an event, and the rule that says so."""

    event: bool
    rule: str


# The stretch of text before an expression that still belongs to its clause.
_CLAUSE_START = re.compile(r"[,;:.!?“”\"()]|\s(?:và|nhưng|còn|trong khi)\s", re.IGNORECASE)
# An occasion named around the date: "trước dịp nghỉ lễ 30/4", "nhân dịp 2/9", "chào mừng
# kỷ niệm 50 năm ngày 30/4", "Tết Nguyên đán 2025".
_OCCASION = re.compile(r"\b(?:dịp|kỳ nghỉ|nghỉ lễ|ngày lễ|đại lễ|kỷ niệm|chào mừng|tết|"
                       r"lễ kỷ niệm|mùa lễ)\b(?:\s+\S+){0,4}\s*$", re.IGNORECASE)
# A deadline: "hạn chót ngày 15/6", "chậm nhất là ngày 20/5", "đến hết ngày 30/6".
_DEADLINE_DAY = re.compile(r"\b(?:hạn chót|hạn cuối|thời hạn|chậm nhất|muộn nhất|trễ nhất|đến hết|"
                           r"tới hết)\b(?:\s+\S+){0,3}\s*$"
                           r"|\bhạn(?:\s+(?:là|vào|trước|ngày|hết))*\s*$", re.IGNORECASE)
# "trước ngày 15/6" is a deadline when the clause asks for something to be done by then.
_BEFORE = re.compile(r"\btrước(?:\s+ngày)?\s*$", re.IGNORECASE)
_OBLIGATION = re.compile(r"\b(?:phải|cần|yêu cầu|buộc|đề nghị|hoàn thành|hoàn tất|nộp|đăng ký|"
                         r"gửi|kịp|bàn giao|chậm nhất)\b", re.IGNORECASE)
# A year or month that closes a period is a deadline or a target: "đến năm 2020 đạt 90%".
_DEADLINE_PERIOD = re.compile(r"\b(?:đến|tới|đến tận|cho đến|hạn|hết|trước)\s*$", re.IGNORECASE)
# A point of comparison: "so với cùng kỳ năm 2024", "như năm 2014".
_COMPARISON = re.compile(r"\b(?:so với|cùng kỳ|thay vì)\b(?:\s+\S+){0,4}\s*$"
                         r"|\bnhư(?:\s+(?:năm|tháng))?\s*$", re.IGNORECASE)
# A year or month a count runs from or to: "tính từ năm 2016" (but "tính đến ngày 7/12, ..."
# states what was true that day, an event).
_COUNT = re.compile(r"\b(?:tính từ|tính đến)(?:\s+(?:năm|tháng))?\s*$", re.IGNORECASE)
# "mức cao nhất kể từ năm 2020", "lần đầu tiên kể từ tháng 3/2022": a reference point.
_SINCE = re.compile(r"\b(?:nhất|kỷ lục|lần đầu|đầu tiên)\b"
                    r"(?:(?:\s+\S+){0,4}?\s+kể từ|(?:\s+\S+)?\s+từ)"
                    r"(?:\s+(?:năm|tháng|ngày|đầu|cuối|giữa))?\s*$", re.IGNORECASE)
# "mức cao nhất trong tháng Ba kể từ năm 2020": the month is part of the comparison too.
_SINCE_AFTER = re.compile(r"^\s*(?:\S+\s+){0,2}?kể từ\b", re.IGNORECASE)
_SUPERLATIVE = re.compile(r"\b(?:nhất|kỷ lục|lần đầu|đầu tiên)\b", re.IGNORECASE)
# A year or month in a plan is not yet an event: "dự kiến hoàn thành vào năm 2019".
_PLAN = re.compile(r"\b(?:dự kiến|sẽ|kế hoạch|mục tiêu|phấn đấu|lộ trình|lần tới|kỳ tới|"
                   r"lần sau)\b[^,;.]*$", re.IGNORECASE)
# A year that heads a figure is a statistic: "năm 2014 là 136 triệu lượt".
_STATISTIC = re.compile(r"^\s*(?:(?:là|đạt|có|tăng|giảm|chỉ|mới|khoảng|với)?\s*(?:khoảng\s*)?\d"
                        r"|là\b)", re.IGNORECASE)
# Words before a bare year that make it date an event ("từ năm 2015", "vào năm 2016").
_YEAR_INTRO = frozenset({"từ", "vào", "trong", "hồi", "cuối", "đầu", "giữa", "sau", "trước",
                         "suốt", "năm"})
# A bare year closing a clause told in the past or passive dates it: "Dự án được duyệt năm
# 2021 và ...", "Công ty được thành lập năm 2009."
_PAST = re.compile(r"\b(?:được|bị|đã)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"^\s*(?:$|[,.;:!?)]|(?:và|rồi|sau đó|trước khi)\b)", re.IGNORECASE)
# "nhiệm kỳ 2015 - 2020", "mùa giải 2016": a term named by its years.
_TERM = re.compile(r"\b(?:nhiệm kỳ|giai đoạn|niên khóa|niên khoá|mùa giải|khóa|khoá)\s*$",
                   re.IGNORECASE)
# "hồi tháng 3/2016" is in the past even after a "sẽ".
_PAST_INTRO = re.compile(r"\b(?:hồi|vào hồi)\s*$", re.IGNORECASE)
# Background: a day named only to say what came before the news, in a phrase that opens the
# sentence: "Sau trận mưa lớn hôm 12/3, nước đã rút" (the water went down on the report
# day), "Sau khi được duyệt ngày 5/3, dự án...".
_AFTER_EVENT = re.compile(r"^\s*(?:\S+\s+){0,3}?(?:ngay\s+|chỉ\s+|không lâu\s+)?sau\s+"
                          r"(?:khi\b|(?:trận|vụ|đợt|cơn|cuộc|sự cố|sự kiện|lần|hôm|ngày|buổi)\b)"
                          r"(?:\s+\S+){0,8}?\s*(?:hôm|ngày|vào|vào ngày|hồi)?\s*$", re.IGNORECASE)
# "Giá đã tăng 5 lần kể từ tháng 1": a trailing "kể từ" names where a count starts.
_SINCE_TRAILING = re.compile(r"(?:\S+\s+){3,}(?:kể từ|tính từ)(?:\s+(?:năm|tháng|ngày|hôm|đầu|"
                             r"cuối|giữa|khi))?\s*$", re.IGNORECASE)
_COMMA_BEFORE = re.compile(r"[,;:]\s")
# Only a conjunction between two expressions: the second shares the first's role
# ("trước dịp nghỉ lễ 30/4 và 1/5").
_COORDINATED = re.compile(r"^\s*(?:,|và|hoặc|hay|cùng|[-–])\s*(?:ngày\s+)?$", re.IGNORECASE)


def _clause_before(sentence: str, start: int) -> str:
    before = sentence[:start]
    cut = 0
    for m in _CLAUSE_START.finditer(before):
        if before[m.start():m.start() + 1] in ",." and 0 < m.start() < len(before) - 1 and (
                before[m.start() - 1].isdigit() and before[m.start() + 1].isdigit()):
            continue  # "1,5" and "1.850" do not cut
        cut = m.end()
    return before[cut:]


def expression_role(sentence: str, expr: TimeExpr, date: PartialDate,
                    previous: tuple[TimeExpr, Role] | None = None) -> Role:
    """Whether ``expr`` dates the event of its clause; ``previous`` is the expression before
    it in the sentence with its role, so that a date coordinated with an occasion is one too.

    Non-events, by rule: ``background`` (``sau trận mưa hôm 12/3, ...``; a trailing
    ``kể từ``), ``coordinated`` (joined by ``và`` / ``,`` to a non-event),
    ``occasion``, ``deadline``, ``comparison``, ``since-superlative``, ``count``, ``plan``,
    ``statistic``, ``year-qualifier`` (a bare year with no temporal preposition:
    ``chiến dịch năm 2017``).
    Events: ``day``, ``month``, ``year-introduced``, ``year-opens-clause``,
    ``year-closes-past-clause`` (``được thành lập năm 2009.``).
    """
    if previous is not None and not previous[1].event:
        gap = sentence[previous[0].end:expr.start]
        if _COORDINATED.match(gap):
            return Role(False, f"coordinated ({previous[1].rule})")
    full_before = sentence[:expr.start].rstrip()
    before = _clause_before(sentence, expr.start).rstrip()
    if _OCCASION.search(before):
        return Role(False, "occasion")
    if _COMPARISON.search(before):
        return Role(False, "comparison")
    if _SINCE.search(before) or (_SUPERLATIVE.search(before)
                                 and _SINCE_AFTER.match(sentence[expr.end:])):
        return Role(False, "since-superlative")
    if _AFTER_EVENT.match(full_before) and not _COMMA_BEFORE.search(full_before):
        return Role(False, "background")
    if _SINCE_TRAILING.search(before) or (re.match(r"(?i)kể từ\b", expr.text) and len(
            before.split()) >= 3):
        return Role(False, "background")
    if date.day is not None:
        if _DEADLINE_DAY.search(before) or (
                _BEFORE.search(before) and _OBLIGATION.search(before)):
            return Role(False, "deadline")
        return Role(True, "day")
    if _COUNT.search(before):
        return Role(False, "count")
    if _DEADLINE_PERIOD.search(full_before):
        return Role(False, "deadline")
    if _PLAN.search(full_before) and not _PAST_INTRO.search(full_before):
        return Role(False, "plan")
    if date.precision == "month":
        return Role(True, "month")
    if _STATISTIC.match(sentence[expr.end:]):
        return Role(False, "statistic")
    if not full_before or full_before[-1] in ",;:(“\"–-":
        return Role(True, "year-opens-clause")
    if full_before.split()[-1].lower() in _YEAR_INTRO:
        return Role(True, "year-introduced")
    if (_PAST.search(before) and _CLAUSE_END.match(sentence[expr.end:])
            and not _TERM.search(before)):
        return Role(True, "year-closes-past-clause")
    return Role(False, "year-qualifier")
