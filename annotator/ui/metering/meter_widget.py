"""The live meter in the status bar: the current category, today's totals, and a Break button."""
from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from annotator.core.metering.engine import CATEGORIES
from annotator.ui.metering.common import COLORS, category_name, duration


class MeterWidget(QtWidgets.QWidget):
    """Refreshes once a second while visible; clicking the totals opens the timesheet."""

    timesheet_requested = QtCore.Signal()
    recorded_requested = QtCore.Signal()
    add_time_requested = QtCore.Signal()
    break_changed = QtCore.Signal(bool)
    availability_requested = QtCore.Signal(bool)  # on / off

    def __init__(self, meter, parent=None):
        super().__init__(parent)
        self.meter = meter
        self.on_break = False
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(8)
        self.dot = QtWidgets.QLabel("●")
        self.dot.setObjectName("MeterDot")
        layout.addWidget(self.dot)
        self.current = QtWidgets.QLabel()
        self.current.setObjectName("MeterCurrent")
        self.current.setStyleSheet("font-weight: 600;")
        layout.addWidget(self.current)
        self.today = QtWidgets.QToolButton()
        self.today.setObjectName("MeterToday")
        self.today.setAutoRaise(True)
        self.today.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.today.clicked.connect(self.timesheet_requested)
        layout.addWidget(self.today)
        self.info = QtWidgets.QToolButton()
        self.info.setText("?")
        self.info.setAutoRaise(True)
        self.info.setToolTip(self.tr("What is recorded"))
        self.info.clicked.connect(self.recorded_requested)
        layout.addWidget(self.info)
        self.available = QtWidgets.QPushButton(self.tr("Looking for work…"))
        self.available.setObjectName("AvailabilityButton")
        self.available.setCheckable(True)
        self.available.setFocusPolicy(QtCore.Qt.FocusPolicy.TabFocus)
        self.available.setToolTip(self.tr("Availability mode: while you watch a platform for tasks outside the app, "
                                          "the time counts as waiting for that platform as long as the computer "
                                          "shows activity. It ends when you switch it off or open a task."))
        self.available.clicked.connect(lambda on: self.availability_requested.emit(bool(on)))
        layout.addWidget(self.available)
        self.platform: str | None = None
        add = QtWidgets.QToolButton()
        add.setObjectName("AddTimeButton")
        add.setText(self.tr("Add time…"))
        add.setAutoRaise(True)
        add.setToolTip(self.tr("Declare time the app could not see (kept apart as declared)"))
        add.clicked.connect(self.add_time_requested)
        layout.addWidget(add)
        self.add_button = add
        self.break_button = QtWidgets.QPushButton(self.tr("Break"))
        self.break_button.setObjectName("BreakButton")
        self.break_button.setCheckable(True)
        self.break_button.setFocusPolicy(QtCore.Qt.FocusPolicy.TabFocus)  # reachable by Tab, never takes a click's focus
        self.break_button.setToolTip(self.tr("Declare a break (Ctrl+Shift+B): its time is counted as break, never as "
                                             "away"))
        self.break_button.toggled.connect(self.set_break)
        layout.addWidget(self.break_button)
        self.timer = QtCore.QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def set_break(self, on: bool) -> None:
        on = bool(on)
        if on == self.on_break:
            return
        self.on_break = on
        self.meter.signal("break", on=on)
        self.break_button.blockSignals(True)
        self.break_button.setChecked(on)
        self.break_button.blockSignals(False)
        self.break_button.setText(self.tr("End break") if on else self.tr("Break"))
        self.break_changed.emit(on)
        self.refresh()

    def set_availability(self, platform: str | None) -> None:
        """Show availability mode on (for ``platform``) or off; always visible while on."""
        self.platform = platform
        self.available.blockSignals(True)
        self.available.setChecked(platform is not None)
        self.available.blockSignals(False)
        if platform is None:
            self.available.setText(self.tr("Looking for work…"))
            self.available.setStyleSheet("")
        else:
            shown = platform if len(platform) <= 32 else platform[:31] + "…"
            self.available.setText(self.tr("Looking for work on %1 · stop").replace("%1", shown))
            self.available.setStyleSheet("QPushButton { background: #fef7e0; border: 1px solid #f9ab00; "
                                         "font-weight: 600; padding: 2px 8px; }")

    def refresh(self) -> None:
        live = self.meter.live()
        if live is None:
            self.current.setText(self.tr("not metered"))
            self.today.setText("")
            return
        current, totals = live
        current = current or "waiting"
        self.current.setText(category_name(current))
        self.dot.setStyleSheet(f"color: {COLORS.get(current, '#80868b')};")
        shown = [c for c in CATEGORIES if totals.get(c, 0) >= 30]
        parts = [f"{category_name(c)} {duration(totals[c])}" for c in shown[:4]]
        self.today.setText(self.tr("Today: %1").replace("%1", " · ".join(parts) if parts else "0:00"))
        tip = [self.tr("Today, hours:minutes:seconds")] + [f"{category_name(c)}: {duration(totals.get(c, 0))}"
                                                             for c in CATEGORIES]
        tip.append(self.tr("Click to open the timesheet."))
        self.today.setToolTip("\n".join(tip))
