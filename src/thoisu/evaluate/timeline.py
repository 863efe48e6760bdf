"""Score a timeline against a hand-written one: events found (date right, keywords in the text,
told by one of the expected files) and entries that match no expected event (extras).

The expected file is TSV: ``date<TAB>keywords<TAB>files``; keywords are ``;``-separated terms
that must all appear (case-insensitive), each with ``|``-separated alternatives; files are
``|``-separated prefixes of the source file names. ``#`` lines are comments.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from thoisu.evaluate.tsv import tsv_rows
from thoisu.model import Event


@dataclass(frozen=True)
class Expected:
    date: str
    keywords: tuple[tuple[str, ...], ...]
    files: tuple[str, ...]

    def text_matches(self, text: str) -> bool:
        low = text.lower()
        return all(any(alt.lower() in low for alt in term) for term in self.keywords)


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
