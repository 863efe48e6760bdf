"""Loader for KTLAB VietnameseMDS (Trần Mai Vũ et al., Knowledge Technology Lab, VNU-UET).

The development half in ``../shared/data/ktlab-dev``: clusters of 2–5 articles from Báo Mới
(2012–2013), each with two human reference summaries::

    cluster_N/<doc>.body.txt        the body as one flattened line (no title, no sapo)
    cluster_N/<doc>.info.txt        LINK:, TITLE:, SUMMARY: (the sapo), TIME: dd/mm/yyyy hh:mm
    cluster_N/cluster_N.ref1.txt    the two human summaries (ref2 likewise)

Title and sapo are word-segmented (``_`` between syllables, a space before punctuation); they
are put back into plain text. The body is cut into sentences by thoisu's splitter, one a line,
so that every sentence is a candidate with its own position (the body holds no line breaks).
By default the article text is the body only, as in ``../shared/tools/anchor-check`` (the
protocol the project is judged by); ``with_sapo=True`` puts the publisher's sapo first.

The clusters come back as :class:`~thoisu.evaluate.vims.VimsCluster` records, so the same
evaluation runs on both corpora.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from thoisu.clean.normalize import normalize_text
from thoisu.evaluate.vims import VimsArticle, VimsCluster
from thoisu.text.sentences import split_sentences

_FIELD = re.compile(r"(LINK|TITLE|SUMMARY|TIME):\s?")
_TIME = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{2})")
_OUTLET = re.compile(r"baomoi\.com/Home/[^/]+/([^/]+)/")


def detok(text: str) -> str:
    """Plain text from the word-segmented form: ``"Hà_Nội , ngày 5"`` → ``"Hà Nội, ngày 5"``."""
    text = text.replace("_", " ")
    text = re.sub(r"\s+([,.;:!?%)\]”’])", r"\1", text)
    text = re.sub(r"([(\[“‘])\s+", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def read_info(path: Path) -> dict[str, str]:
    """The fields of an ``info.txt`` (a field may run on without a line break before the next)."""
    text = normalize_text(path.read_bytes().decode("utf-8-sig"))
    fields: dict[str, str] = {}
    marks = list(_FIELD.finditer(text))
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        fields.setdefault(m.group(1), text[m.end():end].strip())
    return fields


def written(info: dict[str, str]) -> datetime | None:
    """When the article was written (``TIME``), or None if the field is missing or malformed."""
    m = _TIME.search(info.get("TIME", ""))
    if not m:
        return None
    day, month, year, hour, minute = map(int, m.groups())
    try:
        return datetime(year, month, day, hour, minute)
    except ValueError:
        return None


def outlet(info: dict[str, str]) -> str:
    """The outlet's host named in the Báo Mới link (``tuoitre.vn``), or ``""``."""
    m = _OUTLET.search(info.get("LINK", ""))
    return m.group(1) if m else ""


def _numeric(path: Path) -> tuple[int, str]:
    stem = path.name.split(".")[0]
    return (int(stem), path.name) if stem.isdigit() else (1 << 62, path.name)


def read_article(body: Path, with_sapo: bool = False) -> VimsArticle:
    info_path = body.with_name(body.name.replace(".body.txt", ".info.txt"))
    info = read_info(info_path) if info_path.exists() else {}
    text = normalize_text(body.read_bytes().decode("utf-8-sig"))
    lines = split_sentences(text)
    sapo = detok(info.get("SUMMARY", ""))
    if with_sapo and sapo:
        lines = [sapo, *lines]
    return VimsArticle(path=body, title=detok(info.get("TITLE", "")), text="\n".join(lines),
                       published=written(info), outlet=outlet(info))


def load_ktlab(root: str | Path, with_sapo: bool = False) -> list[VimsCluster]:
    """All clusters under ``root`` (the folder holding ``cluster_N/``), by cluster number."""
    root = Path(root)
    folders = [p for p in root.glob("cluster_*") if p.is_dir()] if root.is_dir() else []
    if not folders:
        raise FileNotFoundError(f"{root}: no cluster_N/ folder; point --path at the KTLAB folder "
                                "(e.g. ../shared/data/ktlab-dev)")
    folders.sort(key=lambda p: (int(p.name.rsplit("_", 1)[1])
                                if p.name.rsplit("_", 1)[1].isdigit() else 1 << 62, p.name))
    clusters = []
    for folder in folders:
        articles = [read_article(p, with_sapo)
                    for p in sorted(folder.glob("*.body.txt"), key=_numeric)]
        refs = []
        for name in ("ref1", "ref2"):
            path = folder / f"{folder.name}.{name}.txt"
            if path.exists():
                text = normalize_text(path.read_bytes().decode("utf-8-sig")).strip()
                if text:
                    refs.append(" ".join(line.strip() for line in text.split("\n")
                                         if line.strip()))
        clusters.append(VimsCluster(id=folder.name, articles=articles, summaries=refs))
    return clusters
