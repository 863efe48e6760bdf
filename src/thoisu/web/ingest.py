"""Pages sent to the API → clean, analysed articles, each remembering the item it came from.

The same stages ``thoisu digest`` and ``thoisu ingest`` run (clean, then analyse); a failure
in one item becomes that item's problem and the other items go on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from thoisu.model import Article
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
    """Clean and analyse every page; problems keep item order."""
    from thoisu.clean import clean_page
    from thoisu.pipeline import analyse

    out = Cleaned(problems=list(problems))
    for item in pages:
        try:
            articles = clean_page(item.page, settings)
        except Exception as exc:  # one bad page must not stop the request
            out.problems.append(ItemProblem(item.item, f"could not be cleaned "
                                            f"({type(exc).__name__}: {exc})"))
            continue
        if not articles:
            out.problems.append(ItemProblem(item.item, "no article text found (only "
                                            "boilerplate); send the article's own text"))
            continue
        for article in articles:
            if item.published is not None:
                article.published = item.published.value
                article.published_evidence = item.published
            try:
                analyse(article, settings)
            except Exception as exc:
                out.problems.append(ItemProblem(item.item, f"could not be analysed "
                                                f"({type(exc).__name__}: {exc})"))
                continue
            out.articles.append(article)
            out.item_of.setdefault(article.id, item.item)
    out.problems.sort(key=lambda p: p.item)
    return out
