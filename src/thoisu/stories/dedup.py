"""Near-duplicates: syndicated or re-ingested copies of one article (MinHash + LSH).

Two outlets often run the same agency text, and a page read twice may come back with other
boilerplate around it. Such copies must count as one voice, so each group of copies keeps one
canonical article and lists the others with their similarity:

>>> from thoisu.model import Origin
>>> text = ("Sáng nay, đoàn tàu chở 300 khách rời ga Hà Nội đi Lào Cai, khai trương tuyến du "
...         "lịch mới qua các tỉnh trung du và miền núi phía Bắc trong dịp hè.")
>>> a1 = Article("a1", Origin("a1"), paragraphs=[text], url="https://vnexpress.net/tau")
>>> a7 = Article("a7", Origin("a7"), paragraphs=[text], source="Báo Miền Trung",
...              meta={"credit": "VnExpress"})
>>> find_duplicates([a7, a1], Settings())
[DuplicateLink(canonical='a1', copy='a7', similarity=1.0)]

Shingles are runs of ``dedup_shingle`` syllable tokens (lower-case, punctuation and spacing
folded) of the body, or of the title when there is
no body. The similarity is the MinHash estimate (``dedup_num_perm`` permutations) of the
Jaccard similarity of the shingle sets; a pair is a copy at ``dedup_threshold`` or above.

Canonical: the **original** of the copies. An article another one credits (a credit line "Theo
Tuổi Trẻ" kept by the cleaner in ``meta["credit"]``, naming the first one's outlet: its
``source`` or its URL's host) is the original; else the earliest published, comparing only
comparable dates (both with a year, or both without); else, in one batch, the dated one, then
the longest body, then the first in input order. In the incremental :class:`DuplicateIndex` an
indexed canonical gives way only to a new article that is its original by those rules
(credited, or published earlier); the link then says so (``DuplicateLink`` from the new
canonical to the old one), and :class:`thoisu.stories.cluster.StoryClusterer` puts the original
in the copy's place.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from datasketch import MinHash, MinHashLSH

from thoisu.model import Article, DuplicateLink, PartialDate
from thoisu.settings import Settings

_TOKEN = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[str]:
    """Lower-case syllable tokens, punctuation and spacing dropped (NFC assumed, as cleaned).

    The same tokens as :func:`thoisu.text.syllables.syllable_tokens` for letters and digits,
    found by one regular expression because deduplication reads every article.
    """
    return _TOKEN.findall(text.lower())


def _hash32(data: bytes) -> int:
    # Stable across processes (Python's str hash is salted) and far cheaper than SHA-1;
    # MinHash's own random affine permutations are applied on top of it.
    return zlib.crc32(data)


def shingles(article: Article, size: int) -> set[str]:
    """The syllable shingles of an article's body (its title when the body is empty)."""
    words = tokens(article.body_text) or tokens(article.title)
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words)}
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def _fold(name: str) -> str:
    """An outlet name or host folded for comparison: "Tuổi Trẻ", "tuoitre.vn" → "tuoitre"."""
    name = name.lower().replace("đ", "d")
    name = unicodedata.normalize("NFD", name)
    name = "".join(ch for ch in name if unicodedata.category(ch) != "Mn")
    name = re.sub(r"^(https?://)?(www\.|m\.)?", "", name)
    name = re.split(r"[/:]", name)[0]
    name = re.sub(r"\.(com|net|org|vn|gov|edu|info)(\.vn)?$", "", name)
    name = re.sub(r"^(bao|tap chi|trang|theo)\s+", "", name)
    return re.sub(r"[^a-z0-9]", "", name)


@dataclass(frozen=True)
class Provenance:
    """What tells an original from its copies: its outlet, whom it credits, when it came out."""

    outlet: str  # folded host of its URL ("vnexpress"), "" when unknown
    credited: str  # folded credit ("Theo Tuổi Trẻ" → "tuoitre"), "" when none
    published: PartialDate | None
    name: str = ""  # folded ``source``, the outlet's name ("Tuổi Trẻ" → "tuoitre")

    def names(self) -> set[str]:
        return {n for n in (self.outlet, self.name) if n}


