"""The editor survives PySide6's None reference-count bug (see annotator_image/_none_guard.py)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = """
import sys
from PySide6 import QtCore, QtGui, QtWidgets
app = QtWidgets.QApplication([])
from annotator_image.editor import ImageEditor
editor = ImageEditor()
image = QtGui.QImage(64, 64, QtGui.QImage.Format.Format_ARGB32)
painter = QtGui.QPainter(image)
poly = QtGui.QPolygonF([QtCore.QPointF(0, 0), QtCore.QPointF(9, 0), QtCore.QPointF(4, 4)])
for _ in range(300_000):  # ~ 150 frames of 2,000 shapes
    painter.drawPolygon(poly)
painter.end()
print("alive")
"""


def test_painting_many_frames_does_not_abort_the_process():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, cwd=ROOT,
                         timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "alive", out.stderr[-2000:]
