"""Turn lines with roles into :class:`Article` records."""

from __future__ import annotations

from typing import Any

from thoisu.clean import patterns as P
from thoisu.clean.features import LineInfo
from thoisu.clean.identity import content_id
from thoisu.clean.rules import source_of
from thoisu.clean.split import Span
from thoisu.model import Article, Line, Origin, Removed, Role


def strip_outlet_prefix(text: str) -> tuple[str, str | None]:
    """The lead without its outlet tag, and the outlet if the tag named one.

    >>> strip_outlet_prefix("(Dân trí) - Sáng 12/3, mưa lớn ...")
    ('Sáng 12/3, mưa lớn ...', 'Dân trí')

    An unbracketed tag works the same ("Dân trí - ...", "VTV.vn - ..."). A place dateline
    ("HÀ NỘI -", and in a lead "Lâm Đồng -") is stripped too but names no outlet.
    """
    outlet: str | None = None
    for _ in range(2):  # "TTO - HÀ NỘI - ..."
        m = P.OUTLET_PREFIX.match(text)
        if not m:
            place = P.PLACE_PREFIX.match(text)
            if place:
                text = text[place.end():]
            break
        if m.group("paren"):
            name = m.group("paren").strip()
        elif m.group("dotted"):
            name = m.group("dotted")
        elif m.group("named"):
            name = m.group("named")  # "Dân trí - ...", "VietNamNet - ..."
        else:
            name = m.group("caps")
            if not name.isupper():
                break  # "Hà Nội - ..." is ordinary text, not a tag
            if P.PLACE_DATELINE.match(name) or not _ascii_caps(name):
                text = text[m.end():]
                continue
        text = text[m.end():]
        outlet = outlet or name
    return text.strip(), outlet


def _ascii_caps(name: str) -> bool:
    """Outlet acronyms are plain capitals and Đ (TTO, ANTĐ, NLĐO); "HUẾ" is a place."""
    return all("A" <= c <= "Z" or c in "Đ0123456789" for c in name)


def strip_closer(text: str) -> str:
    """Drop the ``./.`` some outlets end an article with."""
    return P.CLOSER.sub(".", text) if P.CLOSER.search(text) else text


def _removed(line: LineInfo) -> Removed:
    role = line.role.value if line.role else "boilerplate"
    return Removed(line.text, role, line.rule, line.number)


def build_article(infos: list[LineInfo], span: Span, lo: int, hi: int, origin: Origin,
                  meta: dict[str, Any]) -> Article:
    """The article of ``span``; ``infos[lo:hi]`` are the page lines it answers for."""
    lead = ""
    paragraphs: list[str] = []
    captions: list[str] = []
    bylines: list[str] = []
    source: str | None = None
    lead_outlet: str | None = None
    removed: list[Removed] = []
    lines: list[Line] = []
    subheadings: list[int] = []  # paragraph indexes that are subheadings
    captions_after: list[int] = []  # per caption: the paragraph it follows (-1: none yet)
    for line in infos[lo:hi]:
        role = line.role or Role.BOILERPLATE
        lines.append(Line(line.number, line.text, role, line.rule))
        if role is Role.BLANK:
            continue
        mine = line.part == span.part
        if not mine or not role.kept:
            removed.append(_removed(line))
            continue
        if role is Role.LEAD:
            lead, lead_outlet = strip_outlet_prefix(line.text)
        elif role in (Role.BODY, Role.SUBHEADING):
            text = strip_closer(line.text)
            if not paragraphs and not lead:
                text, outlet = strip_outlet_prefix(text)
                lead_outlet = lead_outlet or outlet
            if role is Role.SUBHEADING:
                subheadings.append(len(paragraphs))
            paragraphs.append(text)
        elif role is Role.CAPTION:
            captions.append(line.text)
            captions_after.append(len(paragraphs) - 1)
        elif role is Role.BYLINE:
            bylines.append(P.BYLINE_PREFIX.sub("", line.text))  # "Tin-ảnh: Ngọc Quý"
        elif role is Role.SOURCE:
            source = source or source_of(line.text)
    source = source or lead_outlet or _meta_str(meta, "source")
    problems = list(span.problems)
    if not lead and not paragraphs:
        problems.append("no body text")
    elif not paragraphs:
        problems.append("no body paragraphs after the lead")
    meta = dict(meta)
    if subheadings or captions:
        # Where subheadings and captions stood, so a page can show them there (the text
        # lists keep paragraphs and captions apart).
        meta["layout"] = {"subheadings": subheadings, "captions_after": captions_after}
    return Article(
        id=content_id(span.title, lead, paragraphs),
        origin=origin,
        title=span.title,
        lead=lead,
        paragraphs=paragraphs,
        captions=captions,
        byline=", ".join(bylines) if bylines else None,
        source=source,
        url=_meta_str(meta, "url"),
        removed=removed,
        lines=lines,
        meta=dict(meta),
        problems=problems,
    )


def _meta_str(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    return str(value) if value not in (None, "") else None
