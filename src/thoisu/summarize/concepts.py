"""Weighted concepts of a group: what several outlets say, with a lead prior the group sets.

A *concept* is a syllable bigram holding at least one content syllable (Gillick & Favre 2009
use word bigrams; syllable bigrams are the unit Vietnamese ROUGE counts and stand in for
two-syllable words). Its weight is a ratio, never a corpus scale: the share of the *other*
articles of the group that also hold it, so a fact told by every outlet weighs 1 whatever the
size of the group. In a group of one or two articles, support across articles says little,
so a concept repeated inside an article counts too.

**Lead prior, calibrated by the group.** News puts the essentials first, but how strongly
depends on the story: when outlets open with the same facts, their lead sentences share far
more bigrams with the other articles than their later sentences do. ``lead_strength`` is that
excess (mean support of the first sentences over the mean support of all, minus one, within
[0, 1]); concepts found in the leads are weighted up by it, and nothing is added when the
leads of the group do not agree more than the rest.

>>> from thoisu.model import Origin
>>> from thoisu.summarize.articles import article_from_text
>>> from thoisu.summarize.features import group_features
>>> g = group_features([article_from_text("", "Bão số 3 đổ bộ.", Origin("a")),
...                     article_from_text("", "Bão số 3 vào đất liền.", Origin("b"))])
>>> c = group_concepts(g)
>>> c.matrix.shape[1], [float(w) for w in c.weights]
(2, [1.0, 1.0])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from thoisu.summarize.features import GroupFeatures

LEAD_SENTENCES = 2  # sentences of an article that make its lead for the prior


@dataclass
class Concepts:
    """Candidates × concepts (0/1), each concept's weight, and the group's lead strength."""

    matrix: sparse.csr_matrix
    weights: np.ndarray
    lead_strength: float


def group_concepts(group: GroupFeatures, lead_prior: bool = True) -> Concepts:
    """The weighted concepts of a group's candidates (see the module docstring)."""
    cands = group.candidates
    m = group.bigram_matrix
    n_articles = len(group.articles)
    if m is None or not cands:
        return Concepts(sparse.csr_matrix((len(cands), 0)), np.zeros(0), 0.0)
    if group.bigram_content is not None:
        m = m[:, np.flatnonzero(group.bigram_content)].tocsr()
    owner = np.array([c.article for c in cands])
    owner_mat = sparse.csr_matrix((np.ones(len(cands)), (owner, np.arange(len(cands)))),
                                  shape=(max(n_articles, 1), len(cands)))
    per_article = (owner_mat @ m).tocsc()  # articles × concepts: occurrences
    df = np.diff(per_article.indptr).astype(np.float64)  # articles holding each concept
    others = max(n_articles - 1, 1)
    weights = (df - 1.0) / others
    if n_articles <= 2:
        # Few outlets: repetition inside an article also marks what the story is about.
        repeated = per_article.max(axis=0).toarray().ravel() > 1
        weights = np.maximum(weights, 0.5 * repeated)
    lead = np.array([c.index < LEAD_SENTENCES for c in cands])
    support = (m @ weights) / np.maximum(np.diff(m.indptr), 1)
    strength = 0.0
    if lead_prior and n_articles >= 2 and lead.any() and support.mean() > 0:
        strength = float(np.clip(support[lead].mean() / support.mean() - 1.0, 0.0, 1.0))
    if strength > 0:
        in_leads = np.diff((owner_mat[:, np.flatnonzero(lead)] @ m[np.flatnonzero(lead)])
                           .tocsc().indptr)
        weights = weights * (1.0 + strength * in_leads / max(n_articles, 1))
    keep = np.flatnonzero(weights > 0)
    return Concepts(m[:, keep].tocsr(), weights[keep], strength)
