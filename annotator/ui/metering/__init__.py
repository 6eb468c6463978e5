"""The metering UI: status-bar meter, away prompt, Timesheet view, "What is recorded" page.

:func:`install` mounts everything into a :class:`annotator.ui.main_window.MainWindow`.
"""
from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from annotator.ui.metering.away_prompt import AwayPrompt
from annotator.ui.metering.declare_dialog import AddTimeDialog, BreakQuestion
from annotator.ui.metering.meter_widget import MeterWidget
from annotator.ui.metering.recorded import RecordedDialog
from annotator.ui.metering.system_idle import SystemIdle
from annotator.ui.metering.timesheet_view import TimesheetView


class MeteringUi(QtCore.QObject):
    """What the metering adds to the window, and the glue between the window and the meter."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.meter = window.meter
        self.widget = MeterWidget(self.meter)
        window.meter_slot.layout().addWidget(self.widget)
        self.view = TimesheetView(window.ctx)
        window.views["timesheet"] = self.view
        window.stack.addWidget(self.view)
        self.prompt = AwayPrompt(window, self.meter)
        self.system_idle = SystemIdle()

        self.widget.break_changed.connect(self._break_changed)
        self.widget.timesheet_requested.connect(self.show_timesheet)
        self.widget.recorded_requested.connect(self.show_recorded)
        self.widget.add_time_requested.connect(self.add_time)
        self.widget.availability_requested.connect(self.availability)
        self.view.add_time_requested.connect(self.add_time)
        self.break_question = BreakQuestion(window)
        self.break_question.answered.connect(self._break_answered)
        self._asked_this_break = False
        brk = QtGui.QAction(self.tr("Break"), window)
        brk.setShortcut(QtGui.QKeySequence("Ctrl+Shift+B"))
        brk.setShortcutContext(QtCore.Qt.ShortcutContext.ApplicationShortcut)
        brk.triggered.connect(lambda: self.widget.set_break(not self.widget.on_break))
        window.addAction(brk)
        window.keys.listed(brk, self.tr("Start or end a break"), window.tr("Everywhere"))
        self.break_action = brk
        self.view.back_requested.connect(window.back_from_settings)
        self.view.recorded_requested.connect(self.show_recorded)

        # in the window's key map (bound and listed); Ctrl+T belongs to editors (timestamps)
        self.timesheet_action = window.add_action(window.view_menu, self.tr("Timesheet"), self.show_timesheet,
                                                  "Ctrl+Shift+T")
        recorded = QtGui.QAction(self.tr("What is recorded"), window)
        recorded.triggered.connect(self.show_recorded)
        window.help_menu.insertAction(window.help_menu.actions()[-1] if window.help_menu.actions() else None,
                                      recorded)
        self.recorded_action = recorded

        window.heartbeat.timeout.connect(self._heartbeat)
        window.view_changed.connect(self._view_changed)
        self._watch_input(self.widget.on_break)  # only during a break: a filter on the whole app sees every event
        self.meter.listeners.append(self._records)
        # the meter outlives a closed window: take the listener off when this is destroyed
        # ("TimesheetView already deleted" in the log otherwise)
        listeners, listener = self.meter.listeners, self._records
        self.destroyed.connect(lambda *_: listener in listeners and listeners.remove(listener))

    # ------------------------------------------------------------------ views

    def show_timesheet(self) -> None:
        w = self.window
        if not w.task.leave_item():
            return
        if w.current_view not in ("settings", "timesheet"):
            w._previous_view = w.current_view or "library"
        self.view.refresh()
        w._set_view("timesheet")

    def show_recorded(self) -> None:
        note = "" if self.system_idle.available else self.tr(
            "On this computer the system idle time cannot be read (%1): while the app is not in front, time "
            "becomes away after the idle threshold.").replace("%1", self.system_idle.why)
        dialog = RecordedDialog(self.window.ctx, dict(self.meter.thresholds or {}), note, self.window)
        dialog.setModal(False)
        dialog.show()
        self.recorded_dialog = dialog

    def add_time(self) -> AddTimeDialog:
        """The "Add time…" dialog (declared time); non-modal so the window's timers keep running."""
        dialog = AddTimeDialog(self.window.ctx, self.meter, self.window)
        dialog.accepted.connect(lambda: (self.view.schedule_refresh(), self.widget.refresh()))
        dialog.setModal(True)
        dialog.show()
        self.add_time_dialog = dialog
        return dialog

    def availability(self, on: bool, platform: str | None = None) -> None:
        """Availability mode on (asking the platform's name unless given) or off."""
        if on and platform is None:
            last = self.window.ctx.store.get("availability.last_platform") or ""
            platform, ok = QtWidgets.QInputDialog.getText(
                self.window, self.tr("Looking for work"),
                self.tr("Which platform are you watching for tasks? While this is on, the time counts as waiting "
                        "for it as long as the computer shows activity."), text=last)
            platform = " ".join((platform or "").split())
            if not ok or not platform:
                self.widget.set_availability(None)
                return
        if on:
            self.window.ctx.store.set("availability.last_platform", platform)
            self.meter.signal("availability", on=True, platform=platform)
            self.widget.set_availability(platform)
        else:
            self.meter.signal("availability", on=False)
            self.widget.set_availability(None)
        self.widget.refresh()

    def _view_changed(self, name: str) -> None:
        if name == "task" and self.widget.platform is not None:  # the engine ends it there too
            self.widget.set_availability(None)
        self.widget.refresh()

    # ------------------------------------------------------------------ breaks

    def eventFilter(self, obj, event):  # noqa: N802 - Qt API
        """During a break, the first key or click in the window asks once whether the break is over."""
        if self.widget.on_break and not self._asked_this_break and event.type() in (
                QtCore.QEvent.Type.KeyPress, QtCore.QEvent.Type.MouseButtonPress) \
                and isinstance(obj, QtWidgets.QWidget) and obj.window() is self.window \
                and not self._is_break_control(obj):
            self._asked_this_break = True
            self.break_question.ask()
        return False

    def _is_break_control(self, obj) -> bool:
        controls = (self.widget.break_button, self.break_question)
        return any(obj is c or c.isAncestorOf(obj) for c in controls)

    def _break_answered(self, over: bool) -> None:
        if over:
            self.widget.set_break(False)

    def _break_changed(self, on: bool) -> None:
        self._asked_this_break = False
        self._watch_input(on)
        if not on:
            self.break_question.hide()

    def _watch_input(self, on: bool) -> None:
        """Look at keys and clicks (``eventFilter``) while a break is on, and not otherwise: an
        application-wide Python filter costs every event of the window (each key, each paint)."""
        app = QtWidgets.QApplication.instance()
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)

    # ------------------------------------------------------------------ meter

    def _heartbeat(self) -> None:
        if QtWidgets.QApplication.applicationState() != QtCore.Qt.ApplicationState.ApplicationActive:
            seconds = self.system_idle.seconds()
            if seconds is not None:
                self.meter.signal("system_idle", seconds=round(seconds, 1))

    def _records(self, rows) -> None:
        for row in rows:
            if row.kind == "interval" and row.category == "away":
                self.prompt.show_for(row.seq, row.start, row.end)
        if any(row.kind in ("interval", "correction") for row in rows):
            self.view.schedule_refresh()
            self.widget.refresh()


def install(window) -> MeteringUi:
    return MeteringUi(window)
