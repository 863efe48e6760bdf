"""Request bodies of ``POST /api/digest`` and ``POST /api/articles`` as pages to clean.

A body is either JSON — a list whose items are objects ``{title, text, url?, source?,
published?}`` (``html`` may stand in for ``text``) or strings (one raw text or HTML page each) —
or one raw page sent as ``text/plain`` or ``text/html``. A body that cannot be read at all is a
:class:`BodyError` (the API answers 422), and so is a list with an item that breaks the field
rules of :func:`thoisu.read.validate.validate_record` (the JSON Lines reader's rules): such a
body is refused whole, nothing of it stored. An item that is well formed but gives no article
(no title, empty text) is an :class:`ItemProblem` and the other items go on; a lone surrogate
escape (``"\\ud800"``) is replaced by U+FFFD and noted as a warning on its item.

>>> body = '[{"title": "Mưa ở Huế", "text": "Sáng 12/3, mưa lớn."}]'.encode()
>>> pages, problems = parse_body(body, "application/json", 1_000_000)
>>> pages[0].page.meta["title"], problems
('Mưa ở Huế', [])
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date as _date
from typing import Any

from thoisu.model import DateEvidence, Origin, PartialDate, Problem, RawPage
from thoisu.read.problems import surrogates
from thoisu.read.unicode import replace_surrogates

ORIGIN = "<request>"  # the origin path of every page sent in a request
# A page that opens with a tag is HTML ("<!doctype", "<html>", "<h1>", "<p class=...>").
HTML_START = re.compile(rb"^\s*<(!doctype|![-]{2}|[a-z][a-z0-9]*[\s/>])", re.I)
ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$")
DMY_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class BodyError(ValueError):
    """The whole body is unusable; the message says what was expected, ``details`` which
    items break which rule."""

    def __init__(self, message: str, details: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.details = details or []


@dataclass
class ItemPage:
    """A page made from item ``item`` (1-based) of the body, and its given date if any."""

    item: int
    page: RawPage
    published: DateEvidence | None = None


@dataclass
class ItemProblem:
    """Why item ``item`` (1-based) gave no article."""

    item: int
    reason: str
    malformed: bool = False  # the item breaks the field rules (the whole body is refused)
    warning: bool = False  # the item gave its article; this is a remark on it

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"item": self.item, "reason": self.reason}
        if self.warning:
            out["kind"] = "warning"
        return out


def parse_body(body: bytes, content_type: str | None,
               max_bytes: int) -> tuple[list[ItemPage], list[ItemProblem]]:
    """The pages of a request body and the problems of its unusable items."""
    if len(body) > max_bytes:
        raise BodyError(f"body too large ({len(body):,} bytes, limit {max_bytes:,}); "
                        "send fewer articles per request or raise max_file_bytes")
    if not body.strip():
        raise BodyError("empty body; send a JSON list of articles "
                        '([{"title": ..., "text": ...}]) or one text/plain or text/html page')
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind in ("text/plain", "text/html") or (not _is_json_type(kind) and
                                               not body.lstrip().startswith((b"[", b"{"))):
        html = kind == "text/html" or (kind != "text/plain" and bool(HTML_START.match(body)))
        return _raw_page(body, html)
    try:
        value = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise BodyError(f"body is not valid JSON ({exc}); send a JSON list of articles") from exc
    if isinstance(value, dict):
        raise BodyError("expected a JSON list of articles, got one object; "
                        "wrap it in a list: [{...}]")
    if not isinstance(value, list):
        raise BodyError(f"expected a JSON list of articles, got {_json_type(value)}")
    if not value:
        raise BodyError("the list of articles is empty; nothing to do")
    pages: list[ItemPage] = []
    problems: list[ItemProblem] = []
    for number, entry in enumerate(value, 1):
        # A lone "\ud800" escape would fail every UTF-8 write later (store, JSON answer).
        entry, lone = replace_surrogates(entry)
        if lone:
            problems.append(ItemProblem(number, surrogates(ORIGIN, lone).reason, warning=True))
        made = _item(entry, number)
        (problems if isinstance(made, ItemProblem) else pages).append(made)  # type: ignore[arg-type]
    malformed = [p for p in problems if p.malformed]
    if malformed:
        # A body that breaks the field rules is refused whole: nothing of it is stored.
        shown = "; ".join(f"item {p.item}: {p.reason}" for p in malformed[:5])
        more = f" (and {len(malformed) - 5} more)" if len(malformed) > 5 else ""
        raise BodyError(f"{len(malformed)} of {len(value)} items break the field rules, so "
                        f"nothing was stored: {shown}{more}",
                        [p.to_json() for p in malformed])
    return pages, problems


def _is_json_type(kind: str) -> bool:
    return kind == "application/json" or kind.endswith("+json")


def _raw_page(body: bytes, html: bool) -> tuple[list[ItemPage], list[ItemProblem]]:
    from thoisu.read.html import read_html
    from thoisu.read.text import read_text

    read = read_html(body, ORIGIN) if html else read_text(body, ORIGIN)
    if isinstance(read, Problem):
        raise BodyError(f"the page cannot be read: {read.reason}")
    read.origin = Origin(ORIGIN, 1)
    return [ItemPage(1, read)], []


def _item(entry: Any, number: int) -> ItemPage | ItemProblem:
    origin = Origin(ORIGIN, number)
    if isinstance(entry, str):
        if not entry.strip():
            return ItemProblem(number, "empty page; nothing to read")
        is_html = bool(HTML_START.match(entry.encode("utf-8", "replace")))
        page = RawPage(origin, html=entry) if is_html else RawPage(origin, text=entry)
        return ItemPage(number, page)
    if not isinstance(entry, dict):
        return ItemProblem(number, f"expected an object {{title, text, ...}} or a page as a "
                           f"string, got {_json_type(entry)}")
    from thoisu.read.validate import validate_record

    # The JSON Lines reader's own field rules, so the CLI and the API agree on every record.
    _meta, wrong = validate_record(entry)
    if wrong:
        return ItemProblem(number, "; ".join(wrong), malformed=True)
    text, html = entry.get("text"), entry.get("html")
    if not (text or "").strip() and not (html or "").strip():
        return ItemProblem(number, "no 'text' (or 'html'): give the article text")
    title = entry.get("title")
    if not (title or "").strip():
        return ItemProblem(number, "no 'title': give the article's title")
    published = None
    if entry.get("published"):
        published = given_date(entry["published"])
        if published is None:
            return ItemProblem(number, f"'published' {entry['published']!r} is not a date; "
                               "write 2024-03-12 (or 2024-03, 2024, 12/3/2024)")
    meta = {k: v for k, v in entry.items() if k not in ("text", "html")}
    if "id" in meta:
        origin = Origin(ORIGIN, number, str(meta["id"]))
    page = (RawPage(origin, text=text, meta=meta) if (text or "").strip()
            else RawPage(origin, html=html, meta=meta))
    return ItemPage(number, page, published)


def given_date(value: str) -> DateEvidence | None:
    """A date the sender gave, as evidence of certainty 1; None if it is not a date.

    >>> given_date("12/3/2024").value.iso()
    '2024-03-12'
    """
    value = value.strip()
    if m := ISO_DATE.match(value):
        year, month, day = (int(g) if g else None for g in m.groups())
    elif m := DMY_DATE.match(value):
        day, month, year = (int(g) for g in m.groups())
    else:
        return None
    try:
        _date(year or 2000, month or 1, day or 1)  # 2000: a leap year, so 29/2 passes
    except ValueError:
        return None
    date = PartialDate(year, month, day)
    return DateEvidence(date, 1.0, [f"given in the request: {value!r}"])


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
