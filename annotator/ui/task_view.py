"""The task view: hosts the plugin's editor, with previous/next/submit/skip/flag.

Every call into the plugin goes through :meth:`TaskView._guard`: an exception
shows the error in place of the item, offers to skip it, and never ends the app.
The editor saves through a :class:`annotator.core.session.ItemHost` (the rules are
there); this view shows what the host reports: a save the store could not write
keeps a red banner up and the item marked "not saved", is retried every
:data:`RETRY_MS`, and the item cannot be left until it is saved.
"""
from __future__ import annotations

import logging
import traceback
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from annotator.core.errors import UserError
from annotator.core.prefetch import Prefetcher
from annotator.core.session import ItemHost, WorkSession, cache_dir_of, done_count, report_view
from annotator.plugin_api import Shortcut
from annotator.plugin_api.qt import key_text
from annotator.ui import i18n, theme
from annotator.ui.dialogs import ReasonDialog
from annotator.ui.keys import AppKeyMap
from annotator.ui.layout_memory import LayoutMemory
from annotator.ui.widgets import Banner, badge, muted

log = logging.getLogger("annotator.ui")

#: how often a save the store refused is tried again
RETRY_MS = 2000

__all__ = ["ItemHost", "TaskView", "cache_dir_of", "RETRY_MS"]


