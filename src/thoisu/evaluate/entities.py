"""Scoring names against hand-labelled sentences: thoisu, underthesea's CRF, and both together.

A labelled file has one sentence a line: ``sentence<TAB>name=TYPE|name=TYPE...`` (``#`` comments
and blank lines skipped; an empty label column means the sentence names nothing). A name counts
once per sentence. Spans are compared after dropping leading lower-case words on both sides
(``tỉnh Quảng Nam`` = ``Quảng Nam``, ``đội Thể Công`` = ``Thể Công``): a lower-case head noun
is written both ways in news and in labelled corpora.

>>> key("tỉnh Quảng Nam"), key("đội tuyển Việt Nam"), key("Bộ Y tế")
('Quảng Nam', 'Việt Nam', 'Bộ Y tế')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thoisu.entities.crf import get_crf
from thoisu.entities.gazetteer import tokenize
from thoisu.entities.ner import find_mentions
from thoisu.evaluate.tsv import tsv_rows

TYPES = ("PER", "LOC", "ORG")
Names = set[tuple[str, str]]
Labelled = tuple[str, Names]


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


@dataclass
class Scores:
    """Micro-averaged counts over all types, and counts per type."""

    micro: PRF = field(default_factory=PRF)
    by_type: dict[str, PRF] = field(default_factory=lambda: {t: PRF() for t in TYPES})
    misses: list[tuple[str, Names, Names]] = field(default_factory=list)  # sentence, fn, fp


def key(name: str) -> str:
    """A name without its leading lower-case words: what two labellings agree on."""
    toks = tokenize(name)
    k = 0
    while k < len(toks) - 1 and toks[k].text.islower():
        k += 1
    return name[toks[k].start:].strip() if toks else name.strip()


def read_labelled(path: Path) -> list[Labelled]:
    """The labelled sentences of ``path`` (``ValueError`` naming the file and line if a label
    is not ``name=PER|LOC|ORG``)."""
    out: list[Labelled] = []
    for number, (sentence, labels) in tsv_rows(path, ("sentence", "name=TYPE|name=TYPE...")):
        gold: Names = set()
        for item in labels.split("|"):
            if not item.strip():
                continue
            name, _, type_ = item.rpartition("=")
            if type_ not in TYPES or not name:
                raise ValueError(f"{path}:{number}: label {item!r} is not name=PER|LOC|ORG")
            gold.add((name, type_))
        out.append((sentence, gold))
    return out


def read_jsonl(path: Path, data: Path,
               by: Callable[[dict[str, Any]], str] = lambda item: str(item.get("section", "all")),
               ) -> dict[str, list[Labelled]]:
    """The real sentences of a JSON-lines gold file, by section (or by ``by`` of each line):
    each line locates a sentence in ``data`` (``file``, 1-based ``line``, ``start``/``end`` in
    the line, text read as UTF-8 and NFC) and lists its names as offsets in that sentence
    (``tests/fixtures/entities/real_blind/README.md``). A locator that does not fit its file
    stops with the line number."""
    import json
    import unicodedata

    out: dict[str, list[Labelled]] = {}
    cache: dict[str, list[str]] = {}
    for number, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not row.strip():
            continue
        item = json.loads(row)
        name = item["file"]
        if name not in cache:
            source = data / name
            if not source.is_file():
                raise ValueError(f"{path}:{number}: {source} is missing; the shared data must "
                                 "sit beside the checkout")
            text = unicodedata.normalize("NFC", source.read_text(encoding="utf-8"))
            cache[name] = text.splitlines()
        lines = cache[name]
        if not 1 <= item["line"] <= len(lines):
            raise ValueError(f"{path}:{number}: {name} has no line {item['line']}")
        sentence = lines[item["line"] - 1][item["start"]:item["end"]]
        gold: Names = set()
        for e in item["entities"]:
            if sentence[e["start"]:e["end"]] != e["text"] or e["type"] not in TYPES:
                raise ValueError(f"{path}:{number}: entity {e} does not match its sentence")
            gold.add((e["text"], e["type"]))
        out.setdefault(by(item), []).append((sentence, gold))
    return out


def read_dir(folder: Path) -> list[Labelled]:
    """Every ``*.tsv`` of ``folder``, in name order."""
    return [row for path in sorted(folder.glob("*.tsv")) for row in read_labelled(path)]


def _keyed(names: Iterable[tuple[str, str]]) -> Names:
    return {(key(n), t) for n, t in names if t in TYPES}


def score(data: Iterable[Labelled], tagger: Callable[[str], Names]) -> Scores:
    scores = Scores()
    for sentence, gold_names in data:
        gold, found = _keyed(gold_names), _keyed(tagger(sentence))
        for type_ in TYPES:
            g = {n for n in gold if n[1] == type_}
            f = {n for n in found if n[1] == type_}
            prf = scores.by_type[type_]
            prf.tp += len(f & g)
            prf.fp += len(f - g)
            prf.fn += len(g - f)
        scores.micro.tp += len(found & gold)
        scores.micro.fp += len(found - gold)
        scores.micro.fn += len(gold - found)
        if found != gold:
            scores.misses.append((sentence, gold - found, found - gold))
    return scores


def rules(sentence: str) -> Names:
    """The rules and gazetteer alone, as one sentence allows (unresolved names dropped)."""
    return {(m.text, m.type) for m in find_mentions(sentence) if m.type is not None}


def crf(sentence: str) -> Names:
    """underthesea's packaged CRF NER as it comes."""
    return {(sentence[a:b], t) for a, b, t in get_crf().spans(sentence)}


def resolved(sentence: str, use_crf: bool = False, use_model: bool = True) -> Names:
    """thoisu's whole article path on a one-sentence article (what the names stage does:
    rules, gazetteer and the names model)."""
    from thoisu.entities.canonical import article_mentions
    from thoisu.model import Article, Origin

    article = Article(id="s", origin=Origin("s"), paragraphs=[sentence])
    return {(m.text, m.type) for m in article_mentions(article, use_crf=use_crf,
                                                       use_model=use_model)
            if m.type is not None}


def rules_alone(sentence: str) -> Names:
    """The article path with the rules and gazetteer only (the names stage before the model)."""
    return resolved(sentence, use_model=False)


def with_crf(sentence: str) -> Names:
    """thoisu with the CRF asked only about the names the rules leave open (``ner_crf``)."""
    return resolved(sentence, use_crf=True)
