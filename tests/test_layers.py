"""Arrows point one way: stages never import the commands, the web app, the store or the
evaluation code (ARCHITECTURE.md), so evaluation can import every stage with no cycle.

Imports are read from the source (every ``import`` statement, also those inside functions,
which a lazy import would otherwise hide), and every stage module must import on its own.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import thoisu

PACKAGE = Path(thoisu.__file__).parent
STAGES = ["read", "clean", "text", "dates", "entities", "stories", "summarize", "timeline",
          "sources", "analyse.py", "model.py"]
# Above the stages: the applications (ingest, watch, pipeline, batch), the projections
# (render) and what evaluates them. A stage that imported one would draw an arrow up.
FORBIDDEN = ("thoisu.evaluate", "thoisu.cli", "thoisu.web", "thoisu.store", "thoisu.render",
             "thoisu.ingest", "thoisu.watch", "thoisu.pipeline", "thoisu.batch")


def stage_modules() -> list[Path]:
    found: list[Path] = []
    for name in STAGES:
        path = PACKAGE / name
        found.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return found


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(path: Path) -> list[tuple[int, str]]:
    """Every module an ``import`` or ``from ... import`` of this file names, with its line."""
    package = module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" \
        else module_name(path)
    out: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            out.append((node.lineno, base))
            out.extend((node.lineno, f"{base}.{alias.name}") for alias in node.names)
    return out


def test_the_stage_list_names_real_packages() -> None:
    assert all((PACKAGE / name).exists() for name in STAGES)
    assert len(stage_modules()) > 40


@pytest.mark.parametrize("path", stage_modules(), ids=module_name)
def test_a_stage_imports_no_command_web_store_or_evaluation(path: Path) -> None:
    bad = sorted({f"line {line}: {name}" for line, name in imported(path)
                  if name.startswith(FORBIDDEN)})
    assert not bad, f"{path.relative_to(PACKAGE.parent)} imports {', '.join(bad)}"


@pytest.mark.parametrize("path", stage_modules(), ids=module_name)
def test_every_stage_module_imports_on_its_own(path: Path) -> None:
    importlib.import_module(module_name(path))


def all_modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _graph() -> dict[str, set[str]]:
    """Module → the thoisu modules it imports (function-level imports included)."""
    names = {module_name(p): p for p in all_modules()}

    def owner(name: str) -> str | None:
        while name and name not in names:
            name = name.rsplit(".", 1)[0] if "." in name else ""
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in names.items():
        targets = {owner(n) for _, n in imported(path) if n.startswith("thoisu")}
        # A package's own __init__ is not an arrow back from its modules.
        graph[name] = {t for t in targets if t and t != name and not name.startswith(t + ".")}
    return graph


def test_no_import_circles() -> None:
    """No two modules reach each other through imports (issue #24: the layers as drawn)."""
    graph = _graph()
    reach: dict[str, set[str]] = {}

    def reachable(start: str) -> set[str]:
        if start not in reach:
            seen: set[str] = set()
            todo = list(graph[start])
            while todo:
                node = todo.pop()
                if node not in seen:
                    seen.add(node)
                    todo.extend(graph.get(node, ()))
            reach[start] = seen
        return reach[start]

    circles = sorted({" ↔ ".join(sorted((a, b))) for a in graph for b in graph[a]
                      if a in reachable(b)})
    assert not circles, "import circles: " + "; ".join(circles)


# The per-article stages, which alone split sentences, detect the language, tag time
# expressions and find names (ARCHITECTURE.md: story stages read the record).
ANALYSIS = ("analyse.py", "text/", "dates/", "entities/", "clean/")
FINDERS = {"tag_dates", "split_sentences", "article_sentences", "detect_language",
           "find_mentions", "article_mentions", "article_names", "extract_entities"}
# Modules that call a finder on raw text on purpose, each with its reason.
FINDER_EXCEPTIONS = {
    "evaluate/dates.py": "scores the date tagger and publication dates on gold text",
    "evaluate/entities.py": "scores the name finders on gold sentences",
    "evaluate/ktlab.py": "splits the corpus's reference summaries, which are no articles",
    "cli/dates.py": "`thoisu dates` is the tagger's own command: it tags the text it is given",
}


def _finder_imports(path: Path) -> list[str]:
    return sorted({f"line {line}: {name}" for line, name in imported(path)
                   if name.startswith("thoisu.") and name.rsplit(".", 1)[-1] in FINDERS})


def test_no_module_outside_the_analysis_splits_tags_detects_or_finds_names() -> None:
    """A story stage, the store, the web, batch and the commands read the analysed record;
    only the analysis stages (and the listed evaluation entries) run the finders."""
    offenders = {}
    for path in all_modules():
        where = path.relative_to(PACKAGE).as_posix()
        if where.startswith(ANALYSIS) or where in FINDER_EXCEPTIONS:
            continue
        found = _finder_imports(path)
        if found:
            offenders[where] = found
    assert not offenders, f"finders imported outside the analysis stages: {offenders}"


def test_every_finder_exception_still_needs_its_place() -> None:
    """An exception whose module no longer imports a finder is stale: remove it."""
    stale = [where for where in FINDER_EXCEPTIONS if not _finder_imports(PACKAGE / where)]
    assert not stale, f"FINDER_EXCEPTIONS lists modules that import no finder: {stale}"
