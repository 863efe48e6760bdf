"""What an HTML page's markup says beyond its main text: title, sapo, author, dates, tags.

``parse_html(html)`` parses a page of any depth (lxml ``huge_tree``, then wrappers nested
deeper than :data:`MAX_DEPTH` are unwrapped so later tools do not give up on it).
``page_metadata(root)`` returns the fields found, each with the path that produced it in
``found["field_sources"]`` (``"json-ld datePublished"``, ``"meta og:description"``,
``"sapo element p.description"`` ...), so a reader can check where a value came from.

The sapo (the bold lead under the title, the most important paragraph of a Vietnamese
article) is looked for in this order: an element whose class is in :data:`SAPO_CLASSES`
(the markup of major Vietnamese outlets, as data), then an element with ``itemprop``
``description``/``abstract``, then any element whose class *contains* ``sapo``, ``lead``,
``summary``, ``chapeau`` or ``description`` and that stands before the body text near the
title. ``og:description`` / meta description are kept as ``description``; the HTML cleaner
decides whether they open the article.

>>> root = parse_html('<html><head><meta property="og:title" content="Cầu mới thông xe">'
...                   '</head><body><h1>Cầu mới thông xe</h1><p class="description">Sáng 3/2,'
...                   ' cầu mới nối hai bờ sông chính thức thông xe sau hai năm.</p></body></html>')
>>> found = page_metadata(root)
>>> found["sapo"][:9], found["field_sources"]["sapo"]
('Sáng 3/2,', 'sapo element p.description')
"""

from __future__ import annotations

import json
import re
from typing import Any

# Unwrap wrapper elements nested deeper than this (libxml2 and trafilatura give up on very
# deep trees: text inside 254 nested <div>s used to vanish).
MAX_DEPTH = 120
_WRAPPERS = frozenset({"div", "span", "section", "article", "main", "font", "center", "b", "i",
                       "em", "strong", "u", "small", "big", "aside", "header", "footer", "nav",
                       "blockquote", "table", "tbody", "tr", "td", "ul", "ol", "li", "dl", "dd",
                       "dt", "form", "label", "figure", "a", "p"})

# Class names Vietnamese outlets give the sapo element (general knowledge of their markup;
# an outlet's class may change: the generic rules below catch the usual shapes too).
SAPO_CLASSES: dict[str, str] = {
    "description": "VnExpress-style <p class='description'>",
    "sapo": "Thanh Niên, Tuổi Trẻ, VCCorp sites (Kenh14, CafeF, Soha), SGGP",
    "detail-sapo": "Tuổi Trẻ, Thanh Niên detail pages",
    "singular-sapo": "Dân trí",
    "dt-news__sapo": "Dân trí (older layout)",
    "article__sapo": "VietnamPlus, Tiền Phong, VOV",
    "content-detail-sapo": "VietnamNet",
    "the-article-summary": "Zing/Znews",
    "sapo-detail": "Người Lao Động",
    "knc-sapo": "VCCorp (CafeF, GenK)",
    "chappeau": "Lao Động",
    "article-sapo": "various",
    "detail__summary": "various",
    "article-summary": "various",
    "news-sapo": "various",
    "box-sapo": "various",
    "lead-detail": "various",
    "cms-desc": "various",
    "text-sapo": "various",
}
_SAPO_HINT = re.compile(r"sapo|chap+eau|summary|(?:^|[-_])lead(?:$|[-_])|description|excerpt",
                        re.I)
SAPO_MIN_WORDS, SAPO_MAX_WORDS = 8, 150
# Elements after the title searched for the one printing the meta description.
DESCRIPTION_REACH = 400

_SPACE = re.compile(r"\s+")


def _clean(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def parse_html(html: str) -> Any:
    """An lxml tree of ``html`` whatever its depth; None when it holds no markup at all."""
    import lxml.html
    from lxml import etree

    from thoisu.clean.html_bounds import sanitize

    html = flatten_markup(sanitize(html))
    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True)
    try:
        root = lxml.html.fromstring(html, parser=parser)
    except ValueError:  # a str with an XML encoding declaration
        utf8 = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, encoding="utf-8")
        try:
            root = lxml.html.fromstring(html.encode("utf-8", "replace"), parser=utf8)
        except (etree.ParserError, ValueError):
            return None
    except etree.ParserError:
        return None
    flatten_deep(root)
    return root


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
# libxml2 stops building the tree past 2048 levels even with huge_tree: deeper markup is
# thinned as text before parsing.
MARKUP_DEPTH = 1000


