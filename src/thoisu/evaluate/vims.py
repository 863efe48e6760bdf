"""Loader for ViMs (Tran et al. 2020, Language Resources and Evaluation 54(4)).

300 clusters of 4–10 Vietnamese news articles with human reference summaries::

    data/Cluster_NNN/K.txt      first line the title, then the text
    summary/Cluster_NNN/K.txt   "Cluster_NNN", blank, "=Einleitung=", then the summary

Annotator section lines (``=Nguyên nhân=``, ``=null=``) are not summary text and are dropped.
Files may use CR, CRLF or LF line ends and may not be NFC; text is normalised on load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from thoisu.clean.normalize import normalize_text

_SECTION = re.compile(r"^=[^=]*=$")


@dataclass
class VimsArticle:
    path: Path
    title: str
    text: str  # the lines after the title, normalised, a line each
    published: datetime | None = None  # when it was written, where the corpus says (KTLAB)
    outlet: str = ""  # the outlet, where the corpus says (KTLAB)


@dataclass
class VimsCluster:
    id: str  # "Cluster_001"
    articles: list[VimsArticle]
    summaries: list[str] = field(default_factory=list)


def _numeric_key(path: Path) -> tuple[int, str]:
    return (int(path.stem), path.name) if path.stem.isdigit() else (1 << 30, path.name)


def read_article(path: Path) -> VimsArticle:
    text = normalize_text(path.read_bytes().decode("utf-8-sig"))
    lines = [line for line in text.split("\n") if line.strip()]
    title = lines[0] if lines else ""
    return VimsArticle(path=path, title=title, text="\n".join(lines[1:]))


def read_summary(path: Path) -> str:
    text = normalize_text(path.read_bytes().decode("utf-8-sig"))
    lines = [line.strip() for line in text.split("\n")]
    if lines and lines[0].startswith("Cluster_"):
        lines = lines[1:]
    return "\n".join(line for line in lines if line and not _SECTION.match(line))


def load_vims(root: str | Path) -> list[VimsCluster]:
    """All clusters under ``root`` (the folder holding ``data/`` and ``summary/``), in order."""
    root = Path(root)
    data = root / "data"
    if not data.is_dir():
        raise FileNotFoundError(f"{root}: no data/ folder; point --path at the ViMs folder")
    clusters = []
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        articles = [read_article(p) for p in sorted(folder.glob("*.txt"), key=_numeric_key)]
        summary_dir = root / "summary" / folder.name
        summaries = [read_summary(p) for p in sorted(summary_dir.glob("*.txt"), key=_numeric_key)]
        clusters.append(VimsCluster(id=folder.name, articles=articles,
                                    summaries=[s for s in summaries if s]))
    return clusters
