"""The rules and the names model together: rules where structure is certain, the model after.

For each sentence the rules run first (:func:`thoisu.entities.ner.find_mentions`). The model
(:mod:`thoisu.entities.model`) then

* *adds* a name where the rules saw none, when every word of its span is capitalised and the
  CRF's probability of the span reaches the threshold of its type (``THRESHOLDS``): "Năm 1971,
  Bảy đã …", "… nâng bóng cho McCabe";
* *suggests* a type for a capitalised run the rules left open; the article-level evidence of
  the rules (the same name typed elsewhere, a given name of a person named in full) comes first
  (see :func:`thoisu.entities.canonical.resolve`);
* never overrides a name the rules typed: on the blind sets the rules' types were more precise
  than the model's for every type (docs/entities.md, "Rules and model").

>>> from thoisu.entities.ner import find_mentions
>>> text = "Sau giờ nghỉ, Quang Hải chuyền bóng cho Okafor ghi bàn."
>>> [(m.text, m.type, m.guess) for m in find_mentions(text)]
[('Quang Hải', None, None), ('Okafor', None, None)]
>>> [(m.text, m.type, m.guess) for m in with_model(text, find_mentions(text, singles=True))]
[('Quang Hải', None, 'PER'), ('Okafor', None, 'PER')]
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from thoisu.entities.cues import (
    ENGLISH_WORDS,
    NAME_PARTICLES,
    NOT_NAMES,
    SENTENCE_WORDS,
    SURNAMES,
)
from thoisu.entities.gazetteer import Gazetteer, Token, tokenize
from thoisu.entities.model import Span, get_model
from thoisu.entities.ner import DOCUMENT_WORDS, Mention

# The lowest probability of a span the model may add or type, by type. Chosen by reading what
# the model adds on held-out ViMs / ktlab-dev clusters and on the invented blind sets
# (docs/entities.md, "Rules and model"): its places were mostly brands, events and works
# (about 1 in 6 right), so places stay the rules' and the gazetteer's alone.
THRESHOLDS = {"PER": 0.7, "ORG": 0.7}
# A single syllable is a name or a word ("Việt", "Lý", "Mai"), and a Vietnamese name without
# a family name may be a work or a shop ("Mười Kiều"): the model must be surer.
SINGLE_THRESHOLD = 0.85
VIETNAMESE_THRESHOLD = 0.9
_OPEN = '"“‘«([:–-.!?;…'
_QUOTES = '"“‘«\''
_SYLLABLE = re.compile(r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
                       r"[aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụ"
                       r"ừứửữựỳýỷỹỵ]{1,3}(?:ng|nh|ch|[cmnpt])?$")


def _words(text: str) -> list[str]:
    return [t.text for t in tokenize(text) if t.text[0].isalnum()]


def _capitalised(words: list[str]) -> bool:
    """Every word of the span starts with a capital (a particle such as ``al`` may not)."""
    return bool(words) and words[0][:1].isupper() and all(
        w[:1].isupper() or w.lower() in NAME_PARTICLES or w.isdigit() for w in words)


def _confident(span: Span, words: list[str]) -> bool:
    threshold = THRESHOLDS.get(span.type, 2.0)
    vietnamese = all(_SYLLABLE.match(w.lower()) for w in words)
    if len(words) == 1 and vietnamese:
        threshold = max(threshold, SINGLE_THRESHOLD) if span.type == "PER" else 2.0
    elif vietnamese and words[0] not in SURNAMES:
        threshold = max(threshold, VIETNAMESE_THRESHOLD)
    return span.probability >= threshold


def _glued(sentence: str, span: Span, m: Mention) -> bool:
    """The span touches a name the rules found, with only a space or a hyphen between them:
    it is part of that name, whose bounds the rules set (``FPT Software``, ``Becamex Bình
    Dương``)."""
    gap = sentence[m.end:span.start] if m.end <= span.start else sentence[span.end:m.start]
    return gap.strip(" -–") == "" and len(gap) <= 3


def _not_a_name(sentence: str, span: Span, words: list[str]) -> bool:
    """What the model should not add: words the rules know are not names; a common word
    opening the sentence; an acronym other than an organisation's (``CĐV``, ``DN``); a title
    in quotes (``“Captain America”``); a capitalised syllable that starts a compound word
    (``Khách sạn``, ``Hải quân``)."""
    if any(w in NOT_NAMES or w in ENGLISH_WORDS for w in words):
        return True
    before = sentence[:span.start].rstrip()
    if (not before or before[-1] in _OPEN) and (words[0] in SENTENCE_WORDS
                                                or words[0] in DOCUMENT_WORDS):
        return True
    if before and before[-1] in _QUOTES:
        return True
    if span.type == "PER" and _names_a_thing(sentence, span.start):
        return True
    if any(len(w) > 1 and w.isupper() for w in words) and not (
            span.type == "ORG" and len(words) == 1 and len(words[0]) >= 3 and words[0].isascii()):
        return True
    after = tokenize(sentence[span.end:span.end + 12])
    if after and after[0].start <= 1 and after[0].text.isalpha() and after[0].text.islower():
        return f"{words[-1].lower()} {after[0].text}" in vietnamese_words()
    return False


# Words after which a capitalised name is a thing's, not a person's: "máy bay mang tên X",
# "nhãn hiệu X"; and a sentence opening with "Theo X" cites a source, mostly an outlet.
_THING_CUES = ("mang tên", "tên gọi", "nhãn hiệu", "thương hiệu", "sản phẩm", "dòng xe",
               "hệ thống", "chiến dịch", "chương trình", "dự án")


def _names_a_thing(sentence: str, start: int) -> bool:
    before = sentence[:start].rstrip()
    low = before.lower()
    if low.endswith(_THING_CUES):
        return True
    if low in {"theo", "nguồn"} or low.endswith(tuple(f"{o}theo" for o in _OPEN)):
        return True
    last = before.rsplit(None, 1)[-1] if before else ""
    return any(c.isdigit() for c in last) and "-" in last  # "S-400 Triumf", "Su-35 Flanker"


@cache
def vietnamese_words() -> frozenset[str]:
    """underthesea's dictionary of Vietnamese words (72,000; read once, about a second)."""
    import joblib
    import underthesea.pipeline.word_tokenize as package

    found = sorted(Path(package.__file__).parent.glob("models/ws_crf_*/dictionary.bin"))
    return frozenset(joblib.load(found[-1])) if found else frozenset()


