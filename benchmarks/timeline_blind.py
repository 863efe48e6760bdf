"""Timelines of the blind set of invented stories against their hand-made gold, beside a
simple baseline in the same run.

    python benchmarks/timeline_blind.py [--dir tests/fixtures/timeline_blind] [-v]

Each story's articles go through the analysis (``thoisu.pipeline.analyse``: sentences,
publication date when the page gives none, time expressions, names), their dates are
settled across the story (``settle_dates``) and ``build_timeline`` makes the timeline, as
``thoisu ingest`` does. The baseline: every sentence with a full date (day, month and year
once anchored on the article's publication date), dated by the first such date, each
sentence an entry (nothing merged).

Printed: event recall (gold events some entry tells, by keywords) and precision (entries
that tell some gold event), date recall and precision (the same with a compatible date:
every part the gold knows, an approximate year only if it is the gold's), entries with a
year contradicting the gold, and fragments (a date alone, or a clause cut inside).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from thoisu.dates import tag_dates
from thoisu.evaluate.timeline import BlindScore, BlindStory, read_blind_story, score_blind
from thoisu.model import Article, PartialDate
from thoisu.pipeline import analyse, settle_dates
from thoisu.settings import Settings
from thoisu.text.sentences import article_sentences
from thoisu.timeline import approx_year_of, build_timeline
from thoisu.timeline.candidates import parse_value

REPO = Path(__file__).resolve().parents[1]
Entry = tuple[PartialDate, int | None, str]


def system(story: BlindStory, settings: Settings) -> list[Entry]:
    members = [analyse(a, settings) for a in story.articles]
    settle_dates(members)
    return [(e.date, approx_year_of(e), e.text) for e in build_timeline(members)]


def baseline(articles: list[Article]) -> list[Entry]:
    out: list[Entry] = []
    for article in articles:
        for sentence in article_sentences(article.lead, article.paragraphs):
            for expr in tag_dates(sentence.text, article.published):
                date = parse_value(expr.value) if expr.type in ("date", "time") else None
                if date is not None and date.precision == "day":
                    out.append((date, None, sentence.text))
                    break
    return out


def _row(name: str, s: BlindScore) -> str:
    return (f"{name:<9} entries {s.entries:>3}  events P {s.event_precision:.2f} R "
            f"{s.event_recall:.2f}  dates P {s.date_precision:.2f} R {s.date_recall:.2f}"
            f"  wrong years {s.wrong_years:>2}  fragments {s.fragments:>2}"
            f"  told twice {s.told_twice:>2}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default=str(REPO / "tests/fixtures/timeline_blind"))
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    settings = Settings(segmenter="syllable")
    totals = {"system": BlindScore(), "baseline": BlindScore()}
    paths = sorted(Path(args.dir).glob("*.json"))
    for path in paths:
        story = read_blind_story(path)
        # The baseline reads the articles as given (publication date as written).
        base_entries = baseline([Article(a.id, a.origin, a.title, paragraphs=a.paragraphs,
                                         published=a.published) for a in story.articles])
        got = system(story, settings)
        for name, entries in (("system", got), ("baseline", base_entries)):
            score = score_blind(entries, story.gold)
            totals[name].add(score)
            if args.verbose:
                print(f"{story.name}: {_row(name, score)}")
        if args.verbose:
            for date, year, text in got:
                shown = date.iso() + (f" (≈{year})" if year is not None else "")
                print(f"    {shown:<20} {text[:100]}")
    print(f"stories: {len(paths)}, gold events: {totals['system'].gold}")
    for name, score in totals.items():
        print(_row(name, score))


if __name__ == "__main__":
    main()
