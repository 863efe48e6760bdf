"""The public JSON contract of ``thoisu digest --format json``: extend it, never break it.

``{"articles": [...], "stories": [...]}``; partial dates TimeML-style (``XXXX-03-28``).
"""

from __future__ import annotations

from typing import Any

from thoisu.model import Article, Digest, Story
from thoisu.render.article_json import article_to_json

# The record's fields the digest shows; the story facts, teaser and disagreements were added
# in turn 3 (the contract grows, never breaks).
STORY_KEYS = ("id", "title", "articles", "joins", "duplicates", "summary", "timeline",
              "entities", "teaser", "outlets", "span_start", "span_end", "latest",
              "disagreements")


def story_to_json(story: Story) -> dict[str, Any]:
    """A projection of :meth:`Story.to_record` in the public short forms (similarities
    rounded, summary sentences without their score, events without their evidence)."""
    record = story.to_record()
    out = {key: record[key] for key in STORY_KEYS}
    out["joins"] = [{**j, "similarity": round(j["similarity"], 4)} for j in record["joins"]]
    out["duplicates"] = [{**d, "similarity": round(d["similarity"], 4)}
                         for d in record["duplicates"]]
    out["summary"] = [s.to_json() for s in story.summary]
    out["timeline"] = [e.to_json() for e in story.timeline]
    return out


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
