"""A save the disk refuses: the window shows it until it is saved, and never drops the edit silently.

The store is the real SQLite file, made full by ``PRAGMA max_page_count`` (see
``tests/storefail.py``); the edit is a real paste into the editor of a real window.
"""
from __future__ import annotations

import os

from PySide6 import QtCore, QtWidgets

from annotator.core.session import WorkSession
from annotator.ui import widgets as ui_widgets
from tests.storefail import BIG, full_disk
from tests.ui.helpers import import_yesno, press

Key = QtCore.Qt.Key
Mod = QtCore.Qt.KeyboardModifier


def note_of(store, item):
    row = store.annotation(item.pk)
    return None if row is None else row.data.get("note")


def open_task(qtbot, window, app_ctx, tmp_path):
    pack = import_yesno(app_ctx, tmp_path / "p", n=3)
    window.session = WorkSession(app_ctx.store, pack, window.meter)
    window.start_task()
    qtbot.waitUntil(lambda: window.task.host is not None)
    return window.task.editor


def test_a_refused_save_shows_an_unsaved_state_that_stays_until_the_disk_takes_it(qtbot, window, app_ctx,
                                                                                   tmp_path, monkeypatch):
    editor = open_task(qtbot, window, app_ctx, tmp_path)
    task, store = window.task, app_ctx.store
    first = window.session.item
    editor.note.setFocus()
    qtbot.keyClicks(editor.note, "ok")
    assert note_of(store, first) == "ok"
    questions = []
    monkeypatch.setattr(ui_widgets, "ask",
                        lambda *a, **k: questions.append(a[2]) or QtWidgets.QMessageBox.StandardButton.Yes)
    with full_disk(store):
        QtWidgets.QApplication.clipboard().setText(BIG)
        editor.note.paste()  # the worker pastes a long note: the file has no room for it
        assert task.unsaved_banner.isVisible()
        text = task.unsaved_banner.label.text()
        assert text.startswith("Not saved: ") and "full" in text and "cannot be left" in text
        assert task.state_badge.text() == "not saved"
        assert note_of(store, first) == "ok"  # the last good save, whole
        # Next, Submit and the library refuse to leave the item: the edit stays on screen
        press(qtbot, editor.note, Key.Key_Right, Mod.AltModifier)
        task.submit()
        window.show_library()
        assert window.current_view == "task" and window.session.item.pk == first.pk
        assert store.item(first.pk).state == "in_progress"
        assert window.task.editor.note.text() == "ok" + BIG
        # the banner stays: it has no close button, and retries do not hide it while the disk is full
        assert not task.retry_save()
        assert task.unsaved_banner.isVisible() and task.retry_timer.isActive()
    # room again: the next retry writes the edit without the worker doing anything
    qtbot.waitUntil(lambda: not task.unsaved_banner.isVisible(), timeout=20000)
    assert note_of(store, first) == "ok" + BIG
    assert task.state_badge.text() == "in progress"
    if os.environ.get("ANNOTATOR_SHOTS"):  # for a person to look at: ANNOTATOR_SHOTS=folder
        window.grab().save(os.path.join(os.environ["ANNOTATOR_SHOTS"], "saved-again.png"))
    press(qtbot, editor.note, Key.Key_Right, Mod.AltModifier)
    assert window.session.item.item_id == "q1"
    assert len(questions) == 1  # the one Submit asked about (no answer given); the worker said yes, it was refused


def test_quitting_with_an_unsaved_edit_asks_and_keeps_the_window_unless_told(qtbot, window, app_ctx, tmp_path,
                                                                            monkeypatch):
    editor = open_task(qtbot, window, app_ctx, tmp_path)
    answers = [QtWidgets.QMessageBox.StandardButton.No, QtWidgets.QMessageBox.StandardButton.Yes]
    asked = []
    monkeypatch.setattr(ui_widgets, "ask", lambda *a, **k: asked.append(a[2]) or answers.pop(0))
    with full_disk(app_ctx.store):
        editor.note.insert(BIG)
        if os.environ.get("ANNOTATOR_SHOTS"):
            badge = window.task.state_badge
            qtbot.waitUntil(lambda: badge.width() >= badge.sizeHint().width())  # the header laid out again
            window.grab().save(os.path.join(os.environ["ANNOTATOR_SHOTS"], "unsaved.png"))
        window.close()
        assert window.isVisible()  # "No": the window stays, with the edit
        assert "If you quit now, that change is lost" in asked[0]
        window.close()
        assert not window.isVisible()  # "Yes": the worker chose to lose it, knowing
    assert len(asked) == 2
