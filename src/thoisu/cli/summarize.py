"""``thoisu summarize``: one cited summary of a group of articles, or many from JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from typing import Any

import click

from thoisu.cli.common import (
    Tally,
    db_option,
    dump_json,
    get_settings,
    output_option,
    quiet_option,
    read_articles,
    write_output,
)
from thoisu.model import Article, Origin, Problem
from thoisu.summarize.summary import Summary


def _numbers(articles: Sequence[Article]) -> dict[str, int]:
    """Citation number of each article id: its first position in the input, from 1."""
    out: dict[str, int] = {}
    for k, article in enumerate(articles, 1):
        out.setdefault(article.id, k)
    return out


def _explain_lines(summary: Summary, number: dict[str, int]) -> list[str]:
    out = ["Chosen (score):"]
    for c in summary.chosen:
        out.append(f"  {c.score:.3f}  [{number.get(c.article, '?')}:{c.sentence}]  {c.text}")
    out.append("Runners-up (why skipped), every candidate:")
    for c in summary.runners_up:
        out.append(f"  {c.score:.3f}  [{number.get(c.article, '?')}:{c.sentence}]  {c.status}: "
                   f"{c.reason}  | {c.text}")
    return out


def render_markdown(summary: Summary, articles: Sequence[Article], explain: bool) -> str:
    number = _numbers(articles)
    out = ["# Tóm tắt", ""]
    if summary.title:
        # The story's latest development, as an editor would head it.
        out += [f"**{summary.title}**", ""]
    if summary.sentences:
        out.append(" ".join(f"{s.text} [{number.get(s.article, '?')}]"
                            for s in summary.sentences))
    else:
        out.append(f"(không có tóm tắt: {summary.note})")
    out += ["", f"{summary.syllables}/{summary.max_syllables} chữ", "", "## Nguồn", ""]
    for article in articles:
        k = number[article.id]
        out.append(f"{k}. {article.title or '(không tiêu đề)'} — {article.origin} (`{article.id}`)")
    if explain:
        out += ["", "## Explain", "", "```", *_explain_lines(summary, number), "```"]
    return "\n".join(out) + "\n"


def render_json(summary: Summary, articles: Sequence[Article], explain: bool) -> str:
    data = summary.to_json(explain=explain)
    data["articles"] = [{"id": a.id, "title": a.title, "origin": a.origin.to_json()}
                        for a in articles]
    return dump_json(data)


def render_html(summary: Summary, articles: Sequence[Article], explain: bool) -> str:
    number = _numbers(articles)
    body = " ".join(f"{escape(s.text)} <sup>[{number.get(s.article, '?')}]</sup>"
                    for s in summary.sentences) or escape(f"(không có tóm tắt: {summary.note})")
    sources = "".join(f"<li>{escape(a.title or '(không tiêu đề)')} — {escape(str(a.origin))}</li>"
                      for a in articles)
    extra = ""
    if explain:
        extra = "<h2>Explain</h2><pre>" + escape("\n".join(_explain_lines(summary, number))) + \
            "</pre>"
    return ("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Tóm tắt</title>"
            f"</head><body><h1>Tóm tắt</h1><p>{body}</p><h2>Nguồn</h2><ol>{sources}</ol>"
            f"{extra}</body></html>\n")


RENDER = {"md": render_markdown, "json": render_json, "html": render_html}


def _record_articles(record: Any, path: str, line: int) -> tuple[str, int, list[Article]]:
    """Check one JSON Lines record; raise ValueError with what is wrong."""
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    rid = record.get("id")
    if not isinstance(rid, str):
        raise ValueError('"id" must be a string')
    budget = record.get("max_syllables")
    if isinstance(budget, bool) or not isinstance(budget, int) or budget < 0:
        raise ValueError('"max_syllables" must be a whole number, 0 or more')
    items = record.get("articles")
    if not isinstance(items, list):
        raise ValueError('"articles" must be a list')
    from thoisu.summarize import article_from_text

    articles = []
    for k, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("text", ""), str) or \
                not isinstance(item.get("title", ""), str):
            raise ValueError(f'article {k} must be an object with string "title" and "text"')
        articles.append(article_from_text(item.get("title", ""), item.get("text", ""),
                                          Origin(path, line, f"{rid}/{k}")))
    return rid, budget, articles


def summarize_jsonl(path: str, tally: Tally, explain: bool = False) -> list[str]:
    """Output lines for the valid input lines; bad lines go to ``tally``.

    With ``explain``, each line also carries ``"explain"``: every candidate with its score,
    status and reason (``article`` as the input position, like in ``sentences``).
    """
    from thoisu.summarize import summarize as make_summary

    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot read ({exc.strerror}); check the path") from exc
    out = []
    with handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.strip())
            except json.JSONDecodeError as exc:
                tally.report(Problem(path, f"invalid JSON ({exc.msg} at column {exc.colno}); "
                                     "fix or remove the line", number))
                continue
            try:
                rid, budget, articles = _record_articles(record, path, number)
            except ValueError as exc:
                tally.report(Problem(path, f"{exc}; fix or remove the line", number))
                continue
            tally.read += 1
            summary = make_summary(articles, budget)
            position: dict[str, int] = {}
            for k, article in enumerate(articles):
                position.setdefault(article.id, k)
            row: dict[str, Any] = {
                "id": rid, "summary": summary.text,
                "sentences": [{"text": s.text, "article": position[s.article],
                               "sentence": s.sentence} for s in summary.sentences],
            }
            if explain:
                row["explain"] = [{**c.to_json(), "article": position[c.article]}
                                  for c in summary.explain]
                if summary.note:
                    row["note"] = summary.note
            out.append(json.dumps(row, ensure_ascii=False))
    return out


def story_articles(story_id: str, db_url: str | None) -> list[Article]:
    """The stored articles of a story, analysed (a member kept without analysis, or by an
    analysis older than sentences in the store, is analysed now, in memory)."""
    from thoisu.analyse import ensure_analysed
    from thoisu.store import Store

    # A StoreError (locked, unreachable) is a ClickException already: click prints it.
    settings = get_settings(db_url=db_url)
    with Store.open(settings.db_url or None) as store:
        story = store.get_story(story_id)
        if story is None:
            raise click.ClickException(f"no story {story_id!r} in the store; "
                                       "`thoisu stories` lists them")
        articles = store.get_articles(story.articles)
    ensure_analysed(articles, settings)
    return articles


@click.command()
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option("--story", "story_id", default=None, metavar="ID",
              help="Summarize a story of the store (see `thoisu stories`) instead of files.")
@db_option
@click.option("--jsonl", "jsonl", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help='Batch mode: a line per group, {"id", "max_syllables", "articles": '
                   '[{"title", "text"}]}; writes a JSON line per group.')
@click.option("--length", type=click.IntRange(min=0), default=None, metavar="N",
              help="Summary length in syllables (default: the summary_syllables setting, 200).")
@click.option("--explain", is_flag=True,
              help="Show each chosen sentence's score and reason, and why every other "
                   "candidate was skipped.")
@click.option("--format", "fmt", type=click.Choice(["md", "json", "html"]), default="md",
              show_default=True, help="Output format (batch mode always writes JSON Lines).")
@output_option
@quiet_option
def summarize(paths: tuple[str, ...], story_id: str | None, db_url: str | None,
              jsonl: str | None, length: int | None, explain: bool, fmt: str,
              output: str | None, quiet: bool) -> None:
    """One summary of the articles in PATH... (files, directories, - for standard input).

    Whole sentences only, each cited [n] to its article; no two saying the same thing.

    \b
    Example:
      thoisu summarize bai1.txt bai2.html --length 120 --explain
      thoisu summarize --jsonl groups.jsonl -o summaries.jsonl
      thoisu summarize --story 3f2a9c0d --format html -o tom_tat.html
    """
    tally = Tally()
    if sum(map(bool, (paths, jsonl is not None, story_id is not None))) > 1:
        raise click.UsageError("give one of PATH..., --jsonl FILE or --story ID")
    if story_id is not None:
        from thoisu.summarize import summarize as make_summary

        articles = story_articles(story_id, db_url)
        if not articles:
            raise click.ClickException(f"story {story_id!r} has no stored article to summarize")
        length = get_settings().summary_syllables if length is None else length
        summary = make_summary(articles, length)
        write_output(RENDER[fmt](summary, articles, explain), output)
        return
    if jsonl is not None:
        lines = summarize_jsonl(jsonl, tally, explain)
        write_output("".join(f"{line}\n" for line in lines), output)
        tally.finish(quiet, what="lines")
        return
    if not paths:
        raise click.UsageError("give the article files to summarize (PATH...), --jsonl FILE "
                               "or --story ID")
    from thoisu.summarize import summarize as make_summary

    settings = get_settings()
    articles = list(read_articles(paths, settings, tally))
    if not articles:
        tally.finish(quiet=True)
        raise click.ClickException("no article text found in the inputs; nothing to summarize")
    summary = make_summary(articles, settings.summary_syllables if length is None else length)
    write_output(RENDER[fmt](summary, articles, explain), output)
    if summary.note and not quiet:
        click.echo(f"thoisu: note: {summary.note}", err=True)
    tally.finish(quiet)
