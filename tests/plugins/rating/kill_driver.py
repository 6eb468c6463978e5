"""Run the real window on a rating pack and rate and type until killed (see test_kill.py).

Prints ``SHOWN <json>`` after every word or score, with what the screen shows then.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))


def main(data_dir: str, seed: int) -> None:
    from PySide6 import QtWidgets
    from PySide6.QtTest import QTest

    from annotator.core.context import AppContext
    from annotator.core.registry import installed
    from annotator.core.session import WorkSession
    from annotator.core.store import Store
    from annotator.ui.main_window import MainWindow

    app = QtWidgets.QApplication([])
    store = Store(data_dir)
    ctx = AppContext(store=store, registry=installed())
    window = MainWindow(ctx)
    window.show()
    window.session = WorkSession(store, store.packs()[0])
    window.start_task()
    QTest.qWait(50)
    editor = window.task.editor
    box = editor.fields["text:justification"][0]
    criterion = editor.task.criteria[0].id
    rng = random.Random(seed)
    words = "the first answer is right and the second one invents a date ".split()
    actions = 0
    while True:
        actions += 1
        if actions <= 12 and rng.random() < 0.4:  # scores first, then only typing (saved by the text timer)
            rid = rng.choice(editor.order)
            field = editor.fields[f"likert:{rid}:{criterion}"]
            QTest.keyClick(field, str(rng.randint(1, 5)))
        else:
            for char in rng.choice(words) + " ":
                QTest.keyClick(box, char)
        shown = {"justification": box.toPlainText(),
                 "scores": {rid: editor.fields[f"likert:{rid}:{criterion}"].value for rid in editor.order}}
        print("SHOWN", json.dumps(shown), flush=True)
        QTest.qWait(rng.randint(5, 40))
        app.processEvents()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
