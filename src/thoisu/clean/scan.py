"""Give roles to the lines of one article, from its first line after the title to its end.

An article ends at its closing (a byline or source line after body text, with the byline and
source lines that follow it), at a related-news box or follow call that is followed by a list,
or where a list of title + teaser pairs begins. What comes after is the page's tail
(:mod:`thoisu.clean.split`).

Rule names given here:

- ``boilerplate.repeated_title``: the article's title printed again
- ``lead.first_paragraph``: the first paragraph after the title (the sapo)
- ``caption.after_photo``: the short line after a photo placeholder
- ``caption.by_credit``: a short plain line right under (or above) a credit line alone
  ("Ảnh: Xuân Hoàng")
- ``caption.near_photo``: a short line without final period next to a photo placeholder
- ``caption.descriptive``: a one-sentence description between paragraphs, with no tense
  marker, reporting verb, anaphora or quote ("Tàu tuần tra neo tại cảng Cam Ranh.")
- ``subheading.before_paragraph``: a short line without final period followed by a paragraph
- ``body.paragraph``: everything else that reads as text
- ``byline.top``/``source.top``: a byline or source line before any body text
- ``boilerplate.outlet_name``: an outlet's address alone ("VOV.VN") before any body text
- ``closing.byline``/``closing.source``: a byline or source line that ends the article
- ``closing.byline_caps``: a name in capitals followed by another article's title and teaser
- ``boilerplate.related_inline``: the titles of a "Xem thêm:" box inside the article
- ``caption.name_only``: a name alone between paragraphs (a portrait's caption)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from thoisu.clean import patterns as P
from thoisu.clean.context import (
    CAPTION_MAX_WORDS,
    is_descriptive,
    is_plain_statement,
    names_in,
    next_nonblank,
    prev_nonblank,
    read_blocks,
    starts_teaser_run,
)
from thoisu.clean.features import LineInfo, line_key
from thoisu.clean.rules import Verdict, is_caps_name, is_section_name
from thoisu.model import Role

# A caption next to a credit line is at most this long.
CREDIT_CAPTION_MAX_WORDS = 25

_ENDING_BOILERPLATE = {"boilerplate.related_header", "boilerplate.follow_call"}


@dataclass
class Scan:
    """Where an article's lines end, and how many body paragraphs it had."""

    end: int
    paragraphs: int
    closed: bool  # ended by a byline or source line


def _role_at(local: list[Verdict | None], j: int | None) -> Role | None:
    """The role a context-free rule gave line ``j``, if any."""
    if j is None:
        return None
    verdict = local[j]
    return verdict[0] if verdict is not None else None


def _is_text(infos: list[LineInfo], local: list[Verdict | None], j: int | None) -> bool:
    """A paragraph of running text with no verdict of its own."""
    return j is not None and local[j] is None and infos[j].paragraph_like


def _ends_with_list(infos: list[LineInfo], local: list[Verdict | None], j: int) -> bool:
    """A related-news header or follow call is the end unless text or a closing follows it."""
    n = next_nonblank(infos, j + 1)
    if n is None:
        return True
    return not (_is_text(infos, local, n) or _role_at(local, n) in (Role.BYLINE, Role.SOURCE))


def _inline_box_end(infos: list[LineInfo], local: list[Verdict | None], j: int) -> int | None:
    """Where an inline "Xem thêm:" box ends, if the article's text goes on after it.

    The box is the header at ``j`` and up to five titles; the article goes on when two
    paragraphs of running text (not teasers), or one and the closing, follow them, or the
    closing itself does. None when the header opens the page's closing list.
    """
    k = j + 1
    titles = 0
    while k < len(infos) and titles <= 5:
        if infos[k].blank:
            k += 1
        elif local[k] is None and infos[k].heading_like:
            titles += 1
            k += 1
        else:
            break
    first = next_nonblank(infos, k)
    if not titles or first is None:
        return None
    if _role_at(local, first) in (Role.BYLINE, Role.SOURCE):
        return k  # the box sat just before the article's closing
    if not _is_text(infos, local, first):
        return None
    second = next_nonblank(infos, first + 1)
    closing = (Role.BYLINE, Role.SOURCE)
    if (second is not None and _role_at(local, second) not in closing
            and not _is_text(infos, local, second)):
        return None
    for t in (first, second):
        text = infos[t].text if t is not None else ""
        if P.ELLIPSIS_END.search(text) or P.OUTLET_PREFIX.match(text):
            return None
    return k


def _caps_byline_before_sidebar(infos: list[LineInfo], local: list[Verdict | None],
                                j: int) -> bool:
    """A name in capitals followed by another article's title and one-paragraph teaser."""
    if not is_caps_name(infos[j]):
        return False
    blocks = read_blocks(infos, local, j + 1, limit=2)
    return bool(blocks) and blocks[0].teaser_like and len(blocks[0].paragraphs) == 1 and (
        len(blocks) == 1 or blocks[1].teaser_like)


