"""Temporal expressions in Vietnamese news, and publication dates.

>>> from thoisu.dates import tag_dates
>>> [(e.text, e.value) for e in tag_dates("Xung đột bắt đầu từ tháng 3/2011.")]
[('tháng 3/2011', '2011-03')]
"""

from __future__ import annotations

from thoisu.dates.tagger import tag_dates
from thoisu.dates.values import value_date

__all__ = ["tag_dates", "value_date"]
