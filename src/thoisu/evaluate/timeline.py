"""Score a timeline against a hand-written one: events found (date right, keywords in the text,
told by one of the expected files) and entries that match no expected event (extras).

The expected file is TSV: ``date<TAB>keywords<TAB>files``; keywords are ``;``-separated terms
that must all appear (case-insensitive), each with ``|``-separated alternatives; files are
``|``-separated prefixes of the source file names. ``#`` lines are comments.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thoisu.evaluate.tsv import tsv_rows
from thoisu.model import Article, Event, Origin, PartialDate


def keywords_match(keywords: tuple[tuple[str, ...], ...], text: str) -> bool:
    """Whether ``text`` holds every term, each as one of its spellings (case aside)."""
    low = text.lower()
    return all(any(alt.lower() in low for alt in term) for term in keywords)


@dataclass(frozen=True)
class Expected:
    date: str
    keywords: tuple[tuple[str, ...], ...]
    files: tuple[str, ...]

    def text_matches(self, text: str) -> bool:
        return keywords_match(self.keywords, text)


@dataclass
class Score:
    expected: int
    found: list[Expected] = field(default_factory=list)
    missed: list[Expected] = field(default_factory=list)
    found_ignoring_year: int = 0
    extras: list[Event] = field(default_factory=list)
    events: int = 0

    @property
    def recall(self) -> float:
        return len(self.found) / self.expected if self.expected else 0.0

    @property
    def precision(self) -> float:
        return (self.events - len(self.extras)) / self.events if self.events else 0.0


def read_expected(path: Path) -> list[Expected]:
    out = []
    columns = ("date", "keywords (a|b;c)", "files (x|y)")
    for _number, (date, keywords, files) in tsv_rows(path, columns):
        out.append(Expected(date.strip(),
                            tuple(tuple(t.split("|")) for t in keywords.split(";")),
                            tuple(files.strip().split("|"))))
    return out


def _month_day(value: str) -> str:
    return value[4:] if len(value) > 4 else value


def score_timeline(events: Sequence[Event], expected: Sequence[Expected],
                   file_of: Mapping[str, str]) -> Score:
    """``file_of`` maps an article id to the name of the file it came from."""

    def told_by(event: Event, row: Expected) -> bool:
        names = [file_of.get(a, a) for a in event.articles]
        return any(n.startswith(f) for n in names for f in row.files)

    score = Score(expected=len(expected), events=len(events))
    matched: set[int] = set()
    for row in expected:
        hits = [i for i, e in enumerate(events)
                if row.text_matches(e.text) and told_by(e, row)]
        exact = [i for i in hits if events[i].date.iso() == row.date]
        loose = [i for i in hits if _month_day(events[i].date.iso()) == _month_day(row.date)]
        if exact:
            score.found.append(row)
        else:
            score.missed.append(row)
        if loose:
            score.found_ignoring_year += 1
        matched.update(exact or loose)
    score.extras = [e for i, e in enumerate(events) if i not in matched]
    return score


# --- The blind set of invented stories (issue #13): tests/fixtures/timeline_blind/*.json ---


@dataclass(frozen=True)
class GoldEvent:
    """One event of a hand-made story timeline."""

    date: PartialDate
    precision: str
    keywords: tuple[tuple[str, ...], ...]
    event: str

    def text_matches(self, text: str) -> bool:
        return keywords_match(self.keywords, text)


@dataclass
class BlindStory:
    name: str
    articles: list[Article]
    gold: list[GoldEvent]


def _article(record: Mapping[str, Any], path: Path) -> Article:
    published = record.get("published")
    return Article(id=record["id"], origin=Origin(str(path)), title=record.get("title", ""),
                   paragraphs=list(record["paragraphs"]), source=record.get("outlet"),
                   published=PartialDate.parse(published) if published else None)


def read_blind_story(path: Path) -> BlindStory:
    """A story file: ``articles`` (id, outlet, published, title, paragraphs) and ``gold``
    (date, precision, keywords ``a|b;c``, event). Errors name the file and the entry."""
    data = json.loads(path.read_text(encoding="utf-8"))
    articles = [_article(r, path) for r in data["articles"]]
    gold = []
    for i, row in enumerate(data["gold"]):
        try:
            gold.append(GoldEvent(PartialDate.parse(row["date"]), row["precision"],
                                  tuple(tuple(t.split("|")) for t in row["keywords"].split(";")),
                                  row.get("event", "")))
        except (KeyError, ValueError) as exc:
            raise ValueError(f"{path}: gold event {i + 1}: {exc}; each needs date, precision "
                             "and keywords") from exc
    return BlindStory(path.stem, articles, gold)


def date_compatible(date: PartialDate, approx_year: int | None, gold: PartialDate) -> bool:
    """Whether an entry's date fits the gold one: every part the gold knows is given and
    equal; a year-less entry fits when its approximate year (if any) is the gold year; a
    year where the gold knows none is invented, so it does not fit.

    >>> date_compatible(PartialDate(None, 3, 15), 2016, PartialDate(2016, 3, 15))
    True
    >>> date_compatible(PartialDate(None, 3, 15), 2015, PartialDate(2016, 3, 15))
    False
    >>> date_compatible(PartialDate(2016, 3), None, PartialDate(2016, 3, 15))
    False
    """
    for got, want in ((date.month, gold.month), (date.day, gold.day)):
        if want is not None and got != want:
            return False
    year = date.year if date.year is not None else approx_year
    if gold.year is None:
        return date.year is None
    return year is None or year == gold.year


def wrong_year(date: PartialDate, approx_year: int | None, gold: PartialDate) -> bool:
    year = date.year if date.year is not None else approx_year
    return year is not None and gold.year is not None and year != gold.year


def _ratio(part: str, whole: str) -> property:
    """A read-only share of two counts of a score (0.0 when the whole is 0)."""

    def share(score: BlindScore) -> float:
        total = getattr(score, whole)
        return getattr(score, part) / total if total else 0.0

    return property(share, doc=f"{part} / {whole}")


@dataclass
class BlindScore:
    """Counts over one or more stories; precision and recall of events and of dates."""

    gold: int = 0
    entries: int = 0
    events_found: int = 0  # gold events some entry tells (keywords)
    dates_found: int = 0  # ... with a compatible date
    entries_event: int = 0  # entries that tell some gold event
    entries_dated: int = 0  # ... with a compatible date
    wrong_years: int = 0  # entries telling a gold event with a year that contradicts it
    fragments: int = 0  # entries that are a date alone or start inside a clause
    told_twice: int = 0  # gold events told by two or more entries with a compatible date

    def add(self, other: BlindScore) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    event_recall = _ratio("events_found", "gold")
    event_precision = _ratio("entries_event", "entries")
    date_recall = _ratio("dates_found", "gold")
    date_precision = _ratio("entries_dated", "entries")


_CONTINUES = re.compile(r"^(?:để|nhằm|mà|thì|và|hoặc|nhưng|rằng|là|của|cho|với)\b",
                        re.IGNORECASE)


def is_fragment(text: str) -> bool:
    """An entry that is only its date ("Sáng 13/3") or starts inside a clause ("để tham
    gia..."): fewer than three syllables once digits and time words are left out."""
    from thoisu.text.syllables import syllable_tokens

    time_words = {"ngày", "tháng", "năm", "hôm", "sáng", "chiều", "tối", "trưa", "đêm",
                  "rạng", "vào", "lúc", "qua", "nay", "mai", "thứ", "h", "giờ"}
    words = [t for t in syllable_tokens(text) if not t.isdigit() and t not in time_words]
    return len(words) < 3 or bool(_CONTINUES.match(text.lstrip("…").strip()))


def score_blind(entries: Sequence[tuple[PartialDate, int | None, str]],
                gold: Sequence[GoldEvent]) -> BlindScore:
    """``entries``: (date, approximate year or None, text) of each timeline entry."""
    score = BlindScore(gold=len(gold), entries=len(entries))
    for row in gold:
        hits = [e for e in entries if row.text_matches(e[2])]
        score.events_found += bool(hits)
        dated = [1 for d, y, _ in hits if date_compatible(d, y, row.date)]
        score.dates_found += bool(dated)
        score.told_twice += len(dated) > 1
    for date, year, text in entries:
        rows = [r for r in gold if r.text_matches(text)]
        score.entries_event += bool(rows)
        score.entries_dated += any(date_compatible(date, year, r.date) for r in rows)
        score.wrong_years += bool(rows) and all(wrong_year(date, year, r.date) for r in rows)
        score.fragments += is_fragment(text)
    return score
