"""Hand labels of page lines, for measuring the cleaner (seed and blind page sets).

A label file is a TSV beside or about a page: ``line<TAB>role<TAB>article`` for every
non-blank line (article 1, 2… for a page carrying several; 0 for page boilerplate). Labels
hold line numbers only, so a real page's text never has to be copied into a fixture.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from thoisu.clean import clean_page
from thoisu.evaluate.tsv import tsv_rows
from thoisu.model import Origin, RawPage
from thoisu.settings import Settings

Labels = dict[int, tuple[str, int]]


def read_labels(path: Path) -> Labels:
    """Line number → (role, article number)."""
    labels: Labels = {}
    for number, (line, role, article) in tsv_rows(path, ("line", "role", "article")):
        if not line.isdigit() or not article.isdigit():
            raise ValueError(f"{path}:{number}: line and article must be whole numbers")
        labels[int(line)] = (role, int(article))
    return labels


def predicted_roles(path: Path, settings: Settings) -> tuple[dict[int, tuple[str, int, str]], int]:
    """Line number → (role, article number, rule) as ``clean_page`` decides; article count."""
    text = path.read_text(encoding="utf-8")
    articles = clean_page(RawPage(Origin(str(path)), text=text), settings)
    got: dict[int, tuple[str, int, str]] = {}
    for k, article in enumerate(articles, start=1):
        for removed in article.removed:
            if removed.line is not None:
                got.setdefault(removed.line, (removed.role, k, removed.rule))
        for line in article.lines:
            got[line.number] = (line.role.value, k, line.rule)
    return got, len(articles)


# ---------------------------------------------------------------- HTML main text

_TOKEN = None


def text_tokens(text: str) -> list[str]:
    """Lower-case syllables and numbers of ``text`` (NFC), the unit of main-text F1.

    >>> text_tokens("Hà Nội, 3/2: mưa lớn.")
    ['hà', 'nội', '3', '2', 'mưa', 'lớn']
    """
    import re
    import unicodedata

    global _TOKEN
    if _TOKEN is None:
        _TOKEN = re.compile(r"[^\W_]+")
    return _TOKEN.findall(unicodedata.normalize("NFC", text).lower())


def token_f1(got: str, gold: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the bag of tokens of ``got`` against ``gold``.

    >>> token_f1("mưa lớn ở Huế", "mưa lớn ở Huế hôm qua")
    (1.0, 0.6666666666666666, 0.8)
    """
    from collections import Counter

    a, b = Counter(text_tokens(got)), Counter(text_tokens(gold))
    common = sum((a & b).values())
    if not a or not b:
        same = float(not a and not b)
        return same, same, same
    p, r = common / sum(a.values()), common / sum(b.values())
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class HtmlGold:
    """A blind HTML page and what a reader should get from it."""

    name: str
    html: str
    main_text: str  # lead and body paragraphs (photo-story captions included), a line each
    sapo: str
    published: str  # TimeML value, "" when the page does not say
    layout: str
    meta: dict[str, str]


def read_html_set(folder: Path) -> list[HtmlGold]:
    """The pages of a blind HTML folder: ``NAME.html`` beside ``NAME.gold.json``."""
    import json

    out = []
    for path in sorted(folder.glob("*.html")):
        gold_path = path.with_suffix(".gold.json")
        if not gold_path.exists():
            raise ValueError(f"{path}: no gold file {gold_path.name} beside it")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for key in ("main_text", "layout"):
            if key not in gold:
                raise ValueError(f"{gold_path}: missing {key!r}")
        out.append(HtmlGold(path.stem, path.read_text(encoding="utf-8"), gold["main_text"],
                            gold.get("sapo", ""), gold.get("published", ""), gold["layout"],
                            dict(gold.get("meta", {}))))
    return out


def thoisu_main_text(page: HtmlGold, settings: Settings) -> tuple[str, str]:
    """thoisu's main text of a page (lead and paragraphs) and its lead."""
    articles = clean_page(RawPage(Origin(page.name + ".html"), html=page.html,
                                  meta=dict(page.meta)), settings)
    if not articles:
        return "", ""
    article = articles[0]
    return article.body_text, article.lead


def trafilatura_main_text(page: HtmlGold) -> str:
    """``trafilatura.extract`` alone on the same page, as the baseline."""
    import trafilatura

    return trafilatura.extract(page.html) or ""
