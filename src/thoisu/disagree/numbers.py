"""Vietnamese figures in a sentence: the number as written, normalised to an interval.

A figure's value is an interval, so that the forms news use compare fairly:

>>> parse_amount("1.500").interval
(1500.0, 1500.0)
>>> parse_amount("1,5", "nghìn").interval  # one decimal: rounded to the nearest 50
(1450.0, 1550.0)
>>> parse_amount("1,2", "triệu").value
1200000.0
>>> parse_amount("1.000", qualifier="hơn").interval  # a bound
(1000.0, inf)
>>> round(parse_amount("1.500", qualifier="khoảng").interval[1])  # approximate
1725

Two figures agree when their intervals meet (:func:`agree`): "hơn 1.000" and "1.200" agree,
"khoảng 1.500" and "1.480" agree, "1.500" and "1.200" do not.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# How far an approximation ("khoảng 1.500") reaches either side, and how far a "gần" (nearly)
# figure reaches below. Wide enough for the rounding news do, narrow enough that a changed
# figure (1.500 against 2.000) still disagrees.
APPROX = 0.15
NEARLY = 0.2

MAGNITUDES = {"nghìn": 1e3, "ngàn": 1e3, "ngh": 1e3, "vạn": 1e4, "triệu": 1e6, "tỷ": 1e9,
              "tỉ": 1e9}

# Words before a number that make it a bound or an approximation. Longest first.
QUALIFIERS: dict[str, str] = {
    "ít nhất": "min", "tối thiểu": "min", "không dưới": "min", "hơn": "min", "trên": "min",
    "ngoài": "min", "vượt": "min", "hàng": "min",
    "gần": "nearly", "xấp xỉ": "approx", "khoảng": "approx", "chừng": "approx",
    "ước tính": "approx", "ước": "approx", "độ": "approx", "trên dưới": "approx",
    "dưới": "max", "chưa đến": "max", "chưa tới": "max", "không quá": "max",
    "tối đa": "max", "không tới": "max", "chỉ": "exact",
}

SMALL_WORDS = {"hai": 2, "ba": 3, "bốn": 4, "sáu": 6, "bảy": 7,
               "tám": 8, "chín": 9, "mười": 10}

NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")


@dataclass(frozen=True)
class Amount:
    """A number as written, its value, and the interval of values it allows."""

    value: float
    low: float
    high: float
    qualifier: str = ""  # "", "min", "max", "approx", "nearly", "exact"

    @property
    def interval(self) -> tuple[float, float]:
        return (self.low, self.high)

    def label(self) -> str:
        """The normalised value for a reader: ``1500``, ``>1000``, ``~1500``, ``1.5``."""
        shown = _plain(self.value)
        return {"min": "≥", "max": "≤", "approx": "~", "nearly": "~"}.get(self.qualifier,
                                                                          "") + shown


def _plain(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return f"{value:.6g}"


def digits_value(digits: str) -> tuple[float, float] | None:
    """The value of written digits and its rounding half-unit: ``"1.500"`` → (1500, 0),
    ``"1,5"`` → (1.5, 0.05). None when the form is ambiguous (``"1,500"``: a decimal comma
    or an English thousands separator)."""
    if "." in digits:
        whole, _, frac = digits.partition(",")
        value = float(whole.replace(".", ""))
        if frac:
            return value + float("0." + frac), 0.5 * 10 ** -len(frac)
        return value, 0.0
    if "," in digits:
        whole, frac = digits.split(",", 1)
        if len(frac) == 3 and not whole.startswith("0"):
            return None
        return float(whole + "." + frac), 0.5 * 10 ** -len(frac)
    return float(digits), 0.0


def parse_amount(digits: str, magnitude: str = "", qualifier: str = "",
                 percent: bool = False) -> Amount:
    """An amount from its digits, the magnitude words after them and the qualifier before.

    Raises ValueError for an ambiguous form (see :func:`digits_value`).
    """
    parsed = digits_value(digits)
    if parsed is None:
        raise ValueError(f"ambiguous number {digits!r}")
    value, half = parsed
    scale = 1.0
    for word in magnitude.split():
        scale *= MAGNITUDES.get(word, 1.0)
    if percent and half == 0.0 and value == int(value):
        half = 0.5  # "5%" is usually a rounded percentage
    value, half = value * scale, half * scale
    low, high = value - half, value + half
    kind = QUALIFIERS.get(qualifier, qualifier)
    if kind == "min":
        high = math.inf
    elif kind == "max":
        low = 0.0
    elif kind == "approx":
        low, high = min(low, value * (1 - APPROX)), max(high, value * (1 + APPROX))
    elif kind == "nearly":
        low = min(low, value * (1 - NEARLY))
    return Amount(value, low, high, kind if kind != "exact" else "")


# Two bounds the same way ("hơn 80", "hơn 105") always meet, yet news round a figure just
# below its bound: bounds this far apart tell different figures.
BOUNDS_APART = 1.2
ROUNDING = 0.01  # figures of 100 and more this close (relatively) are one figure rounded


def agree(a: Amount, b: Amount) -> bool:
    """Whether two amounts can tell the same value: their intervals meet.

    >>> agree(parse_amount("1.000", qualifier="hơn"), parse_amount("1.200"))
    True
    >>> agree(parse_amount("1.500"), parse_amount("1.200"))
    False
    >>> agree(parse_amount("80", qualifier="hơn"), parse_amount("105", qualifier="hơn"))
    False
    """
    if a.qualifier == b.qualifier and a.qualifier in ("min", "max") and min(a.value, b.value) > 0:
        return max(a.value, b.value) / min(a.value, b.value) <= BOUNDS_APART
    if a.value >= 100 and b.value >= 100 and abs(a.value - b.value) <= ROUNDING * max(a.value,
                                                                                      b.value):
        return True  # "782 tỷ" and "782,6 tỷ": one rounded the other
    return a.low <= b.high and b.low <= a.high
