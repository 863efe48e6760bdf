"""HTML made safe to parse and bounded in size before any cleaning work.

Two things sank or stalled pages before the cleaner saw them:

- **Control characters.** lxml refuses text with C0 control characters (``"<br>\\x07"``),
  NUL bytes, lone surrogates or the non-characters U+FFFE/U+FFFF, raising deep inside the
  HTML path. :func:`sanitize` replaces each with a space, which a browser would not show
  either.
- **Size.** A page of 200,000 tiny paragraphs cost 46 s of CPU. :func:`bound_markup` cuts
  the markup at the tag that passes ``max_blocks`` block elements or ``max_nodes`` elements
  of any kind, in one linear scan of the string, before parsing; lxml closes what the cut
  left open. The caller reports the cut.

>>> sanitize("<br>\\x07chữ\\x00")
'<br> chữ '
>>> html, note = bound_markup("<p>a</p>" * 10, max_blocks=3, max_nodes=100)
>>> html, note
('<p>a</p><p>a</p><p>a</p>', 'page cut at 3 block elements (html_max_blocks) before cleaning')
"""

from __future__ import annotations

import re

# C0 controls other than tab, newline and carriage return; DEL; lone surrogates; U+FFFE/F.
_BAD = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f\\ud800-\\udfff\\ufffe\\uffff]")
_OPEN_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)")
BLOCK_TAGS = frozenset({"p", "div", "li", "td", "th", "tr", "dd", "dt", "h1", "h2", "h3", "h4",
                        "h5", "h6", "section", "article", "blockquote", "pre", "figure",
                        "figcaption", "table", "ul", "ol", "dl", "header", "footer", "aside",
                        "nav", "main", "form", "br", "hr"})


def sanitize(html: str) -> str:
    """``html`` with the characters lxml refuses replaced by spaces."""
    return _BAD.sub(" ", html)


def bound_markup(html: str, max_blocks: int, max_nodes: int) -> tuple[str, str | None]:
    """``html`` cut before the first tag past either cap (0: no cap), and a note saying where,
    or None when nothing was cut."""
    if (not max_blocks or html.count("<") <= max_blocks) and (
            not max_nodes or html.count("<") <= max_nodes):
        return html, None
    blocks = 0
    for nodes, m in enumerate(_OPEN_TAG.finditer(html), start=1):
        if m.group(1).lower() in BLOCK_TAGS:
            blocks += 1
            if max_blocks and blocks > max_blocks:
                return html[:m.start()], (f"page cut at {max_blocks} block elements "
                                          "(html_max_blocks) before cleaning")
        if max_nodes and nodes > max_nodes:
            return html[:m.start()], (f"page cut at {max_nodes} elements (html_max_nodes) "
                                      "before cleaning")
    return html, None


__all__ = ["bound_markup", "sanitize"]
