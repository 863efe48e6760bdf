"""Offline language identification (py3langid), loaded on first use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class LanguageGuess:
    code: str  # ISO 639-1, e.g. "vi"
    confidence: float


class _Identifier:
    def __init__(self) -> None:
        self._model: Any = None

    def classify(self, text: str) -> LanguageGuess:
        if self._model is None:
            from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

            self._model = LanguageIdentifier.from_modelpath(
                MODEL_DIR / MODEL_FILE, norm_probs=True)
        code, prob = self._model.classify(text[:2000])
        return LanguageGuess(code=code, confidence=float(prob))


_identifier = _Identifier()


def detect_language(text: str) -> LanguageGuess:
    """The language of ``text``; ``und`` when there is too little text to tell.

    >>> detect_language("Sở Y tế tỉnh ngày 28/3 xác nhận rằng các ca bệnh đều đã khỏi.").code
    'vi'
    """
    if len(text.strip()) < 20:
        return LanguageGuess(code="und", confidence=0.0)
    return _identifier.classify(text)
