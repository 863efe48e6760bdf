"""The ``thoisu`` command line. Thin: parse, call a stage, print.

Commands live in small modules of this package and are imported only when used, so
``thoisu --help`` stays fast and a missing optional dependency only affects its own command.
"""

from __future__ import annotations

import sys

import click

from thoisu import __version__
from thoisu.cli.lazy import LazyGroup

# command name -> "module:attribute" inside thoisu.cli
COMMANDS: dict[str, str] = {
    "digest": "digest:digest",
    "clean": "digest:clean",
    "ingest": "articles:ingest",
    "articles": "articles:articles",
    "summarize": "summarize:summarize",
    "dates": "dates:dates",
    "timeline": "timeline:timeline",
    "stories": "stories:stories",
    "reanalyse": "reanalyse:reanalyse",
    "eval": "evaluate:evaluate",
    "serve": "serve:serve",
    "tokens": "tokens:tokens",
    "batch": "batch:batch",
    "sources": "sources:sources",
    "watch": "watch:watch",
}


@click.group(cls=LazyGroup, lazy=COMMANDS,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="thoisu")
def cli() -> None:
    """thoisu: Vietnamese news pages in; clean articles, stories, timelines and summaries out."""


def main() -> None:
    sys.exit(cli.main(prog_name="thoisu", standalone_mode=True))
