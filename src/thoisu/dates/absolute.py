"""Calendar dates written out: ``28/3``, ``28.3.2016``, ``ngày 28 tháng 3 năm 2016``,
``tháng 3/2011``, ``năm 2015``, ``quý 3/2011``, ``23-24/1``, ``đầu tháng 5``, ``thập niên 90``.

A day and month without a year are anchored to the nearest year of the publication date when
that is known, and otherwise stay partial (``XXXX-03-28``).
"""

from __future__ import annotations

import re

from thoisu.dates.base import Candidate, Context, Rule, compile_vi, part_value
from thoisu.dates.calendar import calendar_year, nearest_year, shift_months, valid_day, week_value
from thoisu.dates.lexicon import (
    MONTH,
    NOT_AFTER,
    NOT_BEFORE,
    PART_OF_DAY,
    PARTS_OF_DAY,
    PERIOD_MOD,
    PERIOD_MODS,
    ROMAN,
    UNITS,
    key,
    read_month,
)
from thoisu.model import PartialDate

_DAY_WORD = r"(?:ngày|hôm|mùng|mồng)"
_YEAR_TAIL = (r"(?:\s*[/\-–.]\s*(?P<y2>\d{4})|\s+năm\s+(?P<y>\d{4})"
              r"|\s+năm\s+(?P<yrel>nay|ngoái|trước|tới|sau))?")
YEAR_REL = {"nay": 0, "ngoái": -1, "trước": -1, "tới": 1, "sau": 1}

