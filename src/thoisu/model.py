"""The records that travel through thoisu.

One :class:`Article` goes the whole way: readers make a :class:`RawPage`, the cleaner turns it
into an ``Article``, and later stages fill in its sentences, dates and names. A :class:`Story`
is a set of article ids plus what was derived from them. Every derived value carries its
reason: a removed line its rule, a date its evidence, a join its similarity.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any


@dataclass(frozen=True)
class Origin:
    """Where a page came from: the input file, the line (JSON Lines, WARC record), its own id."""

    path: str
    line: int | None = None
    id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "id": self.id}

    to_record = to_json

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> Origin:
        return cls(data["path"], data.get("line"), data.get("id"))

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

    def to_record(self) -> dict[str, Any]:
        return {"number": self.number, "text": self.text, "role": str(self.role),
                "rule": self.rule}

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> Line:
        return cls(data["number"], data["text"], Role(data["role"]), data["rule"])


@dataclass
class Removed:
    """A line the cleaner did not keep as article text, with why."""

    text: str
    role: str
    rule: str
    line: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "role": self.role, "rule": self.rule, "line": self.line}

    to_record = to_json

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> Removed:
        return cls(data["text"], data["role"], data["rule"], data.get("line"))


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


def _date(value: str | None) -> PartialDate | None:
    return PartialDate.parse(value) if value else None


def _iso(value: PartialDate | None) -> str | None:
    return value.iso() if value is not None else None


def comparable_span(dates: Iterable[PartialDate | None]
                    ) -> tuple[PartialDate | None, PartialDate | None]:
    """First and last of ``dates`` among those that can be compared: dates with a year win;
    dates without one count only when no date has a year, so a span never puts
    ``XXXX-06-15`` beside ``2025-06-15`` and never runs backwards.

    >>> [d.iso() for d in comparable_span([PartialDate(None, 6, 15), PartialDate(2025, 5, 1),
    ...                                     PartialDate(2025, 4, 29)])]
    ['2025-04-29', '2025-05-01']
    """
    known = [d for d in dates if d is not None]
    with_year = [d for d in known if d.year is not None]
    pool = with_year or [d for d in known if d.month is not None]
    if not pool:
        return None, None
    pool.sort(key=PartialDate.sort_key)
    return pool[0], pool[-1]


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

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> TimeExpr:
        return cls(data["text"], data["start"], data["end"], data["type"], data["value"],
                   data.get("rule", ""), data.get("end_value"), data.get("mod"),
                   data.get("sentence"))


@dataclass
class DateEvidence:
    """Why a publication date was chosen."""

    value: PartialDate
    confidence: float
    evidence: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value.iso(), "precision": self.value.precision,
                "confidence": round(self.confidence, 3), "evidence": list(self.evidence)}

    def to_record(self) -> dict[str, Any]:
        """As :meth:`to_json`, with the confidence unrounded."""
        return {**self.to_json(), "confidence": float(self.confidence)}

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> DateEvidence:
        return cls(PartialDate.parse(data["value"]), float(data["confidence"]),
                   list(data.get("evidence", [])))


@dataclass
class Sentence:
    """A sentence of an article's text (lead first, then body paragraphs; captions excluded)."""

    text: str
    index: int  # position among the article's sentences
    paragraph: int  # 0 is the lead; body paragraphs count from 1
    start: int = 0  # character offset in its paragraph
    words: list[str] | None = None  # segmented words, filled on demand

    def to_record(self) -> dict[str, Any]:
        return {"text": self.text, "index": self.index, "paragraph": self.paragraph,
                "start": self.start, "words": None if self.words is None else list(self.words)}

    @classmethod
    def from_record(cls, data: dict[str, Any], index: int | None = None) -> Sentence:
        words = data.get("words")
        return cls(data["text"], data["index"] if index is None else index,
                   data["paragraph"], data.get("start", 0),
                   None if words is None else list(words))


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

    to_record = to_json

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> Entity:
        return cls(data["name"], data["type"], data.get("count", 1),
                   list(data.get("variants", [])))


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

    to_record = to_json

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> Mention:
        return cls(data["text"], data["name"], data["type"], data.get("sentence"),
                   data["start"], data["end"], data.get("rule", ""))


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

    def to_record(self) -> dict[str, Any]:
        """Every field as plain JSON values, derived ones included: the one written form that
        the store's rows, the Parquet columns and the digest JSON project."""
        evidence = self.published_evidence
        return {
            "id": self.id, "origin": self.origin.to_record(), "title": self.title,
            "lead": self.lead, "paragraphs": list(self.paragraphs),
            "captions": list(self.captions), "byline": self.byline, "source": self.source,
            "url": self.url, "published": _iso(self.published),
            "published_evidence": evidence.to_record() if evidence is not None else None,
            "language": self.language, "removed": [r.to_record() for r in self.removed],
            "lines": [line.to_record() for line in self.lines], "meta": dict(self.meta),
            "sentences": [x.to_record() for x in self.sentences],
            "dates": [d.to_record() for d in self.dates],
            "entities": [e.to_record() for e in self.entities],
            "mentions": [m.to_record() for m in self.mentions],
            "analysis_version": self.analysis_version, "duplicate_of": self.duplicate_of,
            "problems": list(self.problems),
        }

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> Article:
        """The article :meth:`to_record` wrote; a key a projection left out gets its default."""
        evidence = data.get("published_evidence")
        return cls(
            id=data["id"], origin=Origin.from_record(data["origin"]),
            title=data.get("title") or "", lead=data.get("lead") or "",
            paragraphs=list(data.get("paragraphs") or []),
            captions=list(data.get("captions") or []), byline=data.get("byline"),
            source=data.get("source"), url=data.get("url"),
            published=_date(data.get("published")),
            published_evidence=DateEvidence.from_record(evidence) if evidence else None,
            language=data.get("language") or "vi",
            removed=[Removed.from_record(r) for r in data.get("removed") or []],
            lines=[Line.from_record(x) for x in data.get("lines") or []],
            meta=dict(data.get("meta") or {}),
            sentences=[Sentence.from_record(x, k)
                       for k, x in enumerate(data.get("sentences") or [])],
            dates=[TimeExpr.from_record(d) for d in data.get("dates") or []],
            entities=[Entity.from_record(e) for e in data.get("entities") or []],
            mentions=[Mention.from_record(m) for m in data.get("mentions") or []],
            analysis_version=data.get("analysis_version"),
            duplicate_of=data.get("duplicate_of"),
            problems=list(data.get("problems") or []),
        )

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

    def to_record(self) -> dict[str, Any]:
        return {**self.to_json(), "score": float(self.score)}

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> SummarySentence:
        return cls(data["text"], data["article"], data["sentence"],
                   float(data.get("score", 0.0)))


