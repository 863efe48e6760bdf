"""A short text for an event: the clause around its time expression, not the whole sentence.

News sentences often pack a report, its source and background into one line; the clause that
holds the date is what happened then. Clauses are cut at ``,`` ``;`` ``:`` and at a few
conjunctions, then widened to a readable length (the date phrase alone is not an event).

>>> event_clause("Trước đó vào ngày 15/3, tỉnh đã đưa phần lớn tàu cá về bến an toàn, trong khi "
...              "các xã ven biển vẫn tiếp tục gia cố đê và người dân lo lắng về mùa màng.",
...              16, 26, max_syllables=20)
'Vào ngày 15/3, tỉnh đã đưa phần lớn tàu cá về bến an toàn'
"""

from __future__ import annotations

import re
from itertools import pairwise

from thoisu.text.syllables import count_syllables

# A comma between digits ("1,5") does not cut; one after a date ("ngày 27/3, Bộ...") does.
# Dashes do not cut: they mostly set off names and appositions ("Điện Kremlin - Dmitry Peskov").
_CUTS = re.compile(r"(?:[,;:](?!\d)|(?<!\d)[,;:])\s*|\s+(?=(?:trong khi|nhưng|song|tuy nhiên)\s)")
# Openers that tie a sentence to the previous one; they carry no event.
_OPENERS = re.compile(
    r"^(?:trước đó|sau đó|tuy nhiên|tuy vậy|trong khi đó|ngoài ra|theo đó|đồng thời|"
    r"bên cạnh đó|cũng|mặc dù vậy|dù vậy|như vậy|vì vậy|do đó|còn)\b[,\s]*",
    re.IGNORECASE,
)
_TRAILING = " ,;:–—-"
# A clause that opens with a frame ("Trong một tuyên bố ... ngày 27/3") holds no event itself.
_FRAME = re.compile(r"^(?:trong|theo|tại|với|sau khi|khi|trước khi|phát biểu|trả lời)\b",
                    re.IGNORECASE)
# A clause that ends by reporting ("RT ngày 28/10 dẫn lời X cho biết") needs what was reported.
_REPORTING = re.compile(r"(?:cho biết|cho hay|được biết|dẫn lời|nói|thông báo|tuyên bố|khẳng định|"
                        r"xác nhận|nhấn mạnh|cho rằng|nêu rõ|cảnh báo)(?: rằng)?\W*$",
                        re.IGNORECASE)


