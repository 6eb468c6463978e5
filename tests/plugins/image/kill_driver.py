"""Run by test_kill.py in a subprocess: the real window on an image pack, shapes drawn with real
mouse and key events, then it waits to be killed. Prints one line per finished step."""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(data_dir: str) -> None:
    from PySide6 import QtWidgets
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtTest import QTest

    from annotator.ui.app import build_context
    from annotator.ui.main_window import MainWindow

    app = QtWidgets.QApplication([])
    ctx = build_context(Path(data_dir))
    window = MainWindow(ctx)
    window.resize(1200, 800)
    window.show()
    from annotator.core.session import WorkSession

    pack = ctx.store.find_pack("test.images")
    window.session = WorkSession(ctx.store, pack, window.meter)  # as after the terms check
    window.start_task()
    QTest.qWaitForWindowExposed(window)
    QTest.qWait(100)  # let the layout settle, as a worker sees it before the first click
    editor = window.task.editor
    canvas = editor.canvas
    canvas.setFocus()
    vp = canvas.viewport()

    def at(x, y):
        return canvas.mapFromScene(QPointF(x, y))

    def say(text):
        print(text, flush=True)

    QTest.keyClick(canvas, Qt.Key.Key_B)
    for i in range(4):
        x = 20 + i * 70
        QTest.mousePress(vp, Qt.MouseButton.LeftButton, pos=at(x, 30))
        QTest.mouseMove(vp, at(x + 25, 60))
        QTest.mouseMove(vp, at(x + 50, 80))
        QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=at(x + 50, 80))
        say(f"box {i}")
    QTest.keyClick(canvas, Qt.Key.Key_2)
    QTest.keyClick(canvas, Qt.Key.Key_K)
    QTest.mouseClick(vp, Qt.MouseButton.LeftButton, pos=at(160, 200))
    say("point")
    QTest.keyClick(canvas, Qt.Key.Key_V)
    QTest.mouseClick(vp, Qt.MouseButton.LeftButton, pos=at(45, 55))
    for _ in range(5):
        QTest.keyClick(canvas, Qt.Key.Key_Right)
    say("nudged")
    QTest.keyClick(canvas, Qt.Key.Key_P)
    QTest.keyClick(canvas, Qt.Key.Key_3)
    for x, y in ((200, 120), (260, 120), (260, 180)):
        QTest.mouseClick(vp, Qt.MouseButton.LeftButton, pos=at(x, y))
    say("draft")  # a polygon being drawn, not closed: on screen, so it must survive
    say("ready")
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1])
