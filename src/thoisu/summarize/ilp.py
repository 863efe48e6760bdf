"""Concept coverage as an integer linear program (Gillick & Favre 2009), solved by HiGHS.

Choose sentences ``s_j`` and concepts ``c_i`` (0/1) to maximise

    Σ_i w_i c_i  +  Σ_j b_j s_j

subject to the length budget ``Σ_j len_j s_j ≤ L``, a concept counting only if a chosen
sentence holds it (``c_i ≤ Σ_{j ∋ i} s_j``), two near-repeats never both chosen
(``s_a + s_b ≤ 1``), and a sentence that leans on the one before it only with it
(``s_j ≤ s_p``). A concept counts once however many sentences hold it, so repeating a fact
earns nothing: redundancy is part of the objective, not a penalty tuned afterwards.

``c_i`` may be continuous: at the optimum it is ``min(1, Σ s_j)``, 0 or 1 for 0/1 sentences.
The candidates are first cut to the ``max_candidates`` best by their own value, which keeps
the program small (tens of binaries) and the solve to a few milliseconds.

>>> import numpy as np
>>> from scipy import sparse
>>> m = sparse.csr_matrix(np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1]], dtype=float))
>>> solve(m, np.array([1.0, 1.0, 0.5]), np.zeros(3), np.array([5, 4, 3]), 8)
[1, 2]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

MAX_CANDIDATES = 60
TIME_LIMIT = 0.5  # seconds; HiGHS returns its best solution so far past it
GAP = 0.02  # stop within 2% of the optimum: the objective is a proxy, not the goal


def solve(matrix: sparse.csr_matrix, weights: np.ndarray, bonus: np.ndarray,
          lengths: np.ndarray, budget: int, conflicts: Sequence[tuple[int, int]] = (),
          requires: Mapping[int, int] | None = None, allowed: np.ndarray | None = None,
          max_candidates: int = MAX_CANDIDATES) -> list[int]:
    """Positions of the chosen candidates (ascending); ``[]`` when none fits.

    ``allowed`` (bool per candidate) leaves out the others; ``requires[j] = p`` makes ``j``
    choosable only together with ``p``.
    """
    n = matrix.shape[0]
    requires = dict(requires or {})
    ok = np.ones(n, dtype=bool) if allowed is None else allowed.copy()
    ok &= lengths <= budget
    value = (matrix @ weights if matrix.shape[1] else np.zeros(n)) + bonus
    ok &= value > 0
    pool = np.flatnonzero(ok)
    if pool.size == 0:
        return []
    if pool.size > max_candidates:
        # Ranked by value per syllable and by value: dense sentences and rich ones both stay.
        density = value[pool] / np.maximum(lengths[pool], 1)
        by_density = pool[np.argsort(-density, kind="stable")[: max_candidates // 2]]
        by_value = pool[np.argsort(-value[pool], kind="stable")]
        chosen = list(dict.fromkeys([*by_density.tolist(), *by_value.tolist()]))
        pool = np.array(sorted(chosen[:max_candidates]))
    # A sentence whose predecessor is out of the pool cannot be taken either.
    pool_set = set(pool.tolist())
    pool = np.array([j for j in pool.tolist()
                     if j not in requires or requires[j] in pool_set], dtype=np.int64)
    if pool.size == 0:
        return []
    sub = matrix[pool] if matrix.shape[1] else sparse.csr_matrix((pool.size, 0))
    used = np.flatnonzero(np.asarray(sub.sum(axis=0)).ravel() > 0)
    sub = sub[:, used].tocsr()
    w = weights[used]
    k, m = pool.size, used.size
    local = {int(j): i for i, j in enumerate(pool.tolist())}

    cost = -np.concatenate([bonus[pool], w])
    rows = [sparse.hstack([sparse.csr_matrix(lengths[pool][None, :].astype(np.float64)),
                           sparse.csr_matrix((1, m))])]
    lower, upper = [-np.inf], [float(budget)]
    if m:
        rows.append(sparse.hstack([-sub.T, sparse.identity(m)]))
        lower.append(np.full(m, -np.inf))
        upper.append(np.zeros(m))
    pairs = [(local[a], local[b]) for a, b in conflicts if a in local and b in local]
    deps = [(local[j], local[p]) for j, p in requires.items() if j in local and p in local]
    for extra, bound in ((pairs, 1.0), (deps, 0.0)):
        if not extra:
            continue
        r = np.repeat(np.arange(len(extra)), 2)
        cols = np.array(extra).ravel()
        vals = np.tile([1.0, 1.0 if bound else -1.0], len(extra))
        rows.append(sparse.hstack([sparse.csr_matrix((vals, (r, cols)), shape=(len(extra), k)),
                                   sparse.csr_matrix((len(extra), m))]))
        lower.append(np.full(len(extra), -np.inf))
        upper.append(np.full(len(extra), bound))
    a = sparse.vstack(rows).tocsr()
    constraint = LinearConstraint(a, np.hstack([np.atleast_1d(x) for x in lower]),
                                  np.hstack([np.atleast_1d(x) for x in upper]))
    integrality = np.concatenate([np.ones(k), np.zeros(m)])
    result = milp(cost, constraints=constraint, integrality=integrality,
                  bounds=Bounds(0.0, 1.0), options={"time_limit": TIME_LIMIT, "mip_rel_gap": GAP})
    if result.x is None:
        return []
    return sorted(int(pool[i]) for i in np.flatnonzero(result.x[:k] > 0.5))
