"""Where a digest's wall time goes, phase by phase, with the story features made by the
analysing workers and without (the clusterer making them in the parent), in one run.

    python benchmarks/digest_phases.py                 # all of ViMs, --jobs 2
    python benchmarks/digest_phases.py --jobs 1 --limit 80

Phases: read, clean and analyse (``pipeline.process``, in ``--jobs`` workers); group into
stories (``group_stories``, in this process: serial); describe the stories (in the workers);
the JSON report. Each variant runs in a fresh process, so imports and model loads fall on
both alike; the two variants alternate for ``--repeat`` rounds and the medians are printed.
Also says whether the stories of the two variants are identical. A script, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "vims" / "data"
PHASES = ("analyse", "cluster", "describe", "json")


def run(paths: list[str], jobs: int, given: bool) -> dict[str, object]:
    """One digest, timed phase by phase, in this process."""
    import hashlib
    from dataclasses import replace

    from thoisu.cli.common import dump_json
    from thoisu.model import Digest
    from thoisu.pipeline import describe_stories, process
    from thoisu.render.json_report import digest_to_json
    from thoisu.settings import Settings
    from thoisu.stories import group_stories

    settings = replace(Settings(), jobs=jobs)
    features: dict | None = {} if given else None
    marks = [time.perf_counter()]
    articles = list(process(paths, settings, lambda _problem: None, story_features=features))
    marks.append(time.perf_counter())
    stories = group_stories(articles, settings, features)
    marks.append(time.perf_counter())
    described, _ = describe_stories(stories, {a.id: a for a in articles}, settings)
    marks.append(time.perf_counter())
    text = dump_json(digest_to_json(Digest(articles=articles, stories=described)))
    marks.append(time.perf_counter())
    seconds = {name: marks[k + 1] - marks[k] for k, name in enumerate(PHASES)}
    return {"seconds": seconds, "articles": len(articles),
            "sha": hashlib.sha256(text.encode()).hexdigest()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="the first N clusters only")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child", choices=["given", "parent"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    clusters = sorted(str(p) for p in DATA.iterdir() if p.is_dir())
    paths = clusters[:args.limit] if args.limit else [str(DATA)]
    if args.child:
        print(json.dumps(run(paths, args.jobs, args.child == "given")))
        return
    print(f"{len(clusters[:args.limit] if args.limit else clusters)} clusters, --jobs "
          f"{args.jobs}; CPUs: {os.cpu_count()}; load average {os.getloadavg()[0]:.1f}",
          flush=True)
    found: dict[str, list[dict]] = {"parent": [], "given": []}
    for _ in range(args.repeat):
        for variant in found:
            done = subprocess.run(
                [sys.executable, __file__, "--child", variant, "--jobs", str(args.jobs),
                 "--limit", str(args.limit)], capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise SystemExit(done.stderr[-2000:])
            found[variant].append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"{'features made':<22}" + "".join(f"{p:>10}" for p in PHASES) + f"{'total':>10}")
    labels = {"parent": "by the clusterer", "given": "by the workers"}
    for variant, runs in found.items():
        medians = [statistics.median(r["seconds"][p] for r in runs) for p in PHASES]
        print(f"{labels[variant]:<22}" + "".join(f"{m:>9.1f}s" for m in medians)
              + f"{sum(medians):>9.1f}s")
    same = {r["sha"] for runs in found.values() for r in runs}
    print(f"digest JSON of the two variants {'identical' if len(same) == 1 else 'DIFFERS'}; "
          f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
