"""What a worker met in the transcription editor (issue 18), each seen the way the worker saw it (pytest-qt)."""
from __future__ import annotations

import os
import re

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from annotator.ui import widgets as ui_widgets
from tests.conftest import require_service

from .test_editor import ALT, CTRL, Key, focus, saved_segments, type_text


def needs_audio() -> None:
    require_service("PulseAudio", bool(os.environ.get("ANNOTATOR_TEST_AUDIO")),
                    "no PulseAudio null sink (run tools/test-services start)")


def test_a_timestamp_stands_apart_from_the_word_before_it(open_editor, qtbot):
    editor = open_editor(item={"transcript": ""})
    focus(editor)
    type_text(qtbot, editor.text, "please")
    editor.transport.seek(1.3)
    qtbot.keyClick(editor.text, Key.Key_T, CTRL)
    type_text(qtbot, editor.text, "come")
    assert editor.text.toPlainText() == "please [0:01.3] come"
    qtbot.waitUntil(lambda: [s[3] for s in saved_segments(editor)] == ["please [0:01.3] come"], timeout=2000)


def test_ctrl_left_and_right_move_by_words_in_the_text_and_playback_jumps_on_alt_comma_and_period(open_editor,
                                                                                                  qtbot):
    editor = open_editor(10.0, item={"transcript": "one two three"})
    focus(editor)
    editor.text.moveCursor(QtGui.QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor.text, Key.Key_Left, CTRL)
    assert editor.text.textCursor().position() == len("one two ")
    qtbot.keyClick(editor.text, Key.Key_Left, CTRL)
    assert editor.text.textCursor().position() == len("one ")
    qtbot.keyClick(editor.text, Key.Key_Right, CTRL)
    assert editor.text.textCursor().position() == len("one two ")
    assert editor.transport.position() == 0.0  # the recording did not move
    qtbot.keyClick(editor.text, Key.Key_Period, ALT)
    assert editor.transport.position() == pytest.approx(5.0)
    qtbot.keyClick(editor.text, Key.Key_Comma, ALT)
    assert editor.transport.position() == pytest.approx(0.0)
    assert editor.text.toPlainText() == "one two three" and editor.text.textCursor().position() == len("one two ")
    rows = {row.description: row.keys for row in editor.shortcuts()}
    assert rows["Jump back"] == "Alt+," and rows["Jump forward"] == "Alt+."
    assert "Ctrl+Left" not in editor.keys.bound_keys() and "Ctrl+Right" not in editor.keys.bound_keys()


def every_text_shown(widget: QtWidgets.QWidget) -> list[tuple[str, QtGui.QFont]]:
    found = []
    for child in widget.findChildren(QtWidgets.QWidget):
        if isinstance(child, (QtWidgets.QAbstractButton, QtWidgets.QLabel)) and child.text():
            found.append((child.text(), child.font()))
        elif isinstance(child, QtWidgets.QComboBox):
            found += [(child.itemText(i), child.font()) for i in range(child.count())]
    return found


def test_play_and_pause_show_an_icon_and_no_character_the_fonts_lack(open_editor):
    editor = open_editor()
    for playing in (True, False):
        editor._on_playing(playing)
        assert not editor.play_button.icon().isNull()
        missing = {(text, ch) for text, font in every_text_shown(editor) for ch in text
                   if not QtGui.QFontMetrics(font).inFontUcs4(ord(ch))}
        assert missing == set(), "shown as a missing-glyph box"
    assert editor.play_button.text() == "Play"


