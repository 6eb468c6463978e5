"""The metering UI: status-bar meter, away prompt, Timesheet view, "What is recorded" page.

:func:`install` mounts everything into a :class:`annotator.ui.main_window.MainWindow`.
"""
from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from annotator.ui.metering.away_prompt import AwayPrompt
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

        self.widget.timesheet_requested.connect(self.show_timesheet)
        self.widget.recorded_requested.connect(self.show_recorded)
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
        window.view_changed.connect(lambda _name: self.widget.refresh())
        self.meter.listeners.append(self._records)

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
