"""The editing kit's Qt half: KeyMap, DebouncedSave and DocumentEditor, in real widgets.

The third-party example plugin (``tests/fixtures/thirdparty/annotator_yesno_plugin``, shown
in ``docs/plugins.md``) is built with the kit; here it is driven in the real window through
its keys, undo, redo and saves.
"""
from __future__ import annotations

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from annotator.plugin_api.qt import DebouncedSave, KeyMap
from tests.ui.helpers import import_yesno, press
from tests.ui.test_window_flow import start

Key = QtCore.Qt.Key
Mod = QtCore.Qt.KeyboardModifier


@pytest.fixture
def panel(qtbot):
    widget = QtWidgets.QWidget()
    layout = QtWidgets.QVBoxLayout(widget)
    widget.button = QtWidgets.QPushButton("button")
    widget.field = QtWidgets.QLineEdit()
    layout.addWidget(widget.button)
    layout.addWidget(widget.field)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=2000)
    return widget


def test_one_table_binds_the_keys_and_writes_the_help_list(qtbot, panel):
    fired = []
    keys = KeyMap(panel)
    keys.add("D", lambda: fired.append("d"), "Delete-ish", "Edit")
    keys.add(["Ctrl+D", "Ctrl+Shift+D"], lambda: fired.append("dup"), "Duplicate", "Edit")
    keys.gesture("Wheel", "Zoom around the cursor", "View")
    panel.button.setFocus()
    qtbot.keyClick(panel.button, Key.Key_D)
    qtbot.keyClick(panel.button, Key.Key_D, Mod.ControlModifier | Mod.ShiftModifier)
    assert fired == ["d", "dup"]
    rows = [(s.keys, s.description, s.group) for s in keys.shortcuts()]
    assert rows == [("D", "Delete-ish", "Edit"), ("Ctrl+D / Ctrl+Shift+D", "Duplicate", "Edit"),
                    ("Wheel", "Zoom around the cursor", "View")]
    bound = {s.key().toString() for s in panel.findChildren(QtGui.QShortcut)}
    assert bound == keys.bound_keys() == {"D", "Ctrl+D", "Ctrl+Shift+D"}


def test_a_single_key_never_fires_while_the_worker_types(qtbot, panel):
    fired = []
    keys = KeyMap(panel)
    keys.add("D", lambda: fired.append("d"), "d")
    keys.add("Ctrl+K", lambda: fired.append("k"), "k")
    panel.field.setFocus()
    qtbot.keyClicks(panel.field, "add")
    qtbot.keyClick(panel.field, Key.Key_K, Mod.ControlModifier)
    assert panel.field.text() == "add" and fired == ["k"]


def test_a_key_bound_twice_is_refused_when_added(panel):
    keys = KeyMap(panel)
    keys.add("Ctrl+D", lambda: None, "one")
    with pytest.raises(ValueError, match="bound twice"):
        keys.add(["X", "Ctrl+D"], lambda: None, "two")
    with pytest.raises(ValueError, match="not a key"):
        keys.add("Ctrl+Nope+", lambda: None, "bad")


def test_routed_keys_are_dispatched_by_the_widget_that_has_them(qtbot, panel):
    fired = []
    keys = KeyMap(panel)
    keys.add("Left", lambda: fired.append("left"), "Pan left", routed=True)
    keys.add("?", lambda: fired.append("help"), "Help", routed=True)
    event = QtGui.QKeyEvent(QtCore.QEvent.Type.KeyPress, Key.Key_Left, Mod.NoModifier)
    assert keys.dispatch(event) and event.isAccepted()
    shifted = QtGui.QKeyEvent(QtCore.QEvent.Type.KeyPress, Key.Key_Question, Mod.ShiftModifier, "?")
    assert keys.dispatch(shifted)
    other = QtGui.QKeyEvent(QtCore.QEvent.Type.KeyPress, Key.Key_Right, Mod.NoModifier)
    assert not keys.dispatch(other)
    assert fired == ["left", "help"] and not panel.findChildren(QtGui.QShortcut)


def test_continuous_edits_are_saved_together_and_flushed_on_demand(qtbot):
    saves = []
    saver = DebouncedSave(lambda: saves.append(len(saves)))
    saver.schedule()
    saver.schedule()
    assert saver.pending and saves == []
    qtbot.waitUntil(lambda: saves == [0], timeout=3000)
    assert not saver.pending
    saver.schedule()
    saver.flush()
    assert saves == [0, 1] and not saver.pending
    saver.flush()
    assert saves == [0, 1]


def test_a_failed_save_stays_pending_until_it_succeeds(qtbot):
    attempts = {"n": 0}

    def save():
        attempts["n"] += 1
        if attempts["n"] == 1:
            raise OSError(28, "No space left on device")

    saver = DebouncedSave(save)
    saver.RETRY_MS = 50
    with pytest.raises(OSError):
        saver.now()
    assert saver.pending
    saver.flush()
    assert attempts["n"] == 2 and not saver.pending


def test_the_example_plugin_is_driven_through_keys_undo_redo_and_saves(qtbot, window, app_ctx, tmp_path):
    import_yesno(app_ctx, tmp_path / "p")
    start(qtbot, window)
    editor = window.task.editor
    saved = lambda: app_ctx.store.annotation(window.session.item.pk).data  # noqa: E731
    press(qtbot, editor, Key.Key_Y)
    assert saved() == {"answer": "yes"}
    editor.note.setFocus()
    qtbot.keyClicks(editor.note, "yn")  # typed, not answered: Y and N are single keys
    assert saved() == {"answer": "yes", "note": "yn"} and editor.yes.isChecked()
    window.undo_action.trigger()  # the typing was one step
    assert saved() == {"answer": "yes"} and editor.note.text() == ""
    window.redo_action.trigger()
    assert saved() == {"answer": "yes", "note": "yn"} and editor.note.text() == "yn"
    groups = dict(window.shortcut_groups())
    assert groups["Yes or no"] == [("Y", "Answer yes"), ("N", "Answer no")]
