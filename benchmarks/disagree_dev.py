"""Develop the disagreement finder on groups planted here from real news (not the blind set).

    python benchmarks/disagree_dev.py [--corpus ktlab|vims] [--clusters N] [-v]

Each cluster is a story; each article its own outlet (ktlab: the outlet host in its link).
A figure written the same in two articles ("12 người", the number and the word after it) is
planted three ways in the second article, each run on its own:

- changed: the number replaced by another value (a planted disagreement: both sides must be
  reported, each cited to its article and sentence);
- reworded: the same value in another form ("1.500" → "1,5 nghìn", "12" → "hơn 10"): a control
  that must not be reported;
- untouched clusters: whatever is reported is listed for reading (natural disagreements or
  false ones).

Planting reads the raw text with one regular expression, not the finder's rules.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import random
import re
import sys
import time
from pathlib import Path

from thoisu.disagree import find_disagreements
from thoisu.model import Article, Origin, PartialDate
from thoisu.pipeline import analyse
from thoisu.settings import Settings

DATA = Path(__file__).resolve().parents[1] / "../shared/data"
CACHE = Path("/tmp/thoisu-disagree-dev")
PLANT = re.compile(r"(?<![\w./,-])(\d{1,3}(?:\.\d{3})+|\d+)(?= ([^\W\d]\w*))")
SKIP_WORDS = {"năm", "tháng", "ngày", "giờ", "phút", "tuổi", "giây"}


def load_ktlab(n: int) -> list[list[Article]]:
    groups = []
    for cdir in sorted((DATA / "ktlab-dev").glob("cluster_*"))[:n]:
        arts = []
        for body in sorted(cdir.glob("*.body.txt")):
            info = body.with_name(body.name.replace(".body.", ".info.")).read_text("utf-8")
            host = re.search(r"LINK: \S+?/Home/\w+/([^/]+)/", info)
            when = re.search(r"TIME: (\d+)/(\d+)/(\d{4})", info)
            text = body.read_text("utf-8").strip()
            arts.append(Article(body.stem.split(".")[0], Origin(str(body)), paragraphs=[text],
                                source=host.group(1) if host else None,
                                published=PartialDate(int(when.group(3)), int(when.group(2)),
                                                      int(when.group(1))) if when else None))
        groups.append(arts)
    return groups


def load_vims(n: int) -> list[list[Article]]:
    from thoisu.evaluate.vims import load_vims as load

    groups = []
    for cluster in load(DATA / "vims")[:n]:
        groups.append([Article(f"{cluster.id}/{a.path.stem}", Origin(str(a.path)), title=a.title,
                               paragraphs=a.text.split("\n"), source=f"outlet-{k}")
                       for k, a in enumerate(cluster.articles)])
    return groups


def analysed(article: Article, settings: Settings) -> Article:
    key = hashlib.sha1(("\n".join([article.id, article.title, *article.paragraphs]))
                       .encode()).hexdigest()
    path = CACHE / f"{key}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    done = analyse(article, settings)
    CACHE.mkdir(exist_ok=True)
    path.write_bytes(pickle.dumps(done))
    return done


def with_text(article: Article, old: str, new: str, at: int) -> Article:
    text = "\n".join(article.paragraphs)
    text = text[:at] + new + text[at + len(old):]
    return Article(article.id, article.origin, article.title, paragraphs=text.split("\n"),
                   source=article.source, published=article.published)


def figure_value(digits: str) -> int:
    return int(digits.replace(".", ""))


def fmt(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def changed(value: int, rng: random.Random) -> int:
    if value < 10:
        return value + rng.choice([2, 3, 4])
    return int(round(value * rng.choice([1.3, 1.5, 0.6, 2.0]), -1 if value >= 100 else 0))


def reworded(value: int) -> str | None:
    if value >= 1000 and value % 100 == 0:
        return f"{value / 1000:g}".replace(".", ",") + " nghìn"
    if value >= 20:
        return "hơn " + fmt(value // 10 * 10 - (10 if value % 10 == 0 else 0))
    if value >= 5:
        return "khoảng " + fmt(value)
    return None


def plants(group: list[Article]) -> list[tuple[int, int, str, str, int]]:
    """(article a, article b, digits, word, offset in b) for figures written alike in two."""
    found = []
    texts = ["\n".join(a.paragraphs) for a in group]
    seen = set()
    for i, ta in enumerate(texts):
        for m in PLANT.finditer(ta):
            digits, word = m.group(1), m.group(2)
            if word.lower() in SKIP_WORDS or (len(digits) == 4
                                               and digits.startswith(("19", "20"))):
                continue
            for j, tb in enumerate(texts):
                if j <= i or group[j].source == group[i].source or (digits, word) in seen:
                    continue
                mb = re.search(r"(?<![\w./,-])" + re.escape(digits) + " " + re.escape(word), tb)
                if mb is not None and tb.count(digits + " " + word) == 1:
                    seen.add((digits, word))
                    found.append((i, j, digits, word, mb.start()))
    return found


DAY = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])")


def date_plants(group: list[Article]) -> list[tuple[int, int, str, str, int]]:
    """(article a, article b, day as written, the changed day, offset in b) for a "d/m" written
    once in b and also in a: b's is moved two days."""
    texts = ["\n".join(a.paragraphs) for a in group]
    found, seen = [], set()
    for i, ta in enumerate(texts):
        for m in DAY.finditer(ta):
            for j, tb in enumerate(texts):
                if (j <= i or group[i].source == group[j].source or m.group() in seen
                        or tb.count(m.group()) != 1):
                    continue
                seen.add(m.group())
                d = int(m.group(1))
                found.append((i, j, m.group(), f"{d + 2 if d < 26 else d - 2}/{m.group(2)}",
                              tb.index(m.group())))
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default="ktlab")
    parser.add_argument("--clusters", type=int, default=40)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    settings = Settings(segmenter="syllable")
    rng = random.Random(7)
    groups = (load_ktlab if args.corpus == "ktlab" else load_vims)(args.clusters)
    planted = hit = cited = controls = false_controls = untouched = 0
    spent = 0.0
    dates = dates_hit = 0
    for group in groups:
        base = [analysed(a, settings) for a in group]
        t = time.perf_counter()
        natural = find_disagreements(base)
        spent += time.perf_counter() - t
        untouched += len(natural)
        for d in natural:
            print("NATURAL", d.kind, d.about, "|", d.reason)
            for c in d.claims:
                print("    ", c.value, c.outlet, "|", c.text[:150])
        for i, j, old, new_day, at in date_plants(group):
            members = list(base)
            members[j] = analysed(with_text(group[j], old, new_day, at), settings)
            dates += 1
            dates_hit += any(d.kind == "date" and {group[i].id, group[j].id}
                             <= {c.article for c in d.claims}
                             for d in find_disagreements(members))
        for i, j, digits, word, at in plants(group):
            value = figure_value(digits)
            new = fmt(changed(value, rng))
            members = list(base)
            members[j] = analysed(with_text(group[j], digits, new, at), settings)
            got = find_disagreements(members)
            planted += 1
            mine = [d for d in got if d.kind == "figure" and {group[i].id, group[j].id}
                    <= {c.article for c in d.claims}]
            plain = new.replace(".", "")
            ok = any(d.kind == "figure" and any(c.article == group[j].id
                                                and c.value.lstrip("≥≤~").startswith(plain)
                                                for c in d.claims) for d in got)
            hit += bool(mine) or ok
            cited += bool(mine)
            if args.verbose and not (mine or ok):
                print("MISSED", digits, word, "->", new, "|", group[j].id)
            alt = reworded(value)
            if alt is None:
                continue
            members = list(base)
            members[j] = analysed(with_text(group[j], digits, alt, at), settings)
            got = [d for d in find_disagreements(members) if d.kind == "figure"
                   and any(c.article == group[j].id for c in d.claims)]
            controls += 1
            bad = [d for d in got if not any(d2.about == d.about for d2 in natural)]
            false_controls += bool(bad)
            if bad:
                print("CONTROL REPORTED", digits, word, "->", alt)
                for c in bad[0].claims:
                    print("    ", c.value, c.outlet, "|", c.text[:150])
    print(f"{args.corpus}: dates planted {dates}, found {dates_hit}", file=sys.stderr)
    print(f"{args.corpus}: groups {len(groups)}, planted {planted}, found {hit} "
          f"({hit / max(planted, 1):.2f}), both sides cited {cited} "
          f"({cited / max(planted, 1):.2f}); "
          f"controls {controls}, reported {false_controls}; natural reported {untouched}; "
          f"{1000 * spent / max(len(groups), 1):.1f} ms per untouched story", file=sys.stderr)


if __name__ == "__main__":
    main()
