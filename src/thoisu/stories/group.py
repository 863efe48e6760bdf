"""Group one set of articles into stories (what ``thoisu digest`` reports)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from thoisu.model import Article, Story
from thoisu.settings import Settings
from thoisu.stories.features import Features


def group_stories(articles: Sequence[Article], settings: Settings,
                  features: Mapping[str, Features] | None = None) -> list[Story]:
    """Stories of ``articles``: copies first found and listed under ``duplicates``.
    ``features``: the articles' story features computed beforehand, by id
    (:mod:`thoisu.stories.features`).

    Each story's ``articles`` holds canonical ids only; each copy gets ``duplicate_of`` set to
    its canonical's id. Articles repeated with the same id count once.

    >>> [s.title for s in group_stories(articles, Settings())]  # doctest: +SKIP
    ['Nga không kích IS ở Syria', 'Giá xăng giảm lần thứ ba']
    """
    from thoisu.stories.cluster import StoryClusterer

    clusterer = StoryClusterer(settings, features=features)
    clusterer.add(articles)
    stories = clusterer.stories()
    copies = {d.copy: d.canonical for s in stories for d in s.duplicates}
    for article in articles:
        if article.id in copies:
            article.duplicate_of = copies[article.id]
    return stories
