"""Killing the app at any moment loses nothing that was on screen."""
from __future__ import annotations

import ast
import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from annotator.core.library import import_pack
from annotator.core.store import Store
from tests.ui.helpers import yesno_pack

DRIVER = Path(__file__).with_name("kill_driver.py")


State = tuple[str, str]  # (answer, note) of one item


class Run:
    """What the driver showed: the state after each finished step, and the step in flight when killed."""

    def __init__(self):
        self.done: dict[str, State] = {}  # item -> state on screen after its last finished step
        self.last_item = ""  # the item on screen after the last finished step
        self.finished = 0
        self.in_flight: tuple[str, State] | None = None  # a step begun, not finished: (item, state after it)
        self.predictions_missed: list[str] = []

    def read(self, line: str) -> None:
        kind, n, item, answer, note = line.rstrip("\n").split(" ", 4)
        state = (answer, ast.literal_eval(note))
        if kind == "STEP":
            self.in_flight = (item, state)
        elif kind == "EDIT":
            if self.in_flight != (item, state):
                self.predictions_missed.append(f"step {n}: expected {self.in_flight}, shown {(item, state)}")
            self.in_flight = None
            self.done[item] = state
            self.last_item = item
            self.finished += 1

    def accepted(self, item: str) -> list[State]:
        """The states the store may hold for ``item``: after its last finished step, or after the one in flight."""
        states = [self.done.get(item, ("-", ""))]
        if self.in_flight is not None and self.in_flight[0] == item:
            states.append(self.in_flight[1])
        return states

    def items_shown(self) -> list[str]:
        """The item on screen at the kill: the last finished step's, or the one the step in flight moved to."""
        return [self.last_item] + ([self.in_flight[0]] if self.in_flight else [])


def type_and_kill(data_dir: Path, edits_before_kill: int) -> Run:
    """Run the app, let it make edits, SIGKILL it mid-work; return what it showed (read to the end of its output)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    errors = open(data_dir.parent / "driver-stderr.txt", "w+")
    proc = subprocess.Popen([sys.executable, str(DRIVER), str(data_dir)], stdout=subprocess.PIPE,
                            stderr=errors, text=True, env=env)
    watchdog = threading.Timer(240, proc.kill)  # a stuck app must not hang the suite
    watchdog.start()
    run = Run()
    try:
        for line in proc.stdout:
            if line.startswith(("STEP ", "EDIT ")):
                run.read(line)
                if run.finished >= edits_before_kill and line.startswith("EDIT "):
                    os.kill(proc.pid, signal.SIGKILL)  # the driver goes on editing until the signal lands
                    break
        for line in proc.stdout:  # what it printed before it died: the pipe keeps it
            if line.startswith(("STEP ", "EDIT ")):
                run.read(line)
    finally:
        watchdog.cancel()
        proc.kill()
        proc.wait(timeout=60)
    errors.seek(0)
    stderr = errors.read()[-3000:]
    errors.close()
    assert run.finished >= edits_before_kill, f"the app stopped after {run.finished} edits:\n{stderr}"
    assert proc.returncode == -signal.SIGKILL, stderr
    assert not run.predictions_missed, run.predictions_missed[:5]  # the driver knows what each step does
    return run


def saved_state(store: Store, pack_pk: int, item_id: str) -> State:
    row = store.annotation(store.item_by_id(pack_pk, item_id).pk)
    saved = dict(row.data) if row else {}
    return saved.get("answer") or "-", saved.get("note", "")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_edit_on_screen_survives_a_kill(tmp_path, registry_with_yesno, seed):
    data = tmp_path / "data"
    with Store(data) as store:
        pack = import_pack(yesno_pack(tmp_path / "p", n=40), store, registry_with_yesno).pack
    edits = random.Random(seed).randint(25, 160)
    run = type_and_kill(data, edits)

    with Store(data) as store:  # the file is whole after the kill (WAL recovery)
        assert store.engine.connect().exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        for item_id in set(run.done) | set(run.items_shown()):
            assert saved_state(store, pack.pk, item_id) in run.accepted(item_id), (item_id, run.accepted(item_id))
        assert store.get("session")["item_id"] in run.items_shown()


def test_the_app_reopens_on_the_item_being_edited_after_a_kill(qtbot, tmp_path, registry_with_yesno):
    from annotator.core.context import AppContext
    from annotator.ui.main_window import MainWindow

    data = tmp_path / "data"
    with Store(data) as store:
        import_pack(yesno_pack(tmp_path / "p", n=40), store, registry_with_yesno)
    run = type_and_kill(data, 40)
    with Store(data) as store:
        window = MainWindow(AppContext(store=store, registry=registry_with_yesno))
        qtbot.addWidget(window)
        window.show()
        window.restore_session()
        assert window.current_view == "task"
        item_id = window.session.item.item_id
        assert item_id in run.items_shown()
        answer, note = saved_state(store, window.session.pack.pk, item_id)
        assert (answer, note) in run.accepted(item_id)
        assert window.task.editor.note.text() == note
        window.close()
