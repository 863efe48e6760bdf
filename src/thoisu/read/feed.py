"""Feeds (``.rss``, ``.atom``, ``.xml``): one page per RSS item or Atom entry.

RSS 2.0 (and RSS 1.0, whose items sit beside the channel) and Atom 1.0. A page's HTML is the
item's full content when the feed gives it (``content:encoded``, Atom ``content``), else its
``description`` / ``summary``, inside ``<html><body>`` (see :func:`as_document`); Atom
``type="text"`` content becomes ``RawPage.text``. ``meta``
holds ``title``, ``url`` (the link), ``published`` (``pubDate``, ``dc:date``, Atom ``published``
or else ``updated``; the raw string, parsed later), ``source`` (the channel or feed title),
``id`` (``guid`` / Atom ``id``) and ``author`` when given. ``Origin.line`` is the item number
(from 1) and ``Origin.id`` its id.

The XML is parsed with defusedxml, so entity expansion and external entities are refused. HTML
named entities that feeds often leave undeclared (``&nbsp;``) are read as the characters they
name. Bytes are decoded like any other input (see :mod:`thoisu.read.encoding`), honouring the
``encoding`` of the ``<?xml ?>`` declaration.
"""

from __future__ import annotations

import html
import html.entities
import re
from collections.abc import Callable, Iterator
from typing import Any
from xml.etree.ElementTree import Element, ParseError, tostring

from thoisu.model import Origin, Problem, RawPage
from thoisu.read.text import decode_or_problem

ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RSS1 = "http://purl.org/rss/1.0/"
FEED_ROOTS = frozenset({"rss", "feed", "RDF"})  # local names: RSS 2.0, Atom, RSS 1.0 (RDF)

