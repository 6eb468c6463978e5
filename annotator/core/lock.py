"""One instance per data folder: a lock held while a window is open or a command writes.

The lock is an OS file lock (``flock`` on Unix, ``LockFileEx`` on Windows, through
the ``filelock`` library) on ``DATA/annotator.lock``: the OS releases it when the
process ends, however it ends, so a crash never leaves the folder locked. Who
holds it (the window or a command, its process id, since when) is written beside
it in ``annotator.lock.json`` so that a refusal can say who to close.

The window takes the lock at start-up without waiting and keeps it until it
quits; a command takes it at its first write, waiting at most
``ANNOTATOR_LOCK_WAIT`` seconds (5 by default), and keeps it until it ends.
Reading needs no lock (SQLite's WAL lets readers see the last commit while
another process writes). See ``docs/adr/0611-one-instance-per-data-folder.md``.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import filelock

from annotator.core.errors import UserError, msg, storage_errors
from annotator.core.paths import LOCK_NAME
from annotator.core.safetext import terminal

WAIT_ENV = "ANNOTATOR_LOCK_WAIT"
#: seconds a command waits for another command to finish with the folder
DEFAULT_WAIT = 5.0


def default_wait() -> float:
    try:
        return max(0.0, float(os.environ.get(WAIT_ENV, DEFAULT_WAIT)))
    except ValueError:
        return DEFAULT_WAIT


class FolderInUse(UserError):
    """Another window or command holds the data folder."""

    def __init__(self, data_dir: Path, holder: dict[str, Any] | None):
        self.data_dir = data_dir
        self.holder = holder or {}
        super().__init__(f"the data folder {data_dir} is in use by {describe(self.holder)}; "
                         f"close it first (commands that only read, such as 'pack list' or "
                         f"'timesheet show', still work)")


def describe(holder: dict[str, Any]) -> str:
    """``the annotator window (process 123, since 10:32)``."""
    what = holder.get("holder")
    if what == "window":
        what = "the annotator window"
    elif isinstance(what, str) and what:
        what = f"the command '{terminal(what[:200])}'"
    else:
        what = "another annotator"
    details = []
    if isinstance(holder.get("pid"), int):
        details.append(f"process {holder['pid']}")
    if isinstance(holder.get("since"), (int, float)):
        details.append("since " + time.strftime("%Y-%m-%d %H:%M", time.localtime(holder["since"])))
    return f"{what} ({', '.join(details)})" if details else what


class DataFolderLock:
    """The lock of one data folder. ``acquire`` is idempotent; ``release`` lets it go."""

    def __init__(self, data_dir: str | os.PathLike):
        self.data_dir = Path(data_dir).absolute()
        self.path = self.data_dir / LOCK_NAME
        self.info_path = self.data_dir / (LOCK_NAME + ".json")
        # not thread-local: the window's store writes from worker threads too
        self._lock = filelock.FileLock(str(self.path), thread_local=False)

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._lock.is_locked

    def acquire(self, timeout: float | None = None, holder: str = "command") -> None:
        """Take the lock, waiting at most ``timeout`` seconds (default: ``ANNOTATOR_LOCK_WAIT``).

        Raises :class:`FolderInUse` naming who holds it.
        """
        if self.held:
            return
        wait = default_wait() if timeout is None else timeout
        with storage_errors(self.data_dir, msg("lock the data folder")):
            self.data_dir.mkdir(parents=True, exist_ok=True)
            try:
                self._lock.acquire(timeout=wait)
            except filelock.Timeout:
                raise FolderInUse(self.data_dir, self.holder()) from None
        info = {"holder": holder, "pid": os.getpid(), "since": round(time.time(), 3)}
        try:
            tmp = self.info_path.with_name(f".{self.info_path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(info), encoding="utf-8")
            os.replace(tmp, self.info_path)
        except OSError:  # only a courtesy for the refusal message (a full disk must not stop the lock)
            pass

    def release(self) -> None:
        if not self.held:
            return
        try:
            if (self.holder() or {}).get("pid") == os.getpid():
                self.info_path.unlink()
        except OSError:
            pass
        self._lock.release(force=True)

    def holder(self) -> dict[str, Any] | None:
        """Who holds the lock, as its holder wrote it (``None`` if unknown)."""
        try:
            value = json.loads(self.info_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return value if isinstance(value, dict) else None

    def __enter__(self) -> "DataFolderLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
