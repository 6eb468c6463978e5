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


def type_and_kill(data_dir: Path, edits_before_kill: int) -> dict[str, tuple[str, str]]:
    """Run the app, let it make edits, SIGKILL it; return the last state shown per item."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    errors = open(data_dir.parent / "driver-stderr.txt", "w+")
    proc = subprocess.Popen([sys.executable, str(DRIVER), str(data_dir)], stdout=subprocess.PIPE,
                            stderr=errors, text=True, env=env)
    watchdog = threading.Timer(120, proc.kill)  # a stuck app must not hang the suite
    watchdog.start()
    shown: dict[str, tuple[str, str]] = {}
    count = 0
    try:
        for line in proc.stdout:
            if line.startswith("EDIT "):
                _, item, answer, note = line.rstrip("\n").split(" ", 3)
                shown[item] = (answer, ast.literal_eval(note))
                count += 1
                if count >= edits_before_kill:
                    os.kill(proc.pid, signal.SIGKILL)
                    break
    finally:
        watchdog.cancel()
        proc.kill()
        proc.wait(timeout=30)
    errors.seek(0)
    stderr = errors.read()[-3000:]
    errors.close()
    assert count >= edits_before_kill, f"the app stopped after {count} edits:\n{stderr}"
    assert proc.returncode == -signal.SIGKILL, stderr
    return shown


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_edit_on_screen_survives_a_kill(tmp_path, registry_with_yesno, seed):
    data = tmp_path / "data"
    with Store(data) as store:
        pack = import_pack(yesno_pack(tmp_path / "p", n=40), store, registry_with_yesno).pack
    edits = random.Random(seed).randint(25, 160)
    shown = type_and_kill(data, edits)

    with Store(data) as store:  # the file is whole after the kill (WAL recovery)
        assert store.engine.connect().exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        for item_id, (answer, note) in shown.items():
            row = store.annotation(store.item_by_id(pack.pk, item_id).pk)
            saved = dict(row.data) if row else {}
            assert saved.get("note", "") == note, (item_id, saved, note)
            assert saved.get("answer", "-") == answer, (item_id, saved, answer)
        last_item = list(shown)[-1]
        assert store.get("session")["item_id"] == last_item


def test_the_app_reopens_on_the_item_being_edited_after_a_kill(qtbot, tmp_path, registry_with_yesno):
    from annotator.core.context import AppContext
    from annotator.ui.main_window import MainWindow

    data = tmp_path / "data"
    with Store(data) as store:
        import_pack(yesno_pack(tmp_path / "p", n=40), store, registry_with_yesno)
    shown = type_and_kill(data, 40)
    last_item, (answer, note) = list(shown.items())[-1]
    with Store(data) as store:
        window = MainWindow(AppContext(store=store, registry=registry_with_yesno))
        qtbot.addWidget(window)
        window.show()
        window.restore_session()
        assert window.current_view == "task"
        assert window.session.item.item_id == last_item
        assert window.task.editor.note.text() == note
        window.close()
