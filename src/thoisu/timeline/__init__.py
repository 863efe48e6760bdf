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

import re
from collections.abc import Sequence
from dataclasses import dataclass

from thoisu.model import Article, Event, PartialDate
from thoisu.settings import Settings
from thoisu.timeline.candidates import Candidate, article_candidates
from thoisu.timeline.merge import Group, merge_candidates, representative

__all__ = ["TimelineEvent", "approx_year_of", "build_timeline"]

# The timeline's events are plain records: what it infers about a year (``approx_year``,
# ``approximate``, ``year_evidence``) is part of :class:`~thoisu.model.Event`, so it is
# stored and read back whole.
TimelineEvent = Event


APPROX_MARK = "≈year "  # how an approximate year survives in stored evidence text


def approx_year_of(event: Event) -> int | None:
    """The approximate year of an event (kept on the record, also in the store)."""
    return event.approx_year


@dataclass
class _Placement:
    """Where a group without a year goes: the year its neighbours give, or right after
    (or before) a dated neighbour."""

    year: int | None = None
    after: Group | None = None
    before: Group | None = None
    evidence: str = ""


def _fits(year: int, date: PartialDate, lo: PartialDate | None, hi: PartialDate | None) -> bool:
    key = (year, date.month or 0, date.day or 0)
    return ((lo is None or lo.sort_key() <= key) and (hi is None or key <= hi.sort_key()))


def _neighbour_year(date: PartialDate, prev: Group | None, nxt: Group | None) -> int | None:
    """The one year that puts ``date`` between its dated neighbours (in telling order), if
    there is exactly one. With one neighbour, its year when that keeps the telling order and
    the two are less than six months apart (a story told backwards gets no year)."""
    lo = prev.date if prev is not None else None
    hi = nxt.date if nxt is not None else None
    if lo is not None and hi is not None and lo.sort_key() <= hi.sort_key():
        assert lo.year is not None and hi.year is not None
        years = [y for y in range(lo.year, hi.year + 1) if _fits(y, date, lo, hi)]
        return years[0] if len(years) == 1 else None
    if date.month is None:
        return None
    if (lo is not None and lo.year is not None and lo.month is not None and hi is None
            and _fits(lo.year, date, lo, None) and date.month - lo.month <= 6
            and prev is not None
            and not _starts_a_period(prev.date, [m.text for m in prev.members])):
        return lo.year
    return None


def _starts_a_period(date: PartialDate, texts: Sequence[str]) -> bool:
    """Whether ``date`` is told as the start of what still goes on ("từ ngày 30/9/2015 không
    quân Nga bắt đầu ..."): the article may be written years later, so the date lends no
    year to the days told after it, nor to the report."""
    if date.day is None or date.month is None:
        return False
    since = re.compile(rf"(?<!\w)(?:kể\s+)?từ\s+(?:ngày\s+)?0?{date.day}\s*[/.-]\s*"
                       rf"0?{date.month}(?!\d)", re.IGNORECASE)
    return any(since.search(text) for text in texts)


_FUTURE = re.compile(r"\b(?:sẽ|dự kiến|kế hoạch|sắp|tới)\b", re.IGNORECASE)


def report_year(told: Sequence[Candidate], published: PartialDate | None
                ) -> tuple[int, PartialDate] | None:
    """The first year its article can have been written in, for an article whose date has a
    day and month but no year: the text names full dates as past (``ngày 30/9/2015``), so it
    was written after the latest of them. Returns that year and the date that bounds it."""
    if published is None or published.year is not None or published.month is None:
        return None
    past = [c.date for c in told if c.date.year is not None and c.date.month is not None
            and not _FUTURE.search(c.text) and not _starts_a_period(c.date, [c.text])]
    if not past:
        return None
    bound = max(past, key=PartialDate.sort_key)
    assert bound.year is not None
    year = bound.year
    if (year, published.month, published.day or 31) < bound.sort_key():
        year += 1
    return year, bound


