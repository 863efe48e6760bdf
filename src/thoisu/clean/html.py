"""HTML pages: the article container, trafilatura's main text of it, then only certain
boilerplate removed; markup for the rest.

The markup is sanitised and bounded first (:mod:`thoisu.clean.html_bounds`); the article's
container is chosen from the markup before any line is removed
(:mod:`thoisu.clean.html_container`), so a long footer, a comments section or a list of
teasers never becomes the article; without a trusted container, trafilatura's own output of
the whole page (its defaults) is the text. A page the HTML path fails on is cleaned as text.
What trafilatura keeps may still hold a share prompt, a related-news block or the title
printed again: a line is removed only for a named, certain reason (:data:`REMOVE_RULES`);
a line that merely *looks* like a caption is never dropped. A photo story's captioned photos
are its text: "… kẹt xe trong đêm (Ảnh: Minh An)." stays a paragraph and its credit goes to
``meta["credits"]``.

What the markup says beyond trafilatura (see :mod:`thoisu.clean.html_meta`):

- the sapo element next to the title becomes the lead (``lead.sapo_element``); else the
  ``og:description`` / meta description when it opens the article (``lead.description``:
  it is not the start of the first paragraph and shares its subject with the body);
- ``h2``–``h6`` lines are subheadings, ``figcaption`` texts captions (in the body when the
  captions carry a photo story);
- title (JSON-LD headline, ``og:title``, ``h1``, ``<title>``; scripts never included), author,
  section, tags, canonical URL and dates go to ``Article.meta`` with ``meta["field_sources"]``
  naming the markup that gave each field. What the input said wins.
A page for which trafilatura returns text is never reported as only boilerplate. Runs offline.
"""

from __future__ import annotations

import re
from typing import Any

from thoisu.clean import patterns as P
from thoisu.clean.build import outlet_and_credit, strip_closer, strip_outlet_prefix
from thoisu.clean.features import LineInfo, make_infos
from thoisu.clean.flat import UI_TEXT
from thoisu.clean.html_bounds import bound_markup, sanitize
from thoisu.clean.html_meta import (
    element_text,
    figcaptions,
    markup_texts,
    page_metadata,
    parse_html,
    text_key,
)
from thoisu.clean.html_text import (
    HtmlPathFailed,
    article_text,
    extract_html,
    markup_as_text,
    visible_text,
)
from thoisu.clean.identity import content_id
from thoisu.clean.normalize import normalize_line, normalize_text
from thoisu.clean.rules import is_breadcrumb, local_rule, source_of
from thoisu.clean.split import similar_titles
from thoisu.model import Article, Line, RawPage, Removed, Role
from thoisu.settings import Settings

# The local rules whose verdict is certain enough to remove a line trafilatura kept.
REMOVE_RULES = frozenset({
    "boilerplate.comments", "boilerplate.follow_call", "boilerplate.related_header",
    "boilerplate.widget", "boilerplate.footer", "boilerplate.timestamp", "boilerplate.credit",
    "boilerplate.link", "photo.placeholder",
})
# A credit at the end of a caption: "(Ảnh: Hải Long).", "Ảnh: Reuters", "(Ảnh minh họa)".
CREDIT_TAIL = re.compile(
    r"\s*[(\[]\s*(?P<credit>(?:ảnh|nguồn ảnh|hình|đồ họa|video|clip)(?:\s+minh\s+họa)?"
    r"(?:\s*:[^()\[\]]*)?)[)\]]\s*(?P<end>[.!?…]?)\s*$"
    r"|\s+[-–—|]?\s*(?P<credit2>(?:ảnh|nguồn ảnh)\s*:\s*[^.:]{1,40}?)\s*(?P<end2>\.?)\s*$",
    re.I,
)
# A figure caption this long, ending in a full stop, narrates rather than labels.
NARRATIVE_CAPTION_WORDS = 12
# Figure captions compared with the text (each against all of it): a photo story has dozens.
MAX_FIGCAPTIONS = 300


def split_credit(text: str) -> tuple[str, str | None]:
    """A caption without its photo credit, and the credit.

    >>> split_credit("Xe cộ kẹt cứng trong đêm Noel (Ảnh: Hải Long).")
    ('Xe cộ kẹt cứng trong đêm Noel.', 'Ảnh: Hải Long')
    >>> split_credit("Cầu Rồng phun lửa. Ảnh: Minh An")
    ('Cầu Rồng phun lửa.', 'Ảnh: Minh An')
    """
    m = CREDIT_TAIL.search(text)
    if not m or m.start() == 0:
        return text, None
    credit = (m.group("credit") or m.group("credit2") or "").strip()
    end = m.group("end") or m.group("end2") or ""
    head = text[:m.start()].rstrip()
    if end and not head.endswith((".", "!", "?", "…")):
        head += end
    return head, credit


