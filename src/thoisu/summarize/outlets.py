"""Cite several outlets: a story told by three outlets or more is summarised from at least three.

After the selection, while fewer than ``want`` outlets are cited and another outlet has a
sentence that may be chosen (standalone, no near-repeat of a chosen one), its best sentence by
value per syllable comes in; to make room, the weakest sentences of outlets cited more than
once leave (never the ones in ``keep``, such as the story's latest development). If no room
can be made, the summary stays as it is. An article without a known outlet is its own outlet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from thoisu.model import Article

WANT = 3


@dataclass(frozen=True)
class Swap:
    added: int  # candidate brought in for its outlet
    removed: tuple[int, ...]  # candidates that left to make room
    outlet: str


def outlet_of(article: Article) -> str:
    return (article.source or "").strip().casefold() or f"article:{article.id}"


def cover_outlets(chosen: list[int], owner: Sequence[int], articles: Sequence[Article],
                  density: np.ndarray, lengths: np.ndarray, both: np.ndarray, budget: int,
                  redundancy: float, eligible: np.ndarray, keep: set[int],
                  want: int = WANT) -> tuple[list[int], list[Swap]]:
    """``chosen`` with at least ``want`` outlets cited where the group allows, and the swaps.

    ``owner[i]``: the article position of candidate ``i``; ``eligible``: candidates that may
    be chosen at all; ``density``: the value per syllable that ranks them.
    """
    outlets = [outlet_of(a) for a in articles]
    chosen = list(chosen)
    swaps: list[Swap] = []
    available = {outlets[owner[i]] for i in np.flatnonzero(eligible)}
    target = min(want, len(available | {outlets[owner[i]] for i in chosen}))
    tried: set[str] = set()
    while len({outlets[owner[i]] for i in chosen}) < target:
        cited = {outlets[owner[i]] for i in chosen}
        pick = -1
        for i in np.argsort(-density, kind="stable"):
            i = int(i)
            o = outlets[owner[i]]
            if (not eligible[i] or o in cited or o in tried or i in chosen
                    or any(both[i, j] >= redundancy for j in chosen)):
                continue
            pick = i
            break
        if pick < 0:
            break
        outlet = outlets[owner[pick]]
        tried.add(outlet)
        trial = list(chosen)
        removed: list[int] = []
        while sum(int(lengths[j]) for j in trial) + int(lengths[pick]) > budget:
            counts: dict[str, int] = {}
            for j in trial:
                counts[outlets[owner[j]]] = counts.get(outlets[owner[j]], 0) + 1
            spare = [j for j in trial if j not in keep and counts[outlets[owner[j]]] > 1]
            if not spare:
                break
            weakest = min(spare, key=lambda j: (density[j], -j))
            trial.remove(weakest)
            removed.append(weakest)
        if sum(int(lengths[j]) for j in trial) + int(lengths[pick]) > budget:
            continue
        chosen = [*trial, pick]
        swaps.append(Swap(pick, tuple(removed), outlet))
    if swaps:
        chosen += refill(chosen, density, lengths, both, budget, redundancy, eligible)
    return chosen, swaps


def refill(chosen: list[int], density: np.ndarray, lengths: np.ndarray, both: np.ndarray,
           budget: int, redundancy: float, eligible: np.ndarray) -> list[int]:
    """Sentences that still fit after a swap freed room, best value per syllable first."""
    left = budget - sum(int(lengths[j]) for j in chosen)
    added: list[int] = []
    for i in np.argsort(-density, kind="stable"):
        i = int(i)
        if left <= 0:
            break
        if (not eligible[i] or i in chosen or i in added or lengths[i] > left
                or density[i] <= 0
                or any(both[i, j] >= redundancy for j in (*chosen, *added))):
            continue
        added.append(i)
        left -= int(lengths[i])
    return added
