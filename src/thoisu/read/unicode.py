"""Text that cannot be written: lone surrogates that a JSON ``\\ud800`` escape lets in.

JSON may escape half of a surrogate pair on its own (``"\\ud800"``); Python decodes it into a
string that no UTF-8 writer (the store, the JSON report, the terminal) can encode. Readers
replace each one by U+FFFD here and say how many, so the record is kept and the run goes on.

>>> replace_surrogates({"title": "Tin \\ud800nóng", "tags": ["a\\udfff"]})
({'title': 'Tin \\ufffdnóng', 'tags': ['a\\ufffd']}, 2)
"""

from __future__ import annotations

import re
from typing import Any

_LONE = re.compile("[\ud800-\udfff]")


def replace_surrogates(value: Any) -> tuple[Any, int]:
    """``value`` with every lone surrogate in its strings (keys too) replaced by U+FFFD, and
    how many were replaced; the value itself when there were none."""
    if isinstance(value, str):
        if _LONE.search(value) is None:
            return value, 0
        return _LONE.subn("\ufffd", value)
    if isinstance(value, dict):
        total = 0
        out: dict[Any, Any] = {}
        for key, item in value.items():
            key, n_key = replace_surrogates(key)
            item, n_item = replace_surrogates(item)
            total += n_key + n_item
            out[key] = item
        return (out, total) if total else (value, 0)
    if isinstance(value, list):
        pairs = [replace_surrogates(item) for item in value]
        total = sum(n for _, n in pairs)
        return ([item for item, _ in pairs], total) if total else (value, 0)
    return value, 0


def shown_path(path: str) -> str:
    """``path`` as it can be written: a file name whose bytes are not UTF-8 (which Python
    keeps as lone surrogates, to open the file by it) with those bytes as U+FFFD.

    >>> shown_path("tin-\\udcff.txt")
    'tin-\ufffd.txt'
    """
    if _LONE.search(path) is None:
        return path
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
