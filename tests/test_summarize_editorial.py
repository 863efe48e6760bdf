"""Editorial checks over the blind gold set (tests/fixtures/editorial, 30 ktlab-dev clusters).

The gold was labelled by an annotator who had not read the summary rules. First run of the
checks (commit of this file): thoisu's teaser came from the gold's latest article in 10/30
clusters (the first article's opening before: 3/30) and 59 of 160 summary sentences were
marked as needing context (Lead: 65/169). The floors sit a little under those figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from thoisu.evaluate.editorial import read_gold, score

GOLD = Path(__file__).parent / "fixtures" / "editorial" / "blind.jsonl"
KTLAB = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ktlab-dev"


@pytest.fixture(scope="module")
def outcomes() -> dict:
    if not KTLAB.exists():
        pytest.fail(f"{KTLAB} is missing: the shared data must sit beside the checkout")
    return {o.system: o for o in score(read_gold(GOLD), KTLAB)}


def test_the_gold_covers_thirty_clusters() -> None:
    gold = read_gold(GOLD)
    assert len(gold) == 30
    assert all(g.latest_span[0] == g.latest_article for g in gold)


def test_teaser_comes_from_the_latest_article_more_often_than_before(outcomes: dict) -> None:
    ours, before = outcomes["thoisu"], outcomes["first article + Lead (before)"]
    assert ours.clusters == before.clusters == 30
    assert ours.teaser_article >= 9
    assert ours.teaser_article > before.teaser_article


def test_fewer_summary_sentences_need_context_than_lead(outcomes: dict) -> None:
    ours, before = outcomes["thoisu"], outcomes["first article + Lead (before)"]
    assert ours.sentences > 0
    assert ours.leaning / ours.sentences <= 0.40
    assert ours.leaning / ours.sentences <= before.leaning / before.sentences


def test_a_bad_gold_line_names_its_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"cluster": "cluster_1"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold.jsonl:1: not a gold record"):
        read_gold(bad)
