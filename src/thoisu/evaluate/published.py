"""Scoring publication dates against known ones (a blind set of invented articles).

A set is JSON Lines: ``id``, ``title``, ``text``, ``published`` (the true day, ISO) and
``fetched`` (when a crawler would have fetched it). Each article is cleaned as a JSON Lines
record would be, once without ``fetched`` (text only) and once with it, and dated by
:func:`thoisu.dates.published.infer_published`. The naive baseline is the latest full date
written in the text (with the fetch time: the fetch day itself).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from thoisu.clean import clean_page
from thoisu.dates.published import infer_published
from thoisu.dates.tagger import tag_candidates
from thoisu.model import Origin, PartialDate, RawPage
from thoisu.settings import Settings


@dataclass
class DatedArticle:
    id: str
    title: str
    text: str
    published: dt.date
    fetched: str


@dataclass
class DateScore:
    """Counts over a set: years given and right, day-months within a day."""

    total: int = 0
    years_given: int = 0
    years_right: int = 0
    days_near: int = 0

    def add(self, got: PartialDate | None, true: dt.date) -> None:
        self.total += 1
        if got is None:
            return
        if got.year is not None:
            self.years_given += 1
            self.years_right += got.year == true.year
        if got.month is not None and got.day is not None:
            best = min(abs((_on(got, y) - true).days) for y in (true.year - 1, true.year,
                                                                  true.year + 1)
                       if _valid(got, y))
            self.days_near += best <= 1

    @property
    def precision(self) -> float:
        return self.years_right / self.years_given if self.years_given else 1.0

    def line(self, name: str) -> str:
        n = max(1, self.total)
        return (f"{name:38} year given {self.years_given:3}/{self.total}  year precision "
                f"{self.precision:.3f}  correct year {self.years_right / n:.3f}  "
                f"day-month within a day {self.days_near / n:.3f}")


def _valid(p: PartialDate, year: int) -> bool:
    try:
        _on(p, year)
    except ValueError:
        return False
    return True


def _on(p: PartialDate, year: int) -> dt.date:
    assert p.month is not None and p.day is not None
    return dt.date(p.year if p.year is not None else year, p.month, p.day)


def read_set(path: Path) -> list[DatedArticle]:
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        r = json.loads(line)
        try:
            out.append(DatedArticle(str(r["id"]), r["title"], r["text"],
                                    dt.date.fromisoformat(r["published"]), r["fetched"]))
        except (KeyError, ValueError) as exc:
            raise ValueError(f"{path}:{number}: needs id, title, text, published (ISO), "
                             f"fetched ({exc})") from exc
    return out


def thoisu_date(article: DatedArticle, settings: Settings, with_fetch: bool) -> PartialDate | None:
    meta: dict[str, object] = {"title": article.title, "id": article.id}
    if with_fetch:
        meta["fetched"] = article.fetched
    text = article.title + "\n" + article.text
    cleaned = clean_page(RawPage(Origin("blind", id=article.id), text=text, meta=meta), settings)
    if not cleaned:
        return None
    found = infer_published(cleaned[0])
    return found.value if found is not None else None


def latest_full_date(article: DatedArticle) -> PartialDate | None:
    """The naive anchor: the latest date written with day, month and year in the text."""
    full = [c.raw for c in tag_candidates(article.title + "\n" + article.text)
            if c.raw is not None and c.raw.year and c.raw.month and c.raw.day]
    return max(full, key=lambda p: p.sort_key()) if full else None


def fetch_day(article: DatedArticle) -> PartialDate | None:
    day = dt.datetime.fromisoformat(article.fetched).date()
    return PartialDate(day.year, day.month, day.day)


def score(articles: list[DatedArticle], guess: Callable[[DatedArticle], PartialDate | None]
          ) -> DateScore:
    out = DateScore()
    for article in articles:
        out.add(guess(article), article.published)
    return out
