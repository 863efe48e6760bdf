"""Train the packaged names model (``src/thoisu/entities/names.crfsuite``) on silver labels.

Reads ViMs (1,950 articles) and ktlab-dev (316) from ``../shared/data`` at run time, labels
them with the rules and gazetteer (:mod:`thoisu.entities.train`), holds out every fifth
cluster of each corpus, trains a CRF on the rest with a fixed seed, and reports on the held-out
clusters how the model agrees with the rules' labels, both as written and with every name's
identity hidden (context alone: what the model learnt beyond the names it saw).

    python benchmarks/train_names.py                       # writes the packaged model
    python benchmarks/train_names.py --out /tmp/x.crfsuite --limit 300
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

from thoisu.clean.normalize import normalize_text
from thoisu.entities.features import token_features
from thoisu.entities.model import DEFAULT_MODEL
from thoisu.entities.train import Silver, silver_article, train
from thoisu.text.sentences import article_sentences

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def _lines(path: Path) -> list[str]:
    text = normalize_text(path.read_bytes().decode("utf-8-sig"))
    return [x.strip() for x in text.split("\n") if x.strip()]


def vims_articles() -> list[tuple[str, list[str]]]:
    """(cluster, texts) of each ViMs article: the title, then its sentences."""
    out = []
    for path in sorted((DATA / "vims" / "data").glob("Cluster_*/*.txt")):
        lines = _lines(path)
        if not lines:
            continue
        sentences = article_sentences("", lines[1:])
        out.append((path.parent.name, [lines[0], *(s.text for s in sentences)]))
    return out


def _unsegment(text: str) -> str:
    """ktlab's word-segmented fields: ``Hà_Nội , ngày`` → ``Hà Nội, ngày``."""
    return re.sub(r"\s+([,.;:!?)])", r"\1", text.replace("_", " ")).strip()


def ktlab_articles() -> list[tuple[str, list[str]]]:
    """(cluster, texts) of each ktlab-dev article: title, sapo sentences, body sentences."""
    out = []
    for body in sorted((DATA / "ktlab-dev").glob("cluster_*/*.body.txt")):
        info = normalize_text(body.with_name(body.name.replace(".body", ".info"))
                              .read_text(encoding="utf-8"))
        title = re.search(r"TITLE:\s*(.*?)\s*(?:SUMMARY:|TIME:|$)", info, re.S)
        sapo = re.search(r"SUMMARY:\s*(.*?)\s*(?:TIME:|TITLE:|$)", info, re.S)
        text = " ".join(_lines(body))
        sentences = article_sentences(_unsegment(sapo.group(1)) if sapo else "", [text])
        head = [_unsegment(title.group(1))] if title else []
        out.append((body.parent.name, [*head, *(s.text for s in sentences)]))
    return out


def held_out(cluster: str) -> bool:
    """Every fifth cluster of each corpus (by number) is held out."""
    return int(re.sub(r"\D", "", cluster)) % 5 == 0


def _spans(labels: list[str]) -> set[tuple[int, int, str]]:
    out, k = set(), 0
    while k < len(labels):
        if labels[k].startswith("B-"):
            end = k + 1
            while end < len(labels) and labels[end].startswith("I-"):
                end += 1
            out.add((k, end, labels[k][2:]))
            k = end
        else:
            k += 1
    return out


def agreement(model_path: Path, data: list[Silver], hide: bool) -> None:
    """Precision / recall / F1 of the model against the rules' labels, per type."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    counts: dict[str, Counter[str]] = {t: Counter() for t in ("PER", "LOC", "ORG", "all")}
    for item in data:
        gold = _spans(item.labels)
        hidden = {k for a, b, _ in gold for k in range(a, b)} if hide else ()
        found = _spans(tagger.tag(token_features(item.words, hidden=hidden)))
        for t in ("PER", "LOC", "ORG", "all"):
            g = {s for s in gold if t in ("all", s[2])}
            f = {s for s in found if t in ("all", s[2])}
            counts[t]["tp"] += len(g & f)
            counts[t]["fp"] += len(f - g)
            counts[t]["fn"] += len(g - f)
    label = "names hidden (context alone)" if hide else "as written"
    print(f"held-out clusters, {label}:")
    for t, c in counts.items():
        p = c["tp"] / max(1, c["tp"] + c["fp"])
        r = c["tp"] / max(1, c["tp"] + c["fn"])
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {t:<4} P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  (rules' names: {c['tp'] + c['fn']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--limit", type=int, default=0, help="articles per corpus (0: all)")
    parser.add_argument("--iterations", type=int, default=60)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not (DATA / "vims").is_dir():
        sys.exit(f"{DATA}: no shared data; it must sit beside the checkout")
    start = time.perf_counter()
    corpora = {"vims": vims_articles(), "ktlab": ktlab_articles()}
    fit: list[Silver] = []
    test: list[Silver] = []
    for name, articles in corpora.items():
        if args.limit:
            articles = articles[:: max(1, len(articles) // args.limit)][: args.limit]
        for cluster, texts in articles:
            group = f"{name}/{cluster}"
            (test if held_out(cluster) else fit).extend(silver_article(texts, group))
    names = sum(len(_spans(s.labels)) for s in fit)
    print(f"silver: {len(fit)} training sentences ({names} names), {len(test)} held out;"
          f" {time.perf_counter() - start:.0f} s")
    train(fit, args.out, seed=args.seed, iterations=args.iterations)
    print(f"trained: {args.out} ({args.out.stat().st_size / 1e6:.1f} MB);"
          f" {time.perf_counter() - start:.0f} s")
    agreement(args.out, test, hide=False)
    agreement(args.out, test, hide=True)


if __name__ == "__main__":
    main()