@dataclass
class Event:
    """One dated event of a story's timeline, told by one or more articles."""

    date: PartialDate
    text: str
    articles: list[str]
    end: PartialDate | None = None  # for ranges such as "23-24/1"
    evidence: str = ""
    # For a date written without its year (``XXXX-03-15``): the year the article's dated
    # neighbours place it in (shown "15/3 (khoảng 2016)"); the date itself stays partial.
    approx_year: int | None = None
    approximate: bool = False  # the entry's place in the timeline is inferred
    year_evidence: str = ""  # where ``approx_year`` came from

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"date": self.date.iso(), "precision": self.date.precision,
                               "text": self.text, "articles": list(self.articles)}
        if self.end is not None:
            out["end"] = self.end.iso()
        if self.approximate:
            out["approximate"] = True
        if self.approx_year is not None:
            out["approx_year"] = self.approx_year
        if self.year_evidence:
            out["year_evidence"] = self.year_evidence
        return out

    def to_record(self) -> dict[str, Any]:
        return {"date": self.date.iso(), "precision": self.date.precision,
                "end": _iso(self.end), "text": self.text, "articles": list(self.articles),
                "evidence": self.evidence, "approx_year": self.approx_year,
                "approximate": self.approximate, "year_evidence": self.year_evidence}

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> Event:
        return cls(PartialDate.parse(data["date"]), data["text"], list(data["articles"]),
                   _date(data.get("end")), data.get("evidence") or "", data.get("approx_year"),
                   bool(data.get("approximate", False)), data.get("year_evidence") or "")


@dataclass
class Join:
    """Why an article belongs to a story: the similarity that decided it."""

    article: str
    similarity: float
    reason: str = ""

    def to_record(self) -> dict[str, Any]:
        return {"article": self.article, "similarity": float(self.similarity),
                "reason": self.reason}

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> Join:
        return cls(data["article"], float(data["similarity"]), data.get("reason") or "")


