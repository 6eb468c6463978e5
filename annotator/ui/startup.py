"""Before the window opens: one window per data folder, and never a silent start on an empty store.

* The first window of a data folder listens on a local socket named after the folder
  (``QLocalServer``); a second start on the same folder finds the folder locked
  (:mod:`annotator.core.lock`), says so, and can ask the first window to come to the
  front through that socket.
* A missing or empty store beside existing data (:class:`annotator.core.store.StoreMissing`)
  is a dialog that offers to restore the latest backup, never a traceback and never a
  fresh store.
"""
from __future__ import annotations

import getpass
import hashlib
import html
import logging
import shlex
import time
from pathlib import Path

from PySide6 import QtCore, QtNetwork, QtWidgets

from annotator.core.errors import UserError
from annotator.core.lock import FolderInUse
from annotator.core.store import StoreMissing
from annotator.ui import i18n
from annotator.ui.i18n import tr

log = logging.getLogger("annotator.startup")

RAISE = b"raise\n"


def server_name(data_dir: Path) -> str:
    """The local socket name of a data folder's window (per user: another user's folder is not ours)."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name known: the folder alone still tells windows apart
        user = ""
    digest = hashlib.sha256(f"{user}\0{Path(data_dir).resolve()}".encode("utf-8", "surrogatepass")).hexdigest()
    return f"annotator-{digest[:24]}"


class RaiseServer(QtCore.QObject):
    """Listens for a second start on the same data folder and brings ``window`` to the front."""

    raised = QtCore.Signal()

    def __init__(self, data_dir: Path, window: QtWidgets.QWidget):
        super().__init__(window)
        self.window = window
        self.name = server_name(data_dir)
        self.server = QtNetwork.QLocalServer(self)
        self.server.setSocketOptions(QtNetwork.QLocalServer.SocketOption.UserAccessOption)
        # we hold the folder's lock, so a socket left by a crashed window is stale: remove it
        QtNetwork.QLocalServer.removeServer(self.name)
        if not self.server.listen(self.name):
            log.warning("cannot listen on %s: %s", self.name, self.server.errorString())
        self.server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(sock.deleteLater)
            if sock.bytesAvailable():
                self._read(sock)

    def _read(self, sock: QtNetwork.QLocalSocket) -> None:
        if bytes(sock.readAll().data()).startswith(RAISE.strip()):
            self.bring_to_front()
        sock.disconnectFromServer()

    def bring_to_front(self) -> None:
        log.info("annotator was started again on this data folder: this window comes to the front")
        w = self.window
        if w.isMinimized():
            w.showNormal()
        w.show()
        w.raise_()
        w.activateWindow()
        self.raised.emit()


def ask_to_raise(data_dir: Path, timeout_ms: int = 2000) -> bool:
    """Ask the window of ``data_dir`` to come to the front; whether it could be reached."""
    sock = QtNetwork.QLocalSocket()
    sock.connectToServer(server_name(data_dir))
    if not sock.waitForConnected(timeout_ms):
        return False
    sock.write(RAISE)
    ok = sock.waitForBytesWritten(timeout_ms)
    sock.disconnectFromServer()
    return ok


def _box(icon, title: str, text: str, informative: str = "") -> QtWidgets.QMessageBox:
    box = QtWidgets.QMessageBox(icon, title, text)
    box.setTextFormat(QtCore.Qt.TextFormat.RichText)  # our own text; paths are escaped below
    if informative:
        box.setInformativeText(informative)
    return box


def _code(text: str) -> str:
    return f"<code>{html.escape(text)}</code>"


def folder_in_use(exc: FolderInUse, answer=None) -> str:
    """The dialog for a data folder another window or command holds: ``"raised"``, ``"retry"`` or ``"quit"``.

    ``answer(box)`` picks a button instead of the user (tests); by default the dialog runs.
    """
    holder = exc.holder
    window = holder.get("holder") == "window"
    since = ""
    if isinstance(holder.get("since"), (int, float)):
        since = time.strftime("%H:%M", time.localtime(holder["since"]))
    if window:
        text = tr("Startup", "This data folder is already open in another annotator window.")
        info = tr("Startup", "Only one window at a time can use a data folder, so that no edit is overwritten and no "
                  "second of work is counted twice.")
    else:
        text = tr("Startup", "This data folder is in use by an annotator command.")
        info = tr("Startup", "Wait until it has finished, then try again.")
    details = "<br>" + _code(str(exc.data_dir))
    if since:
        details += "<br>" + tr("Startup", "In use since %1.").replace("%1", html.escape(since))
    box = _box(QtWidgets.QMessageBox.Icon.Information, tr("Startup", "Data folder in use"), html.escape(text) + details,
               html.escape(info))
    front = box.addButton(tr("Startup", "Show the open window"), QtWidgets.QMessageBox.ButtonRole.AcceptRole) if window \
        else box.addButton(tr("Startup", "Try again"), QtWidgets.QMessageBox.ButtonRole.AcceptRole)
    close = box.addButton(tr("Startup", "Close"), QtWidgets.QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(front)
    box.setEscapeButton(close)
    clicked = answer(box) if answer is not None else (box.exec(), box.clickedButton())[1]
    if clicked is not front:
        return "quit"
    if not window:
        return "retry"
    if ask_to_raise(exc.data_dir):
        return "raised"
    _box(QtWidgets.QMessageBox.Icon.Warning, tr("Startup", "Data folder in use"),
         html.escape(tr("Startup", "The open window did not answer. Close it, or end its process, then start annotator "
                        "again."))).exec() if answer is None else None
    return "quit"


def store_missing(exc: StoreMissing, answer=None) -> str:
    """The dialog for a missing or empty store beside existing data: ``"restore"`` or ``"quit"``."""
    where = {"packs": tr("Startup", "imported packs"), "keys": tr("Startup", "the signing key of your timesheet"),
             "wal": tr("Startup", "the store's write-ahead log"), "backups": tr("Startup", "backups of the store")}
    found = ", ".join(where.get(code, code) for code in exc.codes)
    text = (html.escape(tr("Startup", "The store of your data folder is missing or empty, but the folder still holds: %1.")
                        .replace("%1", found))
            + "<br>" + _code(str(exc.data_dir / "annotator.sqlite3"))
            + "<br><br>" + html.escape(tr("Startup", "annotator did not start over with an empty store, so nothing was lost.")))
    quoted = f"--data-dir {shlex.quote(str(exc.data_dir))}"
    if exc.latest is not None:
        made = time.strftime("%Y-%m-%d %H:%M", time.localtime(exc.latest.made_at))
        info = (html.escape(tr("Startup", "Restore the latest backup, made %1? The file as it is now is kept.").replace("%1", made))
                + "<br><br>" + html.escape(tr("Startup", "From a terminal:")) + "<br>" + _code(f"annotator restore --latest {quoted}"))
    else:
        info = html.escape(tr("Startup", "There is no backup. Put the file back if you can (from your sync tool or your "
                              "computer's backup), or start over with an empty store on purpose:"))
        info += "<br>" + _code(f"annotator restore --empty {quoted}")
    box = _box(QtWidgets.QMessageBox.Icon.Critical, tr("Startup", "The store is missing"), text, info)
    restore = box.addButton(tr("Startup", "Restore the latest backup"), QtWidgets.QMessageBox.ButtonRole.AcceptRole) \
        if exc.latest is not None else None
    close = box.addButton(tr("Startup", "Quit"), QtWidgets.QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore or close)
    box.setEscapeButton(close)
    clicked = answer(box) if answer is not None else (box.exec(), box.clickedButton())[1]
    return "restore" if restore is not None and clicked is restore else "quit"


def cannot_start(exc: UserError, answer=None) -> None:
    """Any other reason the window cannot open (a full disk, a damaged store): a dialog, not a traceback."""
    box = _box(QtWidgets.QMessageBox.Icon.Critical, tr("Startup", "annotator cannot start"),
               html.escape(tr("Startup", "annotator cannot open your data folder.")), html.escape(i18n.error_text(exc)))
    box.addButton(tr("Startup", "Quit"), QtWidgets.QMessageBox.ButtonRole.RejectRole)
    if answer is not None:
        answer(box)
    else:
        box.exec()


def _language(data_dir: Path) -> str | None:
    """The worker's language setting, read without opening the store for writing (``None`` if unknown)."""
    import json
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{(data_dir / 'annotator.sqlite3').absolute()}?mode=ro", uri=True, timeout=1)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = 'language'").fetchone()
        finally:
            conn.close()
        return json.loads(row[0]) if row and row[0] else None
    except (sqlite3.Error, ValueError, TypeError):
        return None


