"""Training the names model on silver labels: real articles labelled by the rules.

The rules and the gazetteer (:mod:`thoisu.entities.ner`, :mod:`thoisu.entities.canonical`)
label each sentence of real articles; those labels are *silver*: precise, not complete. A
sentence where the rules saw a capitalised run and could not type it is left out (its names
are unknown, and labelling them ``O`` would teach the model to miss them); a capitalised
syllable opening a sentence that the rules dropped ("Năm", "Theo") stays ``O``.

To make the model learn the contexts rather than the names, each name's identity (its words,
family or given name, gazetteer entry) is hidden with probability ``hide_names`` in the
features of that sentence, and so is a share ``hide_other`` of the other capitalised tokens,
so that an unseen word is not by itself a name. The random choices follow one seed.

The script that reads the corpora and writes the packaged model is
``benchmarks/train_names.py``.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from thoisu.entities.canonical import resolve
from thoisu.entities.features import token_features
from thoisu.entities.gazetteer import Gazetteer, default_gazetteer, tokenize
from thoisu.entities.ner import Mention, find_mentions


@dataclass
class Silver:
    """One sentence's tokens and its BIO labels from the rules (``B-PER``, ``I-PER``, ``O``)."""

    words: list[str]
    labels: list[str]
    group: str  # the cluster it comes from (held-out splits are by cluster)


def bio(text: str, spans: Iterable[tuple[int, int, str]]) -> tuple[list[str], list[str]]:
    """Tokens of ``text`` and their BIO labels for the character ``spans``.

    >>> bio("Ông Lê Văn Tám đến Huế.", [(4, 14, "PER"), (19, 22, "LOC")])[1]
    ['O', 'B-PER', 'I-PER', 'I-PER', 'O', 'B-LOC', 'O']
    """
    toks = tokenize(text)
    labels = ["O"] * len(toks)
    for start, end, type_ in spans:
        inside = [k for k, t in enumerate(toks) if t.start >= start and t.end <= end]
        for n, k in enumerate(inside):
            labels[k] = ("B-" if n == 0 else "I-") + type_
    return [t.text for t in toks], labels


def silver_article(texts: Sequence[str], group: str,
                   gaz: Gazetteer | None = None) -> list[Silver]:
    """The silver-labelled sentences of one article (its title and sentences, in order)."""
    gaz = gaz or default_gazetteer()
    pairs: list[tuple[str, Mention]] = []
    by_text: dict[int, list[Mention]] = {}
    for k, text in enumerate(texts):
        found = find_mentions(text, gaz, singles=True)
        by_text[k] = found
        pairs.extend((text, m) for m in found)
    kept = {id(m) for m in resolve(pairs)}
    out: list[Silver] = []
    for k, text in enumerate(texts):
        mentions = by_text[k]
        if any(id(m) not in kept and not (m.rule == "single" and _opens(text, m.start))
               for m in mentions):
            continue  # an untyped name: the sentence's labels would be wrong
        words, labels = bio(text, [(m.start, m.end, m.type or "") for m in mentions
                                   if id(m) in kept])
        if words:
            out.append(Silver(words, labels, group))
    return out


def _opens(text: str, start: int) -> bool:
    """The mention starts the sentence or follows an opening mark."""
    before = text[:start].rstrip()
    return not before or before[-1] in '"“‘«([:–-.!?;…'


def training_items(data: Sequence[Silver], seed: int = 0, hide_names: float = 0.5,
                   hide_other: float = 0.2, gaz: Gazetteer | None = None
                   ) -> Iterator[tuple[list[list[str]], list[str]]]:
    """(features, labels) of each sentence, with identities hidden as described above."""
    rng = random.Random(seed)
    gaz = gaz or default_gazetteer()
    for item in data:
        hidden: set[int] = set()
        k, n = 0, len(item.words)
        while k < n:
            label = item.labels[k]
            if label.startswith("B-"):
                end = k + 1
                while end < n and item.labels[end].startswith("I-"):
                    end += 1
                if rng.random() < hide_names:
                    hidden.update(range(k, end))
                k = end
                continue
            if item.words[k][:1].isupper() and rng.random() < hide_other:
                hidden.add(k)
            k += 1
        yield token_features(item.words, gaz, hidden), item.labels


def train(data: Sequence[Silver], path: Path, seed: int = 0, iterations: int = 60,
          c1: float = 0.2, c2: float = 0.01) -> None:
    """Train a CRF (L-BFGS, L1 + L2) on ``data`` and write it to ``path``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in training_items(data, seed=seed):
        trainer.append(xseq, yseq)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True, "feature.minfreq": 2})
    trainer.train(str(path))
