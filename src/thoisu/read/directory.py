"""Directories: every file of a known format below them, in a stable order.

Recursive; hidden files and folders (name starting with ``.``) are skipped, and so are files
whose extension is not one of ``.txt``, ``.html``, ``.htm``, ``.jsonl``, ``.warc``,
``.warc.gz``, ``.rss``, ``.atom``, ``.xml``. The order is by path, numbers by value:
``2.txt`` before ``10.txt``. A FIFO, device or socket under a known name is reported, never
opened (reading it could block for ever).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from thoisu.model import Problem
from thoisu.read import problems
from thoisu.read.sniff import format_of
from thoisu.read.unicode import shown_path

_DIGITS = re.compile(r"(\d+)")


def natural_key(relative: str) -> tuple[tuple[str | int, ...], ...]:
    """Sort key of a relative path: per part, digit runs compared as numbers."""
    return tuple(
        tuple(int(bit) if i % 2 else bit.lower() for i, bit in enumerate(_DIGITS.split(part)))
        for part in Path(relative).parts
    )


def walk(directory: str) -> tuple[list[str], list[OSError]]:
    """The readable files of known format under ``directory``, and the folders that failed.

    Paths are returned as ``directory`` joined with the relative path, so messages show the
    path the way the user wrote it.
    """
    errors: list[OSError] = []
    found: list[str] = []
    for root, dirs, files in os.walk(directory, onerror=errors.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(os.path.join(root, f) for f in files
                     if not f.startswith(".") and format_of(f) is not None)
    found.sort(key=lambda p: (natural_key(os.path.relpath(p, directory)), p))
    return found, errors


def files_and_problems(directory: str) -> Iterator[str | Problem]:
    """The files :func:`walk` finds, after a problem for each folder that could not be read,
    or one saying that no readable file was found; a FIFO, device or socket among them (even
    one linked under a ``.txt`` name) is a problem in its place, never opened."""
    files, errors = walk(directory)
    for error in errors:
        yield problems.unreadable(str(error.filename or directory), error)
    if not files and not errors:
        yield problems.no_files(directory)
    for path in files:
        yield irregular(path) or path


def irregular(path: str) -> Problem | None:
    """The problem of a path that is not a regular file (FIFO, device, socket), else None.

    A missing or unreadable path gives None: its reader reports that in its own words.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) else problems.not_regular(shown_path(path), mode)