def _article_names(infos: list[LineInfo], start: int, end: int) -> set[str]:
    """The names the article has mentioned so far (its title included)."""
    names: set[str] = set()
    for k in range(max(0, start - 1), end):
        if infos[k].role in (Role.TITLE, Role.LEAD, Role.BODY, Role.SUBHEADING):
            names |= names_in(infos[k].text)
            names |= {w.lower() for w in infos[k].text.split()[:1]}
    return names


def _between_text(infos: list[LineInfo], local: list[Verdict | None], j: int) -> bool:
    """Running text right after line ``j``: where a caption sits inside the article."""
    return _is_text(infos, local, next_nonblank(infos, j + 1))


def _near_photo(infos: list[LineInfo], local: list[Verdict | None], j: int) -> bool:
    p = prev_nonblank(infos, j)
    n = next_nonblank(infos, j + 1)
    return Role.PHOTO in (_role_at(local, p), _role_at(local, n))


def _is_photo_credit(infos: list[LineInfo], local: list[Verdict | None], j: int | None) -> bool:
    """A credit line alone that names a photo's author: "Ảnh: Xuân Hoàng"."""
    verdict = local[j] if j is not None else None
    return (j is not None and verdict is not None and verdict[1] == "boilerplate.credit"
            and bool(P.PHOTO_CREDIT.match(infos[j].text)))


def _caption_shaped(line: LineInfo) -> bool:
    """Short and plain: a description of a picture rather than a paragraph."""
    return line.words <= CREDIT_CAPTION_MAX_WORDS and (
        (line.heading_like and not line.sentence_end) or is_plain_statement(line))


def _credit_caption(infos: list[LineInfo], local: list[Verdict | None], j: int,
                    prev: int | None) -> bool:
    """The line that describes a picture, next to its credit line.

    Right under "Ảnh: Xuân Hoàng" ("Một homestay giữa vườn sầu riêng ở Củ Chi."); or right
    above it when what comes under the credit is not caption-shaped.
    """
    line = infos[j]
    if not _caption_shaped(line):
        return False
    if _is_photo_credit(infos, local, prev):
        return True
    n = next_nonblank(infos, j + 1)
    if not _is_photo_credit(infos, local, n):
        return False
    after = next_nonblank(infos, n + 1) if n is not None else None
    return after is None or local[after] is not None or not _caption_shaped(infos[after])


def mark_numbered_copies(infos: list[LineInfo], local: list[Verdict | None], start: int,
                         title_key: str) -> None:
    """Photos left as the title and a number ("<title> - 1"): placeholders, like "- ảnh 1"."""
    for k in range(start, len(infos)):
        text = infos[k].text
        if local[k] is None and text[-1:].isdigit():
            m = P.NUMBERED_COPY.match(text)
            if m and line_key(m.group("stem")) == title_key:
                local[k] = (Role.PHOTO, "photo.placeholder")


def _text_follows(infos: list[LineInfo], local: list[Verdict | None], j: int) -> bool:
    """Whether running text of the same article goes on after the byline or source at ``j``.

    A closing is followed by the page's end, a heading (another article or a sidebar),
    boilerplate or a cut-off teaser; a paragraph means the article goes on, so the name at
    ``j`` was a caption or an attribution, not the closing.
    """
    k = j
    while k < len(infos) and (infos[k].blank or _role_at(local, k) in (Role.BYLINE, Role.SOURCE)):
        k += 1
    first = next_nonblank(infos, k)
    if first is None or not _is_text(infos, local, first):
        return False
    text = infos[first].text
    return not (P.ELLIPSIS_END.search(text) or P.OUTLET_PREFIX.match(text))


def _close(infos: list[LineInfo], local: list[Verdict | None], j: int, part: int) -> int:
    """Mark the closing run (bylines, sources, blanks) from ``j``; return the index after it."""
    n = len(infos)
    while j < n:
        line = infos[j]
        verdict = local[j]
        if line.blank:
            line.set(Role.BLANK, "blank")
        elif verdict is not None and verdict[0] in (Role.BYLINE, Role.SOURCE):
            line.set(verdict[0], "closing." + verdict[0].value)
        else:
            break
        line.part = part
        j += 1
    # Trailing blanks belong to the page, not the article.
    while j > 0 and infos[j - 1].blank:
        infos[j - 1].part = 0
        j -= 1
    return j


