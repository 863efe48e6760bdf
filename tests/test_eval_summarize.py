"""The summary evaluation on real ViMs clusters: a quick look by default, the full CV when slow."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from thoisu.cli.eval_summarize import eval_summarize
from thoisu.evaluate.summaries import evaluate_prepared, prepare

ROWS = ["thoisu (2-fold CV)", "Lead", "TextRank", "LexRank", "Centroid", "MMR",
        "Oracle (greedy ROUGE-2)", "Human agreement"]


@pytest.fixture(scope="module")
def few(vims_clusters: list) -> list:
    return prepare(vims_clusters[:10])


def test_every_row_on_a_handful_of_clusters(few: list) -> None:
    rows, timing = evaluate_prepared(few, folds=2)
    by_name = {r.system: r for r in rows}
    assert list(by_name) == ROWS
    for r in rows:
        assert 0 < r.rouge2 < r.rouge1 <= 100 and 0 < r.rougeL <= 100
    oracle = by_name["Oracle (greedy ROUGE-2)"]
    assert all(oracle.rouge2 > r.rouge2 for r in rows if r is not oracle)
    assert by_name["thoisu (2-fold CV)"].rouge2 > by_name["Lead"].rouge2
    assert timing["thoisu_ms_per_cluster"] > 0


def test_budget_is_the_mean_reference_length(few: list) -> None:
    for c in few:
        mean = sum(len(r) for r in c.references) / len(c.references)
        assert abs(c.budget - mean) <= 0.5


def test_eval_command_prints_one_table(vims_dir: Path) -> None:
    result = CliRunner().invoke(eval_summarize, ["--dataset", "vims", "--path", str(vims_dir),
                                                 "--limit", "6", "--folds", "2", "--no-oracle"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "| System | ROUGE-1 | ROUGE-2 | ROUGE-L | clusters | note |"
    assert lines[2].startswith("| thoisu (2-fold CV) |")
    assert "6 clusters of vims" in result.stdout
    # The robustness protocols follow in the same run, each beside the baselines.
    assert "Robustness protocols" in result.stdout
    for name in ("| 5-fold |", "| by size |", "| by topic |", "| leave-cluster-out |",
                 "| mixed groups |"):
        assert name in result.stdout


def test_topics_are_read_off_titles() -> None:
    from thoisu.evaluate.summary_protocols import topic_of

    assert topic_of(["Tuyển Việt Nam thắng Thái Lan ở chung kết", "HLV chốt danh sách"]) == "sport"
    assert topic_of(["Khởi tố giám đốc lừa đảo", "Bắt nghi phạm"]) == "law"
    assert topic_of(["Khai mạc triển lãm tranh"]) == "other"


def test_eval_command_needs_the_data_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(eval_summarize, ["--path", str(tmp_path)])
    assert result.exit_code == 1
    assert "no data/ folder; point --path at the ViMs folder" in result.stderr


@pytest.mark.slow
def test_full_cross_validation_floors(vims_clusters: list) -> None:
    """5-fold CV over all 300 clusters (a few minutes): the figures in docs/summaries.md."""
    rows, _ = evaluate_prepared(prepare(vims_clusters), folds=5, with_oracle=False)
    ours, baselines = rows[0], [r for r in rows[1:] if r.system != "Human agreement"]
    # Floor lowered from 39.5 in turn 3, in review: the position prior chosen on ktlab-dev
    # (where ViMs' style lost to Lead) costs about 1.5 ROUGE-2 here (38.7). ROUGE-2 stays
    # above every baseline; ROUGE-1 and ROUGE-L above the anchors, Lead and Centroid (MMR's
    # ROUGE-1 is within 0.3 of ours since the change).
    assert ours.rouge2 >= 38.5
    assert all(ours.rouge2 > r.rouge2 for r in baselines)
    anchors = [r for r in baselines if r.system.startswith(("Lead", "Centroid"))]
    assert len(anchors) == 2
    assert all(ours.rouge1 > r.rouge1 and ours.rougeL > r.rougeL for r in anchors)


KTLAB = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ktlab-dev"


def test_ktlab_loader_reads_bodies_titles_dates_and_both_references() -> None:
    from thoisu.evaluate.ktlab import detok, load_ktlab

    assert detok("Hà_Nội , ngày 5 ( thứ Hai )") == "Hà Nội, ngày 5 (thứ Hai)"
    clusters = load_ktlab(KTLAB)
    assert len(clusters) == 100
    assert sum(len(c.articles) for c in clusters) == 316
    assert all(len(c.summaries) == 2 for c in clusters)
    first = clusters[0].articles[0]
    assert first.title and "_" not in first.title and first.published is not None
    assert first.outlet and "\n" in first.text  # a sentence a line
    with_sapo = load_ktlab(KTLAB, with_sapo=True)[0].articles[0]
    assert with_sapo.text.endswith(first.text) and len(with_sapo.text) > len(first.text)


def test_ktlab_loader_says_what_is_wrong_with_the_folder(tmp_path: Path) -> None:
    from thoisu.evaluate.ktlab import load_ktlab

    with pytest.raises(FileNotFoundError, match="no cluster_N/ folder"):
        load_ktlab(tmp_path)


def test_eval_command_on_ktlab_puts_the_baselines_in_the_same_table() -> None:
    result = CliRunner().invoke(eval_summarize, ["--dataset", "ktlab", "--path", str(KTLAB),
                                                 "--limit", "6", "--folds", "2", "--no-oracle",
                                                 "--no-protocols"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[2].startswith("| thoisu (packaged) |")
    for name in ("| Lead |", "| Centroid |", "| MMR |"):
        assert name in result.stdout
    assert "6 clusters of ktlab" in result.stdout


def test_a_grouping_of_one_group_is_not_a_protocol() -> None:
    """ktlab-dev's clusters all fall in one size group: training on the other groups would
    train on nothing (the command stopped with a numpy error)."""
    from thoisu.evaluate.summary_protocols import held_out

    assert not held_out({"≤5 articles": [0, 1, 2]})
    assert not held_out({"≤5 articles": [0, 1, 2], "≥8 articles": []})
    assert held_out({"≤5 articles": [0, 1], "≥8 articles": [2]})
