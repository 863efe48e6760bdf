"""Word segmentation behind a small interface, so another segmenter can be swapped in.

Vietnamese writes syllables apart, so words must be found: ``"Bộ Quốc phòng Nga"`` →
``["Bộ", "Quốc_phòng", "Nga"]``. The default is underthesea's packaged CRF model (offline);
``"syllable"`` treats each syllable as a word (no model, for speed or tests).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, Protocol

_TOKEN = re.compile(r"\w+(?:[.,/:-]\w+)*|[^\w\s]", re.UNICODE)


class Segmenter(Protocol):
    name: str

    def segment(self, text: str) -> list[str]:
        """Words of ``text``; syllables of a multi-syllable word are joined by ``_``."""
        ...


class SyllableSegmenter:
    """Every syllable (and every punctuation mark) is a word."""

    name = "syllable"

    def segment(self, text: str) -> list[str]:
        return _TOKEN.findall(text)


class UndertheseaSegmenter:
    """underthesea's CRF word segmenter (VLSP 2013 model), loaded on first use in each process.

    It runs underthesea's own tokenizer and CRF tagger; the features between them come from
    :mod:`thoisu.text.crf_features`, which builds the same strings faster. Text reaching it is
    already normalised, so underthesea's token normalisation is skipped.
    """

    name = "underthesea"

    def __init__(self) -> None:
        self._run: Callable[[str], list[str]] | None = None

    def _load(self) -> Callable[[str], list[str]]:
        from underthesea import word_tokenize

        try:
            model = _load_crf_model()
        except (ImportError, OSError, AttributeError):
            model = None
        if model is None:  # an underthesea we do not know: use its own entry point
            return lambda text: list(word_tokenize(text))
        from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize

        featurize, tagger = model

        def run(text: str) -> list[str]:
            tokens = tokenize(text, use_token_normalize=False)
            words: list[str] = []
            for tag, token in zip(tagger.tag(featurize(tokens)), tokens, strict=True):
                if tag == "I-W" and words:
                    words[-1] = f"{words[-1]} {token}"
                else:
                    words.append(token)
            return words

        return run

    def segment(self, text: str) -> list[str]:
        if not text.strip():
            return []
        if self._run is None:
            self._run = self._load()
        return [w.replace(" ", "_") for w in self._run(text)]

    def __getstate__(self) -> dict[str, object]:
        # A loaded CRF model does not pickle; a Dask worker loads its own.
        return {"_run": None}


Featurize = Callable[[Sequence[str]], list[tuple[str, ...]]]


def _load_crf_model() -> tuple[Featurize, Any] | None:
    """underthesea's packaged segmentation CRF with a featurizer for its templates, or None."""
    from pathlib import Path

    import joblib
    import underthesea.pipeline.word_tokenize as package
    from underthesea_core import CRFTagger

    from thoisu.text.crf_features import compile_templates

    folders = sorted(Path(package.__file__).parent.joinpath("models").glob("ws_crf_*"))
    if not folders:
        return None
    folder = folders[-1]
    featurize = compile_templates(joblib.load(folder / "features.bin"),
                                  joblib.load(folder / "dictionary.bin"))
    if featurize is None:
        return None
    tagger = CRFTagger()
    tagger.load(str(folder / "models.bin"))
    return featurize, tagger


_SEGMENTERS: dict[str, type] = {"underthesea": UndertheseaSegmenter, "syllable": SyllableSegmenter}
_instances: dict[str, Segmenter] = {}


def get_segmenter(name: str = "underthesea") -> Segmenter:
    """The segmenter called ``name``, one instance per process."""
    if name not in _SEGMENTERS:
        raise ValueError(f"unknown segmenter {name!r}; choose one of {', '.join(_SEGMENTERS)}")
    if name not in _instances:
        _instances[name] = _SEGMENTERS[name]()
    return _instances[name]


def segment(text: str, segmenter: str = "underthesea") -> list[str]:
    """Words of ``text`` with the named segmenter."""
    return get_segmenter(segmenter).segment(text)
