"""Hand labels of page lines, for measuring the cleaner (seed and blind page sets).

A label file is a TSV beside or about a page: ``line<TAB>role<TAB>article`` for every
non-blank line (article 1, 2… for a page carrying several; 0 for page boilerplate). Labels
hold line numbers only, so a real page's text never has to be copied into a fixture.
"""

from __future__ import annotations

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
