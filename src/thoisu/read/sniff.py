"""Which reader an input needs: by its extension, or by its first bytes when that says nothing."""

from __future__ import annotations

import re
import zlib

from thoisu.read.encoding import sniff_utf16

# Lower-case name endings and the reader each one means; ".warc.gz" before any ".gz".
EXTENSIONS: dict[str, str] = {
    ".warc.gz": "warc",
    ".warc": "warc",
    ".jsonl": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
# Bytes read to decide an input's format when its name does not say.
SNIFF_BYTES = 65536
# An XML declaration, processing instructions, comments and a doctype, then a feed's root.
_FEED_START = re.compile(
    r"(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>\[]*>\s*)*<(?:rss|feed|rdf:RDF)[\s>]", re.S)


def format_of(name: str) -> str | None:
    """``"jsonl"`` for ``tin.jsonl``, ``"warc"`` for ``crawl.warc.gz``; None when unknown."""
    low = name.lower()
    return next((fmt for ext, fmt in EXTENSIONS.items() if low.endswith(ext)), None)


def _gzipped_warc(head: bytes) -> bool:
    try:
        inner = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
    except zlib.error:
        return False
    return inner.startswith(b"WARC/")


def sniff_format(head: bytes, complete: bool = True) -> str:
    """The format of an input from its first bytes: ``warc``, ``feed``, ``html``, ``jsonl`` or
    ``text``.

    A feed if the root element is ``<rss>``, ``<feed>`` or ``<rdf:RDF>``; else HTML if the text
    starts with ``<``; JSON Lines if every non-blank line starts with ``{``
    (of the lines in ``head``; the last one is left out when ``complete`` is false, as it may
    be cut); otherwise text, which is also where binary data goes to be reported.
    """
    if head.startswith(b"WARC/") or (head.startswith(b"\x1f\x8b") and _gzipped_warc(head)):
        return "warc"
    text = head.decode(sniff_utf16(head) or "utf-8", errors="replace")
    text = text.lstrip("\ufeff \t\r\n")
    if text.startswith("<"):
        return "feed" if _FEED_START.match(text) else "html"
    lines = text.split("\n")
    if not complete and len(lines) > 1:
        lines = lines[:-1]
    lines = [line.strip() for line in lines if line.strip()]
    if lines and all(line.startswith("{") for line in lines):
        return "jsonl"
    return "text"
