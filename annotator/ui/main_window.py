"""The main window: library, instructions, task view and settings, with a place for the meter."""
from __future__ import annotations

import logging
import time
import traceback
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from annotator import __version__
from annotator.core.errors import UserError
from annotator.core.exports import export_pack, exporters_for
from annotator.core.library import import_demo_packs, manifest_of
from annotator.core.session import SESSION_KEY, WorkSession, report_view
from annotator.core.terms import terms_fingerprint
from annotator.plugin_api import ITEM_STATES, Shortcut
from annotator.plugin_api.qt import key_text
from annotator.ui import i18n, theme
from annotator.ui.dialogs import ExportDialog, ShortcutOverlay, TermsDialog
from annotator.ui.inbox import InboxWatcher
from annotator.ui.instructions_view import InstructionsView
from annotator.ui.library_view import LibraryView
from annotator.ui.pack_import import PackImport
from annotator.ui.settings_view import SettingsView
from annotator.ui.task_view import TaskView

log = logging.getLogger("annotator.ui")

HEARTBEAT_MS = 5000
#: the store's key for what the worker has read of each pack (by pack id): terms digest, instructions hash
SEEN_KEY = "seen_by_pack"
INPUT_EVENTS = {
    QtCore.QEvent.Type.KeyPress, QtCore.QEvent.Type.MouseButtonPress, QtCore.QEvent.Type.Wheel,
    QtCore.QEvent.Type.MouseMove, QtCore.QEvent.Type.TouchBegin,
}


GEOMETRY_KEY = "window_geometry"
#: the window's size on a screen with room for it; smaller screens get what they have, less the frame
DEFAULT_SIZE = QtCore.QSize(1280, 820)
FRAME_ALLOWANCE = QtCore.QSize(16, 48)


def default_size(available: QtCore.QSize | None) -> QtCore.QSize:
    """The first window size: 1280x820, or the screen's available area less a frame (1280x800 screens)."""
    if available is None or not available.isValid():
        return QtCore.QSize(DEFAULT_SIZE)
    room = available - FRAME_ALLOWANCE
    return QtCore.QSize(min(DEFAULT_SIZE.width(), room.width()), min(DEFAULT_SIZE.height(), room.height()))


class InputMeter(QtCore.QObject):
    """Application-wide event filter: one ``input`` signal per second of activity, never its content."""

    def __init__(self, meter, parent=None, clock=time.monotonic, every: float = 1.0):
        super().__init__(parent)
        self.meter = meter
        self.clock = clock
        self.every = every
        self.last = float("-inf")

    def eventFilter(self, obj, event):  # noqa: N802 - Qt API
        if event.type() in INPUT_EVENTS:
            now = self.clock()
            if now - self.last >= self.every:
                self.last = now
                self.meter.signal("input")
        return False


