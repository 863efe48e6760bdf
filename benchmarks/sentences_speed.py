"""Cost curve of the sentence splitter beside underthesea's ``sent_tokenize``, on the same text.

Two inputs, both built at run time from ViMs articles (never stored in the repository):

* one paragraph: the articles flattened into a single line, cut at 6,000 to 150,000 characters
  (what a crawl that flattens a page gives);
* ``--mb``: many lines (the articles as they are) at 0.1 to 8 MB.

For each size it prints the median µs per character and the sentence count of both splitters.
Near-linear means µs per character stays flat (within 2x) across sizes.

    python benchmarks/sentences_speed.py            # paragraph curve, 3 runs each
    python benchmarks/sentences_speed.py --mb       # also the 0.1-8 MB curve (slower)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import timed

from thoisu.text.sentences import split_sentences

VIMS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "vims" / "data"
PARAGRAPH_SIZES = (6_000, 25_000, 60_000, 100_000, 150_000)
MB_SIZES = (0.1, 0.5, 1, 2, 4, 8)


def _articles() -> list[str]:
    files = sorted(VIMS.glob("Cluster_*/*.txt"))
    if not files:
        sys.exit(f"{VIMS}: no ViMs articles; the shared data must sit beside the checkout")
    return [f.read_text(encoding="utf-8") for f in files]


def _repeat_to(text: str, size: int) -> str:
    return (text * (size // max(1, len(text)) + 1))[:size]


def _row(label: str, text: str, repeat: int) -> tuple[float, float]:
    from underthesea import sent_tokenize

    ours, n_ours = timed(lambda: len(split_sentences(text)), repeat)
    theirs, n_theirs = timed(lambda: len(sent_tokenize(text)), repeat)
    per_ours, per_theirs = ours / len(text) * 1e6, theirs / len(text) * 1e6
    print(f"{label:>12} {per_ours:10.2f} {n_ours:9d} {per_theirs:12.2f} {n_theirs:11d}")
    return per_ours, per_theirs


def _curve(title: str, rows: list[tuple[str, str]], repeat: int) -> None:
    print(f"\n{title}")
    print(f"{'size':>12} {'thoisu µs/ch':>10} {'sentences':>9} {'underthesea':>12}"
          f" {'sentences':>11}")
    per = [_row(label, text, repeat) for label, text in rows]
    ours = [p[0] for p in per]
    theirs = [p[1] for p in per]
    print(f"{'max/min':>12} {max(ours) / min(ours):10.2f} {'':9} {max(theirs) / min(theirs):12.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", action="store_true", help="also the 0.1-8 MB multi-line curve")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    articles = _articles()
    split_sentences(articles[0])  # warm up both splitters outside the timings
    from underthesea import sent_tokenize

    sent_tokenize(articles[0])
    flat = " ".join(" ".join(a.split()) for a in articles)
    _curve("one paragraph (articles flattened into one line)",
           [(f"{n:,}", flat[:n]) for n in PARAGRAPH_SIZES], args.repeat)
    if args.mb:
        lines = "\n".join(articles)
        _curve("many lines (articles as written)",
               [(f"{mb} MB", _repeat_to(lines, int(mb * 1_000_000))) for mb in MB_SIZES], 1)


if __name__ == "__main__":
    main()
