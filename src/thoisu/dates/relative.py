"""Dates relative to the publication date: ``hôm qua``, ``sáng nay``, ``tuần tới``,
``năm ngoái``, ``3 ngày trước``, and weekdays (``hôm thứ Bảy``, ``thứ Tư tuần tới``).

Without an anchor the value keeps only what the words say: ``XXXX-XX-XX`` for a day,
``XXXX-WXX-3`` for a Wednesday, ``PAST_REF`` for "a few days ago".
"""

from __future__ import annotations

import re

from thoisu.dates.base import Candidate, Context, Rule, compile_vi, part_value
from thoisu.dates.calendar import calendar_year, shift_days, shift_months, week_value, weekday_date
from thoisu.dates.lexicon import (
    NUMBER_DIGITS,
    NUMBER_WORD,
    PART_OF_DAY,
    PARTS_OF_DAY,
    WEEKDAY,
    key,
    read_number,
    read_weekday,
)
from thoisu.model import PartialDate

REL_DAY = compile_vi(
    r"(?<![\w])(?:(?P<pod>" + PART_OF_DAY + r")\s+)?(?:(?:ngày\s+)?hôm\s+(?P<h>nay|qua|kia)"
    r"|ngày\s+(?P<n>mai|kia)|(?<=\s)(?P<bare>nay|qua|mai)|bữa\s+(?P<b>nay|qua))(?![\w])"
)
REL_UNIT = compile_vi(
    r"(?<![\w])(?P<unit>tuần|tháng|năm)\s+(?P<rel>này|nay|ngoái|trước|qua|vừa\s+qua|tới|sau"
    r"|kế\s+tiếp)(?![\w])|(?<![\w])sang\s+(?P<sang>năm)(?![\w])"
)
AGO = compile_vi(
    r"(?<![\w.,/\-–:])(?:(?P<cach>cách\s+đây)\s+)?(?:(?:khoảng|gần|hơn|chừng)\s+)?"
    r"(?P<n>" + NUMBER_DIGITS + "|" + NUMBER_WORD + r"|vài|mấy|dăm)\s+"
    r"(?P<unit>ngày|tuần|tháng|năm|thập\s+(?:kỷ|kỉ|niên))(?P<truoc>\s+(?:về\s+)?trước)?(?![\w])"
)
WEEKDAY_RULE = compile_vi(
    r"(?<![\w])(?P<every>(?:mỗi|hằng|hàng)\s+)?(?P<pre>(?:" + PART_OF_DAY + r"|hôm|ngày)\s+)?"
    r"(?P<wd>" + WEEKDAY + r")"
    r"(?:\s*[-–]\s*(?P<wd2>" + WEEKDAY + r"))?(?![\w])"
    r"(?:\s+(?:(?P<wk>tuần\s+(?:này|trước|qua|tới|sau|vừa\s+qua)|này)|(?P<set>(?:hằng|hàng"
    r"|mỗi)\s+tuần)))?(?![\w])"
)

_DAY_OFFSETS = {"nay": 0, "qua": -1, "mai": 1}
_UNIT_OFFSETS = {"này": 0, "nay": 0, "ngoái": -1, "trước": -1, "qua": -1, "vừa qua": -1,
                 "tới": 1, "sau": 1, "kế tiếp": 1}
_QUANTIFIER = re.compile(
    r"(?:\d|" + NUMBER_WORD + r"|vài|mấy|nhiều|những|các|mỗi|hằng|hàng|từng|dăm|bao)\s*$", re.I)
_FUTURE = re.compile(r"(?:sẽ|sắp|dự\s+kiến|kế\s+hoạch|hẹn|từ\s+nay\s+đến)(?![\w])", re.I)
_NOT_AGO = re.compile(r"^\s*(?:khi|đó|lúc|thời\s+điểm|ngày|hạn|so\s+với)(?![\w])", re.I)


_ORDINAL_BEFORE = re.compile(
    r"(?:vòng|lần|lượt|hạng|người|con|phiên|kỳ|khóa|đợt|bậc|tầng|vị\s+trí|thế\s+hệ|chặng|trận"
    r"|ván|hiệp|mùa|cháu|số|xếp|đứng|giải)\s*$", re.I)


def _part_of(prefix: str | None) -> str | None:
    """The TimeML part of day a prefix names: "rạng sáng " → MO, "hôm " → None."""
    if not prefix:
        return None
    words = key(prefix).split()
    return PARTS_OF_DAY.get(" ".join(words[:2])) or PARTS_OF_DAY.get(words[0])


def _rel_day(m: re.Match[str], ctx: Context) -> Candidate | None:
    pod = key(m["pod"]) if m["pod"] else None
    if m["h"]:
        word = key(m["h"])
        offset = -2 if word == "kia" else _DAY_OFFSETS[word]
    elif m["n"]:
        offset = 1 if key(m["n"]) == "mai" else 2
    elif m["bare"]:
        if pod is None:
            return None  # bare "nay", "qua", "mai" are too common as other words
        offset = _DAY_OFFSETS[key(m["bare"])]
    else:
        offset = _DAY_OFFSETS[key(m["b"])]
    part = PARTS_OF_DAY.get(pod) if pod else None
    date = shift_days(ctx.anchor, offset) if ctx.anchor is not None else None
    return Candidate(m.start(), m.end(), "date", part_value(date, part), "relative:day",
                     date=date, part=part, extra={"offset": offset})


