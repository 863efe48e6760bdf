"""Counts of what each stage of a run did (datatrove's per-step statistics).

One :class:`RunStats` goes through a run; each stage adds its counts under its own name:

>>> stats = RunStats()
>>> stats.add("read", "pages")
>>> stats.add("clean", "removed: share-buttons", 3)
>>> stats.get("clean", "removed: share-buttons")
3
>>> print(stats.format())
read
  pages  1
clean
  removed: share-buttons  3

``thoisu digest --stats FILE`` and ``thoisu ingest --stats FILE`` write :meth:`to_json` to FILE;
``thoisu batch`` may do the same with its own counts (:meth:`merge` adds another run's).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thoisu.model import Article, Story

# Stages in the order a run meets them; a stage not listed here comes after, by name.
STAGE_ORDER = ("read", "clean", "analyse", "store", "stories")


@dataclass
class RunStats:
    """Counts keyed by stage, then by what was counted ("pages", "removed: <rule>", ...)."""

    stages: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, stage: str, what: str, n: int = 1) -> None:
        """Count ``n`` more of ``what`` under ``stage`` (a zero still makes the key appear)."""
        self.stages.setdefault(stage, Counter())[what] += n

    def get(self, stage: str, what: str) -> int:
        return self.stages.get(stage, Counter()).get(what, 0)

    def merge(self, other: RunStats | Mapping[str, Mapping[str, int]]) -> None:
        """Add the counts of another run (or of its :meth:`to_json`), e.g. a worker's."""
        stages = other.stages if isinstance(other, RunStats) else other
        for stage, counts in stages.items():
            for what, n in counts.items():
                self.add(stage, what, int(n))

    def to_json(self) -> dict[str, dict[str, int]]:
        """Stages in run order, each with its counts sorted by name."""
        return {stage: dict(sorted(self.stages[stage].items())) for stage in self._order()}

    def write(self, path: str | Path) -> None:
        """Write :meth:`to_json` to ``path`` (UTF-8, indented)."""
        Path(path).write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n",
                              encoding="utf-8")

    def format(self) -> str:
        """The counts for people: a stage a line, then its counts indented."""
        out: list[str] = []
        for stage, counts in self.to_json().items():
            out.append(stage)
            width = max((len(k) for k in counts), default=0)
            out.extend(f"  {what:<{width}}  {n}" for what, n in counts.items())
        return "\n".join(out)

    def _order(self) -> list[str]:
        known = [s for s in STAGE_ORDER if s in self.stages]
        return known + sorted(s for s in self.stages if s not in STAGE_ORDER)

    # -- what the stages count --------------------------------------------------------------

    def count_article(self, article: Article) -> None:
        """Count what cleaning and analysis made of one article."""
        self.add("clean", "articles")
        for removed in article.removed:
            self.add("clean", f"removed: {removed.rule or removed.role}")
        if article.analysis_version is None:
            return
        self.add("analyse", "articles")
        self.add("analyse", "sentences", len(article.sentences))
        self.add("analyse", "time expressions", len(article.dates))
        self.add("analyse", "names", len(article.entities))
        self.add("analyse", "mentions", len(article.mentions))
        self.add("analyse", f"dated by: {evidence_kind(article)}")
        for problem in article.problems:
            # Counted by kind: numbers and quoted parts vary from article to article.
            kind = re.sub(r"\d+", "N", re.sub(r"'[^']*'|\"[^\"]*\"", "…", problem))
            self.add("analyse", f"problem: {kind.split(':')[0]}")

    def count_stories(self, stories: Iterable[Story], before: Mapping[str, int] | None = None
                      ) -> None:
        """Count stories made (id not in ``before``) and grown (more members than before)."""
        before = before or {}
        for story in stories:
            size = len(story.articles)
            self.add("stories", "copies found", len(story.duplicates))
            if story.id not in before:
                self.add("stories", "stories made")
            elif size > before[story.id]:
                self.add("stories", "stories grown")
            self.add("stories", "articles in stories made or changed", size)


# What a piece of evidence says, by the words infer_published writes (first match wins).
_KINDS = (("sibling article", "sibling"), ("metadata", "metadata"),
          ("timestamp", "page timestamp"))


def evidence_kind(article: Article) -> str:
    """How the article's publication date was known: ``input`` (the page gave it and nothing
    was inferred), ``metadata``, ``page timestamp``, ``text`` (title, lead, body), ``sibling``
    (a year lent by an article of the same story), or ``none`` when it has no date.

    >>> from thoisu.model import DateEvidence, Origin, PartialDate
    >>> a = Article("a1", Origin("x.txt"), published=PartialDate(2017, 1, 24))
    >>> evidence_kind(a)
    'input'
    >>> a.published_evidence = DateEvidence(PartialDate(2017, 1, 24), 0.8,
    ...                                     ["day from the lead: '24/1'"])
    >>> evidence_kind(a)
    'text'
    """
    if article.published is None:
        return "none"
    evidence = article.published_evidence
    if evidence is None or not evidence.evidence:
        return "input"
    said = " ".join(evidence.evidence)
    return next((kind for words, kind in _KINDS if words in said), "text")


def count_page_problem(stats: RunStats | None, kind: str) -> None:
    """Count one skipped or failed input (a reader's or cleaner's problem)."""
    if stats is not None:
        stats.add("read", f"pages {kind}")


def to_plain(stats: RunStats | None) -> dict[str, Any]:
    return {} if stats is None else stats.to_json()
