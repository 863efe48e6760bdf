"""``thoisu eval summarize``: every summarizer on ViMs or KTLAB in one table, one run."""

from __future__ import annotations

import click


@click.command("summarize")
@click.option("--dataset", type=click.Choice(["vims", "ktlab"]), default="vims",
              show_default=True,
              help="The data set (ViMs: Tran et al. 2020, Lang. Resources & Evaluation 54(4); "
                   "ktlab: KTLAB VietnameseMDS, VNU-UET).")
@click.option("--path", "path", required=True, type=click.Path(exists=True, file_okay=False),
              help="The ViMs folder (holding data/ and summary/), e.g. ../shared/data/vims, or "
                   "the KTLAB folder (holding cluster_N/), e.g. ../shared/data/ktlab-dev.")
@click.option("--sapo", is_flag=True,
              help="KTLAB only: put each article's sapo (the publisher's lead) before its body; "
                   "by default the body alone, as the anchor check gives it.")
@click.option("--folds", type=click.IntRange(min=2), default=5, show_default=True,
              help="Cross-validation folds over clusters for thoisu's own row.")
@click.option("--limit", type=click.IntRange(min=2), default=None,
              help="Only the first N clusters (a quick look; the table in the docs uses all).")
@click.option("--no-oracle", is_flag=True, help="Skip the (slowest) greedy oracle row.")
@click.option("--no-protocols", is_flag=True,
              help="Skip the robustness protocols (by size, by topic, leave-cluster-out, mixed "
                   "groups) printed after the main table.")
@click.option("--train", is_flag=True,
              help="Also retrain the packaged model on every cluster (src/thoisu/summarize/"
                   "model.json); the table still shows cross-validated figures only.")
def eval_summarize(dataset: str, path: str, sapo: bool, folds: int, limit: int | None,
                   no_oracle: bool, no_protocols: bool, train: bool) -> None:
    """ROUGE-1/2/L F1 (syllables) of thoisu, Lead, TextRank, LexRank, Centroid, MMR, the
    greedy oracle and human agreement; every summary cut to the mean reference length. Then
    the robustness protocols: thoisu beside the baselines by cluster size, by topic, leaving
    each cluster out, and on groups mixed with articles of another cluster.

    thoisu's row is cross-validated (its scorer refitted without the held-out clusters) on
    ViMs; on KTLAB it is the packaged model as shipped (trained on ViMs only), so KTLAB is
    never in its training data."""
    from thoisu.evaluate.ktlab import load_ktlab
    from thoisu.evaluate.summaries import evaluate_prepared, format_table, prepare
    from thoisu.evaluate.vims import load_vims

    if train and dataset != "vims":
        raise click.UsageError("--train retrains on ViMs only (--dataset vims)")
    if sapo and dataset != "ktlab":
        raise click.UsageError("--sapo is for --dataset ktlab (ViMs has no separate sapo)")
    try:
        clusters = load_ktlab(path, with_sapo=sapo) if dataset == "ktlab" else load_vims(path)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    if limit is not None:
        clusters = clusters[:limit]
    if len(clusters) < folds:
        raise click.ClickException(f"{len(clusters)} clusters cannot make {folds} folds; "
                                   "use more clusters or fewer --folds")
    prepared = prepare(clusters)
    rows, timing = evaluate_prepared(prepared, folds=folds, with_oracle=not no_oracle,
                                     packaged=dataset == "ktlab")
    click.echo(format_table(rows))
    click.echo(f"\n{len(clusters)} clusters of {dataset}; thoisu: "
               f"{timing['thoisu_ms_per_cluster']:.1f} ms per cluster for scoring, selection "
               "and ordering (features precomputed; see benchmarks/summarize_speed.py)")
    if not no_protocols:
        from thoisu.evaluate.summary_protocols import format_protocols, run_all

        click.echo("\nRobustness protocols (ROUGE F1 %, mean over clusters; worst fold margins "
                   "in ROUGE-2 points):")
        click.echo(format_protocols(run_all(prepared)))
    if train:
        from thoisu.evaluate.summary_model import PACKAGED_MODEL, retrain

        retrain(prepared)
        click.echo(f"retrained the packaged model on {len(prepared)} clusters: {PACKAGED_MODEL}")
