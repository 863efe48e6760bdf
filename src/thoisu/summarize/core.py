"""``summarize``: one cited extractive summary for a group of articles about one story.

Steps (details and figures in docs/summaries.md): candidates and features
(:mod:`~thoisu.summarize.features`); weighted concepts with the group's lead prior
(:mod:`~thoisu.summarize.concepts`); which sentences can stand alone
(:mod:`~thoisu.summarize.readable`); a small regularised linear scorer
(:mod:`~thoisu.summarize.scorer`); concept coverage under the budget
(:mod:`~thoisu.summarize.selection`) with a position prior; the story's latest development
first (:mod:`~thoisu.summarize.headline`), three outlets cited where there are
(:mod:`~thoisu.summarize.outlets`), the rest in the order of the events told
(:mod:`~thoisu.summarize.order`), people named in full first (:mod:`~thoisu.summarize.names`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

import numpy as np

from thoisu.model import Article, SummarySentence
from thoisu.summarize.concepts import group_concepts
from thoisu.summarize.features import GroupFeatures, group_features
from thoisu.summarize.headline import headline
from thoisu.summarize.names import full_first
from thoisu.summarize.order import reading_order
from thoisu.summarize.outlets import cover_outlets
from thoisu.summarize.readable import NEEDS_CONTEXT as READ_NEEDS
from thoisu.summarize.readable import NOT_STANDALONE as READ_NOT
from thoisu.summarize.readable import standalone
from thoisu.summarize.scorer import Scorer, load_scorer
from thoisu.summarize.selection import Decision, SelectionParams, select
from thoisu.summarize.summary import (
    CHOSEN,
    LOW_SCORE,
    NEEDS_CONTEXT,
    NOT_STANDALONE,
    Considered,
    Summary,
)

_ENDS = (".", "!", "?", "…", "\"", "”", "’", "»", ")")


CAPTION_SYLLABLES = 10  # shorter openings are captions or datelines more often than news
POOL = 80  # candidates considered by the selection: the best by value per syllable


def readability(group: GroupFeatures, min_syllables: int = 5,
                pool: np.ndarray | None = None) -> dict[int, tuple[str, str]]:
    """Candidates kept out of the summary, with (status, reason); only those in ``pool`` (all
    if None) are read. A sentence that leans on the one before it is kept out too: a summary
    sentence never opens on a connective or a reference it cannot resolve."""
    cands = group.candidates
    punctuated = bool(cands) and (
        sum(c.text.rstrip().endswith(_ENDS) for c in cands) >= 0.5 * len(cands))
    blocked: dict[int, tuple[str, str]] = {}
    for k, c in enumerate(cands):
        if pool is not None and not pool[k]:
            continue
        verdict = standalone(c.text, min_syllables, punctuated, c.syllables)
        if verdict.status == READ_NOT:
            blocked[k] = (NOT_STANDALONE, verdict.reason)
        elif verdict.status == READ_NEEDS:
            blocked[k] = (NEEDS_CONTEXT, verdict.reason)
    return blocked


class Summarizer:
    """The learned scorer plus the selection settings stored with it."""

    def __init__(self, scorer: Scorer | None = None, params: SelectionParams | None = None):
        self.scorer = scorer or load_scorer()
        if params is None:
            known = {k: v for k, v in self.scorer.selection.items()
                     if k in SelectionParams.__dataclass_fields__}
            params = SelectionParams(**known)  # type: ignore[arg-type]
        self.params = params

    def __call__(self, articles: Sequence[Article], max_syllables: int = 200) -> Summary:
        if not articles:
            return Summary([], [], max(int(max_syllables), 0), 0, "no articles")
        return self.summarize_features(group_features(articles), max_syllables)

    def bonus(self, group: GroupFeatures, lead_strength: float, concept_value: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray]:
        """Per candidate: the sentence bonus of the objective, and the scorer's prediction."""
        predicted = np.clip(self.scorer.score(group.matrix), 0.0, 1.0)
        bigrams = np.maximum(group.lengths - 1, 1)
        first = np.array([c.index == 0 for c in group.candidates], dtype=np.float64)
        bonus = (self.params.scorer_weight * predicted * bigrams
                 + self.params.lead_bonus * lead_strength * first * concept_value)
        return bonus, predicted

    def prior(self, group: GroupFeatures) -> np.ndarray:
        """Per candidate: ``(1 + index in its article) ** -position_decay``.

        A very short sentence among the first ones of an article is a caption or a dateline
        glued in by a flattened page ("Một chiếc UAV của Mỹ."), not the article's opening: it
        gets no more than the prior of the article's fourth sentence.
        """
        index = np.array([c.index for c in group.candidates], dtype=np.float64)
        short = group.lengths < CAPTION_SYLLABLES
        return np.power(1.0 + np.where(short, np.maximum(index, 3.0), index),
                        -self.params.position_decay)

    def pool(self, value: np.ndarray, lengths: np.ndarray, budget: int) -> np.ndarray:
        """The POOL candidates that fit with the best value per ``length ** ratio``."""
        out = np.zeros(len(value), dtype=bool)
        density = np.where(lengths <= budget,
                           value / np.power(np.maximum(lengths, 1.0), self.params.ratio), -np.inf)
        out[np.argsort(-density, kind="stable")[:POOL]] = True
        return out & np.isfinite(density)

    def summarize_features(self, group: GroupFeatures, max_syllables: int) -> Summary:
        budget = max(int(max_syllables), 0)
        if not group.candidates:
            return Summary([], [], budget, 0, "no article has any sentence")
        concepts = group_concepts(group)
        value = concepts.matrix @ concepts.weights if concepts.matrix.shape[1] else \
            np.zeros(len(group.candidates))
        bonus, predicted = self.bonus(group, concepts.lead_strength, value)
        prior = self.prior(group)
        score = (value + bonus) * prior
        lead = headline(group, self.params.min_syllables)
        params = self.params
        if len(group.articles) < params.told_articles:
            params = replace(params, told=1.0)
        pool = self.pool(score, group.lengths, budget)
        if lead.candidate is not None:
            pool[lead.candidate] = True
        blocked = readability(group, self.params.min_syllables, pool)
        chosen, decisions = select(concepts, bonus, group.lengths, group.containment, budget,
                                   params, blocked, None, pool, prior, lead.candidate)
        if not chosen:
            # A tight budget: a short standalone sentence beats an empty summary.
            relaxed = replace(params, min_syllables=1)
            pool = np.ones(len(group.candidates), dtype=bool)
            blocked = readability(group, 1, pool)
            chosen, decisions = select(concepts, bonus, group.lengths, group.containment,
                                       budget, relaxed, blocked, None, pool, prior,
                                       lead.candidate)
        cands = group.candidates
        chosen, decisions = self._cite_outlets(group, chosen, decisions, score, pool, blocked,
                                               budget, lead.candidate)
        sentences = self._arc(group, chosen, lead.candidate, score)
        explain = []
        for d in sorted(decisions, key=lambda d: (d.status != CHOSEN, -score[d.index])):
            c = cands[d.index]
            reason = d.reason
            if d.index == lead.candidate and d.status == CHOSEN:
                reason = f"the story's latest development ({lead.reason}); {reason}"
            if d.other is not None:
                o = cands[d.other]
                reason = f"{reason} ({o.article_id}:{o.index})"
            reason += (f"; concepts {value[d.index]:.2f}, scorer {predicted[d.index]:.2f}, "
                       f"position × {prior[d.index]:.2f}")
            explain.append(Considered(c.text, c.article_id, c.index, float(score[d.index]),
                                      c.syllables, d.status, reason))
        used = sum(cands[i].syllables for i in chosen)
        note = ""
        if not chosen:
            shortest = int(min(c.syllables for c in cands))
            note = (f"no sentence fits in {budget} syllables (the shortest has {shortest}); "
                    "ask for a longer summary") if shortest > budget else \
                "no sentence of these articles can stand alone in a summary"
        return Summary(sentences, explain, budget, used, note, title=lead.title,
                       teaser=lead.teaser)

    def _cite_outlets(self, group: GroupFeatures, chosen: list[int], decisions: list[Decision],
                      score: np.ndarray, pool: np.ndarray, blocked: dict[int, tuple[str, str]],
                      budget: int, keep: int | None) -> tuple[list[int], list[Decision]]:
        """At least three outlets cited where the story has them (:mod:`.outlets`)."""
        n = len(group.candidates)
        eligible = pool & (group.lengths >= self.params.min_syllables)
        eligible[list(blocked)] = False
        density = score / np.power(np.maximum(group.lengths, 1.0), self.params.ratio)
        both = np.maximum(group.containment, group.containment.T)
        owner = [c.article for c in group.candidates]
        chosen, swaps = cover_outlets(chosen, owner, group.articles, density, group.lengths,
                                      both, budget, self.params.redundancy, eligible,
                                      {keep} if keep is not None else set())
        by_index = {d.index: d for d in decisions}
        swapped = {swap.added for swap in swaps}
        for i in chosen:
            if i not in swapped and by_index[i].status != CHOSEN:
                by_index[i] = Decision(i, CHOSEN, "fills the room a sentence of another outlet "
                                       "left")
        for swap in swaps:
            by_index[swap.added] = Decision(swap.added, CHOSEN, "cites another outlet "
                                            f"({swap.outlet}): a story told by several is "
                                            "summarised from three or more")
            for j in swap.removed:
                if j in chosen:
                    continue  # taken back by the refill
                by_index[j] = Decision(j, LOW_SCORE, "left to make room for a sentence of "
                                       f"another outlet ({swap.outlet})")
        return chosen, [by_index[i] for i in range(n)]

    def _arc(self, group: GroupFeatures, chosen: list[int], lead: int | None,
             score: np.ndarray) -> list[SummarySentence]:
        """What happened last first (the latest development), then what led there, in the
        order of the events told (:func:`~thoisu.summarize.order.reading_order`)."""
        cands = group.candidates
        rest = [i for i in chosen if i != lead]
        order = reading_order([(cands[i].article, cands[i].index) for i in rest],
                              group.articles)
        ordered = ([lead] if lead in chosen else []) + [rest[k] for k in order]
        # A person named in full before a short form, now that the sentences come from
        # several articles (names.py); the quotes stay word for word.
        ordered = [ordered[k] for k in full_first([cands[i].text for i in ordered])]
        return [SummarySentence(cands[i].text, cands[i].article_id, cands[i].index,
                                float(score[i])) for i in ordered]


@lru_cache(maxsize=1)
def default_summarizer() -> Summarizer:
    """The packaged model, loaded on first use in each process."""
    return Summarizer()


def summarize(articles: Sequence[Article], max_syllables: int = 200) -> Summary:
    """A summary of at most ``max_syllables`` syllables, whole sentences only, each cited.

    Articles repeated (same id) or without sentences are ignored. If no sentence fits the
    length, the summary is empty and ``Summary.note`` says so.
    """
    return default_summarizer()(articles, max_syllables)
