"""Offline language identification (py3langid), loaded on first use.

Most news read here is Vietnamese, and the model takes about a millisecond to say so. Text in
which at least a tenth of the letters are ones only Vietnamese writes (ă, đ, ơ, ư and the
vowels with a hook or a dot below, alone or with another mark) is answered ``vi`` at once; a
tenth is well above what a name or a quoted phrase puts in another language's text, and well
below the fifth or more of Vietnamese prose. Everything else goes to the model.
"""

from __future__ import annotations

import re
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
# Letters only Vietnamese uses (among the languages the model knows), both cases.
_VIETNAMESE_ONLY = re.compile("[ăđơưĂĐƠƯảẻỉỏủỷạẹịọụỵẢẺỈỎỦỶẠẸỊỌỤỴ"
                              "ẳẩểổởửặậệộợựẲẨỂỔỞỬẶẬỆỘỢỰắằẵấầẫếềễốồỗớờỡứừữẮẰẴẤẦẪẾỀỄỐỒỖỚỜỠỨỪỮ]")
_LETTER = re.compile(r"[^\W\d_]")
VIETNAMESE_SHARE = 0.10
PLAINLY_VIETNAMESE = LanguageGuess(code="vi", confidence=1.0)


def plainly_vietnamese(text: str) -> bool:
    """At least :data:`VIETNAMESE_SHARE` of the letters of ``text`` are Vietnamese-only ones.

    >>> plainly_vietnamese("Mưa lớn ở Huế"), plainly_vietnamese("Heavy rain in Hue")
    (True, False)
    """
    letters = len(_LETTER.findall(text))
    return bool(letters) and len(_VIETNAMESE_ONLY.findall(text)) >= VIETNAMESE_SHARE * letters


def detect_language(text: str) -> LanguageGuess:
    """The language of ``text``; ``und`` when there is too little text to tell.

    >>> detect_language("Sở Y tế tỉnh ngày 28/3 xác nhận rằng các ca bệnh đều đã khỏi.").code
    'vi'
    """
    if len(text.strip()) < 20:
        return LanguageGuess(code="und", confidence=0.0)
    if plainly_vietnamese(text[:2000]):  # the span the model would read
        return PLAINLY_VIETNAMESE
    return _identifier.classify(text)
