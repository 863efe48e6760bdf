"""HTML pages: main text and metadata through trafilatura, then the line-role cleaner.

trafilatura drops menus and footers; what it keeps still holds bylines, captions and related
links, so its text goes through the same rules as a plain-text page, with the HTML title known.
Metadata fills what the text does not say: ``date`` → ``meta["published"]`` (raw, as found),
``author`` → byline when the text has none, ``sitename`` → source when no source line or lead
tag names one, ``url`` → url. Runs offline.
"""

from __future__ import annotations

from typing import Any

from thoisu.clean.page import clean_text
from thoisu.model import Article, RawPage
from thoisu.settings import Settings


def extract_html(html: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """Main text and metadata of an HTML page; ``("", {})`` when nothing could be extracted."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=True, favor_recall=True)
    if doc is None:
        # Too little main content for trafilatura's checks: fall back to all visible text.
        return trafilatura.html2txt(html) or visible_text(html), {}
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)  # type: ignore[call-overload]
    meta = {key: data.get(key) for key in ("title", "author", "sitename", "date", "url",
                                           "description", "hostname")}
    return str(data.get("text") or ""), {k: v for k, v in meta.items() if v}


_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th",
           "figcaption", "blockquote", "section", "article", "header", "footer", "title"}


def visible_text(html: str) -> str:
    """The text of an HTML fragment, a line per block element; scripts and styles dropped."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
    return str(root.text_content())


def _without_site(title: str, site: str) -> str:
    """ "Cầu mới thông xe - Báo Gió" → "Cầu mới thông xe" when the site is "Báo Gió"."""
    if site:
        for sep in (" - ", " | ", " – ", " — "):
            if title.lower().endswith((sep + site).lower()):
                return title[: -len(sep + site)].strip()
    return title


def clean_html(page: RawPage, settings: Settings) -> list[Article]:
    """The articles of an HTML page (usually one)."""
    text, found = extract_html(page.html or "", url=page.meta.get("url"))
    meta = dict(page.meta)
    # What the input said wins over what was guessed from the HTML.
    for ours, theirs in (("title", "title"), ("url", "url"), ("published", "date"),
                         ("source", "sitename"), ("author", "author")):
        if not meta.get(ours) and found.get(theirs):
            meta[ours] = found[theirs]
    title = _without_site(str(meta.get("title") or ""), str(meta.get("source") or ""))
    articles = clean_text(text, settings, page.origin, meta,
                          known_title=str(title) if title else None)
    for article in articles:
        if article.byline is None and meta.get("author"):
            article.byline = str(meta["author"])
    return articles