NUM_DATE = compile_vi(
    NOT_BEFORE
    + r"(?P<tu>từ\s+)?(?P<pre>(?:" + PART_OF_DAY + r"\s+)?" + _DAY_WORD + r"\s+|"
    + PART_OF_DAY + r"\s+)?"
    r"(?:(?P<d0>[0-3]?\d)\s*(?:[-–]|đến|tới)\s*(?:" + _DAY_WORD + r"\s+)?)?"
    r"(?P<d>[0-3]?\d)(?P<sep>[/.\-])(?P<m>[01]?\d)(?:(?P=sep)(?P<y>\d{4}|\d{2}))?" + NOT_AFTER
)
VERBAL_DAY = compile_vi(
    NOT_BEFORE + r"(?P<tu>từ\s+)?(?P<pre>(?:" + PART_OF_DAY + r"\s+)?" + _DAY_WORD + r"\s+)?"
    r"(?:(?P<d0>[0-3]?\d)\s*(?:[-–]|đến|tới)\s*(?:" + _DAY_WORD + r"\s+)?)?"
    r"(?P<d>[0-3]?\d)\s+tháng\s+(?P<m>" + MONTH + r")" + _YEAR_TAIL + r"(?![\w])"
)
MONTH_RULE = compile_vi(
    r"(?<![\w])(?:(?P<mod>" + PERIOD_MOD + r")\s+)?tháng\s+(?P<m>" + MONTH + r")"
    r"(?:\s*[-–]\s*(?P<m1>1[0-2]|0?[1-9]))?" + _YEAR_TAIL + r"(?![\w])"
)
# "3/2011" after "từ", "đến", "hồi", ...: a month and a year without the word "tháng".
MONTH_YEAR = compile_vi(
    r"(?<![\w])(?:từ|đến|tới|hồi|vào|trước|sau|cuối|đầu|giữa|hết)\s+"
    r"(?P<m>1[0-2]|0?[1-9])[/\-](?P<y>\d{4})(?![\w/])"
)
YEAR_RULE = compile_vi(
    r"(?<![\w])(?:(?P<mod>" + PERIOD_MOD + r")\s+)?(?:những\s+)?năm\s+(?P<y>\d{4})"
    r"(?:\s*(?:[-–]|đến|tới)\s*(?:năm\s+)?(?P<y1>\d{4}))?(?![\w])"
)
BARE_YEAR = compile_vi(
    r"(?<![\w])(?P<trig>từ|đến|tới|hồi|vào|trong|mùa\s+\w+|giai\s+đoạn|niên\s+khóa|khóa)\s+"
    r"(?P<y>(?:1[89]|20|21)\d{2})(?:\s*[-–]\s*(?P<y1>(?:1[89]|20|21)\d{2}))?"
    r"(?![\w/]|[.,]\d|\s*%)"
)
YEAR_RANGE = compile_vi(
    r"(?<![\w./\-–])(?P<y>(?:1[89]|20|21)\d{2})\s*[-–]\s*(?P<y1>(?:1[89]|20|21)\d{2})"
    r"(?![\w/\-–]|[.,]\d|\s*%)"
)
RANGE_DM = compile_vi(
    NOT_BEFORE + r"(?P<pre>(?:" + PART_OF_DAY + r"\s+)?" + _DAY_WORD + r"\s+)?"
    r"(?P<d0>[0-3]?\d)/(?P<m0>[01]?\d)\s*[-–]\s*(?P<d>[0-3]?\d)/(?P<m>[01]?\d)"
    r"(?:/(?P<y>\d{4}))?" + NOT_AFTER
)
QUARTER = compile_vi(
    r"(?<![\w])quý\s+(?P<q>[1-4]|iv|iii|ii|i|một|hai|ba|bốn|tư)(?![\w])"
    r"(?:\s*[/\-–]\s*(?P<y2>\d{4})|\s+năm\s+(?P<y>\d{4})|\s+năm\s+(?P<yrel>nay|ngoái|trước|tới|sau))?"
    r"(?![\w])"
)
HALF = compile_vi(
    r"(?<![\w])(?:nửa|6\s+tháng|sáu\s+tháng)\s+(?P<h>đầu|cuối)\s+năm"
    r"(?:\s+(?P<y>\d{4})|\s+(?P<yrel>nay|ngoái|trước|tới|sau))?(?![\w])"
)
DECADE = compile_vi(
    r"(?<![\w])(?:thập\s+(?:niên|kỷ|kỉ)|những\s+năm)\s+(?P<dec>(?:1[89]|20)?\d0)(?![\w])"
    r"|(?<![\w])thế\s+(?:kỷ|kỉ)\s+(?P<c>1[5-9]|2[01]|xv|xvi|xvii|xviii|xix|xx|xxi)(?![\w])"
)
# "đầu năm", "cuối tháng này", "cuối tuần qua": a part of a period given by the anchor.
PART_OF_PERIOD = compile_vi(
    r"(?<![\w])(?P<mod>" + PERIOD_MOD + r")\s+(?P<unit>năm|tháng|tuần)"
    r"(?:\s+(?P<rel>nay|này|ngoái|trước|qua|vừa\s+qua|tới|sau))?(?!\s*\d)(?![\w])"
)

# A weekday right before makes "(30-5)" a date as surely as "ngày" does.
_STRONG = re.compile(r"(?:ngày|hôm|mùng|mồng|" + PART_OF_DAY + r"|(?:thứ\s+\w+|chủ\s+nhật)"
                     r"(?:\s+(?:vừa\s+qua|vừa\s+rồi|tới|này))?\s*[(,])\s*$", re.I)
_WEAK = re.compile(r"(?:từ|đến|tới|và|vào|hạn|trước|sau|hết|đêm|thứ\s+\w+|[(,–-])\s*$", re.I)
_RANGE_END = re.compile(r"(?:ngày|hôm)\s+\d{1,2}[.\-]\d{1,2}\s*(?:đến|tới)\s*$", re.I)
# Words around "1/3" that make it a fraction or a quantity, not a date.
_QTY_BEFORE = re.compile(
    r"(?:khoảng|gần|hơn|chiếm|trên|dưới|bằng|còn|mất|giảm|tăng|tỷ\s+lệ|tỉ\s+lệ|số|tỷ\s+số"
    r"|tỉ\s+số|lớp|phòng|nhà|hẻm|ngõ|ngách|kiệt|thắng|thua|hòa|đạt|được|điểm|vòng|tầng|căn"
    r"|km|lô|khu|quận|phường|tổ|ấp|đường|phố|quảng\s+trường|cầu|công\s+viên|trường|sân"
    r"|cung|hội\s+trường|phong\s+trào)\s*$", re.I)
