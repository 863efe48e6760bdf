"""Milliseconds per article for time tagging, timeline building and names, over ViMs.

    python benchmarks/timeline_speed.py [--vims ../shared/data/vims] [--clusters N] [--crf N]

Articles are built from the ViMs files (title, then a paragraph a line; sentences split
beforehand, as the pipeline does before these stages). Reported per article, median and mean:

* tag: ``tag_dates`` over every sentence (the part of the timeline that is the tagger);
* published: publication dates inferred beforehand, as ``thoisu digest`` does, timed apart;
* tag stage / timeline (record): the analysed path, the only one since issue #24 (the
  timeline analyses an article that was not, then reads the record): the dates
  stage tags each sentence once (anchored on the settled publication date) into
  ``article.dates``, and ``build_timeline`` reads the record without tagging;
  ``stage+record`` is the "tagging + timeline" figure of the 5 ms target;
* names: ``extract_entities`` with the rules and gazetteer (the default);
* names+crf: the same with underthesea's CRF asked about unresolved names (first N clusters).

Times are CPU time of this process (``time.process_time``), so that other jobs sharing the
machine do not inflate them; wall-clock time is the same on an idle machine.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from thoisu.dates import tag_dates
from thoisu.dates.published import infer_published
from thoisu.entities import extract_entities
from thoisu.evaluate.vims import load_vims
from thoisu.model import Article, Origin
from thoisu.text.sentences import article_sentences
from thoisu.timeline import build_timeline

REPO = Path(__file__).resolve().parents[1]


def _article(path: Path, title: str, text: str) -> Article:
    paragraphs = [line for line in text.split("\n") if line.strip()]
    article = Article(id=f"{path.parent.name}/{path.stem}", origin=Origin(str(path)),
                      title=title, paragraphs=paragraphs)
    article.sentences = article_sentences("", paragraphs)
    return article


def _report(name: str, values: list[float]) -> None:
    if values:
        print(f"{name:<18} n={len(values):>5}  median {statistics.median(values):7.2f} ms"
              f"  mean {statistics.fmean(values):7.2f} ms  max {max(values):8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vims", default=str(REPO.parent / "shared" / "data" / "vims"))
    parser.add_argument("--clusters", type=int, default=300)
    parser.add_argument("--crf", type=int, default=10, help="clusters to run the CRF on")
    args = parser.parse_args()
    clusters = load_vims(args.vims)[: args.clusters]
    stories = [[_article(a.path, a.title, a.text) for a in c.articles] for c in clusters]
    tag_ms: list[float] = []
    pub_ms: list[float] = []
    names_ms: list[float] = []
    crf_ms: list[float] = []
    stage_ms: list[float] = []
    record_ms: list[float] = []
    events = 0
    extract_entities(stories[0][0])  # load the gazetteer outside the timings
    for index, articles in enumerate(stories):
        for article in articles:
            start = time.process_time()
            for sentence in article.sentences:
                tag_dates(sentence.text, None)
            tag_ms.append((time.process_time() - start) * 1000)
        for article in articles:
            start = time.process_time()
            evidence = infer_published(article, [a for a in articles if a is not article])
            pub_ms.append((time.process_time() - start) * 1000)
            article.published = evidence.value if evidence else None
        # The analysed path (what ingest does): the dates stage tags each sentence once,
        # anchored; the timeline then reads article.dates and tags nothing.
        for article in articles:
            start = time.process_time()
            article.dates = []
            for k, sentence in enumerate(article.sentences):
                for expr in tag_dates(sentence.text, article.published):
                    expr.sentence = k
                    article.dates.append(expr)
            stage_ms.append((time.process_time() - start) * 1000)
            article.analysis_version = "benchmark"
        start = time.process_time()
        events += len(build_timeline(articles))
        per = (time.process_time() - start) * 1000 / max(1, len(articles))
        record_ms.extend([per] * len(articles))
        for article in articles:
            start = time.process_time()
            extract_entities(article)
            names_ms.append((time.process_time() - start) * 1000)
        if index < args.crf:
            for article in articles:
                start = time.process_time()
                extract_entities(article, use_crf=True)
                crf_ms.append((time.process_time() - start) * 1000)
    n_sent = sum(len(a.sentences) for s in stories for a in s)
    print(f"ViMs: {len(stories)} clusters, {sum(map(len, stories))} articles, {n_sent} sentences,"
          f" {events} timeline entries")
    _report("tag", tag_ms)
    _report("tag stage", stage_ms)
    _report("timeline (record)", record_ms)
    _report("stage+record", [t + r for t, r in zip(stage_ms, record_ms, strict=True)])
    _report("names", names_ms)
    _report("names+crf", crf_ms)
    _report("published", pub_ms)
    both = [t + n for t, n in zip(record_ms, names_ms, strict=True)]
    _report("timeline+names", both)


if __name__ == "__main__":
    main()
