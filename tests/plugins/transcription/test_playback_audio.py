"""Real playback through PulseAudio's null sink (started by tools/test-services, which .ci/run runs)."""
from __future__ import annotations

import os
import time

import pytest
from PySide6 import QtCore

from tests.conftest import require_service

from .test_editor import CTRL, Key, focus

pytestmark = pytest.mark.audio


@pytest.fixture(autouse=True)
def _needs_audio():
    require_service("PulseAudio", bool(os.environ.get("ANNOTATOR_TEST_AUDIO")),
                    "no PulseAudio null sink (run tools/test-services start)")


def test_a_real_file_plays_and_the_playhead_advances_at_the_chosen_speed(open_editor, qtbot, app_ctx):
    editor = open_editor(8.0)
    focus(editor)
    for _ in range(4):
        qtbot.keyClick(editor.text, Key.Key_Equal, CTRL)
    assert editor.speed_combo.currentText() == "2×"
    reports: list[tuple[float, float]] = []
    editor.transport.player.positionChanged.connect(lambda ms: reports.append((time.monotonic(), ms / 1000)))
    qtbot.keyClick(editor.text, Key.Key_Space, CTRL)
    assert editor.transport.playing
    # the first reports come from pre-roll while the device starts: measure in steady playback,
    # from 1 s to at least 3.5 s of sound (1.25 s of wall time at 2x)
    qtbot.waitUntil(lambda: bool(reports) and reports[-1][1] >= 3.5, timeout=8000)
    t0, p0 = next((t, p) for t, p in reports if p >= 1.0)
    t1, p1 = reports[-1]
    rate = (p1 - p0) / (t1 - t0)
    assert 1.7 < rate < 2.3, f"played {p1 - p0:.2f} s of sound in {t1 - t0:.2f} s: {reports}"
    # the playhead on screen follows the sound (interpolated between the player's reports)
    head = editor.waves.head.value()
    assert head > p0 and abs(head - editor.transport.position()) < 0.25
    qtbot.keyClick(editor.text, Key.Key_Space, CTRL)
    assert not editor.transport.playing
    assert [s["playing"] for s in app_ctx.meter.signals if s["kind"] == "media"] == [True, False]


def test_loop_a_selection_and_auto_advance_through_segments(open_editor, qtbot):
    editor = open_editor(8.0, item={"transcript": [{"start": 0.0, "end": 1.0, "text": "one"},
                                                   {"start": 1.0, "end": 2.0, "text": "two"},
                                                   {"start": 2.0, "end": 8.0, "text": "three"}]})
    focus(editor)
    editor.speed_combo.setCurrentIndex(editor.speed_combo.findText("2×"))
    # auto-advance: the text box follows playback into the next segment
    editor.advance_check.setChecked(True)
    qtbot.keyClick(editor.text, Key.Key_Space, CTRL)
    qtbot.waitUntil(lambda: editor.current == 1, timeout=5000)
    assert editor.text.toPlainText() == "two"
    qtbot.keyClick(editor.text, Key.Key_Space, CTRL)
    # loop a selection: playback comes back to its start instead of running on
    editor.waves.set_selection((2.5, 3.0))
    qtbot.keyClick(editor.text, Key.Key_R, CTRL)
    assert editor.loop_check.isChecked()
    editor.transport.seek(2.5)
    positions: list[float] = []
    editor.transport.position_changed.connect(positions.append)
    qtbot.keyClick(editor.text, Key.Key_Space, CTRL)
    qtbot.waitUntil(lambda: any(a > 2.9 and b < 2.7 for a, b in zip(positions, positions[1:])), timeout=5000)
    qtbot.wait(300)
    assert max(positions) < 3.3 and editor.current == 1  # looping, not advancing
    editor.transport.pause()
    assert QtCore.QCoreApplication.instance() is not None
