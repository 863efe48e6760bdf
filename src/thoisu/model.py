"""The records that travel through thoisu.

One :class:`Article` goes the whole way: readers make a :class:`RawPage`, the cleaner turns it
into an ``Article``, and later stages fill in its sentences, dates and names. A :class:`Story`
is a set of article ids plus what was derived from them. Every derived value carries its
reason: a removed line its rule, a date its evidence, a join its similarity.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Origin:
    """Where a page came from: the input file, the line (JSON Lines, WARC record), its own id."""

    path: str
    line: int | None = None
    id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "id": self.id}

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path


@dataclass
class RawPage:
    """A page as read, before cleaning. Exactly one of ``text`` and ``html`` is set.

    ``meta`` holds what the input said about the page: ``title``, ``url``, ``published``,
    ``source``, and any other field a JSON Lines record carried.
    """

    origin: Origin
    text: str | None = None
    html: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    encoding: str = "utf-8"


class Role(enum.StrEnum):
    """What a line of a scraped page is."""

    TITLE = "title"
    LEAD = "lead"
    BODY = "body"
    SUBHEADING = "subheading"
    CAPTION = "caption"
    PHOTO = "photo"  # a placeholder such as "<title> ảnh 1"
    BYLINE = "byline"
    SOURCE = "source"  # "Theo Đất Việt"
    BOILERPLATE = "boilerplate"
    BLANK = "blank"

    @property
    def kept(self) -> bool:
        return self in KEPT_ROLES


KEPT_ROLES = frozenset({Role.TITLE, Role.LEAD, Role.BODY, Role.SUBHEADING, Role.CAPTION,
                        Role.BYLINE, Role.SOURCE})


@dataclass
class Line:
    """One line of a page with the role the cleaner gave it and the rule that decided."""

    number: int  # 1-based line number in the page text
    text: str
    role: Role
    rule: str


@dataclass
class Removed:
    """A line the cleaner did not keep as article text, with why."""

    text: str
    role: str
    rule: str
    line: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "role": self.role, "rule": self.rule, "line": self.line}


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date that may be known in part: ``2017-01-24``, ``2011-03``, ``XXXX-03-28``."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        """The TimeML-style value: unknown parts written as X, trailing unknowns dropped."""
        y = f"{self.year:04d}" if self.year is not None else "XXXX"
        if self.month is None:
            if self.day is None:
                return y
            return f"{y}-XX-{self.day:02d}"
        m = f"{self.month:02d}"
        if self.day is None:
            return f"{y}-{m}"
        return f"{y}-{m}-{self.day:02d}"

    @property
    def precision(self) -> str:
        """``day``, ``month`` or ``year`` for what is known from the year down; ``partial`` else."""
        if self.year is None:
            return "partial"
        if self.month is None:
            return "year"
        if self.day is None:
            return "month"
        return "day"

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year or 0, self.month or 0, self.day or 0)

    @classmethod
    def parse(cls, value: str) -> PartialDate:
        """Read a TimeML-style value back: ``"2016-03"`` → ``PartialDate(2016, 3)``."""
        parts = value.strip()[:10].split("-")

        def num(s: str) -> int | None:
            return None if not s or set(s) == {"X"} else int(s)

        year = num(parts[0]) if parts else None
        month = num(parts[1]) if len(parts) > 1 else None
        day = num(parts[2]) if len(parts) > 2 else None
        return cls(year, month, day)

    def __str__(self) -> str:
        return self.iso()


@dataclass
class TimeExpr:
    """A time expression found in text, with its TimeML-style value."""

    text: str
    start: int
    end: int
    type: str  # date, time, duration, set
    value: str
    rule: str = ""
    # A range ("23-24/1", "từ 15/3 đến 20/3") has ``value`` = its first day, this = its last.
    end_value: str | None = None
    # TimeML mod: START, MID, END ("đầu/giữa/cuối tháng 5"), APPROX, LESS_THAN, MORE_THAN;
    # LUNAR marks a lunar-calendar date whose value is not a solar date.
    mod: str | None = None
    # Set when the expression was tagged on one of an article's sentences by the analysis
    # stage: the index into ``Article.sentences``; ``start`` and ``end`` are then offsets in
    # that sentence's text.
    sentence: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "start": self.start, "end": self.end,
                               "type": self.type, "value": self.value}
        if self.sentence is not None:
            out["sentence"] = self.sentence
        return out

    def to_record(self) -> dict[str, Any]:
        """Every field, for what keeps expressions whole (the store, Parquet);
        :meth:`to_json` is the shorter public form of the digest and ``thoisu dates``."""
        return {"text": self.text, "start": self.start, "end": self.end, "type": self.type,
                "value": self.value, "rule": self.rule, "end_value": self.end_value,
                "mod": self.mod, "sentence": self.sentence}


@dataclass
class DateEvidence:
    """Why a publication date was chosen."""

    value: PartialDate
    confidence: float
    evidence: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value.iso(), "precision": self.value.precision,
                "confidence": round(self.confidence, 3), "evidence": list(self.evidence)}


@dataclass
class Sentence:
    """A sentence of an article's text (lead first, then body paragraphs; captions excluded)."""

    text: str
    index: int  # position among the article's sentences
    paragraph: int  # 0 is the lead; body paragraphs count from 1
    start: int = 0  # character offset in its paragraph
    words: list[str] | None = None  # segmented words, filled on demand


