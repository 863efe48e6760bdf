"""``thoisu eval``: measure thoisu on a public data set."""

from __future__ import annotations

import importlib

import click

SUBCOMMANDS = {
    "summarize": "eval_summarize:eval_summarize",
    "cluster": "eval_cluster:eval_cluster",
}


class _LazyEval(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = SUBCOMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command: click.Command = getattr(importlib.import_module(f"thoisu.cli.{module_name}"), attr)
        return command


@click.group("eval", cls=_LazyEval)
def evaluate() -> None:
    """Evaluate summaries or story clustering on a data set (ViMs)."""
