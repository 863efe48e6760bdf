"""Precision and recall of names against hand-labelled sentences, for the rules and the CRF.

A predicted name counts when its text and type equal a labelled one in the same sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from thoisu.entities.crf import get_crf
from thoisu.entities.ner import find_mentions
from thoisu.evaluate.tsv import tsv_rows

Labelled = tuple[str, set[tuple[str, str]]]


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_labelled(path: Path) -> list[Labelled]:
    """``sentence<TAB>name=TYPE|name=TYPE...`` rows (``#`` comments and blank lines skipped)."""
    out = []
    for _number, (sentence, labels) in tsv_rows(path, ("sentence", "name=TYPE|name=TYPE...")):
        gold = {tuple(item.rsplit("=", 1)) for item in labels.split("|") if item}
        out.append((sentence, {(n, t) for n, t in gold}))
    return out


def rules(sentence: str) -> set[tuple[str, str]]:
    """The rules and gazetteer alone (unresolved names dropped, as one sentence allows)."""
    return {(m.text, m.type) for m in find_mentions(sentence) if m.type is not None}


def crf(sentence: str) -> set[tuple[str, str]]:
    """underthesea's packaged CRF NER as it comes."""
    return {(sentence[a:b], t) for a, b, t in get_crf().spans(sentence)}


def score(data: Iterable[Labelled], tagger: Callable[[str], set[tuple[str, str]]]) -> PRF:
    prf = PRF()
    for sentence, gold in data:
        found = tagger(sentence)
        prf.tp += len(found & gold)
        prf.fp += len(found - gold)
        prf.fn += len(gold - found)
    return prf


def resolved(sentence: str, use_crf: bool = False) -> set[tuple[str, str]]:
    """The whole article path on a one-sentence article (unresolved names resolved or dropped)."""
    from thoisu.entities.canonical import article_mentions
    from thoisu.model import Article, Origin

    article = Article(id="s", origin=Origin("s"), paragraphs=[sentence])
    return {(m.text, m.type) for m in article_mentions(article, use_crf=use_crf)
            if m.type is not None}
