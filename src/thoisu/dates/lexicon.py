"""Vietnamese words the date patterns share: numbers, months, weekdays, parts of the day.

Everything here is data plus tiny readers; the regular expressions are built from it once, when
a pattern module is imported (compiling them is cheap and happens on first use of the tagger).
"""

from __future__ import annotations

import re

# Letters only, so "Su-30" or "F-16" never look like a word boundary before a number.
NOT_BEFORE = r"(?<![\w./\-–:])"
NOT_AFTER = r"(?![\w]|[./\-–:]\d)"

UNITS = {
    "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6,
    "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}
# Number words up to 99: "mười", "mười hai", "hai mươi", "ba mươi lăm".
NUMBER_WORD = (
    r"(?:(?:hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín)\s+mươi(?:\s+(?:mốt|hai|ba|bốn|tư|lăm|năm|sáu"
    r"|bảy|bẩy|tám|chín))?|mười(?:\s+(?:một|hai|ba|bốn|lăm|năm|sáu|bảy|bẩy|tám|chín))?"
    r"|một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín)"
)
# Digits with Vietnamese thousands dots or a decimal comma: "1.000", "2,5".
NUMBER_DIGITS = r"\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?"

MONTH_WORDS = {
    "giêng": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
    "bẩy": 7, "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12,
}
MONTH = (r"(?:1[0-2]|0?[1-9]|giêng|chạp|mười\s+một|mười\s+hai|mười|một|hai|ba|tư|bốn|năm"
         r"|sáu|bảy|bẩy|tám|chín)")

WEEKDAY_WORDS = {"hai": 1, "ba": 2, "tư": 3, "năm": 4, "sáu": 5, "bảy": 6, "bẩy": 6,
                 "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}
WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật)"

# TimeML parts of the day: morning, midday, afternoon, evening, night.
PARTS_OF_DAY = {"rạng sáng": "MO", "sáng sớm": "MO", "sáng": "MO", "trưa": "MI",
                "chiều": "AF", "tối": "EV", "đêm": "NI", "khuya": "NI", "nửa đêm": "NI"}
PART_OF_DAY = r"(?:rạng\s+sáng|sáng\s+sớm|nửa\s+đêm|sáng|trưa|chiều|tối|đêm|khuya)"

# "đầu/giữa/cuối" + a period, as a TimeML mod.
PERIOD_MODS = {"đầu": "START", "giữa": "MID", "cuối": "END", "thượng tuần": "START",
               "trung tuần": "MID", "hạ tuần": "END"}
PERIOD_MOD = r"(?:đầu|giữa|cuối|thượng\s+tuần|trung\s+tuần|hạ\s+tuần)"

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

_SPACE = re.compile(r"\s+")


def key(text: str) -> str:
    """Lower case with single spaces: the form the word tables use."""
    return _SPACE.sub(" ", text.strip().lower())


def read_number(text: str) -> float | None:
    """A number written in digits or words: ``"1.000"`` → 1000, ``"hai mươi lăm"`` → 25."""
    t = key(text)
    if not t:
        return None
    if t[0].isdigit():
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", t):
            return float(t.replace(".", ""))
        return float(t.replace(",", "."))
    words = t.split()
    if words[0] == "mười":
        return 10 + (UNITS.get(words[1], 0) if len(words) > 1 else 0)
    if len(words) >= 2 and words[1] == "mươi":
        tens = UNITS.get(words[0], 0) * 10
        return tens + (UNITS.get(words[2], 0) if len(words) > 2 else 0)
    if len(words) == 1 and words[0] in UNITS:
        return UNITS[words[0]]
    return None


def read_month(text: str) -> int | None:
    t = key(text)
    if t.isdigit():
        n = int(t)
        return n if 1 <= n <= 12 else None
    return MONTH_WORDS.get(t)


def read_weekday(text: str) -> int | None:
    """ISO weekday, Monday 1: ``"thứ Hai"`` → 1, ``"chủ nhật"`` → 7."""
    t = key(text)
    if t.startswith("chủ"):
        return 7
    return WEEKDAY_WORDS.get(t.split()[-1])
