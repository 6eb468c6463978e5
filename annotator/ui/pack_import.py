"""Importing a pack from the window: off the interface thread, with progress and Cancel.

The import itself is the core's (:func:`annotator.core.library.import_pack`): copied or
extracted into ``DATA/tmp``, validated there, renamed and recorded in one transaction. Here
it runs on a worker thread with its own store connection (as the inbox does), reports its
stages to a progress dialog, and stops at the next step when the worker presses Cancel,
leaving nothing behind. Pack problems are shown as plain text: they quote the pack.
"""
from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from annotator.core.errors import PackError, UserError
from annotator.core.library import ImportCancelled, import_pack
from annotator.core.store import Store
from annotator.ui import i18n
from annotator.ui.i18n import arg

log = logging.getLogger("annotator.import")


class PackImport(QtCore.QObject):
    """One import of ``path`` into the data folder; ``finished(result or None)`` when it ends."""

    finished = QtCore.Signal(object)
    _progress = QtCore.Signal(str, int, int)
    _done = QtCore.Signal(object, object)

    def __init__(self, ctx, path: str | Path, parent: QtWidgets.QWidget):
        super().__init__(parent)
        self.ctx = ctx
        self.path = Path(path)
        self.parent_widget = parent
        self.result = None
        self.error: BaseException | None = None
        self.cancelled = threading.Event()
        self.dialog = QtWidgets.QProgressDialog(arg(self.tr("Importing %1…"), self.path.name),
                                                self.tr("Cancel"), 0, 0, parent)
        self.dialog.setWindowTitle(self.tr("Import a pack"))
        self.dialog.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self._progress.connect(self._show_progress)
        self._done.connect(self._finish)
        self.thread = threading.Thread(target=self._run, name="pack-import", daemon=True)

    def start(self) -> "PackImport":
        self.thread.start()
        return self

    def cancel(self) -> None:
        """Stop at the next step; nothing of the pack is kept."""
        self.cancelled.set()
        self.dialog.setLabelText(self.tr("Cancelling…"))

    @property
    def running(self) -> bool:
        return self.thread.is_alive()

    # ------------------------------------------------------------------ worker thread

    def _report(self, stage: str, done: int, total: int | None) -> None:
        if self.cancelled.is_set():
            raise ImportCancelled()
        self._progress.emit(stage, done, -1 if total is None else total)

    def _run(self) -> None:
        try:
            # the window's store holds the data folder's lock: this connection writes under it
            with Store(self.ctx.store.data_dir, lock=self.ctx.store.folder_lock) as store:
                result = import_pack(self.path, store, self.ctx.registry, progress=self._report)
            self._done.emit(result, None)
        except UserError as exc:
            self._done.emit(None, exc)
        except Exception as exc:  # never let a bad pack take the window down
            log.exception("import of %s failed", self.path)
            self._done.emit(None, exc)

    # ------------------------------------------------------------------ interface thread

    def _show_progress(self, stage: str, done: int, total: int) -> None:
        if self.cancelled.is_set():
            return
        names = {"extract": self.tr("Extracting files"), "copy": self.tr("Copying files"),
                 "check": self.tr("Checking items"), "hash": self.tr("Computing the pack's identity"),
                 "record": self.tr("Adding items to the library")}
        number = QtCore.QLocale().toString
        self.dialog.setLabelText(f"{names.get(stage, stage)} ({number(done)}{f' / {number(total)}' if total >= 0 else ''})")
        if total > 0:
            self.dialog.setRange(0, total)
            self.dialog.setValue(min(done, total))
        else:
            self.dialog.setRange(0, 0)

    def _finish(self, result, error) -> None:
        self.thread.join()
        self.dialog.close()
        self.result, self.error = result, error
        if isinstance(error, ImportCancelled):
            pass  # the worker asked for it; nothing was imported
        elif isinstance(error, PackError):
            self._warn(self.tr("Nothing was imported. The pack has these problems:") + "\n\n" +
                       i18n.problems_text(error.problems))
        elif error is not None:
            self._warn(i18n.error_text(error) if isinstance(error, UserError) else
                       self.tr("Nothing was imported: %1").replace("%1", f"{type(error).__name__}: {error}"))
        self.finished.emit(result)

    def _warn(self, text: str) -> None:
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Warning, self.tr("This pack cannot be imported"),
                                    "", QtWidgets.QMessageBox.StandardButton.Ok, self.parent_widget)
        box.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # the problems quote the pack
        box.setText(text)
        box.setObjectName("ImportProblems")
        self.message = box
        box.open()
