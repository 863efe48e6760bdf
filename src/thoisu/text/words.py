"""Word segmentation behind a small interface, so another segmenter can be swapped in.

Vietnamese writes syllables apart, so words must be found: ``"Bộ Quốc phòng Nga"`` →
``["Bộ", "Quốc_phòng", "Nga"]``. The default is underthesea's packaged CRF model (offline);
``"syllable"`` treats each syllable as a word (no model, for speed or tests).
"""

from __future__ import annotations

import re
from typing import Protocol

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
    """underthesea's CRF word segmenter, loaded on first use in each process."""

    name = "underthesea"

    def __init__(self) -> None:
        self._tokenize = None

    def segment(self, text: str) -> list[str]:
        if not text.strip():
            return []
        if self._tokenize is None:
            from underthesea import word_tokenize

            self._tokenize = word_tokenize
        words: list[str] = self._tokenize(text)
        return [w.replace(" ", "_") for w in words]

    def __getstate__(self) -> dict[str, object]:
        # A loaded CRF model does not pickle; a Dask worker loads its own.
        return {"_tokenize": None}


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
