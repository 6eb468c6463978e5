"""The editor in the real window: typing, keyboard transport, segment editing, undo, damage (pytest-qt)."""
from __future__ import annotations

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from annotator_transcription import segments as S
from annotator.ui import widgets as ui_widgets

from .conftest import audio_bytes

Key = QtCore.Qt.Key
CTRL = QtCore.Qt.KeyboardModifier.ControlModifier
ALT = QtCore.Qt.KeyboardModifier.AltModifier
SHIFT = QtCore.Qt.KeyboardModifier.ShiftModifier


def saved(editor) -> dict | None:
    """The annotation in the store right now (not the editor's idea of it)."""
    host = editor.host
    row = host._session.store.annotation(host.item_row.pk)
    return None if row is None else row.data


def saved_segments(editor):
    return [(s["start"], s["end"], s["speaker"], s["text"]) for s in (saved(editor) or {}).get("segments", [])]


def focus(editor) -> None:
    """Put the cursor in the text box, as a click would (the shortcut map needs one event-loop turn)."""
    editor.text.setFocus()
    QtWidgets.QApplication.processEvents()


def type_text(qtbot, widget, text: str) -> None:
    for char in text:
        qtbot.keyClick(widget, char)


def test_machine_transcript_is_shown_and_typing_is_saved_at_once(open_editor, qtbot):
    editor = open_editor(item={"transcript": "set a timer for 12 minutes"})
    assert editor.text.toPlainText() == "set a timer for 12 minutes"
    assert editor.changes_label.text() == "Machine transcript: not changed yet."
    assert saved(editor) is None  # looking is not working
    focus(editor)
    cursor = editor.text.textCursor()
    cursor.setPosition(len("set a timer for "))
    cursor.movePosition(QtGui.QTextCursor.MoveOperation.NextWord, QtGui.QTextCursor.MoveMode.KeepAnchor)
    editor.text.setTextCursor(cursor)
    type_text(qtbot, editor.text, "twelve ")
    # saved within a second, without leaving the item
    qtbot.waitUntil(lambda: saved_segments(editor) == [(0.0, 6.0, "A", "set a timer for twelve minutes")],
                    timeout=1000)
    qtbot.waitUntil(lambda: editor.changes_label.text() == "Words changed from the machine transcript: 1",
                    timeout=1000)
    assert "line-through" in editor.changes.toHtml() and "twelve" in editor.changes.toPlainText()


def test_keyboard_transport_works_while_typing_and_leaves_the_text_alone(open_editor, qtbot, app_ctx):
    editor = open_editor(10.0, item={"transcript": "one two three"})
    focus(editor)
    editor.text.moveCursor(QtGui.QTextCursor.MoveOperation.End)
    assert editor.text.hasFocus()
    qtbot.keyClick(editor.text, Key.Key_Period, ALT)
    assert editor.transport.position() == pytest.approx(5.0)  # default jump: 5 s
    qtbot.keyClick(editor.text, Key.Key_Comma, ALT)
    qtbot.keyClick(editor.text, Key.Key_Comma, ALT)
    assert editor.transport.position() == pytest.approx(0.0)
    assert editor.text.textCursor().position() == len("one two three")
    assert editor.text.toPlainText() == "one two three"
    assert editor.time_label.text().startswith("0:00.0")
    # speed: Ctrl+= and Ctrl+- step through 0.5x-2x, and the choice is remembered
    for _ in range(5):
        qtbot.keyClick(editor.text, Key.Key_Equal, CTRL)
    assert editor.transport.rate == 2.0 and editor.speed_combo.currentText() == "2×"
    qtbot.keyClick(editor.text, Key.Key_Minus, CTRL)
    assert editor.transport.rate == 1.75
    assert app_ctx.store.get("plugin.transcription.speed") == 1.75
    qtbot.keyClick(editor.text, Key.Key_0, CTRL)
    assert editor.transport.rate == 1.0
    # play and pause: the meter hears about it; resuming rewinds two seconds
    editor.transport.seek(6.0)
    qtbot.keyClick(editor.text, Key.Key_Space, CTRL)
    assert editor.transport.playing and editor.play_button.text() == "Pause"
    assert editor.transport.position() >= 6.0  # a seek just before: no rewind
    qtbot.keyClick(editor.text, Key.Key_Space, CTRL)
    assert not editor.transport.playing
    paused_at = editor.transport.position()
    qtbot.keyClick(editor.text, Key.Key_Space, CTRL)
    assert editor.transport.position() == pytest.approx(max(0.0, paused_at - 2.0), abs=0.05)
    qtbot.keyClick(editor.text, Key.Key_Space, CTRL)
    media = [s["playing"] for s in app_ctx.meter.signals if s["kind"] == "media"]
    assert media == [True, False, True, False]
    assert editor.text.toPlainText() == "one two three"


