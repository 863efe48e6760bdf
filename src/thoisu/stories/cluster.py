"""Incremental story clustering: each new article joins the best story or starts one.

A batch goes through four steps (details and figures in docs/stories.md):

1. **copies** are found first (:mod:`thoisu.stories.dedup`) and attached to their canonical
   article's story as ``duplicates``, never as a second voice;
2. the **language** of each article is the one its analysis recorded (detected here only for
   an unanalysed article); an article not in Vietnamese only meets stories in its own
   language, and its join says so;
3. each canonical article, in a fixed order (date, then id), takes the story whose members
   are on average most similar to it (mean cosine of the vectors of
   :mod:`thoisu.stories.vectors`, as average-link clustering), times a time factor that fades
   beyond ``story_window_days``; at ``story_threshold`` or above it joins, else it starts a
   story. An article also joins where the anchor would (mean syllable TF-IDF cosine with the
   members at ``ANCHOR_JOIN``). Candidates come from an inverted index over each story's
   strongest terms, capped per term, so an article meets a bounded number of stories and
   cost grows linearly;
4. a **repair** pass lets the batch's articles move to a better story found later in the
   batch, and merges a story touched by the batch into an older one when their centroids are
   as similar as a join requires (and at least half as similar as the tighter story's own
   members are to each other). This is what keeps one batch and ten batches close.

The stories of steps 3 and 4 are *events*; :meth:`StoryClusterer.stories` links events that
share their actors into running stories (:mod:`thoisu.stories.threads`).

Every join keeps the similarity that decided it (:class:`thoisu.model.Join`).

Beside this module: :mod:`thoisu.stories.state` (members and stories being grouped),
:mod:`thoisu.stories.placement` (an article's language, trusted day and told days; the time
factor) and :mod:`thoisu.stories.name_shares` (how specific a name is in the window).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from thoisu.model import Article, DuplicateLink, Join, Story
from thoisu.settings import Settings
from thoisu.stories.dedup import DuplicateIndex
from thoisu.stories.features import Features, usable
from thoisu.stories.name_shares import NameShares, name_shares
from thoisu.stories.placement import (
    article_day,
    language_of,
    order_key,
    time_factor,
    told_days,
)
from thoisu.stories.state import Member, StoryState, member_key
from thoisu.stories.threads import LINK_WORDS, Link, link_events, needed_to_merge
from thoisu.stories.vectors import (
    EMPTY,
    SYLLABLE_PARAMS,
    ArticleTerms,
    Centroid,
    DocumentFrequencies,
    Vector,
    VectorParams,
    article_terms,
    name_vector,
    syllable_terms,
    weigh,
)

INDEX_TERMS = 20  # strongest terms of an article that index its story and query the index
POSTING_CAP = 200  # most recent stories kept per index term: bounds the cost of a lookup
CANDIDATES = 8  # stories scored exactly per article
KEPT_TERMS = 300  # terms of each member kept (before IDF) to re-weigh it later
REBUILD_GROWTH = 1.2  # re-weigh every story once the corpus has grown by this factor
# Most articles of the recent window grouped again with a batch (the most recent stories
# first): bounds the cost of a batch when nothing is dated and the window is the whole store.
REGROUP_LIMIT = 6000
# Mean cosine of names an article needs with a story's members to join it (or a day told by
# both): words alone, the vocabulary of a topic, do not make one event. Chosen on ktlab-dev.
EVIDENCE_NAMES = 0.1
# The anchor's opinion: the mean cosine of an article's syllable TF-IDF vector with a story's
# members (the vectors and the criterion of the TF-IDF average-link anchor of `thoisu eval
# cluster`). At ANCHOR_JOIN or above an article joins on it alone: what the anchor joins, we
# join. 0.45 is the anchor's best threshold on ktlab-dev (and, as it turned out, on ViMs and
# the mix). Merges of whole stories stay on our own rule: merging on the anchor's alone cost
# precision (ktlab-dev 0.9552 -> 0.9502, ViMs 0.9710 -> 0.9694); asking the anchor's joins for
# event evidence too cost recall (ktlab-dev 0.9552 -> 0.9484, below the anchor).
ANCHOR_JOIN = 0.45


class StoryClusterer:
    """Stories grown from batches of articles; ``add`` a batch, read ``stories()``.

    State lives in memory; to continue after a restart, rebuild it from the stored stories and
    their articles with :meth:`from_stories` (what :func:`thoisu.stories.sync.update_stories`
    does), which recomputes vectors and centroids without re-deciding any membership.
    """

    def __init__(self, settings: Settings, params: VectorParams | None = None,
                 features: Mapping[str, Features] | None = None) -> None:
        """``features``: articles' features computed beforehand, by id (where they were
        analysed, :mod:`thoisu.stories.features`); an article without them, or changed since,
        is computed here."""
        self.settings = settings
        self.params = params or VectorParams()
        # Precomputed terms are of the default weights only.
        self.features = features or {}
        self._terms_given = self.params == VectorParams()
        self.threshold = settings.story_threshold
        self.window = settings.story_window_days
        self.link_threshold = settings.story_link_threshold
        self.link_window = settings.story_link_window_days
        self.df = DocumentFrequencies(self.params.idf_prior)
        self.sdf = DocumentFrequencies(0.0)  # of the anchor's syllables, unsmoothed as its IDF
        self.dups = DuplicateIndex(
            settings, (lambda a: usable(self.features, a)) if self.features else None)
        self._stories: dict[int, StoryState] = {}
        self._alias: dict[int, int] = {}  # merged story seq -> the seq it went into
        self._story_of: dict[str, int] = {}  # canonical article id -> story seq
        self._vectors: dict[str, Vector] = {}  # vectors of the current batch only
        self._names: dict[str, Vector] = {}  # name vectors of the current batch only
        self._sylls: dict[str, Vector] = {}  # anchor vectors of the current batch only
        self._shares = NameShares()  # how common each name is in the window being grouped
        self._postings: dict[int, dict[int, None]] = {}
        self._pairs: set[tuple[int, int]] = set()  # candidate pairs of events to link
        self._heads: tuple[dict[int, int], dict[int, Link]] | None = None  # cached links
        self._next_seq = 0
        self._rebuilt_at = 0  # corpus size at the last re-weighing

    # ----------------------------------------------------------------- public API
    def add(self, articles: Sequence[Article]) -> list[Join]:
        """Place a batch of articles; one :class:`Join` per new article, in input order."""
        links = self.dups.add(articles)
        by_id = {a.id: a for a in articles}
        swaps = [link for link in links if link.copy in self._story_of]
        links = [link for link in links if link.copy not in self._story_of]
        swapped: dict[str, Join] = {}
        for link in swaps:
            swapped[link.canonical] = self._swap(link, by_id[link.canonical])
        copy_of = {link.copy: link for link in links}
        seen: set[str] = set()
        fresh: list[tuple[int, Article]] = []
        for position, article in enumerate(articles):
            if article.id in seen or article.id in self._story_of or article.id in copy_of:
                continue
            seen.add(article.id)
            fresh.append((position, article))
        fresh.sort(key=lambda item: order_key(item[1], item[0]))

        prepared = [(article, *self._prepare(article)) for _, article in fresh]
        for _, _language, terms, _syllables in prepared:
            if not terms.empty:
                self.df.add(terms)
        # Stories started from here on, those of a rebuild included, are named together at
        # the end (_name_new_stories), which keeps every id unique.
        batch_start = self._next_seq
        if self._stories and self.df.n >= REBUILD_GROWTH * max(self._rebuilt_at, 1):
            self._rebuild()
        items = [(self._member(article, terms, syllables), language)
                 for article, language, terms, syllables in prepared]
        for member, _ in items:
            if member.syllables is not None and not member.syllables.empty:
                self.sdf.add(member.syllables)
        fresh_ids = {m.id for m, _ in items}
        # The recent window is grouped again with the batch: the stories of a set of articles
        # do not depend on the order they arrived in (docs/stories.md, "Order").
        before, regrouped_links = self._dissolve_window([m.day for m, _ in items])
        items += [(member, language) for member, language, _, _ in before]
        items.sort(key=lambda item: member_key(item[0]))
        self._vectors = {m.id: weigh(m.terms, self.df, self.params) for m, _ in items}
        self._names = {m.id: name_vector(m.terms, self.df) for m, _ in items}
        self._sylls = {m.id: self._syllable_vector(m) for m, _ in items}
        self._shares = name_shares([m.terms for m, _ in items])

        touched = [self._place(member, language) for member, language in items]
        self._repair([m for m, _ in items], touched)
        for link in regrouped_links:
            seq = self._story_of.get(link.canonical)
            if seq is not None:
                self._stories[self._resolve(seq)].duplicates.append(link)
        self._name_new_stories(batch_start, before)
        self._collect_pairs([seq for seq in self._stories if seq >= batch_start])
        self._heads = None

        joins: dict[str, Join] = dict(swapped)
        for member_id in fresh_ids:
            story = self._stories[self._resolve(self._story_of[member_id])]
            joins[member_id] = story.joins[member_id]
        for link in links:
            seq = self._story_of.get(link.canonical)
            if seq is None:
                continue
            story = self._stories[self._resolve(seq)]
            story.duplicates.append(link)
            joins[link.copy] = Join(link.copy, link.similarity,
                                    f"copy of {link.canonical} (similarity {link.similarity:.2f})")
        self._vectors, self._names, self._sylls = {}, {}, {}
        self._shares = NameShares()
        out = []
        for article in articles:
            join = joins.pop(article.id, None)
            if join is not None:
                out.append(join)
        return out

    def stories(self) -> list[Story]:
        """The stories so far, oldest first, each with its most central article's title.

        A story is one event or several linked by their names (:mod:`thoisu.stories.threads`);
        the first article of a linked event says so in its join.
        """
        heads, links = self._threads()
        grouped: dict[int, list[StoryState]] = {}
        for seq in sorted(self._stories):
            grouped.setdefault(heads.get(seq, seq), []).append(self._stories[seq])
        out = []
        for head, events in grouped.items():
            lead = self._stories[head]
            articles: list[str] = []
            joins: list[Join] = []
            duplicates: list[DuplicateLink] = []
            for event in events:
                if event.title_dirty:
                    event.title = self._central_title(event)
                    event.title_dirty = False
                link = links.get(event.seq)
                for i, member in enumerate(event.members):
                    join = event.joins[member.id]
                    if i == 0 and link is not None:
                        join = Join(join.article, join.similarity,
                                    f"{join.reason}; linked to story {lead.id} (same actors: "
                                    f"names similarity {link.names:.2f} ≥ "
                                    f"{self.link_threshold:.2f}, words {link.words:.2f})")
                    articles.append(member.id)
                    joins.append(join)
                duplicates.extend(event.duplicates)
            # The title of the story's largest event (ties: the oldest) names the story.
            title = max(events, key=lambda e: (e.size, -e.seq)).title
            out.append(Story(id=lead.id, title=title, articles=articles, joins=joins,
                             duplicates=duplicates))
        return out

    def story_of(self, article_id: str) -> str | None:
        """The id of the story holding an article (or the canonical it copies)."""
        canonical = self.dups.canonical_of(article_id) or article_id
        seq = self._story_of.get(canonical)
        if seq is None:
            return None
        seq = self._resolve(seq)
        heads, _ = self._threads()
        return self._stories[heads.get(seq, seq)].id

    @classmethod
    def from_stories(cls, settings: Settings, stories: Sequence[Story],
                     articles: Sequence[Article]) -> StoryClusterer:
        """Rebuild the state from stored stories and their articles, keeping memberships."""
        self = cls(settings)
        by_id = {a.id: a for a in articles}
        members = [(s, by_id[i]) for s in stories for i in s.articles if i in by_id]
        prepared = {a.id: self._prepare(a) for _, a in members}
        for _, terms, _ in prepared.values():
            if not terms.empty:
                self.df.add(terms)
        members_of = {a.id: self._member(a, *prepared[a.id][1:]) for _, a in members}
        for member in members_of.values():
            if member.syllables is not None and not member.syllables.empty:
                self.sdf.add(member.syllables)
        for story in stories:
            if not any(i in by_id for i in story.articles):
                continue  # none of its articles could be loaded: leave the stored story alone
            language = next((prepared[i][0] for i in story.articles if i in prepared), "vi")
            state = self._new_story(language, story.id)
            joins = {j.article: j for j in story.joins}
            for article_id in story.articles:
                article = by_id.get(article_id)
                if article is None:
                    continue
                terms = prepared[article_id][1]
                vector = weigh(terms, self.df, self.params)
                member = members_of[article_id]
                state.add(member, vector, name_vector(terms, self.df),
                          self._syllable_vector(member))
                state.joins[article_id] = joins.get(article_id, Join(article_id, 1.0, "stored"))
                self._story_of[article_id] = state.seq
                self._index(state.seq, vector)
                copies = [d.copy for d in story.duplicates if d.canonical == article_id]
                self.dups.add_known(article, copies)
            state.duplicates = list(story.duplicates)
            if story.title:
                state.title, state.title_dirty = story.title, False
        self._rebuilt_at = self.df.n
        return self

    # ----------------------------------------------------------------- internals
    def _swap(self, link: DuplicateLink, original: Article) -> Join:
        """``original`` arrives after its copy ``link.copy`` was placed: it takes its place.

        Copies are near-identical text, so the member's vector stays; its id, title and date
        become the original's, and the old member is listed as the original's copy.
        """
        seq = self._resolve(self._story_of.pop(link.copy))
        story = self._stories[seq]
        member = next(m for m in story.members if m.id == link.copy)
        member.id, member.title = original.id, original.title
        member.day = article_day(original)
        days = [m.day for m in story.members if m.day is not None]
        story.first_day, story.last_day = (min(days), max(days)) if days else (None, None)
        story.title_dirty = True
        old = story.joins.pop(link.copy)
        join = Join(original.id, old.similarity,
                    f"{old.reason}; the original of {link.copy} (credited or published "
                    f"earlier, similarity {link.similarity:.2f}), which it replaces")
        story.joins[original.id] = join
        story.duplicates = [DuplicateLink(original.id, d.copy, d.similarity)
                            if d.canonical == link.copy else d for d in story.duplicates]
        story.duplicates.append(link)
        self._story_of[original.id] = seq
        return join

    def _prepare(self, article: Article) -> tuple[str, ArticleTerms, ArticleTerms]:
        """Language, terms and the anchor's syllable counts: given (checked once) or made."""
        found = usable(self.features, article)
        syllables = (found.syllables if found is not None and found.syllables is not None
                     else syllable_terms(article))
        if found is not None and self._terms_given:
            return found.language, found.terms, syllables
        return language_of(article), article_terms(article, self.params), syllables

    def _central_title(self, story: StoryState) -> str:
        """The title of the member closest to the centroid (ties: the earlier member)."""
        best: tuple[float, str] | None = None
        c = story.centroid
        for member in story.members:
            score = c.dot(weigh(member.terms, self.df, self.params))
            if member.title and (best is None or score > best[0]):
                best = (score, member.title)
        return best[1] if best else ""

    def _threads(self) -> tuple[dict[int, int], dict[int, Link]]:
        if self._heads is None:
            pairs = {(min(a, b), max(a, b)) for a, b in
                     ((self._resolve(a), self._resolve(b)) for a, b in self._pairs)
                     if a in self._stories and b in self._stories}
            self._pairs = pairs
            self._heads = link_events(self._stories, pairs, self.link_threshold,
                                      LINK_WORDS * self.threshold, self.link_window)
        return self._heads

    def _collect_pairs(self, seqs: list[int]) -> None:
        """Candidate events to link with each of ``seqs``: those sharing their strong names."""
        for seq in sorted({self._resolve(s) for s in seqs}):
            story = self._stories.get(seq)
            if story is None:
                continue
            unit = story.names.unit()
            if not len(unit):
                continue
            for other in self._candidates(unit, story.language, story.first_day,
                                          self.link_window):
                if other != seq:
                    self._pairs.add((min(seq, other), max(seq, other)))

    def _resolve(self, seq: int) -> int:
        while seq in self._alias:
            seq = self._alias[seq]
        return seq

    def _new_story(self, language: str, story_id: str) -> StoryState:
        story = StoryState(seq=self._next_seq, id=story_id, language=language)
        self._stories[story.seq] = story
        self._next_seq += 1
        return story

    def _member(self, article: Article, terms: ArticleTerms, syllables: ArticleTerms
                ) -> Member:
        if terms.ids.size > KEPT_TERMS:
            # Ranked as weigh() ranks them, so the terms a vector keeps are all kept.
            strength = terms.tf * self.df.idf(terms.ids) ** self.params.idf_power
            strength = np.where(terms.is_name, strength * self.params.name_weight, strength)
            top = np.sort(np.argpartition(-strength, KEPT_TERMS - 1)[:KEPT_TERMS])
            terms = ArticleTerms(terms.ids[top], terms.tf[top], terms.is_name[top])
        compact = ArticleTerms(terms.ids.astype(np.int32), terms.tf.astype(np.float32),
                               terms.is_name)
        syllables = ArticleTerms(syllables.ids.astype(np.int32),
                                 syllables.tf.astype(np.float32), syllables.is_name)
        return Member(article.id, article.title, article_day(article), compact,
                       told_days(article), syllables)

    def _syllable_vector(self, member: Member) -> Vector:
        """The member's vector in the anchor's terms, under the current IDF."""
        if member.syllables is None:
            return EMPTY
        return weigh(member.syllables, self.sdf, SYLLABLE_PARAMS)

    def _rebuild(self) -> None:
        """Re-weigh every story with the current IDF, and index it again.

        Vectors are weighted by the IDF of the moment they arrive; while the corpus is small
        that IDF is flatter, which inflates similarities. Rebuilding whenever the corpus has
        grown by REBUILD_GROWTH keeps every vector within that factor of the current corpus,
        at an amortised cost linear in the number of articles.
        """
        self._postings = {}
        vectors: dict[str, Vector] = {}
        names: dict[str, Vector] = {}
        sylls: dict[str, Vector] = {}
        for seq in sorted(self._stories):
            story = self._stories[seq]
            story.centroid, story.names, story.syllables = Centroid(), Centroid(), Centroid()
            for member in story.members:
                vector = vectors[member.id] = weigh(member.terms, self.df, self.params)
                names[member.id] = name_vector(member.terms, self.df)
                sylls[member.id] = self._syllable_vector(member)
                self._index(seq, vector)
            story.centroid.add([vectors[m.id] for m in story.members])
            story.names.add([names[m.id] for m in story.members])
            story.syllables.add([sylls[m.id] for m in story.members])
        self._rebuilt_at = self.df.n
        # A join decided under the flatter IDF of a smaller corpus may no longer hold: a member
        # whose mean similarity with the rest of its story is now below the threshold leaves
        # it and is placed again, as if it arrived now.
        leaving: list[tuple[Member, str]] = []
        for seq in sorted(self._stories):
            story = self._stories[seq]
            if len(story.members) < 2:
                continue
            for member in list(story.members[1:]):
                vector = vectors[member.id]
                if len(vector) and self._fit(vector, sylls[member.id], member.day, story,
                                             own=True)[0] < 1.0:
                    story.remove(member.id, vector, names[member.id], sylls[member.id])
                    leaving.append((member, story.language))
        for member, language in leaving:
            self._place_member(member, vectors[member.id], names[member.id], language,
                               "; placed again after the IDF was updated",
                               sylls[member.id])
        self._pairs = set()
        self._collect_pairs(list(self._stories))
    def _index(self, seq: int, vector: Vector) -> None:
        for term, _ in vector.strongest[:INDEX_TERMS]:
            posting = self._postings.setdefault(term, {})
            posting.pop(seq, None)
            posting[seq] = None
            if len(posting) > POSTING_CAP:
                del posting[next(iter(posting))]

    def _candidates(self, vector: Vector, language: str, day: int | None,
                    window: int | None = None) -> list[int]:
        """Stories sharing strong terms with ``vector``, best first, faded by time.

        Without the time factor, older stories of the same topic (last year's floods) would
        take every candidate slot from the story that is running now. A story faded below
        ``story_threshold`` is no candidate: a mean cosine is at most 1, so neither rule could
        join it (nor link it: the link window is a hard cut), and comparing it would make the
        cost of a lookup grow with the years of the same topics the store holds. A story
        taken apart by a regrouping leaves the postings it is found in.
        """
        score: dict[int, float] = {}
        for term, weight in vector.strongest[:INDEX_TERMS]:
            posting = self._postings.get(term)
            if not posting:
                continue
            gone = []
            for seq in posting:
                live = self._resolve(seq)
                if live in self._stories:
                    score[live] = score.get(live, 0.0) + weight
                else:
                    gone.append(seq)
            for seq in gone:
                del posting[seq]
        if day is not None:
            faded = {}
            for seq, value in score.items():
                factor = time_factor(day, self._stories[seq],
                                     self.window if window is None else window)
                if factor >= self.threshold:
                    faded[seq] = value * factor
            score = faded
        ranked = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))
        return [seq for seq, _ in ranked[:CANDIDATES]
                if self._stories[seq].language == language]

    def _similarity(self, vector: Vector, day: int | None, story: StoryState,
                    own: bool = False, centroid: Centroid | None = None) -> float:
        """Mean cosine of an article with a story's members (without itself when ``own``)."""
        # Mean cosine with the members (the criterion of average-link clustering); the
        # centroid is the sum of the members' unit vectors, so this is one dot product.
        if not len(vector):
            return 0.0
        dot = (story.centroid if centroid is None else centroid).dot(vector)
        n = len(story.members)
        if own:
            return (dot - 1.0) / (n - 1) * time_factor(day, story, self.window) if n > 1 else 0.0
        sim = dot / n if n else 0.0
        return sim * time_factor(day, story, self.window)

    def _fit(self, vector: Vector, syllables: Vector, day: int | None, story: StoryState,
             own: bool = False, evidence: bool = True) -> tuple[float, float, float]:
        """How well an article fits a story: (fit, our similarity, the anchor's similarity).

        A fit of 1 or more is a join: our similarity at ``story_threshold`` with event
        ``evidence``, or the anchor's similarity at ANCHOR_JOIN (the anchor's rule: syllables
        of the whole text, plain IDF). Each is divided by its threshold, so fits of different
        stories compare.
        """
        sim = self._similarity(vector, day, story, own)
        anchor = self._similarity(syllables, day, story, own, story.syllables)
        ours = sim / self.threshold if evidence else 0.0
        return max(ours, anchor / ANCHOR_JOIN), sim, anchor

    def evidence(self, names: Vector, told: frozenset[int], story: StoryState,
                 specific: Vector | None = None) -> bool:
        """Whether an article and a story share more than words: their names (people,
        organisations, places: mean cosine of name vectors at least EVIDENCE_NAMES, each
        name weighed by how specific it is, :class:`NameShares`) or a day their texts tell
        of. With nothing to compare on one side, words decide alone. ``specific``: ``names``
        already weighed, when the caller has it."""
        if (not len(names) and not told) or (not len(story.names) and not story.told):
            return True
        if specific is None:
            specific = self._shares.specific(names)
        if len(names) and story.names.dot(specific) / max(story.size, 1) >= EVIDENCE_NAMES:
            return True
        return any(day in story.told for day in told)

    def _best(self, vector: Vector, day: int | None, language: str,
              exclude: int | None = None, member: Member | None = None,
              names: Vector = EMPTY, syllables: Vector = EMPTY
              ) -> tuple[float, float, int | None]:
        """The candidate story the article fits best: (fit, our similarity, its seq).

        Evidence is only asked where our similarity would join: below the threshold our
        rule's fit is under 1 either way, and the anchor's rule asks for none.
        """
        best: tuple[float, float, int | None] = (0.0, 0.0, None)
        specific: Vector | None = None
        for seq in self._candidates(vector, language, day):
            if seq == exclude:
                continue
            story = self._stories[seq]
            evidence = True
            if member is not None and self._similarity(vector, day, story) >= self.threshold:
                if specific is None:
                    specific = self._shares.specific(names)
                evidence = self.evidence(names, member.told, story, specific)
            fit, sim, _ = self._fit(vector, syllables, day, story, evidence=evidence)
            if fit > best[0]:
                best = (fit, sim, seq)
        return best

    def _dissolve_window(self, days: list[int | None]
                         ) -> tuple[list[tuple[Member, str, str, Join | None]],
                                    list[DuplicateLink]]:
        """Take apart the stories of the recent window, to be grouped again with a batch.

        The window is every story whose last day is within ``story_window_days`` before the
        batch's first day (or undated); when an article of the batch is undated, it could
        belong to any story, so every story is in it. At most REGROUP_LIMIT articles, the most
        recent stories first. Returns each member with its language, old story id and join,
        and the copies those stories listed.
        """
        if not self._stories or not days:
            return [], []
        dated = [d for d in days if d is not None]
        start = min(dated) - self.window if len(dated) == len(days) else None
        chosen = [st for st in self._stories.values()
                  if start is None or st.last_day is None or st.last_day >= start]
        chosen.sort(key=lambda st: (st.last_day if st.last_day is not None else 1 << 40,
                                    st.seq), reverse=True)
        out: list[tuple[Member, str, str, Join | None]] = []
        links: list[DuplicateLink] = []
        for story in chosen:
            if out and len(out) + story.size > REGROUP_LIMIT:
                break
            del self._stories[story.seq]
            for member in story.members:
                self._story_of.pop(member.id, None)
                out.append((member, story.language, story.id, story.joins.get(member.id)))
            links.extend(story.duplicates)
        return out, links

    def _name_new_stories(self, batch_start: int,
                          before: list[tuple[Member, str, str, Join | None]]) -> None:
        """Name the stories made by this batch: a regrouped story keeps the id of the story
        most of its members were in (and their joins, when they stayed), a new one is named
        after its first article; ids stay unique."""
        old = {member.id: (story_id, join) for member, _, story_id, join in before}
        taken = {st.id for seq, st in self._stories.items() if seq < batch_start}
        for seq in range(batch_start, self._next_seq):
            story = self._stories.get(seq)
            if story is None or not story.members:
                continue
            counts = Counter(old[m.id][0] for m in story.members if m.id in old)
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            name = next((sid for sid, _ in ranked if sid not in taken), None)
            if name is None:
                name = f"s-{story.members[0].id}"  # named after its first article
                while name in taken:
                    name += "+"
            story.id = name
            taken.add(name)
            for member in story.members:
                kept = old.get(member.id)
                if kept is not None and kept[0] == name and kept[1] is not None:
                    story.joins[member.id] = kept[1]

    def _place(self, member: Member, language: str) -> int:
        vector = self._vectors[member.id]
        if not len(vector):
            story = self._new_story(language, f"s-{member.id}")
            story.add(member, vector, EMPTY)
            story.joins[member.id] = Join(member.id, 0.0, "no text to compare: own story")
            self._story_of[member.id] = story.seq
            return story.seq
        return self._place_member(member, vector, self._names[member.id], language,
                                  syllables=self._sylls[member.id])

    def _reason(self, fit: float, sim: float, vector: Vector, syllables: Vector,
                day: int | None, story: StoryState) -> str:
        if sim >= self.threshold and fit * self.threshold <= sim + 1e-9:
            return f"joined (similarity {sim:.2f} ≥ {self.threshold:.2f})"
        anchor = self._similarity(syllables, day, story, centroid=story.syllables)
        return (f"joined (similarity {sim:.2f}; syllable similarity {anchor:.2f} ≥ "
                f"{ANCHOR_JOIN:.2f}, the anchor's rule)")

    def _place_member(self, member: Member, vector: Vector, names: Vector, language: str,
                      note: str = "", syllables: Vector = EMPTY) -> int:
        fit, sim, seq = self._best(vector, member.day, language, member=member, names=names,
                                   syllables=syllables)
        if seq is not None and fit >= 1.0:
            story = self._stories[seq]
            reason = self._reason(fit, sim, vector, syllables, member.day, story)
        else:
            story = self._new_story(language, f"s-{member.id}")
            reason = (f"new story (best other {sim:.2f} < {self.threshold:.2f})"
                      if sim < self.threshold else
                      f"new story (best other {sim:.2f}, but no specific name or told day "
                      "shared: words alone)")
            if language != "vi":
                reason += f"; language {language}: kept out of Vietnamese stories"
        story.add(member, vector, names, syllables)
        story.joins[member.id] = Join(member.id, round(float(sim), 4), reason + note)
        self._story_of[member.id] = story.seq
        self._index(story.seq, vector)
        return story.seq

    def _repair(self, batch: list[Member], touched: list[int]) -> None:
        # Moves: an article placed early in the batch may fit a story started after it.
        for article in batch:
            vector = self._vectors[article.id]
            if not len(vector):
                continue
            day = article.day
            seq = self._resolve(self._story_of[article.id])
            own_story = self._stories[seq]
            language = own_story.language
            syllables = self._sylls[article.id]
            own = self._fit(vector, syllables, day, own_story, own=True)[0]
            fit, sim, other = self._best(vector, day, language, exclude=seq, member=article,
                                         names=self._names[article.id], syllables=syllables)
            if other is None or fit < 1.0 or fit <= own:
                continue
            names = self._names[article.id]
            member = own_story.remove(article.id, vector, names, syllables)
            target = self._stories[other]
            reason = self._reason(fit, sim, vector, syllables, day, target)
            target.add(member, vector, names, syllables)
            target.joins[article.id] = Join(article.id, round(sim, 4),
                                            f"{reason[:-1]}, moved from {own_story.id})")
            self._story_of[article.id] = other
            self._index(other, vector)
            if not own_story.members:
                self._drop(own_story, other)
        # Splits: a member that joined a story early, when it was alike in one article's
        # words, but is now less similar to the story's members on average than a join needs,
        # leaves it and is placed again (an article that shared only the topic's vocabulary).
        for article in batch:
            vector = self._vectors[article.id]
            seq = self._resolve(self._story_of[article.id])
            story = self._stories[seq]
            if not len(vector) or story.size < 3:
                continue
            syllables = self._sylls[article.id]
            if self._fit(vector, syllables, article.day, story, own=True)[0] >= 1.0:
                continue
            names = self._names[article.id]
            member = story.remove(article.id, vector, names, syllables)
            touched.append(self._place_member(member, vector, names, story.language,
                                              f"; left {story.id}, whose members it is less "
                                              "like on average than a join needs", syllables))
        # Merges: two stories of one event, started before an article bridged them.
        for seq in sorted({self._resolve(s) for s in touched}):
            seq = self._resolve(seq)
            story = self._stories.get(seq)
            if story is None or not len(story.centroid):
                continue
            found = self._best_merge(story)
            if found is not None:
                other, reason = found
                keep, gone = sorted((seq, other))
                self._merge(self._stories[keep], self._stories[gone], reason)

    def _best_merge(self, story: StoryState) -> tuple[int, str] | None:
        """The story ``story`` should merge into (members as similar as a join needs) and why."""
        day = story.first_day
        best: tuple[float, int] | None = None
        for other in self._candidates(story.centroid.unit(), story.language, day):
            if other == story.seq:
                continue
            target = self._stories[other]
            sim = story.centroid.dot_centroid(target.centroid) / (
                len(story.members) * len(target.members))
            sim *= time_factor(day, target, self.window)
            if sim >= needed_to_merge(story, target, self.threshold) and (
                    best is None or sim > best[0]) and self._merge_evidence(story, target):
                best = (sim, other)
        return None if best is None else (best[1], f"centroid similarity {best[0]:.2f}")

    def _merge_evidence(self, a: StoryState, b: StoryState) -> bool:
        """:meth:`evidence` between two stories: names (mean cosine) or a told day shared."""
        if (not len(a.names) and not a.told) or (not len(b.names) and not b.told):
            return True
        # Cosine of the two name centroids: the names the two groups are about, which the
        # mean over every pair of members would dilute in a large story.
        if b.names.dot(self._shares.specific(a.names.unit())) >= EVIDENCE_NAMES * b.names.norm:
            return True
        return any(day in b.told for day in a.told)

    def _merge(self, keep: StoryState, gone: StoryState, why: str) -> None:
        for member in gone.members:
            keep.members.append(member)
            self._story_of[member.id] = keep.seq
            old = gone.joins[member.id]
            keep.joins[member.id] = Join(member.id, old.similarity,
                                         f"{old.reason}; story merged into {keep.id} "
                                         f"({why})")
        keep.centroid.add_centroid(gone.centroid)
        keep.names.add_centroid(gone.names)
        keep.syllables.add_centroid(gone.syllables)
        keep.told.update(gone.told)
        keep.title_dirty = True
        days = [d for d in (keep.first_day, keep.last_day, gone.first_day, gone.last_day)
                if d is not None]
        keep.first_day = min(days) if days else None
        keep.last_day = max(days) if days else None
        keep.duplicates.extend(gone.duplicates)
        self._drop(gone, keep.seq)

    def _drop(self, story: StoryState, into: int) -> None:
        del self._stories[story.seq]
        self._alias[story.seq] = into
