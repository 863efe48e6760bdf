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
from collections import Counter
from collections.abc import Iterable
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

_CLAUSE_SPLIT = re.compile(r"([.!?…\n]+|[,;:()\[\]\"“”‘’«»–—]+)")
_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?…\n]")


@dataclass(frozen=True)
class VectorParams:
    """Weights of the article vector; the defaults are argued in docs/stories.md."""

    title_weight: float = 3.0  # a title syllable counts as this many body syllables
    name_weight: float = 1.5  # multiplier of name features after IDF
    bigram_weight: float = 1.0
    max_terms: int = 200  # strongest terms kept per article
    idf_prior: float = 20.0  # pseudo-documents added to N: damps IDF while the corpus is small
    idf_power: float = 2.0  # >1 favours rare terms (event details) over the topic's vocabulary
    numbers: bool = True  # keep numbers ("22/5", "3 tỷ") as terms
    trigram_weight: float = 0.0  # three-syllable phrases: shared wording of one event


def _hash(term: str) -> int:
    return zlib.crc32(term.encode("utf-8")) & (DIM - 1)


def clauses(text: str) -> Iterable[tuple[list[str], bool]]:
    """The words of each clause of ``text``, and whether the clause starts a sentence."""
    starts_sentence = True
    for piece in _CLAUSE_SPLIT.split(text):
        if not piece:
            continue
        if _CLAUSE_SPLIT.fullmatch(piece):
            starts_sentence = bool(_SENTENCE_END.search(piece))
            continue
        words = _WORD.findall(piece)
        if words:
            yield words, starts_sentence
            starts_sentence = False


def _names(words: list[str], sentence_start: bool) -> list[str]:
    """Runs of capitalised syllables; a lone capitalised word only inside a sentence."""
    out: list[str] = []
    run: list[str] = []
    run_at_start = False

    def flush() -> None:
        nonlocal run
        items = list(run)
        while items and items[0].lower() in STOPWORDS:
            items = items[1:]  # "Theo Bộ ...", "Ông Putin": the first word is not the name
        if len(items) >= 2 or (len(items) == 1 and not run_at_start and len(items[0]) > 1):
            out.append(" ".join(items).lower())
        run = []

    for i, word in enumerate(words):
        if word[0].isupper() and not word.isdigit():
            if not run:
                run_at_start = sentence_start and i == 0
            run.append(word)
        elif run:
            flush()
    if run:
        flush()
    return out


def term_counts(text: str, weight: float, counts: Counter[str], names: Counter[str] | None,
                bigram_weight: float = 1.0, numbers: bool = False,
                trigram_weight: float = 0.0) -> None:
    """Add the weighted unigrams, bigrams (and names) of ``text`` to ``counts``."""
    for words, at_start in clauses(text):
        low = [w.lower() for w in words]
        prev: str | None = None
        prev2: str | None = None
        for w in low:
            keep = len(w) > 1 and (numbers or not w.isdigit()) and w not in STOPWORDS
            if keep:
                counts[w] += weight
                if prev is not None:
                    counts[prev + " " + w] += weight * bigram_weight
                    if prev2 is not None and trigram_weight:
                        counts[prev2 + " " + prev + " " + w] += weight * trigram_weight
                prev2, prev = prev, w
            else:
                prev2 = prev = None
        if names is not None:
            for name in _names(words, at_start):
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
    words: Counter[str] = Counter()
    names: Counter[str] = Counter()
    own_names = not article.entities
    term_counts(article.title, params.title_weight, words, names if own_names else None,
                params.bigram_weight, params.numbers, params.trigram_weight)
    term_counts(article.body_text, 1.0, words, names if own_names else None,
                params.bigram_weight, params.numbers, params.trigram_weight)
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


def weigh(terms: ArticleTerms, df: DocumentFrequencies, params: VectorParams) -> dict[int, float]:
    """The L2-normalised TF-IDF vector of an article, cut to its ``max_terms`` strongest terms."""
    if terms.empty:
        return {}
    idf = df.idf(terms.ids)
    w = terms.tf * (idf if params.idf_power == 1.0 else idf ** params.idf_power)
    w = np.where(terms.is_name, w * params.name_weight, w)
    if w.size > params.max_terms:
        top = np.argpartition(-w, params.max_terms - 1)[: params.max_terms]
        ids, w = terms.ids[top], w[top]
    else:
        ids = terms.ids
    norm = float(np.sqrt(np.dot(w, w)))
    if norm == 0.0:
        return {}
    order = np.lexsort((ids, -w))  # strongest first, ties by id: deterministic
    return {int(ids[i]): float(w[i] / norm) for i in order}


def cosine(a: dict[int, float], b: dict[int, float], b_norm: float = 1.0) -> float:
    """Dot product of a unit vector ``a`` with ``b`` divided by ``b``'s norm."""
    if not a or not b or b_norm == 0.0:
        return 0.0
    if len(a) > len(b):
        small, big = b, a
    else:
        small, big = a, b
    return sum(v * big.get(k, 0.0) for k, v in small.items()) / b_norm
