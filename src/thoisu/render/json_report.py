"""The public JSON contract of ``thoisu digest --format json``: extend it, never break it.

``{"articles": [...], "stories": [...]}``; partial dates TimeML-style (``XXXX-03-28``).
"""

from __future__ import annotations

from typing import Any

from thoisu.model import Article, Digest, Story
from thoisu.render.article_json import article_to_json


def story_to_json(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "articles": list(story.articles),
        "joins": [{"article": j.article, "similarity": round(j.similarity, 4), "reason": j.reason}
                  for j in story.joins],
        "duplicates": [{"canonical": d.canonical, "copy": d.copy,
                        "similarity": round(d.similarity, 4)} for d in story.duplicates],
        "summary": [s.to_json() for s in story.summary],
        "timeline": [e.to_json() for e in story.timeline],
        "entities": [e.to_json() for e in story.entities],
        "disagreements": [d.to_json() for d in story.disagreements],
    }


def _with_sentences(article: Article) -> dict[str, Any]:
    data = article_to_json(article)
    if any(s.words is not None for s in article.sentences):
        data["sentences"] = [{"text": s.text, "paragraph": s.paragraph, "words": s.words}
                             for s in article.sentences]
    return data


def digest_to_json(result: Digest) -> dict[str, Any]:
    """The digest; articles list their segmented sentences when words were computed."""
    return {
        "articles": [_with_sentences(a) for a in result.articles],
        "stories": [story_to_json(s) for s in result.stories],
    }