def _without_site(title: str, site: str) -> str:
    """ "Cầu mới thông xe - Báo Gió" → "Cầu mới thông xe" when the site is "Báo Gió"."""
    for sep in (" - ", " | ", " – ", " — "):
        if site and title.lower().endswith((sep + site).lower()):
            return title[: -len(sep + site)].strip()
    # "Cầu mới thông xe | VnExpress": a short last piece after a bar names the site.
    if " | " in title:
        head, _, tail = title.rpartition(" | ")
        if len(tail.split()) <= 4 and len(head.split()) >= 3:
            return head.strip()
    return title


def _merge_meta(page: RawPage, found: dict[str, Any]) -> dict[str, Any]:
    """The input's meta, completed by what the markup says; ``field_sources`` for each."""
    meta = dict(page.meta)
    sources: dict[str, str] = dict(meta.get("field_sources") or {})
    for key in list(meta):
        if key != "field_sources" and meta[key] not in (None, ""):
            sources.setdefault(key, "input")
    found_sources = found.get("field_sources", {})
    for ours, theirs in (("title", "title"), ("url", "canonical"), ("published", "published"),
                         ("source", "sitename"), ("author", "author"), ("section", "section"),
                         ("tags", "tags"), ("canonical", "canonical"), ("modified", "modified"),
                         ("description", "description")):
        if meta.get(ours) in (None, "", []) and found.get(theirs):
            meta[ours] = found[theirs]
            sources[ours] = found_sources.get(theirs, "html")
    if found.get("published"):
        meta["html_published"] = found["published"]
        sources["html_published"] = found_sources.get("published", "html")
    meta["field_sources"] = sources
    return meta


def _opens_article(description: str, first: str, body: list[str]) -> bool:
    """Whether a meta description is the article's lead rather than a copy of its start.

    It must be a real sentence (8+ words), not the first paragraph's beginning (a copy cut
    off by the CMS) nor a copy of any paragraph, and share its subject with the body (most of
    its words appear there; a site's generic description does not).
    """
    words = description.split()
    if len(words) < 8:
        return False
    key = text_key(description.rstrip(".… "))
    if not key or key[:60] in text_key(first) or any(key in text_key(p) for p in body):
        return False
    own = {text_key(w) for w in words} - {""}
    body_words = {text_key(w) for p in body for w in p.split()}
    return sum(1 for w in own if w in body_words) >= 0.6 * len(own)


def clean_html(page: RawPage, settings: Settings) -> list[Article]:
    """The article of an HTML page (a list of one, or empty when the page has no text).

    The markup is sanitised and cut to ``settings.html_max_blocks`` / ``html_max_nodes``
    first (:mod:`thoisu.clean.html_bounds`); a page the HTML path fails on is cleaned as text
    instead of being lost.
    """
    html = sanitize(page.html or "")
    html, cut = bound_markup(html, settings.html_max_blocks, settings.html_max_nodes)
    try:
        articles = _clean_markup(page, html, settings)
    except Exception as exc:  # lxml or trafilatura failing on odd markup must not lose a page
        raise HtmlPathFailed(markup_as_text(html), f"the HTML path failed ({type(exc).__name__}: "
                             f"{exc}); the page was cleaned as text", [cut] if cut else []) from exc
    if cut:
        for article in articles:
            article.problems.append(cut)
    return articles