def _placements(candidates: Sequence[Candidate], groups: Sequence[Group],
                published: Sequence[PartialDate | None] = ()) -> dict[int, _Placement]:
    """For each group whose date has no year, by ``id``: where its article puts it."""
    from thoisu.dates.calendar import nearest_year

    group_of = {id(m): g for g in groups for m in g.members}
    by_article: dict[tuple[int, str], list[Candidate]] = {}
    for c in candidates:
        by_article.setdefault((c.position, c.article), []).append(c)
    out: dict[int, _Placement] = {}
    for (position, _), told in by_article.items():
        told.sort(key=lambda c: c.sentence)
        dated = [group_of[id(c)].date.year is not None for c in told]
        own = published[position] if position < len(published) else None
        bounded = report_year(told, own)
        for i, c in enumerate(told):
            group = group_of[id(c)]
            if group.date.year is not None or id(group) in out:
                continue
            prev = next((group_of[id(told[k])] for k in range(i - 1, -1, -1) if dated[k]),
                        None)
            nxt = next((group_of[id(told[k])] for k in range(i + 1, len(told)) if dated[k]),
                       None)
            d = group.date
            if bounded is not None and own is not None and d.month is not None:
                year_written, bound = bounded
                written = PartialDate(year_written, own.month, own.day)
                year = nearest_year(d.month, d.day, written)
                if year is not None:
                    out[id(group)] = _Placement(year, None, None, (
                        f"{APPROX_MARK}{year}: its article, dated {own.iso()} without a year,"
                        f" names {bound.iso()} as past, so it was written in {year_written} or"
                        f" later; {d.iso()[5:]} is nearest the report in {year}"))
                    continue
            if prev is None and nxt is None:
                continue
            year = _neighbour_year(d, prev, nxt)
            said = [f"{w} {g.date.iso()} ({representative(g).text[:40]!r})"
                    for w, g in (("after", prev), ("before", nxt)) if g is not None]
            evidence = (f"{APPROX_MARK}{year}: " if year is not None else "placed ") + (
                "told " + " and ".join(said) + " in the same article")
            out[id(group)] = _Placement(year, prev, nxt, evidence)
    return out


SortKey = tuple[int, int, int, int, int, int]


def _sort_keys(groups: Sequence[Group], single_year: int | None,
               placed: dict[int, _Placement]) -> dict[int, SortKey]:
    def first(group: Group) -> int:
        return min(m.position * 10_000 + m.sentence for m in group.members)

    def dated_key(group: Group, year: int) -> SortKey:
        d = group.date
        return (0, year, d.month or 0, d.day or 0, first(group), 0)

    keys: dict[int, SortKey] = {}
    for group in groups:
        d = group.date
        place = placed.get(id(group))
        if d.year is not None:
            keys[id(group)] = dated_key(group, d.year)
        elif place is not None and place.year is not None:
            keys[id(group)] = dated_key(group, place.year)
        elif single_year is not None:
            keys[id(group)] = dated_key(group, single_year)
        elif place is not None:
            # Right after the dated neighbour it is told after (or before the one it is told
            # before): never after the whole dated timeline.
            near = place.after or place.before
            assert near is not None and near.date.year is not None
            base = dated_key(near, near.date.year)
            keys[id(group)] = (*base[:5], 1 if place.after is not None else -1)
        else:
            # No year and no dated neighbour: a group of its own, after the dated entries.
            keys[id(group)] = (1, 0, d.month or 0, d.day or 0, first(group), 0)
    return keys


def _event(group: Group, place: _Placement | None = None) -> TimelineEvent:
    shown = representative(group)
    articles: list[str] = []
    for m in sorted(group.members, key=lambda c: (c.position, c.sentence)):
        if m.article not in articles:
            articles.append(m.article)
    ends = [m.end for m in group.members if m.end is not None]
    evidence = "; ".join(m.evidence for m in group.members)
    if len(group.members) > 1:
        evidence += f" (merged, weakest similarity {group.similarity:.2f})"
    year_evidence = ""
    date = group.date
    if date.year is not None:
        lent = [m for m in group.members if m.date.year is None]
        giver = next((m for m in group.members if m.date.year is not None), None)
        if lent and giver is not None:
            year_evidence = (f"year {date.year} from {giver.article}#{giver.sentence}, which"
                             f" tells the same event with its year")
    elif place is not None:
        year_evidence = place.evidence
        evidence += f"; {place.evidence}"
    return TimelineEvent(date=date, text=shown.text, articles=articles,
                         end=max(ends, key=PartialDate.sort_key) if ends else None,
                         evidence=evidence,
                         approx_year=place.year if place is not None else None,
                         approximate=place is not None, year_evidence=year_evidence)


def collect_candidates(articles: Sequence[Article],
                       dates: list[PartialDate | None] | None = None) -> list[Candidate]:
    """The dated clauses of every (analysed) article of the story, article by article.

    ``dates``, when given, receives each article's publication date as used: the one the
    analysis settled (and the story's date settling, when it ran), never inferred again.
    """
    out: list[Candidate] = []
    for position, article in enumerate(articles):
        if dates is not None:
            dates.append(article.published)
        out.extend(article_candidates(article, position, article.published))
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


def build_timeline(articles: Sequence[Article], *,
                   settings: Settings | None = None) -> list[Event]:
    """The dated events of a group of articles, merged across articles, in date order.

    The story stage's entry: an article no analysis filled yet (one built by hand) is
    analysed first, under ``settings`` (the defaults when None); the timeline then reads the
    record (sentences, ``dates``, ``mentions``) and never tags the text again.
    """
    from thoisu.analyse import ensure_analysed

    ensure_analysed(articles, settings or Settings())
    published: list[PartialDate | None] = []
    candidates = collect_candidates(articles, dates=published)
    groups = merge_candidates(candidates)
    placed = _placements(candidates, groups, published)
    keys = _sort_keys(groups, story_year(published), placed)
    groups.sort(key=lambda g: keys[id(g)])
    return [_event(g, placed.get(id(g))) for g in groups]
