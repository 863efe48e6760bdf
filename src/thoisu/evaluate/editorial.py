"""The editorial checks of a story summary against a blind gold set (tests/fixtures/editorial).

The gold (written blind by another annotator on 30 ktlab-dev clusters; see its README.md)
marks, by character offsets in each article's one-line body: the newest article that reports
a real development (``latest_article``) and the sentence that states it
(``latest_development``), and the sentences a reader cannot take alone (``needs_context``).

Measured, with a baseline beside thoisu in the same run:

* **teaser article**: the teaser is taken from ``latest_article``;
* **teaser sentence**: the teaser is the ``latest_development`` sentence itself;
* **leaning sentences**: summary sentences that overlap a ``needs_context`` span (by at least
  half of the shorter of the two), and the clusters with any.

The baseline is what the story showed before: the title and opening of its first article, and
Lead (first sentences round robin) as its summary.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from thoisu.evaluate.baselines import lead
from thoisu.evaluate.ktlab import load_ktlab
from thoisu.evaluate.summary_data import EvalCluster, prepare
from thoisu.summarize import default_summarizer
from thoisu.summarize.headline import headline


@dataclass
class Gold:
    cluster: str
    latest_article: str
    latest_span: tuple[str, int, int]  # doc, start, end
    needs_context: list[tuple[str, int, int]]


@dataclass
class Outcome:
    """One system's figures over the gold clusters."""

    system: str
    clusters: int
    teaser_article: int
    teaser_sentence: int
    sentences: int
    leaning: int
    clusters_leaning: int

    def line(self) -> str:
        return (f"{self.system:<34} teaser from the latest article {self.teaser_article}/"
                f"{self.clusters}, teaser = the latest development {self.teaser_sentence}/"
                f"{self.clusters}, summary sentences needing context {self.leaning}/"
                f"{self.sentences} (in {self.clusters_leaning} clusters)")


def read_gold(path: str | Path) -> list[Gold]:
    out = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            dev = row["latest_development"]
            out.append(Gold(row["cluster"], str(row["latest_article"]),
                            (str(dev["doc"]), int(dev["sentence_start"]), int(dev["sentence_end"])),
                            [(str(x["doc"]), int(x["start"]), int(x["end"]))
                             for x in row["needs_context"]]))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: not a gold record ({exc}); see the README "
                             "beside it for the fields") from exc
    return out


def _body(cluster_dir: Path, doc: str) -> str:
    text = (cluster_dir / f"{doc}.body.txt").read_bytes().decode("utf-8-sig")
    return unicodedata.normalize("NFC", text)


def _span(body: str, sentence: str) -> tuple[int, int] | None:
    start = body.find(sentence)
    if start < 0:
        start = body.find(sentence[:40])
        if start < 0:
            return None
    return start, start + len(sentence)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= 0.5 * min(a[1] - a[0], b[1] - b[0])


@dataclass
class _Picked:
    teaser: tuple[int, int] | None  # (article position, sentence index)
    sentences: list[tuple[int, int]]


def _thoisu(c: EvalCluster) -> _Picked:
    summary = default_summarizer().summarize_features(c.group, c.budget)
    h = headline(c.group)
    teaser = None
    if h.candidate is not None:
        cand = c.group.candidates[h.candidate]
        teaser = (cand.article, cand.index)
    pos = {a.id: k for k, a in enumerate(c.group.articles)}
    return _Picked(teaser, [(pos[s.article], s.sentence) for s in summary.sentences])


def _baseline(c: EvalCluster) -> _Picked:
    cands = c.group.candidates
    first = min(range(len(c.group.articles)),
                key=lambda k: (c.group.articles[k].published is None,
                               c.group.articles[k].published.sort_key()
                               if c.group.articles[k].published else (0, 0, 0), k))
    opening = next(((x.article, x.index) for x in cands if x.article == first), None)
    return _Picked(opening, [(cands[i].article, cands[i].index) for i in lead(cands, c.budget)])


def score(gold: Sequence[Gold], root: str | Path) -> list[Outcome]:
    """thoisu and the baseline on the gold clusters of the KTLAB folder ``root``."""
    root = Path(root)
    wanted = {g.cluster for g in gold}
    raw = [c for c in load_ktlab(root) if c.id in wanted]
    prepared = {c.id: c for c in prepare(raw)}
    out = []
    for name, pick in (("thoisu", _thoisu), ("first article + Lead (before)", _baseline)):
        o = Outcome(name, 0, 0, 0, 0, 0, 0)
        for g in gold:
            c = prepared.get(g.cluster)
            if c is None:
                continue
            o.clusters += 1
            picked = pick(c)
            docs = [Path(a.origin.path).name.split(".")[0] for a in c.group.articles]
            bodies = {d: _body(root / g.cluster, d) for d in set(docs)}

            def where(item: tuple[int, int], c: EvalCluster = c, docs: list[str] = docs,
                      bodies: dict[str, str] = bodies) -> tuple[str, tuple[int, int] | None]:
                article = c.group.articles[item[0]]
                text = next(s.text for s in article.sentences if s.index == item[1])
                return docs[item[0]], _span(bodies[docs[item[0]]], text)

            if picked.teaser is not None:
                doc, span = where(picked.teaser)
                o.teaser_article += doc == g.latest_article
                o.teaser_sentence += (doc == g.latest_span[0] and span is not None
                                      and _overlaps(span, g.latest_span[1:]))
            any_leaning = False
            for item in picked.sentences:
                o.sentences += 1
                doc, span = where(item)
                if span is not None and any(d == doc and _overlaps(span, (s, e))
                                            for d, s, e in g.needs_context):
                    o.leaning += 1
                    any_leaning = True
            o.clusters_leaning += any_leaning
        out.append(o)
    return out