# Events named after their month: "Cách mạng tháng Tám", "Cách mạng tháng Mười (Nga)".
_NAMED_MONTH = re.compile(r"cách\s+mạng\s*$", re.I)
_QTY_AFTER = re.compile(
    r"^\s*(?:dân\s+số|số|người|lần|chiếc|km|tấn|triệu|tỷ|tỉ|nghìn|ngàn|trăm|%|phần|ngày|tuần"
    r"|giờ|phút|diện\s+tích|cử\s+tri|thành\s+viên|ghế|lãnh\s+thổ|trong\s+số|tổng|của|các"
    r"|quân|binh|lực\s+lượng|thời\s+gian|quãng|đoạn|chặng|trận|bàn|điểm)(?![\w])", re.I)


def _year_of(m: re.Match[str], ctx: Context) -> tuple[int | None, bool] | None:
    """The year a match names (``/2016``, ``năm 2016``, ``năm ngoái``) and whether it is
    written out; None when the written year is impossible."""
    groups = m.groupdict()
    text = groups.get("y") or groups.get("y2")
    if text:
        year = int(text)
        if len(text) == 2:
            year += 2000 if year <= (ctx.max_year - 2000) % 100 else 1900
        return (year, True) if ctx.year_ok(year) else None
    rel = groups.get("yrel")
    if rel:
        if ctx.anchor is None or ctx.anchor.year is None:
            return (None, False)
        return (calendar_year(ctx.anchor.year + YEAR_REL[key(rel)]), False)
    return (None, False)


def _day_date(day: int, month: int, year: int | None, ctx: Context
              ) -> tuple[PartialDate, PartialDate]:
    raw = PartialDate(year, month, day)
    if year is None:
        year = nearest_year(month, day, ctx.anchor)
    return raw, PartialDate(year, month, day)


def _num_date(m: re.Match[str], ctx: Context) -> Candidate | None:
    day, month, sep = int(m["d"]), int(m["m"]), m["sep"]
    got = _year_of(m, ctx)
    if got is None:
        return None
    year, explicit = got
    if m["y"] and len(m["y"]) == 2 and sep != "/":
        return None
    if not valid_day(day, month, year):
        return None
    start = m.start("pre") if m["pre"] else (m.start("d0") if m["d0"] else m.start("d"))
    strong = bool(m["pre"]) or bool(_STRONG.search(ctx.before(start, 14)))
    weak = strong or bool(_WEAK.search(ctx.before(start, 14))) or bool(m["tu"])
    if not explicit:
        # "từ ngày 30-5 đến 2-6": the second end of a range written with dashes.
        range_end = sep != "/" and bool(_RANGE_END.search(ctx.before(start, 30)))
        if sep != "/" and not (strong or range_end or (weak and sep == ".")):
            return None  # "2-1" is a score, "3.5" a decimal
        if not strong:
            if _QTY_BEFORE.search(ctx.before(start, 14)) or _QTY_AFTER.search(ctx.after(m.end())):
                return None
            if not weak and day < month <= 4:
                return None  # "1/3", "3/4": read as fractions unless something says date
            if day == 24 and month == 7 and not weak:
                return None  # "24/7", around the clock
    raw, date = _day_date(day, month, year, ctx)
    part = None
    if m["pre"]:
        first = key(m["pre"]).split()[0]
        part = PARTS_OF_DAY.get(first) or PARTS_OF_DAY.get(" ".join(key(m["pre"]).split()[:2]))
    if m["tu"] and not m["d0"]:
        start = m.start("pre") if m["pre"] else m.start("d")
    elif m["tu"]:
        start = m.start("tu")
    cand = Candidate(start, m.end(), "date", "", "date:numeric", raw=raw, date=date, part=part)
    if m["d0"]:
        first_day = int(m["d0"])
        if not (valid_day(first_day, month, year) and first_day < day):
            return None
        cand.rule = "range:days"
        cand.end_value = date.iso()
        cand.raw = PartialDate(raw.year, month, first_day)
        cand.date = PartialDate(date.year, month, first_day)
    cand.value = part_value(cand.date, part)
    return cand


