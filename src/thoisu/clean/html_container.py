"""The article's container in an HTML page, chosen from the markup before any line is removed.

A page's footer, menus, comments and lists of other articles can hold more text than the
article itself (a footer of 120 "Liên hệ quảng cáo …" paragraphs under a four-paragraph
story). Line rules applied after an extractor that kept all of it cannot recover the
article; the markup can. One linear pass over the tree:

1. Every *leaf block* (a ``p``, ``h2``–``h6``, ``li``, ``td``, ``dd``, ``blockquote`` or
   ``div`` with no block inside it) carries its words, less the words of its links.
2. A block weighs nothing when it sits in page furniture (``footer``, ``nav``, ``aside``,
   ``form``, or an element whose class or id names a footer, menu, comments, related or
   "most read" box, tags, share bar: :data:`FURNITURE`), when it reads as a footer notice
   (:data:`NOTICE`: "Liên hệ quảng cáo", "Giấy phép số", a telephone number, an e-mail), when
   its text repeats on the page with only its numbers changed (a template line), or when it
   is the title or the sapo (found apart).
3. The **container** is the deepest element holding at least :data:`SHARE` of the page's
   weighted words (the element around it when that is one paragraph, or when a sibling of
   the same tag and class holds words too: a body split by an advertisement). It must hold
   the first paragraph after the title (the article starts under its title: a list of
   teasers longer than a short article is not it). It is *confident* when it is neither
   ``<body>`` nor ``<html>`` and holds at least :data:`MIN_WORDS` words; otherwise the caller
   keeps the whole page's text.

>>> import lxml.html
>>> page = ("<html><body><div class='menu'><p>Thời sự</p></div><div class='detail'>"
...         "<p>Sáng 3/2, cây cầu mới nối hai bờ sông Hàn chính thức thông xe.</p>"
...         "<p>Cầu dài 600 m, bốn làn xe, được xây trong hai năm với vốn 1.200 tỉ đồng.</p>"
...         "<p>Người dân hai quận không còn phải đi vòng qua cầu cũ vào giờ cao điểm.</p></div>"
...         + "<p>Liên hệ quảng cáo: 0912 345 678</p>" * 50 + "</body></html>")
>>> found = find_container(lxml.html.fromstring(page), min_words=20)
>>> found.element.get("class"), found.confident
('detail', True)
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

BLOCKS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "li", "td", "dd", "blockquote", "div",
                    "pre", "figcaption", "dt", "th", "section", "article", "ul", "ol", "table",
                    "tr", "tbody", "figure", "header", "footer", "main", "aside", "nav"})
LEAVES = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "li", "td", "dd", "pre", "blockquote",
                    "figcaption", "dt", "th"})
FURNITURE_TAGS = frozenset({"footer", "nav", "aside", "form", "script", "style", "noscript",
                            "template", "select", "button", "iframe"})
# Class or id words of page furniture in Vietnamese outlets' markup (and the usual English
# ones). Matched against each class and the id, as whole pieces between "-", "_" or ends.
FURNITURE = re.compile(
    r"(?:^|[-_])(?:footer|comments?|binh-?luan|binhluan|related|relate|relation\w*|"
    r"relationnews|lien-?quan|tinlienquan|tin-?lien-?quan|box-?tinlienquan|sidebar|"
    r"menu\w*|nav\w*|breadcrumbs?|tags?|keywords?|share|sharing|social\w*|socials|most\w*|"
    r"tin-?moi|tinmoi|other\w*|recommend\w*|readmore|read-?more|xem-?them|xemthem|"
    r"cung-?chuyen-?muc|tin_cung_chuyen_muc|advert\w*|ads|banner|copyright|popup|widget|"
    r"box-?category|category-?list|rate-?link|knd|subscribe|newsletter|author-?info|"
    r"tlitem|rl-item|inner-article|recommendation|trending|hot-?news|top-?news|mega)"
    r"(?:$|[-_])",
    re.I,
)
# Lines of a footer or contact box; only used to weigh blocks, never to remove one.
NOTICE = re.compile(
    r"^\s*(?:liên hệ|giấy phép|bản quyền|©|copyright|(?:phó )?tổng biên tập|chịu trách nhiệm|"
    r"tòa soạn|toà soạn|trụ sở|hotline|đường dây nóng|điện thoại|email|e-mail|"
    r"cơ quan chủ quản|văn phòng đại diện|chi nhánh|địa chỉ|không được sao chép|cấm sao chép|"
    r"ghi rõ nguồn)"
    r"|\b0\d{2,3}[ .]?\d{3,4}[ .]?\d{3,4}\b|[\w.]+@[\w-]+\.\w+",
    re.I,
)
SHARE = 0.8
MIN_WORDS = 25
# A block of this many words (less its links) is a paragraph of running text.
PARAGRAPH_WORDS = 12
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


@dataclass
class Container:
    """The chosen element, the words it holds, the page's, and whether to trust it."""

    element: Any
    words: float
    page_words: float
    confident: bool
    path: str  # "div.detail-content" for explanations
    found_apart: list[Any]  # the blocks of ``skip_texts`` (the sapo element), page order


def _furniture(el: Any) -> bool:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag in FURNITURE_TAGS:
        return True
    marks = [*(el.get("class") or "").split(), el.get("id") or ""]
    if any(m and FURNITURE.search(m) for m in marks):
        return True
    kind = (el.get("type") or "").lower()  # VCCorp CMS boxes: type="RelatedOneNews"
    return "related" in kind or "relate" in kind


