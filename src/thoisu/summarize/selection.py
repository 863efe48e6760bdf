"""Choosing sentences: importance against redundancy, under a length budget in syllables.

Greedy selection: at each step the candidate with the best score, lowered by ``penalty``
times its largest bigram containment in a sentence already chosen, among those that still
fit. A candidate that repeats ``redundancy`` or more of its bigrams from a chosen sentence
(either way round) is never taken. Greedy selection with a redundancy penalty is MMR
(Carbonell & Goldstein 1998); with a budget it stays a good approximation of the
budgeted submodular optimum while costing a few hundred array operations per group.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from thoisu.summarize.summary import CHOSEN, LOW_SCORE, REDUNDANT, TOO_LONG, TOO_SHORT


@dataclass(frozen=True)
class SelectionParams:
    redundancy: float = 0.5  # containment at which a sentence counts as a repeat
    penalty: float = 0.0  # score lost per unit of containment in the chosen sentences
    min_syllables: int = 5  # shorter sentences are fragments ("Ảnh: Reuters")
    coverage: bool = False  # penalise by the share of bigrams all chosen sentences cover


@dataclass
class Decision:
    index: int
    status: str
    reason: str = ""
    other: int | None = None  # the chosen candidate it repeats


def select(scores: np.ndarray, lengths: np.ndarray, containment: np.ndarray, budget: int,
           params: SelectionParams | None = None,
           bigrams: sparse.csr_matrix | None = None) -> tuple[list[int], list[Decision]]:
    """Indices chosen (in the order taken) and a decision for every candidate."""
    params = params or SelectionParams()
    n = len(scores)
    decisions: dict[int, Decision] = {}
    alive = np.ones(n, dtype=bool)
    for k in np.flatnonzero(lengths < params.min_syllables):
        i = int(k)
        decisions[i] = Decision(i, TOO_SHORT, f"{int(lengths[i])} syllables")
        alive[i] = False
    # Redundancy both ways: i repeats j when i's bigrams are in j, or j's are in i.
    both = np.maximum(containment, containment.T) if n else containment
    worst = np.zeros(n)
    if bigrams is not None:
        covered = np.zeros(bigrams.shape[1])
        sizes = np.maximum(np.asarray(bigrams.sum(axis=1)).ravel(), 1)
    chosen: list[int] = []
    left = budget
    while True:
        fits = alive & (lengths <= left)
        if not fits.any():
            break
        adjusted = np.where(fits, scores - params.penalty * worst, -np.inf)
        best = int(np.argmax(adjusted))
        chosen.append(best)
        decisions[best] = Decision(best, CHOSEN)
        alive[best] = False
        left -= int(lengths[best])
        repeats = alive & (both[:, best] >= params.redundancy)
        for k in np.flatnonzero(repeats):
            i = int(k)
            decisions[i] = Decision(i, REDUNDANT,
                                    f"repeats {both[i, best]:.0%} of a chosen sentence", best)
        alive &= ~repeats
        if params.coverage and bigrams is not None:
            covered = np.maximum(covered, bigrams[best].toarray().ravel())
            worst = (bigrams @ covered) / sizes
        else:
            worst = np.maximum(worst, both[:, best])
    floor = min((scores[i] for i in chosen), default=np.inf)
    for j in np.flatnonzero(alive):
        i = int(j)
        if lengths[i] > left and scores[i] >= floor:
            decisions[i] = Decision(i, TOO_LONG,
                                    f"{int(lengths[i])} syllables, only {left} left")
        elif lengths[i] > left:
            decisions[i] = Decision(i, LOW_SCORE, f"below the chosen sentences; "
                                    f"{int(lengths[i])} syllables would not fit in {left}")
        else:
            decisions[i] = Decision(i, LOW_SCORE, "below the chosen sentences")
    return chosen, [decisions[i] for i in range(n)]
