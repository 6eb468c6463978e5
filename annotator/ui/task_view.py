"""The task view: hosts the plugin's editor, with previous/next/submit/skip/flag.

Every call into the plugin goes through :meth:`TaskView._guard`: an exception
shows the error in place of the item, offers to skip it, and never ends the app.
"""
from __future__ import annotations

import logging
import traceback
from pathlib import Path
from typing import Any, Mapping

from PySide6 import QtCore, QtGui, QtWidgets

from annotator.core.errors import UserError
from annotator.core.prefetch import Prefetcher
from annotator.core.session import WorkSession
from annotator.plugin_api import PackInfo, Shortcut
from annotator.ui.dialogs import ReasonDialog
from annotator.ui.widgets import Banner, badge, muted

log = logging.getLogger("annotator.ui")


def cache_dir_of(session: WorkSession) -> Path:
    """The cache folder a pack's plugin gets (its editor's host and its prefetch hook)."""
    folder = session.store.cache_dir / session.pack.kind
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class ItemHost:
    """The :class:`annotator.plugin_api.EditorHost` the app gives an editor for one item."""

    def __init__(self, view: "TaskView", session: WorkSession, annotation: Mapping[str, Any] | None):
        self._view = view
        self._session = session
        self._item_pk = session.item.pk
        self.pack: PackInfo = session.info
        self.item: Mapping[str, Any] = session.item.data
        self.annotation = annotation
        self.cache_dir: Path = cache_dir_of(session)
        self.closed = False

    def media_path(self, relative: str | None = None) -> Path:
        rel = relative if relative is not None else self.item.get("media")
        if not rel:
            raise ValueError("this item has no media file")
        return self.pack.media_path(rel)

    def save(self, annotation: Mapping[str, Any]) -> None:
        if self.closed or self._session.item is None or self._session.item.pk != self._item_pk:
            log.warning("an editor saved after its item was closed; ignored")
            return
        try:
            self._session.save(annotation)
        except (TypeError, ValueError) as exc:
            self._view.show_plugin_error(f"the editor gave an annotation that cannot be saved: {exc}")
            return
        self.annotation = annotation
        self._view.annotation_saved()

    def previous_annotation(self) -> Mapping[str, Any] | None:
        store = self._session.store
        item = store.item(self._item_pk)
        before = store.neighbour(item.pack_pk, item.position, -1)
        if before is None:
            return None
        row = store.annotation(before.pk)
        return None if row is None else row.data

    def activity(self) -> None:
        self._view.meter.signal("input")

    def media_playing(self, playing: bool) -> None:
        self._view.meter.signal("media", playing=bool(playing))

    def setting(self, key: str, default: Any = None) -> Any:
        return self._session.store.get(f"plugin.{self.pack.kind}.{key}", default)

    def set_setting(self, key: str, value: Any) -> None:
        self._session.store.set(f"plugin.{self.pack.kind}.{key}", value)

    def notify(self, message: str) -> None:
        self._view.notify(str(message))


