"""Lunar-calendar dates: ``mùng 7 tháng Giêng``, ``mồng 5 Tết``, ``rằm tháng 7``,
``10/3 âm lịch``.

They are not converted to solar dates: the value is the lunar month and day
(``XXXX-01-07``) with ``mod`` LUNAR and rule ``lunar``, so a timeline can tell them apart.
"""

from __future__ import annotations

import re

from thoisu.dates.base import Candidate, Context, Rule, compile_vi
from thoisu.dates.lexicon import MONTH, NUMBER_WORD, key, read_month, read_number

_LUNAR_TAIL = r"(?P<al>\s*(?:\(\s*)?(?:âm\s+lịch|âl)(?:\s*\))?)"
MUNG = compile_vi(
    r"(?<![\w])(?:ngày\s+)?(?:mùng|mồng)\s+(?P<d>\d{1,2}|" + NUMBER_WORD + r")"
    r"(?:\s*(?:và|,|-|–|đến)\s*(?:(?:mùng|mồng)\s+)?(?P<d2>\d{1,2}|" + NUMBER_WORD + r"))?"
    r"\s+(?:(?P<tet>tết)(?:\s+nguyên\s+đán)?|tháng\s+(?P<m>" + MONTH + r")" + _LUNAR_TAIL
    + r"?)(?![\w])"
)
RAM = compile_vi(r"(?<![\w])rằm\s+tháng\s+(?P<m>" + MONTH + r")" + _LUNAR_TAIL + r"?(?![\w])")
NUMERIC_LUNAR = compile_vi(
    r"(?<![\w./])(?:ngày\s+)?(?P<d>[0-3]?\d)(?:\s*/\s*|\s+tháng\s+)(?P<m>1[0-2]|0?[1-9]|giêng"
    r"|chạp)" + _LUNAR_TAIL + r"(?![\w])"
)
# "30 Tết", "đêm 30 Tết": the last days of the lunar year; "ngày 2 Tết": the new year's first.
TET_DAY = compile_vi(
    r"(?<![\w./])(?P<pre>(?:ngày|đêm|chiều|sáng|tối|trưa)\s+)?(?P<d>[0-3]?\d)\s+tết(?![\w])"
)
CHAP = compile_vi(
    r"(?<![\w./])(?:ngày\s+)?(?P<d>[0-3]?\d)\s+tháng\s+(?P<m>chạp|giêng)(?![\w])"
)


def _day(text: str | None) -> int | None:
    if not text:
        return None
    n = read_number(text)
    return int(n) if n is not None and n == int(n) and 1 <= n <= 30 else None


def _lunar(start: int, end: int, month: int, day: int | None) -> Candidate:
    value = f"XXXX-{month:02d}-{day:02d}" if day else f"XXXX-{month:02d}"
    return Candidate(start, end, "date", value, "lunar", priority=2, mod="LUNAR")


def _mung(m: re.Match[str], ctx: Context) -> list[Candidate] | None:
    day, day2 = _day(m["d"]), _day(m["d2"])
    if day is None or (m["d2"] and day2 is None):
        return None
    if m["tet"]:
        month = 1
    else:
        month = read_month(m["m"]) or 0
        if not (key(m["m"]) in ("giêng", "chạp") or m["al"]) or not month:
            return None  # "mùng 2 tháng 9" is the solar National Day
    if day2 is None:
        return [_lunar(m.start(), m.end(), month, day)]
    # "mồng 5 và mồng 6 Tết": two days, each its own expression
    first_end = m.start("d") + len(m["d"])
    between = ctx.text[first_end:m.start("d2")]
    again = re.search(r"(?:mùng|mồng)\s+$", between, re.I)
    second = m.start("d2") - (len(again.group(0)) if again else 0)
    return [_lunar(m.start(), first_end, month, day), _lunar(second, m.end(), month, day2)]


def _ram(m: re.Match[str], ctx: Context) -> Candidate | None:
    month = read_month(m["m"])
    return _lunar(m.start(), m.end(), month, 15) if month else None


def _numeric(m: re.Match[str], ctx: Context) -> Candidate | None:
    day, month = int(m["d"]), read_month(m["m"])
    if not month or not 1 <= day <= 30:
        return None
    return _lunar(m.start(), m.end(), month, day)


def _tet_day(m: re.Match[str], ctx: Context) -> Candidate | None:
    day = int(m["d"])
    if 23 <= day <= 30:
        return _lunar(m.start("d"), m.end(), 12, day)
    if 1 <= day <= 10 and m["pre"]:
        return _lunar(m.start(), m.end(), 1, day)
    return None


RULES = [
    Rule("lunar:mùng", MUNG, _mung, ("mùng", "mồng")),
    Rule("lunar:rằm", RAM, _ram, ("rằm",)),
    Rule("lunar:numeric", NUMERIC_LUNAR, _numeric, ("âm lịch", "âl"), True),
    Rule("lunar:tết", TET_DAY, _tet_day, ("tết",), True),
    Rule("lunar:chạp", CHAP, _numeric, ("chạp", "giêng"), True),
]
