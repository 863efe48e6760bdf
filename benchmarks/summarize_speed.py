"""Milliseconds per ViMs cluster: thoisu's summarizer beside the Lead baseline, same run.

Both start from Articles with their sentences (what ``thoisu.pipeline.process`` hands over)
and end with chosen sentences; reading files is not timed. thoisu's time includes every
feature, the tree scorer, selection and ordering.

    python benchmarks/summarize_speed.py --path ../shared/data/vims [--limit N]
"""

from __future__ import annotations

import argparse
import statistics
import time

from thoisu.evaluate.baselines import lead
from thoisu.evaluate.vims import load_vims
from thoisu.model import Origin
from thoisu.summarize import article_from_text, default_summarizer
from thoisu.summarize.features import Candidate, unique_articles
from thoisu.text.syllables import syllable_tokens


def lead_summary(articles: list, budget: int) -> list[int]:
    cands = [Candidate(k, a.id, s.index, s.paragraph, s.text, syllable_tokens(s.text))
             for k, a in enumerate(unique_articles(articles)) for s in a.sentences]
    return lead(cands, budget)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default="../shared/data/vims")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--length", type=int, default=228, help="syllables (ViMs mean: 228)")
    args = parser.parse_args()

    clusters = load_vims(args.path)[: args.limit]
    groups = [[article_from_text(a.title, a.text, Origin(str(a.path))) for a in c.articles]
              for c in clusters]
    summarizer = default_summarizer()
    summarizer(groups[0], args.length)  # load the model outside the timing
    times: dict[str, list[float]] = {"thoisu": [], "Lead": []}
    for group in groups:
        t0 = time.perf_counter()
        summarizer(group, args.length)
        t1 = time.perf_counter()
        lead_summary(group, args.length)
        t2 = time.perf_counter()
        times["thoisu"].append(1000 * (t1 - t0))
        times["Lead"].append(1000 * (t2 - t1))
    print(f"{len(groups)} clusters, {args.length} syllables")
    print(f"{'system':<8} {'median ms':>10} {'mean ms':>9} {'max ms':>8}")
    for name, values in times.items():
        print(f"{name:<8} {statistics.median(values):>10.1f} {statistics.fmean(values):>9.1f} "
              f"{max(values):>8.1f}")


if __name__ == "__main__":
    main()