@dataclass
class Entity:
    """A named person, organisation or place, under its canonical name."""

    name: str
    type: str  # PER, ORG, LOC
    count: int = 1
    variants: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "count": self.count,
                "variants": list(self.variants)}


@dataclass
class Mention:
    """One place in an article's text where a name is written.

    ``sentence`` indexes ``Article.sentences`` (``None`` for the title); ``start`` and ``end``
    are offsets in that sentence's text; ``name`` is the canonical name of the :class:`Entity`.
    """

    text: str
    name: str
    type: str  # PER, ORG, LOC
    sentence: int | None
    start: int
    end: int
    rule: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "name": self.name, "type": self.type,
                "sentence": self.sentence, "start": self.start, "end": self.end,
                "rule": self.rule}


@dataclass
class Article:
    """A clean news article and everything later stages learn about it."""

    id: str
    origin: Origin
    title: str = ""
    lead: str = ""
    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    byline: str | None = None
    source: str | None = None
    url: str | None = None
    published: PartialDate | None = None
    published_evidence: DateEvidence | None = None
    language: str = "vi"
    removed: list[Removed] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    sentences: list[Sentence] = field(default_factory=list)
    dates: list[TimeExpr] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    analysis_version: str | None = None  # of the analysis stages that filled the fields above
    duplicate_of: str | None = None  # id of the canonical copy when this one is syndicated
    problems: list[str] = field(default_factory=list)  # non-fatal remarks, e.g. "no body text"

    @property
    def body_text(self) -> str:
        """Lead and paragraphs as one text, a paragraph a line."""
        parts = [self.lead] if self.lead else []
        parts.extend(self.paragraphs)
        return "\n".join(parts)

    @property
    def full_text(self) -> str:
        """Title, lead and paragraphs, a line each."""
        return "\n".join(p for p in [self.title, self.body_text] if p)


@dataclass
class SummarySentence:
    """A summary sentence and the article sentence it was taken from."""

    text: str
    article: str  # article id (in batch mode, the article's position as a string)
    sentence: int
    score: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "article": self.article, "sentence": self.sentence}


@dataclass
class Event:
    """One dated event of a story's timeline, told by one or more articles."""

    date: PartialDate
    text: str
    articles: list[str]
    end: PartialDate | None = None  # for ranges such as "23-24/1"
    evidence: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"date": self.date.iso(), "precision": self.date.precision,
                               "text": self.text, "articles": list(self.articles)}
        if self.end is not None:
            out["end"] = self.end.iso()
        return out


@dataclass
class Join:
    """Why an article belongs to a story: the similarity that decided it."""

    article: str
    similarity: float
    reason: str = ""


@dataclass
class DuplicateLink:
    """A syndicated or re-ingested copy of a canonical article."""

    canonical: str
    copy: str
    similarity: float


@dataclass
class Claim:
    """One side of a disagreement: what one article says, cited to its sentence."""

    value: str  # the value as the article gives it, normalised ("1500", "2017-01-24", "bác bỏ")
    text: str  # the sentence (or clause) that says it
    article: str  # article id
    sentence: int  # index into that article's ``sentences``
    outlet: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "text": self.text, "article": self.article,
                "sentence": self.sentence, "outlet": self.outlet}


@dataclass
class Disagreement:
    """Outlets of one story telling the same figure, date or claim differently.

    ``kind`` is ``figure``, ``date`` or ``claim``; ``about`` says what is disputed ("số người
    chết", "ngày khởi công"); one :class:`Claim` per side; ``reason`` says why the statements
    were paired (for ``--explain``).
    """

    kind: str
    about: str
    claims: list[Claim] = field(default_factory=list)
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "about": self.about,
                "claims": [c.to_json() for c in self.claims], "reason": self.reason}


@dataclass
class Story:
    """Articles grouped into one story, and what was derived from them."""

    id: str
    title: str
    articles: list[str]
    joins: list[Join] = field(default_factory=list)
    duplicates: list[DuplicateLink] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)
    timeline: list[Event] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    # Story facts, computed once by the story-facts stage and kept (issue #24): outlets (most
    # articles first), span from comparable publication dates only, the latest full date,
    # and the teaser (the story's latest significant development).
    outlets: list[str] = field(default_factory=list)
    span_start: PartialDate | None = None
    span_end: PartialDate | None = None
    latest: PartialDate | None = None
    teaser: str = ""
    disagreements: list[Disagreement] = field(default_factory=list)
    # Of the analysis that derived summary, timeline and names; None: not derived (yet).
    analysis_version: str | None = None


@dataclass
class Digest:
    """What ``thoisu digest`` reports: the articles and the stories made of them."""

    articles: list[Article]
    stories: list[Story] = field(default_factory=list)


@dataclass
class Problem:
    """Something wrong with one input item; the batch goes on without it.

    ``kind`` is ``skipped`` (nothing to read: empty, binary, oversized) or ``failed`` (could not
    be read: undecodable, unreadable, invalid JSON). The message names the file, the line and
    what to do: ``news.jsonl:7: invalid JSON (Expecting ',' ...); fix or remove the line``.
    """

    path: str
    reason: str
    line: int | None = None
    kind: str = "failed"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"
