"""Publication dates on real news with known dates (ktlab-dev), beside their anchors.

    python benchmarks/published_ktlab.py [--path DIR] [--vims DIR]

(defaults: ../shared/data/ktlab-dev and ../shared/data/vims)

Printed in one run, for the development half of ktlab-dev (clusters numbered below 100, where
the rules were chosen), the other half, and both:
- text only (title, sapo, body): year given, year precision, correct-year coverage, day and
  month within a day; beside the anchor "latest full date written in the text";
- with a simulated crawl (fetch time = the time written + 0-48 h, seed 1) and a prompt one
  (+ 0-24 h, seed 2): the same, beside the anchor "the crawl's own day";
- the window (days before the fetch day a text day may be taken) from 0 to 4 on both crawls;
- precision by confidence band and by kind of year evidence (text only);
- ViMs (no gold dates): how many articles get a day, a year, and by which evidence; errors.
See docs/published_dates.md for the figures and which of them are in-sample.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from thoisu.dates.published import WRITING_WINDOW_DAYS, infer_published
from thoisu.evaluate.published import (
    DatedArticle,
    DateScore,
    clean_dated,
    fetch_day,
    latest_full_date,
    read_ktlab,
    simulate_crawl,
)
from thoisu.model import Article, DateEvidence, PartialDate
from thoisu.settings import Settings

ROOT = Path(__file__).resolve().parents[2] / "shared" / "data"
HALVES: dict[str, Callable[[int], bool]] = {
    "dev half (clusters < 100)": lambda n: n < 100,
    "other half (clusters >= 100)": lambda n: n >= 100,
    "all of ktlab-dev": lambda n: True,
}
BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01))


def year_kind(found: DateEvidence | None) -> str:
    """Which evidence gave the year (read from the evidence lines)."""
    if found is None or found.value.year is None:
        return "no year"
    for line in reversed(found.evidence):
        for key, kind in (("metadata ", "metadata"), ("fetch time", "fetch time"),
                          ("year written with the day", "full date as the day of writing"),
                          ("is the only year from", "weekday within bounds"),
                          ("names this year", "'năm nay (Y)'"), ("from sibling", "sibling")):
            if key in line:
                return kind
    return "other"


def day_kind(found: DateEvidence | None) -> str:
    """Which kind of day of writing dated the article (read from the evidence lines)."""
    if found is None:
        return "none"
    for line in found.evidence:
        for key, kind in (("names the day of writing", "today"), ("from the title", "title"),
                          ("lead's opening", "opening"), ("from the lead", "lead"),
                          ("from the body", "latest")):
            if key in line:
                return kind
    return "other"


def with_fetch(article: Article, fetched: str) -> Article:
    dated = copy.copy(article)
    dated.meta = {**article.meta, "fetched": fetched}
    return dated


def score(pairs: Iterable[tuple[PartialDate | None, dt.date]]) -> DateScore:
    out = DateScore()
    for got, true in pairs:
        out.add(got, true)
    return out


def ktlab(path: Path, settings: Settings) -> None:
    written = read_ktlab(path)
    crawls = {"crawl 0-48 h": {a.id: a for a in simulate_crawl(written, seed=1, hours=48)},
              "crawl 0-24 h": {a.id: a for a in simulate_crawl(written, seed=2, hours=24)}}
    cleaned: dict[str, Article | None] = {a.id: clean_dated(a, settings, False) for a, _ in written}
    text_only = {i: (infer_published(a) if a is not None else None) for i, a in cleaned.items()}

    def crawled(crawl: str, article: DatedArticle, window: int) -> PartialDate | None:
        base = cleaned[article.id]
        if base is None:
            return fetch_day(crawls[crawl][article.id])
        found = infer_published(with_fetch(base, crawls[crawl][article.id].fetched),
                                window=window)
        return found.value if found is not None else None

    print(f"ktlab-dev: {len(written)} articles; window {WRITING_WINDOW_DAYS} days")
    for name, keep in HALVES.items():
        items = [a for a, _ in written if keep(a.cluster)]
        print(f"\n{name}: {len(items)} articles")
        print(score((latest_full_date(a), a.published) for a in items).line(
            "anchor: latest full date in the text"))
        print(score((f.value if (f := text_only[a.id]) else None, a.published)
                    for a in items).line("thoisu, text only"))
        for crawl, by_id in crawls.items():
            print(score((fetch_day(by_id[a.id]), a.published) for a in items).line(
                f"anchor: the crawl day ({crawl})"))
            print(score((crawled(crawl, a, WRITING_WINDOW_DAYS), a.published)
                        for a in items).line(f"thoisu, {crawl}"))
    print("\nwindow (days before the fetch day), all articles: day-month within a day")
    for crawl in crawls:
        near = [score((crawled(crawl, a, w), a.published) for a, _ in written).days_near
                for w in range(5)]
        row = [f"{w}: {n / len(written):.3f}" for w, n in enumerate(near)]
        print(f"  {crawl:14} " + "  ".join(row))
    for name, keep in list(HALVES.items())[:2]:
        items = [a for a, _ in written if keep(a.cluster)]
        crawl = {a.id: infer_published(with_fetch(base, crawls["crawl 0-48 h"][a.id].fetched))
                 for a in items if (base := cleaned[a.id]) is not None}
        for label, found_by in (("text only", text_only), ("crawl 0-48 h", crawl)):
            print(f"\n{name}, {label}, by confidence band: articles, years right/given, "
                  "day-month within a day")
            for low, high in BANDS:
                band = [(f, a.published) for a in items
                        if (f := found_by.get(a.id)) is not None and low <= f.confidence < high]
                s = score((f.value, t) for f, t in band)
                print(f"  [{low:.2f}, {min(high, 1.0):.2f})  {len(band):4}  year "
                      f"{s.years_right}/{s.years_given}  day {s.days_near / max(1, len(band)):.3f}")
        print(f"{name}, text only, by kind of day: articles, day-month within a day")
        days: Counter[str] = Counter()
        near: Counter[str] = Counter()
        for a in items:
            found = text_only[a.id]
            kind = day_kind(found)
            days[kind] += 1
            near[kind] += score([(found.value if found else None, a.published)]).days_near
        for kind, n in days.most_common():
            print(f"  {kind:10} {n:4}  {near[kind] / n:.3f}")
        print(f"{name}, text only, by kind of year evidence: given, right")
        kinds: Counter[str] = Counter()
        right: Counter[str] = Counter()
        for a in items:
            found = text_only[a.id]
            kind = year_kind(found)
            kinds[kind] += 1
            right[kind] += found is not None and found.value.year == a.published.year
        for kind, n in kinds.most_common():
            print(f"  {kind:34} {n:4}  right {right[kind] if kind != 'no year' else '-'}")


def vims(path: Path, settings: Settings) -> None:
    from thoisu.evaluate.vims import load_vims

    clusters = load_vims(path)
    total = days = errors = 0
    kinds: Counter[str] = Counter()
    for cluster in clusters:
        for art in cluster.articles:
            total += 1
            article = DatedArticle(str(art.path), art.title, art.text, dt.date(2000, 1, 1), "",
                                   title_in_text=False)
            try:
                cleaned = clean_dated(article, settings, False)
                found = infer_published(cleaned) if cleaned is not None else None
            except Exception as exc:  # counted and shown: the benchmark must see every crash
                errors += 1
                print(f"  error on {art.path}: {type(exc).__name__}: {exc}")
                continue
            days += found is not None and found.value.day is not None
            kinds[year_kind(found)] += 1
    print(f"\nViMs (no gold dates): {total} articles, {errors} errors, a day for {days}, "
          f"years: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--path", type=Path, default=ROOT / "ktlab-dev")
    parser.add_argument("--vims", type=Path, default=ROOT / "vims")
    args = parser.parse_args()
    settings = Settings()
    ktlab(args.path, settings)
    if args.vims.is_dir():
        vims(args.vims, settings)


if __name__ == "__main__":
    main()
