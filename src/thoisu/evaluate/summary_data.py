"""Evaluation clusters for summaries: articles with their features, references, the budget.

Shared by the evaluation table (:mod:`thoisu.evaluate.summaries`) and the scorer's training
(:mod:`thoisu.evaluate.summary_model`), which therefore do not import each other.

Protocol: syllable tokens; every summary cut to the cluster's mean reference length in
syllables (rounded); ROUGE F1, with several references the mean of the per-reference scores.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from thoisu.evaluate.rouge import RougeScore, rouge, truncate
from thoisu.evaluate.vims import VimsCluster
from thoisu.model import Origin, PartialDate
from thoisu.summarize.articles import article_from_text
from thoisu.summarize.features import GroupFeatures, group_features
from thoisu.text.syllables import syllable_tokens


@dataclass
class EvalCluster:
    id: str
    group: GroupFeatures
    references: list[list[str]]  # syllable tokens of each human summary
    budget: int  # mean reference length in syllables


def prepare(clusters: Sequence[VimsCluster]) -> list[EvalCluster]:
    """Articles, features and reference tokens of every cluster that has a reference.

    Where the corpus says when an article was written and by which outlet (KTLAB), the
    article carries it (``published``, ``source``), as a crawled article would.
    """
    out = []
    for cluster in clusters:
        refs = [syllable_tokens(s) for s in cluster.summaries]
        refs = [r for r in refs if r]
        if not refs:
            continue
        articles = []
        for a in cluster.articles:
            article = article_from_text(a.title, a.text, Origin(str(a.path)))
            if a.published is not None:
                when = a.published
                article.published = PartialDate(when.year, when.month, when.day)
            article.source = a.outlet or None
            articles.append(article)
        budget = round(sum(len(r) for r in refs) / len(refs))
        out.append(EvalCluster(cluster.id, group_features(articles), refs, budget))
    return out


def tokens_of(cluster: EvalCluster, picked: Sequence[int]) -> list[str]:
    cands = cluster.group.candidates
    return [t for i in picked for t in cands[i].tokens]


def score_tokens(cluster: EvalCluster, tokens: Sequence[str]) -> RougeScore:
    return rouge(truncate(tokens, cluster.budget), cluster.references)
