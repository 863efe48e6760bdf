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



def test_output_to_a_pipe_or_device_writes_to_it_and_leaves_it_in_place(
        tmp_path: Path) -> None:
    """``-o /dev/null`` once put a plain file in the device's place: the output was written to
    a temporary file renamed over the target. A FIFO stands in for the device here."""
    import os
    import stat
    import threading

    from thoisu.cli.common import write_output

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")),
                              daemon=True)
    reader.start()
    write_output("xin chào\n", str(fifo))
    reader.join(timeout=10)
    assert got == ["xin chào\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert not (tmp_path / "pipe.part").exists()
    plain = tmp_path / "out.json"
    write_output("{}\n", str(plain))
    assert plain.read_text(encoding="utf-8") == "{}\n"
