"""Features of each syllable token for the names model (:mod:`thoisu.entities.model`).

A token is described by what it looks like (capitalisation, Vietnamese syllable or not, digits,
its mark), by the words around it (two either side, and the bigrams they make), by the cue
lists the rules use (a title, a head noun, a place noun or a locative preposition right before
it, a speech verb right after it) and by the gazetteer (known names, with their type).

A token's own *identity* (its lower-cased text, family or given name, gazetteer entry) can be
hidden: the training hides it for part of the names so that the model learns the contexts
that carry a name ("X đã …", "cho X", "X, Y và Z"), not the names themselves. A hidden token
looks exactly like a word the model never saw, which is what a new name is at run time.

>>> words = ["Năm", "ngoái", ",", "Bảy", "đã", "về", "quê"]
>>> feats = token_features(words)
>>> "w=bảy" in feats[3], "s=Xx" in feats[3], "w-1=," in feats[3], "w+1=đã" in feats[3]
(True, True, True, True)
>>> "w=bảy" in token_features(words, hidden={3})[3]
False
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import lru_cache

from thoisu.entities.cues import (
    GIVEN_NAMES,
    ORG_HEADS,
    ORG_NOUNS,
    PERSON_TITLES,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    SPEECH_VERBS,
    SURNAMES,
    TEAM_NOUNS,
)
from thoisu.entities.gazetteer import Gazetteer, default_gazetteer

# One Vietnamese syllable (the same pattern as the rules'): "trung", "nguyễn"; not "ecuador".
_SYLLABLE = re.compile(r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
                       r"[aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụ"
                       r"ừứửữựỳýỷỹỵ]{1,3}(?:ng|nh|ch|[cmnpt])?$")
_OPENING = frozenset('"“‘«([:–-.!?;…')

# Cue phrases (one or two words, lower-cased) and the feature each one gives the next token.
_BEFORE: dict[tuple[str, ...], str] = {}
for _cue, _name in ((PLACE_NOUNS, "placenoun"), (PLACE_PREPOSITIONS, "locprep"),
                    (ORG_NOUNS, "orgnoun"), (TEAM_NOUNS, "team"), (ORG_HEADS, "head"),
                    (PERSON_TITLES, "title")):
    for _phrase in _cue:
        _key = tuple(_phrase.lower().split())
        if len(_key) <= 3:
            _BEFORE.setdefault(_key, _name)
_AFTER: dict[tuple[str, ...], str] = {tuple(v.lower().split()): "speech" for v in SPEECH_VERBS
                                      if len(v.split()) <= 3}
_SURNAMES = frozenset(SURNAMES)
_GIVEN = frozenset(GIVEN_NAMES)


@lru_cache(maxsize=100_000)
def _shape(word: str) -> str:
    """``Xx`` (capitalised), ``x``, ``X`` (one capital), ``XX`` (acronym), ``d`` (digits),
    ``Xd`` (letters and digits: ``U23``), or the mark itself (``,``)."""
    if not word[0].isalnum():
        return word
    if word.isdigit():
        return "d"
    if any(c.isdigit() for c in word):
        return "Xd"
    if word.islower():
        return "x"
    if word.isupper():
        return "X" if len(word) == 1 else "XX"
    return "Xx" if word[0].isupper() and word[1:].islower() else "xX"


@lru_cache(maxsize=100_000)
def _own(word: str) -> tuple[str, ...]:
    """Features of the word itself that do not name it (shape, kind of syllable)."""
    low = word.lower()
    out = ["s=" + _shape(word)]
    if word[0].isalpha():
        out.append("vi" if _SYLLABLE.match(low) else "foreign")
        if not word.isascii():
            out.append("accent")
    return tuple(out)


@lru_cache(maxsize=100_000)
def _identity(word: str) -> tuple[str, ...]:
    """Features that name the word: what the training hides for part of the names."""
    out = ["w=" + word.lower()]
    if word in _SURNAMES:
        out.append("surname")
    if word in _GIVEN:
        out.append("given")
    return tuple(out)


def _gazetteer_tags(words: Sequence[str], gaz: Gazetteer) -> list[str]:
    """``B-LOC``/``I-LOC``... for the tokens inside known names (longest first), else ``""``."""
    tags = [""] * len(words)
    i, n = 0, len(words)
    while i < n:
        if words[i] in gaz.lengths and words[i][0].isalnum():
            found = gaz.match_at(words, i)
            if found:
                length, entry = found
                tags[i] = "B-" + entry.type
                for k in range(i + 1, i + length):
                    tags[k] = "I-" + entry.type
                i += length
                continue
        i += 1
    return tags


def _cues(low: Sequence[str], table: dict[tuple[str, ...], str], firsts: frozenset[str],
          ) -> dict[int, str]:
    """Where each cue phrase of ``table`` starts and ends: {first position: name} spans as
    (start, end) pairs under their names; most tokens start none (one set look-up)."""
    found: dict[int, str] = {}
    n = len(low)
    for i, w in enumerate(low):
        if w not in firsts:
            continue
        for length in (3, 2, 1):
            if i + length <= n:
                name = table.get(tuple(low[i:i + length]))
                if name:
                    found[i * 4 + length] = name
                    break
    return found


_BEFORE_FIRSTS = frozenset(k[0] for k in _BEFORE)
_AFTER_FIRSTS = frozenset(k[0] for k in _AFTER)


def token_features(words: Sequence[str], gaz: Gazetteer | None = None,
                   hidden: Collection[int] = (), positions: range | None = None,
                   ) -> list[list[str]]:
    """The feature strings of each token of one sentence (``hidden``: positions whose identity
    is withheld, here and in their neighbours' features; ``positions``: only these tokens,
    their neighbours still read from the whole sentence)."""
    return SentenceFeatures(words, gaz, hidden).at(positions)


class SentenceFeatures:
    """What :func:`token_features` reads from the whole sentence, computed once: the names
    model tags several windows of one sentence, and each reads the same words, gazetteer tags
    and cues."""

    def __init__(self, words: Sequence[str], gaz: Gazetteer | None = None,
                 hidden: Collection[int] = ()) -> None:
        gaz = gaz or default_gazetteer()
        self.words = words
        self.n = n = len(words)
        low = [w.lower() for w in words]
        self.ident = [low[i] if i not in hidden else "" for i in range(n)] if hidden else low
        self.gaz_tags = _gazetteer_tags(words, gaz)
        self.shapes = [_shape(w) for w in words]
        before: dict[int, str] = {}  # token -> cue ending right before it
        for key, name in _cues(low, _BEFORE, _BEFORE_FIRSTS).items():
            before.setdefault(key // 4 + key % 4, name)
        self.before = before
        after: dict[int, str] = {}  # token -> cue starting right after it
        for key, name in _cues(low, _AFTER, _AFTER_FIRSTS).items():
            after.setdefault(key // 4 - 1, name)
        self.after = after

    def at(self, positions: range | None = None) -> list[list[str]]:
        """The features of the tokens at ``positions`` (all of them by default)."""
        words, n, ident, gaz_tags = self.words, self.n, self.ident, self.gaz_tags
        shapes, before, after = self.shapes, self.before, self.after
        out: list[list[str]] = []
        for i in positions if positions is not None else range(n):
            f = list(_self(words[i], bool(ident[i]), gaz_tags[i]))
            if i == 0:
                f.append("bos")
            elif words[i - 1] in _OPENING:
                f.append("opening")
            if i == n - 1:
                f.append("eos")
            for d in (-2, -1, 1, 2):
                k = i + d
                if 0 <= k < n:
                    f.extend(_neighbour(words[k], d, bool(ident[k]), gaz_tags[k]))
            if i >= 2:
                f.append("w-2:-1=" + (ident[i - 2] or "?") + " " + (ident[i - 1] or "?"))
            if i + 2 < n:
                f.append("w+1:+2=" + (ident[i + 1] or "?") + " " + (ident[i + 2] or "?"))
            f.append("s-1:+1=" + (shapes[i - 1] if i else "^") + " " + shapes[i] + " "
                     + (shapes[i + 1] if i + 1 < n else "$"))
            if i in before:
                f.append("cue<" + before[i])
            if i in after:
                f.append("cue>" + after[i])
            out.append(f)
        return out


@lru_cache(maxsize=200_000)
def _self(word: str, shown: bool, gaz_tag: str) -> tuple[str, ...]:
    """A token's own features (cached: news repeats its words)."""
    if not shown:
        return _own(word)
    return (*_own(word), *_identity(word), *(("g=" + gaz_tag,) if gaz_tag else ()))


@lru_cache(maxsize=400_000)
def _neighbour(word: str, d: int, shown: bool, gaz_tag: str) -> tuple[str, ...]:
    """What a token tells the token ``d`` positions away: its shape, its word, its type."""
    name = f"{d:+d}"
    out = ["s" + name + "=" + _shape(word)]
    if shown:
        out.append("w" + name + "=" + word.lower())
        if gaz_tag:
            out.append("g" + name + "=" + gaz_tag[2:])
    return tuple(out)
