"""Names: persons (PER), organisations (ORG) and places (LOC), under canonical names.

>>> from thoisu.entities import extract_entities, story_entities
"""

from thoisu.entities.canonical import extract_entities, story_entities

__all__ = ["extract_entities", "story_entities"]