def _clean_markup(page: RawPage, html: str, settings: Settings) -> list[Article]:
    root = parse_html(html)
    found = page_metadata(root)
    text, text_source = article_text(root, page.meta.get("url"), found)
    meta = _merge_meta(page, found)
    meta["field_sources"]["text"] = text_source
    style = settings.tone_style
    title = normalize_line(_without_site(str(meta.get("title") or ""),
                                         str(meta.get("source") or "")), style)
    marks = markup_texts(root)
    infos = make_infos(normalize_text(text, style))
    if not any(not i.blank for i in infos):
        return []
    roles = _roles(infos, title, marks)
    credits: list[str] = []
    captions: list[str] = []
    paragraphs: list[str] = []
    lead = ""
    byline: list[str] = []
    credit: str | None = None  # "Theo X": where the text was taken from, not this page's outlet
    lines: list[Line] = []
    removed: list[Removed] = []
    for info, (role, rule) in zip(infos, roles, strict=True):
        lines.append(Line(info.number, info.text, role, rule))
        if role is Role.BLANK:
            continue
        if not role.kept:
            removed.append(Removed(info.text, role.value, rule, info.number))
            if rule == "boilerplate.credit":
                credits.append(info.text.strip(" ()."))
            continue
        body, credit = split_credit(info.text)
        if credit:
            credits.append(credit)
        if role is Role.CAPTION:
            captions.append(body.strip(" |"))  # a picture table cell: "| Cầu mới. |"
        elif role is Role.BYLINE:
            byline.append(P.BYLINE_PREFIX.sub("", info.text))
        elif role is Role.SOURCE:
            credit = credit or source_of(info.text)
        elif role is Role.LEAD:
            lead = body
        else:
            paragraphs.append(strip_closer(body))
    sapo_rule = _sapo(found, meta, infos, roles, lead, paragraphs, style)
    if sapo_rule is not None:
        lead, paragraphs, rule_name = sapo_rule
        meta["field_sources"]["lead"] = rule_name
        # The explanation follows: the markup's sapo opens the lines (line 0: it is not in
        # trafilatura's text), the old first paragraph is body, a copy of the sapo goes.
        for k, ln in enumerate(lines):
            if ln.role is Role.LEAD:
                lines[k] = Line(ln.number, ln.text, Role.BODY, "body.paragraph")
            if ln.role in (Role.BODY, Role.SUBHEADING) and _same_text(ln.text, lead):
                lines[k] = Line(ln.number, ln.text, Role.BOILERPLATE, "boilerplate.sapo_copy")
                removed.append(Removed(ln.text, "boilerplate", "boilerplate.sapo_copy",
                                       ln.number))
        lines.insert(0, Line(0, lead, Role.LEAD, rule_name.split(" ")[0]))
    elif lead:
        meta["field_sources"]["lead"] = "first paragraph of the main text"
    lead, outlet = strip_outlet_prefix(lead) if lead else ("", None)
    _add_figcaptions(root, captions, paragraphs, credits, style, infos)
    if not lead and not paragraphs:
        # trafilatura found text and every line of it matched a rule: keep it rather than
        # call a page with text "only boilerplate".
        paragraphs = [r.text for r in removed if r.rule not in ("boilerplate.comments",)]
        problems = ["every line matched a boilerplate rule; kept as text"] if paragraphs else []
    else:
        problems = [] if paragraphs else ["no body paragraphs after the lead"]
    if credits:
        meta["credits"] = credits
    source, meta = outlet_and_credit(meta, outlet, credit)
    article = Article(
        id=content_id(title, lead, paragraphs), origin=page.origin, title=title, lead=lead,
        paragraphs=paragraphs, captions=captions,
        byline=", ".join(byline) if byline else (str(meta["author"]) if meta.get("author")
                                                 else None),
        source=source,
        url=str(meta["url"]) if meta.get("url") else None,
        removed=removed, lines=lines, meta=meta, problems=problems)
    if not byline and meta.get("author"):
        meta["field_sources"].setdefault("byline", meta["field_sources"].get("author", "html"))
    return [article] if (article.lead or article.paragraphs) else []


Verdict = tuple[Role, str]


def _roles(infos: list[LineInfo], title: str, marks: dict[str, set[str]]) -> list[Verdict]:
    """The role and rule of every line of trafilatura's text."""
    title_key = text_key(title)
    out: list[Verdict] = []
    local = [local_rule(i) if not i.blank else (Role.BLANK, "blank") for i in infos]
    last_text = max((k for k, i in enumerate(infos)
                     if not i.blank and (local[k] is None or local[k][0] in (
                         Role.CAPTION,))), default=-1)
    seen_text = False
    in_related = in_comments = False
    for k, info in enumerate(infos):
        verdict = local[k]
        key = text_key(info.text)
        if info.blank:
            out.append((Role.BLANK, "blank"))
            continue
        if in_comments:
            out.append((Role.BOILERPLATE, "boilerplate.comments"))
            continue
        if title_key and (key == title_key or (not seen_text and similar_titles(info.text, title)
                                               and info.heading_like)):
            out.append((Role.BOILERPLATE, "boilerplate.repeated_title"))
            continue
        if verdict is not None and verdict[1] in REMOVE_RULES and _certain(
                verdict[1], info, k, last_text):
            rule = verdict[1]
            if rule == "boilerplate.comments":
                in_comments = True
            if rule == "boilerplate.related_header":
                in_related = True
            out.append((Role.PHOTO if rule == "photo.placeholder" else Role.BOILERPLATE, rule))
            continue
        if UI_TEXT.fullmatch(info.text.strip(" .")):
            out.append((Role.BOILERPLATE, "boilerplate.ui_text"))  # "Nguồn: [Link nguồn]"
            continue
        if in_related:
            # Titles under a related-news header: links, or short lines without a full stop.
            if key in marks["link"] and info.words <= 30:
                out.append((Role.BOILERPLATE, "boilerplate.related_list"))
                continue
            in_related = False
        if not seen_text and info.words <= 14 and not info.sentence_end and is_breadcrumb(
                info.text):
            out.append((Role.BOILERPLATE, "boilerplate.navigation"))
            continue
        if verdict is not None and verdict[0] in (Role.BYLINE, Role.SOURCE) and (
                not seen_text or k > last_text):
            out.append((verdict[0], ("closing." if seen_text else "top.") + verdict[0].value))
            continue
        if key in marks["figcaption"] and len(info.text.strip(" |").split()) < (
                NARRATIVE_CAPTION_WORDS):  # "| Dã quỳ nở rộ. |": a table cell as extracted
            out.append((Role.CAPTION, "caption.figcaption"))
            continue
        if key in marks["heading"] or (info.heading_like and not info.sentence_end
                                       and info.words <= 20 and _paragraph_follows(infos, k)):
            out.append((Role.SUBHEADING, "subheading.markup" if key in marks["heading"]
                        else "subheading.before_paragraph"))
            seen_text = True
            continue
        if not seen_text and info.paragraph_like:
            out.append((Role.LEAD, "lead.first_paragraph"))
        elif verdict is not None and verdict[0] is Role.CAPTION:
            out.append((Role.BODY, "body.photo_text"))  # a captioned photo carries the story
        else:
            out.append((Role.BODY, "body.paragraph"))
        seen_text = True
    return out


