"""Multi-document extractive summaries: features, a learned scorer, selection, ordering.

>>> from thoisu.summarize import summarize, article_from_text
>>> from thoisu.model import Origin
>>> a = article_from_text("Bão số 3", "Bão số 3 đổ bộ vào Quảng Ninh chiều 7/9.", Origin("a"))
>>> summarize([a], max_syllables=40).text
'Bão số 3 đổ bộ vào Quảng Ninh chiều 7/9.'
"""

from thoisu.summarize.articles import article_from_text
from thoisu.summarize.core import Summarizer, default_summarizer, summarize
from thoisu.summarize.summary import Considered, Summary

__all__ = ["Considered", "Summarizer", "Summary", "article_from_text", "default_summarizer",
           "summarize"]