def _rel_unit(m: re.Match[str], ctx: Context) -> Candidate | None:
    if m["sang"]:
        unit, offset = "năm", 1
    else:
        unit, rel = key(m["unit"]), key(m["rel"])
        if _QUANTIFIER.search(ctx.before(m.start(), 16)):
            return None  # "3 năm trước", "nhiều năm qua": the AGO and duration rules
        if unit == "năm" and rel in ("qua", "vừa qua", "sau"):
            return None  # "năm qua" is the past twelve months; "năm sau" the narrative's
        if unit != "năm" and rel in ("nay", "ngoái"):
            return None
        offset = _UNIT_OFFSETS[rel]
    a = ctx.anchor
    if unit == "năm":
        year = calendar_year(a.year + offset) if a is not None and a.year is not None else None
        value = f"{year:04d}" if year is not None else "XXXX"
        date = PartialDate(year)
    elif unit == "tháng":
        date = shift_months(a, offset)
        value = date.iso() if date.month else "XXXX-XX"
    else:
        value, date = week_value(a, offset), None
    return Candidate(m.start(), m.end(), "date", value, f"relative:{unit}",
                     date=date, extra={"offset": offset})


def _ago(m: re.Match[str], ctx: Context) -> Candidate | None:
    if not (m["truoc"] or m["cach"]):
        return None
    if m["truoc"] and _NOT_AGO.search(ctx.after(m.end())):
        return None  # "3 ngày trước khi ...": before an event, not before publication
    if re.search(r"thứ\s*$", ctx.before(m.start("n"), 6), re.I):
        return None
    n = read_number(m["n"])
    unit = key(m["unit"])
    a = ctx.anchor
    if n is None or n != int(n):
        return Candidate(m.start(), m.end(), "date", "PAST_REF", "relative:ago")
    k = int(n)
    if unit == "ngày":
        date = shift_days(a, -k) if a is not None else None
        value = date.iso() if date is not None and date.day is not None else "XXXX-XX-XX"
    elif unit == "tuần":
        date, value = None, week_value(a, -k)
    elif unit == "tháng":
        date = shift_months(a, -k)
        value = date.iso() if date.month else "XXXX-XX"
    else:
        years = k * (10 if unit.startswith("thập") else 1)
        year = calendar_year(a.year - years) if a is not None and a.year is not None else None
        date = PartialDate(year) if year is not None else None
        value = date.iso() if date is not None else "XXXX"
        if unit.startswith("thập"):
            value = value[:3] if date is not None else "XXX"
    return Candidate(m.start(), m.end(), "date", value, "relative:ago", date=date)


def _weekday(m: re.Match[str], ctx: Context) -> Candidate | None:
    wd = read_weekday(m["wd"])
    if wd is None:
        return None
    word = ctx.text[m.start("wd"):m.end("wd")].split()[-1]
    after = ctx.after(m.end(), 16)
    dated_after = re.match(r"\s*[(,]?\s*(?:ngày\s+)?\d{1,2}\s*[/.\-]\s*\d", after) is not None
    capital = word[0].isupper() and not word[0].isdigit()
    trigger = bool(m["pre"]) or bool(re.search(r"(?:vào|từ|đến|tới|và|sáng|chiều|tối|đêm|trưa)"
                                               r"\s*$", ctx.before(m.start(), 8), re.I))
    if key(m["wd"]).startswith("chủ"):
        capital = True
    if not m["pre"] and not dated_after and _ORDINAL_BEFORE.search(ctx.before(m.start(), 14)):
        return None  # "vòng thứ Ba", "con thứ năm": an ordinal after a counted noun
    if not (trigger or m["wk"] or m["set"] or dated_after or (capital and not word.isdigit())):
        return None  # "lần thứ hai", "thứ 8" are ordinals
    part = _part_of(m["pre"])
    if m["set"] or m["every"]:
        value = f"XXXX-WXX-{wd}" + (f"T{part}" if part else "")
        return Candidate(m.start(), m.end(), "set", value, "set:weekday", weekday=wd)
    weeks = None
    if m["wk"]:
        words = key(m["wk"]).split(" ", 1)
        weeks = _UNIT_OFFSETS[words[1]] if len(words) > 1 else 0
    future = bool(_FUTURE.search(ctx.before(m.start(), 40))) or bool(
        re.match(r"\s+(?:tới|sắp\s+tới)(?![\w])", after, re.I))
    value = weekday_date(ctx.anchor, wd, weeks, future)
    date = PartialDate.parse(value) if not value.startswith("XXXX-W") else None
    cand = Candidate(m.start(), m.end(), "date", value, "weekday", date=date, weekday=wd,
                     part=part)
    if part and date is not None:
        cand.value = part_value(date, part)
    if m["wd2"]:
        wd2 = read_weekday(m["wd2"])
        if wd2 is None or wd2 <= wd:
            return None
        cand.rule = "range:weekdays"
        cand.end_value = weekday_date(ctx.anchor, wd2, weeks, future) if date is not None else (
            f"XXXX-WXX-{wd2}")
        if date is not None and weeks is None:
            cand.end_value = shift_days(date, wd2 - wd).iso()
    return cand


RULES = [
    Rule("relative:day", REL_DAY, _rel_day, ("nay", "qua", "kia", "mai")),
    Rule("relative:unit", REL_UNIT, _rel_unit, ("tuần", "tháng", "năm")),
    Rule("relative:ago", AGO, _ago, ("trước", "cách đây")),
    Rule("weekday", WEEKDAY_RULE, _weekday, ("thứ", "chủ nhật")),
]
