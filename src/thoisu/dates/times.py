"""Clock times: ``9h30``, ``20 giờ``, ``9 giờ 15 phút tối``, ``lúc 21:00``.

Alone, a time has an unknown day: ``XXXX-XX-XXT09:30``. Next to a date ("9h30 ngày 28/3",
"8 giờ tối nay") the tagger joins them into one expression with a full value.
"""

from __future__ import annotations

import re

from thoisu.dates.base import Candidate, Context, Rule, compile_vi
from thoisu.dates.durations import hours_are_duration
from thoisu.dates.lexicon import PARTS_OF_DAY, key

_POD_AFTER = (r"(?:\s+(?P<pod>sáng|trưa|chiều|tối|đêm)(?!\s+(?:nay|qua|mai|hôm|ngày|\d)))?")
H_FORM = compile_vi(
    r"(?<![\w./\-:])(?P<h>[0-2]?\d)h(?P<mi>[0-5]\d)?(?:'|p(?![\w]))?(?![\w])" + _POD_AFTER
    + r"(?![\w])"
)
GIO_FORM = compile_vi(
    r"(?<![\w./\-:])(?P<h>[0-2]?\d)\s+giờ(?:\s+(?P<mi>[0-5]?\d)(?:\s+phút)?(?![\w])"
    r"|\s+(?P<half>rưỡi)|\s+kém\s+(?P<less>[0-5]?\d)(?:\s+phút)?)?(?![\w])" + _POD_AFTER
    + r"(?![\w])"
)
# "8g", "8g30": newsrooms that write "g" for giờ; "5G" is a network, so a trigger or a day
# must come with it.
G_FORM = compile_vi(
    r"(?<![\w./\-:])(?P<h>[0-2]?\d)g(?P<mi>[0-5]\d)?(?![\w])" + _POD_AFTER + r"(?![\w])"
)
_G_DAY_AFTER = re.compile(r"\s*(?:ngày|hôm|sáng|trưa|chiều|tối|đêm|cùng\s+ngày|\(\d)", re.I)
COLON_FORM = compile_vi(
    r"(?<![\w./\-:])(?P<h>[0-2]?\d):(?P<mi>[0-5]\d)(?![\w:]|[.,]\d)" + _POD_AFTER + r"(?![\w])"
)
_TRIGGER = re.compile(r"(?:lúc|vào|khoảng|từ|đến|tới|trước|sau|hồi)\s*$", re.I)


def adjust_hour(hour: int, part: str | None) -> int:
    """24-hour clock from a 12-hour one and a part of the day: 8 giờ tối → 20."""
    if part in ("AF", "EV") and hour < 12:
        return hour + 12
    if part == "NI" and 6 <= hour < 12:
        return hour + 12
    if part == "NI" and hour == 12:
        return 0
    if part == "MI" and 1 <= hour <= 3:
        return hour + 12
    return hour


def _clock(m: re.Match[str], ctx: Context, rule: str) -> Candidate | None:
    hour = int(m["h"])
    groups = m.groupdict()
    minute = int(m["mi"]) if m["mi"] else 0
    if groups.get("half"):
        minute = 30
    if groups.get("less"):
        hour, minute = hour - 1, 60 - int(groups["less"])
    if not (0 <= hour <= 24 and 0 <= minute <= 59):
        return None
    if hour == 24 and not m["mi"]:
        return None  # "24h" is a news brand or a duration, not midnight
    if rule == "time:colon" and not (_TRIGGER.search(ctx.before(m.start(), 8)) or m["pod"]):
        return None  # "2:1" is a score or a ratio
    if rule == "time:g" and not (m["mi"] or m["pod"] or _TRIGGER.search(ctx.before(m.start(), 8))
                                 or _G_DAY_AFTER.match(ctx.after(m.end(), 12))):
        return None
    if rule != "time:colon" and not m["mi"] and not groups.get("half") and \
            hours_are_duration(ctx, m.start(), m.end(), hour):
        return None
    part = PARTS_OF_DAY.get(key(m["pod"])) if m["pod"] else None
    hour = adjust_hour(hour, part) % 24 if hour != 24 else 0
    cand = Candidate(m.start(), m.end(), "time", f"XXXX-XX-XXT{hour:02d}:{minute:02d}", rule,
                     clock=(hour, minute), part=part)
    return cand


RULES = [
    Rule("time:h", H_FORM, lambda m, ctx: _clock(m, ctx, "time:h"), ("h",), True,
         re.compile(r"\dh")),
    Rule("time:giờ", GIO_FORM, lambda m, ctx: _clock(m, ctx, "time:giờ"), ("giờ",), True,
         re.compile(r"\d\s+giờ")),
    Rule("time:g", G_FORM, lambda m, ctx: _clock(m, ctx, "time:g"), ("g",), True,
         re.compile(r"\dg")),
    Rule("time:colon", COLON_FORM, lambda m, ctx: _clock(m, ctx, "time:colon"), (":",), True,
         re.compile(r"\d:\d")),
]
