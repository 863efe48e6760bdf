"""Scoring the tagger on a hand-written set of time expressions, and publication dates on pages.

The expression set is a TSV: ``class, document_date, sentence, expression, expected_value``
(``-`` for no document date; ranges expect ``start/end``; ``NONE`` for numbers that must stay
untagged). A gold expression is found when a tag overlaps it (lenient match, as in TempEval);
its value is right when the tag's value (``/end`` for ranges) equals the expected one. A tag
that overlaps no listed expression of its sentence counts against precision.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from thoisu.dates.published import infer_published, parse_anchor
from thoisu.dates.tagger import tag_dates
from thoisu.dates.values import value_date
from thoisu.evaluate.tsv import tsv_rows
from thoisu.model import Article, PartialDate, TimeExpr

CLASSES = ("absolute-full", "absolute-partial", "range", "weekday", "relative", "duration",
           "time", "set", "lunar", "negative")


@dataclass(frozen=True)
class GoldRow:
    cls: str
    document_date: PartialDate | None
    sentence: str
    expression: str
    expected: str  # "NONE" for negatives
    line: int


@dataclass
class ClassScore:
    rows: int = 0
    found: int = 0  # positive rows with an overlapping tag
    right: int = 0  # ... whose value is the expected one
    spurious: int = 0  # tags overlapping nothing listed, or overlapping a negative
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        total = self.found + self.spurious
        return self.found / total if total else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.rows if self.rows else 1.0

    @property
    def accuracy(self) -> float:
        """Right values over all rows of the class (a miss is a wrong value)."""
        return self.right / self.rows if self.rows else 1.0


def _anchor(text: str) -> PartialDate | None:
    return None if text in ("", "-") else parse_anchor(text)


def load_gold(path: Path) -> list[GoldRow]:
    rows = []
    columns = ("class", "document_date", "sentence", "expression", "expected_value")
    for number, parts in tsv_rows(path, columns, header="class\t"):
        cls, doc, sentence, expression, expected = parts
        if cls not in CLASSES:
            raise ValueError(f"{path}:{number}: unknown class {cls!r}; one of {CLASSES}")
        if expression not in sentence:
            raise ValueError(f"{path}:{number}: {expression!r} is not in the sentence")
        rows.append(GoldRow(cls, _anchor(doc), sentence, expression, expected, number))
    return rows


def full_value(e: TimeExpr) -> str:
    return f"{e.value}/{e.end_value}" if e.end_value else e.value


def score(rows: Iterable[GoldRow]) -> dict[str, ClassScore]:
    """Per-class scores; key ``all`` sums the positive classes."""
    groups: dict[tuple[str, PartialDate | None], list[GoldRow]] = defaultdict(list)
    for row in rows:
        groups[(row.sentence, row.document_date)].append(row)
    scores = {cls: ClassScore() for cls in CLASSES}
    for (sentence, anchor), members in groups.items():
        tags = tag_dates(sentence, anchor)
        spans = []
        for row in members:
            start = sentence.find(row.expression)
            end = start + len(row.expression)
            spans.append((start, end))
            s = scores[row.cls]
            s.rows += 1
            hits = [t for t in tags if t.start < end and t.end > start]
            if row.expected == "NONE":
                s.spurious += len(hits)
                if hits:
                    s.misses.append(f"{row.line}: tagged {hits[0].text!r} in {sentence!r}")
                continue
            if not hits:
                s.misses.append(f"{row.line}: missed {row.expression!r} in {sentence!r}")
                continue
            s.found += 1
            if full_value(hits[0]) == row.expected:
                s.right += 1
            else:
                s.misses.append(f"{row.line}: {row.expression!r} gave {full_value(hits[0])} "
                                f"({hits[0].rule}), expected {row.expected}")
        extra = [t for t in tags if all(t.end <= a or t.start >= b for a, b in spans)]
        if extra:
            s = scores[members[0].cls]
            s.spurious += len(extra)
            s.misses.extend(f"{members[0].line}: extra {t.text!r} = {t.value}" for t in extra)
    total = ClassScore()
    for cls, s in scores.items():
        if cls == "negative":
            total.spurious += s.spurious
            continue
        total.rows += s.rows
        total.found += s.found
        total.right += s.right
        total.spurious += s.spurious
    scores["all"] = total
    return scores


# ---------------------------------------------------------------- publication dates of pages


@dataclass(frozen=True)
class SeedResult:
    name: str
    expected: str
    got: str | None
    got_with_siblings: str | None

    @property
    def exact(self) -> bool:
        return self.got == self.expected

    @property
    def consistent(self) -> bool:
        """No part contradicts the expected date (``XXXX-05-25`` fits ``2016-05``)."""
        if self.got is None:
            return False
        got, want = value_date(self.got), value_date(self.expected)
        if got is None or want is None:
            return False
        pairs = [(got.year, want.year), (got.month, want.month), (got.day, want.day)]
        return all(a is None or b is None or a == b for a, b in pairs)


def load_seed_dates(path: Path) -> dict[str, tuple[str, str]]:
    """``file name → (expected value, justification)`` from the hand-written TSV."""
    out = {}
    columns = ("file", "expected value", "justification")
    for _number, (name, value, why) in tsv_rows(path, columns, header="file\t"):
        out[name] = (value, why)
    return out


def seed_articles(paths: Sequence[Path]) -> list[Article]:
    """The first article of each seed page, cleaned (removed lines are not read)."""
    from thoisu.clean import clean_page
    from thoisu.model import Origin, RawPage
    from thoisu.settings import Settings

    out = []
    for path in paths:
        page = RawPage(origin=Origin(str(path)), text=path.read_text(encoding="utf-8"))
        articles = clean_page(page, Settings())
        if articles:
            out.append(articles[0])
    return out


def score_seeds(seeds_dir: Path, gold_path: Path) -> list[SeedResult]:
    gold = load_seed_dates(gold_path)
    paths = [seeds_dir / name for name in sorted(gold)]
    articles = seed_articles(paths)
    results = []
    for path, article in zip(paths, articles, strict=True):
        alone = infer_published(article)
        together = infer_published(article, articles)
        results.append(SeedResult(path.name, gold[path.name][0],
                                  alone.value.iso() if alone else None,
                                  together.value.iso() if together else None))
    return results
