"""Killing the app while rating and typing loses nothing that was saved, and typing is saved as it goes.

Synchronised on what the store has committed, never on a clock: the test reads the store (read
only, beside the running app) until it holds what was on screen after ``keys`` actions, kills the
app while it is still typing, and then checks that the store holds a state that was on screen, no
older than the one it saw committed.
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from annotator.core.library import import_pack
from annotator.core.store import DB_NAME, Store

from tests.plugins.rating.conftest import PAIR_ITEM

DRIVER = Path(__file__).with_name("kill_driver.py")


def committed_text(data: Path, item_pk: int) -> str | None:
    """The justification the store has committed for the item (read only: the app keeps writing)."""
    try:
        with sqlite3.connect(f"file:{data / DB_NAME}?mode=ro", uri=True, timeout=30) as db:
            row = db.execute("SELECT data FROM annotations WHERE item_pk = ?", (item_pk,)).fetchone()
    except sqlite3.OperationalError:  # busy for longer than the timeout: ask again
        return None
    return None if row is None else json.loads(row[0]).get("justification", "")


@pytest.mark.parametrize("seed,keys", [(1, 40), (2, 90)])
def test_a_kill_mid_typing_keeps_what_was_saved_and_typing_is_saved_as_it_goes(tmp_path, registry, rating_pack,
                                                                                 seed, keys):
    data = tmp_path / "data"
    with Store(data) as store:
        pack = import_pack(rating_pack(task={"modes": ["likert", "justification"]}), store, registry).pack
        item_pk = store.item_by_id(pack.pk, PAIR_ITEM["id"]).pk
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen([sys.executable, str(DRIVER), str(data), str(seed)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env)
    watchdog = threading.Timer(240, proc.kill)  # a stuck app must not hang the suite
    watchdog.start()
    history: list[dict] = []
    seen_committed = None
    try:
        for line in proc.stdout:
            if line.startswith("SHOWN "):
                history.append(json.loads(line.split(" ", 1)[1]))
                if len(history) >= keys:
                    break
        target = history[keys - 1]["justification"]
        # the app goes on typing; wait until the store holds what was on screen then, or newer
        while proc.poll() is None:
            text = committed_text(data, item_pk)
            if text is not None and len(text) >= len(target):
                seen_committed = text
                break
            time.sleep(0.02)  # polling the store's state, not timing anything
        os.kill(proc.pid, signal.SIGKILL)
        for line in proc.stdout:  # what it showed before the signal landed: the pipe keeps it
            if line.startswith("SHOWN "):
                history.append(json.loads(line.split(" ", 1)[1]))
    finally:
        watchdog.cancel()
        proc.kill()
        proc.wait(timeout=60)
    assert seen_committed is not None, "typing was never saved while the worker kept typing"
    assert proc.returncode == -signal.SIGKILL
    with Store(data) as store:
        saved = dict(store.annotation(item_pk).data)
    text = saved.get("justification", "")
    # what is saved was typed, and is no older than what the store was seen to hold before the kill
    assert history[-1]["justification"].startswith(text) and len(text) >= len(seen_committed)
    # choices are saved before they show: the last scores on screen are in the store
    last = history[-1]
    on_screen = {rid: value for rid, value in last["scores"].items() if value is not None}
    assert {rid: per["overall"] for rid, per in saved.get("scores", {}).items()} == on_screen