def _month_word_ok(m: re.Match[str], ctx: Context, group: str, lenient: bool) -> bool:
    """Word months must be capitalised ("tháng Ba") unless ``lenient``: "tháng ba" may be
    three of something, "mỗi tháng một lần" is not January."""
    text = ctx.text[m.start(group):m.end(group)]
    if text[0].isdigit() or key(text) in ("giêng", "chạp") or lenient:
        return True
    return text[0].isupper()


_LUNAR_AFTER = re.compile(r"\s*\(?\s*(?:âm\s+lịch|âl)(?![\w])", re.I)


def _verbal_day(m: re.Match[str], ctx: Context) -> Candidate | None:
    if not _month_word_ok(m, ctx, "m", bool(m["pre"])):
        return None
    if _LUNAR_AFTER.match(ctx.after(m.end(), 14)):
        return None  # "mùng 8 tháng Tư âm lịch": the lunar rules read it
    month = read_month(m["m"])
    got = _year_of(m, ctx)
    if month is None or got is None:
        return None
    year, _ = got
    day = int(m["d"])
    if not valid_day(day, month, year):
        return None
    raw, date = _day_date(day, month, year, ctx)
    if m["yrel"]:
        raw = PartialDate(None, month, day)
    part = None
    if m["pre"]:
        words = key(m["pre"]).split()
        part = PARTS_OF_DAY.get(" ".join(words[:2])) or PARTS_OF_DAY.get(words[0])
    mod = "LUNAR" if key(m["m"]) in ("giêng", "chạp") else None
    if m["d0"]:
        # "từ ngày 5 đến ngày 12 tháng 10 năm 2020": a range of days of one month.
        first = int(m["d0"])
        if not (valid_day(first, month, year) and first < day):
            return None
        return Candidate(m.start(), m.end(), "date", PartialDate(date.year, month, first).iso(),
                         "range:days", raw=PartialDate(raw.year, month, first),
                         date=PartialDate(date.year, month, first), end_value=date.iso(), mod=mod)
    start = m.start("pre") if m["pre"] else m.start("d")
    return Candidate(start, m.end(), "date", part_value(date, part), "date:verbal", raw=raw,
                     date=date, part=part, mod=mod)


def _month(m: re.Match[str], ctx: Context) -> Candidate | None:
    has_year = bool(m["y"] or m["y2"] or m["yrel"])
    if not has_year and _NAMED_MONTH.search(ctx.before(m.start(), 14)):
        return None
    if not _month_word_ok(m, ctx, "m", has_year):
        return None
    month = read_month(m["m"])
    got = _year_of(m, ctx)
    if month is None or got is None:
        return None
    year, explicit = got
    raw = PartialDate(year if explicit else None, month)
    if year is None:
        year = nearest_year(month, None, ctx.anchor)
    date = PartialDate(year, month)
    mod = PERIOD_MODS.get(key(m["mod"])) if m["mod"] else None
    if key(m["m"]) in ("giêng", "chạp"):
        mod = "LUNAR"
    cand = Candidate(m.start(), m.end(), "date", date.iso(), "date:month", raw=raw, date=date,
                     mod=mod)
    if m["m1"]:
        last = int(m["m1"])
        if last <= month:
            return None
        cand.rule = "range:months"
        cand.end_value = PartialDate(year, last).iso()
    return cand


