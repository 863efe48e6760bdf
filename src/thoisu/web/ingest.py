"""Pages sent to the API → clean, analysed articles, each remembering the item it came from.

The same stages ``thoisu digest`` and ``thoisu ingest`` run (clean, then analyse); a failure
in one item becomes that item's problem and the other items go on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from thoisu.model import Article, Problem
from thoisu.settings import Settings
from thoisu.web.body import ItemPage, ItemProblem


@dataclass
class Cleaned:
    """The articles made from a request's items, and why some items gave none."""

    articles: list[Article] = field(default_factory=list)
    item_of: dict[str, int] = field(default_factory=dict)  # article id -> item number
    problems: list[ItemProblem] = field(default_factory=list)

    def listing(self) -> list[dict[str, Any]]:
        """Which article each item became: ``[{"item": 1, "id": ..., "title": ...}]``."""
        return [{"item": self.item_of.get(a.id), "id": a.id, "title": a.title}
                for a in self.articles]


def clean_items(pages: list[ItemPage], problems: list[ItemProblem],
                settings: Settings) -> Cleaned:
    """Clean and analyse every page by the pipeline's own per-page path; problems keep item
    order (an item too large to analyse is refused as the command line refuses it)."""
    from thoisu.pipeline import clean_and_analyse_page

    out = Cleaned(problems=list(problems))
    for item in pages:
        for made in clean_and_analyse_page(item.page, settings, given=item.published):
            if isinstance(made, Problem):
                out.problems.append(ItemProblem(item.item, _reason(made)))
                continue
            out.articles.append(made)
            out.item_of.setdefault(made.id, item.item)
    out.problems.sort(key=lambda p: p.item)
    return out


def _reason(problem: Problem) -> str:
    """The problem's reason as an API item's problem says it (no file to name)."""
    if problem.reason.startswith("no article text found"):
        return "no article text found (only boilerplate); send the article's own text"
    return problem.reason.replace("; please report this page", "")
