"""Figures an article tells: a number, what it counts, and what the sentence says around it.

>>> from thoisu.model import Article, Origin, Sentence
>>> a = Article("a", Origin("a.txt"), source="Báo A", sentences=[Sentence(
...     "Mưa lớn khiến hơn 1.500 ngôi nhà bị ngập và 3 người chết.", 0, 0)])
>>> [(f.amount.label(), f.noun, sorted(f.states)) for f in article_figures(a)]
[('≥1500', 'nhà', ['ngập']), ('3', 'người', ['chết'])]

What is counted is the noun after the number with its classifier dropped ("ngôi nhà" and
"căn nhà" count ``nhà``; "hộ" counts households, another thing). Units of one dimension are
brought to one unit ("5 km" = 5000 ``m``). A number that is part of a date the analysis found,
a name ("Su-24"), an ordinal ("bão số 3"), or counts nothing the text names is no figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from thoisu.disagree.numbers import MAGNITUDES, QUALIFIERS, SMALL_WORDS, Amount, parse_amount
from thoisu.disagree.words import STOP, Token, content, state_classes, tokens
from thoisu.model import Article

CLASSIFIERS = frozenset("chiếc ngôi căn con cái tòa bức quả khẩu cơn đợt cuộc lượt".split())

# Units of one dimension, brought to the first: (noun key, factor).
UNITS: dict[tuple[str, ...], tuple[str, float]] = {
    ("km",): ("m", 1000.0), ("cây", "số"): ("m", 1000.0), ("ki", "-", "lô", "-", "mét"):
    ("m", 1000.0), ("m",): ("m", 1.0), ("mét",): ("m", 1.0), ("cm",): ("m", 0.01),
    ("mm",): ("mm", 1.0), ("hải", "lý"): ("hải lý", 1.0),
    ("tấn",): ("kg", 1000.0), ("kg",): ("kg", 1.0), ("ki", "-", "lô", "-", "gam"): ("kg", 1.0),
    ("ha",): ("ha", 1.0), ("hecta",): ("ha", 1.0), ("héc", "-", "ta"): ("ha", 1.0),
    ("km2",): ("ha", 100.0), ("m2",): ("ha", 0.0001), ("mét", "vuông"): ("ha", 0.0001),
    ("ki", "-", "lô", "-", "mét", "vuông"): ("ha", 100.0), ("m3",): ("m3", 1.0),
    ("khối",): ("m3", 1.0), ("mét", "khối"): ("m3", 1.0), ("lít",): ("m3", 0.001),
    ("usd",): ("usd", 1.0), ("đô", "la"): ("usd", 1.0), ("đôla",): ("usd", 1.0),
    ("đồng",): ("đồng", 1.0), ("vnđ",): ("đồng", 1.0), ("vnd",): ("đồng", 1.0),
    ("euro",): ("euro", 1.0), ("rúp",): ("rúp", 1.0), ("nhân", "dân", "tệ"): ("nhân dân tệ", 1.0),
    ("yên",): ("yên", 1.0), ("bảng",): ("bảng", 1.0),
}
_UNIT_LEN = max(len(k) for k in UNITS)

# Two-syllable nouns whose first syllable alone would count something else.
COMPOUNDS = frozenset({("máy", "bay"), ("tên", "lửa"), ("xe", "tăng"), ("tàu", "cá"),
                       ("ô", "tô"), ("xe", "máy"), ("nạn", "nhân"), ("binh", "sĩ"),
                       ("hành", "khách"), ("học", "sinh"), ("sinh", "viên"),
                       ("chiến", "binh"), ("phiến", "quân"), ("trẻ", "em"), ("công", "nhân"),
                       ("cảnh", "sát"), ("ngư", "dân"), ("trực", "thăng"), ("bệnh", "nhân"),
                       ("thuyền", "viên"), ("phi", "vụ"), ("mục", "tiêu"), ("du", "khách"),
                       ("lao", "động"), ("đại", "biểu"), ("cử", "tri"), ("quốc", "gia"),
                       ("việc", "làm"), ("cơ", "sở"), ("doanh", "nghiệp")})

# Nouns after a number that count no thing an outlet could get wrong on its own: "gấp 10
# lần" compares with something else.
NOT_COUNTS = frozenset({"lần", "bậc", "hạng", "điểm", "mặt"})
# A number after one of these is an ordinal, a label or a time, not a count.
LABELS = frozenset("số năm lúc ngày tháng thứ quý khóa khoá điều khoản phòng đường lộ tuyến "
                   "mã hạng lớp top hiệu chương mục tầng phiên bảng đội nhóm vòng trang "
                   "kỳ kì đợt giờ phút đoạn hẻm ngõ kiệt quận phường tổ ấp khu lô".split())
# Where a clause ends, reading outwards from a figure.
BOUNDARY_WORDS = frozenset("và còn nhưng trong khi song hoặc cùng với".split())
WORD_COUNTED = CLASSIFIERS | {"người", "binh", "nạn", "máy"}
# Figures in a clause with one of these are prices or market moves.
PRICE_WORDS = frozenset("giá phiên chứng cổ phiếu".split())
NAME_REACH = 60  # characters either side of a figure where a name is its participant
# Words that make a figure a total, a part, an increment or a rate: both sides must have the
# same ones ("tổng cộng 62 chuyến" against "hủy 7 chuyến ngày 9/11").
MARKS = frozenset("tổng cộng lũy kế thêm riêng mỗi bình quân trung".split())
WINDOW = 6  # syllables of context read on each side of a figure, within its clause


_MAY_COUNT = re.compile(r"(\d[\d.,]*\d|\d|(?<!\w)(?:" + "|".join(SMALL_WORDS) + r")(?!\w))"
                        r"\s*(?:(?:" + "|".join(MAGNITUDES) + r")\s+)*(%|\w+)?")


def heads(article: Article) -> set[str]:
    """The words right after the article's numbers (magnitudes skipped): a figure can only
    disagree with one whose number is followed by the same word, so only those are read."""
    return {m.group(2) for s in article.sentences
            for m in _MAY_COUNT.finditer(s.text.lower()) if m.group(2)}


@dataclass
class Figure:
    """One number in one sentence, what it counts and its context."""

    article: str
    outlet: str
    sentence: int
    text: str  # the whole sentence
    start: int  # the figure's span in the sentence: qualifier, number, unit
    end: int
    amount: Amount
    noun: str  # what is counted ("người", "nhà", "m", "%", "đồng")
    states: frozenset[str]
    context: frozenset[str]  # content syllables of the figure's clause
    phrase: str  # what is counted as written ("người chết", "ngôi nhà bị ngập")
    names: frozenset[str] = frozenset()  # names the analysis found near the figure
    tail: str = ""  # the syllable right after the counted noun
    proper: frozenset[str] = frozenset()  # capitalised words of its clause ("HSC", "Israel")
    marks: frozenset[str] = frozenset()  # "tổng", "thêm", "mỗi": a total, an increment, a rate
    unit: bool = False  # a measure, money or a percentage rather than a count of things

    @property
    def written(self) -> str:
        return self.text[self.start:self.end]


def _outlet(article: Article) -> str:
    # An article without a known outlet is its own outlet: it may disagree with any other.
    return article.source or f"?{article.id}"


def _date_spans(article: Article, sentence: int) -> list[tuple[int, int]]:
    return [(d.start, d.end) for d in article.dates if d.sentence == sentence]


def _glued(text: str, tok: Token) -> bool:
    """A number glued to letters or marks is part of a name or a code: "Su-24", "MH17", "7h"."""
    before = text[tok.start - 1] if tok.start > 0 else " "
    after = text[tok.end] if tok.end < len(text) else " "
    return (before.isalnum() or before in "-/:#.,") or (after.isalpha() or after in "/:-")


def _qualifier(words: list[Token], i: int) -> str:
    """The qualifier just before token ``i`` ("hơn", "ít nhất", "khoảng"), or ""."""
    for n in (2, 1):
        if i - n >= 0:
            phrase = " ".join(t.low for t in words[i - n:i])
            if phrase in QUALIFIERS:
                return phrase
    return ""


def _unit(words: list[Token], j: int) -> tuple[str, float, int] | None:
    for n in range(min(_UNIT_LEN, len(words) - j), 0, -1):
        key = tuple(t.low for t in words[j:j + n])
        if key in UNITS:
            noun, factor = UNITS[key]
            return noun, factor, j + n
    return None


def _noun(words: list[Token], j: int) -> tuple[str, float, int] | None:
    """What the number counts from token ``j``: (noun key, factor, index after it)."""
    unit = _unit(words, j)
    if unit is not None:
        return unit
    if j < len(words) and words[j].low in CLASSIFIERS:
        if j + 1 < len(words) and words[j + 1].is_word and words[j + 1].low not in STOP:
            j += 1
        else:
            return words[j].low, 1.0, j + 1
    pair = (words[j].low, words[j + 1].low) if j + 1 < len(words) else None
    if pair in COMPOUNDS:
        return " ".join(pair), 1.0, j + 2
    if j >= len(words) or not words[j].is_word or words[j].low in STOP:
        return None
    return words[j].low, 1.0, j + 1


def _clause(words: list[Token], lo: int, hi: int) -> tuple[list[Token], list[Token]]:
    """The syllables before ``lo`` and from ``hi`` within the figure's clause."""
    before: list[Token] = []
    k = lo - 1
    while k >= 0 and len(before) < WINDOW:
        t = words[k]
        if not t.is_word or t.low in BOUNDARY_WORDS:
            break
        before.insert(0, t)
        k -= 1
    after: list[Token] = []
    k = hi
    while k < len(words) and len(after) < WINDOW:
        t = words[k]
        if not t.is_word or t.low in BOUNDARY_WORDS:
            break
        after.append(t)
        k += 1
    return before, after


