"""Helpers that look at a line's neighbours: the next non-blank line, blocks of headings.

A *block* is the unit of a teaser list: one or two heading-like lines (a sidebar often repeats
its title) and the paragraphs after them, up to the next heading-like line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from thoisu.clean import patterns as P
from thoisu.clean.features import LineInfo
from thoisu.clean.rules import Verdict
from thoisu.model import Role

_INNER_SENTENCE = re.compile(r"[.!?…][\"”’)]*\s+[\"“(]?[A-ZĐÀ-Ỹ]")
_WORD = re.compile(r"[^\W\d_]+")
_NAME = re.compile(r"[^\W\d_][^\W_]*")
_CAPTION_MARK = re.compile(r"\b(?:tại|hồi|chụp|ảnh)\b")

# A photo description without final period is at most this long; one with a period, shorter.
CAPTION_MAX_WORDS = 40
DESCRIPTIVE_MAX_WORDS = 24


def next_nonblank(infos: list[LineInfo], i: int, stop: int | None = None) -> int | None:
    """Index of the first non-blank line at or after ``i`` (before ``stop``), or None."""
    end = len(infos) if stop is None else stop
    for j in range(i, end):
        if not infos[j].blank:
            return j
    return None


def prev_nonblank(infos: list[LineInfo], i: int) -> int | None:
    for j in range(i - 1, -1, -1):
        if not infos[j].blank:
            return j
    return None


def is_single_sentence(text: str) -> bool:
    return not _INNER_SENTENCE.search(text)


def is_plain_statement(line: LineInfo) -> bool:
    """One short sentence with no narration words: what a caption under a photo looks like."""
    text = line.text
    if line.words > 25 or not is_single_sentence(text) or any(q in text for q in "\"“”«»"):
        return False
    low = text.lower()
    if any(pair in low for pair in P.NARRATIVE_PHRASES):
        return False
    return not any(w in P.NARRATIVE_WORDS for w in _WORD.findall(low))


def is_descriptive(line: LineInfo) -> bool:
    """A one-sentence photo description: what is where, with no narration around it.

    "Tàu tuần tra neo tại cảng Cam Ranh hồi tháng Tư." (with or without the period) reads as
    a caption; "Ông Nam cho biết
    đoàn đã đến Huế." or "Hội nghị sẽ kéo dài hai ngày." read as narration. A caption names a
    place or a time of the shot ("tại", "hồi", "chụp") and has no tense marker, reporting verb,
    copula, anaphora, quote, colon or figure, nor an opening adverbial ("Tại vòng 1, ...").
    """
    text = line.text
    if not 5 <= line.words <= DESCRIPTIVE_MAX_WORDS:
        return False
    if not text.endswith(".") and (line.sentence_end or not _CAPTION_MARK.search(text)):
        return False
    if any(c in text for c in "\"“”«»:;%") or not is_single_sentence(text) or text.endswith("./."):
        return False
    low = text.lower()
    if not _CAPTION_MARK.search(low) or low.startswith("tại "):
        return False
    if any(pair in low for pair in P.NARRATIVE_PHRASES):
        return False
    if any(w in P.NARRATIVE_WORDS for w in _WORD.findall(low)):
        return False
    head = text.split(",", 1)[0]
    return "," not in text or len(head.split()) > 4


@dataclass
class Block:
    """Heading lines and the paragraph lines after them (indices into the page's lines)."""

    headings: list[int] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)
    end: int = 0  # index after the block's last line

    @property
    def teaser_like(self) -> bool:
        """A title and one teaser: what sidebars and related-news lists are made of."""
        return bool(self.headings) and len(self.paragraphs) <= 1


def read_blocks(infos: list[LineInfo], local: list[Verdict | None], i: int,
                limit: int = 4) -> list[Block]:
    """Up to ``limit`` blocks from line ``i``; stops at a closing line or other boilerplate."""
    blocks: list[Block] = []
    j = i
    n = len(infos)
    current: Block | None = None
    while j < n:
        line = infos[j]
        verdict = local[j]
        if line.blank:
            j += 1
            continue
        if verdict is not None and verdict[0] in (Role.BYLINE, Role.SOURCE, Role.BOILERPLATE):
            break
        if verdict is not None and verdict[0] in (Role.PHOTO, Role.CAPTION):
            j += 1
            continue
        if line.heading_like and verdict is None:
            if current is not None and current.paragraphs:
                current.end = j
                blocks.append(current)
                if len(blocks) >= limit:
                    return blocks
                current = None
            if current is None:
                current = Block()
            current.headings.append(j)
        elif current is not None:
            current.paragraphs.append(j)
        else:
            current = Block(paragraphs=[j])
        j += 1
    if current is not None:
        current.end = j
        blocks.append(current)
    return blocks


def teaser_signal(infos: list[LineInfo], block: Block) -> bool:
    """Marks that a block is another article's teaser, not a section of this one."""
    keys = [infos[h].key for h in block.headings]
    if len(keys) != len(set(keys)):
        return True  # a title printed twice
    for p in block.paragraphs:
        text = infos[p].text
        if P.OUTLET_PREFIX.match(text) or P.ELLIPSIS_END.search(text):
            return True
    return False


def names_in(text: str) -> set[str]:
    """Capitalised words past the first of a line: the names a passage is about."""
    words = _NAME.findall(text)
    return {w.lower() for w in words[1:] if w[0].isupper()}


def foreign_block(infos: list[LineInfo], block: Block, article_names: set[str]) -> bool:
    """A block about other people and places than the article: no name in common."""
    names: set[str] = set()
    for k in [*block.headings, *block.paragraphs]:
        names |= names_in(infos[k].text)
    return len(names) >= 2 and not names & article_names


def starts_teaser_run(infos: list[LineInfo], local: list[Verdict | None], i: int,
                      article_names: Callable[[], set[str]] | None = None) -> bool:
    """Whether the heading at ``i`` opens a list of title + teaser pairs.

    Blocks of one title (perhaps printed twice) and one teaser each, at least two of them with
    a sign of a sidebar (a repeated title, an outlet tag or a trailing "..."); or, when the
    list runs on to the page's end, two with one sign, three without, or two that share no
    name with the article (``article_names``): a shorter list without such a sign, or one
    followed by more text, is more likely a live report's entries.
    Lines after a line ending in ":" are the article's own list, not a sidebar.
    """
    p = prev_nonblank(infos, i)
    if p is not None and infos[p].text.endswith(":"):
        return False
    blocks = read_blocks(infos, local, i, limit=12)
    run = []
    for block in blocks:
        titles = {infos[h].key for h in block.headings}
        if not (len(titles) == 1 and len(block.headings) <= 2 and len(block.paragraphs) == 1):
            break
        run.append(block)
    signals = sum(teaser_signal(infos, b) for b in run)
    to_the_end = len(run) == len(blocks) and len(blocks) < 12
    if to_the_end and len(run) >= 2:
        if signals or len(run) >= 3:
            return True
        if article_names is not None:
            names = article_names()  # computed only here: it reads the whole article so far
            if names and all(foreign_block(infos, b, names) for b in run):
                return True
    return len(run) >= 2 and signals >= 2
