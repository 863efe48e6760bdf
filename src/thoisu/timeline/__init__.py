"""A story's timeline: its dated events, each told once, in date order, with their sources.

>>> from thoisu.timeline import build_timeline

For each article (its publication date anchoring relative and year-less dates; inferred from
the text when the article has none), every time expression that dates an event gives a
candidate: the clause around it (:mod:`thoisu.timeline.candidates`). Candidates telling the
same event are merged across articles (:mod:`thoisu.timeline.merge`). Entries are sorted by
date; an entry whose year is unknown (``XXXX-03-28``) sits among the dated ones when the
story's articles were all published in one known year (:func:`story_year`), else in a group of
its own after them: background years named in the text say nothing about the year of a
year-less day.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from thoisu.model import Article, Event, PartialDate, TimeExpr
from thoisu.timeline.candidates import Candidate, analysed, article_candidates
from thoisu.timeline.merge import Group, merge_candidates, representative

__all__ = ["build_timeline"]

Tagger = Callable[[str, PartialDate | None], list[TimeExpr]]


def _default_tagger() -> Tagger:
    from thoisu.dates import tag_dates

    return tag_dates


def _names(text: str) -> frozenset[str]:
    from thoisu.entities.ner import find_mentions

    return frozenset(m.canonical or m.text for m in find_mentions(text))


def publication_date(article: Article, others: Sequence[Article] = ()) -> PartialDate | None:
    """The article's date, or the one its text (and its story's other articles) support."""
    if article.published is not None:
        return article.published
    from thoisu.dates.published import infer_published

    evidence = infer_published(article, others)
    return evidence.value if evidence is not None else None


def _sort_key(single_year: int | None) -> Callable[[Group], tuple[int, int, int, int, int]]:
    def key(group: Group) -> tuple[int, int, int, int, int]:
        date = group.date
        first = min((m.position, m.sentence) for m in group.members)
        if date.year is None and single_year is None:
            # A group of its own, after the dated entries, by month and day.
            return (1, 0, date.month or 0, date.day or 0, first[0] * 10_000 + first[1])
        year = date.year if date.year is not None else single_year
        assert year is not None
        return (0, year, date.month or 0, date.day or 0, first[0] * 10_000 + first[1])

    return key


def _event(group: Group) -> Event:
    shown = representative(group)
    articles: list[str] = []
    for m in sorted(group.members, key=lambda c: (c.position, c.sentence)):
        if m.article not in articles:
            articles.append(m.article)
    ends = [m.end for m in group.members if m.end is not None]
    evidence = "; ".join(m.evidence for m in group.members)
    if len(group.members) > 1:
        evidence += f" (merged, weakest similarity {group.similarity:.2f})"
    return Event(date=group.date, text=shown.text, articles=articles,
                 end=max(ends, key=PartialDate.sort_key) if ends else None, evidence=evidence)


def collect_candidates(articles: Sequence[Article], tagger: Tagger | None = None,
                       names: bool = True,
                       dates: list[PartialDate | None] | None = None) -> list[Candidate]:
    """The dated clauses of every article of the story, article by article.

    ``dates``, when given, receives each article's publication date as used.
    """
    out: list[Candidate] = []
    for position, article in enumerate(articles):
        if analysed(article):
            published = article.published  # settled by the analysis: never inferred again
        else:
            others = [a for a in articles if a is not article]
            published = publication_date(article, others)
        if dates is not None:
            dates.append(published)
        out.extend(article_candidates(article, position, published,
                                      tagger if tagger is not None or not analysed(article)
                                      else None, _names if names else None))
    return out


def story_year(published: Sequence[PartialDate | None]) -> int | None:
    """The one year the story's articles were published in, if that is known.

    Known means: some article has a dated publication, all that have one agree on its year,
    and none is published on a day whose year is unknown (``XXXX-03-28``). Only then may an
    event without a year be placed among the dated ones; its date itself stays partial.
    """
    known = [p for p in published if p is not None]
    if not known or any(p.year is None for p in known):
        return None
    years = {p.year for p in known}
    return years.pop() if len(years) == 1 else None


def build_timeline(articles: Sequence[Article], *, tagger: Tagger | None = None) -> list[Event]:
    """The dated events of a group of articles, merged across articles, in date order.

    ``tagger`` defaults to :func:`thoisu.dates.tag_dates`.
    """
    published: list[PartialDate | None] = []
    groups = merge_candidates(collect_candidates(articles, tagger, dates=published))
    groups.sort(key=_sort_key(story_year(published)))
    return [_event(g) for g in groups]
