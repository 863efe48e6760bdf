"""The gazetteer: names we know, with their type and canonical form.

``gazetteer.tsv`` (beside this module) holds one name a line: canonical name, type (PER, ORG,
LOC), kind (country, capital, ministry, armed, media...) and its variants separated by ``|``:
``Moskva  LOC  capital  Moskva|Moscow|Mát-xcơ-va``. A user may add a file of the same shape.

Matching is on syllable tokens (:func:`tokenize`): the first token must match exactly, the rest
ignoring case, so ``Bộ Quốc phòng`` also finds ``Bộ quốc phòng`` but ``Mỹ`` never finds ``mỹ``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from thoisu.clean.normalize import normalize_line

DEFAULT_PATH = Path(__file__).with_name("gazetteer.tsv")
TYPES = ("PER", "ORG", "LOC")

# Letters and digits in runs; "_" (as in "Theo_Người Đưa Tin") and other marks alone.
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]|_")


class Token(NamedTuple):
    """A syllable, number or mark with its character offsets (a tuple: made by the thousand)."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Syllables, numbers and single punctuation marks with their character offsets."""
    return list(_tokens(text))


def clear_token_cache() -> None:
    """Forget the sentences split so far (benchmarks time each system from a cold start)."""
    _tokens.cache_clear()


# The same tokens, each with the white space before it: every character that is not white
# space belongs to a token, so one findall gives the texts and the offsets follow from lengths
# (cheaper than a match object's start() and end() per token).
_SPACED_TOKEN = re.compile(r"(\s*)(" + _TOKEN.pattern + ")")


# The rules, the names model and each mention read a sentence one after the other, within its
# article: a few hundred recent texts hold every re-read. A larger cache keeps more tokens
# alive for longer, which the garbage collector then walks in each full collection (a Token is
# a tuple subclass, never untracked): 8192 texts cost a ViMs digest more collecting time
# (about 0.4 s per 1000 articles) than their extra hits saved.
@lru_cache(maxsize=256)
def _tokens(text: str) -> tuple[Token, ...]:
    # The rules, the names model and each mention read the same sentences: split them once.
    # tuple.__new__ directly: the named tuple's own constructor is a Python call per token.
    out = []
    end = 0
    # Trailing white space holds no token (and would be scanned again from each position).
    for space, word in _SPACED_TOKEN.findall(text.rstrip()):
        start = end + len(space)
        end = start + len(word)
        out.append(_new_tuple(Token, (word, start, end)))
    return tuple(out)


_new_tuple = tuple.__new__


@dataclass(frozen=True)
class Entry:
    """One known name: ``Entry("Moskva", "LOC", "capital")``."""

    canonical: str
    type: str
    kind: str


def key_of(words: Iterable[str]) -> tuple[str, ...]:
    """The lookup key of a token sequence: first token as written, the rest lower-cased."""
    words = list(words)
    return (words[0], *(w.lower() for w in words[1:])) if words else ()


@dataclass
class Gazetteer:
    """Names by token key, and the longest key length for bounded look-ups."""

    entries: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    longest: int = 1
    # Key lengths by first token, longest first: most tokens start no name and cost one lookup.
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def add(self, variant: str, entry: Entry) -> None:
        key = key_of(t.text for t in tokenize(normalize_line(variant)))
        if not key:
            return
        # The first file line that claims a variant keeps it; later ones are ignored.
        self.entries.setdefault(key, entry)
        self.longest = max(self.longest, len(key))
        known = set(self.lengths.get(key[0], ()))
        known.add(len(key))
        self.lengths[key[0]] = tuple(sorted(known, reverse=True))

    def match_at(self, words: Sequence[str], i: int) -> tuple[int, Entry] | None:
        """The longest known name starting at token ``i``: (its length, its entry)."""
        first = words[i]
        for n in self.lengths.get(first, ()):
            if i + n > len(words):
                continue
            key = (first, *map(str.lower, words[i + 1 : i + n]))
            entry = self.entries.get(key)
            if entry is not None:
                return n, entry
        return None

    def lookup(self, name: str) -> Entry | None:
        return self.entries.get(key_of(t.text for t in tokenize(normalize_line(name))))

    @classmethod
    def from_files(cls, paths: Iterable[Path]) -> Gazetteer:
        gaz = cls()
        for path in paths:
            gaz.extend(path.read_text(encoding="utf-8").splitlines(), str(path))
        return gaz

    def extend(self, lines: Iterable[str], where: str = "gazetteer") -> None:
        for number, line in enumerate(lines, 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 4 or parts[1] not in TYPES:
                raise ValueError(f"{where}:{number}: expected 'name<TAB>PER|ORG|LOC<TAB>kind"
                                 f"<TAB>variant|variant...', got {line!r}")
            canonical, type_, kind, variants = (p.strip() for p in parts)
            entry = Entry(normalize_line(canonical), type_, kind)
            for variant in [canonical, *variants.split("|")]:
                if variant.strip():
                    self.add(variant.strip(), entry)


@cache
def default_gazetteer() -> Gazetteer:
    """The packaged gazetteer, read once per process on first use."""
    return Gazetteer.from_files([DEFAULT_PATH])


@cache
def gazetteer_with(extra: str) -> Gazetteer:
    """The packaged gazetteer plus the user's file ``extra`` (the ``gazetteer_file`` setting),
    read once per process. A variant both claim keeps the packaged entry.

    Raises ``ValueError`` naming the file and line when a line is malformed, and
    ``FileNotFoundError`` when the file is missing: a setting that cannot be used stops the run.
    """
    if not extra:
        return default_gazetteer()
    path = Path(extra).expanduser()
    if not path.is_file():
        raise FileNotFoundError(f"{path}: gazetteer_file not found; fix or unset the setting")
    return Gazetteer.from_files([DEFAULT_PATH, path])
