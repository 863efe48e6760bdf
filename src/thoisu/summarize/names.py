"""A person is named in full before a short form: "Vladimir Putin" before "ông Putin".

The summary's sentences come from several articles and in a new order, so a sentence that said
"ông Putin" after its own article had named him may now come first. The sentences are quoted
word for word, so the order gives way: when a sentence uses a short form (the last word of a
name, after a title such as "ông", "Tổng thống") and a later summary sentence holds the full
name, that later sentence moves up to just before it. The first sentence (the story's latest
development) stays first; a short form there is left as it is.

>>> full_first(["Chiều 7/12, Nga tuyên bố hoàn thành chiến dịch.",
...             "Ông Putin nói chiến dịch đã kết thúc.",
...             "Tổng thống Nga Vladimir Putin tới Syria."])
[0, 2, 1]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_TOKEN = re.compile(r"[^\W\d_][\w'-]*|\S")
_TITLES = ("ông", "bà", "anh", "chị", "tổng thống", "thủ tướng", "chủ tịch", "bộ trưởng",
           "ngoại trưởng", "đại tướng", "trung tướng", "thiếu tướng", "đại tá", "tướng",
           "giáo sư", "tiến sĩ", "hlv", "tiền đạo", "thủ môn", "ca sĩ", "thứ trưởng",
           "phó thủ tướng", "tổng bí thư", "người phát ngôn")


def _capital(word: str) -> bool:
    return word[:1].isupper() and word[:1].isalpha()


def _runs(text: str) -> list[tuple[int, list[re.Match[str]]]]:
    """Runs of consecutive capitalised words (start index in the token list, tokens)."""
    tokens = list(_TOKEN.finditer(text))
    out: list[tuple[int, list[re.Match[str]]]] = []
    run: list[re.Match[str]] = []
    for k, t in enumerate(tokens):
        if _capital(t.group(0)):
            run.append(t)
            continue
        if run:
            out.append((k - len(run), run))
        run = []
    if run:
        out.append((len(tokens) - len(run), run))
    return out


_TITLE_WORDS = frozenset({"ông", "bà", "anh", "chị", "cô", "ngài", "tướng", "hlv", "em"})
# Vietnamese family names: a name starting with one is three words ("Nguyễn Xuân Phúc").
_FAMILY = frozenset("""nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý
đinh trương mai lương tô hà đào cao lâm trịnh đoàn thái văn chu la tạ""".split())


def _name(words: list[str]) -> str | None:
    if len(words) >= 3 and words[-3].lower() in _FAMILY:
        return " ".join(words[-3:])
    if words[-2].lower() in _TITLE_WORDS:
        return None  # "Ông Putin" is itself a short form
    # Otherwise the last two ("Tổng thống Nga Vladimir Putin" → "Vladimir Putin").
    return " ".join(words[-2:])


def full_names(texts: Iterable[str]) -> dict[str, set[str]]:
    """Last word of each capitalised multi-word name in ``texts`` → the full forms seen."""
    out: dict[str, set[str]] = {}
    for text in texts:
        for _, run in _runs(text):
            words = [t.group(0) for t in run]
            name = _name(words) if len(words) >= 2 else None
            if name is not None:
                out.setdefault(words[-1], set()).add(name)
    return out


def _short_forms(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of each lone capitalised word right after a title word."""
    out = []
    low = text.lower()
    for _, run in _runs(text):
        if len(run) == 2 and run[0].group(0).lower() in _TITLE_WORDS:
            run = run[1:]  # "Ông Putin" opening a sentence
        if len(run) != 1:
            continue
        t = run[0]
        before = low[:t.start()].rstrip()
        if any(before.endswith(title) and (len(before) == len(title)
                                           or not before[-len(title) - 1].isalpha())
               for title in _TITLES):
            out.append((t.start(), t.end(), t.group(0)))
    return out


def full_first(summary: Sequence[str]) -> list[int]:
    """Positions of ``summary`` in an order where each name is given in full first."""
    order = list(range(len(summary)))
    shorts = [{w for _, _, w in _short_forms(t)} for t in summary]
    fulls = [full_names([t]) for t in summary]
    k = 1
    while k < len(order):
        pos = order[k]
        for word in sorted(shorts[pos]):
            if word in fulls[pos] or any(word in fulls[order[j]] for j in range(k)):
                continue
            later = next((j for j in range(k + 1, len(order)) if word in fulls[order[j]]),
                         None)
            if later is not None:
                order.insert(k, order.pop(later))
                break
        else:
            k += 1
            continue
        # The moved sentence now sits at k; check it in turn (bounded: each move is forward).
        k += 1
    return order
