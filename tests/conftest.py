"""Shared fixtures: where the shared data lives (``../shared/data`` beside the checkout)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
SEEDS = SHARED / "seeds"
VIMS = SHARED / "vims"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = REPO / "examples"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.fail(f"{path} is missing: the shared data must sit beside the checkout (../shared)")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return _need(SEEDS)


@pytest.fixture(scope="session")
def vims_dir() -> Path:
    return _need(VIMS)


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return _need(EXAMPLES)


@pytest.fixture(scope="session")
def seed_paths(seeds_dir: Path) -> list[Path]:
    return sorted(seeds_dir.glob("*.txt"))


@pytest.fixture(scope="session")
def vims_clusters(vims_dir: Path):  # type: ignore[no-untyped-def]
    from thoisu.evaluate.vims import load_vims

    return load_vims(vims_dir)


@pytest.fixture(scope="session")
def postgres():  # type: ignore[no-untyped-def]
    """One throwaway PostgreSQL server for the whole run (the store and web contracts each
    take fresh databases on it); started only when a test asks for it."""
    from test_store_postgres import _Server

    server = _Server()
    try:
        server.start()
        yield server
    finally:
        server.stop()