def _open_capitals(toks: list[Token], mentions: list[Mention]) -> list[int]:
    """Positions of the capitalised words the rules did not type, which the model might: most
    sentences have few or none, and the model reads only around them."""
    typed = [(m.start, m.end) for m in mentions if m.type is not None]
    words = vietnamese_words()
    out = []
    for k, t in enumerate(toks):
        w = t.text
        if not w[:1].isupper() or any(a <= t.start < b for a, b in typed):
            continue
        if w in SENTENCE_WORDS or w in NOT_NAMES or w in ENGLISH_WORDS:
            continue  # a common word; the model may not add it ("Theo", "Trong")
        if w.isupper() and (len(w) < 3 or not w.isascii()):
            continue  # "C", "ĐT", "SN": no organisation's acronym the model may add
        nxt = toks[k + 1].text if k + 1 < len(toks) else ""
        if nxt.islower() and f"{w.lower()} {nxt}" in words:
            continue  # "Chủ tịch", "Khu vực": a compound word, never the end of a name
        out.append(k)
    return out


def with_model(sentence: str, mentions: list[Mention],
               gaz: Gazetteer | None = None) -> list[Mention]:
    """``mentions`` (the rules', in order) with the model's additions and suggestions."""
    toks = tokenize(sentence)
    around = _open_capitals(toks, mentions)
    if not around:
        return mentions
    spans = []
    for span in get_model().spans(sentence, gaz, toks, around):
        words = _words(sentence[span.start:span.end])
        if (_capitalised(words) and _confident(span, words)
                and not _not_a_name(sentence, span, words)):
            spans.append(span)
    if not spans:
        return mentions
    out = list(mentions)
    for span in spans:
        overlapping = [m for m in mentions if m.start < span.end and span.start < m.end]
        if not overlapping:
            if any(m.type is not None and _glued(sentence, span, m) for m in mentions):
                continue
            out.append(Mention(sentence[span.start:span.end], span.start, span.end, span.type,
                               rule="model"))
        elif len(overlapping) == 1:
            # A run the rules left open takes the model's type only when the model read the
            # same run ("Ranger" alone says nothing of "Ford Ranger").
            m = overlapping[0]
            if (m.type is None and (m.start, m.end) == (span.start, span.end)
                    and not any(o.type is not None and _glued(sentence, span, o)
                                for o in mentions)):
                m.guess = span.type
    out.sort(key=lambda m: m.start)
    return out
