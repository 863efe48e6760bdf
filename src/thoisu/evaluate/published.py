"""Scoring publication dates against known ones: a blind set of invented articles, or
ktlab-dev (real news whose ``.info.txt`` gives the time each article was written).

A blind set is JSON Lines: ``id``, ``title``, ``text``, ``published`` (the true day, ISO) and
``fetched`` (when a crawler would have fetched it). ktlab-dev is read by :func:`read_ktlab`,
with a simulated crawl (:func:`simulate_crawl`: the true time plus 0–48 hours). Each article
is cleaned as a JSON Lines record would be, once without ``fetched`` (text only) and once with
it, and dated by :func:`thoisu.dates.published.infer_published`. The naive baseline is the
latest full date written in the text (with the fetch time: the fetch day itself).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from thoisu.clean import clean_page
from thoisu.dates.published import WRITING_WINDOW_DAYS, infer_published
from thoisu.dates.tagger import tag_candidates
from thoisu.model import Article, DateEvidence, Origin, PartialDate, RawPage
from thoisu.settings import Settings


@dataclass
class DatedArticle:
    id: str
    title: str
    text: str
    published: dt.date
    fetched: str
    cluster: int = 0  # ktlab-dev's cluster number (the halves are split on it)
    title_in_text: bool = True  # the blind set's text starts with its title; ktlab's does not


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


_INFO_FIELD = re.compile(r"(LINK|TITLE|SUMMARY|TIME):\s?")
_KTLAB_TIME = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{2})")


def _ktlab_text(raw: str) -> str:
    """ktlab-dev's word-segmented fields as the outlet wrote them: ``_`` between syllables and
    spaces before punctuation undone."""
    text = raw.replace("_", " ")
    text = re.sub(r"\s+([,.;:!?%)\]”’])", r"\1", text)
    text = re.sub(r"([(\[“‘])\s+", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def read_ktlab_info(path: Path) -> dict[str, str]:
    """The fields of a ``<doc>.info.txt`` (no newline may separate ``TIME`` from the next
    field, so fields are split on their names)."""
    raw = path.read_text(encoding="utf-8-sig")
    parts = _INFO_FIELD.split(raw)
    return {parts[i]: parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}


def read_ktlab(root: Path) -> list[tuple[DatedArticle, dt.datetime]]:
    """ktlab-dev's articles (title, sapo, body: the text only), each with the time it was
    written; ``fetched`` is left empty (see :func:`simulate_crawl`)."""
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: no such folder; point --path at ktlab-dev")
    out = []
    folders = sorted((p for p in root.glob("cluster_*") if p.is_dir()),
                     key=lambda p: int(p.name.split("_")[1]))
    for folder in folders:
        for body in sorted(folder.glob("*.body.txt")):
            doc = body.name.split(".")[0]
            info = read_ktlab_info(folder / f"{doc}.info.txt")
            when = _KTLAB_TIME.search(info.get("TIME", ""))
            if when is None:
                continue
            d, mo, y, h, mi = map(int, when.groups())
            written = dt.datetime(y, mo, d, h, mi)
            sapo = _ktlab_text(info.get("SUMMARY", ""))
            text = "\n".join(t for t in (sapo, body.read_text(encoding="utf-8-sig").strip()) if t)
            out.append((DatedArticle(f"{folder.name}/{doc}", _ktlab_text(info.get("TITLE", "")),
                                     text, written.date(), "", int(folder.name.split("_")[1]),
                                     title_in_text=False),
                        written))
    return out


def simulate_crawl(articles: list[tuple[DatedArticle, dt.datetime]], seed: int = 1,
                   hours: int = 48) -> list[DatedArticle]:
    """Each article with a fetch time 0 to ``hours`` hours after it was written (Vietnam's
    time zone), as a crawler polling at random moments would record it."""
    rng = random.Random(seed)
    out = []
    for article, written in articles:
        fetched = written + dt.timedelta(minutes=rng.randint(0, hours * 60))
        out.append(DatedArticle(article.id, article.title, article.text, article.published,
                                fetched.isoformat() + "+07:00", article.cluster,
                                article.title_in_text))
    return out


def clean_dated(article: DatedArticle, settings: Settings, with_fetch: bool) -> Article | None:
    """The article cleaned as a JSON Lines record with ``title`` and ``text`` (and ``fetched``)
    would be."""
    meta: dict[str, object] = {"title": article.title, "id": article.id}
    if with_fetch:
        meta["fetched"] = article.fetched
    text = article.title + "\n" + article.text if article.title_in_text else article.text
    cleaned = clean_page(RawPage(Origin("blind", id=article.id), text=text, meta=meta), settings)
    return cleaned[0] if cleaned else None


def thoisu_evidence(article: DatedArticle, settings: Settings, with_fetch: bool,
                    window: int = WRITING_WINDOW_DAYS) -> DateEvidence | None:
    cleaned = clean_dated(article, settings, with_fetch)
    return infer_published(cleaned, window=window) if cleaned is not None else None


def thoisu_date(article: DatedArticle, settings: Settings, with_fetch: bool) -> PartialDate | None:
    found = thoisu_evidence(article, settings, with_fetch)
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
