"""Choosing sentences: concept coverage under a length budget, readable sentences only.

The objective is Gillick & Favre's (2009): the summed weight of the concepts the chosen
sentences cover (each counted once, see :mod:`thoisu.summarize.concepts`) plus a bonus per
sentence from the learned scorer and the lead prior. It is monotone submodular, so the
default solver is the budgeted greedy of Lin & Bilmes (2010): at each step the sentence with
the best gain per ``length ** ratio`` syllables among those that still fit (``ratio`` < 1
favours whole informative sentences over short scraps). ``exact=True`` solves the same
objective as an integer program with HiGHS (:mod:`thoisu.summarize.ilp`); it costs tens to
hundreds of milliseconds a group instead of one or two and, on ViMs, gives no better ROUGE
(docs/summaries.md), so it is the option, not the default.

Constraints in both: two sentences repeating ``redundancy`` or more of each other's bigrams
(either way round) are never both chosen; a sentence that is not standalone is never chosen;
one that needs its context only after the sentence before it in its article.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from thoisu.summarize import ilp
from thoisu.summarize.concepts import Concepts
from thoisu.summarize.summary import (
    CHOSEN,
    LOW_SCORE,
    NEEDS_CONTEXT,
    REDUNDANT,
    TOO_LONG,
    TOO_SHORT,
)


@dataclass(frozen=True)
class SelectionParams:
    redundancy: float = 0.55  # containment at which a sentence counts as a repeat
    min_syllables: int = 5  # shorter sentences are fragments ("Ảnh: Reuters")
    scorer_weight: float = 0.25  # bonus: this × predicted precision × the sentence's bigrams
    lead_bonus: float = 1.0  # bonus of a lead sentence: this × lead strength × its concepts
    ratio: float = 0.3  # greedy gain per length ** ratio
    position_decay: float = 1.5  # gain × (1 + sentence index) ** -decay: news tells first
    exact: bool = False  # solve the program with HiGHS instead of the greedy
    # Share of a sentence's concept weight already told that makes it a repeat (1: never).
    # Support shares only say what is told when enough outlets vote: in a group of two or
    # three articles a concept weighs 0, ½ or 1, and a sentence's new details weigh nothing,
    # so the rule applies from ``told_articles`` articles on.
    told: float = 0.6
    told_articles: int = 4


@dataclass
class Decision:
    index: int
    status: str
    reason: str = ""
    other: int | None = None  # the candidate it repeats or needs


def select(concepts: Concepts, bonus: np.ndarray, lengths: np.ndarray,
           containment: np.ndarray, budget: int, params: SelectionParams,
           blocked: Mapping[int, tuple[str, str]] | None = None,
           requires: Mapping[int, int] | None = None,
           pool: np.ndarray | None = None,
           prior: np.ndarray | None = None,
           forced: int | None = None) -> tuple[list[int], list[Decision]]:
    """Indices chosen (in the order taken) and a decision for every candidate.

    ``blocked[i] = (status, reason)`` keeps ``i`` out; ``requires[i] = p``: ``i`` only after
    ``p`` is chosen; ``pool`` (bool per candidate), when given, are the only ones considered;
    ``prior`` (per candidate, default 1) multiplies each sentence's gain in the greedy;
    ``forced``, if it can be chosen at all, is taken first (the story's latest development).
    """
    n = len(lengths)
    blocked = dict(blocked or {})
    requires = dict(requires or {})
    decisions: dict[int, Decision] = {}
    alive = np.ones(n, dtype=bool)
    for i in range(n):
        if lengths[i] < params.min_syllables:
            decisions[i] = Decision(i, TOO_SHORT, f"{int(lengths[i])} syllables")
            alive[i] = False
        elif i in blocked:
            decisions[i] = Decision(i, *blocked[i])
            alive[i] = False
        elif pool is not None and not pool[i]:
            decisions[i] = Decision(i, LOW_SCORE, f"not among the {int(pool.sum())} best "
                                    "sentences by value per syllable")
            alive[i] = False
    both = np.maximum(containment, containment.T) if n else containment
    m = concepts.matrix.tocsr()
    w = concepts.weights
    if params.exact:
        conflicts = [(int(a), int(b)) for a, b in zip(*np.nonzero(np.triu(
            both >= params.redundancy, 1)), strict=True)]
        chosen = ilp.solve(m, w, bonus, lengths, budget, conflicts, requires, alive)
        gains = {i: float(bonus[i] + (m[i] @ w).sum()) for i in chosen}
    else:
        chosen, gains = _greedy(m, w, bonus, lengths, both, budget, params, alive, requires,
                                np.ones(n) if prior is None else prior, forced)
    left = budget - int(sum(lengths[i] for i in chosen))
    for i in chosen:
        reason = f"adds concepts worth {gains[i]:.2f}"
        if i in requires:
            reason += " (with the sentence before it, which it needs)"
        decisions[i] = Decision(i, CHOSEN, reason, requires.get(i))
    chosen_set = set(chosen)
    value = m @ w if m.shape[1] else np.zeros(n)
    covered = np.zeros(len(w))
    for i in chosen:
        covered[m.indices[m.indptr[i]:m.indptr[i + 1]]] = 1.0
    told = np.divide(m @ (w * covered) if m.shape[1] else np.zeros(n), value,
                     out=np.zeros(n), where=value > 0)
    for i in range(n):
        if i in decisions:
            continue
        repeats = [j for j in chosen if both[i, j] >= params.redundancy]
        if repeats:
            j = max(repeats, key=lambda k: both[i, k])
            decisions[i] = Decision(i, REDUNDANT, f"repeats {both[i, j]:.0%} of a chosen "
                                    "sentence", j)
        elif told[i] >= params.told and params.told < 1.0 and value[i] > 0:
            decisions[i] = Decision(i, REDUNDANT, f"{told[i]:.0%} of what it says is told by "
                                    "the chosen sentences")
        elif i in requires and requires[i] not in chosen_set:
            decisions[i] = Decision(i, NEEDS_CONTEXT, "leans on the sentence before it, "
                                    "which was not chosen", requires[i])
        elif lengths[i] > left:
            decisions[i] = Decision(i, TOO_LONG, f"{int(lengths[i])} syllables, only {left} "
                                    "left")
        else:
            decisions[i] = Decision(i, LOW_SCORE, "adds little the chosen sentences do not "
                                    "already cover")
    return chosen, [decisions[i] for i in range(n)]


def _greedy(m, w: np.ndarray, bonus: np.ndarray, lengths: np.ndarray,  # type: ignore[no-untyped-def]
            both: np.ndarray, budget: int, params: SelectionParams, alive: np.ndarray,
            requires: Mapping[int, int], prior: np.ndarray,
            forced: int | None = None) -> tuple[list[int], dict[int, float]]:
    alive = alive.copy()
    uncovered = w.copy()
    chosen: list[int] = []
    gains: dict[int, float] = {}
    taken = np.zeros(len(lengths), dtype=bool)
    dependent = np.zeros(len(lengths), dtype=bool)
    dependent[list(requires)] = True
    need = np.array([requires.get(i, i) for i in range(len(lengths))], dtype=np.int64)
    scale = np.power(np.maximum(lengths, 1.0), params.ratio)
    total = m @ w if m.shape[1] else np.zeros(len(lengths))
    left = budget
    while True:
        ready = ~dependent | taken[need]
        fits = alive & ready & (lengths <= left)
        if not fits.any():
            break
        gain = ((m @ uncovered if m.shape[1] else np.zeros(len(lengths))) + bonus) * prior
        ratio = np.where(fits, gain / scale, -np.inf)
        best = int(np.argmax(ratio))
        if not chosen and forced is not None and fits[forced]:
            best = forced
        elif gain[best] <= 0:
            break
        chosen.append(best)
        gains[best] = float(gain[best])
        taken[best] = True
        alive[best] = False
        left -= int(lengths[best])
        if m.shape[1]:
            uncovered[m.indices[m.indptr[best]:m.indptr[best + 1]]] = 0.0
        alive &= ~(both[:, best] >= params.redundancy)
        if m.shape[1] and params.told < 1.0:
            # The same fact in other words: most of what the sentence says is told already.
            alive &= ~((m @ uncovered) <= (1.0 - params.told) * total)
    return chosen, gains

