"""An article's story features, computed apart from the clustering that reads them.

Clustering one set of articles is serial, but most of its cost is per article and needs no
other article: the language, the hashed terms and names (:func:`~thoisu.stories.vectors.
article_terms`), the anchor's syllable counts (:func:`~thoisu.stories.vectors.syllable_terms`)
and the MinHash signature of the copy finder. :func:`features_of` computes them where the
article is analysed (a ``digest`` or ``batch`` worker), and
:class:`~thoisu.stories.cluster.StoryClusterer` takes them instead of computing them again.

The features are the clusterer's own (the same functions on the same text), so the stories do
not depend on where they were computed. Each carries a fingerprint of the text it was computed
from: an article changed since is computed afresh.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from thoisu.model import Article
from thoisu.settings import Settings


@dataclass
class Features:
    """What clustering reads of one article."""

    language: str
    terms: Any  # thoisu.stories.vectors.ArticleTerms
    minhash: Any  # numpy array of the MinHash signature, or None for an article without text
    scheme: str | None = None  # datasketch's hashing scheme of that signature
    # Added later than the others: features kept by an older ``thoisu batch`` run have none
    # (and no fingerprint); the clusterer then computes the syllables itself.
    syllables: Any = None  # thoisu.stories.vectors.ArticleTerms of the anchor's syllables
    fingerprint: int | None = None  # text_fingerprint(article) when computed


def text_fingerprint(article: Article) -> int:
    """A checksum of what the features are computed from: title, lead, paragraphs, names."""
    names = "\x1f".join(f"{e.name}\x1e{e.count}" for e in article.entities)
    return zlib.crc32("\x1d".join((article.full_text, names, article.language or "")
                                  ).encode("utf-8", "surrogatepass"))


# One copy finder per (permutations, shingle size): drawing its permutations costs more than
# hashing an article.
_INDEXES: dict[tuple[int, int], Any] = {}


def features_of(article: Article, settings: Settings) -> Features:
    """The story features of ``article``, as the clusterer would compute them."""
    from thoisu.stories.dedup import DuplicateIndex
    from thoisu.stories.placement import language_of
    from thoisu.stories.vectors import VectorParams, article_terms, syllable_terms

    key = (settings.dedup_num_perm, settings.dedup_shingle)
    index = _INDEXES.get(key)
    if index is None:
        index = _INDEXES[key] = DuplicateIndex(settings)
    minhash = index.minhash(article)
    return Features(language_of(article), article_terms(article, VectorParams()),
                    None if minhash is None else minhash.hashvalues,
                    None if minhash is None else getattr(minhash, "scheme", None),
                    syllable_terms(article), text_fingerprint(article))


def usable(features: Mapping[str, Features], article: Article) -> Features | None:
    """``article``'s precomputed features when they are of its current text, else None."""
    found = features.get(article.id)
    if found is None:
        return None
    if found.fingerprint is not None and found.fingerprint != text_fingerprint(article):
        return None
    return found
