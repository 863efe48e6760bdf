"""Durations (``10 ngày`` → ``P10D``, ``gần 7 năm`` → ``P7Y``) and sets (``hằng ngày`` →
``P1D``), TimeML-style. Vague amounts ("vài ngày", "nhiều năm") give ``PXD``, ``PXY``."""

from __future__ import annotations

import re

from thoisu.dates.base import Candidate, Context, Rule, compile_vi
from thoisu.dates.lexicon import NUMBER_DIGITS, NUMBER_WORD, key, read_number

_UNIT = (r"ngày\s+đêm|ngày|tuần|tháng|năm|(?:giờ|tiếng)(?:\s+đồng\s+hồ)?|h|phút|giây"
         r"|thập\s+(?:kỷ|kỉ|niên)|thế\s+(?:kỷ|kỉ)")
DURATION = compile_vi(
    r"(?<![\w.,/\-–:])(?<!thứ\s)(?:(?P<approx>gần|hơn|khoảng|chừng|ngót|trên|dưới|ít\s+nhất|tối\s+đa"
    r"|chưa\s+đầy|không\s+đầy|xấp\s+xỉ)\s+)?"
    r"(?P<n>" + NUMBER_DIGITS + "|" + NUMBER_WORD + r"|vài|mấy|nhiều|dăm|một\s+vài"
    r"|(?:hàng|vài|mấy)\s+(?:chục|trăm|nghìn|ngàn)|nửa)(?P<space>\s*)"
    r"(?P<unit>" + _UNIT + r")(?:\s+(?P<tail>qua|gần\s+đây|trở\s+lại\s+đây|liền|nay|tới"
    r"|sắp\s+tới|rưỡi))?(?![\w])"
)
SET = compile_vi(
    r"(?<![\w])(?P<q>hằng|hàng|mỗi|từng)\s+(?P<unit>ngày|tuần|tháng|năm|quý|giờ|buổi\s+sáng"
    r"|buổi\s+trưa|buổi\s+chiều|buổi\s+tối|sáng|trưa|chiều|tối|đêm|cuối\s+tuần)(?![\w])"
)

_CODES = {"ngày": "D", "ngày đêm": "D", "tuần": "W", "tháng": "M", "năm": "Y", "giờ": "H",
          "tiếng": "H", "h": "H", "phút": "Min", "giây": "S"}
_MODS = {"gần": "LESS_THAN", "chưa đầy": "LESS_THAN", "không đầy": "LESS_THAN",
         "dưới": "LESS_THAN", "tối đa": "EQUAL_OR_LESS", "hơn": "MORE_THAN",
         "trên": "MORE_THAN", "ít nhất": "EQUAL_OR_MORE", "khoảng": "APPROX",
         "chừng": "APPROX", "ngót": "APPROX", "xấp xỉ": "APPROX"}
_SET_VALUES = {"ngày": "P1D", "tuần": "P1W", "tháng": "P1M", "năm": "P1Y", "quý": "P3M",
               "giờ": "PT1H", "sáng": "TMO", "buổi sáng": "TMO", "trưa": "TMI",
               "buổi trưa": "TMI", "chiều": "TAF", "buổi chiều": "TAF", "tối": "TEV",
               "buổi tối": "TEV", "đêm": "TNI", "cuối tuần": "XXXX-WXX-WE"}
_HOUR_CONTEXT = re.compile(r"(?:trong|sau|suốt|mất|kéo\s+dài|dài|vòng|chỉ|hơn|gần|cả|hàng"
                           r"|xuyên|thêm|nhanh|chậm|tới\s+\d+\s*-)\s*$", re.I)
_SOUND_AFTER = re.compile(r"\s*(?:ồn|nổ|súng|kêu|la|hét|động|nói|cười|khóc|vang|gọi|chuông)"
                          r"(?![\w])", re.I)
_CLOCK_AFTER = re.compile(r"\s*(?:sáng|trưa|chiều|tối|đêm|ngày\s+\d|hôm|\(\d)", re.I)
# "khoảng 20 giờ" is about 8 pm as often as about twenty hours: left to the context test.
_CLOCK_APPROX = ("khoảng", "chừng", "xấp xỉ")


