"""``summarize``: one cited extractive summary for a group of articles about one story."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from thoisu.model import Article, SummarySentence
from thoisu.summarize.features import GroupFeatures, group_features
from thoisu.summarize.order import reading_order
from thoisu.summarize.scorer import Scorer, load_scorer
from thoisu.summarize.selection import SelectionParams, select
from thoisu.summarize.summary import CHOSEN, Considered, Summary


class Summarizer:
    """The learned scorer plus the selection settings stored with it."""

    def __init__(self, scorer: Scorer | None = None, params: SelectionParams | None = None):
        self.scorer = scorer or load_scorer()
        if params is None:
            known = {k: v for k, v in self.scorer.selection.items()
                     if k in SelectionParams.__dataclass_fields__}
            params = SelectionParams(**known)  # type: ignore[arg-type]
        self.params = params

    def __call__(self, articles: Sequence[Article], max_syllables: int = 200) -> Summary:
        if not articles:
            return Summary([], [], max(int(max_syllables), 0), 0, "no articles")
        return self.summarize_features(group_features(articles), max_syllables)

    def summarize_features(self, group: GroupFeatures, max_syllables: int) -> Summary:
        budget = max(int(max_syllables), 0)
        if not group.candidates:
            return Summary([], [], budget, 0, "no article has any sentence")
        scores = self.scorer.score(group.matrix)
        chosen, decisions = select(scores, group.lengths, group.containment, budget, self.params,
                                    group.bigram_matrix)
        if not chosen:
            # A tight budget: a short sentence beats an empty summary.
            relaxed = replace(self.params, min_syllables=1)
            chosen, decisions = select(scores, group.lengths, group.containment, budget, relaxed,
                                        group.bigram_matrix)
        cands = group.candidates
        order = reading_order([(cands[i].article, cands[i].index) for i in chosen],
                              group.articles)
        sentences = [SummarySentence(cands[chosen[k]].text, cands[chosen[k]].article_id,
                                     cands[chosen[k]].index, float(scores[chosen[k]]))
                     for k in order]
        explain = []
        for d in sorted(decisions, key=lambda d: (d.status != CHOSEN, -scores[d.index])):
            c = cands[d.index]
            reason = d.reason
            if d.other is not None:
                o = cands[d.other]
                reason = f"{reason} ({o.article_id}:{o.index})"
            explain.append(Considered(c.text, c.article_id, c.index, float(scores[d.index]),
                                      c.syllables, d.status, reason))
        used = sum(cands[i].syllables for i in chosen)
        note = ""
        if not chosen:
            shortest = int(min(c.syllables for c in cands))
            note = (f"no sentence fits in {budget} syllables (the shortest has {shortest}); "
                    "ask for a longer summary")
        return Summary(sentences, explain, budget, used, note)


@lru_cache(maxsize=1)
def default_summarizer() -> Summarizer:
    """The packaged model, loaded on first use in each process."""
    return Summarizer()


def summarize(articles: Sequence[Article], max_syllables: int = 200) -> Summary:
    """A summary of at most ``max_syllables`` syllables, whole sentences only, each cited.

    Articles repeated (same id) or without sentences are ignored. If no sentence fits the
    length, the summary is empty and ``Summary.note`` says so.
    """
    return default_summarizer()(articles, max_syllables)