def provenance(article: Article) -> Provenance:
    url = article.url or str(article.meta.get("url") or "")
    credit = article.meta.get("credit")
    return Provenance(_fold(url) if url else "", _fold(credit) if isinstance(credit, str) else "",
                      article.published, _fold(article.source or ""))


def _same_outlet(credited: str, own: str) -> bool:
    return credited == own or (len(credited) >= 4 and credited in own)


def credits(copy: Provenance, original: Provenance) -> bool:
    """Whether ``copy`` credits ``original``'s outlet ("Theo VnExpress" on a vnexpress.net page,
    or on a page whose ``source`` is "VnExpress"), and is not itself that outlet's page.

    >>> tto = Provenance("tuoitre", "", None, "tuoitre")
    >>> credits(Provenance("", "tuoitre", None, "baomientrung"), tto)
    True
    >>> credits(Provenance("", "tuoitre", None, "tuoitre"), tto)  # the outlet signing its own
    False
    """
    credited = copy.credited
    if not credited or not original.names():
        return False
    if any(_same_outlet(credited, own) for own in copy.names()):
        return False  # "Theo Tuổi Trẻ" on Tuổi Trẻ's own page credits nobody else
    return any(_same_outlet(credited, own) for own in original.names())


def earlier(a: Provenance, b: Provenance) -> bool:
    """Whether ``a`` was published before ``b``, by comparable dates only."""
    if a.published is None or b.published is None:
        return False
    if (a.published.year is None) != (b.published.year is None):
        return False
    return a.published.sort_key() < b.published.sort_key()


def is_original(a: Provenance, b: Provenance) -> bool:
    """Whether ``a`` should be the canonical of the pair: credited by ``b``, or earlier."""
    if credits(b, a):
        return True
    if credits(a, b):
        return False
    return earlier(a, b)


def _preference(article: Article, position: int) -> tuple[int, tuple[int, int, int], int, int]:
    """Sort key: the canonical of a group sorts first."""
    if article.published is not None and article.published.year is not None:
        dated, when = 0, article.published.sort_key()
    else:
        dated, when = 1, (0, 0, 0)
    return (dated, when, -len(article.body_text), position)


@dataclass
class _Entry:
    id: str
    minhash: MinHash
    origin: Provenance | None = None  # to tell an original from its copies


