"""One set of field rules for JSON Lines records and API bodies.

``validate_record(record)`` returns the page's meta (every field but ``text``/``html``, with
wrong-typed fields left out) and a list of problems, each naming the field, what is wrong and
what to do. Nothing is coerced: a ``title`` list is a problem, never the string
``"['a', 'b']"``. The JSON Lines reader refuses a record with problems (one problem line,
the batch goes on); the web API answers 422 with the same messages.

>>> meta, problems = validate_record({"text": "…", "title": ["a", "b"], "published": 2017})
>>> for problem in problems:
...     print(problem)
field "title" must be a string, not an array
field "published" must be a date string such as "2017-12-07", not a number
>>> validate_record({"text": "…", "published": "0001-01-01"})[1]
['field "published" = \\'0001-01-01\\': year 1 is outside 1900–2100']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

BODY_FIELDS = ("text", "html")
MIN_YEAR, MAX_YEAR = 1900, 2100


@dataclass(frozen=True)
class FieldRule:
    """What one field may hold: ``kind`` is ``str``, ``id``, ``date``, ``list``, ``number``."""

    kind: str
    doc: str


FIELDS: dict[str, FieldRule] = {
    "text": FieldRule("str", "the page as plain text (text or html is required)"),
    "html": FieldRule("str", "the page as HTML"),
    "id": FieldRule("id", "the record's own id: a string or a whole number"),
    "title": FieldRule("str", "the article's title"),
    "url": FieldRule("str", "the page's address"),
    "canonical": FieldRule("str", "the page's canonical address"),
    "source": FieldRule("str", "the outlet"),
    "author": FieldRule("str", "the byline"),
    "section": FieldRule("str", "the outlet's section"),
    "lang": FieldRule("str", "language code"),
    "language": FieldRule("str", "language code"),
    "description": FieldRule("str", "the page's description"),
    "published": FieldRule("date", "publication date, ISO 8601 or day-first"),
    "date_published": FieldRule("date", "publication date"),
    "datePublished": FieldRule("date", "publication date"),
    "pubDate": FieldRule("date", "publication date (RSS)"),
    "fetched": FieldRule("date", "when the page was fetched (an upper bound on publication)"),
    "crawled": FieldRule("date", "when the page was crawled (same as fetched)"),
    "modified": FieldRule("date", "when the page last changed"),
    "http_date": FieldRule("date", "the HTTP Date header"),
    "last_modified": FieldRule("date", "the HTTP Last-Modified header"),
    "tags": FieldRule("list", "a list of strings"),
}

_JSON_KINDS = {list: "an array", dict: "an object", str: "a string", int: "a number",
               float: "a number", bool: "true or false", type(None): "null"}
_ISO_PARTS = re.compile(r"^\s*(\d{1,4})-(\d{1,2})-(\d{1,2})(?:[T\s]|$)")
_DMY_PARTS = re.compile(r"^\s*(?:[^\d]*?,\s*)?(\d{1,2})/(\d{1,2})/(\d{1,4})(?!\d)")
_YEAR_ONLY = re.compile(r"^\s*(\d{1,5})(?:-\d{1,2})?\s*$")


def kind_of(value: object) -> str:
    return _JSON_KINDS.get(type(value), type(value).__name__)


def check_date(name: str, value: object) -> str | None:
    """Why ``value`` cannot be field ``name``'s date, or None when it can."""
    from thoisu.dates.calendar import valid_day
    from thoisu.dates.published import parse_date_value

    if not isinstance(value, str):
        return (f'field "{name}" must be a date string such as "2017-12-07", '
                f"not {kind_of(value)}")
    if not value.strip():
        return None
    parts = _ISO_PARTS.match(value)
    ymd: tuple[int, int, int] | None = None
    if parts:
        ymd = (int(parts.group(1)), int(parts.group(2)), int(parts.group(3)))
    else:
        dmy = _DMY_PARTS.match(value)
        if dmy:
            ymd = (int(dmy.group(3)), int(dmy.group(2)), int(dmy.group(1)))
    if ymd is None:
        alone = _YEAR_ONLY.match(value)
        if alone:
            ymd = (int(alone.group(1)), 1, 1)
    if ymd is not None:
        year, month, day = ymd
        if not MIN_YEAR <= year <= MAX_YEAR:
            return f'field "{name}" = {value!r}: year {year} is outside {MIN_YEAR}–{MAX_YEAR}'
        if not 1 <= month <= 12:
            return f'field "{name}" = {value!r}: there is no month {month}'
        if not valid_day(day, month, year):
            return f'field "{name}" = {value!r}: {day}/{month}/{year} does not exist'
    parsed = parse_date_value(value)
    if parsed is None:
        # Words ("hôm qua", "2 giờ trước") are kept as given: the date stage reports them as
        # unreadable and dates the article from its text.
        return None
    if parsed.year is not None and not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return (f'field "{name}" = {value!r}: year {parsed.year} is outside '
                f"{MIN_YEAR}–{MAX_YEAR}")
    return None


def check_field(name: str, value: object) -> str | None:
    """Why field ``name`` cannot hold ``value``, or None (unknown fields hold anything)."""
    rule = FIELDS.get(name)
    if rule is None or value is None:
        return None
    if rule.kind == "str" and not isinstance(value, str):
        return f'field "{name}" must be a string, not {kind_of(value)}'
    if rule.kind == "id" and (isinstance(value, bool) or not isinstance(value, str | int)):
        return f'field "{name}" must be a string or a whole number, not {kind_of(value)}'
    if rule.kind == "list" and not (isinstance(value, list)
                                    and all(isinstance(v, str) for v in value)):
        return f'field "{name}" must be an array of strings, not {kind_of(value)}'
    if rule.kind == "date":
        return check_date(name, value)
    return None


def validate_record(record: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The meta of a record (body fields and wrong-typed fields left out) and its problems.

    A record with neither a ``text`` nor an ``html`` string is a problem too.
    """
    problems: list[str] = []
    meta: dict[str, Any] = {}
    for name, value in record.items():
        if not isinstance(name, str):
            continue
        why = check_field(name, value)
        if why is not None:
            problems.append(why)
            continue
        if name not in BODY_FIELDS:
            meta[name] = value
    if not any(isinstance(record.get(k), str) for k in BODY_FIELDS):
        problems.append('record has no "text" or "html" string')
    return meta, problems