def test_the_playback_settings_open_inside_the_window(open_editor, qtbot, window):
    editor = open_editor()
    screen = window.screen().availableGeometry()
    # the window's right edge 250 px short of the screen's: Qt would keep the popup on the screen only
    window.resize(window.minimumSize())
    window.move(screen.right() - 250 - window.frameGeometry().width(), screen.top())
    qtbot.waitUntil(lambda: window.geometry().right() < screen.right() - 200, timeout=2000)
    seen = []

    def look():
        menu = editor.settings_button.menu()
        seen.append((menu.isVisible(), menu.geometry(), window.geometry()))
        menu.close()

    QtCore.QTimer.singleShot(300, look)
    qtbot.mouseClick(editor.settings_button, QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    visible, menu, frame = seen[0]
    assert visible and menu.width() > 100
    assert frame.contains(menu), f"the popup {menu} reaches past the window {frame}"


def test_time_axis_labels_keep_one_format_at_every_zoom(open_editor, qtbot):
    from annotator_transcription._qt.waveview import TimeAxis

    editor = open_editor(60.0)
    waves = editor.waves
    axis = waves.axis
    formats = set()
    for width in (60.0, 30.0, 10.0, 3.0, 1.0, 0.5):
        waves.set_view(12.0, 12.0 + width)
        x0, x1 = waves.view_range()
        for spacing, values in axis.tickValues(x0, x1, axis.width() or 1000):
            for label in axis.tickStrings(values, axis.scale, spacing):
                if label:
                    formats.add(re.sub(r"\d", "9", label))
    assert formats == {"9:99.9"}
    long = TimeAxis("bottom")
    long.set_duration(7200.0)  # past an hour: every label with its hours, from the first one
    assert long.tickStrings([0.0, 3590.0, 3600.0], 1.0, 10.0) == ["0:00:00.0", "0:59:50.0", "1:00:00.0"]


def test_listening_is_remembered_after_leaving_the_item_and_coming_back(open_pack, make_pack, qtbot, monkeypatch):
    needs_audio()
    from .conftest import audio_bytes

    items = [{"id": "first", "media": "media/a.wav", "training": False, "transcript": "call mum"},
             {"id": "second", "media": "media/b.wav", "training": False, "transcript": "call dad"}]
    task = open_pack(make_pack(items, {"media/a.wav": audio_bytes(4.0), "media/b.wav": audio_bytes(4.0)}))
    editor = task.editor
    for _ in range(2):  # the worker listened twice
        editor.transport.seek(0.0)
        editor.transport.play()
        qtbot.waitUntil(lambda: editor.transport.played_seconds > 0.3, timeout=8000)
        editor.transport.pause()
    task.next()
    task.previous()
    assert task.editor.file_label.text() == "a.wav"
    asked = []
    monkeypatch.setattr(ui_widgets, "ask",
                        lambda *a, **k: asked.append(a[2]) or QtWidgets.QMessageBox.StandardButton.Yes)
    task.submit()
    assert not any("You have not played the recording" in text for text in asked)
    # the second recording was never played: its note stays
    task.submit()
    assert any("You have not played the recording" in text for text in asked)


def test_loop_plays_again_a_segment_that_ends_where_the_recording_ends(open_editor, qtbot):
    needs_audio()
    from annotator_transcription._qt.player import Status

    editor = open_editor(2.0, item={"transcript": [{"start": 0.0, "end": 1.0, "text": "one"},
                                                   {"start": 1.0, "end": 2.0, "text": "two"}]})
    assert editor.segments[-1].end == pytest.approx(editor.duration)
    editor.set_current(1)
    editor.loop_check.setChecked(True)
    transport = editor.transport
    transport.seek(1.2)
    transport.play()
    qtbot.waitUntil(lambda: transport.playing and transport.position() > 1.25, timeout=10000)
    # the player says the recording has ended while the playhead is still short of the end (its last
    # position reports come a buffer early): playback goes round to the segment's start, it does not stop
    transport.player.mediaStatusChanged.emit(Status.EndOfMedia)
    qtbot.waitUntil(lambda: transport.playing and 1.0 <= transport.position() < 1.5, timeout=10000)
    positions: list[float] = []
    transport.position_changed.connect(positions.append)
    # and on its own, at the end of the file, the same
    qtbot.waitUntil(lambda: any(a > 1.8 and b < 1.3 for a, b in zip(positions, positions[1:])), timeout=15000)
    assert transport.playing
    transport.pause()
