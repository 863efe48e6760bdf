"""Time and peak memory of story clustering at 10k, 30k and 100k articles (a script, not a test).

The corpus is ViMs (1,950 articles, 300 clusters) and perturbed copies of it, in
*generations*: generation 0 is ViMs itself, generation g a rewrite of every ViMs article:

* 15% of the body's words dropped at random, sentences shuffled within each paragraph;
* the title rewritten: a third of its words dropped, the rest kept in order;
* every cluster gets a publication day; generation g is dated g × GAP days later, each
  article within ±2 days of its cluster's day;
* 3% of the articles are followed by a syndicated copy (same body, other title and a
  boilerplate line), which the deduplicator must attach to its canonical.

A rewrite of a cluster eight months later is a *new* story (the same topic again, as with a
yearly event or a trial's next hearing), so the gold story of an article is (cluster,
generation): text alone would merge the generations, the time factor must keep them apart.
The articles arrive in date order, in batches of 1,000, as from a feed; the corpus is made
one generation at a time, so the input itself does not fill the memory; only ``add`` and
``stories`` are timed. Each size runs in its
own process so that the peak resident memory (``ru_maxrss``) is that size's own.

    python benchmarks/cluster_scale.py                 # 10k and 30k
    python benchmarks/cluster_scale.py --sizes 10000 30000 100000
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from thoisu.evaluate.bcubed import bcubed
from thoisu.evaluate.clustering import story_labels, vims_articles
from thoisu.evaluate.vims import load_vims
from thoisu.model import Article, PartialDate
from thoisu.settings import Settings
from thoisu.stories.cluster import StoryClusterer

VIMS = Path(__file__).resolve().parents[2] / "shared" / "data" / "vims"
BATCH = 1000
DROPOUT = 0.15  # share of body words dropped in a rewrite
DAY0 = 736000  # an ordinal day in 2016
# Days between generations: more than story_link_window_days (330) after a generation's last
# day, so the topic again after that silence is a new story for events and for running
# stories alike (it was 120 before running stories were linked, 250 with a 180-day window).
GAP = 400


def _date(day: int) -> PartialDate:
    import datetime as dt

    d = dt.date.fromordinal(day)
    return PartialDate(d.year, d.month, d.day)


def _rewrite(article: Article, rng: random.Random, new_id: str) -> Article:
    paragraphs = []
    for paragraph in article.paragraphs:
        sentences = [s for s in paragraph.split(". ") if s]
        rng.shuffle(sentences)
        words = " ".join(sentences).split()
        kept = [w for w in words if rng.random() >= DROPOUT]
        if kept:
            paragraphs.append(" ".join(kept))
    title_words = article.title.split()
    title = " ".join(w for w in title_words if rng.random() >= 1 / 3) or article.title
    return Article(id=new_id, origin=article.origin, title=title, paragraphs=paragraphs)


def iter_corpus(size: int, gold: dict[str, str], seed: int = 7) -> Iterator[Article]:
    """``size`` articles in date order, made one generation at a time (memory stays flat);
    the gold story of each is written into ``gold``."""
    rng = random.Random(seed)
    base, base_gold = vims_articles(load_vims(VIMS))
    cluster_day = {c: DAY0 + rng.randrange(0, 60) for c in sorted(set(base_gold.values()))}
    made = 0
    generation = 0
    while made < size:
        batch: list[Article] = []
        for article in base:
            if made >= size:
                break
            cluster = base_gold[article.id]
            new_id = f"g{generation}-{article.id}"
            item = article if generation == 0 else _rewrite(article, rng, new_id)
            item = Article(id=new_id, origin=item.origin, title=item.title,
                           paragraphs=list(item.paragraphs),
                           published=_date(cluster_day[cluster] + GAP * generation
                                           + rng.randint(-2, 2)))
            batch.append(item)
            gold[new_id] = f"{cluster}@{generation}"
            made += 1
            if rng.random() < 0.03 and made < size:
                copy = Article(id=new_id + "-copy", origin=item.origin,
                               title="Tin tổng hợp: " + item.title,
                               paragraphs=[*item.paragraphs, "Nguồn: bản tin tổng hợp"],
                               published=item.published)
                batch.append(copy)
                gold[copy.id] = gold[new_id]
                made += 1
        # Generations are GAP days apart and a generation spans about 64 days, so sorting
        # each one puts the whole stream in date order.
        batch.sort(key=lambda a: (a.published.sort_key() if a.published else (0, 0, 0), a.id))
        yield from batch
        generation += 1


def run_one(size: int) -> dict[str, float]:
    """Feed the corpus in batches of BATCH; only the clusterer's own work is timed."""
    gold: dict[str, str] = {}
    clusterer = StoryClusterer(Settings())
    seconds = cpu = 0.0
    stream = iter_corpus(size, gold)
    while True:
        batch = list(itertools.islice(stream, BATCH))
        if not batch:
            break
        start, cpu_start = time.perf_counter(), time.process_time()
        clusterer.add(batch)
        seconds += time.perf_counter() - start
        cpu += time.process_time() - cpu_start
    start, cpu_start = time.perf_counter(), time.process_time()
    stories = clusterer.stories()
    seconds += time.perf_counter() - start
    cpu += time.process_time() - cpu_start
    scores = bcubed(gold, story_labels(stories))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"size": size, "seconds": seconds, "cpu": cpu, "peak_mb": peak_mb,
            "stories": len(stories), "gold": len(set(gold.values())), "f1": scores.f1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child)))
        return
    # Wall time is what a user waits; CPU time is what the method costs on a shared machine.
    print(f"{'articles':>9} {'wall s':>8} {'cpu s':>8} {'cpu s/1k':>8} {'peak MB':>8} "
          f"{'stories':>8} {'gold':>6} {'B3 F1':>6}")
    for size in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--child", str(size)],
                             capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{row['size']:>9} {row['seconds']:>8.1f} {row['cpu']:>8.1f} "
              f"{row['cpu'] / size * 1000:>8.2f} {row['peak_mb']:>8.0f} {row['stories']:>8} "
              f"{row['gold']:>6} {row['f1']:>6.3f}", flush=True)


if __name__ == "__main__":
    main()
