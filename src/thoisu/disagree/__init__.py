"""Where a story's outlets disagree: figures, days and claims told differently, each side cited.

>>> from thoisu.disagree import find_disagreements

A story stage over analysed articles (sentences, time expressions and names filled): it reads
the record and tags nothing again. Articles of one outlet (``Article.source``) never disagree
with each other, nor does a copy (``Article.duplicate_of``) with its original. Three kinds:

- ``figure`` (:mod:`.figure_pairs`): the same quantity of the same thing, values that cannot
  both hold ("1.500" against "1.200"; "hơn 1.000" against "1.200" agree);
- ``date`` (:mod:`.dates`): the same event on different days;
- ``claim`` (:mod:`.claims`): a speaker confirming in one outlet what it denies in another.

Precision first: a pair is reported only when every test of "the same thing" passes, and
each :class:`~thoisu.model.Disagreement` says why its statements were paired (``reason``).
Figures of articles published more than :data:`MAX_DAYS_APART` days apart are not compared:
a toll that rose between them is news, not a disagreement.
"""

from __future__ import annotations

from collections.abc import Sequence

from thoisu.disagree.claims import article_stances, claim_pairs
from thoisu.disagree.dates import _days_apart, date_pairs, dated_sentences
from thoisu.disagree.figure_pairs import FigurePair, figure_pairs
from thoisu.disagree.figures import Figure, _outlet, article_figures, heads
from thoisu.disagree.numbers import agree
from thoisu.disagree.same import SentenceFacts, sentence_facts
from thoisu.model import Article, Claim, Disagreement, PartialDate

__all__ = ["MAX_DAYS_APART", "find_disagreements"]

MAX_DAYS_APART = 2


class NotAnalysed(ValueError):
    """A story stage was given an article the analysis has not filled."""


def _check(members: Sequence[Article]) -> None:
    for a in members:
        if a.analysis_version is None and not a.sentences and (a.lead or a.paragraphs):
            raise NotAnalysed(f"article {a.id}: not analysed (no sentences); run the analysis "
                              "(thoisu.pipeline.analyse) before the story stages")


def _skip_pairs(members: Sequence[Article]) -> set[frozenset[str]]:
    """Pairs never compared: a copy and its original, and two copies of one original."""
    ids = {a.id for a in members}
    skip = {frozenset((a.id, a.duplicate_of)) for a in members
            if a.duplicate_of and a.duplicate_of in ids}
    by_original: dict[str, list[str]] = {}
    for a in members:
        if a.duplicate_of:
            by_original.setdefault(a.duplicate_of, []).append(a.id)
    for copies in by_original.values():
        skip.update(frozenset((x, y)) for x in copies for y in copies if x != y)
    return skip


def _far_apart(members: Sequence[Article], days: int) -> set[frozenset[str]]:
    dated = [(a.id, a.published) for a in members
             if a.published is not None and a.published.precision == "day"]
    far: set[frozenset[str]] = set()
    for i, (x, px) in enumerate(dated):
        for y, py in dated[i + 1:]:
            apart = _days_apart(px, py)
            if apart is not None and abs(apart) > days:
                far.add(frozenset((x, y)))
    return far


def _claim(f: Figure) -> Claim:
    return Claim(f.amount.label(), f.text, f.article, f.sentence,
                 None if f.outlet.startswith("?") else f.outlet)


def _merge_figures(pairs: Sequence[FigurePair]) -> list[Disagreement]:
    """One disagreement per disputed thing: pairs sharing a figure are one dispute, and its
    sides are the values that agree with each other (one claim each, the best-paired)."""
    key = {id(f): (f.article, f.sentence, f.start) for p in pairs for f in (p.a, p.b)}
    parent: dict[tuple[str, int, int], tuple[str, int, int]] = {}

    def root(k: tuple[str, int, int]) -> tuple[str, int, int]:
        while parent.setdefault(k, k) != k:
            k = parent[k]
        return k

    for p in pairs:
        parent[root(key[id(p.a)])] = root(key[id(p.b)])
    groups: dict[tuple[str, int, int], list[FigurePair]] = {}
    for p in pairs:
        groups.setdefault(root(key[id(p.a)]), []).append(p)
    out: list[Disagreement] = []
    for group in groups.values():
        group.sort(key=lambda p: -p.score)
        sides: list[Figure] = []
        for p in group:
            for f in (p.a, p.b):
                if not any(agree(f.amount, s.amount) for s in sides):
                    sides.append(f)
        first = group[0]
        about = "số " + first.a.phrase if not first.a.phrase.startswith("số ") else first.a.phrase
        out.append(Disagreement("figure", about, [_claim(f) for f in sides], first.reason))
    return out


def find_disagreements(members: Sequence[Article], max_days_apart: int = MAX_DAYS_APART
                       ) -> list[Disagreement]:
    """The figures, days and claims a story's outlets tell differently, each side cited.

    ``members`` are the story's analysed articles; figures of two articles published more than
    ``max_days_apart`` days apart are not compared. Raises :class:`NotAnalysed` for an article
    with text but no sentences.
    """
    _check(members)
    if len(members) < 2:
        return []
    outlets = {a.id: _outlet(a) for a in members}
    if len(set(outlets.values())) < 2:
        return []
    skip = _skip_pairs(members)
    facts: dict[str, list[SentenceFacts]] = {a.id: sentence_facts(a) for a in members}
    # Only numbers followed by a word that follows a number in another outlet's article can
    # pair: the rest are never read closely (most of a story's numbers).
    head_sets = {a.id: heads(a) for a in members}
    figures = {a.id: article_figures(a, set().union(*(h for i, h in head_sets.items()
                                                       if outlets[i] != outlets[a.id])))
               for a in members}
    found = _merge_figures(figure_pairs(figures, outlets, facts,
                                        skip | _far_apart(members, max_days_apart)))
    published: dict[str, PartialDate] = {a.id: a.published for a in members
                                         if a.published is not None}
    dated = {a.id: dated_sentences(a, outlets[a.id]) for a in members}
    for p in date_pairs(dated, facts, published, outlets, skip):
        found.append(Disagreement("date", "ngày của sự kiện", [
            Claim(s.day.iso(), s.text, s.article, s.sentence,
                  None if s.outlet.startswith("?") else s.outlet) for s in (p.a, p.b)],
            p.reason))
    stances = {a.id: article_stances(a, outlets[a.id]) for a in members}
    for c in claim_pairs(stances, outlets, skip):
        found.append(Disagreement("claim", f"{c.a.speaker} {c.a.verb} hay {c.b.verb}", [
            Claim(s.verb, s.text, s.article, s.sentence,
                  None if s.outlet.startswith("?") else s.outlet) for s in (c.a, c.b)],
            c.reason))
    return found
