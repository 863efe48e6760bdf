"""Features for underthesea's word-segmentation CRF, computed faster than its own featurizer.

underthesea's model (``ws_crf_vlsp2013``) describes each token by 43 feature strings such as
``T[-1,0].lower=bộ quốc`` or ``T[0].is_in_dict=True``. Its featurizer builds them afresh for
every token; that step costs most of the segmentation time. Here each column (one template
over all positions of a sentence) is gathered from the feature strings of each n-gram, which
are built once and kept in a bounded cache (news repeats its n-grams constantly). The strings
are the same, byte for byte (a test compares both on real text), so the CRF tags exactly as
before.

Templates this module does not know make :func:`compile_templates` return ``None``; the
segmenter then keeps underthesea's own featurizer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

_TEMPLATE = re.compile(r"T\[(-?\d+)(?:,(-?\d+))?\](?:\.(lower|isdigit|istitle|is_in_dict))?$")
_INT32_MAX = 2_147_483_647
_CACHE_LIMIT = 200_000  # n-grams per width kept between sentences (a few tens of MB at most)

Featurizer = Callable[[Sequence[str]], list[tuple[str, ...]]]


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
    # Templates grouped by span width; each n-gram's feature strings are built once and cached.
    by_width: dict[int, list[tuple[int, str, int, int, str | None]]] = {}
    for k, (prefix, a, b, attr) in enumerate(parsed):
        by_width.setdefault(b - a + 1, []).append((k, prefix, a, b, attr))
    caches: dict[int, dict[tuple[str, ...], tuple[str, ...]]] = {w: {} for w in by_width}

    def strings(width: int, gram: tuple[str, ...]) -> tuple[str, ...]:
        text = " ".join(gram)
        low = text.lower()
        out = []
        for _k, prefix, _a, _b, attr in by_width[width]:
            if attr is None:
                out.append(prefix + text)
            elif attr == "lower":
                out.append(prefix + low)
            elif attr == "isdigit":
                out.append(prefix + str(_isdigit(text)))
            elif attr == "istitle":
                out.append(prefix + str(_istitle(text)))
            else:
                out.append(prefix + str(low in words))
        return tuple(out)

    def featurize(tokens: Sequence[str]) -> list[tuple[str, ...]]:
        n = len(tokens)
        if n == 0:
            return []
        toks = tuple(tokens)
        columns: list[list[str]] = [[] for _ in parsed]
        for width, group in by_width.items():
            cache = caches[width]
            if len(cache) > _CACHE_LIMIT:  # bounded: a long run never grows without limit
                cache.clear()
            entries = []
            for s in range(n - width + 1):
                gram = toks[s:s + width]
                entry = cache.get(gram)
                if entry is None:
                    entry = cache[gram] = strings(width, gram)
                entries.append(entry)
            for j, (k, prefix, a, b, _attr) in enumerate(group):
                # Positions before lo reach left of the sentence (BOS, which wins), after hi right.
                lo, hi = max(0, -a), min(n - 1, n - 1 - b)
                if hi < lo:
                    head = min(lo, n)
                    columns[k] = [prefix + "BOS"] * head + [prefix + "EOS"] * (n - head)
                    continue
                columns[k] = ([prefix + "BOS"] * lo
                              + [e[j] for e in entries[lo + a:hi + a + 1]]
                              + [prefix + "EOS"] * (n - 1 - hi))
        return list(zip(*columns, strict=True))

    return featurize
