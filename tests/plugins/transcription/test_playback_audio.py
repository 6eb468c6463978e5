"""Real playback through PulseAudio's null sink (started by tools/test-services, which .ci/run runs)."""
from __future__ import annotations

import os

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
    reports: list[float] = []
    editor.transport.player.positionChanged.connect(lambda ms: reports.append(ms / 1000))
    qtbot.keyClick(editor.text, Key.Key_Space, CTRL)
    assert editor.transport.playing
    # the device plays at the chosen speed (not timed against a clock here: on a loaded machine the
    # reports come late, the sound does not)
    assert editor.transport.player.playbackRate() == 2.0
    qtbot.waitUntil(lambda: bool(reports) and reports[-1] >= 3.5, timeout=30000)
    assert reports == sorted(reports)  # the sound runs forward
    # the playhead on screen follows the sound (interpolated between the player's reports)
    qtbot.waitUntil(lambda: editor.waves.head.value() >= 3.5, timeout=30000)
    qtbot.keyClick(editor.text, Key.Key_Space, CTRL)
    assert not editor.transport.playing
    qtbot.waitUntil(lambda: abs(editor.waves.head.value() - editor.transport.position()) < 0.05, timeout=30000)
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
    def loops() -> int:
        return sum(a > 2.9 and b < 2.7 for a, b in zip(positions, positions[1:]))

    qtbot.waitUntil(lambda: loops() >= 2, timeout=30000)  # back to the start, twice
    # looping, never running on (how close to the selection's end it turns is timing, left to the ear)
    assert max(positions) < 8.0 and editor.current == 1
    editor.transport.pause()
    assert QtCore.QCoreApplication.instance() is not None
