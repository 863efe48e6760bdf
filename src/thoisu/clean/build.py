"""Turn lines with roles into :class:`Article` records."""

from __future__ import annotations

import re
from typing import Any

from thoisu.clean import patterns as P
from thoisu.clean.features import LineInfo
from thoisu.clean.identity import content_id
from thoisu.clean.rules import source_of
from thoisu.clean.split import Span
from thoisu.model import Article, Line, Origin, Removed, Role

# A line that credits another outlet: "Theo X", "Theo_X", "Nguồn: X", "(TTXVN/Vietnam+)".
# An outlet's address alone ("VOV.VN") signs the page's own outlet instead.
_CREDIT = re.compile(r"\s*(?:[(\[]|(?:theo|nguồn)(?:\b|_))", re.IGNORECASE)

# A credit that names the original by its address: "Theo www.tienphong.vn", "Nguồn:
# https://dantri.com.vn/...". The cleaner removes it as a link; its host is the credit.
_CREDIT_LINK = re.compile(r"\s*(?:theo|nguồn)\s*[:_]?\s*(?:https?://)?"
                          r"(?P<host>(?:[\w-]+\.)+[a-z]{2,})(?:/\S*)?\s*\.?\s*$", re.IGNORECASE)


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
    signed: str | None = None  # "VOV.VN" alone where the article ends: its own outlet
    credits: list[str] = []  # "Theo Tin Sông Hương": the outlet of the original
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
            # Lines in this article's range: a credit after its byline is its own, whatever
            # part the splitter gave it.
            linked = _CREDIT_LINK.match(line.text)
            if linked is not None and line.rule == "boilerplate.link":
                credits.append(linked.group("host"))  # "Theo www.tienphong.vn"
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
            if _CREDIT.match(line.text):
                credits.append(source_of(line.text))
            else:
                signed = signed or source_of(line.text)
    # A page copied with its own credit line keeps it above the copier's: the last one names
    # the outlet this page took the text from.
    source, meta = outlet_and_credit(meta, lead_outlet or signed,
                                     credits[-1] if credits else None)
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
        meta=meta,
        problems=problems,
    )


def outlet_and_credit(meta: dict[str, Any], page_outlet: str | None, credit: str | None
                      ) -> tuple[str | None, dict[str, Any]]:
    """The outlet of the page itself (``Article.source``) and its meta with the credit.

    A credit line ("Theo Tin Sông Hương", "Nguồn: Báo Đà Thành", "(TTXVN)") names the outlet
    the text was taken from, not the one that carries it: it goes to ``meta["credit"]`` and
    never becomes ``source``, so a copy keeps its own outlet and the original stays the
    original. The page's outlet is what its input says (``meta["source"]``), else the tag of
    its lead ("(Dân trí) - ...") or an outlet's address signing its end ("VOV.VN").

    >>> outlet_and_credit({"source": "Nhật Báo Phương Nam"}, None, "Tin Sông Hương")
    ('Nhật Báo Phương Nam', {'source': 'Nhật Báo Phương Nam', 'credit': 'Tin Sông Hương'})
    >>> outlet_and_credit({}, None, "Tin Sông Hương")
    (None, {'credit': 'Tin Sông Hương'})
    """
    meta = dict(meta)
    if credit:
        meta["credit"] = credit
    return _meta_str(meta, "source") or page_outlet, meta


def _meta_str(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    return str(value) if value not in (None, "") else None