class MainWindow(QtWidgets.QMainWindow):
    view_changed = QtCore.Signal(str)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.meter = ctx.meter
        self.session: WorkSession | None = None
        self.current_view = ""
        self._previous_view = "library"
        self.setWindowTitle("Annotator")
        self._restore_geometry()
        # the palette, the style sheet and icons: light or dark as the worker chose in Settings, else as the system is
        theme.apply(setting=ctx.store.get(theme.APPEARANCE_KEY))

        self.stack = QtWidgets.QStackedWidget()
        self.setCentralWidget(self.stack)
        self.library = LibraryView(ctx)
        self.instructions = InstructionsView()
        self.task = TaskView(ctx)
        self.settings = SettingsView(ctx)
        self.views = {"library": self.library, "instructions": self.instructions, "task": self.task,
                      "settings": self.settings}
        for widget in self.views.values():
            self.stack.addWidget(widget)

        self.library.open_requested.connect(self.open_pack)
        self.library.import_requested.connect(self.import_dialog)
        self.library.demo_requested.connect(self.add_demo_packs)
        self.instructions.start_requested.connect(self.start_task)
        self.instructions.back_requested.connect(self.show_library)
        self.task.instructions_requested.connect(self.show_instructions)
        self.task.library_requested.connect(self.show_library)
        self.task.export_requested.connect(self.export_dialog)
        self.task.bundle_requested.connect(self.bundle_dialog)
        self.settings.back_requested.connect(self.back_from_settings)
        self.settings.changed.connect(self._setting_changed)

        self.overlay = ShortcutOverlay(self)
        self._build_menus()
        self._build_status_bar()

        self.inbox = InboxWatcher(ctx, self)
        self.inbox.imported.connect(self._inbox_imported)
        self.inbox.failed.connect(self._inbox_failed)
        self.inbox.set_folder(ctx.store.get("inbox_dir"))

        self.input_meter = InputMeter(self.meter, self)
        app = QtWidgets.QApplication.instance()
        app.installEventFilter(self.input_meter)
        app.applicationStateChanged.connect(self._app_state)
        self.heartbeat = QtCore.QTimer(self)
        self.heartbeat.timeout.connect(lambda: self.meter.signal("heartbeat"))
        self.heartbeat.start(HEARTBEAT_MS)
        from annotator.ui.metering import install as install_metering

        #: the status-bar meter, the Timesheet view and the "What is recorded" page
        self.metering = install_metering(self)
        # the meter's menu entries in the icon set too (they are the metering layer's; the icons are the window's)
        theme.use_icon(self.metering.timesheet_action, "timesheet")
        theme.use_icon(self.metering.recorded_action, "eye")
        self.meter.signal("app_start")
        self._quit_signalled = False
        # show the library without forgetting where the worker was (restore_session reads it)
        self.library.refresh()
        self._set_view("library")
        self.library.table.setFocus()  # arrows and Enter drive the library from the start
        self.view_changed.connect(self._update_title)
        self.task.item_shown.connect(self._update_title)

    # ------------------------------------------------------------------ chrome

    def _update_title(self, *_args) -> None:
        """The title names the pack and the item (plain text; Qt's "[*]" placeholder doubled to stay literal)."""
        from annotator.core.safetext import terminal

        session, parts = self.session, []
        if session is not None and self.current_view in ("instructions", "task"):
            parts.append(terminal(session.pack.title))
            if self.current_view == "task" and session.item is not None:
                item = session.item
                parts.append(self.tr("item %1 (%2 of %3)").replace("%1", terminal(item.item_id))
                             .replace("%2", str(item.position + 1)).replace("%3", str(session.pack.item_count)))
        self.setWindowTitle(" — ".join(parts + ["Annotator"]).replace("[*]", "[*][*]"))

    def _action(self, menu, text: str, slot, keys=None, description: str = "", label: str = "",
                icon: str = "") -> QtGui.QAction:
        """A menu entry (with an icon of the set); with keys, a row of the window's key map (bound by the action, listed)."""
        if keys:
            action = self.keys.action(menu, text, slot, keys, description, self.tr("Everywhere"), label=label)
        else:
            action = QtGui.QAction(text, self)
            action.triggered.connect(slot)
            menu.addAction(action)
        if icon:
            theme.use_icon(action, icon)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        #: the one key map of the window: the task view's keys, then the menus' (``annotator/ui/keys.py``)
        self.keys = self.task.keys
        file_menu = bar.addMenu(self.tr("&File"))
        self._action(file_menu, self.tr("Import pack…"), self.import_dialog, "Ctrl+I", self.tr("Import a pack"),
                     icon="import")
        self.export_action = self._action(file_menu, self.tr("Export results…"), self.export_dialog, "Ctrl+E",
                                          self.tr("Export results"), icon="export")
        self.bundle_action = self._action(file_menu, self.tr("Send results to the lab…"), self.bundle_dialog,
                                          icon="bundle")
        file_menu.addSeparator()
        self._action(file_menu, self.tr("Quit"), self.close,
                     QtGui.QKeySequence.keyBindings(QtGui.QKeySequence.StandardKey.Quit) or ["Ctrl+Q"], icon="quit")

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self._action(edit_menu, self.tr("Undo"), self.task.undo, QtGui.QKeySequence.StandardKey.Undo,
                                        label=key_text("Ctrl+Z"), icon="undo")  # the list shows the key everyone uses
        redo_keys = QtGui.QKeySequence.keyBindings(QtGui.QKeySequence.StandardKey.Redo)
        for extra in ("Ctrl+Shift+Z", "Ctrl+Y"):  # both, once each: a key bound twice fires neither
            if QtGui.QKeySequence(extra) not in redo_keys:
                redo_keys.append(QtGui.QKeySequence(extra))
        self.redo_action = self._action(edit_menu, self.tr("Redo"), self.task.redo, redo_keys,
                                        label=f"{key_text('Ctrl+Shift+Z')} / {key_text('Ctrl+Y')}", icon="redo")

        view_menu = bar.addMenu(self.tr("&View"))
        self._action(view_menu, self.tr("Library"), self.show_library, "Ctrl+L", icon="library")
        self._action(view_menu, self.tr("Instructions"), self.show_instructions, "F1", icon="instructions")
        self._action(view_menu, self.tr("Settings"), self.show_settings, "Ctrl+,", icon="settings")
        self.view_menu = view_menu

        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("Keyboard shortcuts"), self.show_shortcuts, ["Ctrl+/", "Shift+F1"],
                     self.tr("This list"), icon="keyboard")
        self._action(help_menu, self.tr("About Annotator"), self.about, icon="info")
        self.help_menu = help_menu
        # "?" shows the shortcuts too, unless the worker is typing
        self.keys.shortcut(self, "?", self._question_mark, self.tr("This list (when not typing)"),
                           self.tr("Everywhere"), context=QtCore.Qt.ShortcutContext.WindowShortcut)

    def add_action(self, menu, text: str, slot, keys, description: str = "", icon: str = "") -> QtGui.QAction:
        """A menu entry with keys for another part of the window (the Timesheet view): bound and listed;
        ``icon`` names one of ``theme.ICONS``."""
        return self._action(menu, text, slot, keys, description, icon=icon)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        #: the place for the live meter (filled by the metering layer)
        self.meter_slot = QtWidgets.QWidget()
        self.meter_slot.setObjectName("MeterSlot")
        layout = QtWidgets.QHBoxLayout(self.meter_slot)
        layout.setContentsMargins(0, 0, 0, 0)
        status.addPermanentWidget(self.meter_slot)

    def _question_mark(self) -> None:
        from annotator.plugin_api.qt import text_input_has_focus

        if not text_input_has_focus():
            self.show_shortcuts()

    # ------------------------------------------------------------------ views

    def _set_view(self, name: str, pack=None) -> None:
        self.stack.setCurrentWidget(self.views[name])
        self.current_view = name
        if name != "task":  # the task view reports its own item and phase
            report_view(self.meter, name, pack)
        self.view_changed.emit(name)

    def show_library(self) -> None:
        if not self.task.leave_item():
            return
        self.library.refresh()
        self._set_view("library")
        self.library.table.setFocus()
        self.ctx.store.set(SESSION_KEY, {"view": "library"})

    def show_settings(self) -> None:
        if not self.task.leave_item():
            return
        self._previous_view = self.current_view if self.current_view != "settings" else "library"
        self.settings.load()
        self._set_view("settings")

    def back_from_settings(self) -> None:
        if self._previous_view == "task" and self.session is not None:
            self.start_task()
        elif self._previous_view == "instructions" and self.session is not None:
            self.show_instructions()
        else:
            self.show_library()

    def show_instructions(self) -> None:
        if self.session is None:
            return
        resuming = self.current_view == "task" or self.session.item is not None and self.current_view != "library"
        if not self.task.leave_item():
            return
        self.instructions.show_pack(self.session.pack, resuming=resuming)
        self._set_view("instructions", self.session.pack)

    def open_pack(self, pack_pk: int) -> None:
        """Open a pack from the library: terms check, then its instructions."""
        try:
            pack = self.ctx.store.pack(pack_pk)
        except UserError as exc:
            self.statusBar().showMessage(i18n.error_text(exc), 5000)
            return
        if not self.task.leave_item():
            return
        seen = self._seen(pack)
        terms = terms_fingerprint(manifest_of(pack), pack.item_count, pack.training_count)
        if seen.get("terms") != terms:  # the terms come back only when what they state changed
            dialog = TermsDialog(self.ctx, pack, self)
            report_view(self.meter, "instructions", pack)
            if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
                report_view(self.meter, "library")
                return
            self.ctx.store.mark_terms_seen(pack.pk)
            self._remember_seen(pack, terms=terms)
        self.task.close_session()
        self.session = WorkSession(self.ctx.store, pack, self.meter)
        self.task.prepare(self.session)  # the first item gets ready while the instructions are read
        if pack.instructions_hash and seen.get("instructions") == pack.instructions_hash:
            # read before and unchanged: straight to work (F1 shows them)
            self.start_task()
            self.statusBar().showMessage(self.tr("The instructions have not changed since you read them: "
                                                 "F1 shows them."), 8000)
            return
        self.instructions.show_pack(pack, resuming=False)
        self._set_view("instructions", pack)

    def _seen(self, pack) -> dict:
        """What the worker has read of this pack (any version): the terms' digest, the instructions' hash."""
        return dict((self.ctx.store.get(SEEN_KEY) or {}).get(pack.pack_id) or {})

    def _remember_seen(self, pack, **values) -> None:
        seen = dict(self.ctx.store.get(SEEN_KEY) or {})
        seen[pack.pack_id] = {**(seen.get(pack.pack_id) or {}), **values}
        self.ctx.store.set(SEEN_KEY, seen)

    def start_task(self) -> None:
        if self.session is None:
            return
        if self.current_view == "instructions" and self.session.pack.instructions_hash:
            self._remember_seen(self.session.pack, instructions=self.session.pack.instructions_hash)
        self.stack.setCurrentWidget(self.task)
        self.current_view = "task"
        if self.task.session is not self.session:
            self.task.open_session(self.session)
        else:
            self.task.show_current()
        self.view_changed.emit("task")

    def restore_session(self) -> None:
        """Reopen where the worker was when the app last closed (or was killed)."""
        saved = self.ctx.store.get(SESSION_KEY) or {}
        if saved.get("view") == "task" and saved.get("pack_pk") is not None:
            try:
                pack = self.ctx.store.pack(saved["pack_pk"])
            except UserError:
                return
            self.session = WorkSession(self.ctx.store, pack, self.meter)
            self.session.start()
            self.start_task()

    # ------------------------------------------------------------------ actions

    def import_dialog(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, self.tr("Import a pack"), str(Path.home()),
                                                        self.tr("Packs (*.zip pack.toml)"))
        if path:
            if Path(path).name == "pack.toml":
                path = str(Path(path).parent)
            self.import_path(path)

    def import_path(self, path: str) -> PackImport:
        """Import a pack off the interface thread, with progress and Cancel (``annotator/ui/pack_import.py``)."""
        self.pack_import = PackImport(self.ctx, path, self)
        self.pack_import.finished.connect(self._imported)
        return self.pack_import.start()

    def _imported(self, result) -> None:
        if result is None:
            return
        self.library.refresh()
        self.library.select_pack(result.pack.pk)
        message = (self.tr("Imported “%1”.") if result.created else self.tr("“%1” was already in the library."))
        self.statusBar().showMessage(message.replace("%1", result.pack.title), 6000)

    def add_demo_packs(self) -> None:
        try:
            import_demo_packs(self.ctx.store, self.ctx.registry)
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self, self.tr("Demo packs"), i18n.error_text(exc))
        self.library.refresh()

    def current_pack(self):
        if self.current_view in ("task", "instructions") and self.session is not None:
            return self.session.pack
        pk = self.library.selected_pk()
        return self.ctx.store.pack(pk) if pk is not None else None

    def export_dialog(self) -> None:
        pack = self.current_pack()
        if pack is None:
            self.statusBar().showMessage(self.tr("Choose a pack to export first."), 5000)
            return
        try:
            exporters = exporters_for(self.ctx.registry, pack.kind)
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self, self.tr("Export results"), i18n.error_text(exc))
            return
        dialog = ExportDialog(exporters, Path.home(), pack, self)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        try:
            # submitted items, as the command line's default; every state when the worker ticks it
            exporter = export_pack(self.ctx.store, self.ctx.registry, pack, dialog.exporter().name,
                                   Path(dialog.path.text()),
                                   states=ITEM_STATES if dialog.all_states.isChecked() else ("submitted",))
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self, self.tr("Export results"), i18n.error_text(exc))
            return
        self.statusBar().showMessage(self.tr("Wrote %1 (%2).").replace("%1", dialog.path.text())
                                     .replace("%2", exporter.name), 8000)

    def bundle_dialog(self) -> None:
        """Write a signed results bundle of the current pack, after showing what it holds."""
        from annotator.ui.bundle_dialog import BundleDialog

        pack = self.current_pack()
        if pack is None:
            self.statusBar().showMessage(self.tr("Choose a pack first."), 5000)
            return
        if not self.task.leave_item():
            return
        dialog = BundleDialog(self.ctx, pack, self)
        if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted and dialog.written is not None:
            self.statusBar().showMessage(self.tr("Wrote %1: send it to %2.").replace("%1", str(dialog.written))
                                         .replace("%2", pack.lab), 10000)

    def shortcut_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The shortcut list: the window's key map, then the editor's, grouped; keys as the worker reads them."""
        rows: dict[str, list[tuple[str, str]]] = {}
        for shortcut in self.keys.shortcuts() + self.task.shortcuts():
            if isinstance(shortcut, Shortcut):
                rows.setdefault(shortcut.group or self.tr("This task"), []).append(
                    (shortcut.keys, shortcut.description))
        return list(rows.items())

    def show_shortcuts(self) -> None:
        self.overlay.show_shortcuts(self.shortcut_groups())

    def about(self) -> None:
        QtWidgets.QMessageBox.about(
            self, self.tr("About Annotator"),
            self.tr("Annotator %1\n\nAn annotation tool that keeps an honest record of your time. "
                    "Your data stays on this computer: %2").replace("%1", __version__)
            .replace("%2", str(self.ctx.data_dir)) + "\n\n" + self._log_note())

    def _log_note(self) -> str:
        from annotator.core.applog import current_log_file

        path = current_log_file()
        if path is None:
            return self.tr("This session writes no log file.")
        return self.tr("Log file (attach it to a bug report if you wish; it stays on this computer): %1") \
            .replace("%1", str(path))

    def _setting_changed(self, key: str) -> None:
        if key == "inbox_dir":
            self.inbox.set_folder(self.ctx.store.get("inbox_dir"))
        self.library.refresh()

    def _inbox_imported(self, title: str) -> None:
        self.library.refresh()
        text = self.tr("New pack in your inbox: %1").replace("%1", title)
        self.library.banner.show_message(text)
        self.statusBar().showMessage(text, 10000)

    def _inbox_failed(self, name: str, message: str) -> None:
        text = self.tr("A pack in your inbox could not be imported (%1): %2").replace("%1", name) \
            .replace("%2", message.splitlines()[0] if message else "")
        self.library.banner.show_message(text)
        self.statusBar().showMessage(text, 10000)

    def show_error(self, exc, tb) -> None:
        """Called by the excepthook: show an error without closing anything."""
        frames = traceback.extract_tb(tb)
        plugin_modules = {type(p).__module__.split(".")[0] for p in self.ctx.registry.plugins.values()}
        in_plugin = any(any(f"/{m}/" in frame.filename for m in plugin_modules) for frame in frames)
        text = f"{type(exc).__name__}: {exc}"
        if in_plugin and self.current_view == "task":
            self.task.show_plugin_error(text)
        else:
            self.statusBar().showMessage(self.tr("Something went wrong: %1 (details in the log)").replace("%1", text),
                                         10000)

    # ------------------------------------------------------------------ meter

    def _app_state(self, state) -> None:
        focused = state == QtCore.Qt.ApplicationState.ApplicationActive
        self.meter.signal("focus", focused=focused)

    def _restore_geometry(self) -> None:
        """The size and place the worker left the window at; else a default that fits the screen."""
        saved = self.ctx.store.get(GEOMETRY_KEY)
        if saved and self.restoreGeometry(QtCore.QByteArray.fromHex(str(saved).encode("ascii"))):
            return
        screen = QtGui.QGuiApplication.primaryScreen()
        self.resize(default_size(screen.availableGeometry().size() if screen is not None else None))

    def save_geometry(self) -> None:
        self.ctx.store.set(GEOMETRY_KEY, bytes(self.saveGeometry().toHex()).decode("ascii"))

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:  # noqa: N802 - Qt API
        if not self.task.leave_item() and not self._quit_losing_unsaved():
            event.ignore()
            return
        self.save_geometry()
        self.task.layouts.flush()
        if not self._quit_signalled:
            self._quit_signalled = True
            self.meter.signal("app_quit")
        self.heartbeat.stop()
        QtWidgets.QApplication.instance().removeEventFilter(self.input_meter)
        self.inbox.wait(10000)
        super().closeEvent(event)

    def _quit_losing_unsaved(self) -> bool:
        """The item's last change cannot be saved: quit only if the worker says so, knowing it is lost."""
        answer = QtWidgets.QMessageBox.warning(
            self, self.tr("Your last change is not saved"),
            self.tr("The disk does not accept your last change to this item (%1). If you quit now, that change "
                    "is lost; everything saved before it is kept.\n\nQuit anyway?").replace("%1", self.task.host.error),
            QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
            QtWidgets.QMessageBox.StandardButton.No)
        if answer != QtWidgets.QMessageBox.StandardButton.Yes:
            return False
        self.task.host.close()
        self.task.host = None
        return True

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if self.overlay.isVisible():
            self.overlay.setGeometry(self.rect())