def test_no_transport_shortcut_takes_a_key_without_a_modifier(open_editor):
    editor = open_editor()
    keys = [s.keys for s in editor.shortcuts()]
    assert {"Ctrl+Space", "Alt+,", "Alt+.", "Ctrl+K", "Ctrl+J", "Ctrl+N", "Ctrl+T", "Ctrl+R"} <= set(keys)
    assert all(k.startswith(("Ctrl+", "Alt+")) for k in keys)
    bound = {QtGui.QKeySequence(k).toString() for k in editor.keys.bound_keys()}
    app_keys = {"Ctrl+Return", "Ctrl+Enter", "Alt+Left", "Alt+Right", "Ctrl+Shift+S", "Ctrl+Shift+F", "Ctrl+Z",
                "Ctrl+Shift+Z", "Ctrl+Y", "Ctrl+L", "Ctrl+I", "Ctrl+E", "Ctrl+,", "Ctrl+/", "Ctrl+PgDown", "Ctrl+PgUp"}
    assert not bound & {QtGui.QKeySequence(k).toString() for k in app_keys}


def test_split_at_the_playhead_merge_and_undo_through_the_window(open_editor, qtbot, window):
    editor = open_editor(item={"transcript": "hello world this is a test"})
    focus(editor)
    editor.transport.seek(2.0)
    cursor = editor.text.textCursor()
    cursor.setPosition(len("hello world "))
    editor.text.setTextCursor(cursor)
    qtbot.keyClick(editor.text, Key.Key_K, CTRL)
    assert saved_segments(editor) == [(0.0, 2.0, "A", "hello world"), (2.0, 6.0, "A", "this is a test")]
    assert editor.current == 1 and editor.text.toPlainText() == "this is a test"
    model = editor.table.model()  # the table is a view of the segments (issue 17)
    assert model.rowCount() == 2 and model.index(1, 3).data() == "this is a test"
    assert editor.segment_label.text() == "Segment 2 of 2 · 0:02.0 – 0:06.0"
    # Ctrl+2: the second speaker of the pack
    qtbot.keyClick(editor.text, Key.Key_2, CTRL)
    assert saved_segments(editor)[1][2] == "B"
    assert editor.text.textCursor().position() == 0  # the cursor stays where the worker was typing
    editor.text.moveCursor(QtGui.QTextCursor.MoveOperation.End)
    type_text(qtbot, editor.text, "!")
    qtbot.waitUntil(lambda: saved_segments(editor)[1][3] == "this is a test!", timeout=1000)
    # Ctrl+Z in the text box reaches the editor's history (not the text box's own)
    qtbot.keyClick(editor.text, Key.Key_Z, CTRL)
    assert saved_segments(editor)[1] == (2.0, 6.0, "B", "this is a test")
    qtbot.keyClick(editor.text, Key.Key_Z, CTRL)
    assert saved_segments(editor)[1][2] == "A"
    qtbot.keyClick(editor.text, Key.Key_Z, CTRL)
    assert saved_segments(editor) == [(0.0, 6.0, "A", "hello world this is a test")]
    assert editor.text.toPlainText() == "hello world this is a test"
    window.redo_action.trigger()  # Edit > Redo
    assert len(saved_segments(editor)) == 2
    # merge the first segment with the next one: Ctrl+Up goes back to it
    qtbot.keyClick(editor.text, Key.Key_Up, CTRL)
    assert editor.current == 0 and editor.transport.position() == 0.0
    qtbot.keyClick(editor.text, Key.Key_J, CTRL)
    assert saved_segments(editor) == [(0.0, 6.0, "A", "hello world this is a test")]


