"""Syllable tokens (chữ): the unit Vietnamese length limits and ROUGE are counted in.

NFC, lowercase, every punctuation or symbol character becomes a space, then split on
whitespace. ``"TP.HCM, ngày 28/3."`` → ``["tp", "hcm", "ngày", "28", "3"]``.

A token is a run of letters, marks and numbers (Unicode categories L, M, N); everything else
(P, S, Z, C) separates. One regular expression finds the runs of letters and numbers; the
rare text that still holds a combining mark after NFC takes the per-character path, which
keeps the mark inside its token.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters and numbers (Python's \w without the underscore, a connector punctuation).
_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _marks() -> re.Pattern[str]:
    """Any combining mark (category M, which \\w leaves out): those of the Basic Multilingual
    Plane listed once per process (a scan of 65,536 characters, a few milliseconds), and the
    planes above it taken whole (rare in news; they only choose the exact path)."""
    ranges: list[str] = []
    start = None
    for cp in range(0x10001):
        mark = cp < 0x10000 and unicodedata.category(chr(cp))[0] == "M"
        if mark and start is None:
            start = cp
        elif not mark and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(cp - 1))}")
            start = None
    return re.compile("[" + "".join(ranges) + "\U00010000-\U0010ffff]")


@lru_cache(maxsize=1024)
def _is_separator(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in "PSZC"


def syllable_tokens(text: str) -> list[str]:
    """The syllable tokens of ``text`` under the ROUGE protocol.

    >>> syllable_tokens("TP.HCM, ngày 28/3.")
    ['tp', 'hcm', 'ngày', '28', '3']
    """
    text = unicodedata.normalize("NFC", text).lower()
    if _marks().search(text) is None:
        return _WORD.findall(text)
    return "".join(" " if _is_separator(ch) else ch for ch in text).split()


def count_syllables(text: str) -> int:
    return len(syllable_tokens(text))
