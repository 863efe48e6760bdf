"""Article vectors for story clustering: weighted terms, names, and running IDF.

An article becomes a sparse vector over hashed terms:

* **words**: syllable unigrams and adjacent-syllable bigrams, lower-cased, inside a clause.
  Bigrams stand in for segmented words (``quốc phòng``, ``máy bay``) without running the CRF
  segmenter, which would cost about a millisecond per sentence (an hour at 100k articles);
* **names**: runs of capitalised syllables (``Ai Cập``, ``Sherif Fathy``), or the article's
  ``entities`` when an earlier stage filled them, as features of their own, weighted up;
* the **title** counts several times, since it names the event in few words.

Term frequencies are sublinear (``1 + log tf``), weighted by an IDF estimated from running
document frequencies with add-``prior`` smoothing, L2-normalised and cut to the strongest
``max_terms`` terms (which also drops most of the noise). Terms are hashed with CRC-32 into
``2**22`` slots, so memory does not grow with the vocabulary and ids are stable across runs.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from thoisu.model import Article

DIM_BITS = 22
DIM = 1 << DIM_BITS

# Function syllables that say nothing about the event; written for this project.
STOPWORDS = frozenset("""
và của là có được trong các những cho với đã này người không một từ đến khi tại theo về
cũng như để sẽ đang thì mà nhưng vào ra lại còn nên nếu vì do bị hay hoặc rằng sau trước
trên dưới giữa nhiều rất đó đây ấy nào gì ai ông bà anh chị em họ chúng tôi mình ta nó
bởi qua thêm vẫn chỉ mới đều cùng chưa phải lên xuống nơi việc điều cách năm ngày tháng
giờ hôm nay lúc này kia hơn nhất số thế vậy sự mỗi mọi tất cả đi làm nói cho biết thấy
""".split())

# A word, a run of sentence-ending marks, or a run of clause-breaking marks.
_TOKENS = re.compile(r"[^\W_]+|[.!?…\n]+|[,;:()\[\]\"“”‘’«»–—]+")
_SENTENCE_END = frozenset(".!?…\n")


@dataclass(frozen=True)
class VectorParams:
    """Weights of the article vector; the defaults are argued in docs/stories.md."""

    title_weight: float = 3.0  # a title syllable counts as this many body syllables
    name_weight: float = 1.5  # multiplier of name features after IDF
    bigram_weight: float = 1.0
    max_terms: int = 200  # strongest terms kept per article
    idf_prior: float = 100.0  # pseudo-documents added to N: a small store does not move IDF much
    idf_power: float = 2.0  # >1 favours rare terms (event details) over the topic's vocabulary
    numbers: bool = True  # keep numbers ("22/5", "3 tỷ") as terms


def _hash(term: str) -> int:
    return zlib.crc32(term.encode("utf-8")) & (DIM - 1)


def _name(run: list[str], at_start: bool) -> str | None:
    """A run of capitalised words as a name; a lone capitalised word only inside a sentence."""
    start = 0
    while start < len(run) and run[start] in STOPWORDS:
        start += 1  # "Theo Bộ Y tế", "Ông Putin": the first word is not part of the name
    items = run[start:]
    if len(items) >= 2 or (len(items) == 1 and not at_start and len(items[0]) > 1):
        return " ".join(items)
    return None


def term_counts(text: str, weight: float, counts: defaultdict[str, float],
                names: defaultdict[str, float] | None,
                bigram_weight: float = 1.0, numbers: bool = True) -> None:
    """Add the weighted unigrams and bigrams (and names) of ``text`` to ``counts``.

    One pass over the tokens: bigrams and names never reach across punctuation, and a
    capitalised word that only starts a sentence is not taken for a name.
    """
    prev: str | None = None
    run: list[str] = []
    run_at_start = False
    sentence_start = True
    pair_weight = weight * bigram_weight
    for token in _TOKENS.findall(text):
        first = token[0]
        if not first.isalnum():
            prev = None
            if run and names is not None:
                name = _name(run, run_at_start)
                if name:
                    names[name] += weight
            run = []
            sentence_start = first in _SENTENCE_END
            continue
        low = token.lower()
        if names is not None:
            if first.isupper():
                if not run:
                    run_at_start = sentence_start
                run.append(low)
            elif run:
                name = _name(run, run_at_start)
                if name:
                    names[name] += weight
                run = []
        sentence_start = False
        if len(low) > 1 and (numbers or not low.isdigit()) and low not in STOPWORDS:
            counts[low] += weight
            if prev is not None:
                counts[prev + " " + low] += pair_weight
            prev = low
        else:
            prev = None
    if run and names is not None:
        name = _name(run, run_at_start)
        if name:
            names[name] += weight


@dataclass
class ArticleTerms:
    """The hashed term ids of one article with their (sublinear) term weights, before IDF."""

    ids: np.ndarray  # int64, unique
    tf: np.ndarray  # float64
    is_name: np.ndarray  # bool

    @property
    def empty(self) -> bool:
        return self.ids.size == 0


def article_terms(article: Article, params: VectorParams) -> ArticleTerms:
    """Hash the words and names of ``article`` into term ids with sublinear weights."""
    words: defaultdict[str, float] = defaultdict(float)
    names: defaultdict[str, float] = defaultdict(float)
    own_names = not article.entities
    term_counts(article.title, params.title_weight, words, names if own_names else None,
                params.bigram_weight, params.numbers)
    term_counts(article.body_text, 1.0, words, names if own_names else None,
                params.bigram_weight, params.numbers)
    if not own_names:
        for entity in article.entities:
            names[entity.name.lower()] += entity.count
    table: dict[int, tuple[float, bool]] = {}
    for term, c in words.items():
        table[_hash(term)] = (1.0 + math.log(c) if c >= 1 else c, False)
    for term, c in names.items():
        table[_hash("#" + term)] = (1.0 + math.log(c) if c >= 1 else c, True)
    if not table:
        return ArticleTerms(np.zeros(0, np.int64), np.zeros(0), np.zeros(0, bool))
    ids = np.fromiter(table.keys(), np.int64, len(table))
    tf = np.fromiter((v[0] for v in table.values()), np.float64, len(table))
    is_name = np.fromiter((v[1] for v in table.values()), bool, len(table))
    return ArticleTerms(ids, tf, is_name)


SYLLABLE_TERMS = 300  # most frequent syllables of an article kept for the anchor's opinion


def syllable_terms(article: Article) -> ArticleTerms:
    """The anchor's view of an article: raw counts of its syllables (the ROUGE protocol's
    tokens, function syllables included), title and body alike, hashed apart from the terms
    of :func:`article_terms`.

    Weighted with plain IDF (:data:`SYLLABLE_PARAMS`) this is the vector of the TF-IDF
    average-link anchor of ``thoisu eval cluster``: the clusterer's second opinion.
    """
    from thoisu.text.syllables import syllable_tokens

    counts: defaultdict[str, int] = defaultdict(int)
    for token in syllable_tokens(article.full_text):
        counts[token] += 1
    if not counts:
        return ArticleTerms(np.zeros(0, np.int64), np.zeros(0), np.zeros(0, bool))
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:SYLLABLE_TERMS]
    table: dict[int, float] = {}
    for term, c in items:
        slot = _hash("~" + term)
        table[slot] = table.get(slot, 0.0) + c
    ids = np.fromiter(table.keys(), np.int64, len(table))
    tf = np.fromiter(table.values(), np.float64, len(table))
    return ArticleTerms(ids, tf, np.zeros(len(table), bool))


class DocumentFrequencies:
    """Running document frequencies over hashed terms, and the IDF they give."""

    def __init__(self, prior: float = 20.0) -> None:
        self.df = np.zeros(DIM, np.int32)
        self.n = 0
        self.prior = prior

    def add(self, terms: ArticleTerms) -> None:
        self.df[terms.ids] += 1
        self.n += 1

    def idf(self, ids: np.ndarray) -> np.ndarray:
        # Smoothed: a term never seen counts as seen in one of the prior pseudo-documents, so
        # IDF stays finite and, while the corpus is small, flatter than it will become.
        n = self.n + self.prior
        return np.log((n + 1.0) / (self.df[ids] + 1.0)) + 1.0


STRONGEST = 32  # strongest terms of a vector listed in order, for the candidate index
NAME_TERMS = 40  # strongest names kept in an article's name vector
CENTROID_TERMS = 1000  # terms a story centroid may hold before its weakest half is dropped


@dataclass
class Vector:
    """A sparse unit vector: term ids in ascending order with their weights."""

    ids: np.ndarray  # int64, ascending
    w: np.ndarray  # float64
    strongest: list[tuple[int, float]]  # the STRONGEST heaviest (id, weight), heaviest first

    def __len__(self) -> int:
        return int(self.ids.size)


EMPTY = Vector(np.zeros(0, np.int64), np.zeros(0), [])
_NAME_PARAMS = VectorParams(name_weight=1.0, max_terms=NAME_TERMS, idf_power=1.0)
# The anchor's weighting: raw counts times plain IDF, every kept syllable.
SYLLABLE_PARAMS = VectorParams(name_weight=1.0, max_terms=SYLLABLE_TERMS, idf_power=1.0)


def weigh(terms: ArticleTerms, df: DocumentFrequencies, params: VectorParams) -> Vector:
    """The L2-normalised TF-IDF vector of an article, cut to its ``max_terms`` strongest terms."""
    if terms.empty:
        return EMPTY
    idf = df.idf(terms.ids)
    w = terms.tf * (idf if params.idf_power == 1.0 else idf ** params.idf_power)
    w = np.where(terms.is_name, w * params.name_weight, w)
    ids = terms.ids.astype(np.int64)
    if w.size > params.max_terms:
        top = np.argpartition(-w, params.max_terms - 1)[: params.max_terms]
        ids, w = ids[top], w[top]
    norm = float(np.sqrt(np.dot(w, w)))
    if norm == 0.0:
        return EMPTY
    w = w / norm
    order = np.lexsort((ids, -w))[:STRONGEST]  # heaviest first, ties by id: deterministic
    strongest = list(zip(ids[order].tolist(), w[order].tolist(), strict=True))
    by_id = np.argsort(ids, kind="stable")
    return Vector(ids[by_id], w[by_id], strongest)


def name_vector(terms: ArticleTerms, df: DocumentFrequencies) -> Vector:
    """The unit vector of an article's names only (``Nga``, ``Syria``, ``Nhà nước Hồi giáo``).

    It says *who* and *where* an article is about, whatever happened; stories that share it
    across separate events are one running story (see docs/stories.md). Plain IDF, not
    squared: the names of the actors of a long story recur in every event, and squaring would
    leave only the names of one event's details.
    """
    if terms.empty or not terms.is_name.any():
        return EMPTY
    mask = terms.is_name
    names = ArticleTerms(terms.ids[mask], terms.tf[mask], mask[mask])
    return weigh(names, df, _NAME_PARAMS)


def _dot(ids_a: np.ndarray, w_a: np.ndarray, ids_b: np.ndarray, w_b: np.ndarray) -> float:
    if ids_a.size == 0 or ids_b.size == 0:
        return 0.0
    if ids_a.size > ids_b.size:
        ids_a, w_a, ids_b, w_b = ids_b, w_b, ids_a, w_a
    at = np.searchsorted(ids_b, ids_a)
    at[at == ids_b.size] = 0
    match = ids_b[at] == ids_a
    return float(np.dot(w_a[match], w_b[at[match]]))


class Centroid:
    """The sum of a story's member vectors, kept as two compact arrays.

    A dict would cost about 80 bytes a term; these arrays cost 16, which is what lets 100k
    articles' stories fit in memory.
    """

    __slots__ = ("ids", "norm", "w")

    def __init__(self) -> None:
        self.ids = np.zeros(0, np.int64)
        self.w = np.zeros(0)
        self.norm = 0.0

    def __len__(self) -> int:
        return int(self.ids.size)

    def add(self, vectors: list[Vector], sign: float = 1.0) -> None:
        """Add (or with ``sign`` -1, subtract) vectors."""
        parts = [v for v in vectors if len(v)]
        if not parts:
            return
        self._set(np.concatenate([self.ids, *(v.ids for v in parts)]),
                  np.concatenate([self.w, *(sign * v.w for v in parts)]))

    def add_centroid(self, other: Centroid) -> None:
        self._set(np.concatenate([self.ids, other.ids]), np.concatenate([self.w, other.w]))

    def _set(self, ids: np.ndarray, w: np.ndarray) -> None:
        unique, inverse = np.unique(ids, return_inverse=True)
        summed = np.bincount(inverse, weights=w, minlength=unique.size)
        keep = np.abs(summed) > 1e-9
        unique, summed = unique[keep], summed[keep]
        if unique.size > CENTROID_TERMS:
            top = np.sort(np.argsort(-summed, kind="stable")[: CENTROID_TERMS // 2])
            unique, summed = unique[top], summed[top]
        self.ids, self.w = unique.astype(np.int64), summed.astype(np.float64)
        self.norm = float(np.sqrt(np.dot(summed, summed)))

    def dot(self, vector: Vector) -> float:
        return _dot(vector.ids, vector.w, self.ids, self.w)

    def dot_centroid(self, other: Centroid) -> float:
        return _dot(self.ids, self.w, other.ids, other.w)

    def unit(self) -> Vector:
        """The centroid as a unit vector (for looking up similar stories)."""
        if self.norm == 0.0:
            return EMPTY
        w = self.w / self.norm
        order = np.lexsort((self.ids, -w))[:STRONGEST]
        strongest = list(zip(self.ids[order].tolist(), w[order].tolist(), strict=True))
        return Vector(self.ids, w, strongest)
