"""The non-blocking "you were away" prompt: mark an away span as waiting, break, off-screen work, or leave it."""
from __future__ import annotations

from datetime import datetime

from PySide6 import QtCore, QtWidgets

from annotator.ui import theme
from annotator.ui.metering.common import human


class AwayPrompt(QtWidgets.QFrame):
    """Floats at the bottom right of the window; never takes the keyboard focus; the worker may ignore it."""

    corrected = QtCore.Signal(int, str)

    CHOICES = ("waiting", "break", "work", "away")

    def __init__(self, window: QtWidgets.QWidget, meter):
        super().__init__(window)
        self.meter = meter
        self.record: int | None = None
        self.setObjectName("AwayPrompt")
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_StyledBackground, True)
        look = theme.current()  # the theme's warning colours, light or dark (docs/design.md)
        self.setStyleSheet(f"QFrame#AwayPrompt {{ background: {look.hex('warning_bg')}; "
                           f"color: {look.hex('warning_text')}; border: 1px solid {look.hex('warning_border')}; "
                           "border-radius: 6px; }")
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 10)
        top = QtWidgets.QHBoxLayout()
        self.message = QtWidgets.QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-weight: 600;")
        top.addWidget(self.message, 1)
        close = QtWidgets.QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Leave it as away"))
        close.clicked.connect(self.hide)
        top.addWidget(close, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(QtWidgets.QLabel(self.tr("Count this time as:")))
        row = QtWidgets.QHBoxLayout()
        labels = {"waiting": self.tr("Waiting for work"), "break": self.tr("Break"),
                  "work": self.tr("Work done off-screen"), "away": self.tr("Leave as away")}
        self.buttons: dict[str, QtWidgets.QPushButton] = {}
        for choice in self.CHOICES:
            button = QtWidgets.QPushButton(labels[choice])
            button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, c=choice: self.choose(c))
            row.addWidget(button)
            self.buttons[choice] = button
        layout.addLayout(row)
        self.note = QtWidgets.QLineEdit()
        self.note.setPlaceholderText(self.tr("Note (optional): a phone call with the lab, a paper form…"))
        layout.addWidget(self.note)
        hint = QtWidgets.QLabel(self.tr("The measured record is kept; your choice is added as a correction."))
        hint.setObjectName("Muted")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.hide()
        window.installEventFilter(self)

    def show_for(self, seq: int, start: float, end: float) -> None:
        self.record = seq
        a = datetime.fromtimestamp(start).strftime("%H:%M")
        b = datetime.fromtimestamp(end).strftime("%H:%M")
        self.message.setText(self.tr("You were away for %1 (%2–%3).").replace("%1", human(end - start))
                             .replace("%2", a).replace("%3", b))
        self.note.clear()
        self._place()
        self.show()
        self.raise_()

    def choose(self, category: str) -> None:
        if self.record is None:
            return
        note = self.note.text().strip()
        if category != "away" or note:
            self.meter.correct(self.record, None if category == "away" else category, note)
            self.corrected.emit(self.record, category)
        self.record = None
        self.hide()

    def _place(self) -> None:
        parent = self.parentWidget()
        width = min(560, max(360, parent.width() - 40))
        self.resize(width, self.sizeHint().height())
        bottom = parent.height() - 40
        status = parent.statusBar() if hasattr(parent, "statusBar") else None
        if status is not None and status.isVisible():
            bottom = status.geometry().top() - 12
        self.move(parent.width() - width - 16, bottom - self.height())

    def eventFilter(self, obj, event):  # noqa: N802 - Qt API
        if event.type() == QtCore.QEvent.Type.Resize and self.isVisible():
            self._place()
        return False
