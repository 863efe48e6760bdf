"""``thoisu eval cluster``: B-cubed scores of story clustering on ViMs, next to a baseline."""

from __future__ import annotations

import click

from thoisu.cli.common import get_settings


@click.command("cluster")
@click.option("--dataset", type=click.Choice(["vims"]), default="vims", show_default=True,
              help="Data set whose clusters are the gold stories.")
@click.option("--path", "path", type=click.Path(file_okay=False), required=True,
              help="The ViMs folder (holding data/ and summary/).")
@click.option("--batches", type=click.IntRange(min=1), default=10, show_default=True,
              help="Also feed the articles in this many batches, in a random order.")
@click.option("--shuffle-seed", type=int, default=1, show_default=True,
              help="Seed of the random order of the batched run.")
@click.option("--threshold", type=float, default=None,
              help="story_threshold for this run (default: from settings).")
@click.option("--no-baseline", is_flag=True, help="Skip the agglomerative baseline.")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Use only the first N clusters (a quick check).")
@click.option("--split-half", "split", is_flag=True,
              help="Also tune story_threshold and the baseline's threshold on half the "
                   "clusters and score both on the other half (and swap).")
def eval_cluster(dataset: str, path: str, batches: int, shuffle_seed: int,
                 threshold: float | None, no_baseline: bool, limit: int | None,
                 split: bool) -> None:
    """Cluster ViMs articles into stories and score them against ViMs' clusters."""
    from thoisu.evaluate.clustering import (
        format_runs,
        run_baseline,
        run_clusterer,
        vims_articles,
    )
    from thoisu.evaluate.vims import load_vims

    settings = get_settings(story_threshold=threshold)
    try:
        clusters = load_vims(path)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    if limit:
        clusters = clusters[:limit]
    articles, gold = vims_articles(clusters)
    if not articles:
        raise click.ClickException(f"{path}: no articles found under data/")
    runs = [run_clusterer(articles, gold, settings)]
    if batches > 1:
        runs.append(run_clusterer(articles, gold, settings, batches=batches, seed=shuffle_seed))
    if not no_baseline:
        runs.extend(run_baseline(articles, gold))
    click.echo(f"{dataset}: {len(articles)} articles, {len(clusters)} gold stories; "
               f"story_threshold={settings.story_threshold}")
    click.echo(format_runs(runs, len(clusters)))
    if split:
        from thoisu.evaluate.clustering import format_held_out, split_half

        click.echo("\nSplit-half check (B-cubed F1 on the half not used for tuning):")
        click.echo(format_held_out(split_half(clusters, settings), settings.story_threshold))