_XML_ENCODING = re.compile(
    rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_TAG = re.compile(r"<[^>]+>")
_DOCUMENT = re.compile(r"<(?:html|body)[\s>]", re.I)


def invalid_feed(path: str, detail: str) -> Problem:
    return Problem(path, f"not a valid RSS or Atom feed ({detail}); check the file",
                   kind="failed")


def not_a_feed(path: str, root: str) -> Problem:
    return Problem(path, f"XML, but not an RSS or Atom feed (its root is <{root}>); "
                   "nothing to read", kind="skipped")


def no_items(path: str) -> Problem:
    return Problem(path, "feed has no items; nothing to read", kind="skipped")


def no_content(path: str, line: int) -> Problem:
    return Problem(path, "feed item has no content (no description, content or summary); "
                   "nothing to read", line=line, kind="skipped")


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _declared_encoding(data: bytes) -> str | None:
    match = _XML_ENCODING.match(data[:512])
    return match.group(1).decode("ascii") if match else None


def _html_entities_as_numbers(text: str) -> str:
    """``&nbsp;`` → ``&#160;``: HTML names XML does not know, as character references."""

    def number(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in _XML_ENTITIES:
            return match.group(0)
        chars = html.entities.html5.get(name + ";")
        return "".join(f"&#{ord(c)};" for c in chars) if chars else match.group(0)

    return _ENTITY.sub(number, text)


def _parse(text: str) -> Element:
    from defusedxml.ElementTree import fromstring

    try:
        root: Element = fromstring(text)
    except ParseError as exc:
        if "undefined entity" not in str(exc):
            raise
        root = fromstring(_html_entities_as_numbers(text))
    return root


def _child(parent: Element, name: str, ns: str | None = None) -> Element | None:
    """The first child called ``name`` in namespace ``ns``; None: RSS's own (none, or 1.0's).

    So an RSS item's ``<atom:link>`` or ``<media:title>`` is never taken for its ``<link>``.
    """
    wanted = {f"{{{ns}}}{name}"} if ns is not None else {name, f"{{{RSS1}}}{name}"}
    return next((child for child in parent if child.tag in wanted), None)


def _text(parent: Element, name: str, ns: str | None = None) -> str | None:
    found = _child(parent, name, ns)
    if found is None:
        return None
    value = "".join(found.itertext()).strip()
    return value or None


def _plain(element: Element | None) -> str | None:
    """Text of an Atom text construct; ``type="html"`` markup and entities removed."""
    if element is None:
        return None
    value = "".join(element.itertext())
    if element.get("type") == "html":
        value = html.unescape(_TAG.sub(" ", value))
    value = " ".join(value.split())
    return value or None


def _inner_xhtml(element: Element) -> str:
    """The markup inside an Atom ``type="xhtml"`` element, without namespace prefixes."""
    parts = [html.escape(element.text or "", quote=False)]
    for child in element:
        for node in child.iter():
            if isinstance(node.tag, str):
                node.tag = _local(node.tag)
        parts.append(tostring(child, encoding="unicode", method="html"))
    return "".join(parts)


def _atom_body(entry: Element) -> tuple[str, str] | None:
    """``("html", markup)`` or ``("text", text)`` of an Atom entry's content or summary."""
    for name in ("content", "summary"):
        element = _child(entry, name, ATOM)
        if element is None:
            continue
        kind = element.get("type", "text")
        body = _inner_xhtml(element) if kind == "xhtml" else "".join(element.itertext())
        if body.strip():
            return ("text", body) if kind == "text" else ("html", body)
    return None


def _atom_link(entry: Element) -> str | None:
    links = [e for e in entry if e.tag == f"{{{ATOM}}}link" and e.get("href")]
    best = next((e for e in links if e.get("rel", "alternate") == "alternate"), None)
    chosen = best if best is not None else (links[0] if links else None)
    return chosen.get("href") if chosen is not None else None


def _atom_author(entry: Element) -> str | None:
    author = _child(entry, "author", ATOM)
    return _text(author, "name", ATOM) if author is not None else None


def _atom_entry(entry: Element) -> tuple[tuple[str, str] | None, dict[str, Any]]:
    meta = {
        "title": _plain(_child(entry, "title", ATOM)),
        "url": _atom_link(entry),
        "published": _text(entry, "published", ATOM) or _text(entry, "updated", ATOM),
        "id": _text(entry, "id", ATOM),
        "author": _atom_author(entry),
    }
    return _atom_body(entry), meta


def _rss_item(item: Element) -> tuple[tuple[str, str] | None, dict[str, Any]]:
    body = None
    for name, ns in (("encoded", CONTENT), ("description", None)):
        element = _child(item, name, ns)
        value = "".join(element.itertext()) if element is not None else ""
        if value.strip():
            body = ("html", value)
            break
    meta = {
        "title": _text(item, "title"),
        "url": _text(item, "link"),
        "published": _text(item, "pubDate") or _text(item, "date", DC),
        "id": _text(item, "guid") or item.get(f"{{{RDF}}}about"),
        "author": _text(item, "creator", DC) or _text(item, "author"),
    }
    return body, meta


def read_feed(data: bytes, path: str) -> Iterator[RawPage | Problem]:
    """Pages (one per item or entry) and problems of an RSS or Atom feed, in feed order.

    >>> rss = ('<rss version="2.0"><channel><title>Tin nhanh</title><item><title>Hà Nội mưa'
    ...        '</title><description>&lt;p&gt;Mưa lớn.&lt;/p&gt;</description></item>'
    ...        '</channel></rss>').encode()
    >>> [(p.meta["title"], p.meta["source"], p.html) for p in read_feed(rss, "tin.rss")]
    [('Hà Nội mưa', 'Tin nhanh', '<html><body><p>Mưa lớn.</p></body></html>')]
    """
    decoded = decode_or_problem(data, path, _declared_encoding(data))
    if isinstance(decoded, Problem):
        yield decoded
        return
    text, codec = decoded
    try:
        root = _parse(text)
    except (ParseError, ValueError) as exc:  # defusedxml refusals are ValueErrors
        yield invalid_feed(path, str(exc) or type(exc).__name__)
        return
    kind = _local(root.tag)
    read_item: Callable[[Element], tuple[tuple[str, str] | None, dict[str, Any]]]
    if kind not in FEED_ROOTS:
        yield not_a_feed(path, kind)
        return
    if kind == "feed":
        source = _plain(_child(root, "title", ATOM))
        items = [e for e in root if e.tag == f"{{{ATOM}}}entry"]
        read_item = _atom_entry
    else:
        channel = next((e for e in root.iter() if e.tag in ("channel", f"{{{RSS1}}}channel")),
                       None)
        source = _text(channel, "title") if channel is not None else None
        items = [e for e in root.iter() if e.tag in ("item", f"{{{RSS1}}}item")]
        read_item = _rss_item
    if not items:
        yield no_items(path)
        return
    for number, item in enumerate(items, start=1):
        body, found = read_item(item)
        if body is None:
            yield no_content(path, number)
            continue
        meta = {k: v for k, v in found.items() if v}
        if source:
            meta["source"] = source
        origin = Origin(path, line=number, id=meta.get("id"))
        kind_of_body, value = body
        if kind_of_body == "html":
            value = as_document(value)
        yield RawPage(origin=origin, meta=meta, encoding=codec, **{kind_of_body: value})


def as_document(fragment: str) -> str:
    """An item's HTML as a page: ``<html><body>`` around it, unless it has its own.

    trafilatura reads a bare fragment differently from a page: it keeps the source's line
    breaks inside a paragraph, and the cleaner would then take each piece for a line.
    """
    if _DOCUMENT.search(fragment[:2048]):
        return fragment
    return f"<html><body>{fragment}</body></html>"