def test_splitting_outside_a_segment_or_at_its_edge_says_why(open_editor, qtbot, window):
    editor = open_editor()
    focus(editor)
    editor.transport.seek(0.01)
    qtbot.keyClick(editor.text, Key.Key_K, CTRL)
    assert "edge" in editor.status_label.text()
    assert "edge" in window.statusBar().currentMessage()
    assert saved(editor) is None


def drag(qtbot, widget, a: QtCore.QPoint, b: QtCore.QPoint) -> None:
    left = QtCore.Qt.MouseButton.LeftButton
    qtbot.mousePress(widget, left, pos=a)
    for k in range(1, 9):
        qtbot.mouseMove(widget, a + (b - a) * (k / 8))
    qtbot.mouseRelease(widget, left, pos=b)


def test_new_segment_from_a_mouse_selection_and_dragging_its_edge(open_editor, qtbot):
    editor = open_editor(item={"transcript": [{"start": 0.5, "end": 2.0, "text": "first"},
                                              {"start": 4.0, "end": 5.0, "text": "last", "speaker": "B"}]})
    waves = editor.waves
    waves.set_view(0, 6)
    qtbot.wait(50)
    viewport = waves.detail.viewport()
    drag(qtbot, viewport, waves.time_to_pixel(2.5), waves.time_to_pixel(3.5))
    rng = waves.selection_range
    assert rng is not None and rng[0] == pytest.approx(2.5, abs=0.05) and rng[1] == pytest.approx(3.5, abs=0.05)
    focus(editor)
    qtbot.keyClick(editor.text, Key.Key_N, CTRL)
    segs = saved_segments(editor)
    assert len(segs) == 3 and segs[1][0] == pytest.approx(2.5, abs=0.05) and segs[1][3] == ""
    assert editor.current == 1 and waves.selection_range is None
    type_text(qtbot, editor.text, "middle")
    qtbot.waitUntil(lambda: saved_segments(editor)[1][3] == "middle", timeout=1000)
    # drag the new segment's right edge to 3.8 s
    edge = waves.time_to_pixel(segs[1][1])
    drag(qtbot, viewport, edge, waves.time_to_pixel(3.8))
    qtbot.waitUntil(lambda: saved_segments(editor)[1][1] == pytest.approx(3.8, abs=0.05), timeout=1000)
    # it cannot pass the next segment's start
    edge = waves.time_to_pixel(saved_segments(editor)[1][1])
    drag(qtbot, viewport, edge, waves.time_to_pixel(5.5))
    qtbot.wait(50)
    assert saved_segments(editor)[1][1] <= 4.0 + 1e-6
    # a click on a segment picks it and seeks there
    qtbot.mouseClick(viewport, QtCore.Qt.MouseButton.LeftButton, pos=waves.time_to_pixel(4.5))
    assert editor.current == 2 and editor.text.toPlainText() == "last"
    assert editor.transport.position() == pytest.approx(4.5, abs=0.05)


def test_overview_click_seeks_and_scrolls_the_detail_view(open_editor, qtbot):
    editor = open_editor(60.0)
    waves = editor.waves
    assert waves.view_range() == (0.0, 30.0)
    overview = waves.overview
    x = overview.mapFromScene(waves.overview_box.mapViewToScene(QtCore.QPointF(50.0, 0)))
    qtbot.mouseClick(overview.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=x)
    assert editor.transport.position() == pytest.approx(50.0, abs=0.5)
    x0, x1 = waves.view_range()
    assert x0 <= 50.0 <= x1 and x1 - x0 == pytest.approx(30.0)


