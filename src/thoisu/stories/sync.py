"""Keep the stories of a store up to date as new articles arrive (``thoisu ingest``).

The clusterer's state is not saved as a blob: it is rebuilt from the stored stories and their
articles (:meth:`StoryClusterer.from_stories`), which keeps every stored membership and join
as it was and recomputes only vectors, IDF and the index. That costs a pass over the stored
stories' articles per call, and the store stays the one source of truth: a store edited or
restored by hand can never disagree with a hidden state file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from thoisu.model import Article, Story
from thoisu.settings import Settings


def _fingerprint(story: Story) -> tuple[Any, ...]:
    return (story.title, tuple(story.articles),
            tuple((j.article, j.similarity, j.reason) for j in story.joins),
            tuple((d.canonical, d.copy, d.similarity) for d in story.duplicates))


def update_stories(store: Any, new_articles: Sequence[Article],
                   settings: Settings) -> list[Story]:
    """Add ``new_articles`` to the stories in ``store``; save and return the stories changed.

    ``store`` is a :class:`thoisu.store.Store` (anything with ``list_stories``,
    ``get_articles`` and ``save_stories``). Articles already in a story are left where they
    are; a story merged into another disappears from the store because all its articles moved.

    >>> from thoisu.model import Origin
    >>> from thoisu.store import Store
    >>> tin = [Article(f"a{k}", Origin("x.txt"), title="Giá xăng giảm lần thứ ba",
    ...                lead="Giá xăng RON 95 giảm 500 đồng mỗi lít.") for k in (1, 2)]
    >>> with Store.open("sqlite://") as store:
    ...     changed = update_stories(store, tin, Settings())
    >>> [(s.id, s.articles, [d.copy for d in s.duplicates]) for s in changed]
    [('s-a1', ['a1'], ['a2'])]
    """
    from thoisu.stories.cluster import StoryClusterer

    stored = store.list_stories()
    member_ids = [i for s in stored for i in s.articles]
    members = store.get_articles(member_ids) if member_ids else []
    clusterer = StoryClusterer.from_stories(settings, stored, members)
    clusterer.add(new_articles)
    before = {s.id: _fingerprint(s) for s in stored}
    changed = [s for s in clusterer.stories() if before.get(s.id) != _fingerprint(s)]
    if changed:
        store.save_stories(changed)
    return changed
