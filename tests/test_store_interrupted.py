"""An interrupted ``thoisu ingest`` (SIGKILL, Ctrl-C) heals on the next run (issue #16.1).

A real ``thoisu ingest`` subprocess is stopped once the store holds some of its articles, then
the same command runs again; the store must then equal one made by an uninterrupted run: the
same articles, every article in a story, the same stories, each described.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from thoisu.store import Store


def ingest(db: Path, paths: list[str]) -> subprocess.Popen[str]:
    env = {**os.environ, "THOISU_CONFIG": str(db) + ".none.toml"}
    return subprocess.Popen([sys.executable, "-m", "thoisu", "ingest", "-q", "--db",
                             f"sqlite:///{db}", *paths], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def stored_articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=0.2) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:  # not created yet, or locked for a moment
        return 0


def interrupt(db: Path, paths: list[str], sig: signal.Signals) -> None:
    """Run an ingest and send it ``sig`` as soon as the store holds an article."""
    process = ingest(db, paths)
    deadline = time.monotonic() + 300
    while process.poll() is None and stored_articles(db) == 0:
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("the ingest stored nothing in 300 s")
        time.sleep(0.05)
    if process.poll() is not None:
        pytest.fail("the ingest finished before it could be interrupted; give it more input")
    process.send_signal(sig)
    process.communicate(timeout=120)


def snapshot(db: Path) -> tuple[list[str], list[str], list[tuple[str, ...]], int]:
    """Articles, articles in no story, stories (members and copies), stories not described."""
    with Store.open(f"sqlite:///{db}") as store:
        ids = sorted(a.id for a in store.iter_articles())
        loose = store.ids_without_story()
        stories = sorted(tuple([s.id, *s.articles, "|", *(d.copy for d in s.duplicates)])
                         for s in store.list_stories())
        version = store.list_stories()[0].analysis_version if stories else None
        stale = len(store.stale_story_ids(version or ""))
    return ids, loose, stories, stale


@pytest.fixture(scope="module")
def pages(vims_dir: Path) -> list[str]:
    # Over one storing chunk (100 articles), so a run can be stopped between two chunks.
    clusters = sorted(p for p in (vims_dir / "data").iterdir() if p.is_dir())[:16]
    return [str(p) for p in clusters]


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory: pytest.TempPathFactory, pages: list[str]
              ) -> tuple[list[str], list[str], list[tuple[str, ...]], int]:
    db = tmp_path_factory.mktemp("clean") / "sach.db"
    done = ingest(db, pages)
    _, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    return snapshot(db)


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_an_interrupted_ingest_run_again_equals_a_clean_one(
        tmp_path: Path, pages: list[str], clean_run: tuple, sig: signal.Signals) -> None:
    ids, loose, _stories, stale = clean_run
    assert loose == [] and stale == 0 and len(ids) > 100
    db = tmp_path / "ngat.db"
    interrupt(db, pages, sig)
    partial = snapshot(db)
    assert 0 < len(partial[0]) < len(ids) or partial[1], "the run was stopped partway"
    again = ingest(db, pages)
    _, err = again.communicate(timeout=600)
    assert again.returncode == 0, err
    assert snapshot(db) == clean_run
