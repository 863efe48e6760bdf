"""How specific a name is in the window being grouped (event evidence from names)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from thoisu.stories.vectors import ArticleTerms, Vector


class NameShares:
    """How common each name is in the window being grouped: the share of its articles that
    name it. A name most of the window's articles share (a country, the topic's actors: ``Mỹ``,
    ``Syria``, ``IS`` through a month of war news) says little about which event an article
    tells; a person or a place few articles name says much. For event evidence a name's weight
    is multiplied by ``1 - share`` (:meth:`specific`): evidence from names is evidence from
    the specific ones. Empty (every weight kept) outside a grouping.
    """

    def __init__(self, ids: np.ndarray | None = None, keep: np.ndarray | None = None) -> None:
        self.ids = np.zeros(0, np.int64) if ids is None else ids  # ascending
        self.keep = np.zeros(0) if keep is None else keep  # 1 - share, per id

    def specific(self, names: Vector) -> Vector:
        """``names`` with each weight times ``1 - share`` (not renormalised)."""
        if not self.ids.size or not len(names):
            return names
        at = np.searchsorted(self.ids, names.ids)
        at[at == self.ids.size] = 0
        found = self.ids[at] == names.ids
        w = np.where(found, names.w * self.keep[at], names.w)
        return Vector(names.ids, w, names.strongest)


def name_shares(terms: Sequence[ArticleTerms]) -> NameShares:
    """The :class:`NameShares` of a window of articles (names in two articles or more)."""
    named = [t.ids[t.is_name] for t in terms if t.is_name.any()]
    if len(terms) < 2 or not named:
        return NameShares()
    ids, counts = np.unique(np.concatenate([np.unique(n) for n in named]), return_counts=True)
    common = counts >= 2
    return NameShares(ids[common].astype(np.int64), 1.0 - counts[common] / len(terms))
