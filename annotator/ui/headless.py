"""Qt for command-line work (PDFs, charts): an application object, offscreen when there is no display."""
from __future__ import annotations

import os

from PySide6 import QtCore, QtGui, QtWidgets

_kept: list[QtCore.QCoreApplication] = []


def ensure_app(widgets: bool = False) -> QtCore.QCoreApplication:
    """The running Qt application, or a new one (a QApplication when ``widgets`` is asked for).

    Without a display (no ``DISPLAY`` or ``WAYLAND_DISPLAY``) Qt draws offscreen.
    """
    app = QtCore.QCoreApplication.instance()
    if app is not None:
        if widgets and not isinstance(app, QtWidgets.QApplication):
            raise RuntimeError("a QGuiApplication is running; charts need a QApplication")
        return app
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = (QtWidgets.QApplication if widgets else QtGui.QGuiApplication)(["annotator"])
    _kept.append(app)  # alive for the whole process
    return app
