"""Killing the app while rating and typing loses nothing that was on screen for more than a fraction of a second."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.core.library import import_pack
from annotator.core.store import Store
from annotator_rating._qt.editor import TEXT_SAVE_MS

from tests.plugins.rating.conftest import PAIR_ITEM

DRIVER = Path(__file__).with_name("kill_driver.py")


@pytest.mark.parametrize("seed,keys", [(1, 40), (2, 90)])
def test_a_kill_mid_typing_loses_at_most_the_last_half_second(tmp_path, registry, rating_pack, seed, keys):
    data = tmp_path / "data"
    with Store(data) as store:
        pack = import_pack(rating_pack(task={"modes": ["likert", "justification"]}), store, registry).pack
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen([sys.executable, str(DRIVER), str(data), str(seed)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env)
    history: list[tuple[float, dict]] = []
    try:
        for line in proc.stdout:
            if line.startswith("SHOWN "):
                _, stamp, payload = line.rstrip("\n").split(" ", 2)
                history.append((float(stamp), json.loads(payload)))
                if len(history) >= keys:
                    os.kill(proc.pid, signal.SIGKILL)
                    killed_at = time.monotonic()
                    break
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert len(history) >= keys, "the driver stopped before it was killed"
    with Store(data) as store:
        row = store.annotation(store.item_by_id(pack.pk, PAIR_ITEM["id"]).pk)
        saved = dict(row.data)
    last = history[-1][1]
    # choices are saved before they show: the last scores on screen are in the store
    on_screen = {rid: value for rid, value in last["scores"].items() if value is not None}
    assert {rid: per["overall"] for rid, per in saved.get("scores", {}).items()} == on_screen
    # typing: what is saved is what was on screen at some moment, and no older than the save interval
    text = saved.get("justification", "")
    assert last["justification"].startswith(text)
    old_enough = [shown["justification"] for stamp, shown in history if stamp < killed_at - TEXT_SAVE_MS / 1000 - 0.35]
    if old_enough:
        assert len(text) >= len(old_enough[-1]), (text, old_enough[-1])
