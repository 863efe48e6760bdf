"""Listings for the home page and the API: stories with their size and dates, title search.

Search folds case and Vietnamese diacritics, so ``ha noi`` finds "Hà Nội" and ``dong`` finds
"Đồng". It scans the store's titles a page of rows at a time (no index): fine for a newsroom's
store of some ten thousand articles, slow beyond.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from thoisu.model import Article, PartialDate, Story
from thoisu.store import Store


def fold(text: str) -> str:
    """Lower case, without diacritics: ``fold("Đà Nẵng")`` → ``"da nang"``."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def search_titles(store: Store, query: str, limit: int = 50) -> list[Article]:
    """Articles whose title holds every word of ``query`` (folded), newest added first."""
    words = fold(query).split()
    if not words:
        return []
    found = [a for a in store.iter_articles() if all(w in fold(a.title) for w in words)]
    return found[::-1][:limit]


@dataclass
class Brief:
    """What a listing shows of an article."""

    id: str
    title: str
    source: str | None
    published: PartialDate | None


@dataclass
class StoryRow:
    """A story in a listing: its title, how many articles, the span of their dates."""

    story: Story
    count: int
    first: PartialDate | None
    last: PartialDate | None

    def to_json(self) -> dict[str, Any]:
        return {"article_count": self.count,
                "first_published": self.first.iso() if self.first else None,
                "last_published": self.last.iso() if self.last else None}


def briefs(articles: Iterable[Article]) -> dict[str, Brief]:
    return {a.id: Brief(a.id, a.title, a.source, a.published) for a in articles}


def story_rows(store: Store) -> list[StoryRow]:
    """Every stored story, the most recent (by its articles' dates) first."""
    stories = store.list_stories()
    if not stories:
        return []
    known = briefs(store.get_articles([i for s in stories for i in s.articles]))
    rows = []
    for story in stories:
        dates = sorted((b.published for aid in story.articles
                        if (b := known.get(aid)) is not None and b.published is not None),
                       key=PartialDate.sort_key)
        rows.append(StoryRow(story, len(story.articles), dates[0] if dates else None,
                             dates[-1] if dates else None))
    rows.sort(key=lambda r: (r.last.sort_key() if r.last else (0, 0, 0), r.count), reverse=True)
    return rows