def _month_year(m: re.Match[str], ctx: Context) -> Candidate | None:
    month, year = int(m["m"]), int(m["y"])
    if not ctx.year_ok(year):
        return None
    date = PartialDate(year, month)
    return Candidate(m.start("m"), m.end(), "date", date.iso(), "date:month-year", raw=date,
                     date=date)


def _years(m: re.Match[str], ctx: Context, start: int, rule: str) -> Candidate | None:
    year = int(m["y"])
    if not ctx.year_ok(year):
        return None
    date = PartialDate(year)
    mod = PERIOD_MODS.get(key(m["mod"])) if m.groupdict().get("mod") else None
    cand = Candidate(start, m.end(), "date", date.iso(), rule, raw=date, date=date, mod=mod)
    if m["y1"]:
        last = int(m["y1"])
        if not (year < last and ctx.year_ok(last) and last - year <= 100):
            if m.groupdict().get("trig") is not None:
                return None
            cand.end = m.start("y") + 4
            return cand
        cand.rule = "range:years"
        cand.end_value = str(last)
    return cand


def _year(m: re.Match[str], ctx: Context) -> Candidate | None:
    return _years(m, ctx, m.start(), "date:year")


def _bare_year(m: re.Match[str], ctx: Context) -> Candidate | None:
    if _QTY_AFTER.search(ctx.after(m.end())):
        return None
    return _years(m, ctx, m.start("y"), "date:bare-year")


def _year_range(m: re.Match[str], ctx: Context) -> Candidate | None:
    """"2011-2015", "nhiệm kỳ 2016-2021": two years in order are a range, not a score."""
    first, last = int(m["y"]), int(m["y1"])
    if not (first < last <= first + 30 and ctx.year_ok(first) and ctx.year_ok(last)):
        return None
    if _QTY_AFTER.search(ctx.after(m.end())):
        return None
    date = PartialDate(first)
    return Candidate(m.start(), m.end(), "date", str(first), "range:years", raw=date, date=date,
                     end_value=str(last))


def _range_dm(m: re.Match[str], ctx: Context) -> Candidate | None:
    """"31/3-1/4": a range across a month end."""
    got = _year_of(m, ctx)
    if got is None:
        return None
    year = got[0]
    d0, m0, d, mo = int(m["d0"]), int(m["m0"]), int(m["d"]), int(m["m"])
    in_order = valid_day(d0, m0, year) and valid_day(d, mo, year) and (m0, d0) < (mo, d)
    over_new_year = m0 == 12 and mo == 1 and valid_day(d0, m0) and valid_day(d, mo)
    if not (in_order or over_new_year):
        return None
    if not m["pre"] and not year and (d0 < m0 <= 4 or _QTY_AFTER.search(ctx.after(m.end()))):
        return None
    raw_first, first = _day_date(d0, m0, year - 1 if year and m0 > mo else year, ctx)
    _, last = _day_date(d, mo, year, ctx)
    if year is None and first.year is not None and last.year is not None and m0 > mo:
        last = PartialDate(first.year + 1, mo, d)
    return Candidate(m.start(), m.end(), "date", first.iso(), "range:days", raw=raw_first,
                     date=first, end_value=last.iso())


def _quarter(m: re.Match[str], ctx: Context) -> Candidate | None:
    q_text = key(m["q"])
    q = int(q_text) if q_text.isdigit() else ROMAN.get(q_text) or UNITS.get(q_text)
    if q is None or not 1 <= q <= 4:
        return None
    if not q_text.isdigit() and q_text not in ROMAN and not (m["y"] or m["y2"] or m["yrel"]):
        return None  # "quý hai" alone is too rare to trust
    got = _year_of(m, ctx)
    if got is None:
        return None
    year, explicit = got
    raw = PartialDate(year if explicit else None)
    if year is None and ctx.anchor is not None:
        year = ctx.anchor.year
    y = f"{year:04d}" if year is not None else "XXXX"
    return Candidate(m.start(), m.end(), "date", f"{y}-Q{q}", "date:quarter", raw=raw,
                     date=PartialDate(year))


