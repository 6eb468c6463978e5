"""The Qt binding must keep None, True and False alive: PySide6 6.12.0 under Python 3.11 does not.

Its void and bool methods (``QLabel.setText``, ``QPointF.setX``, ``QWidget.isVisible``...)
return those singletons without taking a reference, so after a few thousand calls the
interpreter aborts with "deallocating None" — painting 2,000 shapes, playing audio or
typing a justification all get there within seconds. pyproject.toml excludes that
release (docs/adr/0302-not-pyside6-6-12-0.md); this test says so if a broken binding
comes back. It runs in a subprocess, since a broken binding would abort the suite.
"""
import subprocess
import sys

PROBE = """
import sys
from PySide6 import QtCore, QtGui, QtWidgets
app = QtWidgets.QApplication([])
label, point = QtWidgets.QLabel(), QtCore.QPointF()
cursor = QtGui.QTextCursor(QtGui.QTextDocument())
before = [sys.getrefcount(x) for x in (None, True, False)]
for _ in range(20000):
    label.setText("x"); point.setX(1.0); cursor.insertText("y"); label.isVisible(); label.isHidden()
after = [sys.getrefcount(x) for x in (None, True, False)]
print(" ".join(str(b - a) for a, b in zip(before, after)))
"""


def test_qt_calls_do_not_drain_none_true_or_false():
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120,
                          env={"QT_QPA_PLATFORM": "offscreen", **__import__("os").environ})
    assert proc.returncode == 0, f"the Qt binding aborted the interpreter:\n{proc.stderr[-2000:]}"
    lost = [int(x) for x in proc.stdout.split()]
    assert all(n > -100 for n in lost), (f"this PySide6 build loses references to None/True/False {lost} "
                                         "(docs/adr/0302-not-pyside6-6-12-0.md)")
