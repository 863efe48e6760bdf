"""What every command shares: settings, output files, progress, and problem reports."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

import click

from thoisu.model import Article, Problem
from thoisu.settings import Settings, SettingsError, load_settings

if TYPE_CHECKING:
    from thoisu.stats import RunStats
    from thoisu.store import AddFailure, Store

T = TypeVar("T")


def get_settings(**flags: Any) -> Settings:
    """Settings from file and environment, then the command's flags (``None`` = not given)."""
    try:
        return load_settings().replace(**flags)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from exc


def open_existing_store(db_url: str | None) -> Store:
    """The store a reading command looks at; a SQLite file that does not exist is refused
    with one line (a typo must not make an empty store)."""
    from thoisu.store import Store
    from thoisu.store.engine import require_existing

    url = get_settings(db_url=db_url).db_url or None
    require_existing(url)  # a StoreError is a ClickException: one line, exit 1
    return Store.open(url)


def write_output(text: str, output: str | None) -> None:
    """Write to ``-o FILE`` (atomically: a temporary file renamed into place; a device or a
    pipe is written to directly) or to stdout."""
    if output in (None, "-"):
        click.echo(text, nl=not text.endswith("\n"))
        return
    path = Path(output)
    try:
        if path.exists() and not path.is_file():
            # A device or a pipe (-o /dev/null, -o /dev/stdout, a FIFO): written to as it is;
            # renaming a file over it would put a plain file in its place.
            with open(path, "w", encoding="utf-8") as stream:
                stream.write(text)
            return
        tmp = path.with_name(path.name + ".part")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise click.ClickException(
            f"{output}: cannot write ({exc.strerror}); check the path") from exc


def stdin_for(paths: Sequence[str]) -> BinaryIO | None:
    """Standard input as bytes when ``-`` is among the paths (read inside the command, so
    ``CliRunner``'s input is the one read)."""
    return sys.stdin.buffer if "-" in paths else None


def dump_json(data: Any) -> str:
    from thoisu.render.json_text import dumps_indented

    return dumps_indented(data) + "\n"


@dataclass
class Tally:
    """Counts of a batch run, and the problems met on the way, reported as they happen."""

    read: int = 0
    skipped: int = 0
    failed: int = 0
    warnings: int = 0  # read, with a remark (e.g. invalid UTF-8 replaced): neither lost nor failed
    problems: list[Problem] = field(default_factory=list)

    def report(self, problem: Problem) -> None:
        self.problems.append(problem)
        if problem.kind == "skipped":
            self.skipped += 1
        elif problem.kind == "warning":
            self.warnings += 1
        else:
            self.failed += 1
        click.echo(f"thoisu: {problem.kind}: {problem}", err=True)

    def store_failed(self, failure: AddFailure) -> None:
        """An ``on_failure`` callback of ``Store.add_articles``: a failure naming its input."""
        origin = failure.origin
        self.report(Problem(origin.path, f"article {failure.id} {failure.reason}", origin.line))

    def count_page(self, _page: object) -> None:
        """An ``on_page`` callback: one more page read."""
        self.read += 1

    def summary(self, what: str = "pages") -> str:
        line = f"{what}: {self.read} read, {self.skipped} skipped, {self.failed} failed"
        return line + (f", {self.warnings} with warnings" if self.warnings else "")

    def finish(self, quiet: bool = False, what: str = "pages") -> None:
        """Print the closing count line to stderr; exit non-zero if anything failed."""
        if not quiet or self.failed or self.skipped or self.warnings:
            click.echo(self.summary(what), err=True)
        if self.failed:
            sys.exit(1)


def read_articles(paths: Sequence[str], settings: Settings, tally: Tally) -> Iterator[Article]:
    """The analysed articles of PATH... (``-``: standard input), lazily; each problem and
    each page read is counted on ``tally``."""
    from thoisu.pipeline import process

    return process(list(paths), settings, tally.report, stdin=stdin_for(paths),
                   on_page=tally.count_page)


@contextmanager
def progress(
    items: Iterable[T], total: int | None, label: str, quiet: bool
) -> Iterator[Iterable[T]]:
    """A rich progress bar over ``items`` on a terminal; nothing when quiet or piped."""
    if quiet or not sys.stderr.isatty():
        yield items
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task(label, total=total)

        def advance() -> Iterator[T]:
            for item in items:
                yield item
                bar.advance(task)

        yield advance()


@contextmanager
def ticker(total: int | None, label: str, quiet: bool) -> Iterator[Callable[..., None]]:
    """A progress bar advanced by calling what this yields (once per step, any arguments);
    on a terminal only, nothing when quiet or piped."""
    if quiet or not sys.stderr.isatty():
        yield lambda *_args: None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda *_args: bar.advance(task)


format_option = click.option(
    "--format", "fmt", type=click.Choice(["md", "json", "html"]), default="md",
    show_default=True, help="Output format.",
)
output_option = click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
    help="Write to FILE instead of standard output.",
)
quiet_option = click.option("-q", "--quiet", is_flag=True, help="No progress bar or counts.")
db_option = click.option(
    "--db", "db_url", default=None, metavar="URL",
    help="Store URL (SQLAlchemy), e.g. sqlite:///news.db; default: a file in the data directory.",
)
stats_option = click.option(
    "--stats", "stats_file", default=None, metavar="FILE",
    help="Write what each stage did (pages read, lines removed by rule, articles dated by "
         "evidence kind, names, copies, stories made or grown) as JSON to FILE; '-' prints "
         "the counts to standard error instead.",
)


def write_stats(stats: RunStats | None, tally: Tally, stats_file: str | None) -> None:
    """Add the tally's page counts to ``stats`` and write them where ``--stats`` said."""
    if stats is None or not stats_file:
        return
    stats.add("read", "pages read", tally.read)
    stats.add("read", "pages skipped", tally.skipped)
    stats.add("read", "pages failed", tally.failed)
    if stats_file == "-":
        click.echo(stats.format(), err=True)
        return
    try:
        stats.write(stats_file)
    except OSError as exc:
        raise click.ClickException(
            f"{stats_file}: cannot write the counts ({exc.strerror}); check the path") from exc