def _priced(clause: list[Token]) -> bool:
    """Whether a clause tells a price or a market move ("giá vàng", "phiên"), which change
    by the hour; "trị giá" (worth) and "đánh giá" (assessment) are no price."""
    for k, t in enumerate(clause):
        if t.low in PRICE_WORDS and not (t.low == "giá" and k > 0
                                         and clause[k - 1].low in ("trị", "đánh")):
            return True
    return False


def _proper(clause: list[Token], words: list[Token]) -> frozenset[str]:
    """Capitalised words of the clause that are not the sentence's first: names the analysis
    may not have listed ("HSC", "AGM")."""
    first = words[0].start if words else -1
    return frozenset(t.low for t in clause if t.text[0].isupper() and t.start != first
                     and t.start > 0)


def _common(clause: list[Token]) -> frozenset[str]:
    """Content syllables of a clause, names left out: they are compared as names."""
    return content(t.text for t in clause if not t.text[0].isupper())


REACH = 64  # characters read either side of a number: the clause around it


def _windows(text: str, dates: list[tuple[int, int]], keep: set[str] | None) -> list[Token]:
    """The tokens around the sentence's numbers only (a long sentence is mostly elsewhere),
    windows apart joined by a mark that ends a clause; numbers inside dates, or followed by
    no word of ``keep`` (when given), open none."""
    spans: list[list[int]] = []
    for m in _MAY_COUNT.finditer(text.lower()):
        if (any(s <= m.start() < e for s, e in dates)
                or (keep is not None and m.group(2) not in keep)):
            continue
        lo, hi = max(0, m.start() - REACH), min(len(text), m.end() + REACH)
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = hi
        else:
            spans.append([lo, hi])
    out: list[Token] = []
    for lo, hi in spans:
        if lo > 0:  # start and end on a whole syllable
            lo = text.find(" ", lo) + 1 or lo
        if hi < len(text):
            hi = text.rfind(" ", lo, hi) if text.rfind(" ", lo, hi) > lo else hi
        if out:
            out.append(Token("|", "|", lo, lo, False, False))
        out.extend(tokens(text[lo:hi], lo))
    return out


