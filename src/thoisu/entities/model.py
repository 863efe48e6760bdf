"""The names model: a CRF over syllable tokens, trained on real news labelled by the rules.

The packaged weights (``names.crfsuite``, written by ``benchmarks/train_names.py`` with a fixed
seed) load once per process on first use; nothing is downloaded. :meth:`NameModel.spans` gives
each name the model finds with the probability the CRF gives its whole span, so that the
caller keeps only confident ones (see :mod:`thoisu.entities.canonical`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thoisu.entities.features import SentenceFeatures
from thoisu.entities.gazetteer import Gazetteer, Token, tokenize

DEFAULT_MODEL = Path(__file__).with_name("names.crfsuite")


@dataclass(frozen=True)
class Span:
    """A name the model found: character offsets in the sentence, type, probability."""

    start: int
    end: int
    type: str
    probability: float


class NameModel:
    """The packaged CRF, opened on first use."""

    def __init__(self, path: Path = DEFAULT_MODEL) -> None:
        self.path = path
        self._tagger: Any = None

    def _open(self) -> Any:
        if self._tagger is None:
            if not self.path.is_file():
                raise FileNotFoundError(
                    f"{self.path}: the names model is missing; run benchmarks/train_names.py "
                    "to write it, or turn the model off (use_model=False)")
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            tagger.open(str(self.path))
            self._tagger = tagger
        return self._tagger

    def spans(self, sentence: str, gaz: Gazetteer | None = None,
              toks: list[Token] | None = None, around: list[int] | None = None) -> list[Span]:
        """The names of ``sentence`` by the model, each with its span's probability.

        ``around``: token positions worth reading; the model then tags only windows of
        ``WINDOW`` tokens either side of them (features still see the whole sentence), which
        is what keeps it within the names stage's time.
        """
        toks = toks if toks is not None else tokenize(sentence)
        if not toks:
            return []
        tagger = self._open()
        words = [t.text for t in toks]
        features = SentenceFeatures(words, gaz)  # read once for all the windows
        out: list[Span] = []
        for window in _windows(len(words), around):
            labels = tagger.tag(features.at(window))
            k = 0
            while k < len(labels):
                if labels[k] == "O":
                    k += 1
                    continue
                type_ = labels[k][2:]
                end = k + 1
                while end < len(labels) and labels[end] == "I-" + type_:
                    end += 1
                # The span's probability: the least sure of its tokens' labels.
                probability = min(tagger.marginal(labels[j], j) for j in range(k, end))
                out.append(Span(toks[window.start + k].start, toks[window.start + end - 1].end,
                                type_, probability))
                k = end
        return out

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path, "_tagger": None}  # an open tagger does not pickle


WINDOW = 3


def _windows(n: int, around: list[int] | None) -> list[range]:
    """Token ranges to tag: the whole sentence, or merged windows around ``around``."""
    if around is None:
        return [range(n)]
    out: list[range] = []
    for k in sorted(around):
        lo, hi = max(0, k - WINDOW), min(n, k + WINDOW + 1)
        if out and lo <= out[-1].stop:
            out[-1] = range(out[-1].start, max(hi, out[-1].stop))
        else:
            out.append(range(lo, hi))
    return out


_models: dict[Path, NameModel] = {}


def get_model(path: Path = DEFAULT_MODEL) -> NameModel:
    """The process's model for ``path`` (opened on the first call to ``spans``)."""
    if path not in _models:
        _models[path] = NameModel(path)
    return _models[path]
