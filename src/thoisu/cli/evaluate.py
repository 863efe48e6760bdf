"""``thoisu eval``: measure thoisu on a public data set."""

from __future__ import annotations

import click

from thoisu.cli.lazy import LazyGroup

SUBCOMMANDS = {
    "summarize": "eval_summarize:eval_summarize",
    "cluster": "eval_cluster:eval_cluster",
}


@click.group("eval", cls=LazyGroup, lazy=SUBCOMMANDS)
def evaluate() -> None:
    """Evaluate summaries or story clustering on a data set (ViMs)."""
