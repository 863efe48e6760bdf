"""The examples in docstrings run: every module of the package, with pytest's doctest flags.

A module that needs an optional extra which is not installed (``thoisu[web]``,
``thoisu[dask]``, ``thoisu[postgres]``) is skipped, naming the missing package; any other
import error fails. Alembic's migration scripts only run inside Alembic and are left out.
"""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

import thoisu

PACKAGE = Path(thoisu.__file__).parent
# Imported only inside Alembic (they read its ``context``), never by thoisu itself.
LEFT_OUT = ("thoisu.store.migrations",)
# Third-party packages that only the extras bring; a module needing one of them is skipped.
EXTRAS = {"fastapi", "starlette", "uvicorn", "jinja2", "multipart", "python_multipart",
          "swagger_ui_bundle", "dask", "distributed", "pyarrow", "psycopg", "psycopg2",
          "playwright"}
FLAGS = doctest.ELLIPSIS


def modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        name = ".".join(parts)
        if parts[-1] != "__main__" and not name.startswith(LEFT_OUT):
            names.append(name)
    return names


@pytest.mark.parametrize("name", modules())
def test_docstring_examples(name: str) -> None:
    try:
        module = importlib.import_module(name)
    except ImportError as exc:
        missing = (exc.name or "").split(".")[0]
        if missing in EXTRAS:
            pytest.skip(f"{name} needs {missing} (an optional extra), not installed")
        raise
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    report: list[str] = []
    for test in finder.find(module, name):
        if test.examples:
            runner.run(test, out=report.append)
    results = runner.summarize(verbose=False)
    if results.failed:
        pytest.fail(f"{results.failed} of {results.attempted} examples in {name} fail:\n"
                    + "".join(report)[:4000], pytrace=False)
