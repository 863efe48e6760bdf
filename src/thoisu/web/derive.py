"""What a stored story does not keep — summary, timeline, names — computed from its articles.

The store keeps a story's members, not what was derived from them, so the story page works
them out on request with the digest's own stages, and the app keeps the last few results
(keyed by the story's members, so a story that gained an article is computed afresh). A stage
that fails or is not installed leaves its part empty and says why in ``notes``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from thoisu.model import Article, Story
from thoisu.settings import Settings
from thoisu.store import Store


@dataclass
class StoryView:
    """A story with its derived parts, its articles (in member order) and notes on gaps."""

    story: Story
    articles: list[Article]
    notes: list[str] = field(default_factory=list)

    @property
    def by_id(self) -> dict[str, Article]:
        return {a.id: a for a in self.articles}


def _stage(notes: list[str], what: str, run: Callable[[], Any], empty: Any) -> Any:
    try:
        return run()
    except Exception as exc:  # a missing or failing stage must not take the page down
        notes.append(f"{what} unavailable ({type(exc).__name__}: {exc})")
        return empty


def _prepare(article: Article, settings: Settings, notes: list[str]) -> None:
    """Sentences and words, which the store does not keep; the full analysis when it runs."""
    from thoisu.pipeline import analyse

    try:
        analyse(article, settings)
    except Exception as exc:
        from thoisu.text.sentences import article_sentences

        article.sentences = article_sentences(article.lead, article.paragraphs)
        notes.append(f"article {article.id}: analysis incomplete ({type(exc).__name__}: {exc})")


def derive_story(story: Story, store: Store, settings: Settings) -> StoryView:
    """The story with summary, timeline and names filled in where the store had none."""
    notes: list[str] = []
    members = store.get_articles(story.articles)
    found = {a.id for a in members}
    notes.extend(f"article {i} is listed in the story but not in the store"
                 for i in story.articles if i not in found)
    for article in members:
        _prepare(article, settings, notes)
    from thoisu.pipeline import describe_story

    # The same stages as the digest; a failing one leaves its part empty and a note.
    derived = describe_story(replace(story), members, settings,
                             guard=lambda what, run, empty: _stage(notes, what, run, empty))
    return StoryView(derived, members, notes)


class StoryCache:
    """The last ``size`` derived stories, keyed by story id and members; safe across threads.

    ``work`` is the app's lock around model work (see :func:`thoisu.web.app.create_app`).
    """

    def __init__(self, work: threading.Lock, size: int = 64) -> None:
        self.size = size
        self.work = work
        self._items: OrderedDict[tuple[str, tuple[str, ...]], StoryView] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, story: Story, store: Store, settings: Settings) -> StoryView:
        key = (story.id, tuple(story.articles))
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        with self.work:
            view = derive_story(story, store, settings)
        with self._lock:
            self._items[key] = view
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return view