class UnsavedBanner(QtWidgets.QFrame):
    """The red strip that stays while the item's last change is not in the store (no close button)."""

    retry_requested = QtCore.Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("ErrorBanner")
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setProperty("strong", True)  # the theme's error colours, a 2-px border
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QtWidgets.QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.retry_button = QtWidgets.QPushButton(self.tr("Try again now"))
        self.retry_button.clicked.connect(self.retry_requested)
        theme.use_icon(self.retry_button, "retry")
        layout.addWidget(self.retry_button)
        self.hide()


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
        #: the worker's splitter positions in each plugin's editor (``layout_memory.py``)
        self.layouts = LayoutMemory(ctx.store, self)
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
        self.unsaved_banner = UnsavedBanner(self)
        self.unsaved_banner.retry_requested.connect(self.retry_save)
        layout.addWidget(self.unsaved_banner)
        self.retry_timer = QtCore.QTimer(self)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self.retry_save)

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
        self.error_title.setObjectName("Heading")  # the theme's type scale
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
        theme.use_icon(self.skip_unreadable_button, "skip", "on_accent")
        retry = QtWidgets.QPushButton(self.tr("Try again"))
        theme.use_icon(retry, "retry")
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
        self.done_title.setObjectName("Heading")
        self.done_title.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        done_layout.addWidget(self.done_title)
        self.done_text = muted()
        self.done_text.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        done_layout.addWidget(self.done_text)
        #: the pack's time and earnings, from the timesheet (the figures of the Timesheet view)
        self.done_figures = QtWidgets.QLabel()
        self.done_figures.setObjectName("DoneFigures")
        self.done_figures.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.done_figures.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.done_figures.setStyleSheet("font-size: 15px; padding: 8px;")
        done_layout.addWidget(self.done_figures)
        row = QtWidgets.QHBoxLayout()
        row.addStretch(1)
        export = QtWidgets.QPushButton(self.tr("Export results…"))
        export.clicked.connect(self.export_requested)
        theme.use_icon(export, "export")
        row.addWidget(export)
        self.send_button = QtWidgets.QPushButton(self.tr("Send results to the lab…"))
        self.send_button.clicked.connect(self.bundle_requested)
        theme.use_icon(self.send_button, "bundle")
        row.addWidget(self.send_button)
        review = QtWidgets.QPushButton(self.tr("Review items"))
        review.clicked.connect(self.review_from_start)
        theme.use_icon(review, "review")
        row.addWidget(review)
        back = QtWidgets.QPushButton(self.tr("Back to the library"))
        back.setObjectName("Primary")
        back.clicked.connect(self.library_requested)
        theme.use_icon(back, "library", "on_accent")
        row.addWidget(back)
        row.addStretch(1)
        done_layout.addLayout(row)
        done_layout.addStretch(2)
        self.stack.addWidget(self.done_page)

        bar = QtWidgets.QFrame()
        bar.setObjectName("ActionBar")
        actions = QtWidgets.QHBoxLayout(bar)
        actions.setContentsMargins(0, 6, 0, 0)
        #: the window's key map (one table for the app: the main window adds its menus to it)
        self.keys = AppKeyMap()
        group = self.tr("Items")
        self.submit_button = self._button(self.tr("Submit"), ["Ctrl+Return", "Ctrl+Enter"], self.submit,
                                          self.tr("Submit the item"), group)
        self.next_button = self._button(self.tr("Next"), ["Alt+Right", "Ctrl+PgDown"], self.next,
                                        self.tr("Next item"), group)
        self.prev_button = self._button(self.tr("Previous"), ["Alt+Left", "Ctrl+PgUp"], self.previous,
                                        self.tr("Previous item"), group)
        self.skip_button = self._button(self.tr("Skip…"), ["Ctrl+Shift+S"], lambda: self.skip(),
                                        self.tr("Skip the item (with a reason)"), group)
        self.flag_button = self._button(self.tr("Flag…"), ["Ctrl+Shift+F"], lambda: self.flag(),
                                        self.tr("Flag the item (with a note)"), group)
        self.submit_button.setObjectName("Primary")
        for button, name in ((self.prev_button, "previous"), (self.skip_button, "skip"), (self.flag_button, "flag"),
                             (self.next_button, "next")):
            theme.use_icon(button, name)
        theme.use_icon(self.submit_button, "submit", "on_accent")
        self.next_button.setLayoutDirection(QtCore.Qt.LayoutDirection.RightToLeft)  # its arrow after the word
        actions.addWidget(self.prev_button)
        actions.addStretch(1)
        actions.addWidget(self.skip_button)
        actions.addWidget(self.flag_button)
        actions.addWidget(self.submit_button)
        actions.addStretch(1)
        actions.addWidget(self.next_button)
        layout.addWidget(bar)

    def _button(self, text: str, keys: list[str], slot, description: str, group: str) -> QtWidgets.QPushButton:
        button = QtWidgets.QPushButton(text)
        button.setToolTip(f"{text} ({key_text(keys[0])})")
        button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)
        self.keys.shortcut(self, keys, slot, description, group)
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

    def close_session(self) -> bool:
        """Close the pack's editor; ``False`` (and nothing closed) while the item is not saved."""
        if not self.leave_item():
            return False
        self.prefetcher.cancel()
        self.layouts.flush()
        if self.editor is not None:
            self.editor.setParent(None)
            self.editor.deleteLater()
            self.editor = None
        self.session = None
        return True

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

    def _soft_guard(self, call, what: str, default: Any = None) -> Any:
        """Run a call into the plugin whose failure must not take the item away: say so, go on."""
        try:
            return call()
        except Exception as exc:
            log.error("plugin error (%s):\n%s", what, traceback.format_exc())
            self.show_plugin_error(f"{type(exc).__name__}: {exc}")
            return default

    def show_plugin_error(self, text: str) -> None:
        """An error inside the editor after loading (from the excepthook or the host)."""
        self.banner.show_message(self.tr("The task plugin hit an error: %1. Your saved work is safe; "
                                         "you can skip this item.").replace("%1", text))

    # ------------------------------------------------------------------ the host's reports

    def saved(self, host: ItemHost) -> None:
        if host is not self.host:
            return
        if self.unsaved_banner.isVisible():
            self.retry_timer.stop()
            self.unsaved_banner.hide()
            self.notify(self.tr("Saved."))
            self._update_header()
        self.annotation_saved()

    def save_failed(self, host: ItemHost, message: str) -> None:
        if host is not self.host:
            return
        self.unsaved_banner.label.setText(
            self.tr("Not saved: %1. Your last change is kept on screen and saved as soon as the disk accepts it "
                    "(tried again every few seconds). Until then this item cannot be left.").replace("%1", message))
        self.unsaved_banner.show()
        if not self.retry_timer.isActive():
            self.retry_timer.start()
        self._update_header()

    def bad_annotation(self, host: ItemHost, message: str) -> None:
        if host is self.host:
            self.show_plugin_error(message)

    def retry_save(self) -> bool:
        """Write the item's unsaved change again; whether everything is saved now."""
        host = self.host
        if host is None or host.retry():
            self.retry_timer.stop()
            self.unsaved_banner.hide()
            return True
        return False

    @property
    def unsaved(self) -> bool:
        """Whether the item on screen has a change the store has not taken."""
        return self.host is not None and self.host.unsaved is not None

    def leave_item(self) -> bool:
        """Let go of the item on screen, its last change saved; ``False`` (staying) when it cannot be saved.

        The editor is asked to save what is pending; a change the store refuses keeps the
        worker on the item with the change on screen: leaving would silently drop it.
        """
        host = self.host
        if host is None:
            return True
        if self.editor is not None:
            self._guard(self.editor.unload, "unload")
        if host.unsaved is not None and not host.retry():
            if self.editor is not None and self.stack.currentWidget() is self.editor_holder:
                self._guard(lambda: self.editor.load(host), "load")  # the change stays on screen
            self.notify(self.tr("This item is not saved yet: it cannot be left until the disk accepts it."))
            self.unsaved_banner.show()
            QtWidgets.QApplication.beep()
            return False
        host.close()
        self.host = None
        self.retry_timer.stop()
        self.unsaved_banner.hide()
        return True

    _unload = leave_item

    def show_current(self) -> None:
        session = self.session
        if session is None or not self.leave_item():
            return
        self.banner.hide()
        if session.item is None:
            self._show_done()
        elif self.editor is None:
            self._error(self.tr("The %1 plugin could not create its editor.").replace("%1", session.pack.kind))
            return
        else:
            self._show_item(session)
        report_view(self.meter, "task", session=session, plugin=self.plugin)
        if session.item is not None:
            self.item_shown.emit()

    def _show_item(self, session: WorkSession) -> None:
        self.host = session.host(self)
        self.stack.setCurrentWidget(self.editor_holder)
        loaded = self._guard(lambda: (self.editor.load(self.host), True)[1], "load")
        self._update_header()
        if loaded:
            self.layouts.attach(self.editor, session.pack.kind)
            self._guard(self.editor.focus_editor, "focus")
            self._prefetch()

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
        try:
            prefetches = callable(getattr(plugin, "prefetch", None))
        except Exception:  # a plugin's attribute that raises: no prefetching, nothing else lost
            log.exception("the %s plugin's prefetch cannot be read", session.pack.kind)
            prefetches = False
        if not items or not prefetches:
            return
        try:
            cache_dir = cache_dir_of(session)
        except OSError:
            return
        self.prefetched = self.prefetcher.request(plugin, session.info, [i.data for i in items], cache_dir)

    def _show_done(self) -> None:
        progress = self.session.progress()
        self.done_text.setText(", ".join([self.tr("%n submitted", "", progress["submitted"]),
                                          self.tr("%n skipped", "", progress["skipped"]),
                                          self.tr("%n flagged", "", progress["flagged"])]) + ".")
        self.done_figures.setText(self._pack_figures())
        self.stack.setCurrentWidget(self.done_page)
        self._update_header()

    def _pack_figures(self) -> str:
        """"Time on this pack: 12 min · Expected earnings: 0,40 EUR (2,00 EUR/h)", from the timesheet."""
        from annotator.core.metering.timesheet import compute
        from annotator.ui.widgets import duration, money

        pack = self.session.pack
        try:
            self.meter.flush()  # through the meter interface only
            sheet = compute(self.ctx.store, pack=pack.pack_id, thresholds=self.meter.thresholds,
                            extra=self.meter.tentative_rows(), with_intervals=False)
            row = next((p for p in sheet["packs"] if (p.get("pack"), p.get("version")) == (pack.pack_id, pack.version)),
                       None)
        except Exception:  # the figures are a courtesy: the page shows without them
            log.exception("the pack's figures could not be computed")
            return ""
        if row is None:  # nothing metered for this pack: the pay the terms state for what was submitted
            from annotator.core.library import manifest_of

            manifest = manifest_of(pack)
            per_item = manifest.per_item
            done = self.session.progress()["submitted"]
            row = {"counted_seconds": 0, "currency": manifest.currency,
                   "expected_earnings": per_item * done if per_item is not None else None}
        text = self.tr("Time on this pack: %1").replace("%1", duration(row["counted_seconds"]))
        if row.get("expected_earnings") is not None:
            text += " · " + self.tr("Expected earnings: %1").replace(
                "%1", money(row["expected_earnings"], row.get("currency")))
            if row.get("effective_hourly") is not None:
                text += " (" + money(row["effective_hourly"], row.get("currency")) + self.tr("/h") + ")"
        return text

    def state_text(self, state: str) -> str:
        return {"new": self.tr("new"), "in_progress": self.tr("in progress"), "submitted": self.tr("submitted"),
                "skipped": self.tr("skipped"), "flagged": self.tr("flagged")}.get(state, state)

    def _update_header(self) -> None:
        session = self.session
        item = session.item if session else None
        progress = session.progress() if session else {}
        done = done_count(progress)
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
            if self.unsaved:
                state = self.tr("not saved")
            self.state_badge.setProperty("unsaved", self.unsaved)  # the theme draws it in the error colour
            self.state_badge.style().unpolish(self.state_badge)
            self.state_badge.style().polish(self.state_badge)
            self.state_badge.setText(state)
            self.state_badge.updateGeometry()
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
        if self.session and self.session.item and self.leave_item():
            self.session.next()
            self.show_current()

    def previous(self) -> None:
        if self.session and self.session.item and self.leave_item():
            self.session.previous()
            self.show_current()

    def go_to(self, position: int) -> None:
        if self.session and self.leave_item():
            self.session.go_to(position)
            self.show_current()

    def review_from_start(self) -> None:
        self.go_to(0)

    def submit(self) -> None:
        if not (self.session and self.session.item):
            return
        warnings = []
        if self.editor is not None and self.stack.currentWidget() is self.editor_holder:
            warnings = list(self._soft_guard(self.editor.submit_warnings, "submit_warnings", None) or [])
            if self.plugin is not None:
                annotation = self.session.annotation()
                try:
                    empty = bool(self.plugin.is_empty(annotation))
                except Exception as exc:  # the plugin cannot tell: say so, and let the worker decide
                    log.error("plugin error (is_empty):\n%s", traceback.format_exc())
                    warnings.insert(0, self.tr("The task plugin could not check whether this item is empty "
                                               "(%1). Check it yourself.").replace("%1", f"{type(exc).__name__}: {exc}"))
                else:
                    if empty:
                        warnings.insert(0, self.tr("You have not annotated anything on this item."))
        if warnings:
            answer = QtWidgets.QMessageBox.question(  # No is the default: Enter never submits a doubtful item
                self, self.tr("Submit anyway?"), "\n".join(f"• {w}" for w in warnings) + "\n\n" +
                self.tr("Submit this item anyway?"),
                QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
                QtWidgets.QMessageBox.StandardButton.No)
            if answer != QtWidgets.QMessageBox.StandardButton.Yes:
                return
        if not self.leave_item():
            return
        self.session.submit()
        self.show_current()

    def skip(self, preset: str | None = None) -> None:
        if not (self.session and self.session.item):
            return
        dialog = ReasonDialog("skip", self, preset)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted or not self.leave_item():
            return
        try:
            self.session.skip(dialog.reason())
        except UserError as exc:
            self.banner.show_message(i18n.error_text(exc))
        self.show_current()

    def flag(self) -> None:
        if not (self.session and self.session.item):
            return
        dialog = ReasonDialog("flag", self)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted or not self.leave_item():
            return
        try:
            self.session.flag(dialog.reason())
        except UserError as exc:
            self.banner.show_message(i18n.error_text(exc))
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
        found = self._soft_guard(lambda: list(self.editor.shortcuts() or []), "shortcuts", [])
        return [s for s in found if isinstance(s, Shortcut)]
