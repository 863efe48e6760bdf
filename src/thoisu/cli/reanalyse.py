"""``thoisu reanalyse``: bring what the store derived up to this thoisu's analysis."""

from __future__ import annotations

import click

from thoisu.cli.common import (
    db_option,
    get_settings,
    quiet_option,
    stats_option,
    ticker,
)


@click.command()
@db_option
@quiet_option
@stats_option
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the jobs setting, 1).")
@click.option("--all", "everything", is_flag=True,
              help="Analyse every article again, not only those analysed by another version.")
def reanalyse(db_url: str | None, quiet: bool, stats_file: str | None, jobs: int | None,
              everything: bool) -> None:
    """Analyse again the stored articles made by another analysis version (or never
    analysed), then describe again the stories they are in and every story whose summary,
    timeline and names are missing or stale. Nothing else is touched.
    """
    from thoisu.analyse import analysis_version
    from thoisu.ingest import reanalyse_store
    from thoisu.stats import RunStats
    from thoisu.store import Store, StoreError

    settings = get_settings(db_url=db_url, jobs=jobs)
    stats = RunStats() if stats_file else None
    try:
        store = Store.open(settings.db_url or None)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    with store:
        version = analysis_version(settings)
        todo = store.count_articles() if everything else len(store.stale_article_ids(version))
        stories_before = len(store.stale_story_ids(version))
        if not quiet:
            click.echo(f"{todo} articles to analyse again, {stories_before} stories stale "
                       f"(analysis {version})", err=True)
        # One bar over both steps: articles, then stories (those holding a re-analysed
        # article come on top of the stale ones, so the bar may end a little early).
        with ticker(todo + stories_before, "Phân tích lại", quiet) as tick:
            result = reanalyse_store(store, settings, everything=everything, stats=stats,
                                     on_article=tick, on_story=tick)
    for problem in result.problems:
        click.echo(f"thoisu: failed: {problem}", err=True)
    click.echo(f"{result.analysed} articles analysed again, {result.described} stories "
               "described again")
    if stats is not None and stats_file:
        if stats_file == "-":
            click.echo(stats.format(), err=True)
        else:
            stats.write(stats_file)
    if result.problems:
        raise SystemExit(1)
