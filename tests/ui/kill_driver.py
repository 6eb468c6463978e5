"""Run the real window and edit a task one key or click at a time until killed (driven by test_kill.py).

Each step is one key or click, so one save at most. Before a step it prints ``STEP <n> <item> <answer> <note>``
with the state the step will leave on screen; after it, ``EDIT <n> <item> <answer> <note>`` with the
state on screen (the state saved by then). Killed between the two lines, the store may hold the
state before the step or after it, and nothing else: the test accepts exactly those.
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

TEXT = "the quick brown fox jumps over the lazy dog "


def main(data_dir: str) -> int:
    app = make_qapp()
    store = Store(data_dir)
    ctx = AppContext(store=store, registry=discover(extra=[plugin]))
    window = MainWindow(ctx)
    window.show()
    pack = store.packs()[0]
    window.session = WorkSession(store, pack, ctx.meter)
    window.start_task()
    step = {"n": 0}

    def shown() -> tuple[str, str, str]:
        editor = window.task.editor
        answer = "yes" if editor.yes.isChecked() else "no" if editor.no.isChecked() else "-"
        return window.session.item.item_id, answer, editor.note.text()

    def say(kind: str, n: int, state: tuple[str, str, str]) -> None:
        item, answer, note = state
        print(f"{kind} {n} {item} {answer} {note!r}", flush=True)

    def edit() -> None:
        editor = window.task.editor
        n = step["n"]
        step["n"] += 1
        item, answer, note = shown()
        if n % 15 == 14:  # move on to the next item now and then
            following = store.neighbour(pack.pk, window.session.item.position, +1)
            if following is None:
                expected = (item, answer, note)
            else:
                saved = store.annotation(following.pk)
                data = dict(saved.data) if saved else {}
                expected = (following.item_id, data.get("answer") or "-", data.get("note", ""))
            say("STEP", n, expected)
            QTest.mouseClick(window.task.next_button, QtCore.Qt.MouseButton.LeftButton)
        elif n % 5 == 0:
            button = editor.yes if n % 10 else editor.no
            say("STEP", n, (item, "yes" if button is editor.yes else "no", note))
            button.click()  # as a click on it (its middle may be empty space beside the label)
        else:
            char = TEXT[n % len(TEXT)]
            say("STEP", n, (item, answer, note + char))
            editor.note.setFocus()
            editor.note.end(False)
            QTest.keyClicks(editor.note, char)
        say("EDIT", n, shown())

    timer = QtCore.QTimer()
    timer.timeout.connect(edit)
    timer.start(3)
    print("READY", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
