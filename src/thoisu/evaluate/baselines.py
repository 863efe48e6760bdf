"""Reference points for the evaluation: Lead, TextRank, LexRank, Centroid, MMR, greedy oracle.

Each baseline takes the group's candidates (see :mod:`thoisu.summarize.features`) and a length
in syllables, and returns candidate positions in output order, at least filling the length when
the group allows; the evaluation then cuts every system to the same length. All of them work
on syllable tokens, like the evaluation, so no system gets a tokenisation advantage.

TextRank: Mihalcea & Tarau (2004). LexRank: Erkan & Radev (2004), threshold 0.1. Centroid:
Radev et al. (2004). MMR: Carbonell & Goldstein (1998), λ = 0.7. Oracle: greedy sentence
addition maximising ROUGE-2 F1 against the references (an upper bound for extraction).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from thoisu.summarize.features import Candidate


def _fill(order: Iterable[int], cands: Sequence[Candidate], budget: int,
          skip_similar: np.ndarray | None = None, threshold: float = 1.0) -> list[int]:
    out: list[int] = []
    used = 0
    for i in order:
        if used >= budget:
            break
        if skip_similar is not None and out and max(skip_similar[i, j] for j in out) > threshold:
            continue
        out.append(int(i))
        used += cands[i].syllables
    return out


def lead(cands: Sequence[Candidate], budget: int) -> list[int]:
    """First sentence of each article in turn, then the second ones, and so on."""
    rank = {id(c): (c.index, c.article) for c in cands}
    order = sorted(range(len(cands)), key=lambda i: rank[id(cands[i])])
    return _fill(order, cands, budget)


def tfidf_matrix(cands: Sequence[Candidate]) -> np.ndarray:
    """Rows: sentences; columns: syllables; tf × idf (idf over the group's sentences), L2-normed."""
    vocab: dict[str, int] = {}
    counts = [Counter(c.tokens) for c in cands]
    for cnt in counts:
        for t in cnt:
            vocab.setdefault(t, len(vocab))
    m = np.zeros((len(cands), max(len(vocab), 1)))
    for i, cnt in enumerate(counts):
        for t, k in cnt.items():
            m[i, vocab[t]] = k
    df = (m > 0).sum(axis=0)
    m *= np.log(len(cands) / np.maximum(df, 1)) + 1.0
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return np.divide(m, norms, out=np.zeros_like(m), where=norms > 0)


def _pagerank(weights: np.ndarray, damping: float = 0.85, steps: int = 100) -> np.ndarray:
    n = len(weights)
    out_sum = weights.sum(axis=1, keepdims=True)
    trans = np.divide(weights, out_sum, out=np.full_like(weights, 1.0 / n), where=out_sum > 0)
    rank = np.full(n, 1.0 / n)
    for _ in range(steps):
        new = (1 - damping) / n + damping * trans.T @ rank
        if np.abs(new - rank).sum() < 1e-9:
            return new
        rank = new
    return rank


def textrank(cands: Sequence[Candidate], budget: int) -> list[int]:
    """PageRank over sentences linked by shared syllables, normalised by log lengths."""
    n = len(cands)
    sets = [set(c.tokens) for c in cands]
    w = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            denom = math.log(len(cands[i].tokens) + 1) + math.log(len(cands[j].tokens) + 1)
            w[i, j] = w[j, i] = len(sets[i] & sets[j]) / denom if denom > 0 else 0.0
    rank = _pagerank(w)
    return _fill(np.argsort(-rank, kind="stable"), cands, budget)


def lexrank(cands: Sequence[Candidate], budget: int, threshold: float = 0.1) -> list[int]:
    """PageRank over the graph of tf-idf cosine similarities above ``threshold``."""
    m = tfidf_matrix(cands)
    sim = m @ m.T
    adj = (sim > threshold).astype(float)
    rank = _pagerank(adj)
    return _fill(np.argsort(-rank, kind="stable"), cands, budget, sim, 0.5)


def centroid(cands: Sequence[Candidate], budget: int) -> list[int]:
    """Sentences closest to the group's tf-idf centroid, skipping near-repeats (cosine > 0.5)."""
    m = tfidf_matrix(cands)
    c = m.mean(axis=0)
    score = m @ c / (np.linalg.norm(c) or 1.0)
    return _fill(np.argsort(-score, kind="stable"), cands, budget, m @ m.T, 0.5)


def mmr(cands: Sequence[Candidate], budget: int, lam: float = 0.7) -> list[int]:
    """Maximal marginal relevance: centroid similarity against similarity to what is chosen."""
    m = tfidf_matrix(cands)
    c = m.mean(axis=0)
    rel = m @ c / (np.linalg.norm(c) or 1.0)
    sim = m @ m.T
    worst = np.zeros(len(cands))
    alive = np.ones(len(cands), dtype=bool)
    out: list[int] = []
    used = 0
    while used < budget and alive.any():
        i = int(np.argmax(np.where(alive, lam * rel - (1 - lam) * worst, -np.inf)))
        out.append(i)
        alive[i] = False
        used += cands[i].syllables
        worst = np.maximum(worst, sim[:, i])
    return out


def _bigram_counts(tokens: Sequence[str]) -> Counter[tuple[str, str]]:
    return Counter(itertools.pairwise(tokens))


def oracle(cands: Sequence[Candidate], budget: int,
           references: Sequence[Sequence[str]]) -> list[int]:
    """Greedily add the sentence that most raises mean ROUGE-2 F1; stop when none does."""
    refs = [_bigram_counts(r) for r in references]
    ref_totals = [max(sum(r.values()), 1) for r in refs]
    current: Counter[tuple[str, str]] = Counter()
    hits = [0] * len(refs)
    size = 0
    chosen: list[int] = []
    best_score = 0.0
    used = 0
    while used < budget:
        room = budget - used
        best_i, best_new, best_hits = -1, best_score, hits
        for i, c in enumerate(cands):
            if i in chosen or len(c.tokens) < 2:
                continue
            # The evaluation cuts the summary at the budget: count only what survives the cut.
            counts = _bigram_counts(c.tokens[:room])
            new_size = size + sum(counts.values())
            new_hits = []
            total = 0.0
            for ref, ref_total, hit in zip(refs, ref_totals, hits, strict=True):
                for g, k in counts.items():
                    if g in ref:
                        have = current[g]
                        hit += min(ref[g], have + k) - min(ref[g], have)
                new_hits.append(hit)
                p, r = hit / max(new_size, 1), hit / ref_total
                total += 2 * p * r / (p + r) if p + r else 0.0
            s = total / max(len(refs), 1)
            if s > best_new:
                best_i, best_new, best_hits = i, s, new_hits
        if best_i < 0:
            break
        chosen.append(best_i)
        counts = _bigram_counts(cands[best_i].tokens[:room])
        current += counts
        size += sum(counts.values())
        hits = best_hits
        best_score = best_new
        used += len(cands[best_i].tokens)
    return chosen


SYSTEMS = {"Lead": lead, "TextRank": textrank, "LexRank": lexrank, "Centroid": centroid,
           "MMR": mmr}
