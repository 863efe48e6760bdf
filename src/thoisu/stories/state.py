"""The clusterer's working state: each placed article (:class:`Member`) and each story
being grouped (:class:`StoryState`), with the running sums a join is scored against."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from thoisu.model import DuplicateLink, Join
from thoisu.stories.vectors import EMPTY, ArticleTerms, Centroid, Vector


@dataclass
class Member:
    id: str
    title: str
    day: int | None
    terms: ArticleTerms  # its strongest terms before IDF: re-weighed when IDF has moved
    told: frozenset[int] = frozenset()  # days its text tells of (month × 100 + day)
    syllables: ArticleTerms | None = None  # the anchor's terms (raw syllable counts)


@dataclass
class StoryState:
    seq: int
    id: str
    language: str
    members: list[Member] = field(default_factory=list)
    joins: dict[str, Join] = field(default_factory=dict)
    duplicates: list[DuplicateLink] = field(default_factory=list)
    centroid: Centroid = field(default_factory=Centroid)
    names: Centroid = field(default_factory=Centroid)  # sum of the members' name vectors
    syllables: Centroid = field(default_factory=Centroid)  # sum of their anchor vectors
    told: Counter[int] = field(default_factory=Counter)  # days its members' texts tell of
    first_day: int | None = None
    last_day: int | None = None
    title: str = ""
    title_dirty: bool = True

    @property
    def size(self) -> int:
        return len(self.members)

    def add(self, member: Member, vector: Vector, names: Vector,
            syllables: Vector = EMPTY) -> None:
        self.members.append(member)
        self.centroid.add([vector])
        self.names.add([names])
        self.syllables.add([syllables])
        self.told.update(member.told)
        self.title_dirty = True
        if member.day is not None:
            self.first_day = member.day if self.first_day is None else min(self.first_day,
                                                                           member.day)
            self.last_day = member.day if self.last_day is None else max(self.last_day,
                                                                         member.day)

    def remove(self, article_id: str, vector: Vector, names: Vector,
               syllables: Vector = EMPTY) -> Member:
        index = next(i for i, m in enumerate(self.members) if m.id == article_id)
        member = self.members.pop(index)
        self.joins.pop(article_id, None)
        self.centroid.add([vector], -1.0)
        self.names.add([names], -1.0)
        self.syllables.add([syllables], -1.0)
        self.told.subtract(member.told)
        self.told = +self.told
        self.title_dirty = True
        days = [m.day for m in self.members if m.day is not None]
        self.first_day = min(days) if days else None
        self.last_day = max(days) if days else None
        return member


def member_key(member: Member) -> tuple[int, int, str]:
    """The order articles are placed in: dated first, by day, then by id (never by arrival)."""
    return (0 if member.day is not None else 1, member.day or 0, member.id)