def scan_article(infos: list[LineInfo], local: list[Verdict | None], start: int, part: int,
                 title_key: str | None, want_lead: bool = True) -> Scan:
    """Roles for the lines from ``start`` to the article's end; returns where it ended."""
    n = len(infos)
    paragraphs = 0
    if title_key:
        mark_numbered_copies(infos, local, start, title_key)
    # Without a title the first paragraph is the lead only when an outlet tag marks it.
    lead_open = True
    j = start
    while j < n:
        line = infos[j]
        verdict = local[j]
        line.part = part
        if line.blank:
            line.set(Role.BLANK, "blank")
            j += 1
            continue
        if title_key and len(title_key) <= len(line.text) <= 2 * len(title_key) + 12 \
                and line.key == title_key:
            if verdict is not None and verdict[0] is Role.PHOTO:
                line.set(*verdict)
            else:
                line.set(Role.BOILERPLATE, "boilerplate.repeated_title")
            j += 1
            continue
        if verdict is not None:
            role, rule = verdict
            if role in (Role.BYLINE, Role.SOURCE):
                if not paragraphs and rule == "source.outlet":
                    line.set(Role.BOILERPLATE, "boilerplate.outlet_name")  # "VOV.VN" on top
                elif not paragraphs:
                    line.set(role, rule.split(".")[0] + ".top")
                elif not _text_follows(infos, local, j):
                    return Scan(_close(infos, local, j, part), paragraphs, True)
                elif role is Role.BYLINE:
                    line.set(Role.CAPTION, "caption.name_only")
                elif rule in ("source.nguon", "source.agency"):
                    line.set(Role.BOILERPLATE, "boilerplate.credit")  # a chart's or clip's
                else:
                    line.set(Role.BODY, "body.paragraph")  # "Theo ..." opening a sentence
                    paragraphs += 1
            elif rule == "boilerplate.comments" and paragraphs:
                line.part = 0
                return Scan(j, paragraphs, False)
            elif rule in _ENDING_BOILERPLATE and paragraphs and _ends_with_list(infos, local, j):
                box_end = _inline_box_end(infos, local, j)
                if box_end is None:
                    line.part = 0
                    return Scan(j, paragraphs, False)
                line.set(role, rule)
                for k in range(j + 1, box_end):
                    infos[k].part = part
                    infos[k].set(*((Role.BLANK, "blank") if infos[k].blank
                                   else (Role.BOILERPLATE, "boilerplate.related_inline")))
                j = box_end
                continue
            else:
                line.set(role, rule)
            j += 1
            continue
        prev = prev_nonblank(infos, j)
        after_photo = prev is not None and prev >= start and _role_at(local, prev) is Role.PHOTO
        if after_photo and line.words <= CAPTION_MAX_WORDS and (
            (line.heading_like and not line.sentence_end) or is_plain_statement(line)
            or "ảnh" in line.text.lower()
        ):
            line.set(Role.CAPTION, "caption.after_photo")
        elif paragraphs and _credit_caption(infos, local, j, prev):
            line.set(Role.CAPTION, "caption.by_credit")
        elif not paragraphs and line.heading_like and is_section_name(line.text):
            line.set(Role.BOILERPLATE, "boilerplate.section_label")  # under title or timestamp
        elif lead_open and ((want_lead and line.paragraph_like)
                            or P.OUTLET_PREFIX.match(line.text)):
            line.set(Role.LEAD, "lead.first_paragraph")
            lead_open = False
            paragraphs += 1
        elif line.heading_like and not (paragraphs and is_descriptive(line) and _between_text(
                infos, local, j)):
            if paragraphs and _caps_byline_before_sidebar(infos, local, j):
                line.set(Role.BYLINE, "closing.byline_caps")
                return Scan(_close(infos, local, j + 1, part), paragraphs, True)
            names = partial(_article_names, infos, start, j)
            if paragraphs >= 2 and starts_teaser_run(infos, local, j, names):
                line.part = 0
                return Scan(j, paragraphs, False)
            nxt = next_nonblank(infos, j + 1)
            if _is_text(infos, local, nxt) or _role_at(local, nxt) is Role.PHOTO:
                line.set(Role.SUBHEADING, "subheading.before_paragraph")
            elif _near_photo(infos, local, j):
                line.set(Role.CAPTION, "caption.near_photo")
            elif nxt is None or _role_at(local, nxt) in (Role.BYLINE, Role.SOURCE):
                line.set(Role.BODY, "body.last_line")
                paragraphs += 1
            else:
                line.set(Role.SUBHEADING, "subheading.short_line")
            lead_open = False
        elif paragraphs and is_descriptive(line) and _between_text(infos, local, j):
            line.set(Role.CAPTION, "caption.descriptive")
        else:
            line.set(Role.BODY, "body.paragraph")
            paragraphs += 1
            lead_open = False
        j += 1
    return Scan(n, paragraphs, False)
