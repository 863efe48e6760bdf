"""underthesea's packaged CRF NER behind a small class, loaded lazily once per process.

The rules ask it only about names they leave open, and only when ``ner_crf`` is on: it costs
about 14 ms a sentence and a second to load, and its own tags are weak on news text.
"""

from __future__ import annotations

from typing import Any


class CrfTagger:
    """underthesea's packaged CRF NER, loaded on first use in each process.

    Only asked about names the rules left unresolved; it costs about 14 ms a sentence.
    """

    def __init__(self) -> None:
        self._ner: Any = None

    def spans(self, sentence: str) -> list[tuple[int, int, str]]:
        """(start, end, PER|ORG|LOC) character spans of the CRF's entities."""
        if self._ner is None:
            from underthesea import ner

            self._ner = ner
        out: list[tuple[int, int, str]] = []
        pos = 0
        current: list[Any] | None = None
        for word, _pos, _chunk, tag in self._ner(sentence):
            found = sentence.find(word, pos)
            if found < 0:
                continue
            start, end = found, found + len(word)
            pos = end
            kind = tag[2:] if tag != "O" else ""
            if tag.startswith("B-") or (tag.startswith("I-") and (current is None
                                                                   or current[2] != kind)):
                if current is not None:
                    out.append((current[0], current[1], current[2]))
                current = [start, end, kind]
            elif tag.startswith("I-") and current is not None:
                current[1] = end
            else:
                if current is not None:
                    out.append((current[0], current[1], current[2]))
                current = None
        if current is not None:
            out.append((current[0], current[1], current[2]))
        return [s for s in out if s[2] in {"PER", "ORG", "LOC"}]

    def __getstate__(self) -> dict[str, Any]:
        return {"_ner": None}  # a loaded CRF model does not pickle


_crf: dict[str, CrfTagger] = {}


def get_crf() -> CrfTagger:
    """The process's CRF tagger (its model loads on the first call to ``spans``)."""
    if "crf" not in _crf:
        _crf["crf"] = CrfTagger()
    return _crf["crf"]