class TaskView(QtWidgets.QWidget):
    instructions_requested = QtCore.Signal()
    library_requested = QtCore.Signal()
    export_requested = QtCore.Signal()
    bundle_requested = QtCore.Signal()
    item_shown = QtCore.Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.meter = ctx.meter
        self.session: WorkSession | None = None
        self.editor = None
        self.host: ItemHost | None = None
        self.plugin = None
        self.prefetcher = Prefetcher()
        self.prefetched = None
        """The last prefetch request's future (tests)."""

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        header = QtWidgets.QHBoxLayout()
        self.pack_label = QtWidgets.QLabel()
        self.pack_label.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # pack strings are data, never markup
        self.pack_label.setStyleSheet("font-weight: 600;")
        header.addWidget(self.pack_label)
        self.position_label = muted()
        self.position_label.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # holds the item id
        self.position_label.setWordWrap(False)
        header.addWidget(self.position_label)
        self.state_badge = badge("")
        header.addWidget(self.state_badge)
        self.training_badge = badge(self.tr("training"), "TrainingBadge")
        header.addWidget(self.training_badge)
        header.addStretch(1)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        header.addWidget(self.progress)
        layout.addLayout(header)

        self.banner = Banner(self)
        layout.addWidget(self.banner)

        self.stack = QtWidgets.QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.editor_holder = QtWidgets.QWidget()
        self.editor_layout = QtWidgets.QVBoxLayout(self.editor_holder)
        self.editor_layout.setContentsMargins(0, 0, 0, 0)
        self.stack.addWidget(self.editor_holder)

        self.error_page = QtWidgets.QWidget()
        error_layout = QtWidgets.QVBoxLayout(self.error_page)
        error_layout.addStretch(1)
        self.error_title = QtWidgets.QLabel(self.tr("This item cannot be shown."))
        self.error_title.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.error_title.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        error_layout.addWidget(self.error_title)
        self.error_text = muted()
        self.error_text.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.error_text.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        error_layout.addWidget(self.error_text)
        reassure = muted(self.tr("Your other work is saved. You can skip this item; the reason is recorded."))
        reassure.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        error_layout.addWidget(reassure)
        row = QtWidgets.QHBoxLayout()
        row.addStretch(1)
        self.skip_unreadable_button = QtWidgets.QPushButton(self.tr("Skip as unreadable"))
        self.skip_unreadable_button.setObjectName("Primary")
        self.skip_unreadable_button.clicked.connect(lambda: self.skip("unreadable"))
        row.addWidget(self.skip_unreadable_button)
        retry = QtWidgets.QPushButton(self.tr("Try again"))
        retry.clicked.connect(self.show_current)
        row.addWidget(retry)
        row.addStretch(1)
        error_layout.addLayout(row)
        error_layout.addStretch(2)
        self.stack.addWidget(self.error_page)

        self.done_page = QtWidgets.QWidget()
        done_layout = QtWidgets.QVBoxLayout(self.done_page)
        done_layout.addStretch(1)
        self.done_title = QtWidgets.QLabel(self.tr("Every item of this pack is done."))
        self.done_title.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.done_title.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        done_layout.addWidget(self.done_title)
        self.done_text = muted()
        self.done_text.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        done_layout.addWidget(self.done_text)
        row = QtWidgets.QHBoxLayout()
        row.addStretch(1)
        export = QtWidgets.QPushButton(self.tr("Export results…"))
        export.clicked.connect(self.export_requested)
        row.addWidget(export)
        self.send_button = QtWidgets.QPushButton(self.tr("Send results to the lab…"))
        self.send_button.clicked.connect(self.bundle_requested)
        row.addWidget(self.send_button)
        review = QtWidgets.QPushButton(self.tr("Review items"))
        review.clicked.connect(self.review_from_start)
        row.addWidget(review)
        back = QtWidgets.QPushButton(self.tr("Back to the library"))
        back.setObjectName("Primary")
        back.clicked.connect(self.library_requested)
        row.addWidget(back)
        row.addStretch(1)
        done_layout.addLayout(row)
        done_layout.addStretch(2)
        self.stack.addWidget(self.done_page)

        bar = QtWidgets.QFrame()
        bar.setObjectName("ActionBar")
        actions = QtWidgets.QHBoxLayout(bar)
        actions.setContentsMargins(0, 6, 0, 0)
        self.prev_button = self._button(self.tr("◀ Previous"), "Alt+Left", self.previous)
        self.next_button = self._button(self.tr("Next ▶"), "Alt+Right", self.next)
        self.skip_button = self._button(self.tr("Skip…"), "Ctrl+Shift+S", lambda: self.skip())
        self.flag_button = self._button(self.tr("Flag…"), "Ctrl+Shift+F", lambda: self.flag())
        self.submit_button = self._button(self.tr("Submit"), "Ctrl+Return", self.submit)
        self.submit_button.setObjectName("Primary")
        actions.addWidget(self.prev_button)
        actions.addStretch(1)
        actions.addWidget(self.skip_button)
        actions.addWidget(self.flag_button)
        actions.addWidget(self.submit_button)
        actions.addStretch(1)
        actions.addWidget(self.next_button)
        layout.addWidget(bar)
        for keys, slot in (("Ctrl+Enter", self.submit), ("Ctrl+PgDown", self.next), ("Ctrl+PgUp", self.previous)):
            QtGui.QShortcut(QtGui.QKeySequence(keys), self, slot,
                            context=QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _button(self, text: str, keys: str, slot) -> QtWidgets.QPushButton:
        button = QtWidgets.QPushButton(text)
        button.setToolTip(f"{text} ({QtGui.QKeySequence(keys).toString(QtGui.QKeySequence.SequenceFormat.NativeText)})")
        button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)
        QtGui.QShortcut(QtGui.QKeySequence(keys), self, slot,
                        context=QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
        return button

    # ------------------------------------------------------------------ pack

    def open_session(self, session: WorkSession) -> None:
        self.close_session()
        self.session = session
        self.plugin = self.ctx.registry.plugins.get(session.pack.kind)
        self.pack_label.setText(session.pack.title)
        self.editor = None
        if self.plugin is None:
            self._error(self.tr("The plugin for %1 packs is not installed.").replace("%1", session.pack.kind))
            return
        editor = self._guard(lambda: self.plugin.create_editor(self.editor_holder))
        if editor is None:
            return
        self.editor = editor
        self.editor_layout.addWidget(editor)
        editor.show()
        if session.item is None:
            session.start()
        self.show_current()

    def close_session(self) -> None:
        self.prefetcher.cancel()
        self._unload()
        if self.editor is not None:
            self.editor.setParent(None)
            self.editor.deleteLater()
            self.editor = None
        self.session = None

    # ------------------------------------------------------------------ items

    def _guard(self, call, what: str = "") -> Any:
        """Run a call into the plugin; on an exception, show it in place of the item."""
        try:
            return call()
        except Exception as exc:
            log.error("plugin error%s:\n%s", f" ({what})" if what else "", traceback.format_exc())
            self._error(f"{type(exc).__name__}: {exc}")
            return None

    def _error(self, text: str) -> None:
        self.error_text.setText(text)
        self.stack.setCurrentWidget(self.error_page)
        self.skip_unreadable_button.setEnabled(self.session is not None and self.session.item is not None)
        self._update_header()

    def show_plugin_error(self, text: str) -> None:
        """An error inside the editor after loading (from the excepthook or the host)."""
        self.banner.show_message(self.tr("The task plugin hit an error: %1. Your saved work is safe; "
                                         "you can skip this item.").replace("%1", text))

    def _unload(self) -> None:
        if self.host is not None:
            if self.editor is not None:
                self._guard(self.editor.unload, "unload")
            self.host.closed = True
            self.host = None

    def show_current(self) -> None:
        session = self.session
        if session is None:
            return
        self._unload()
        self.banner.hide()
        if session.item is None:
            self._show_done()
            return
        if self.editor is None:
            self._error(self.tr("The %1 plugin could not create its editor.").replace("%1", session.pack.kind))
            return
        self.host = ItemHost(self, session, session.annotation())
        self.stack.setCurrentWidget(self.editor_holder)
        loaded = self._guard(lambda: (self.editor.load(self.host), True)[1], "load")
        self._update_header()
        if loaded:
            self._guard(self.editor.focus_editor, "focus")
            self._prefetch()
        self.meter.signal("view", view="task", pack=session.pack.pack_id, item=session.item.item_id,
                          phase=session.phase)
        self.item_shown.emit()

    def _prefetch(self) -> None:
        """Let the plugin get the next items ready while the worker is on this one."""
        if self.session is not None and self.host is not None:
            self._request_prefetch(self.session, self.session.upcoming())

    def prepare(self, session: WorkSession) -> None:
        """Get the item a pack will open on ready while the worker reads its instructions."""
        item = session.resume_item()
        if item is not None:
            self._request_prefetch(session, [item])

    def _request_prefetch(self, session: WorkSession, items) -> None:
        plugin = self.ctx.registry.plugins.get(session.pack.kind)
        if not items or not callable(getattr(plugin, "prefetch", None)):
            return
        try:
            cache_dir = cache_dir_of(session)
        except OSError:
            return
        self.prefetched = self.prefetcher.request(plugin, session.info, [i.data for i in items], cache_dir)

    def _show_done(self) -> None:
        progress = self.session.progress()
        self.done_text.setText(self.tr("%1 submitted, %2 skipped, %3 flagged.")
                               .replace("%1", str(progress["submitted"]))
                               .replace("%2", str(progress["skipped"]))
                               .replace("%3", str(progress["flagged"])))
        self.stack.setCurrentWidget(self.done_page)
        self._update_header()
        self.meter.signal("view", view="task", pack=self.session.pack.pack_id, item=None, phase="review")

    def state_text(self, state: str) -> str:
        return {"new": self.tr("new"), "in_progress": self.tr("in progress"), "submitted": self.tr("submitted"),
                "skipped": self.tr("skipped"), "flagged": self.tr("flagged")}.get(state, state)

    def _update_header(self) -> None:
        session = self.session
        item = session.item if session else None
        progress = session.progress() if session else {}
        done = progress.get("submitted", 0) + progress.get("skipped", 0) + progress.get("flagged", 0)
        total = session.pack.item_count if session else 0
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("%1 of %2 done").replace("%1", str(done)).replace("%2", str(total)))
        if item is None:
            self.position_label.setText("")
            self.state_badge.hide()
            self.training_badge.hide()
        else:
            self.position_label.setText(self.tr("Item %1 of %2 · %3").replace("%1", str(item.position + 1))
                                        .replace("%2", str(total)).replace("%3", item.item_id))
            state = self.state_text(item.state)
            if item.state in ("skipped", "flagged") and item.reason:
                state += f": {item.reason}"
            self.state_badge.setText(state)
            self.state_badge.show()
            self.training_badge.setVisible(item.training)
        has_item = item is not None
        for button in (self.submit_button, self.skip_button, self.flag_button):
            button.setEnabled(has_item)
        self.prev_button.setEnabled(has_item and item.position > 0)
        self.next_button.setEnabled(has_item and item.position + 1 < total)

    def annotation_saved(self) -> None:
        """After a save: only a new item's first save changes the header (it becomes "in progress").

        Recounting the pack's progress on every keystroke cost 5 ms on a 100,000-item pack.
        """
        session = self.session
        if session is not None and session.item is not None and session.item.state == "new":
            session.refresh()
            self._update_header()

    def notify(self, message: str) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(message, 5000)

    # ------------------------------------------------------------------ actions

    def next(self) -> None:
        if self.session and self.session.item:
            self._unload()
            self.session.next()
            self.show_current()

    def previous(self) -> None:
        if self.session and self.session.item:
            self._unload()
            self.session.previous()
            self.show_current()

    def go_to(self, position: int) -> None:
        if self.session:
            self._unload()
            self.session.go_to(position)
            self.show_current()

    def review_from_start(self) -> None:
        self.go_to(0)

    def submit(self) -> None:
        if not (self.session and self.session.item):
            return
        warnings = []
        if self.editor is not None and self.stack.currentWidget() is self.editor_holder:
            warnings = self._guard(self.editor.submit_warnings, "submit_warnings") or []
            if self.plugin is not None and self.plugin.is_empty(self.session.annotation()):
                warnings = [self.tr("You have not annotated anything on this item.")] + list(warnings)
        if warnings:
            answer = QtWidgets.QMessageBox.question(
                self, self.tr("Submit anyway?"), "\n".join(f"• {w}" for w in warnings) + "\n\n" +
                self.tr("Submit this item anyway?"))
            if answer != QtWidgets.QMessageBox.StandardButton.Yes:
                return
        self._unload()
        self.session.submit()
        self.show_current()

    def skip(self, preset: str | None = None) -> None:
        if not (self.session and self.session.item):
            return
        dialog = ReasonDialog("skip", self, preset)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        self._unload()
        try:
            self.session.skip(dialog.reason())
        except UserError as exc:
            self.banner.show_message(str(exc))
        self.show_current()

    def flag(self) -> None:
        if not (self.session and self.session.item):
            return
        dialog = ReasonDialog("flag", self)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        self._unload()
        try:
            self.session.flag(dialog.reason())
        except UserError as exc:
            self.banner.show_message(str(exc))
        self.show_current()

    def undo(self) -> None:
        if self.editor is not None:
            self._guard(self.editor.undo, "undo")

    def redo(self) -> None:
        if self.editor is not None:
            self._guard(self.editor.redo, "redo")

    def shortcuts(self) -> list[Shortcut]:
        if self.editor is None:
            return []
        return list(self._guard(self.editor.shortcuts, "shortcuts") or [])
