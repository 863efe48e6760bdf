"""``thoisu dates``: the time expressions the tagger finds in a text, or in many (JSON Lines).

    thoisu dates "Hôm qua (27/3), đoàn tới Huế." --published 2016-03-28
    echo "..." | thoisu dates - --format json
    thoisu dates --jsonl in.jsonl -o out.jsonl
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from thoisu.cli.common import Tally, dump_json, output_option, write_output
from thoisu.model import PartialDate, Problem, TimeExpr


def _read_published(value: str | None, where: str) -> PartialDate | None:
    """ISO and day-first dates, or a TimeML partial value such as ``XXXX-03-28``."""
    from thoisu.dates.published import parse_anchor

    if value in (None, ""):
        return None
    parsed = parse_anchor(str(value))
    if parsed is None:
        raise ValueError(f"{where}: published {value!r} is not a date; "
                         "write it as 2016-03-28, 2016-03, 28/3/2016 or XXXX-03-28")
    return parsed


def _text_report(found: list[TimeExpr]) -> str:
    if not found:
        return "no time expressions\n"
    rows = []
    for e in found:
        extra = f" → {e.end_value}" if e.end_value else ""
        mod = f" [{e.mod}]" if e.mod else ""
        rows.append(f"{e.start:>5}-{e.end:<5} {e.type:<8} {e.value}{extra}{mod}  "
                    f"{e.text!r}  ({e.rule})")
    return "\n".join(rows) + "\n"


def _full_json(e: TimeExpr) -> dict[str, Any]:
    out = e.to_json()
    out["rule"] = e.rule
    if e.end_value:
        out["end_value"] = e.end_value
    if e.mod:
        out["mod"] = e.mod
    return out


def _jsonl(path: str, output: str | None) -> None:
    from thoisu.dates import tag_dates

    tally = Tally()
    lines: list[str] = []
    name = "<stdin>" if path == "-" else path
    try:
        handle = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot read ({exc.strerror}); check the path") from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                tally.report(Problem(name, f"invalid JSON ({exc.msg}); fix or remove the line",
                                     number))
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                tally.report(Problem(name, 'no "text" string; each line needs '
                                     '{"id", "text", "published"}', number))
                continue
            try:
                published = _read_published(record.get("published"), f"{name}:{number}")
            except ValueError:
                tally.report(Problem(name, f"published {record.get('published')!r} is not a "
                                     "date; write it as 2016-03-28 or XXXX-03-28", number))
                continue
            tally.read += 1
            found = tag_dates(record["text"], published)
            lines.append(json.dumps({"id": record.get("id"),
                                     "expressions": [e.to_json() for e in found]},
                                    ensure_ascii=False))
    write_output("\n".join(lines) + ("\n" if lines else ""), output)
    tally.finish(quiet=True, what="lines")


@click.command()
@click.argument("text", required=False)
@click.option("--published", default=None, metavar="DATE",
              help="Publication date to anchor relative expressions: 2016-03-28, XXXX-03-28.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--jsonl", "jsonl", default=None, metavar="IN.jsonl",
              help='Tag every line {"id", "text", "published"} of a JSON Lines file (- for stdin).')
@output_option
def dates(text: str | None, published: str | None, fmt: str, jsonl: str | None,
          output: str | None) -> None:
    """Show the time expressions in TEXT (or standard input when TEXT is -)."""
    from thoisu.dates import tag_dates

    if jsonl is not None:
        if text is not None:
            raise click.UsageError("give either TEXT or --jsonl, not both")
        _jsonl(jsonl, output)
        return
    if text is None:
        raise click.UsageError("give a TEXT, - for standard input, or --jsonl IN.jsonl")
    if text == "-":
        text = sys.stdin.read()
    try:
        anchor = _read_published(published, "--published")
    except ValueError as exc:
        raise click.BadParameter(str(exc).split(": ", 1)[1], param_hint="--published") from exc
    found = tag_dates(text, anchor)
    if fmt == "json":
        data = {"published": anchor.iso() if anchor else None,
                "expressions": [_full_json(e) for e in found]}
        write_output(dump_json(data), output)
    else:
        write_output(_text_report(found), output)
