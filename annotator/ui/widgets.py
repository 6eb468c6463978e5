"""Small shared widgets and formatting helpers of the window."""
from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from annotator.core import units

# the window's style sheet is the theme's (annotator/ui/theme.py, docs/design.md)


def money(amount: float | None, currency: str | None, stated: bool = False) -> str:
    """:func:`annotator.core.units.money` (the one money formatter) with the window locale's separators."""
    locale = QtCore.QLocale()
    return units.money(amount, currency, decimal_point=locale.decimalPoint(),
                       group_separator=locale.groupSeparator(), stated=stated)


def duration(seconds: float | None) -> str:
    """``45 s``, ``2 min 30 s``, ``1 h 05 min``: :func:`annotator.core.units.duration` in words."""
    return units.duration(seconds, "words")


def title_label(text: str) -> QtWidgets.QLabel:
    label = QtWidgets.QLabel(text)
    label.setObjectName("ViewTitle")
    return label


def muted(text: str = "") -> QtWidgets.QLabel:
    label = QtWidgets.QLabel(text)
    label.setObjectName("Muted")
    label.setWordWrap(True)
    return label


def badge(text: str, kind: str = "Badge") -> QtWidgets.QLabel:
    label = QtWidgets.QLabel(text)
    label.setObjectName(kind)
    return label


class Banner(QtWidgets.QWidget):
    """A dismissable, non-blocking message strip."""

    def __init__(self, parent=None, error: bool = False):
        super().__init__(parent)
        self.setObjectName("ErrorBanner" if error else "Banner")
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QtWidgets.QLabel()
        self.label.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # messages quote pack titles and errors: data
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        close = QtWidgets.QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Dismiss"))
        close.clicked.connect(self.hide)
        layout.addWidget(close)
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.show()



def ask(parent, title: str, text: str, icon=QtWidgets.QMessageBox.Icon.Warning,
        buttons=QtWidgets.QMessageBox.StandardButton.Ok, default=QtWidgets.QMessageBox.StandardButton.NoButton):
    """A message box whose text is plain text, never markup, and the button the worker chose.

    ``QMessageBox.warning`` and its kin guess the format: a first line holding something like a tag
    (a pack title, a file name from a zip, a plugin's exception) would be drawn as HTML.
    """
    box = QtWidgets.QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    if default != QtWidgets.QMessageBox.StandardButton.NoButton:
        box.setDefaultButton(default)
    return QtWidgets.QMessageBox.StandardButton(box.exec())
