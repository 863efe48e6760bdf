"""Features for underthesea's word-segmentation CRF, computed faster than its own featurizer.

underthesea's model (``ws_crf_vlsp2013``) describes each token by 43 feature strings such as
``T[-1,0].lower=bộ quốc`` or ``T[0].is_in_dict=True``. Its featurizer builds them afresh for
every token; that step costs most of the segmentation time. Here each column (one template
over all positions of a sentence) is built at once from per-sentence arrays of tokens, lower
forms, n-grams and dictionary hits, with per-token values cached. The strings are the same,
byte for byte (a test compares both on real text), so the CRF tags exactly as before.

Templates this module does not know make :func:`compile_templates` return ``None``; the
segmenter then keeps underthesea's own featurizer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

_TEMPLATE = re.compile(r"T\[(-?\d+)(?:,(-?\d+))?\](?:\.(lower|isdigit|istitle|is_in_dict))?$")
_INT32_MAX = 2_147_483_647

Featurizer = Callable[[Sequence[str]], list[list[str]]]


def _istitle(text: str) -> bool:
    # underthesea's notion: no word of the span starts with a lower-case letter ("28/3" counts).
    return all(not word[:1].islower() for word in text.split(" "))


def _isdigit(text: str) -> bool:
    # underthesea parses the token as a 32-bit integer.
    return text.isascii() and text.isdigit() and int(text) <= _INT32_MAX


def compile_templates(templates: Sequence[str], dictionary: set[str] | frozenset[str]
                      ) -> Featurizer | None:
    """A featurizer for ``templates`` (``T[i]``, ``T[i,j]`` with an optional attribute)."""
    parsed: list[tuple[str, int, int, str | None]] = []
    for template in templates:
        m = _TEMPLATE.match(template)
        if m is None:
            return None
        a = int(m.group(1))
        b = int(m.group(2)) if m.group(2) is not None else a
        if b < a or b - a > 2:
            return None
        parsed.append((template + "=", a, b, m.group(3)))
    words = frozenset(dictionary)

    def featurize(tokens: Sequence[str]) -> list[list[str]]:
        n = len(tokens)
        toks = list(tokens)
        lower = [t.lower() for t in toks]
        spans: dict[tuple[int, str | None], list[str]] = {}

        def values(width: int, attr: str | None) -> list[str]:
            """The attribute's value for every span of ``width`` tokens starting at 0..n-w."""
            key = (width, attr)
            if key in spans:
                return spans[key]
            count = n - width + 1
            if attr is None:
                out = [" ".join(toks[i:i + width]) for i in range(count)]
            elif attr == "lower":
                out = [" ".join(lower[i:i + width]) for i in range(count)]
            elif attr == "isdigit":
                out = [str(_isdigit(s)) for s in values(width, None)]
            elif attr == "istitle":
                out = [str(_istitle(s)) for s in values(width, None)]
            else:
                out = [str(s in words) for s in values(width, "lower")]
            spans[key] = out
            return out

        columns = []
        for prefix, a, b, attr in parsed:
            # Positions before lo reach left of the sentence (BOS, which wins), after hi right.
            lo, hi = max(0, -a), min(n - 1, n - 1 - b)
            if hi < lo:
                head = min(lo, n)
                columns.append([prefix + "BOS"] * head + [prefix + "EOS"] * (n - head))
                continue
            vals = values(b - a + 1, attr)
            columns.append([prefix + "BOS"] * lo
                           + [prefix + v for v in vals[lo + a:hi + a + 1]]
                           + [prefix + "EOS"] * (n - 1 - hi))
        return [list(row) for row in zip(*columns, strict=True)] if n else []

    return featurize
