"""Running stories: events linked because they share their actors.

The clusterer groups articles into *events*: articles as similar in words as one happening
makes them (a raid, a vote, a call-up). A reader follows a *story*, which may run for months
and go through many events: Russia's air campaign in Syria is Palmyra in March, Aleppo in
October, the Astana talks in January. Those events share few words beyond the topic's, but
they share their actors: ``Nga``, ``Syria``, ``Nhà nước Hồi giáo (IS)``, ``Bộ Quốc phòng Nga``.

So events are linked into one story when

* their **name vectors** (names only, plain IDF) have a cosine of at least
  ``story_link_threshold`` on average over their *events* (each event's mean name vector
  counts once, whatever its size): the same people, places and organisations. Over article
  pairs a one-article event beside a large one would be judged on the large one alone (the
  US envoy on Mosul, sharing ``IS``, ``Mỹ``, ``Syria`` with a three-article event of the
  Syria campaign, and none of its actors with the campaign's other event);
* their **word vectors** are at least ``LINK_WORDS`` × ``story_threshold`` similar on average
  over their articles: a related subject, so that two stories that merely both mention
  ``Mỹ`` and ``Trung Quốc`` stay apart,

and their spans are at most ``story_link_window_days`` apart (a longer silence ends a story).
Linking is average-link over events (never a chain of single pairs), greedy from the most
similar pair, and is recomputed from the events each time stories are read, so it never
freezes a decision taken under an early, flatter IDF. Candidate pairs come from the index.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from thoisu.stories.vectors import Centroid

LINK_WORDS = 0.5  # share of story_threshold that two linked events need in word similarity
# Share of the tighter group's own spread (mean cosine between its members) that two groups
# must reach between them to be merged or linked: see needed_to_merge.
SPREAD_SHARE = 0.5


class Event(Protocol):
    """What linking needs of an event (the clusterer's story of one happening)."""

    seq: int
    language: str
    centroid: Centroid
    names: Centroid
    first_day: int | None
    last_day: int | None

    @property
    def size(self) -> int: ...


@dataclass(frozen=True)
class Link:
    """Why an event's story was linked into another: the mean similarities at that moment."""

    into: int  # seq of the event that heads the story it was linked into
    names: float
    words: float


@dataclass
class _Group:
    names: Centroid  # sum over its events of each event's mean name vector
    words: Centroid  # sum of its articles' word vectors
    size: int  # articles
    first_day: int | None
    last_day: int | None
    events: int = 1


def _scaled(c: Centroid, factor: float) -> Centroid:
    out = Centroid()
    out.ids, out.w, out.norm = c.ids, c.w * factor, c.norm * factor
    return out


def _copy(c: Centroid) -> Centroid:
    out = Centroid()
    out.add_centroid(c)
    return out


def _fade(a: _Group, b: _Group, window: int) -> float:
    """1 when the two spans are at most ``window`` days apart (or a date is unknown), else 0.

    A running story goes on while its events follow each other within the window; a longer
    silence ends it, and the same actors after it start a new story (next year's storms).
    """
    if None in (a.first_day, a.last_day, b.first_day, b.last_day) or window <= 0:
        return 1.0
    gap = max(a.first_day - b.last_day, b.first_day - a.last_day, 0)  # type: ignore[operator]
    return 1.0 if gap <= window else 0.0


def cohesion(words: Centroid, size: int) -> float | None:
    """Mean cosine between the members of a group, from the sum of their unit vectors.

    ``|Σv|² = n + Σ_{i≠j} v_i·v_j`` for unit vectors, so no pair is ever compared.
    """
    if size < 2:
        return None
    return (words.norm ** 2 - size) / (size * (size - 1))


class _Sized(Protocol):
    centroid: Centroid

    @property
    def size(self) -> int: ...


def relative_floor(a: Centroid, size_a: int, b: Centroid, size_b: int, floor: float) -> float:
    """``floor``, or SPREAD_SHARE of the tighter group's spread if that is more.

    Two groups whose members are much closer to each other than to the other group's are two
    events, even when the similarity between them passes the absolute threshold: 14 unlicensed
    network-marketing firms named (members at 0.31 of each other) and, days later, one such
    firm closing down (0.50) are 0.15 apart.
    """
    spreads = [c for c in (cohesion(a, size_a), cohesion(b, size_b)) if c is not None]
    return max(floor, SPREAD_SHARE * max(spreads)) if spreads else floor


def needed_to_merge(a: _Sized, b: _Sized, threshold: float) -> float:
    """The mean cosine two events need to be merged into one: see :func:`relative_floor`."""
    return relative_floor(a.centroid, a.size, b.centroid, b.size, threshold)


def _floor(a: _Group, b: _Group, words_floor: float) -> float:
    return relative_floor(a.words, a.size, b.words, b.size, words_floor)


def _similarities(a: _Group, b: _Group, window: int) -> tuple[float, float]:
    fade = _fade(a, b, window)
    return (a.names.dot_centroid(b.names) / (a.events * b.events) * fade,
            a.words.dot_centroid(b.words) / (a.size * b.size) * fade)


def link_events(events: Mapping[int, Event], pairs: Iterable[tuple[int, int]],
                threshold: float, words_floor: float,
                window: int) -> tuple[dict[int, int], dict[int, Link]]:
    """Group events into stories: each event's head (the oldest event of its story), and why.

    ``pairs`` are candidate pairs of event seqs (from the index); a pair whose events are gone
    or in different languages is ignored. The result does not depend on the order of ``pairs``.
    """
    groups: dict[int, _Group] = {}

    def group(seq: int) -> _Group:
        if seq not in groups:
            e = events[seq]
            groups[seq] = _Group(_scaled(e.names, 1.0 / max(e.size, 1)), e.centroid, e.size,
                                 e.first_day, e.last_day)
        return groups[seq]

    scored: list[tuple[float, int, int]] = []
    for a, b in sorted(set(pairs)):
        ea, eb = events.get(a), events.get(b)
        if ea is None or eb is None or a == b or ea.language != eb.language:
            continue
        if not ea.size or not eb.size or not len(ea.names) or not len(eb.names):
            continue
        names, words = _similarities(group(a), group(b), window)
        if names >= threshold and words >= _floor(group(a), group(b), words_floor):
            scored.append((names, min(a, b), max(a, b)))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))

    head: dict[int, int] = {}

    def find(seq: int) -> int:
        while seq in head:
            seq = head[seq]
        return seq

    links: dict[int, Link] = {}
    for _, a, b in scored:
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        keep, gone = min(ra, rb), max(ra, rb)
        gk, gg = group(keep), group(gone)
        names, words = _similarities(gk, gg, window)
        if names < threshold or words < _floor(gk, gg, words_floor):
            continue  # the stories as grown so far are no longer close enough on average
        if gk.words is events[keep].centroid:  # first growth: stop sharing the event's arrays
            gk.names, gk.words = _copy(gk.names), _copy(gk.words)
        gk.names.add_centroid(gg.names)
        gk.words.add_centroid(gg.words)
        gk.size += gg.size
        gk.events += gg.events
        days = [d for d in (gk.first_day, gk.last_day, gg.first_day, gg.last_day)
                if d is not None]
        gk.first_day, gk.last_day = (min(days), max(days)) if days else (None, None)
        head[gone] = keep
        links[gone] = Link(keep, round(names, 4), round(words, 4))
    heads = {seq: find(seq) for seq in events}
    return heads, links
