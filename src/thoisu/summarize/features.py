"""Sentence features for multi-document summaries, computed once per group of articles.

Everything is counted over syllable tokens (the ROUGE unit), so no word segmenter runs on the
hot path. The strongest signal in news is *support*: what several outlets all say is what a
reader of one summary needs, so most features measure how much of a sentence the other
articles of the group repeat (syllable bigram document frequency, near-copies of the sentence).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from thoisu.model import Article
from thoisu.summarize.readable import trim_opening
from thoisu.text.syllables import syllable_tokens

FEATURES: tuple[str, ...] = (
    "bigram_support",  # mean share of other articles holding each of the sentence's bigrams
    "bigram_support_sum",  # log(1 + sum of those shares): long well-supported sentences
    "unigram_support",  # the same for syllables
    "copy_support",  # share of other articles with a near-copy (≥ 50% of its bigrams)
    "best_copy",  # mean over other articles of the best bigram containment
    "centroid_bigram",  # cosine with the group's bigram counts
    "centroid_unigram",  # cosine with the group's syllable counts
    "title_bigram",  # share of its bigrams found in some title
    "title_unigram",  # share of its syllables found in some title
    "position",  # 1 / (1 + sentence index)
    "first",  # first sentence of its article
    "lead",  # in the lead paragraph
    "relative_position",  # index / sentences in the article
    "length",  # syllables / 40
    "short",  # fewer than 10 syllables
    "long",  # more than 50 syllables
    "numbers",  # share of tokens with a digit
    "names",  # share of capitalised words not starting the sentence
    "date",  # mentions a date ("ngày 19/5", "tháng 3")
    "quote",  # opens with a quote or dash, or holds a quotation
    "question_colon",  # ends with "?" or ":" (rarely a good summary sentence)
    "articles",  # log of the number of articles in the group
    "article_share",  # the article's share of the group's sentences
    "content_support",  # bigram_support over bigrams with a content syllable
    "content_unigram_support",  # unigram_support over content syllables only
    "content_share",  # share of the sentence's syllables that are content syllables
    "max_copy",  # best bigram containment in any other article
    "support_rank",  # rank of bigram_support within its article (1 = best, then 1/rank)
    "group_support_pct",  # percentile of content_support within the group
    "article_centrality",  # mean content_support of the article's sentences, / group's best
    "shared_bigrams",  # share of its bigrams found in at least one other article
    "widely_shared",  # share of its bigrams found in at least half of the other articles
)

# Function syllables of Vietnamese: frequent in every text, so their repetition across
# articles says nothing about the story. Written for this module, not taken from a corpus.
STOP_SYLLABLES = frozenset("""
và của các những là có được trong cho với này đã một không để khi đến từ theo về ra tại vào
cũng như sẽ thì mà lại nhiều nhưng hay hoặc rằng đó nay sau trước trên dưới bị do vì nên nếu
đang vẫn còn chỉ đều cùng nhất hơn rất việc kia ấy gì nào ai bao nhiêu thế vậy lên xuống qua
ở cả mỗi điều cách phải hết luôn đây họ chúng tôi ta mình em thể biết cho nói rồi đi làm
""".split())

_DATE = re.compile(r"\b(ngày|tháng|hôm|sáng|chiều|tối|đêm)\s+\d|\b\d{1,2}/\d{1,2}\b", re.I)
_QUOTES = "\"“”‘’«»"
_DIGIT = re.compile(r"\d")


@dataclass
class Candidate:
    """A sentence that may go into the summary."""

    article: int  # position of its article in the deduplicated group
    article_id: str
    index: int  # Sentence.index in its article
    paragraph: int
    text: str
    tokens: list[str]

    @property
    def syllables(self) -> int:
        return len(self.tokens)


@dataclass
class GroupFeatures:
    """Candidates of a group, their feature matrix and the pairwise bigram containment."""

    articles: list[Article]
    candidates: list[Candidate]
    matrix: np.ndarray  # candidates × FEATURES
    containment: np.ndarray  # [i, j] = share of i's bigrams that j also has
    lengths: np.ndarray  # syllables per candidate
    bigram_matrix: sparse.csr_matrix | None = None  # candidates × bigrams, 0/1
    bigram_content: np.ndarray | None = None  # per bigram column: holds a content syllable


def bigrams(tokens: Sequence[str]) -> set[str]:
    grams = {f"{a} {b}" for a, b in itertools.pairwise(tokens)}
    # A one-syllable sentence still needs something to compare.
    return grams or set(tokens)


def unique_articles(articles: Sequence[Article]) -> list[Article]:
    """Articles with a new id and at least one sentence, in the given order."""
    seen: set[str] = set()
    out = []
    for article in articles:
        if article.id in seen or not article.sentences:
            continue
        seen.add(article.id)
        out.append(article)
    return out


def _binary_matrix(rows: list[set[str]], vocab: dict[str, int]) -> sparse.csr_matrix:
    # Set order varies with the hash seed; results must not: each row's grams sorted, new
    # grams numbered in the order they first appear.
    flat: list[str] = []
    indptr = [0]
    for row in rows:
        flat += sorted(row)
        indptr.append(len(flat))
    for g in dict.fromkeys(flat):
        if g not in vocab:
            vocab[g] = len(vocab)
    indices = list(map(vocab.__getitem__, flat))
    data = np.ones(len(indices), dtype=np.float64)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), max(len(vocab), 1)))


def _cosine(m: sparse.csr_matrix, centroid: np.ndarray) -> np.ndarray:
    norms = np.sqrt(np.asarray(m.sum(axis=1)).ravel())
    dots = m @ centroid
    denom = norms * (np.linalg.norm(centroid) or 1.0)
    return np.divide(dots, denom, out=np.zeros_like(dots), where=denom > 0)


def _surface(c: Candidate) -> list[float]:
    words = c.text.split()
    n = max(len(c.tokens), 1)
    names = sum(1 for w in words[1:] if w[:1].isupper() or (w[:1] in _QUOTES and w[1:2].isupper()))
    text = c.text.strip()
    # Tokens are the text in NFC and lower case, which make no digit: a sentence without one
    # (most) needs neither the per-token count nor the date pattern (which needs a digit too).
    digits = _DIGIT.search(text) is not None
    return [
        sum(1 for t in c.tokens if _DIGIT.search(t)) / n if digits else 0.0,
        names / max(len(words) - 1, 1),
        1.0 if digits and _DATE.search(text) else 0.0,
        1.0 if text[:1] in _QUOTES + "-–—" or sum(text.count(q) for q in _QUOTES) >= 2 else 0.0,
        1.0 if text.rstrip(_QUOTES + " )").endswith(("?", ":")) else 0.0,
    ]


# Pairwise sentence comparisons grow with the square of the group: a story of hundreds of
# articles keeps the earlier sentences of each (news puts the essentials first).
MAX_CANDIDATES = 2000


def group_features(articles: Sequence[Article],
                   max_candidates: int = MAX_CANDIDATES) -> GroupFeatures:
    """Features of every sentence of the group (duplicates and empty articles left out).

    At most ``max_candidates`` sentences are compared: beyond that, the latest sentences of
    each article are left out first.
    """
    kept = unique_articles(articles)
    candidates: list[Candidate] = []
    for a_pos, article in enumerate(kept):
        for s in article.sentences:
            # A credit glued before the sentence is cut off (summarize/readable.py); the rest
            # is quoted word for word.
            text = trim_opening(s.text)
            tokens = syllable_tokens(text)
            if tokens:
                candidates.append(Candidate(a_pos, article.id, s.index, s.paragraph, text,
                                            tokens))
    if len(candidates) > max_candidates:
        keep = sorted(range(len(candidates)), key=lambda i: (candidates[i].index, i))
        candidates = [candidates[i] for i in sorted(keep[:max_candidates])]
    n = len(candidates)
    if n == 0:
        return GroupFeatures(kept, [], np.zeros((0, len(FEATURES))), np.zeros((0, 0)),
                             np.zeros(0))
    n_art = len(kept)
    owner = np.array([c.article for c in candidates])
    lengths = np.array([c.syllables for c in candidates], dtype=np.float64)

    vocab_b: dict[str, int] = {}
    vocab_u: dict[str, int] = {}
    b_sets = [bigrams(c.tokens) for c in candidates]
    bmat = _binary_matrix(b_sets, vocab_b)
    umat = _binary_matrix([set(c.tokens) for c in candidates], vocab_u)
    owner_mat = sparse.csr_matrix((np.ones(n), (owner, np.arange(n))), shape=(n_art, n))
    others = max(n_art - 1, 1)

    def doc_freq(m: sparse.csr_matrix) -> np.ndarray:
        present = (owner_mat @ m) > 0  # articles × grams
        return np.asarray(present.sum(axis=0)).ravel()

    def support(m: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
        df = doc_freq(m)
        share = (df - 1.0) / others
        sizes = np.maximum(np.asarray(m.sum(axis=1)).ravel(), 1)
        total = m @ share
        return total / sizes, total

    b_mean, b_total = support(bmat)
    b_df = doc_freq(bmat)
    b_count = np.maximum(np.asarray(bmat.sum(axis=1)).ravel(), 1)
    shared = (bmat @ (b_df >= 2).astype(np.float64)) / b_count
    widely = (bmat @ ((b_df - 1) >= others / 2).astype(np.float64)) / b_count
    if n_art == 1:
        shared = widely = np.zeros(n)
    u_mean, _ = support(umat)
    content_b = np.zeros(bmat.shape[1], dtype=bool)
    for g, j in vocab_b.items():
        parts = g.split(" ")
        content_b[j] = any(p not in STOP_SYLLABLES for p in parts)
    content_u = np.zeros(umat.shape[1], dtype=bool)
    for g, j in vocab_u.items():
        content_u[j] = g not in STOP_SYLLABLES
    cb_mean, _ = support(bmat @ sparse.diags(content_b.astype(np.float64)))
    cu_mean, _ = support(umat @ sparse.diags(content_u.astype(np.float64)))
    content_share = np.array([sum(t not in STOP_SYLLABLES for t in c.tokens) / c.syllables
                              for c in candidates])

    overlap = (bmat @ bmat.T).toarray()
    b_sizes = np.maximum(np.asarray(bmat.sum(axis=1)).ravel(), 1)
    containment = overlap / b_sizes[:, None]
    best = np.zeros((n, n_art))
    for a in range(n_art):
        cols = owner == a
        best[:, a] = containment[:, cols].max(axis=1)
    best[np.arange(n), owner] = 0.0
    copy_support = (best >= 0.5).sum(axis=1) / others
    best_copy = best.sum(axis=1) / others

    centroid_b = _cosine(bmat, np.asarray(bmat.sum(axis=0)).ravel())
    centroid_u = _cosine(umat, np.asarray(umat.sum(axis=0)).ravel())

    title_b: set[str] = set()
    title_u: set[str] = set()
    for article in kept:
        t = syllable_tokens(article.title)
        title_b |= {f"{a} {b}" for a, b in itertools.pairwise(t)}
        title_u |= set(t)
    t_b = np.array([len(s & title_b) / max(len(s), 1) for s in b_sets])
    t_u = np.array([len(set(c.tokens) & title_u) / max(c.syllables, 1) for c in candidates])

    per_article = np.bincount(owner, minlength=n_art).astype(np.float64)
    max_copy = best.max(axis=1)
    support_rank = np.zeros(n)
    centrality = np.zeros(n_art)
    for a in range(n_art):
        idx = np.flatnonzero(owner == a)
        ranks = np.argsort(np.argsort(-b_mean[idx], kind="stable"), kind="stable")
        support_rank[idx] = 1.0 / (1 + ranks)
        centrality[a] = cb_mean[idx].mean()
    centrality /= centrality.max() or 1.0
    pct = np.argsort(np.argsort(cb_mean, kind="stable"), kind="stable") / max(n - 1, 1)
    rows = []
    for i, c in enumerate(candidates):
        rows.append([
            b_mean[i], np.log1p(b_total[i]), u_mean[i], copy_support[i], best_copy[i],
            centroid_b[i], centroid_u[i], t_b[i], t_u[i],
            1.0 / (1 + c.index), float(c.index == 0), float(c.paragraph == 0),
            c.index / per_article[c.article],
            c.syllables / 40, float(c.syllables < 10), float(c.syllables > 50),
            *_surface(c),
            np.log(n_art), per_article[c.article] / n,
            cb_mean[i], cu_mean[i], content_share[i], max_copy[i], support_rank[i], pct[i],
            centrality[c.article], shared[i], widely[i],
        ])
    matrix = np.array(rows, dtype=np.float64)
    return GroupFeatures(kept, candidates, matrix, containment, lengths, bmat, content_b)