def _half(m: re.Match[str], ctx: Context) -> Candidate | None:
    got = _year_of(m, ctx)
    if got is None:
        return None
    year, explicit = got
    if year is None and ctx.anchor is not None:
        year = ctx.anchor.year
    y = f"{year:04d}" if year is not None else "XXXX"
    h = 1 if key(m["h"]) == "đầu" else 2
    return Candidate(m.start(), m.end(), "date", f"{y}-H{h}", "date:half",
                     raw=PartialDate(year if explicit else None), date=PartialDate(year))


_ROMAN_CENTURY = {"xv": 15, "xvi": 16, "xvii": 17, "xviii": 18, "xix": 19, "xx": 20, "xxi": 21}


def _decade(m: re.Match[str], ctx: Context) -> Candidate | None:
    if m["dec"]:
        dec = m["dec"]
        if len(dec) == 2:
            dec = "19" + dec
        if not ctx.year_ok(int(dec)):
            return None
        return Candidate(m.start(), m.end(), "date", dec[:3], "date:decade", priority=1)
    c_text = key(m["c"])
    century = int(c_text) if c_text.isdigit() else _ROMAN_CENTURY[c_text]
    return Candidate(m.start(), m.end(), "date", f"{century - 1:02d}", "date:century")


def _part_of_period(m: re.Match[str], ctx: Context) -> Candidate | None:
    unit, mod = key(m["unit"]), PERIOD_MODS[key(m["mod"])]
    rel = key(m["rel"]) if m["rel"] else ""
    offset = {"": 0, "nay": 0, "này": 0, "ngoái": -1, "trước": -1, "qua": -1, "vừa qua": -1,
              "tới": 1, "sau": 1}[rel]
    a = ctx.anchor
    if unit == "năm":
        year = calendar_year(a.year + offset) if a is not None and a.year is not None else None
        value = f"{year:04d}" if year is not None else "XXXX"
    elif unit == "tháng":
        value = shift_months(a, offset).iso() if a is not None and a.month else "XXXX-XX"
    else:
        value = week_value(a, offset)
        if mod == "END":
            return Candidate(m.start(), m.end(), "date", value + "-WE", "date:weekend")
    return Candidate(m.start(), m.end(), "date", value, "date:part-of-" + {
        "năm": "year", "tháng": "month", "tuần": "week"}[unit], mod=mod)


RULES = [
    Rule("date:numeric", NUM_DATE, _num_date, ("/", ".", "-", "–"), True,
         re.compile(r"\d[/.\-]\d")),  # day, separator, month
    Rule("date:verbal", VERBAL_DAY, _verbal_day, ("tháng",), True, re.compile(r"\d\s+tháng")),
    Rule("date:month", MONTH_RULE, _month, ("tháng",)),
    Rule("date:month-year", MONTH_YEAR, _month_year, ("/", "-"), True,
         re.compile(r"\d[/\-]\d{4}")),
    Rule("date:year", YEAR_RULE, _year, ("năm",), True),
    Rule("date:bare-year", BARE_YEAR, _bare_year, (), True,
         re.compile(r"\s(?:1[89]|20|21)\d\d")),  # the year after its trigger
    Rule("range:years", YEAR_RANGE, _year_range, (), True, re.compile(r"\d\s*[-–]\s*\d")),
    Rule("range:days", RANGE_DM, _range_dm, ("/",), True, re.compile(r"\d/\d")),
    Rule("date:quarter", QUARTER, _quarter, ("quý",)),
    Rule("date:half", HALF, _half, ("nửa", "tháng đầu", "tháng cuối")),
    Rule("date:decade", DECADE, _decade, ("thập", "những năm", "thế k")),
    Rule("date:part-of-period", PART_OF_PERIOD, _part_of_period,
         ("đầu", "giữa", "cuối", "thượng", "trung", "hạ")),
]