def flatten_markup(html: str, limit: int = MARKUP_DEPTH) -> str:
    """``html`` with wrapper tags beyond ``limit`` levels removed (their text kept).

    >>> flatten_markup("<div>" * 5 + "chữ" + "</div>" * 5, 2).replace("\\n", "")
    '<div><div>chữ</div></div>'
    """
    if html.count("<") < limit:
        return html
    out: list[str] = []
    depth = 0
    pos = 0
    for m in _TAG.finditer(html):
        tag = m.group(2).lower()
        if tag not in _WRAPPERS or m.group(3):
            continue
        closing = bool(m.group(1))
        if closing:
            depth -= 1
            drop = depth >= limit
        else:
            drop = depth >= limit
            depth += 1
        if drop:
            out.append(html[pos:m.start()])
            out.append(" " if tag in ("span", "a", "b", "i", "em", "strong", "font") else "\n")
            pos = m.end()
    out.append(html[pos:])
    return "".join(out)


def flatten_deep(root: Any, limit: int = MAX_DEPTH) -> int:
    """Unwrap wrapper elements deeper than ``limit`` (their text and children stay in place).

    Returns how many were unwrapped.

    >>> import lxml.html
    >>> r = lxml.html.fromstring("<div>" * 10 + "<p>chữ</p>" + "</div>" * 10)
    >>> flatten_deep(r, 4), r.text_content()
    (6, 'chữ')
    """
    depth: dict[Any, int] = {root: 0}
    deep: list[Any] = []
    for el in root.iter():
        if el is root:
            continue
        parent = el.getparent()
        d = depth.get(parent, 0) + 1
        depth[el] = d
        if d > limit and isinstance(el.tag, str) and el.tag.lower() in _WRAPPERS:
            deep.append(el)
    for el in reversed(deep):
        if el.getparent() is not None:
            el.drop_tag()
    return len(deep)


