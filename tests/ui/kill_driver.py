"""Run the real window and type into a task until killed (driven by test_kill.py).

Prints ``EDIT <item_id> <answer> <note>`` after each edit has been processed by the
app, so the test knows exactly what was on screen when it killed the process.
"""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6 import QtCore
from PySide6.QtTest import QTest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "thirdparty" / "annotator_yesno_plugin"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core.context import AppContext  # noqa: E402
from annotator.core.registry import discover  # noqa: E402
from annotator.core.session import WorkSession  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from annotator.ui.app import make_qapp  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402
from annotator_yesno import plugin  # noqa: E402


def main(data_dir: str) -> int:
    app = make_qapp()
    store = Store(data_dir)
    ctx = AppContext(store=store, registry=discover(extra=[plugin]))
    window = MainWindow(ctx)
    window.show()
    pack = store.packs()[0]
    window.session = WorkSession(store, pack, ctx.meter)
    window.start_task()
    words = "the quick brown fox jumps over the lazy dog ".split(" ")
    step = {"n": 0}

    def edit():
        editor = window.task.editor
        n = step["n"]
        step["n"] += 1
        if n % 15 == 14:  # move on to the next item now and then
            QTest.keyClick(editor, QtCore.Qt.Key.Key_Right, QtCore.Qt.KeyboardModifier.AltModifier)
        elif n % 5 == 0:
            editor.yes.setFocus()
            QTest.keyClick(editor, QtCore.Qt.Key.Key_Y if n % 10 else QtCore.Qt.Key.Key_N)
        else:
            editor.note.setFocus()
            QTest.keyClicks(editor.note, words[n % len(words)][:3] or "_")
        item = window.session.item
        answer = "yes" if editor.yes.isChecked() else "no" if editor.no.isChecked() else "-"
        print(f"EDIT {item.item_id} {answer} {editor.note.text()!r}", flush=True)

    timer = QtCore.QTimer()
    timer.timeout.connect(edit)
    timer.start(3)
    print("READY", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
