"""What the rules need to know about one line, computed once per line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from thoisu.clean import patterns as P
from thoisu.model import Role

_KEY_DROP = re.compile(r"[\W_]+")
_PHOTO_TAIL = re.compile(rf"\s*[{P.DASH}]?\s*(?:ảnh|hình|photo)\s*\d{{1,2}}$", re.I)

# A heading longer than this many words is a paragraph that lost its final period.
HEADING_MAX_WORDS = 32
# A question or exclamation up to this long may be a title.
QUESTION_MAX_WORDS = 22
_QUESTION_END = re.compile(r"[?!][\"”’)]*\s*$")
_INNER_STOP = re.compile(r"[.!?…][\"”’)]*\s+\S")


@dataclass
class LineInfo:
    """One line of a page and the cleaner's verdict on it."""

    number: int  # 1-based
    text: str
    words: int
    sentence_end: bool  # ends with final punctuation
    role: Role | None = None
    rule: str = ""
    part: int = 0  # article number; 0 for page boilerplate

    @property
    def blank(self) -> bool:
        return not self.text

    @cached_property
    def key(self) -> str:
        """The line reduced for repeat detection: no photo tail, case, punctuation or spaces."""
        return line_key(self.text)

    @cached_property
    def heading_like(self) -> bool:
        """Short and without final period: a title, subheading, caption or teaser title.

        A short question or exclamation counts too ("Vì sao giá vàng tăng?"): titles end so,
        narrative paragraphs rarely do unless they quote someone.
        """
        if not self.text or self.words > HEADING_MAX_WORDS:
            return False
        if not self.sentence_end:
            return True
        return (self.words <= QUESTION_MAX_WORDS and bool(_QUESTION_END.search(self.text))
                and not P.QUOTE_OPEN.match(self.text) and not _INNER_STOP.search(self.text))

    @property
    def paragraph_like(self) -> bool:
        return bool(self.text) and not self.heading_like

    def set(self, role: Role, rule: str) -> None:
        self.role = role
        self.rule = rule


def line_key(text: str) -> str:
    if text[-1:].isdigit():
        text = _PHOTO_TAIL.sub("", text)
    return _KEY_DROP.sub("", text).lower()


def make_infos(text: str) -> list[LineInfo]:
    infos = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        words = len(line.split())  # runs of non-space (str.split's space is regex \s)
        infos.append(LineInfo(number, line, words, bool(P.SENTENCE_END.search(line))))
    return infos