def handle(exc: UserError, data_dir: Path, answer=None) -> str:
    """Show why the window cannot open yet; ``"retry"`` (try again), ``"raised"`` or ``"quit"``."""
    from annotator.ui import i18n

    app = QtWidgets.QApplication.instance()
    if answer is None and app is not None and not getattr(app, "_annotator_i18n", False):
        i18n.install(app, i18n.choose_language(_language(data_dir)))
        app._annotator_i18n = True
    if isinstance(exc, FolderInUse):
        return folder_in_use(exc, answer)
    if isinstance(exc, StoreMissing):
        if store_missing(exc, answer) != "restore":
            return "quit"
        try:
            restore_latest(data_dir)
        except UserError as err:
            cannot_start(err, answer)
            return "quit"
        return "retry"
    cannot_start(exc, answer)
    return "quit"


def restore_latest(data_dir: Path) -> None:
    """What the dialog's "Restore the latest backup" does (as ``annotator restore --latest``)."""
    from annotator.core import backup
    from annotator.core.lock import DataFolderLock
    from annotator.core.store import HEAD_REVISION

    lock = DataFolderLock(data_dir)
    lock.acquire(0, "window")
    try:
        backups = backup.list_backups(data_dir)
        if not backups:
            raise UserError(f"there is no backup in {backup.backups_dir(data_dir)}")
        backup.restore(data_dir, backups[0], HEAD_REVISION)
    finally:
        lock.release()


def attach(window: QtWidgets.QWidget, store) -> RaiseServer:
    """What the window of a data folder keeps while it is open: the raise server and the daily backup."""
    server = RaiseServer(store.data_dir, window)
    window._raise_server = server
    store.daily_backup_in_background()
    daily = QtCore.QTimer(window)  # a window left open for days still makes one backup a day
    daily.timeout.connect(store.daily_backup_in_background)
    daily.start(3600 * 1000)
    return server
