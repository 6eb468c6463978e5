"""The Qt binding must keep None alive: PySide6 6.12.0 under Python 3.11 does not.

Its void methods (``QLabel.setText``, ``QTextCursor.insertText``...) return None
without taking a reference, so after a few thousand calls the interpreter
aborts with "deallocating None". The rating editor makes such calls on every
keystroke; pyproject.toml excludes that release, and this test says so if a
broken binding comes back.
"""
import sys

from PySide6 import QtGui, QtWidgets


def test_qt_void_calls_do_not_drain_none(qtbot):
    label = QtWidgets.QLabel()
    qtbot.addWidget(label)
    cursor = QtGui.QTextCursor(QtGui.QTextDocument())
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("x")
        cursor.insertText("y")
    assert sys.getrefcount(None) >= before - 50, "this PySide6 build drops references to None (docs/adr/0302-not-pyside6-6-12-0.md)"
