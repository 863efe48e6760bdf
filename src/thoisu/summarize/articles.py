"""Articles from plain title and text, for batch input and evaluation corpora.

>>> text = "Máy bay rơi sáng 19/5.\\n\\nHọ nghi có bom. Tìm thấy mảnh vỡ."
>>> a = article_from_text("Máy bay rơi", text, Origin("a.txt"))
>>> [s.text for s in a.sentences]
['Máy bay rơi sáng 19/5.', 'Họ nghi có bom.', 'Tìm thấy mảnh vỡ.']
"""

from __future__ import annotations

from thoisu.analyse import SENTENCES
from thoisu.clean.identity import content_id
from thoisu.clean.normalize import normalize_line, normalize_text
from thoisu.model import Article, Origin
from thoisu.settings import Settings


def article_from_text(title: str, text: str, origin: Origin) -> Article:
    """An :class:`Article` whose lead is the first non-empty line and whose paragraphs the rest,
    through the sentences stage (only: a summary of plain texts needs no other)."""
    lines = [line.strip() for line in normalize_text(text or "").split("\n")]
    paragraphs = [line for line in lines if line]
    lead, body = (paragraphs[0], paragraphs[1:]) if paragraphs else ("", [])
    title = normalize_line(title or "")
    article = Article(id=content_id(title, lead, body), origin=origin, title=title, lead=lead,
                      paragraphs=body)
    SENTENCES(article, Settings())
    return article
