"""Cut a page into its articles: the title, the main article, and the tail after it.

The tail (what follows the first article's closing) holds either page furniture (sidebars of
other articles' titles and teasers, related-news lists, truncated teasers) or, on some pages, a
second full article: a title, several paragraphs and its own byline or source line. A second
article is kept apart, never merged into the first.

Rule names given here:

- ``title.first_line``: the page's first line, short and without final period
- ``title.repeats_meta``: the first line repeats the title the input already gave
- ``title.second_article``: a heading in the tail followed by paragraphs and a closing
- ``boilerplate.sidebar_title``, ``boilerplate.sidebar_teaser``: title + teaser pairs of
  other articles
- ``boilerplate.related_list``: the titles and teasers under a "Tin liên quan" header
- ``boilerplate.truncated_teaser``: a teaser cut off with "..."
- ``boilerplate.repeated_title``: a title printed twice in a row
- ``boilerplate.sidebar``: a photo, caption or byline inside a sidebar
- ``boilerplate.comments``: everything after a comments header ("Ý kiến bạn đọc")
- ``boilerplate.section_label``: a section name above the title ("THỜI SỰ", "Pháp luật" /
  "Hồ sơ vụ án"), or a known one above the sapo of a page without a title line
- ``boilerplate.outlet_name``: an outlet's address alone ("VOV.VN") above the title
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from thoisu.clean import patterns as P
from thoisu.clean.context import is_single_sentence, next_nonblank, prev_nonblank, read_blocks
from thoisu.clean.features import HEADING_MAX_WORDS, LineInfo, line_key
from thoisu.clean.rules import Verdict, is_section_name
from thoisu.clean.scan import scan_article
from thoisu.model import Role

_TOKENS = re.compile(r"[^\W_]+")

NO_TITLE = "no title line: the first sentence was not taken as the title"
# How far past a heading in the tail the search for its byline goes.
LOOKAHEAD_LINES = 400


@dataclass
class Span:
    """One article of a page: its part number, title and the line indices it covers."""

    part: int
    title: str
    start: int  # index of its first line (title line, or first text line)
    end: int  # index after its last line
    problems: list[str] = field(default_factory=list)


def similar_titles(a: str, b: str) -> bool:
    """The same title, up to case, punctuation and a few words added or lost."""
    ka, kb = line_key(a), line_key(b)
    if not ka or not kb:
        return False
    if ka == kb or (min(len(ka), len(kb)) >= 12 and (ka in kb or kb in ka)):
        return True
    if min(len(ka), len(kb)) >= 6 and (ka.startswith(kb) or kb.startswith(ka)):
        return True  # one carries a suffix such as "| Báo Gió"
    ta, tb = set(_TOKENS.findall(a.lower())), set(_TOKENS.findall(b.lower()))
    return len(ta & tb) / max(1, len(ta | tb)) >= 0.7


def _first_content(infos: list[LineInfo], local: list[Verdict | None]) -> int | None:
    """The first line that is not blank or page furniture (timestamps, share buttons).

    A related-news box above the article ("Tin nổi bật" and title + teaser entries) is
    furniture too, up to the first heading with two or more paragraphs under it.
    """
    skip_to = -1
    for j, line in enumerate(infos):
        verdict = local[j]
        if j < skip_to:
            line.set(*((Role.BLANK, "blank") if line.blank
                       else (Role.BOILERPLATE, "boilerplate.related_list")))
        elif line.blank:
            line.set(Role.BLANK, "blank")
        elif verdict is not None and verdict[0] is Role.BOILERPLATE:
            line.set(*verdict)
            if verdict[1] == "boilerplate.related_header":
                skip_to = _box_end(infos, local, j + 1)
        elif verdict is not None and verdict[1] == "source.outlet":
            line.set(Role.BOILERPLATE, "boilerplate.outlet_name")  # "VOV.VN" above the title
        elif _section_label(infos, local, j):
            line.set(Role.BOILERPLATE, "boilerplate.section_label")
        else:
            return j
    return None


def _box_end(infos: list[LineInfo], local: list[Verdict | None], i: int) -> int:
    """Where a box of title + teaser entries starting at ``i`` ends (its last entry's end)."""
    end = i
    for block in read_blocks(infos, local, i, limit=12):
        if not block.teaser_like:
            break
        end = block.end
    return end


def _section_label(infos: list[LineInfo], local: list[Verdict | None], j: int) -> bool:
    """A section name above the title: "THỜI SỰ", "Quân sự", "Pháp luật" / "Hồ sơ vụ án".

    A known section name (:func:`rules.is_section_name`) alone at the top is one wherever it
    stands, also right above the sapo of a page without a title line. Another line of one to
    three words (four when it is in capitals or stacked under a label) is one when a longer
    heading follows it; other short lines and page furniture may sit between them
    ("Thời sự / Giao thông / Thứ năm, 6/2/2025"). The title is the longer heading.
    """
    def short(k: int, most: int) -> bool:
        line = infos[k]
        return (local[k] is None and line.heading_like and not line.sentence_end
                and line.words <= most and not any(c.isdigit() for c in line.text))

    if not short(j, 4):
        return False
    if is_section_name(infos[j].text):
        return True
    p = prev_nonblank(infos, j)
    stacked = p is not None and infos[p].rule in _LABEL_RULES
    if not short(j, 4 if stacked or infos[j].text.isupper() else 3):
        return False
    n = next_nonblank(infos, j + 1)
    while n is not None and (short(n, 4) or _role_of(local, n) is Role.BOILERPLATE):
        n = next_nonblank(infos, n + 1)
    return (n is not None and local[n] is None and infos[n].heading_like
            and infos[n].words > infos[j].words + 2)


_LABEL_RULES = frozenset({"boilerplate.section_label", "boilerplate.navigation"})


def _role_of(local: list[Verdict | None], k: int) -> Role | None:
    verdict = local[k]
    return verdict[0] if verdict is not None else None


def split_page(infos: list[LineInfo], local: list[Verdict | None],
               known_title: str | None = None) -> list[Span]:
    """Give every line a role and a part; return the articles found, in page order."""
    first = _first_content(infos, local)
    if first is None:
        return []
    problems: list[str] = []
    head = infos[first]
    title = ""
    title_key: str | None = None
    start = first
    if known_title:
        title, title_key = known_title, line_key(known_title)
        if similar_titles(head.text, known_title):
            head.set(Role.BOILERPLATE, "title.repeats_meta")
            head.part = 1
            if title_key.startswith(head.key) and head.heading_like:
                title = head.text  # the given title carried a suffix: "... - Báo X"
            title_key = head.key
            start = first + 1
    elif local[first] is None and _title_like(infos, first):
        head.set(Role.TITLE, "title.first_line")
        head.part = 1
        title, title_key = head.text, head.key
        start = first + 1
    else:
        problems.append(NO_TITLE)
    scan = scan_article(infos, local, start, 1, title_key, want_lead=bool(title))
    spans = [Span(1, title, first, scan.end, problems)]
    spans.extend(_scan_tail(infos, local, scan.end, 2))
    return spans


def _title_like(infos: list[LineInfo], i: int) -> bool:
    """A first line that can be a title: short, one sentence, no final period unless tiny.

    "Vì sao giá rau tăng?" and "Hà Nội: Mở thêm 3 tuyến buýt." are titles; a 40-word sentence
    is the first paragraph of a page that lost its title.
    """
    line = infos[i]
    if line.heading_like:
        return True
    if line.words > HEADING_MAX_WORDS or not is_single_sentence(line.text):
        return False
    if re.search(r"[?!][\"”’)]*$", line.text):
        return True
    nxt = next_nonblank(infos, i + 1)
    return (line.words <= 14 and line.text.endswith(".") and nxt is not None
            and infos[nxt].paragraph_like and infos[nxt].words > line.words)


def _looks_like_article(infos: list[LineInfo], local: list[Verdict | None], i: int) -> bool:
    """A heading followed by two or more paragraphs that end in a byline or source line.

    Sidebars never carry bylines; without one, six paragraphs under one heading are needed.
    """
    n = min(len(infos), i + LOOKAHEAD_LINES)  # bounds the work on pathological pages
    paragraphs = first_block = headings = 0
    closed = subtitle = False
    j = i + 1
    while j < n:
        line, verdict = infos[j], local[j]
        j += 1
        if line.blank:
            continue
        if verdict is not None:
            if verdict[0] in (Role.BYLINE, Role.SOURCE):
                closed = True
                break
            if verdict[0] is Role.BOILERPLATE and verdict[1] != "boilerplate.related_header":
                continue
            if verdict[0] is Role.BOILERPLATE:
                break
            continue
        if line.heading_like:
            if line.key == infos[i].key:
                return False  # the title printed twice: a sidebar entry
            if paragraphs == 0 and not subtitle:
                subtitle = True  # a short sapo right under the title
                continue
            if first_block < 2:
                return False  # one teaser under the title: a sidebar entry (and stop early)
            headings += 1
            continue
        paragraphs += 1
        if not headings:
            first_block += 1
    if closed:
        return paragraphs >= 2 and first_block >= 2
    return paragraphs >= 6 and first_block >= 4


def _scan_tail(infos: list[LineInfo], local: list[Verdict | None], start: int,
               part: int) -> list[Span]:
    spans: list[Span] = []
    n = len(infos)
    after_related = after_comments = False
    last_heading_key = ""
    j = start
    while j < n:
        line, verdict = infos[j], local[j]
        line.part = 0
        if verdict is not None and verdict[1] == "boilerplate.comments":
            after_comments = True
        if line.blank:
            line.set(Role.BLANK, "blank")
        elif after_comments:
            line.set(Role.BOILERPLATE, "boilerplate.comments")
        elif verdict is not None:
            if verdict[1] == "boilerplate.related_header":
                after_related = True
            if verdict[0] is Role.BOILERPLATE:
                line.set(*verdict)
            else:
                line.set(Role.BOILERPLATE, "boilerplate.sidebar")
        elif line.heading_like and _looks_like_article(infos, local, j):
            line.set(Role.TITLE, "title.second_article")
            line.part = part
            scan = scan_article(infos, local, j + 1, part, line.key)
            spans.append(Span(part, line.text, j, scan.end))
            part += 1
            after_related = False
            j = scan.end
            continue
        elif line.heading_like:
            if line.key == last_heading_key:
                line.set(Role.BOILERPLATE, "boilerplate.repeated_title")
            elif after_related:
                line.set(Role.BOILERPLATE, "boilerplate.related_list")
            else:
                line.set(Role.BOILERPLATE, "boilerplate.sidebar_title")
            last_heading_key = line.key
        elif P.ELLIPSIS_END.search(line.text):
            line.set(Role.BOILERPLATE, "boilerplate.truncated_teaser")
        elif after_related:
            line.set(Role.BOILERPLATE, "boilerplate.related_list")
        else:
            line.set(Role.BOILERPLATE, "boilerplate.sidebar_teaser")
        j += 1
    return spans