class DuplicateIndex:
    """Canonical articles seen so far, for finding copies as new batches arrive."""

    def __init__(self, settings: Settings,
                 computed: Callable[[Article], Any] | None = None) -> None:
        """``computed(article)``: the article's features computed beforehand
        (:class:`thoisu.stories.features.Features`, whose ``minhash`` is taken), or None."""
        self.settings = settings
        self.computed = computed
        self.threshold = settings.dedup_threshold
        # The LSH only proposes candidates; each is checked against the real threshold. Its
        # own threshold stays where datasketch can band the signature (at least two bands).
        lsh_threshold = min(max(self.threshold, 0.05), 0.9)
        self.lsh = MinHashLSH(threshold=lsh_threshold, num_perm=settings.dedup_num_perm)
        self._entries: dict[str, _Entry] = {}
        # Drawing the permutations is costlier than hashing one article: draw them once.
        template = MinHash(num_perm=settings.dedup_num_perm, seed=1)
        self._permutations = template.permutations
        self._scheme = template.scheme
        self._canonical_of: dict[str, str] = {}  # every id seen -> its canonical id

    def __len__(self) -> int:
        return len(self._canonical_of)

    def canonical_of(self, article_id: str) -> str | None:
        """The canonical id of a seen article (itself when it is canonical), else None."""
        return self._canonical_of.get(article_id)

    def minhash(self, article: Article) -> MinHash | None:
        found = self.computed(article) if self.computed is not None else None
        if found is not None:
            if found.minhash is None:
                return None
            return MinHash(num_perm=self.settings.dedup_num_perm, seed=1,
                           hashvalues=found.minhash, scheme=found.scheme or self._scheme,
                           permutations=self._permutations)
        grams = shingles(article, self.settings.dedup_shingle)
        if not grams:
            return None
        mh = MinHash(num_perm=self.settings.dedup_num_perm, seed=1, hashfunc=_hash32,
                     permutations=self._permutations, scheme=self._scheme)
        mh.update_batch([g.encode("utf-8") for g in sorted(grams)])
        return mh

    def add(self, articles: Sequence[Article]) -> list[DuplicateLink]:
        """Index ``articles``; the links for those that copy an indexed or a batch article.

        Articles already seen (same id) are ignored; articles without text are never copies.
        """
        fresh: list[tuple[int, Article]] = []
        batch_ids: set[str] = set()
        for position, article in enumerate(articles):
            if article.id in self._canonical_of or article.id in batch_ids:
                continue
            batch_ids.add(article.id)
            fresh.append((position, article))
        # The preferred copy of a group is met first, so it becomes the canonical.
        fresh.sort(key=lambda item: _preference(item[1], item[0]))
        links: list[DuplicateLink] = []
        for _, article in fresh:
            mh = self.minhash(article)
            if mh is None:
                self._canonical_of[article.id] = article.id
                continue
            best: tuple[float, str] | None = None
            for key in sorted(self.lsh.query(mh)):
                similarity = float(mh.jaccard(self._entries[key].minhash))
                if similarity >= self.threshold and (best is None or similarity > best[0]):
                    best = (similarity, key)
            if best is None:
                self._insert(article, mh)
                continue
            old = self._entries[best[1]]
            if old.origin is not None and is_original(provenance(article), old.origin):
                # The newcomer is the original: it takes the canonical's place.
                links = [link for link in links if link.copy != article.id]
                self._replace(old, article, mh)
                for copy, canonical in list(self._canonical_of.items()):
                    if canonical == old.id:
                        self._canonical_of[copy] = article.id
                links = [DuplicateLink(article.id, link.copy, link.similarity)
                         if link.canonical == old.id else link for link in links]
                links.append(DuplicateLink(canonical=article.id, copy=old.id,
                                           similarity=round(best[0], 4)))
            else:
                self._canonical_of[article.id] = best[1]
                links.append(DuplicateLink(canonical=best[1], copy=article.id,
                                           similarity=round(best[0], 4)))
        return links

    def _insert(self, article: Article, mh: MinHash) -> None:
        self._entries[article.id] = _Entry(article.id, mh, provenance(article))
        self.lsh.insert(article.id, mh)
        self._canonical_of[article.id] = article.id

    def _replace(self, old: _Entry, article: Article, mh: MinHash) -> None:
        self.lsh.remove(old.id)
        del self._entries[old.id]
        self._insert(article, mh)

    def add_known(self, canonical: Article, copies: Sequence[str] = ()) -> None:
        """Index an article known to be canonical (e.g. from the store) and its copies' ids."""
        if canonical.id not in self._canonical_of:
            mh = self.minhash(canonical)
            if mh is not None:
                self._entries[canonical.id] = _Entry(canonical.id, mh, provenance(canonical))
                self.lsh.insert(canonical.id, mh)
            self._canonical_of[canonical.id] = canonical.id
        for copy in copies:
            self._canonical_of.setdefault(copy, canonical.id)


def find_duplicates(articles: Sequence[Article], settings: Settings) -> list[DuplicateLink]:
    """Links from each canonical article to its copies among ``articles``, with similarity.

    Deterministic: the same articles in the same order give the same links; the order of the
    links follows the canonical preference (earliest, longest, first).
    """
    return DuplicateIndex(settings).add(articles)

