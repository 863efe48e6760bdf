"""Syllables of a sentence with their offsets, and the small lexicons the pairing reads.

The analysed record gives sentences, time expressions and names; what a figure counts and what
happened to it are read here from the syllables around it, never by tagging the text again.

>>> [t.text for t in tokens("Hơn 1.500 ngôi nhà bị ngập, 3 người chết.")]
['Hơn', '1.500', 'ngôi', 'nhà', 'bị', 'ngập', ',', '3', 'người', 'chết', '.']
>>> sorted(state_classes(["người", "thiệt", "mạng"]))
['chết']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from thoisu.disagree.numbers import NUMBER

_TOKEN = re.compile(NUMBER.pattern + r"|%|\w+|[^\w\s]")


@dataclass(slots=True)
class Token:
    text: str
    low: str
    start: int
    end: int
    is_number: bool
    is_word: bool


def tokens(text: str, offset: int = 0) -> list[Token]:
    """The syllables, numbers and punctuation marks of ``text``, with offsets (plus
    ``offset``: where ``text`` starts in the sentence it was cut from)."""
    out = []
    for m in _TOKEN.finditer(text):
        t = m.group()
        out.append(Token(t, t.lower(), m.start() + offset, m.end() + offset, t[0].isdigit(),
                         t[0].isalpha()))
    return out


_SYLLABLE = re.compile(r"[^\W\d_]+")


def content_of(text: str) -> frozenset[str]:
    """The content syllables of a text (see :func:`content`), read straight from it."""
    return frozenset(w for w in _SYLLABLE.findall(text.lower()) if w not in STOP)


# Function syllables: shared by any two Vietnamese sentences, so they say nothing about
# whether two statements tell the same thing. Written for this module.
STOP = frozenset("""
và của các những là có được trong cho với này đã một không để khi đến từ theo về ra tại vào
cũng như sẽ thì mà lại nhưng hay hoặc rằng đó nay sau trước trên dưới bị do vì nên nếu
đang vẫn còn chỉ đều cùng nhất hơn rất việc kia ấy gì nào ai bao nhiêu thế vậy lên xuống qua
ở cả mỗi điều cách phải hết luôn đây họ chúng tôi ta mình em thể biết nói rồi đi làm
khoảng gần chừng ít tổng cộng số con chiếc ngôi căn cái tòa bức quả khẩu
ông bà anh chị cho biết thêm hiện vừa mới tới
""".split())

# What happened to what is counted: two figures of people are the same quantity only when
# the same thing happened to them. Each class is named by its plainest word.
STATES: dict[str, tuple[str, ...]] = {
    "chết": ("chết", "tử vong", "thiệt mạng", "tử nạn", "qua đời", "bỏ mạng", "hy sinh",
             "hi sinh", "thiệt mạng", "thương vong", "sát hại", "giết", "thi thể", "xác"),
    "bị thương": ("bị thương", "thương tích", "trọng thương", "nhập viện", "cấp cứu"),
    "mất tích": ("mất tích",),
    "bị bắt": ("bắt", "bắt giữ", "tạm giữ", "bắt giam", "khởi tố", "tạm giam"),
    "sơ tán": ("sơ tán", "di dời", "di tản", "tị nạn", "tỵ nạn"),
    "được cứu": ("cứu", "giải cứu", "cứu sống", "cứu hộ"),
    "ngập": ("ngập", "chìm"),
    "hư hại": ("hư hỏng", "hư hại", "sập", "đổ sập", "tốc mái", "cháy", "phá hủy", "phá hủy",
               "thiêu rụi", "bắn hạ", "rơi", "tiêu diệt"),
    "nhiễm bệnh": ("nhiễm", "mắc", "dương tính", "ca bệnh"),
    "tham gia": ("tham gia", "tham dự", "biểu tình", "tuần hành"),
    # Phrases that start like a state but are none: read first so they hide it.
    "": ("bắt đầu", "xác nhận", "xác định", "xác minh", "nghiên cứu", "mắc kẹt", "cứu trợ",
         "nhiễm vụ", "cháy nổ"),
}
_STATE_OF: dict[tuple[str, ...], str] = {tuple(p.split()): name for name, phrases in
                                         STATES.items() for p in phrases}
_LONGEST = max(len(k) for k in _STATE_OF)


def state_classes(words: Sequence[str]) -> frozenset[str]:
    """The classes of what happened, read from lower-cased syllables (longest phrase first)."""
    found: set[str] = set()
    i = 0
    while i < len(words):
        for n in range(min(_LONGEST, len(words) - i), 0, -1):
            name = _STATE_OF.get(tuple(words[i:i + n]))
            if name is not None:
                if name:
                    found.add(name)
                i += n
                break
        else:
            i += 1
    return frozenset(found)


def content(words: Iterable[str]) -> frozenset[str]:
    """The lower-cased syllables that carry meaning: not function words, not numbers."""
    return frozenset(w for w in (x.lower() for x in words)
                     if w not in STOP and w[:1].isalpha())


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared syllables over the smaller set (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared syllables over the mean size of the two sets (0 when both are empty)."""
    if not a and not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))