@dataclass
class DuplicateLink:
    """A syndicated or re-ingested copy of a canonical article."""

    canonical: str
    copy: str
    similarity: float

    def to_record(self) -> dict[str, Any]:
        return {"canonical": self.canonical, "copy": self.copy,
                "similarity": float(self.similarity)}

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> DuplicateLink:
        return cls(data["canonical"], data["copy"], float(data["similarity"]))


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

    to_record = to_json

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> Claim:
        return cls(data["value"], data["text"], data["article"], data["sentence"],
                   data.get("outlet"))


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

    to_record = to_json

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> Disagreement:
        return cls(data["kind"], data["about"],
                   [Claim.from_record(c) for c in data.get("claims") or []],
                   data.get("reason") or "")


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

    def to_record(self) -> dict[str, Any]:
        """Every field as plain JSON values (see :meth:`Article.to_record`)."""
        return {
            "id": self.id, "title": self.title, "teaser": self.teaser,
            "articles": list(self.articles), "joins": [j.to_record() for j in self.joins],
            "duplicates": [d.to_record() for d in self.duplicates],
            "summary": [x.to_record() for x in self.summary],
            "timeline": [e.to_record() for e in self.timeline],
            "entities": [e.to_record() for e in self.entities],
            "outlets": list(self.outlets), "span_start": _iso(self.span_start),
            "span_end": _iso(self.span_end), "latest": _iso(self.latest),
            "disagreements": [d.to_record() for d in self.disagreements],
            "analysis_version": self.analysis_version,
        }

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> Story:
        return cls(
            id=data["id"], title=data.get("title") or "",
            articles=list(data.get("articles") or []),
            joins=[Join.from_record(j) for j in data.get("joins") or []],
            duplicates=[DuplicateLink.from_record(d) for d in data.get("duplicates") or []],
            summary=[SummarySentence.from_record(x) for x in data.get("summary") or []],
            timeline=[Event.from_record(e) for e in data.get("timeline") or []],
            entities=[Entity.from_record(e) for e in data.get("entities") or []],
            outlets=list(data.get("outlets") or []),
            span_start=_date(data.get("span_start")), span_end=_date(data.get("span_end")),
            latest=_date(data.get("latest")), teaser=data.get("teaser") or "",
            disagreements=[Disagreement.from_record(d)
                           for d in data.get("disagreements") or []],
            analysis_version=data.get("analysis_version"),
        )


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


# -- following sources (issue #12): a source with its polling state, a fetched URL --------

# What became of a URL thoisu fetched (``FetchRecord.status``):
INGESTED = "ingested"  # read, cleaned and stored as an article (or found already stored)
DUPLICATE = "duplicate"  # its canonical URL is an article already fetched
EMPTY = "empty"  # fetched, but no article text on it (index page, video page)
REFUSED = "refused"  # will not be tried again: robots.txt, too large, not HTML
FAILED = "failed"  # timeout, 5xx, network: tried again in later rounds, a few times


@dataclass
class Source:
    """A feed, sitemap or page that thoisu polls, and how its polls went.

    ``every`` is seconds between polls. ``failures`` counts polls failed in a row; while it
    is above zero the source waits until ``backoff_until``, and ``last_error`` says why.
    """

    id: int | None
    url: str
    name: str
    kind: str  # feed, sitemap, page
    every: int
    added_at: datetime | None = None
    last_poll: datetime | None = None
    last_success: datetime | None = None
    last_outcome: str | None = None  # "304 not modified", "20 links, 3 new, 3 ingested"
    articles_found: int = 0  # articles ingested from this source, all polls
    last_found: int = 0  # ... in the last poll
    failures: int = 0
    backoff_until: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    etag: str | None = None
    last_modified: str | None = None
    children: dict[str, Any] = field(default_factory=dict)  # sitemap index: child validators

    def next_poll(self) -> datetime | None:
        """When the source is due: after ``every`` from the last poll, and after any backoff.

        None: never polled, so due now.
        """
        due = self.last_poll + timedelta(seconds=self.every) if self.last_poll else None
        if self.backoff_until is not None and (due is None or self.backoff_until > due):
            return self.backoff_until
        return due

    def is_due(self, at: datetime, ignore_schedule: bool = False) -> bool:
        """Due at ``at``; ``ignore_schedule`` polls it anyway, but never inside a backoff."""
        if self.backoff_until is not None and self.backoff_until > at:
            return False
        if ignore_schedule:
            return True
        due = self.next_poll()
        return due is None or due <= at

    def to_json(self) -> dict[str, Any]:
        def iso(value: datetime | None) -> str | None:
            return value.isoformat() if value else None

        next_poll = self.next_poll()
        return {
            "id": self.id, "url": self.url, "name": self.name, "kind": self.kind,
            "every": self.every, "added_at": iso(self.added_at),
            "last_poll": iso(self.last_poll), "last_success": iso(self.last_success),
            "last_outcome": self.last_outcome, "articles_found": self.articles_found,
            "last_found": self.last_found, "failures": self.failures,
            "backoff_until": iso(self.backoff_until), "last_error": self.last_error,
            "last_error_at": iso(self.last_error_at),
            "next_poll": iso(next_poll),
        }


@dataclass
class FetchRecord:
    """A URL fetched for a source, what it became, and (failed) when to try it again."""

    url: str  # as linked, tracking parameters stripped
    canonical: str  # the page's rel=canonical (cleaned), else the URL after redirects
    source_id: int | None
    status: str
    fetched_at: datetime
    article_id: str | None = None
    error: str | None = None
    retry_at: datetime | None = None
    attempts: int = 1
    published: str | None = None  # the listing's date for the link, kept for a retry