def _metas(root: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = el.get("content")
        if key and value and key not in out:
            out[key] = _clean(value)
    return out


def _json_ld(root: Any) -> list[dict[str, Any]]:
    """The JSON-LD objects of the page (``@graph`` members flattened)."""
    out: list[dict[str, Any]] = []
    for el in root.iter("script"):
        if (el.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(el.text or "")
        except (ValueError, RecursionError):
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                out.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
    return out


def element_text(el: Any) -> str:
    """The visible text of an element: scripts, styles and templates left out."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag in ("script", "style", "noscript", "template"):
            if node.tail:
                parts.append(node.tail)
            return
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            walk(child)
        if node.tail and node is not el:
            parts.append(node.tail)
        if tag in ("br", "p", "div", "li"):
            parts.append(" ")

    walk(el)
    return _clean("".join(parts))


def _classes(el: Any) -> list[str]:
    return (el.get("class") or "").split()


def _names(value: Any) -> list[str]:
    """Author/keyword values of JSON-LD: a string, an object with ``name``, or a list."""
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def find_sapo(root: Any, title_el: Any | None = None) -> tuple[str, str] | None:
    """The sapo's text and the path that found it, or None."""
    body = root.find(".//body")
    scope = body if body is not None else root
    candidates = []
    after_title = title_el is None
    order = 0
    for el in scope.iter():
        if not isinstance(el.tag, str):
            continue
        order += 1
        if el is title_el:
            after_title = True
            continue
        tag = el.tag.lower()
        if tag in ("meta", "script", "style", "a", "img", "ul", "ol", "nav"):
            continue
        classes = _classes(el)
        known = next((c for c in classes if c.lower() in SAPO_CLASSES), None)
        prop = (el.get("itemprop") or "").lower()
        if known:
            rank, how = 0, f"sapo element {tag}.{known}"
        elif prop in ("description", "abstract"):
            rank, how = 1, f"sapo element {tag}[itemprop={prop}]"
        elif any(_SAPO_HINT.search(c) for c in classes) and after_title:
            hint = next(c for c in classes if _SAPO_HINT.search(c))
            rank, how = 2, f"sapo element {tag}.{hint} (class name)"
        else:
            continue
        if el.xpath("ancestor::a|ancestor::li|ancestor::nav|ancestor::aside|ancestor::footer"):
            continue  # a teaser's summary in a list, not this page's sapo
        text = element_text(el)
        words = len(text.split())
        if not SAPO_MIN_WORDS <= words <= SAPO_MAX_WORDS:
            continue
        links = sum(len(element_text(a)) for a in el.iter("a"))
        if links > 0.5 * len(text):
            continue
        candidates.append((rank, 0 if after_title else 1, order, text, how))
        if len(candidates) > 20:
            break
    if not candidates:
        return None
    best = min(candidates)
    return best[3], best[4]


def printed_description(root: Any, description: str,
                        title_el: Any | None) -> tuple[str, str] | None:
    """The element that prints the page's meta description in the body, near the title:
    the sapo, whatever its class. A description cut off with "..." matches the start."""
    want = text_key(description.rstrip(".… "))
    if len(want) < 30:
        return None
    body = root.find(".//body")
    seen_title = title_el is None
    looked = 0
    for el in (body if body is not None else root).iter():
        if el is title_el:
            seen_title = True
        if not seen_title or not isinstance(el.tag, str):
            continue
        looked += 1
        if looked > DESCRIPTION_REACH:
            break  # the sapo stands near the title; reading every element's text is quadratic
        if el.tag.lower() in ("script", "style", "a", "li", "meta", "html", "body"):
            continue
        text = element_text(el)
        key = text_key(text)
        if not key or len(key) > 2 * len(want) + 40:
            continue
        if key == want or (description.rstrip().endswith(("...", "…")) and key.startswith(want)):
            if el.xpath("ancestor::a|ancestor::li|ancestor::aside|ancestor::footer|ancestor::nav"):
                continue
            return text, f"sapo element {el.tag.lower()} printing the meta description"
    return None


def title_element(root: Any, wanted: str | None) -> Any | None:
    heads = [el for el in root.iter("h1")]
    if wanted:
        low = wanted.lower()
        for el in heads:
            text = element_text(el).lower()
            if text and (text in low or low in text):
                return el
    for el in heads:
        if len(element_text(el).split()) >= 4:
            return el
    return None


def page_metadata(root: Any) -> dict[str, Any]:
    """Title, sapo, description, author, section, tags, canonical URL, dates of a page.

    Every value found is a string (``tags`` a list); ``field_sources`` names, per field, the
    markup that gave it.
    """
    found: dict[str, Any] = {}
    sources: dict[str, str] = {}

    def put(field: str, value: Any, how: str) -> None:
        if value and field not in found:
            found[field] = value
            sources[field] = how

    if root is None:
        return {"field_sources": sources}
    metas = _metas(root)
    lds = [d for d in _json_ld(root)
           if any(k in d for k in ("headline", "datePublished", "articleSection"))]
    for ld in lds:
        kind = ld.get("@type")
        where = f"json-ld {kind if isinstance(kind, str) else 'object'}"
        put("title", _clean(ld.get("headline")) if isinstance(ld.get("headline"), str) else "",
            f"{where} headline")
        for key in ("datePublished", "dateCreated"):
            if isinstance(ld.get(key), str):
                put("published", ld[key].strip(), f"{where} {key}")
        if isinstance(ld.get("dateModified"), str):
            put("modified", ld["dateModified"].strip(), f"{where} dateModified")
        authors = _names(ld.get("author"))
        put("author", ", ".join(authors), f"{where} author")
        section = ld.get("articleSection")
        if isinstance(section, list):
            section = ", ".join(str(s) for s in section if s)
        put("section", _clean(section) if isinstance(section, str) else "",
            f"{where} articleSection")
        put("tags", _names(ld.get("keywords")), f"{where} keywords")
        if isinstance(ld.get("description"), str):
            put("description", _clean(ld["description"]), f"{where} description")
    for key in ("article:published_time", "og:article:published_time", "pubdate",
                "publishdate", "publish-date", "dc.date.issued", "dc.date", "date",
                "datepublished", "article.published", "sailthru.date", "parsely-pub-date",
                "cxenseparse:recs:publishtime"):
        put("published", metas.get(key), f"meta {key}")
    put("modified", metas.get("article:modified_time"), "meta article:modified_time")
    put("title", metas.get("og:title"), "meta og:title")
    put("description", metas.get("og:description"), "meta og:description")
    put("description", metas.get("description"), "meta description")
    put("author", metas.get("author") or metas.get("article:author"), "meta author")
    put("section", metas.get("article:section"), "meta article:section")
    keywords = [metas[k] for k in ("article:tag", "news_keywords", "keywords") if metas.get(k)]
    if keywords:
        put("tags", [t.strip() for t in keywords[0].split(",") if t.strip()], "meta keywords")
    put("sitename", metas.get("og:site_name"), "meta og:site_name")
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            put("canonical", link.get("href").strip(), "link rel=canonical")
    put("canonical", metas.get("og:url"), "meta og:url")
    for el in root.iter("time"):
        if el.get("datetime"):
            put("published", el.get("datetime").strip(), "time[datetime]")
            break
    title_el = title_element(root, found.get("title"))
    visible = _visible_date(root, title_el)
    if visible is not None:
        put("published", visible[0], visible[1])
    if title_el is not None:
        put("title", element_text(title_el), "h1")
    head_title = root.find(".//title")
    if head_title is not None:
        put("title", element_text(head_title), "title element")
    sapo = find_sapo(root, title_el)
    if sapo is None and found.get("description"):
        sapo = printed_description(root, str(found["description"]), title_el)
    if sapo is not None:
        put("sapo", sapo[0], sapo[1])
    found["field_sources"] = sources
    return found


_DATE_CLASS = re.compile(r"date|time|publish|ngay", re.I)
_DMY_TEXT = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d\d\b")


def _visible_date(root: Any, title_el: Any | None = None) -> tuple[str, str] | None:
    """The page's printed date line ("Thứ ba, 2/7/2019, 15:00 (GMT+7)"): an element whose
    class, ``id`` or ``data-role`` names a date or time and whose short text holds a full
    date, the nearest to the title (the first after it, else the last before it). Dates in
    lists, sidebars, links, the footer and the site's own header bar (which prints today's
    date) are passed over."""
    body = root.find(".//body")
    before: tuple[str, str] | None = None
    seen_title = title_el is None
    for el in (body if body is not None else root).iter():
        if el is title_el:
            seen_title = True
            continue
        if not isinstance(el.tag, str) or el.tag.lower() in ("script", "style"):
            continue
        marks = " ".join([*_classes(el), el.get("data-role") or "", el.get("id") or ""])
        if not _DATE_CLASS.search(marks):
            continue
        text = element_text(el)
        if len(text.split()) > 14 or not _DMY_TEXT.search(text):
            continue
        if el.xpath("ancestor::li|ancestor::aside|ancestor::footer|ancestor::a|ancestor::nav"):
            continue
        if el.xpath("ancestor::header") and not el.xpath("ancestor::article"):
            continue  # the site's header bar
        name = next((c for c in _classes(el) if _DATE_CLASS.search(c)), el.get("data-role"))
        found = (text, f"visible date {el.tag.lower()}.{name}")
        if seen_title:
            return found
        before = found
    return before


def _picture_table(table: Any, seen: dict[Any, bool]) -> bool:
    """A picture table (``table.picture``, ``table.image``, ``table.desc_image``: a photo in
    one row, its caption in the next); decided once per table."""
    if table is None:
        return False
    if table not in seen:
        seen[table] = (table.find(".//img") is not None and len(table.findall(".//tr")) <= 3
                       and len(element_text(table).split()) <= 60)
    return seen[table]


def markup_texts(root: Any) -> dict[str, set[str]]:
    """Texts of headings, figure captions and links, normalised, for the line roles."""
    out: dict[str, set[str]] = {"heading": set(), "figcaption": set(), "link": set()}
    tables: dict[Any, bool] = {}
    if root is None:
        return out
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag in ("h2", "h3", "h4", "h5", "h6"):
            out["heading"].add(text_key(element_text(el)))
        elif tag == "figcaption" or "caption" in " ".join(_classes(el)).lower() or (
                tag == "td" and el.find(".//img") is None and _picture_table(
                    next(el.iterancestors("table"), None), tables)):
            # a picture table's text cell is its caption
            out["figcaption"].add(text_key(element_text(el)))
        elif tag == "a":
            out["link"].add(text_key(element_text(el)))
    for values in out.values():
        values.discard("")
    return out


def figcaptions(root: Any) -> list[str]:
    """The text of every ``figcaption`` (and ``.caption``-class element) in page order."""
    if root is None:
        return []
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag.lower() == "figcaption" or any(
                c.lower() in ("caption", "image-caption", "photo-caption", "fig-caption",
                              "figure-caption", "desc_image", "expnoedit")
                for c in _classes(el)):
            if el.xpath("ancestor::figcaption|ancestor::aside|ancestor::nav|ancestor::footer"
                        "|ancestor::li|ancestor::a"):
                continue  # nested, or another article's picture in a list or sidebar
            text = element_text(el)
            if text and text not in out:
                out.append(text)
    return out


_KEY_DROP = re.compile(r"[\W_]+")


def text_key(text: str) -> str:
    """Text reduced for matching lines against markup: letters and digits, lower case."""
    import unicodedata

    return _KEY_DROP.sub("", unicodedata.normalize("NFC", text)).lower()
