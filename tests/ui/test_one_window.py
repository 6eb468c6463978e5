"""One window per data folder: a second window says the folder is in use and can bring the first one to
the front; writing commands are refused while the window is open, reading ones still work; a missing
store at start-up is a dialog that can restore the latest backup."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6 import QtWidgets

from annotator.core import backup
from annotator.core.library import import_pack
from annotator.core.lock import FolderInUse
from annotator.core.store import Store
from annotator.ui.app import build_context, open_context
from annotator.ui.startup import attach
from tests.packs import write_pack

ROOT = Path(__file__).resolve().parents[2]


def click(text: str, seen: list):
    """An ``answer`` for the start-up dialogs: remember the dialog's text, press the button named ``text``."""

    def answer(box: QtWidgets.QMessageBox):
        seen.append((box.text(), box.informativeText(), [b.text() for b in box.buttons()]))
        box.show()
        [button] = [b for b in box.buttons() if b.text() == text]
        return button

    return answer


@pytest.fixture
def first_window(qtbot, tmp_path, registry):
    from annotator.ui.main_window import MainWindow

    data = tmp_path / "data"
    with Store(data) as store:
        import_pack(write_pack(tmp_path / "src"), store, registry)
    ctx = build_context(data)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    server = attach(window, ctx.store)
    window.show()
    qtbot.waitExposed(window)
    yield data, ctx, window, server
    window.close()
    ctx.store.close()


def test_a_second_window_on_the_same_folder_is_refused_and_brings_the_first_to_the_front(qtbot, first_window):
    data, ctx, window, server = first_window
    starts = ctx.store.engine.connect().exec_driver_sql(
        "SELECT count(*) FROM meter_signals WHERE kind = 'app_start'").scalar()
    seen: list = []
    with qtbot.waitSignal(server.raised, timeout=10000):
        assert open_context(data, click("Show the open window", seen)) == 0
    text, info, buttons = seen[0]
    assert "already open in another annotator window" in text and str(data) in text
    assert "counted twice" in info and buttons == ["Show the open window", "Close"]
    # the second start wrote nothing: no second meter, no second run
    with ctx.store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM meter_signals WHERE kind = 'app_start'").scalar() == starts
    seen.clear()
    assert open_context(data, click("Close", seen)) == 2


def test_the_folder_is_free_again_once_the_first_window_has_quit(qtbot, first_window):
    data, ctx, window, _ = first_window
    with pytest.raises(FolderInUse):
        build_context(data)
    window.close()
    ctx.store.close()
    second = build_context(data)
    second.store.close()


def test_a_missing_store_at_start_up_is_a_dialog_that_restores_the_latest_backup(qtbot, tmp_path, registry):
    data = tmp_path / "data"
    with Store(data) as store:
        import_pack(write_pack(tmp_path / "src"), store, registry)
    made = backup.create(data, "manual")
    (data / "annotator.sqlite3").write_bytes(b"")
    seen: list = []
    assert open_context(data, click("Quit", seen)) == 2
    assert (data / "annotator.sqlite3").stat().st_size == 0  # quitting changed nothing
    text, info, buttons = seen[0]
    assert "missing or empty" in text and "imported packs" in text and "nothing was lost" in text
    assert "annotator restore --latest" in info and buttons == ["Restore the latest backup", "Quit"]
    ctx = open_context(data, click("Restore the latest backup", seen))
    try:
        assert [p.pack_id for p in ctx.store.packs()] == ["test.pack"]
    finally:
        ctx.store.close()
    assert made.path.exists()


def _wait_for(predicate, what: str, proc=None, timeout: float = 120):
    deadline = time.monotonic() + timeout
    while not predicate():
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the window ended early while waiting for {what}: {proc.stderr.read()}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def test_two_real_processes_one_window_per_folder(tmp_path, registry, qapp):
    data = tmp_path / "data"
    pack = write_pack(tmp_path / "src")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ANNOTATOR_LOCK_WAIT": "0",
           "PYTHONPATH": f"{ROOT}:{ROOT / 'plugins'}"}
    cli = [sys.executable, "-m", "annotator", "--data-dir", str(data)]
    assert subprocess.run(cli + ["pack", "import", str(pack)], env=env, capture_output=True).returncode == 0
    first = subprocess.Popen(cli, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        info = data / "annotator.lock.json"

        def window_holds_the_folder():
            try:
                return json.loads(info.read_text()).get("pid") == first.pid
            except (OSError, ValueError):
                return False

        _wait_for(window_holds_the_folder, "the window to take the folder", first)
        # a writing command is refused in one line; a reading one still works
        write = subprocess.run(cli + ["pack", "import", str(pack)], env=env, capture_output=True, text=True)
        assert write.returncode == 2 and write.stderr.count("\n") == 1
        assert f"in use by the annotator window (process {first.pid}" in write.stderr
        read = subprocess.run(cli + ["pack", "list"], env=env, capture_output=True, text=True)
        assert read.returncode == 0 and "test.pack" in read.stdout
        # a second window process says so on stderr before its dialog opens, and never starts a meter
        second = subprocess.Popen(cli, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            line = second.stderr.readline()
            assert "is in use by the annotator window" in line
        finally:
            second.kill()
            second.wait(30)
        # the dialog's button asks the first window to come up, through the folder's local socket
        from annotator.ui.startup import ask_to_raise

        log = data / "logs" / "annotator.log"
        assert ask_to_raise(data)
        _wait_for(lambda: log.exists() and "comes to the front" in log.read_text(), "the first window to come up",
                  first)
    finally:
        first.send_signal(signal.SIGTERM)  # closes the window properly (app_quit)
        first.wait(60)
    with Store(data) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM meter_signals WHERE kind = 'app_start'").scalar() == 1
    again = subprocess.run(cli + ["meter", "thresholds", "--set", "work=180"], env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr  # the folder is free once the window has quit


def test_the_window_makes_the_days_backup_in_the_background(qtbot, first_window):
    data, ctx, window, _ = first_window
    qtbot.waitUntil(lambda: [b.kind for b in backup.list_backups(data)] == ["daily"], timeout=30000)
    ctx.store.close()  # waits for the copy to be whole
    assert backup.summary(backup.list_backups(data)[0].path).packs == 1
