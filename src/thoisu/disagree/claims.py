"""One outlet has someone confirm what another outlet has the same someone deny.

>>> confirm = "Bộ Y tế xác nhận bệnh viện tỉnh đã tiếp nhận hai bệnh nhân ngộ độc."
>>> deny = "Bộ Y tế bác bỏ thông tin bệnh viện tỉnh đã tiếp nhận hai bệnh nhân ngộ độc."
>>> stance(confirm, 0), stance(deny, 0)
(('xác nhận', 8, 16), ('bác bỏ', 8, 14))

The evidence must be clear: the same speaker (a name the analysis found before the verb, in
both sentences), one sentence confirming ("xác nhận", "khẳng định", "thừa nhận") and the other
denying ("bác bỏ", "phủ nhận", "không xác nhận"), what follows the verbs sharing most of its
words, and no negation inside what is confirmed (a confirmed "không…" is itself a denial).
"Chưa xác nhận" and "từ chối xác nhận" are neither.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from thoisu.disagree.same import outlet_pairs
from thoisu.disagree.words import content_of, overlap
from thoisu.model import Article

CONFIRM = ("xác nhận", "khẳng định", "thừa nhận", "công nhận")
DENY = ("bác bỏ", "phủ nhận", "bác tin", "phủ định")
_VERB = re.compile(r"(?<!\w)(" + "|".join(CONFIRM + DENY) + r")(?!\w)", re.IGNORECASE)
_NEITHER = ("chưa", "từ chối", "không thể", "chưa thể", "không muốn")
_NEGATION = re.compile(r"(?<!\w)(không|chưa|chẳng|chả)(?!\w)", re.IGNORECASE)
MIN_OBJECT_OVERLAP = 0.6
MIN_SHARED = 4


def stance(text: str, _sentence: int) -> tuple[str, int, int] | None:
    """The first confirming or denying verb of ``text`` with its span; "không xác nhận" is a
    denial; None when there is none or the verb is hedged ("chưa xác nhận")."""
    m = _VERB.search(text)
    if m is None:
        return None
    before = text[:m.start()].lower().rstrip()
    if any(before.endswith(w) for w in _NEITHER):
        return None
    verb = m.group(1).lower()
    if verb in CONFIRM and before.endswith("không"):
        return "không " + verb, m.start() - len("không "), m.end()
    return verb, m.start(), m.end()


@dataclass
class Stance:
    article: str
    outlet: str
    sentence: int
    text: str
    speaker: str
    verb: str
    denies: bool
    words: frozenset[str]


@dataclass
class ClaimPair:
    a: Stance
    b: Stance
    score: float
    reason: str


def article_stances(article: Article, outlet: str) -> list[Stance]:
    """The article's sentences where a named speaker confirms or denies something."""
    speakers: dict[int, list[tuple[int, str]]] = {}
    for m in article.mentions:
        if m.sentence is not None and m.type in ("PER", "ORG", "LOC"):
            speakers.setdefault(m.sentence, []).append((m.start, m.name))
    out: list[Stance] = []
    for k, sentence in enumerate(article.sentences):
        found = stance(sentence.text, k)
        if found is None or k not in speakers:
            continue
        verb, start, end = found
        before = [name for pos, name in speakers[k] if pos < start]
        if not before:
            continue
        rest = sentence.text[end:]
        denies = verb in DENY or verb.startswith("không ")
        if not denies and _NEGATION.search(rest):
            continue  # a confirmed negation is a denial in other words: not clear
        out.append(Stance(article.id, outlet, k, sentence.text, before[-1], verb, denies,
                          content_of(rest)))
    return out


def claim_pairs(stances: dict[str, list[Stance]], outlets: dict[str, str],
                skip: set[frozenset[str]]) -> list[ClaimPair]:
    """Confirmation against denial by the same speaker across outlets."""
    out: list[ClaimPair] = []
    for x, y in outlet_pairs(stances, outlets, skip):
        out.extend(_between(stances[x], stances[y]))
    return out


def _between(left: Sequence[Stance], right: Sequence[Stance]) -> list[ClaimPair]:
    out: list[ClaimPair] = []
    for a in left:
        for b in right:
            if a.speaker != b.speaker or a.denies == b.denies:
                continue
            shared = a.words & b.words
            score = overlap(a.words, b.words)
            if len(shared) < MIN_SHARED or score < MIN_OBJECT_OVERLAP:
                continue
            reason = (f"cùng người nói «{a.speaker}», một bên «{a.verb}», một bên «{b.verb}» "
                      f"cùng điều (trùng {score:.0%} từ)")
            out.append(ClaimPair(a, b, score, reason))
    return out