def test_timestamps_in_the_text(open_editor, qtbot):
    editor = open_editor(item={"transcript": ""})
    focus(editor)
    editor.transport.seek(3.25)
    qtbot.keyClick(editor.text, Key.Key_T, CTRL)
    type_text(qtbot, editor.text, "later")
    assert editor.text.toPlainText() == "[0:03.2] later"
    editor.transport.seek(0.0)
    cursor = editor.text.textCursor()
    cursor.setPosition(3)
    rect = editor.text.cursorRect(cursor)
    qtbot.mouseClick(editor.text.viewport(), QtCore.Qt.MouseButton.LeftButton, CTRL, rect.center())
    assert editor.transport.position() == pytest.approx(3.2)


def test_settings_are_kept_for_the_next_item(open_editor, qtbot, app_ctx, make_pack, open_pack):
    editor = open_editor(20.0)
    editor.playback_settings.jump.setValue(2.5)
    editor.playback_settings.rewind.setValue(0.0)
    assert app_ctx.store.get("plugin.transcription.jump_seconds") == 2.5
    focus(editor)
    qtbot.keyClick(editor.text, Key.Key_Period, ALT)
    assert editor.transport.position() == pytest.approx(2.5)
    editor.transport.seek(10.0)
    editor.transport.play()
    editor.transport.pause()
    editor.transport.play()  # no rewind any more
    assert editor.transport.position() == pytest.approx(10.0, abs=0.05)
    editor.transport.pause()


def test_submit_records_an_accepted_machine_transcript(open_editor, qtbot, window, monkeypatch):
    editor = open_editor(item={"transcript": "call mum"})
    assert saved(editor) is None
    asked = []
    monkeypatch.setattr(ui_widgets, "ask",
                        lambda *a, **k: asked.append(a[2]) or QtWidgets.QMessageBox.StandardButton.Yes)
    store, item_pk = editor.host._session.store, editor.host.item_row.pk
    window.task.submit()
    assert "You have not played the recording" in asked[0]
    assert store.item(item_pk).state == "submitted"
    assert [s["text"] for s in store.annotation(item_pk).data["segments"]] == ["call mum"]


def test_every_format_channel_layout_and_rate_opens(open_pack, make_pack, qtbot):
    from annotator_transcription._qt.editor import TranscriptionEditor

    variants = [("a.wav", dict(rate=8000, channels=1, fmt="WAV")), ("b.flac", dict(rate=48000, channels=2, fmt="FLAC")),
                ("c.ogg", dict(rate=22050, channels=1, fmt="OGG")), ("d.mp3", dict(rate=44100, channels=2, fmt="MP3")),
                ("e.wav", dict(rate=96000, channels=4, fmt="WAV", subtype="FLOAT"))]
    items = [{"id": name, "media": f"media/{name}", "training": False} for name, _ in variants]
    media = {f"media/{name}": audio_bytes(1.5, **kw) for name, kw in variants}
    task = open_pack(make_pack(items, media))
    for name, kw in variants:
        assert isinstance(task.editor, TranscriptionEditor)
        assert task.stack.currentWidget() is task.editor_holder, task.error_text.text()
        editor = task.editor
        assert editor.file_label.text() == name
        assert editor.duration == pytest.approx(1.5, abs=0.06)
        assert editor.pyramid.wait(5)
        editor.waves.refresh_waveform()
        y = editor.waves.curve.getData()[1]
        assert y is not None and y.max() > 0.1  # the waveform is drawn
        task.next()