def sentence_figures(article: Article, index: int, keep: set[str] | None = None
                     ) -> list[Figure]:
    """The figures of the article's sentence ``index`` (only those whose number is followed
    by a word of ``keep``, when given)."""
    sentence = article.sentences[index]
    text = sentence.text
    dates = _date_spans(article, index)
    words = _windows(text, dates, keep)
    if not words:
        return []
    mentions = [m for m in article.mentions if m.sentence == index]
    out: list[Figure] = []
    i = 0
    while i < len(words):
        tok = words[i]
        number = tok.is_number or (tok.low in SMALL_WORDS and i + 1 < len(words))
        if (not number or any(s < tok.end and tok.start < e for s, e in dates)
                or (tok.is_number and _glued(text, tok))
                # Four digits and more without a thousands mark: a year, a code, a number plate.
                or (tok.is_number and len(tok.text) >= 4 and tok.text.isdigit())
                or (i > 0 and words[i - 1].low in LABELS)
                # After a capitalised word a number names something: "Trạm 550", "CSB 4033".
                or (i > 1 and words[i - 1].is_word and words[i - 1].text[0].isupper())):
            i += 1
            continue
        digits = tok.text if tok.is_number else str(SMALL_WORDS[tok.low])
        j = i + 1
        # A range ("từ 30 đến 50 cm", "30-50 cm") is told by its last number and unit.
        if (j + 1 < len(words) and words[j].low in ("-", "–", "đến", "tới")
                and words[j + 1].is_number):
            low_digits, digits, j = digits, words[j + 1].text, j + 2
        else:
            low_digits = ""
        magnitude = []
        while j < len(words) and words[j].low in MAGNITUDES:
            magnitude.append(words[j].low)
            j += 1
        percent = j < len(words) and (words[j].text == "%" or (
            words[j].low == "phần" and j + 1 < len(words) and words[j + 1].low == "trăm"))
        if percent:
            noun, factor, k = "%", 1.0, j + (1 if words[j].text == "%" else 2)
        else:
            found = _noun(words, j)
            # A number written in words counts only people or classified things ("ba
            # người", "hai chiếc"): elsewhere "ba", "hai" are often no number at all.
            if found is None or (not tok.is_number and words[j].low not in WORD_COUNTED):
                i = j
                continue
            noun, factor, k = found
            if noun in NOT_COUNTS:
                i = k
                continue
            if k < len(words) and words[k].text == "/":
                i = k  # a rate ("37 triệu đồng/lượng", "1.340 USD/ounce"): a price, not a count
                continue
        qualifier = _qualifier(words, i)
        try:
            amount = parse_amount(digits, " ".join(magnitude), qualifier, percent)
            if low_digits:
                low = parse_amount(low_digits, " ".join(magnitude))
                if low.value > amount.value:  # "800.000 - 1 triệu": the magnitude is the end's
                    low = parse_amount(low_digits)
                if low.value > amount.value:
                    raise ValueError("a range running backwards")
                amount = Amount(amount.value, low.low, amount.high, "range")
        except ValueError:
            i = k
            continue
        if factor != 1.0:
            amount = Amount(amount.value * factor, amount.low * factor, amount.high * factor,
                            amount.qualifier)
        lo = i - len(qualifier.split()) if qualifier else i
        before, after = _clause(words, lo, k)
        if _priced(before + after):
            i = k  # prices and market moves change by the hour: outlets quote other moments
            continue
        start = words[lo].start
        counted = text[words[j].start:words[k - 1].end] if k > j else noun
        if noun == "%" or factor != 1.0 or (noun,) in UNITS:
            # A unit says how, not what: what is measured is told before it.
            phrase = " ".join([*(t.text for t in before[-3:]), f"({counted})"])
        else:
            phrase = " ".join([counted, *(t.text for t in after[:3])])
        # Names close to the figure, across commas and brackets ("Lê Thị Hậu (24 tuổi)").
        lo_char, hi_char = start - NAME_REACH, words[k - 1].end + NAME_REACH
        near = frozenset(m.name for m in mentions if lo_char <= m.start and m.end <= hi_char)
        out.append(Figure(article.id, _outlet(article), index, text, start, words[k - 1].end,
                          amount, noun, state_classes([t.low for t in before + after]),
                          _common(before + after), phrase, near,
                          after[0].low if after else "", _proper(before + after, words),
                          frozenset(t.low for t in before + after if t.low in MARKS),
                          noun == "%" or factor != 1.0 or (noun,) in UNITS
                          or any(noun == u for u, _ in UNITS.values())))
        i = k
    return out


def article_figures(article: Article, keep: set[str] | None = None) -> list[Figure]:
    """Every figure of the article's sentences, in reading order (see
    :func:`sentence_figures` for ``keep``)."""
    return [f for k in range(len(article.sentences))
            for f in sentence_figures(article, k, keep)]
