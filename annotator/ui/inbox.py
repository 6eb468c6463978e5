"""The inbox: a folder (any synced folder) where labs drop packs; new ones are imported.

A candidate (a folder with ``pack.toml`` or a ``.zip``) is imported once its size
and modification time have stayed the same over two scans, so a pack still being
synced is not read half-written. Imports run off the interface thread. Each
candidate is tried once per (size, mtime): a bad pack is reported, not retried in
a loop.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6 import QtCore

from annotator.core.errors import PackError, UserError
from annotator.core.library import import_pack
from annotator.core.packs import MANIFEST
from annotator.core.store import Store
from annotator.ui import i18n

log = logging.getLogger("annotator.inbox")


def _signature(path: Path) -> tuple[int, float] | None:
    """Total size and newest mtime of a candidate, or ``None`` if it is not a pack candidate."""
    try:
        if path.is_file() and path.suffix.lower() == ".zip":
            st = path.stat()
            return st.st_size, st.st_mtime
        if path.is_dir() and (path / MANIFEST).is_file():
            size, newest = 0, 0.0
            for root, _dirs, files in os.walk(path):
                for name in files:
                    st = os.stat(os.path.join(root, name))
                    size += st.st_size
                    newest = max(newest, st.st_mtime)
            return size, newest
    except OSError:
        return None
    return None


class _ImportTask(QtCore.QRunnable):
    def __init__(self, data_dir: Path, registry, path: Path, done, lock=None):
        super().__init__()
        self.data_dir, self.registry, self.path, self.done = data_dir, registry, path, done
        self.lock = lock  # the window's hold on the data folder (its own store has it)

    def run(self) -> None:
        try:
            with Store(self.data_dir, lock=self.lock) as store:
                result = import_pack(self.path, store, self.registry)
            self.done.emit(str(self.path), True, result.pack.title if result.created else "", result.created)
        except PackError as exc:
            self.done.emit(str(self.path), False, i18n.problems_text(exc.problems, 20), False)
        except UserError as exc:
            self.done.emit(str(self.path), False, i18n.error_text(exc), False)
        except Exception as exc:  # never let a bad pack take the app down
            log.exception("inbox import of %s failed", self.path)
            self.done.emit(str(self.path), False, f"{type(exc).__name__}: {exc}", False)


class InboxWatcher(QtCore.QObject):
    """Watches the inbox folder; emits ``imported(title)`` and ``failed(name, message)``."""

    imported = QtCore.Signal(str)
    failed = QtCore.Signal(str, str)
    _done = QtCore.Signal(str, bool, str, bool)

    def __init__(self, ctx, parent=None, interval_ms: int = 3000):
        super().__init__(parent)
        self.ctx = ctx
        self.folder: Path | None = None
        self.watcher = QtCore.QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda *_: self.timer.start(500))
        self.timer = QtCore.QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.scan)
        self.poll = QtCore.QTimer(self)  # synced folders do not always raise change events
        self.poll.timeout.connect(self.scan)
        self.interval_ms = interval_ms
        self.pool = QtCore.QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._pending: dict[str, tuple] = {}
        self._running: set[str] = set()
        self._done.connect(self._finished)

    def set_folder(self, folder: str | None) -> None:
        if self.watcher.directories():
            self.watcher.removePaths(self.watcher.directories())
        self.folder = Path(folder) if folder else None
        self._pending.clear()
        if self.folder is not None and self.folder.is_dir():
            self.watcher.addPath(str(self.folder))
            self.poll.start(self.interval_ms)
            self.timer.start(200)
        else:
            self.poll.stop()

    def _tried(self) -> dict:
        return dict(self.ctx.store.get("inbox_seen") or {})

    def scan(self) -> None:
        if self.folder is None or not self.folder.is_dir():
            return
        tried = self._tried()
        try:
            entries = sorted(self.folder.iterdir())
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            signature = _signature(entry)
            key = str(entry)
            if signature is None or key in self._running:
                continue
            if tried.get(key) == list(signature):
                continue
            if self._pending.get(key) != signature:
                self._pending[key] = signature  # wait for one more scan with the same signature
                self.timer.start(1000)
                continue
            del self._pending[key]
            tried[key] = list(signature)
            self.ctx.store.set("inbox_seen", tried)
            self._running.add(key)
            self.pool.start(_ImportTask(self.ctx.data_dir, self.ctx.registry, entry, self._done,
                                        self.ctx.store.folder_lock))

    def _finished(self, path: str, ok: bool, text: str, created: bool) -> None:
        self._running.discard(path)
        if ok and created:
            self.imported.emit(text)
        elif not ok:
            self.failed.emit(Path(path).name, text)

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)
