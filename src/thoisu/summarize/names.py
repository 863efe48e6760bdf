"""A person is named in full before a short form: "Vladimir Putin" before "ông Putin".

The summary's sentences come from several articles and in a new order, so a sentence that said
"ông Putin" after its own article had named him may now come first. When a summary sentence
uses a short form (the last word of a name, after a title such as "ông", "Tổng thống") before
any sentence of the summary names that person in full, the short form is written out in full,
provided the group's articles give exactly one full name ending that way (two "Kim" of
different full names: left as it is).

>>> expand_short_names(["Ông Putin nói chiến dịch đã kết thúc.",
...                     "Tổng thống Nga Vladimir Putin tới Syria."],
...                    ["Tổng thống Nga Vladimir Putin tới Syria.", "Ông Putin nói thêm."])
['Ông Vladimir Putin nói chiến dịch đã kết thúc.', 'Tổng thống Nga Vladimir Putin tới Syria.']
>>> expand_short_names(["Thủ tướng Phúc chủ trì phiên họp."],
...                    ["Thủ tướng Nguyễn Xuân Phúc chủ trì phiên họp sáng nay."])
['Thủ tướng Nguyễn Xuân Phúc chủ trì phiên họp.']
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


def expand_short_names(summary: Sequence[str], sources: Iterable[str]) -> list[str]:
    """``summary`` with each short form met before its full name written out in full."""
    shorts = [_short_forms(text) for text in summary]
    wanted = {word for found in shorts for _, _, word in found}
    if not wanted:
        return list(summary)
    # Only the source sentences that mention a short form are read for full names.
    names = full_names(t for t in sources if any(w in t for w in wanted))
    seen: set[str] = set()
    out = []
    for text, found in zip(summary, shorts, strict=True):
        new = text
        for start, end, short in reversed(found):
            forms = names.get(short, set())
            if len(forms) != 1 or short in seen:
                continue
            full = next(iter(forms))
            if full in text:
                continue
            new = new[:start] + full + new[end:]
        out.append(new)
        for _, run in _runs(new):
            if len(run) >= 2:
                seen.add(run[-1].group(0))
    return out
