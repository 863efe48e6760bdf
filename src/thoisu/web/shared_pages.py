"""Rendered answers on disk, shared by the processes of one server.

Each server process keeps its own answers in memory (:mod:`thoisu.web.cache`); without a
shared place, a page asked of two processes was rendered twice, once in each. Here every
answer a process keeps is also written to a folder named after the store's change mark, so
that any process of the server reads it instead of rendering it.

``thoisu serve`` with several processes makes a new private folder for this when it starts
and removes it when it stops (the ``web_cache_dir`` setting names a lasting one instead: a
server started again on an unchanged file store then finds what it rendered before).

* The folder is private to the user running the server (mode 700, checked, never followed
  through a link): answers can hold what a logged-in reader sees.
* A file is written under a temporary name and renamed into place, so a reader finds a whole
  answer or none.
* When the store changes, the new mark gets a new folder; folders of older marks are removed
  once they are a minute old (a process still answering from an older mark finishes first).
* At most ``limit`` answers are written per mark by each process.

Anything that goes wrong with the disk (full, read-only, removed) turns the shared place off
for this process with one warning; pages are then kept in memory only, as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import stat
import tempfile
import threading
import time
from pathlib import Path

log = logging.getLogger("thoisu.web")
OLD_MARK_SECONDS = 60.0


class SharedPages:
    """``get``/``put`` answers by (mark, key) in ``root``; ``None`` from ``open`` when the
    folder cannot be made private."""

    def __init__(self, root: Path, limit: int) -> None:
        self.root = root
        self.limit = limit
        self._lock = threading.Lock()
        self._written = ("", 0)  # the mark written to last, and how many answers for it
        self._on = True

    @classmethod
    def open(cls, root: Path, limit: int) -> SharedPages | None:
        try:
            root.parent.mkdir(parents=True, exist_ok=True)
            _private_folder(root)
        except OSError as exc:
            log.warning("thoisu: pages are kept in memory only (%s: %s)", root, exc)
            return None
        return cls(root, limit)

    def _folder(self, mark: str) -> Path:
        return self.root / hashlib.blake2b(mark.encode(), digest_size=10).hexdigest()

    def get(self, mark: str, key: str) -> tuple[int, list[tuple[bytes, bytes]], bytes] | None:
        if not self._on:
            return None
        try:
            with open(self._folder(mark) / key, "rb") as stream:
                data = stream.read()
        except FileNotFoundError:
            return None
        except OSError as exc:
            self._off(exc)
            return None
        try:
            size = int.from_bytes(data[:4], "big")
            head = json.loads(data[4:4 + size])
            headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in head["headers"]]
            return int(head["status"]), headers, data[4 + size:]
        except (ValueError, KeyError, TypeError):
            return None  # not one of ours, or cut short: render it again

    def put(self, mark: str, key: str, status: int, headers: list[tuple[bytes, bytes]],
            body: bytes) -> None:
        if not self._on:
            return
        with self._lock:
            count = self._written[1] if self._written[0] == mark else 0
            if count >= self.limit:
                return
            self._written = (mark, count + 1)
        folder = self._folder(mark)
        head = json.dumps({"status": status, "headers": [
            (k.decode("latin-1"), v.decode("latin-1")) for k, v in headers]}).encode()
        try:
            if not folder.is_dir():
                folder.mkdir(mode=0o700, exist_ok=True)
                self._sweep(folder)
            fd, temporary = tempfile.mkstemp(dir=folder, prefix=".part-")
            try:
                with os.fdopen(fd, "wb") as stream:
                    stream.write(len(head).to_bytes(4, "big") + head + body)
                os.replace(temporary, folder / key)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError as exc:
            self._off(exc)

    def _sweep(self, keep: Path) -> None:
        """Remove the folders of older marks that nobody wrote to for a minute."""
        now = time.time()
        for folder in self.root.iterdir():
            try:
                if folder != keep and now - folder.stat().st_mtime > OLD_MARK_SECONDS:
                    shutil.rmtree(folder, ignore_errors=True)
            except OSError:
                continue

    def _off(self, exc: OSError) -> None:
        if self._on:
            self._on = False
            log.warning("thoisu: pages are kept in memory only from now on (%s: %s)",
                        self.root, exc)


def _private_folder(path: Path) -> None:
    """Make ``path`` (one level) a folder only this user can read; refuse anything else."""
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=0o700)
    info = os.lstat(path)
    if not stat.S_ISDIR(info.st_mode):
        raise OSError(f"{path} is not a folder")
    if info.st_uid != os.getuid():
        raise OSError(f"{path} belongs to another user")
    if info.st_mode & 0o077:
        raise OSError(f"{path} can be read by other users (mode {info.st_mode & 0o777:o})")

