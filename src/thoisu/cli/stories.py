"""``thoisu stories``: the stories in the store; ``thoisu stories show ID``: one of them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from thoisu.cli.common import db_option, dump_json, get_settings, open_existing_store
from thoisu.render.disagreements import disagreements_text

if TYPE_CHECKING:
    from thoisu.model import Story
    from thoisu.store import Store

_format = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
                       show_default=True, help="Output format.")


def _open(db_url: str | None) -> Store:
    from thoisu.store import StoreError

    try:
        return open_existing_store(db_url)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


def _story_json(story: Story) -> dict[str, Any]:
    """A story as listed: its stored facts (span of comparable dates, TimeML-style)."""
    return {"id": story.id, "title": story.title, "articles": list(story.articles),
            "article_count": len(story.articles), "duplicate_count": len(story.duplicates),
            "first": story.span_start.iso() if story.span_start else None,
            "last": story.span_end.iso() if story.span_end else None,
            "outlets": list(story.outlets), "teaser": story.teaser}


@click.group("stories", invoke_without_command=True)
@db_option
@_format
@click.pass_context
def stories(ctx: click.Context, db_url: str | None, fmt: str) -> None:
    """List the stories in the store: id, title, articles and the dates they span."""
    ctx.ensure_object(dict)
    ctx.obj["db_url"] = db_url
    if ctx.invoked_subcommand is not None:
        return
    from thoisu.render.dates_vi import format_span

    with _open(db_url) as store:
        found = store.list_stories()
    rows = [_story_json(s) for s in found]
    if fmt == "json":
        click.echo(dump_json(rows), nl=False)
        return
    if not rows:
        click.echo("no stories yet; run `thoisu ingest FILE...` first")
        return
    click.echo(f"{'id':<20} {'articles':>8} {'copies':>6}  {'dates':<23} title")
    for story, row in zip(found, rows, strict=True):
        span = format_span(story.span_start, story.span_end)
        click.echo(f"{row['id']:<20} {row['article_count']:>8} {row['duplicate_count']:>6}  "
                   f"{span:<23} {row['title']}")


@stories.command("show")
@click.argument("story_id", metavar="ID")
@db_option
@_format
@click.option("--explain", is_flag=True,
              help="Say why the statements of each disagreement between outlets were paired.")
@click.pass_context
def show(ctx: click.Context, story_id: str, db_url: str | None, fmt: str,
         explain: bool = False) -> None:
    """Show one story: its articles with the similarity that joined each, and its copies."""
    db_url = db_url or ctx.obj.get("db_url")
    with _open(db_url) as store:
        story = store.get_story(story_id)
        if story is None:
            raise click.ClickException(f"no story {story_id!r} in the store; "
                                       "`thoisu stories` lists them")
        ids = [*story.articles, *(d.copy for d in story.duplicates)]
        found = {a.id: a for a in store.get_articles(ids)}
    joins = {j.article: j for j in story.joins}

    def published(article_id: str) -> str | None:
        article = found.get(article_id)
        return article.published.iso() if article and article.published else None

    if fmt == "json":
        data = _story_json(story)
        data["joins"] = [{"article": i, "title": found[i].title if i in found else None,
                          "published": published(i),
                          "similarity": joins[i].similarity if i in joins else None,
                          "reason": joins[i].reason if i in joins else ""}
                         for i in story.articles]
        data["duplicates"] = [{"canonical": d.canonical, "copy": d.copy,
                               "similarity": d.similarity} for d in story.duplicates]
        data["disagreements"] = [d.to_json() for d in story.disagreements]
        click.echo(dump_json(data), nl=False)
        return
    from thoisu.render.dates_vi import format_date, format_span

    click.echo(f"{story.id}  {story.title}")
    span = format_span(story.span_start, story.span_end)
    click.echo(f"{len(story.articles)} articles, {len(story.duplicates)} copies"
               + (f", {span}" if span else "")
               + (f"; {', '.join(story.outlets)}" if story.outlets else ""))
    for article_id in story.articles:
        article = found.get(article_id)
        join = joins.get(article_id)
        sim = f"{join.similarity:.2f}" if join else "  - "
        date = format_date(article.published) if article and article.published else ""
        title = article.title if article else "(article not in the store)"
        click.echo(f"  {sim}  {article_id}  {date:<22}  {title}")
        if join and join.reason:
            click.echo(f"        {join.reason}")
    for link in story.duplicates:
        click.echo(f"  copy {link.copy} of {link.canonical} (similarity {link.similarity:.2f})")
    for line in disagreements_text(story.disagreements, explain):
        click.echo(line)


@stories.command("rebuild")
@db_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or counts.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for describing the stories (default: the jobs setting).")
@click.option("--yes", is_flag=True, help="Do not ask before replacing the stored stories.")
@click.pass_context
def rebuild(ctx: click.Context, db_url: str | None, quiet: bool, jobs: int | None,
            yes: bool) -> None:
    """Group every stored article into stories from scratch, replacing the stored stories
    (in one transaction), then give each its summary, timeline and names.
    """
    from thoisu.cli.common import ticker
    from thoisu.ingest import regroup_store

    db_url = db_url or ctx.obj.get("db_url")
    settings = get_settings(db_url=db_url, jobs=jobs)
    with _open(db_url) as store:
        total = store.count_articles()
        if total == 0:
            click.echo(f"no articles in the store at {store.url}; nothing to group", err=True)
            return
        if not yes and not click.confirm(
                f"Replace the {store.count_stories()} stories of {store.url} by a regrouping "
                f"of its {total} articles?", default=True, err=True):
            raise click.Abort()
        with ticker(2 * total, "Đọc bài, gom chuyện", quiet) as tick:
            # One bar: a step per article read, then a step per article of each story
            # described (clustering in between is one step with no bar of its own).
            result = regroup_store(store, settings, on_article=tick,
                                   on_story=lambda story: [tick() for _ in story.articles])
    click.echo(f"{result.grouped} articles in {len(result.stories)} stories; "
               f"{result.described} stories described")