def hours_are_duration(ctx: Context, start: int, end: int, hours: float) -> bool:
    """Whether "N giờ" is a length of time ("trong 20 giờ", "48 giờ") rather than a clock time."""
    if hours > 24 or hours != int(hours):
        return True
    if _CLOCK_AFTER.match(ctx.after(end, 12)):
        return False  # "sau 14h chiều nay", "trước 8 giờ ngày 5/6": a clock time
    if _HOUR_CONTEXT.search(ctx.before(start, 12)):
        return True
    return bool(re.match(r"\s*(?:qua|liền|đồng\s+hồ|nữa|đàm\s+phán|làm\s+việc|sau|trước"
                         r"|sau\s+đó|rồi)(?![\w])", ctx.after(end, 16), re.I))


def _number_text(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration_value(n: float | None, unit: str) -> str:
    """``P10D``, ``PT30M``, ``P20Y`` (decades and centuries in years); ``PXY`` when vague."""
    if unit.startswith("thập"):
        return f"P{_number_text(n * 10)}Y" if n is not None else "PXY"
    if unit.startswith("thế"):
        return f"P{_number_text(n * 100)}Y" if n is not None else "PXY"
    code = _CODES[unit.split(" đồng")[0]]
    clock = code in ("H", "Min", "S")
    letter = "M" if code == "Min" else code
    if n is None:
        return ("PTX" if clock else "PX") + letter
    if n == 0.5:  # "nửa năm", "nửa giờ": halves in the next smaller unit
        halves = {"Y": "P6M", "M": "P15D", "W": "P3D", "D": "PT12H", "H": "PT30M",
                  "Min": "PT30S"}
        return halves.get(code, f"P0.5{letter}")
    return ("PT" if clock else "P") + _number_text(n) + letter


def _duration(m: re.Match[str], ctx: Context) -> Candidate | None:
    unit = key(m["unit"])
    n_text = key(m["n"])
    if unit == "h" and (m["space"] or not n_text[0].isdigit()):
        return None
    if m["space"] == "" and unit != "h":
        return None
    if n_text == "năm" and unit == "tháng":
        return None  # "năm tháng": the years, not five months
    if unit.startswith("tiếng") and ((not n_text[0].isdigit() and n_text.split()[0] in (
            "nhiều", "hàng", "mấy")) or _SOUND_AFTER.match(ctx.after(m.end(), 12))):
        return None  # "nhiều tiếng ồn", "hai tiếng nổ": sounds, not hours
    if re.search(r"(?:thứ|số|hạng|top)\s*$", ctx.before(m.start("n"), 6), re.I):
        return None
    if n_text in ("nửa",):
        n: float | None = 0.5
    elif n_text[0].isdigit() or n_text.split()[0] in ("một", "hai", "ba", "bốn", "năm", "sáu",
                                                        "bảy", "bẩy", "tám", "chín", "mười"):
        n = read_number(n_text)
        if n is None:
            return None
    else:
        n = None
    if m["tail"] and key(m["tail"]) == "rưỡi" and n is not None:
        n += 0.5
    plain = not m["approx"] or key(m["approx"]) in _CLOCK_APPROX
    if unit in ("giờ", "h") and n is not None and plain and not m["tail"] and \
            not hours_are_duration(ctx, m.start("n"), m.end(), n):
        return None
    if unit == "năm" and n is not None and n >= 1000 and not m["approx"] and \
            re.search(r"(?:năm|từ|đến)\s*$", ctx.before(m.start(), 6), re.I):
        return None
    end = m.end()
    mod = _MODS.get(key(m["approx"])) if m["approx"] else None
    start = m.start()
    return Candidate(start, end, "duration", duration_value(n, unit), "duration", mod=mod)


def _set(m: re.Match[str], ctx: Context) -> Candidate | None:
    unit = key(m["unit"])
    if key(m["q"]) == "từng" and unit not in ("ngày", "giờ", "tuần", "tháng", "năm"):
        return None
    if re.match(r"\s*(?:chục|trăm|nghìn|ngàn|triệu)(?![\w])", ctx.after(m.start("unit"), 12)):
        return None
    return Candidate(m.start(), m.end(), "set", _SET_VALUES[unit], "set")


RULES = [
    Rule("duration", DURATION, _duration,
         ("ngày", "tuần", "tháng", "năm", "giờ", "tiếng", "h", "phút", "giây", "thập", "thế k")),
    Rule("set", SET, _set, ("hằng", "hàng", "mỗi", "từng")),
]
