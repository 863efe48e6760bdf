"""The main text of an HTML page: from the article container when the markup shows one with
confidence, else trafilatura's own output of the whole page; the page's visible text when
trafilatura finds none; the page read as text when the HTML path fails.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from thoisu.clean.html_container import PARAGRAPH_WORDS, find_container, furniture_inside
from thoisu.clean.html_meta import page_metadata, parse_html, text_key, title_element


def extract_html(html: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """trafilatura's main text of a page and the page's metadata (see :func:`page_metadata`).

    The text is ``""`` when trafilatura finds none and the page's visible text is empty too.
    """
    root = parse_html(html)
    return _main_text(root, url), page_metadata(root)


def article_text(root: Any, url: str | None, found: dict[str, Any]) -> tuple[str, str]:
    """The main text and how it was found: from the article container when the markup shows
    one with confidence (:mod:`thoisu.clean.html_container`), else the whole page's."""
    if root is None:
        return "", "no markup"
    title = title_element(root, found.get("title"))
    sapo = " ".join(str(found.get("sapo") or "").split()).lower()
    container = find_container(root, title, frozenset({sapo}) if sapo else frozenset())
    if container is None or not container.confident:
        # no element holds the article with confidence: trafilatura's own choice, with its
        # defaults (the anchor), and only certain boilerplate removed after it
        return _main_text(root, url, recall=False), "whole page"
    part = copy.deepcopy(container.element)
    inner_title = None
    if title is not None:
        # the copy's own title element, so that its column is not dropped as furniture
        path = []
        node = title
        while node is not container.element and node.getparent() is not None:
            path.append(node.getparent().index(node))
            node = node.getparent()
        if node is container.element:
            inner_title = part
            for k in reversed(path):
                inner_title = inner_title[k]
    for bad in furniture_inside(part, inner_title):
        bad.drop_tree()
    import lxml.html

    doc = lxml.html.fromstring("<html><body></body></html>")
    if title is not None and inner_title is None:
        # the title above the container, as on the page: without it the extractor takes the
        # container's first subheading for the title and leaves it out
        head = copy.deepcopy(title)
        head.tail = None
        doc.find("body").append(head)
        for el in container.found_apart[:1]:  # the sapo, when it stands outside too
            if container.element not in el.iterancestors():
                sapo_copy = copy.deepcopy(el)
                sapo_copy.tail = None
                doc.find("body").append(sapo_copy)
    doc.find("body").append(part)
    text = _main_text(doc, url)
    shown = visible_text(doc)
    if len(text.split()) < 0.7 * len(shown.split()):
        text = shown  # the extractor dropped much of the container's own text
    else:
        text = _with_dropped_paragraphs(text, shown)
    return text, f"article container {container.path}"


_SENTENCE_END = (".", "!", "?", "…", '"', "”", ":")


def _with_dropped_paragraphs(text: str, shown: str) -> str:
    """``text`` (the extractor's) with the full paragraphs of the container it left out put
    back in place: lines of 12+ words ending a sentence, after the last line both share.
    """
    lines = text.split("\n")
    have = {text_key(x) for x in lines} - {""}
    after: dict[str, list[str]] = {}
    anchor = ""
    for raw in shown.split("\n"):
        line = " ".join(raw.split())
        key = text_key(line)
        if not key:
            continue
        if key in have:
            anchor = key
        elif len(line.split()) >= PARAGRAPH_WORDS and line.endswith(_SENTENCE_END):
            after.setdefault(anchor, []).append(line)
            have.add(key)
    if not after:
        return text
    out = after.pop("", [])
    for line in lines:
        out.append(line)
        out.extend(after.pop(text_key(line), []))
    return "\n".join(out)


def _main_text(root: Any, url: str | None, recall: bool = True) -> str:
    import trafilatura

    if root is None:
        return ""
    doc = None
    try:
        doc = trafilatura.bare_extraction(copy.deepcopy(root), url=url, with_metadata=False,
                                          include_comments=False, include_tables=True,
                                          favor_recall=recall)
    except (ValueError, TypeError, RecursionError):
        doc = None
    if doc is not None:
        data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)  # type: ignore[call-overload]
        text = str(data.get("text") or "")
        if text.strip():
            return text
    return visible_text(root)


_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th",
           "figcaption", "blockquote", "section", "article", "header", "footer", "title"}


def visible_text(html: Any) -> str:
    """The text of an HTML fragment or tree, a line per block element; scripts dropped."""
    root = parse_html(html) if isinstance(html, str) else copy.deepcopy(html)
    if root is None:
        return ""
    if isinstance(root.tag, str) and root.tag.lower() in ("script", "style", "noscript",
                                                           "template", "head"):
        return ""  # the whole fragment is a script ("&nbsp;<script>" parses so)
    for bad in root.xpath("//script|//style|//noscript|//template|//head"):
        if bad.getparent() is not None:
            bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
    return str(root.text_content())



_SCRIPTS = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_BLOCK_TAG = re.compile(r"</?(?:p|div|li|h[1-6]|br|tr|td|th|figcaption|blockquote|section|"
                        r"article|header|footer|title)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<[^>]*>")


def markup_as_text(html: str) -> str:
    """The page's text with tags stripped, a line per block: what the text path reads when the
    HTML path failed."""
    import html as html_lib

    text = _ANY_TAG.sub("", _BLOCK_TAG.sub("\n", _SCRIPTS.sub(" ", html)))
    return html_lib.unescape(text)


class HtmlPathFailed(Exception):
    """The HTML path failed on odd markup: the page is to be cleaned as text instead
    (``text``), saying why (``problem``), never lost."""

    def __init__(self, text: str, problem: str, extra: list[str]) -> None:
        super().__init__(problem)
        self.text, self.problem, self.extra = text, problem, extra


__all__ = ["HtmlPathFailed", "article_text", "extract_html", "markup_as_text", "visible_text"]