_FOOTER_SURE = re.compile(r"©|\(c\)\s*(?:19|20)\d\d|copyright|all rights reserved|bản quyền thuộc",
                          re.I)


def _certain(rule: str, info: LineInfo, k: int, last_text: int) -> bool:
    """Whether a local rule's verdict is certain here, in text trafilatura chose to keep.

    A footer notice is, only with a copyright mark or at the end of the text ("Giấy phép
    xuất bản của tạp chí bị thu hồi." mid-article is news); a related-news header only when
    short or ending in a colon ("Xem thêm các điểm đến dưới đây" opens the article's list).
    """
    if rule == "boilerplate.footer":
        return bool(_FOOTER_SURE.search(info.text)) or k >= last_text - 1
    if rule == "boilerplate.related_header":
        return info.words <= 5 or info.text.rstrip().endswith(":")
    return True


def _paragraph_follows(infos: list[LineInfo], k: int) -> bool:
    for j in range(k + 1, len(infos)):
        if not infos[j].blank:
            return infos[j].paragraph_like
    return False


def _same_text(a: str, b: str) -> bool:
    """The same paragraph up to a dateline, an outlet tag or a few words (token overlap)."""
    ka, kb = text_key(a), text_key(b)
    if ka == kb or (min(len(ka), len(kb)) > 20 and (ka in kb or kb in ka)):
        return True
    ta = {w.lower() for w in re.findall(r"[^\W_]+", a)}
    tb = {w.lower() for w in re.findall(r"[^\W_]+", b)}
    return bool(ta and tb) and len(ta & tb) / len(ta | tb) >= 0.8


def _sapo(found: dict[str, Any], meta: dict[str, Any], infos: list[LineInfo],
          roles: list[Verdict], lead: str, paragraphs: list[str],
          style: str) -> tuple[str, list[str], str] | None:
    """The lead from the sapo element or the description, and the body without its copy."""
    sources = found.get("field_sources", {})
    sapo = normalize_line(str(found.get("sapo") or ""), style)
    body = ([lead] if lead else []) + paragraphs
    if sapo:
        rest = [p for p in body if not _same_text(p, sapo)]
        return sapo, rest, f"lead.sapo_element ({sources.get('sapo', 'sapo')})"
    description = normalize_line(str(found.get("description") or ""), style)
    if description and body and _opens_article(description, body[0], body):
        return description, body, f"lead.description ({sources.get('description')})"
    return None


def _add_figcaptions(root: Any, captions: list[str], paragraphs: list[str], credits: list[str],
                     style: str, infos: list[LineInfo]) -> None:
    """Figure captions trafilatura left out: captions, or text when they carry the story."""
    have = {text_key(c) for c in captions} | {text_key(p) for p in paragraphs}
    have |= {text_key(split_credit(i.text)[0]) for i in infos if not i.blank}
    found = []
    for raw in figcaptions(root)[:MAX_FIGCAPTIONS]:
        text, credit = split_credit(normalize_line(raw, style))
        key = text_key(text)
        if not key or key in have or any(key in h for h in have if len(key) > 30):
            continue
        have.add(key)
        found.append((text, credit))
    if not found:
        return
    body_words = sum(len(p.split()) for p in paragraphs)
    caption_words = sum(len(t.split()) for t, _ in found)
    photo_story = caption_words >= body_words
    for text, credit in found:
        if credit:
            credits.append(credit)
        narrative = len(text.split()) >= NARRATIVE_CAPTION_WORDS and text.endswith(
            (".", "!", "?", "…", '"', "”"))
        if photo_story and narrative:
            paragraphs.append(text)
        else:
            captions.append(text)


__all__ = ["clean_html", "element_text", "extract_html", "split_credit", "visible_text"]
