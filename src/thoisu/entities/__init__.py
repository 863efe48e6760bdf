"""Names: persons (PER), organisations (ORG) and places (LOC), under canonical names.

>>> from thoisu.entities import extract_entities, story_entities
"""

from thoisu.entities.canonical import (
    article_names,
    extract_entities,
    merge_entities,
    story_entities,
)

__all__ = ["article_names", "extract_entities", "merge_entities", "story_entities"]
