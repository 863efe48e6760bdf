"""``thoisu eval cluster``: B-cubed scores of story clustering on gold story sets, next to the
anchor (TF-IDF average-link at its best threshold, in the same run)."""

from __future__ import annotations

from pathlib import Path

import click

from thoisu.cli.common import get_settings

DEFAULT_PATHS = {"vims": "../shared/data/vims", "ktlab": "../shared/data/ktlab-dev"}


@click.command("cluster")
@click.option("--dataset", type=click.Choice(["vims", "ktlab", "mixed"]), default="vims",
              show_default=True,
              help="Gold stories: ViMs' clusters, ktlab-dev's clusters, or both shuffled "
                   "together (mixed).")
@click.option("--path", "path", type=click.Path(file_okay=False), default=None,
              help="The ViMs folder (holding data/) or the ktlab-dev folder (holding "
                   "cluster_N/); default ../shared/data/vims or ../shared/data/ktlab-dev.")
@click.option("--ktlab-path", type=click.Path(file_okay=False), default=None,
              help="With --dataset mixed: the ktlab-dev folder (--path is then ViMs').")
@click.option("--batches", type=click.IntRange(min=1), default=10, show_default=True,
              help="Also feed the articles in this many batches, in a random order.")
@click.option("--shuffle-seed", type=int, default=1, show_default=True,
              help="Seed of the random order of the batched run (and of the mix).")
@click.option("--threshold", type=float, default=None,
              help="story_threshold for this run (default: from settings).")
@click.option("--no-baseline", is_flag=True, help="Skip the agglomerative baseline.")
@click.option("--no-analysis", is_flag=True,
              help="Cluster the raw texts, without the per-article analysis (names, dates) "
                   "a digest runs first.")
@click.option("--orders", is_flag=True,
              help="Also compare the stories of other orders and batchings with one batch's "
                   "(B-cubed between the two: 1.0 when the order changes nothing).")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Use only the first N ViMs clusters (a quick check; ViMs only).")
@click.option("--split-half", "split", is_flag=True,
              help="Also tune story_threshold and the baseline's threshold on half the "
                   "clusters and score both on the other half (and swap; ViMs only).")
def eval_cluster(dataset: str, path: str | None, ktlab_path: str | None, batches: int,
                 shuffle_seed: int, threshold: float | None, no_baseline: bool,
                 no_analysis: bool, orders: bool, limit: int | None, split: bool) -> None:
    """Cluster a gold story set's articles into stories and score them against its clusters."""
    from thoisu.evaluate.bcubed import bcubed
    from thoisu.evaluate.clustering import (
        format_runs,
        order_check,
        run_baseline,
        run_clusterer,
        vims_articles,
    )
    from thoisu.evaluate.story_sets import analysed, ktlab_articles, mixed_set
    from thoisu.evaluate.vims import load_vims

    settings = get_settings(story_threshold=threshold)
    root = Path(path or DEFAULT_PATHS["ktlab" if dataset == "ktlab" else "vims"])
    clusters = None
    try:
        if dataset == "vims":
            clusters = load_vims(root)[:limit] if limit else load_vims(root)
            articles, gold = vims_articles(clusters)
        elif dataset == "ktlab":
            articles, gold = ktlab_articles(root)
        else:
            articles, gold = mixed_set(root, Path(ktlab_path or DEFAULT_PATHS["ktlab"]),
                                       shuffle_seed)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    if not articles:
        raise click.ClickException(f"{root}: no articles found")
    if not no_analysis:
        articles = analysed(articles, settings)
    runs = [run_clusterer(articles, gold, settings)]
    if batches > 1:
        runs.append(run_clusterer(articles, gold, settings, batches=batches, seed=shuffle_seed))
    if not no_baseline:
        runs.extend(run_baseline(articles, gold))
    stories = len(set(gold.values()))
    click.echo(f"{dataset}: {len(articles)} articles, {stories} gold stories; "
               f"story_threshold={settings.story_threshold}"
               f"{'' if no_analysis else '; analysed as a digest does (names, dates)'}")
    click.echo(format_runs(runs, stories))
    if dataset == "mixed":
        from thoisu.evaluate.clustering import story_labels
        from thoisu.stories.cluster import StoryClusterer

        clusterer = StoryClusterer(settings)
        clusterer.add(articles)
        labels = story_labels(clusterer.stories())
        part = {a: g for a, g in gold.items() if g.startswith("ktlab/")}
        click.echo(f"ktlab-dev half of the mix (1 batch): B-cubed F1 "
                   f"{bcubed(part, labels).f1:.4f}")
    if orders:
        click.echo("\nBetween orders (B-cubed of each feed's stories against one batch's):")
        for feed, score in order_check(articles, settings):
            click.echo(f"  {feed:<32} {score.f1:.4f}")
    if split:
        if clusters is None:
            raise click.ClickException("--split-half is for --dataset vims")
        from thoisu.evaluate.clustering import format_held_out, split_half

        click.echo("\nSplit-half check (B-cubed F1 on the half not used for tuning):")
        click.echo(format_held_out(split_half(clusters, settings), settings.story_threshold))
