"""Killing the app mid-edit loses nothing: a real window in a subprocess draws shapes, gets SIGKILL,
and the store reopened afterwards holds every shape, the nudges and the unfinished polygon."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from annotator.core.library import import_pack
from annotator.core.store import Store
from tests.plugins.image.conftest import image_pack

ROOT = Path(__file__).resolve().parents[3]


def test_sigkill_mid_edit_keeps_every_shape(tmp_path, registry):
    data = tmp_path / "data"
    with Store(data) as store:
        row = import_pack(image_pack(tmp_path / "pack", n=2), store, registry).pack
        store.mark_terms_seen(row.pk)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "tests.plugins.image.kill_driver", str(data)], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    watchdog = threading.Timer(240, proc.kill)  # a stuck app must not hang the suite
    watchdog.start()
    try:
        for line in proc.stdout:  # every step is saved at once: "ready" means the store has it all
            lines.append(line.strip())
            if line.strip() == "ready":
                break
        assert lines and lines[-1] == "ready", (lines, proc.stderr.read() if proc.poll() is not None else "")
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(60)
    assert proc.returncode == -signal.SIGKILL
    with Store(data) as store:
        pack = store.find_pack("test.images")
        item = store.item_by_id(pack.pk, "img-0")
        saved = store.annotation(item.pk).data
    shapes = saved["shapes"]
    assert [(s["type"], s["label"]) for s in shapes] == [("box", "car")] * 4 + [("point", "person")]
    # the first box was nudged right 5 times (each press one screen pixel) after it was drawn
    assert shapes[0]["points"][0][0] > 21 and shapes[0]["points"][0][1] == pytest.approx(30, abs=0.5)
    assert [s["points"][0][0] for s in shapes[1:4]] == pytest.approx([90, 160, 230], abs=0.5)
    assert saved["draft"]["type"] == "polygon" and saved["draft"]["label"] == "sign"
    flat = [v for p in saved["draft"]["points"] for v in p]
    assert flat == pytest.approx([200, 120, 260, 120, 260, 180], abs=0.5)
    assert item.state == "in_progress"