def _segments(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _CUTS.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def strip_opener(text: str) -> str:
    """``text`` without an opener that ties it to the sentence before ("Trong khi đó, ...")."""
    stripped = _OPENERS.sub("", text.strip())
    return stripped if stripped else text.strip()


def _tidy(text: str) -> str:
    text = text.strip().strip(_TRAILING).strip()
    stripped = _OPENERS.sub("", text)
    if stripped and count_syllables(stripped) >= 4:
        text = stripped
    text = text.rstrip(".").strip().strip(_TRAILING).strip()
    return text[:1].upper() + text[1:]


def event_clause(sentence: str, start: int, end: int, min_syllables: int = 14,
                 max_syllables: int = 40) -> str:
    """The clause of ``sentence`` around the expression at ``start:end``, widened to about
    ``min_syllables`` and cut (with ``…``) at ``max_syllables``."""
    return clause_at(sentence, start, end, min_syllables, max_syllables)[0]


def clause_at(sentence: str, start: int, end: int, min_syllables: int = 14,
              max_syllables: int = 40) -> tuple[str, int]:
    """:func:`event_clause` and where in ``sentence`` the kept text starts (so that what
    comes before it, a speaker and a reporting verb, can be read)."""
    if count_syllables(sentence) <= max_syllables:
        return _tidy(sentence), 0
    spans = _segments(sentence)
    if not spans:
        return _tidy(sentence), 0
    k = next((i for i, (a, b) in enumerate(spans) if a <= start < b), 0)
    lo = hi = k
    # A date early in its clause is followed by what happened ("ngày 28/3 xác nhận..."): widen
    # to the right; a date closing its clause ("...dẫn đầu hôm 22/1") follows it: widen left.
    seg_a, seg_b = spans[k]
    left_first = (start - seg_a) > 0.6 * (seg_b - seg_a)
    if left_first and k > 0 and not _FRAME.match(sentence[spans[k - 1][0]:spans[k - 1][1]]):
        lo = k - 1
    if (_FRAME.match(sentence[seg_a:seg_b]) or _REPORTING.search(sentence[spans[lo][0]:seg_b])
            ) and hi + 1 < len(spans):
        hi += 1
    while count_syllables(sentence[spans[lo][0]:spans[hi][1]]) < min_syllables:
        if left_first and lo > 0:
            lo -= 1
        elif hi + 1 < len(spans):
            hi += 1
        elif lo > 0:
            lo -= 1
        else:
            break
    # Still ending on the report ("Tối 22/5, tin từ Công an tỉnh cho biết"): take what it said.
    while (hi + 1 < len(spans) and _REPORTING.search(sentence[spans[lo][0]:spans[hi][1]])
           and count_syllables(sentence[spans[lo][0]:spans[hi + 1][1]]) <= max_syllables + 10):
        hi += 1
    a, b = spans[lo][0], spans[hi][1]
    text = sentence[a:b]
    if count_syllables(text) <= max_syllables:
        return _tidy(text), a
    # Too long still: a window of words that holds the expression, near its start when the
    # expression opens the clause, ending a little after it when the expression closes it.
    words = text.split()
    first = len(sentence[a:start].split())
    last = len(sentence[a:end].split())
    lo_w = 0 if first < max_syllables // 2 else max(0, last + 6 - max_syllables)
    hi_w = min(len(words), lo_w + max_syllables)
    out = _tidy(" ".join(words[lo_w:hi_w]))
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    at = a + (starts[lo_w] if lo_w < len(starts) else 0)
    return ("…" if lo_w else "") + out + ("…" if hi_w < len(words) else ""), at


# Where a sentence holding two events splits between them, strongest first: "...; ...",
# "..., sau đó ...", "... năm 2021 và khởi công tháng 2/2023", "..., ...".
_EVENT_SPLITS = (
    re.compile(r"\s*;\s*"),
    re.compile(r",?\s*\b(?:sau đó|rồi|tiếp đó|trước đó)\b,?\s*", re.IGNORECASE),
    re.compile(r",?\s+(?:và|còn|đồng thời)\s+", re.IGNORECASE),
    re.compile(r"\s*(?:,(?!\d)|(?<!\d),)\s*"),
)


def event_pieces(sentence: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The part of ``sentence`` that belongs to each of its dated events (``spans``, in text
    order): cut between two events at the strongest split found between them, the last of its
    kind; two events with no split between them share their text.

    >>> s = "Dự án được duyệt năm 2021 và khởi công đầu tháng 2/2023."
    >>> [s[a:b] for a, b in event_pieces(s, [(17, 25), (39, 55)])]
    ['Dự án được duyệt năm 2021', 'khởi công đầu tháng 2/2023.']
    """
    if len(spans) < 2:
        return [(0, len(sentence))] * len(spans)
    cuts: list[tuple[int, int] | None] = []
    for (_, end1), (start2, _) in pairwise(spans):
        gap = sentence[end1:start2]
        cut = None
        for pattern in _EVENT_SPLITS:
            found = list(pattern.finditer(gap))
            if found:
                cut = (end1 + found[-1].start(), end1 + found[-1].end())
                break
        cuts.append(cut)
    # Events with no split between them form one group and share its text.
    pieces: list[tuple[int, int]] = []
    start, group = 0, 0
    for cut in [*cuts, (len(sentence), len(sentence))]:
        group += 1
        if cut is not None:
            pieces.extend([(start, cut[0])] * group)
            start, group = cut[1], 0
    return pieces
