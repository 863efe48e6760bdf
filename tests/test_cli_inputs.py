"""Rough edges a new user hits on the command line: a typo in a store URL, Ctrl-C during an
ingest, what a rerun after a kill says, times shown in the local zone."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from thoisu.cli.articles import stories_line
from thoisu.ingest import IngestResult
from thoisu.model import Story


def thoisu(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "thoisu", *args], capture_output=True,
                          text=True, timeout=timeout, check=False)


@pytest.mark.parametrize("command", [["stories"], ["articles"], ["stories", "show", "abc"]])
def test_a_missing_sqlite_store_is_refused_not_created(tmp_path: Path,
                                                       command: list[str]) -> None:
    typo = tmp_path / "tpyo.db"
    done = thoisu(*command[:1], "--db", f"sqlite:///{typo}", *command[1:])
    assert done.returncode == 1
    assert "does not exist; check the path" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not typo.exists()


def test_ctrl_c_stops_ingest_with_130(tmp_path: Path) -> None:
    db = tmp_path / "kho.db"
    # Standard input left open and silent: the ingest waits in the reader until stopped.
    proc = subprocess.Popen([sys.executable, "-m", "thoisu", "ingest", "-q", "--db",
                             f"sqlite:///{db}", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not db.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1.0)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert b"ingest stopped" in err and b"Traceback" not in err


def test_a_rerun_says_it_describes_what_an_earlier_run_left() -> None:
    # A run killed while summarising leaves stories undescribed; the next says so.
    line = stories_line(IngestResult(described=53))
    assert line.startswith("stories: 0 new or changed; 53 described")
    assert "53 of them left undescribed by an earlier run" in line
    both = stories_line(IngestResult(stories=[Story("s1", "Tin", ["a"])], described=3))
    assert both.endswith("3 described (summary, timeline, names), 2 of them left undescribed "
                         "by an earlier run")
    assert stories_line(IngestResult()) == "stories: 0 new or changed"
    plain = IngestResult(stories=[Story("s1", "Tin", ["a"])], described=1)
    assert stories_line(plain) == "stories: 1 new or changed"  # the usual run says no more


def test_sources_times_are_local_with_their_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    from thoisu.cli.sources import _when

    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    time.tzset()
    try:
        assert _when(datetime(2024, 3, 12, 8, 30)) == "2024-03-12 15:30 +0700"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert _when(None) == "never"

