"""Gold story sets for ``thoisu eval cluster``: ViMs, ktlab-dev, and the two shuffled together.

Each loader gives articles (ids are content hashes with a serial number, so no id carries its
gold cluster) and the gold story of each article. A ktlab-dev cluster is one gold story; its
article is the publisher's sapo (``SUMMARY:``) as lead and the flattened body, the title from
``TITLE:``; the corpus' word segmentation (``_`` between syllables) is undone. The time the
article was written (``TIME:``) is *not* given to the clusterer: like the held-out protocol (a
``thoisu digest`` of title and text), only the dates the analysis finds in the text are used.

>>> articles, gold = ktlab_articles("../shared/data/ktlab-dev")  # doctest: +SKIP
>>> len(articles), len(set(gold.values()))  # doctest: +SKIP
(316, 100)
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from thoisu.clean.identity import content_id
from thoisu.model import Article, Origin
from thoisu.settings import Settings

_FIELD = re.compile(r"(LINK|TITLE|SUMMARY|TIME):")
_OUTLET = re.compile(r"baomoi\.com/Home/[^/]+/([^/]+)/")


def _detok(text: str) -> str:
    """Undo the corpus' word segmentation and its space before punctuation."""
    text = unicodedata.normalize("NFC", text).replace("_", " ")
    text = re.sub(r"\s+([,.;:!?%)\]”’])", r"\1", text)
    text = re.sub(r"([(\[“‘])\s+", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def _info(path: Path) -> dict[str, str]:
    """The fields of a ``<doc>.info.txt`` (a field may follow the previous one without a
    newline, as the corpus README warns)."""
    text = path.read_text(encoding="utf-8-sig")
    parts = _FIELD.split(text)
    return {parts[i]: parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}


def ktlab_articles(root: str | Path) -> tuple[list[Article], dict[str, str]]:
    """ktlab-dev's articles, cluster by cluster, and the gold story (``ktlab/cluster_N``)."""
    root = Path(root)
    folders = sorted((p for p in root.glob("cluster_*") if p.is_dir()),
                     key=lambda p: int(p.name.split("_")[1]) if p.name.split("_")[1].isdigit()
                     else 1 << 30)
    if not folders:
        raise FileNotFoundError(f"{root}: no cluster_N folders; point --path at ktlab-dev")
    articles: list[Article] = []
    gold: dict[str, str] = {}
    for folder in folders:
        for body_path in sorted(folder.glob("*.body.txt")):
            info_path = body_path.with_name(body_path.name.replace(".body.txt", ".info.txt"))
            if not info_path.exists():
                raise FileNotFoundError(f"{body_path}: no {info_path.name} beside it; each "
                                        "article needs its info file (TITLE, SUMMARY)")
            info = _info(info_path)
            body = unicodedata.normalize("NFC", body_path.read_text(encoding="utf-8-sig"))
            paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
            title, lead = _detok(info.get("TITLE", "")), _detok(info.get("SUMMARY", ""))
            outlet = _OUTLET.search(info.get("LINK", ""))
            article_id = f"{content_id(title, lead, paragraphs)}-k{len(articles):04d}"
            articles.append(Article(id=article_id, origin=Origin(str(body_path)), title=title,
                                    lead=lead, paragraphs=paragraphs,
                                    source=outlet.group(1) if outlet else None))
            gold[article_id] = f"ktlab/{folder.name}"
    return articles, gold


def vims_set(root: str | Path) -> tuple[list[Article], dict[str, str]]:
    """ViMs' articles and their gold story (``vims/Cluster_NNN``)."""
    from thoisu.evaluate.clustering import vims_articles
    from thoisu.evaluate.vims import load_vims

    articles, gold = vims_articles(load_vims(root))
    return articles, {k: f"vims/{v}" for k, v in gold.items()}


def mixed_set(vims_root: str | Path, ktlab_root: str | Path,
              seed: int = 0) -> tuple[list[Article], dict[str, str]]:
    """ViMs and ktlab-dev together, shuffled with ``seed``: two outlets' worth of news at once."""
    v_articles, v_gold = vims_set(vims_root)
    k_articles, k_gold = ktlab_articles(ktlab_root)
    articles = v_articles + k_articles
    random.Random(seed).shuffle(articles)
    return articles, {**v_gold, **k_gold}


def analysed(articles: Sequence[Article], settings: Settings) -> list[Article]:
    """The articles with the per-article analysis a ``thoisu digest`` runs (sentences,
    publication date, time expressions, names): what the clusterer's event evidence reads."""
    from thoisu.pipeline import analyse

    return [analyse(article, settings) for article in articles]
