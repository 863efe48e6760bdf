"""Text normalisation: NFC, one tone-mark placement, no invisible characters, folded spaces.

Vietnamese text arrives decomposed (``hoà`` as ``o`` + U+0300 + ``a``), with tone marks placed
by either of two conventions on ``oa``/``oe``/``uy`` (``hòa``/``hoà``, ``thủy``/``thuỷ``), and
with zero-width or control characters left by editors. Two spellings of one word must compare
equal, so every stage sees text through :func:`normalize_text`. Quotes and dashes are kept.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
# Combining marks that legacy input uses for the same tones.
LEGACY_TONES = {"\u0340": "\u0300", "\u0341": "\u0301", "\u0342": "\u0303"}
VOWELS = set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")
HATTED = set("ăâêôơưĂÂÊÔƠƯ")
# Pairs whose tone placement differs between the "old" and the "new" convention.
STYLE_PAIRS = {"oa", "oe", "uy"}

_INVISIBLE = re.compile("[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# What _SPACES would change: a space other than " ", or two in a row. Most lines have neither,
# and folding them anyway rebuilds the line around every single space.
_FOLDABLE = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]|  ")
_WORD = re.compile(r"[^\W\d_]+")


def _strip_tone(word: str) -> tuple[str, str | None]:
    """The word without its tone mark, and the mark (None if it has none or several)."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in TONES]
    if len(tones) != 1:
        return word, None
    bare = "".join(c for c in decomposed if c not in TONES)
    return unicodedata.normalize("NFC", bare), tones[0]


def _nucleus(bare: str) -> tuple[int, int] | None:
    """Start and end of the vowel cluster that carries the tone, skipping the u of qu, i of gi."""
    n = len(bare)
    i = 0
    while i < n and bare[i] not in VOWELS:
        i += 1
    if i == n:
        return None
    j = i
    while j < n and bare[j] in VOWELS:
        j += 1
    if j < n and any(c in VOWELS for c in bare[j:]):
        return None  # vowels, consonant, vowels: not a single Vietnamese syllable
    low = bare.lower()
    if i > 0 and j - i > 1 and (
        (low[i - 1] == "q" and low[i] == "u") or (low[i - 1] == "g" and low[i] == "i")
    ):
        i += 1
    return i, j


def _tone_index(bare: str, style: str) -> int | None:
    span = _nucleus(bare)
    if span is None:
        return None
    i, j = span
    cluster = bare[i:j]
    has_coda = j < len(bare)
    hatted = [k for k, c in enumerate(cluster) if c in HATTED]
    if hatted:
        return i + hatted[-1]
    if len(cluster) == 1:
        return i
    if len(cluster) >= 3:
        return i + 1
    if cluster.lower() in STYLE_PAIRS:
        return i + 1 if (has_coda or style == "new") else i
    return i + 1 if has_coda else i


@lru_cache(maxsize=65536)
def place_tone(word: str, style: str = "old") -> str:
    """One word with its tone mark where ``style`` puts it.

    >>> place_tone("hoà", "old"), place_tone("thủy", "new")
    ('hòa', 'thuỷ')
    """
    bare, tone = _strip_tone(word)
    if tone is None:
        return word
    k = _tone_index(bare, style)
    if k is None:
        return word
    marked = bare[:k] + unicodedata.normalize("NFC", bare[k] + tone) + bare[k + 1 :]
    return unicodedata.normalize("NFC", marked)


def normalize_tones(text: str, style: str = "old") -> str:
    """Every word of ``text`` with its tone mark placed by ``style`` ("old" or "new")."""
    # Most lines have no word to move: each distinct word is looked at once, and the line is
    # rewritten (a Python call per word) only when one of them changes.
    moved = {w: placed for w in set(_WORD.findall(text)) if (placed := place_tone(w, style)) != w}
    if not moved:
        return text
    return _WORD.sub(lambda m: moved.get(m.group(0), m.group(0)), text)


def normalize_line(text: str, style: str = "old") -> str:
    """One line: NFC, legacy marks mapped, invisible and control characters out, spaces folded."""
    for legacy, tone in LEGACY_TONES.items():
        text = text.replace(legacy, tone)
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    if _FOLDABLE.search(text):
        text = _SPACES.sub(" ", text)
    text = text.strip()
    return normalize_tones(text, style)


def normalize_text(text: str, style: str = "old") -> str:
    """A whole text: line ends unified to ``\\n``, each line normalised, line structure kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(normalize_line(line, style) for line in text.split("\n"))
