"""Speed of the names stage on ViMs articles, beside underthesea's CRF on the same sentences.

For each article (title + sentences, split by thoisu's splitter), times ``article_names`` with
the default settings (rules + gazetteer + names model), without the model, and with ``ner_crf``
on, and underthesea's packaged
``ner`` over the same sentences; prints the median and mean ms per article and the ratio.
Articles are read at run time from ``../shared/data/vims`` (never stored in the repository).

    python benchmarks/names_speed.py                 # 100 articles
    python benchmarks/names_speed.py --articles 1950 # all of ViMs
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from thoisu.entities import article_names
from thoisu.entities.combine import vietnamese_words
from thoisu.entities.crf import get_crf
from thoisu.entities.gazetteer import clear_token_cache
from thoisu.model import Article, Origin
from thoisu.settings import Settings
from thoisu.text.sentences import article_sentences

VIMS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "vims" / "data"


def _articles(limit: int) -> list[Article]:
    files = sorted(VIMS.glob("Cluster_*/*.txt"))
    if not files:
        sys.exit(f"{VIMS}: no ViMs articles; the shared data must sit beside the checkout")
    step = max(1, len(files) // limit)
    out = []
    for path in files[::step][:limit]:
        lines = [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        a = Article(id=path.stem, origin=Origin(str(path)), title=lines[0] if lines else "",
                    paragraphs=lines[1:])
        a.sentences = article_sentences("", a.paragraphs)
        out.append(a)
    return out


def _per_article(articles: list[Article],
                 run) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    """Wall and CPU milliseconds per article (CPU time is steadier on a shared machine)."""
    wall, cpu = [], []
    clear_token_cache()  # each system splits its sentences afresh, as a new article would
    for a in articles:
        start, start_cpu = time.perf_counter(), time.process_time()
        run(a)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    args = parser.parse_args()
    articles = _articles(args.articles)
    rules, crf_on = Settings(), Settings(ner_crf=True)
    article_names(articles[0], rules)  # load the gazetteer and the model outside the timings
    vietnamese_words()
    crf = get_crf()
    crf.spans("Hà Nội mưa to.")  # and the CRF model
    rows = {
        "thoisu (rules + model)": _per_article(articles, lambda a: article_names(a, rules)),
        "rules alone": _per_article(articles,
                                    lambda a: article_names(a, rules, use_model=False)),
        "thoisu, ner_crf on": _per_article(articles, lambda a: article_names(a, crf_on)),
        "underthesea ner (CRF)": _per_article(
            articles, lambda a: [crf.spans(t) for t in [a.title, *(s.text for s in a.sentences)]]),
    }
    sentences = sum(len(a.sentences) + 1 for a in articles)
    print(f"{len(articles)} ViMs articles, {sentences / len(articles):.1f} sentences each")
    print(f"{'system':<28} {'median ms':>10} {'mean ms':>9} {'CPU median':>11} {'x thoisu':>9}")
    base = statistics.median(rows["thoisu (rules + model)"][1])
    for name, (wall, cpu) in rows.items():
        med = statistics.median(cpu)
        print(f"{name:<28} {statistics.median(wall):10.2f} {statistics.mean(wall):9.2f}"
              f" {med:11.2f} {med / base:9.1f}")


if __name__ == "__main__":
    main()