def describe(el: Any) -> str:
    """``div.detail-content`` or ``div#main`` for an element."""
    tag = el.tag.lower() if isinstance(el.tag, str) else "?"
    classes = (el.get("class") or "").split()
    if classes:
        return f"{tag}.{classes[0]}"
    return f"{tag}#{el.get('id')}" if el.get("id") else tag


def furniture_inside(el: Any, title: Any | None = None) -> list[Any]:
    """The furniture elements inside ``el`` (outermost only, never one around ``title``),
    to drop from its copy."""
    keep: set[Any] = set()
    while title is not None:
        keep.add(title)
        title = title.getparent()
    out: list[Any] = []
    stack = list(el)
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str):
            continue
        if _furniture(node) and node not in keep:
            out.append(node)
        else:
            stack.extend(node)
    return out


def _split_body(node: Any, up: Any, mass: dict[Any, float]) -> bool:
    """Whether a sibling of ``node`` with the same tag and class holds words too."""
    mark = (node.tag, node.get("class"))
    return bool(mark[1]) and any(
        s is not node and (s.tag, s.get("class")) == mark and mass.get(s, 0.0) > 0 for s in up)


def find_container(root: Any, title: Any | None = None, skip_texts: frozenset[str] = frozenset(),
                   min_words: int = MIN_WORDS) -> Container | None:
    """The article container of a parsed page (see the module doc); None for an empty page.

    ``title``: the title element; the elements around it are the article's own column, never
    furniture whatever their class (VnExpress prints its article in ``div.sidebar-1``).
    ``skip_texts``: texts found apart (the sapo), lower case, which weigh nothing.
    """
    if root is None:
        return None
    parent: dict[Any, Any] = {}
    bad: set[Any] = set()
    leaves: list[tuple[Any, float, str]] = []
    apart: list[Any] = []
    has_block_child: set[Any] = set()
    around_title: set[Any] = set()
    node = title
    while node is not None:
        around_title.add(node)
        node = node.getparent()
    order = list(root.iter())  # document order: parents before children
    for el in order:
        if not isinstance(el.tag, str):
            continue
        up = el.getparent()
        parent[el] = up
        if (up is not None and up in bad) or (_furniture(el) and el not in around_title):
            bad.add(el)
        if up is not None and el.tag.lower() in BLOCKS:
            has_block_child.add(up)
    after_title: set[int] = set()
    seen_title = title is None
    for el in order:
        if el is title:
            seen_title = True
        if seen_title:
            after_title.add(id(el))
        if not isinstance(el.tag, str) or el in bad or el in has_block_child:
            continue
        tag = el.tag.lower()
        if tag not in BLOCKS or tag in ("ul", "ol", "table", "tr", "tbody"):
            continue
        text = _SPACE.sub(" ", el.text_content()).strip()
        if not text:
            continue
        words = len(text.split())
        links = sum(len((a.text_content() or "").split()) for a in el.iter("a"))
        weight = max(0, words - links)
        if text.lower() in skip_texts:
            apart.append(el)
            weight = 0
        elif links > 0.5 * words or NOTICE.search(text):
            weight = 0
        leaves.append((el, float(weight), _DIGITS.sub("#", text.lower())))
    repeats = Counter(key for _, _, key in leaves if len(key.split()) >= 4)
    mass: dict[Any, float] = {}
    total = 0.0
    first_paragraph = None  # the first real paragraph after the title
    for el, weight, key in leaves:
        if repeats[key] >= 3:
            continue  # a template line of the page ("Giấy phép số 12…", "Giấy phép số 13…")
        if weight <= 0:
            continue
        total += weight
        mass[el] = weight
        if first_paragraph is None and weight >= PARAGRAPH_WORDS and id(el) in after_title:
            first_paragraph = el
    if total <= 0:
        return None
    for el in reversed(order):  # children before parents: one pass sums every subtree
        up = parent.get(el)
        if up is not None and el in mass:
            mass[up] = mass.get(up, 0.0) + mass[el]
    # The deepest element holding SHARE of the weight: walk down from the root while one
    # child still holds it.
    node = root
    while True:
        best = max((c for c in node if isinstance(c.tag, str)),
                   key=lambda c: mass.get(c, 0.0), default=None)
        if best is None or mass.get(best, 0.0) < SHARE * total:
            break
        node = best
    up = node.getparent()
    if up is not None and (node.tag.lower() in LEAVES or _split_body(node, up, mass)):
        # one long paragraph holds most of the words, or the body is split in parts of the
        # same markup (an advertisement between them): the article is the element around
        # them, so that no short part is cut off
        node = up
    words = mass.get(node, 0.0)
    tag = node.tag.lower() if isinstance(node.tag, str) else ""
    # The article starts under its title: when the first real paragraph after the title lies
    # outside the container, the container is another block (a list of teasers) and the
    # caller keeps the whole page's text.
    opens = first_paragraph is None or first_paragraph is node or any(
        a is node for a in first_paragraph.iterancestors())
    confident = tag not in ("html", "body") and words >= min_words and opens
    return Container(node, words, total, confident, describe(node), apart)


__all__ = ["Container", "describe", "find_container", "furniture_inside"]
