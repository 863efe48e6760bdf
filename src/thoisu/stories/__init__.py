"""Stories: near-duplicate copies and incremental clustering of articles into stories.

``group_stories`` is what ``thoisu digest`` calls; ``StoryClusterer`` grows stories batch by
batch; ``update_stories`` keeps the stories of a store up to date.
"""

from __future__ import annotations

from thoisu.stories.group import group_stories

__all__ = ["group_stories"]
