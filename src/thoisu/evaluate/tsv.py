"""Hand-written TSV fixtures (gold sets, hand labels): one reader, one kind of error message."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def tsv_rows(path: Path, columns: tuple[str, ...],
             header: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """``(line number, fields)`` of every row of ``path`` with exactly ``len(columns)`` fields.

    Blank lines, ``#`` comments and a header line starting with ``header`` are skipped. A row
    with another number of fields raises ``ValueError`` naming the file, the line and the
    columns expected, so a slip in a fixture is found where it is.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if header is not None and line.startswith(header):
            continue
        parts = line.split("\t")
        if len(parts) != len(columns):
            raise ValueError(f"{path}:{number}: {len(parts)} columns, expected "
                             f"{len(columns)} tab-separated: {', '.join(columns)}")
        yield number, parts