def test_a_corrupt_recording_shows_a_clear_message_and_can_be_skipped(open_pack, make_pack, qtbot, monkeypatch):
    items = [{"id": "bad", "media": "media/bad.wav", "training": False},
             {"id": "good", "media": "media/good.wav", "training": False}]
    garbage = b"RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00" + bytes(range(256)) * 4
    task = open_pack(make_pack(items, {"media/bad.wav": garbage, "media/good.wav": audio_bytes(1.0)}))
    assert task.stack.currentWidget() is task.error_page
    assert "bad.wav is damaged or in an unsupported format" in task.error_text.text()
    assert task.skip_unreadable_button.isEnabled()
    from annotator.ui import dialogs

    monkeypatch.setattr(dialogs.ReasonDialog, "exec", lambda self: QtWidgets.QDialog.DialogCode.Accepted)
    task.skip_unreadable_button.click()
    assert task.session.store.item_by_id(task.session.pack.pk, "bad").state == "skipped"
    assert task.stack.currentWidget() is task.editor_holder  # on to the next recording
    assert task.editor.file_label.text() == "good.wav"


def test_a_recording_damaged_halfway_opens_and_says_where_it_stops(open_editor, qtbot):
    data = audio_bytes(8.0, fmt="FLAC")
    editor = open_editor(media=data[: len(data) // 2], suffix=".flac")
    qtbot.waitUntil(lambda: editor.pyramid.complete, timeout=5000)
    qtbot.waitUntil(lambda: "damaged" in editor.status_label.text(), timeout=2000)
    assert "0:03" in editor.status_label.text()
    focus(editor)
    type_text(qtbot, editor.text, "still works")
    qtbot.waitUntil(lambda: bool(saved_segments(editor)) and saved_segments(editor)[0][3] == "still works",
                    timeout=1000)


def test_long_recordings_draw_progressively_and_come_back_from_the_cache(open_pack, make_pack, qtbot, window):
    from annotator_transcription.waveform import CACHE_MIN_SECONDS

    assert CACHE_MIN_SECONDS <= 120
    items = [{"id": "long", "media": "media/long.flac", "training": False},
             {"id": "short", "media": "media/short.wav", "training": False}]
    media = {"media/long.flac": audio_bytes(120.0, rate=16000, fmt="FLAC"), "media/short.wav": audio_bytes(1.0)}
    task = open_pack(make_pack(items, media))
    editor = task.editor
    assert not editor.pyramid.from_cache
    qtbot.waitUntil(lambda: editor.pyramid.complete and not editor._build_timer.isActive(), timeout=10000)
    assert editor.status_label.text() == ""
    task.next()
    task.previous()
    assert task.editor.pyramid.from_cache and task.editor.pyramid.complete


def test_an_item_reopens_as_it_was_left(open_pack, make_pack, qtbot, window):
    items = [{"id": f"r{i}", "media": f"media/r{i}.wav", "training": False} for i in range(2)]
    task = open_pack(make_pack(items, {f"media/r{i}.wav": audio_bytes(4.0, seed=i) for i in range(2)}))
    editor = task.editor
    focus(editor)
    type_text(qtbot, editor.text, "first part second part")
    editor.transport.seek(2.0)
    cursor = editor.text.textCursor()
    cursor.setPosition(len("first part "))
    editor.text.setTextCursor(cursor)
    qtbot.keyClick(editor.text, Key.Key_K, CTRL)
    type_text(qtbot, editor.text, "x")  # unsaved for a moment: leaving the item must flush it
    task.next()
    assert task.editor.text.toPlainText() == ""
    task.previous()
    assert [s.text for s in task.editor.segments] == ["first part", "xsecond part"]
    assert task.editor.segments[1].start == 2.0


def test_segment_invariants_hold_after_mouse_and_keyboard_edits(open_editor, qtbot):
    editor = open_editor(item={"transcript": "a b c d"})
    focus(editor)
    for t in (1.0, 2.0, 3.0, 4.0):
        editor.transport.seek(t)
        qtbot.keyClick(editor.text, Key.Key_K, CTRL)
    assert len(editor.segments) == 5
    qtbot.keyClick(editor.text, Key.Key_Delete, CTRL | SHIFT)
    qtbot.keyClick(editor.text, Key.Key_Up, CTRL)
    qtbot.keyClick(editor.text, Key.Key_J, CTRL)
    segs = S.from_annotation(saved(editor), 6.0)
    for a, b in zip(segs, segs[1:]):
        assert a.end <= b.start
    assert segs == editor.segments
