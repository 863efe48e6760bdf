"""What a source is (feed, sitemap, sitemap index, page) and the article links it lists.

Feeds (RSS 0.9x/1.0/2.0, Atom) are read by feedparser, which forgives the broken XML outlets
often serve. Sitemaps (``<urlset>``, with Google News ``<news:news>`` entries) and sitemap
indexes (``<sitemapindex>``) are read with defusedxml; gzipped ones are unpacked.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element, ParseError

KINDS = ("feed", "sitemap", "page")  # a sitemap index is a "sitemap" whose document lists maps
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"

_ROOT = re.compile(rb"<\s*([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s>/]")
_COMMENTS = re.compile(rb"<!--.*?-->|<\?.*?\?>|<!DOCTYPE[^>]*>", re.S | re.I)


class NotASource(ValueError):
    """A document that is not what its source is said to be; the message says what it is."""


@dataclass
class Link:
    """An article URL a source listed, with what the listing said about it."""

    url: str
    title: str | None = None
    published: str | None = None  # as written (RFC 822 in RSS, ISO 8601 in Atom/sitemaps)
    lastmod: str | None = None  # a sitemap's <lastmod>


@dataclass
class Listing:
    """What one source document lists: article links, or (an index) other sitemaps."""

    links: list[Link]
    sitemaps: list[Link]
    title: str | None = None


def unpack(data: bytes, limit: int) -> bytes:
    """``data`` gunzipped when it is gzip (``sitemap.xml.gz``), never beyond ``limit`` bytes."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise NotASource(f"gzip data that cannot be unpacked ({exc})") from exc
    if len(out) > limit:
        raise NotASource(f"unpacks to more than {limit} bytes (fetch_max_bytes); "
                         "raise fetch_max_bytes to read it")
    return out


def root_name(data: bytes) -> str | None:
    """The local name of an XML document's root element (``rss``, ``feed``, ``urlset``)."""
    head = _COMMENTS.sub(b"", data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n"))
    match = _ROOT.search(head)
    return match.group(2).decode("ascii").lower() if match else None


def detect_kind(data: bytes, content_type: str = "") -> str:
    """``feed``, ``sitemap`` or ``page`` for a fetched document.

    >>> detect_kind(b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>')
    'feed'
    >>> detect_kind(b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>')
    'sitemap'
    >>> detect_kind(b'<!doctype html><html><head><title>Tin</title></head></html>')
    'page'
    """
    if data.startswith(b"\x1f\x8b"):
        try:
            data = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, 8192)
        except zlib.error as exc:
            raise NotASource(f"gzip data that cannot be unpacked ({exc})") from exc
    root = root_name(data)
    if root in ("rss", "feed", "rdf"):
        return "feed"
    if root in ("urlset", "sitemapindex"):
        return "sitemap"
    if root == "html" or "html" in content_type.lower():
        return "page"
    raise NotASource(f"neither a feed, a sitemap nor an HTML page (root element <{root}>, "
                     f"content type {content_type or 'not given'}); give --kind if you are sure")


def read_feed_links(data: bytes, headers: dict[str, str] | None = None) -> Listing:
    """The items of an RSS or Atom feed as links, in feed order.

    >>> rss = (b'<rss version="2.0"><channel><title>Tin m\\xe1\\xbb\\x9bi</title><item>'
    ...        b'<title>M\\xc6\\xb0a l\\xe1\\xbb\\x9bn</title><link>https://bao.vn/mua.html</link>'
    ...        b'<pubDate>Tue, 01 Dec 2026 07:00:00 +0700</pubDate></item></channel></rss>')
    >>> listing = read_feed_links(rss)
    >>> listing.title, [(x.url, x.title, x.published) for x in listing.links]
    ('Tin mới', [('https://bao.vn/mua.html', 'Mưa lớn', 'Tue, 01 Dec 2026 07:00:00 +0700')])
    """
    import feedparser

    parsed: Any = feedparser.parse(data, response_headers=dict(headers or {}))
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = getattr(parsed, "bozo_exception", None) or "no items and no feed version"
        raise NotASource(f"not a readable RSS or Atom feed ({reason})")
    links = []
    for entry in parsed.entries:
        url = _entry_link(entry)
        if url:
            published = entry.get("published") or entry.get("updated") or entry.get("created")
            links.append(Link(url=url, title=_clean(entry.get("title")), published=published))
    title = _clean(parsed.feed.get("title")) if parsed.get("feed") else None
    return Listing(links=links, sitemaps=[], title=title)


def _entry_link(entry: Any) -> str | None:
    """The entry's article URL: its alternate link, else its link, else a permalink guid.

    A link may be relative (the caller resolves it against the feed's URL). feedparser
    fills ``link`` from the id when there is no link, and an id is a URL only if it says so:
    an Atom ``tag:`` id is not one.
    """
    guid = str(entry.get("id") or "").strip()
    candidates = [link.get("href") for link in entry.get("links") or []
                  if link.get("rel", "alternate") == "alternate"]
    candidates.append(entry.get("link"))
    for value in candidates:
        url = str(value or "").strip()
        if url and url != guid and ":" not in url.split("/", 1)[0]:
            return url  # relative
        if url.startswith(("http://", "https://")):
            return url
    return guid if guid.startswith(("http://", "https://")) else None


def _clean(value: Any) -> str | None:
    text = " ".join(str(value or "").split())
    return text or None


def read_sitemap(data: bytes) -> Listing:
    """The URLs of a sitemap, or the sitemaps of a sitemap index.

    >>> index = (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap>'
    ...          b'<loc>https://bao.vn/s-1.xml</loc><lastmod>2026-12-01</lastmod></sitemap>'
    ...          b'</sitemapindex>')
    >>> [(x.url, x.lastmod) for x in read_sitemap(index).sitemaps]
    [('https://bao.vn/s-1.xml', '2026-12-01')]
    """
    from defusedxml.ElementTree import fromstring

    try:
        root: Element = fromstring(data)
    except (ParseError, ValueError) as exc:
        raise NotASource(f"not a readable sitemap ({exc or type(exc).__name__})") from exc
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise NotASource(f"XML, but not a sitemap (its root is <{kind}>)")
    found = []
    for entry in root:
        if _local(entry.tag) not in ("url", "sitemap"):
            continue
        loc = _child_text(entry, "loc")
        if not loc:
            continue
        link = Link(url=loc, lastmod=_child_text(entry, "lastmod"))
        news = next((c for c in entry if c.tag == f"{{{NEWS}}}news"), None)
        if news is not None:
            link.title = _child_text(news, "title")
            link.published = _child_text(news, "publication_date")
        found.append(link)
    if kind == "sitemapindex":
        return Listing(links=[], sitemaps=found)
    return Listing(links=found, sitemaps=[])


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(parent: Element, name: str) -> str | None:
    for child in parent:
        if _local(child.tag) == name:
            return _clean("".join(child.itertext()))
    return None


def newest_first(links: list[Link]) -> list[Link]:
    """Links by their date, newest first, when every link has one; else as listed.

    Sitemaps list oldest first as often as newest first; feeds list newest first.
    """
    from thoisu.sources.dates import sort_stamp

    stamps = [sort_stamp(x.published or x.lastmod) for x in links]
    if not links or any(s is None for s in stamps):
        return links
    order = sorted(range(len(links)), key=lambda k: stamps[k] or "", reverse=True)
    return [links[k] for k in order]
