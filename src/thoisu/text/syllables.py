"""Syllable tokens (chữ): the unit Vietnamese length limits and ROUGE are counted in.

NFC, lowercase, every punctuation or symbol character becomes a space, then split on
whitespace. ``"TP.HCM, ngày 28/3."`` → ``["tp", "hcm", "ngày", "28", "3"]``.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=1024)
def _is_separator(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in "PSZC"


def syllable_tokens(text: str) -> list[str]:
    """The syllable tokens of ``text`` under the ROUGE protocol."""
    text = unicodedata.normalize("NFC", text).lower()
    return "".join(" " if _is_separator(ch) else ch for ch in text).split()


def count_syllables(text: str) -> int:
    return len(syllable_tokens(text))
