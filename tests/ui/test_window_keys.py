"""One key map for the window and the editors: what is bound is listed, and the list is usable."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from annotator.core.library import import_pack
from annotator.core.session import WorkSession
from annotator.plugin_api.qt import KeyMap
from tests.ui.helpers import import_yesno, press

DEMOS = Path(__file__).resolve().parents[2] / "annotator" / "resources" / "demo-packs"
Key = QtCore.Qt.Key
Mod = QtCore.Qt.KeyboardModifier
PORTABLE = QtGui.QKeySequence.SequenceFormat.PortableText


def portable(sequence: QtGui.QKeySequence) -> str:
    return sequence.toString(PORTABLE)


def bound_in_window(window) -> set[str]:
    """Every key a QShortcut or a QAction of the window takes, read from Qt, not from any table."""
    keys = set()
    for shortcut in window.findChildren(QtGui.QShortcut):
        keys |= {portable(k) for k in [shortcut.key(), *shortcut.keys()] if not k.isEmpty()}
    for action in window.findChildren(QtGui.QAction):
        keys |= {portable(k) for k in action.shortcuts() if not k.isEmpty()}
    return keys


def editor_key_maps(editor) -> list[KeyMap]:
    maps = []
    for obj in [editor, *editor.findChildren(QtCore.QObject)]:
        maps += [v for v in vars(obj).values() if isinstance(v, KeyMap) and v not in maps]
    return maps


def open_demo(qtbot, window, app_ctx, demo):
    pack = import_pack(DEMOS / demo, app_ctx.store, app_ctx.registry).pack
    window.session = WorkSession(app_ctx.store, pack, window.meter)
    window.start_task()
    qtbot.waitUntil(lambda: window.task.editor is not None and window.task.editor.isVisible())


@pytest.mark.parametrize("demo", ["street-scenes", "voice-commands", "assistant-answers"])
def test_every_bound_key_is_listed_and_every_listed_key_is_bound(qtbot, window, app_ctx, demo):
    open_demo(qtbot, window, app_ctx, demo)
    maps = editor_key_maps(window.task.editor)
    assert maps, "the editor binds its keys through a KeyMap"
    routed = {portable(QtGui.QKeySequence(c)) for m in maps for c in m._routed}
    bound = bound_in_window(window) | routed
    listed = window.keys.bound_keys() | {k for m in maps for k in m.bound_keys()}
    assert bound - listed == set(), "bound but not in the shortcut list"
    assert listed - bound == set(), "in the shortcut list but bound by nothing"
    # and the list the worker opens shows every row of those tables
    window.show_shortcuts()
    shown = {(keys, text) for _group, keys, text in window.overlay.rows}
    expected = {(s.keys, s.description) for s in window.keys.shortcuts() + window.task.editor.shortcuts()}
    assert shown == expected
    for m in maps:
        for binding in m.bindings:
            assert (binding.shown_keys(), binding.description) in shown


def test_the_window_lists_its_own_keys_from_its_key_map(window):
    window.show_shortcuts()
    rows = {text: keys for _group, keys, text in window.overlay.rows}
    assert rows["Submit the item"] == " / ".join(
        QtGui.QKeySequence(k).toString(QtGui.QKeySequence.SequenceFormat.NativeText) for k in ("Ctrl+Return", "Ctrl+Enter"))
    assert rows["Timesheet"] == QtGui.QKeySequence("Ctrl+Shift+T").toString(QtGui.QKeySequence.SequenceFormat.NativeText)
    assert "Ctrl+Shift+T" in window.keys.bound_keys()


def test_the_pan_row_shows_its_keys(qtbot, window, app_ctx):
    open_demo(qtbot, window, app_ctx, "street-scenes")
    window.show_shortcuts()
    pan = [keys for _group, keys, text in window.overlay.rows if text == "Pan"]
    assert pan and "drag" in pan[0] and "middle" in pan[0], pan


@pytest.mark.parametrize("size", [(1280, 820), (1024, 600), (800, 500)])
def test_the_list_scrolls_inside_the_window_and_page_down_scrolls(qtbot, window, app_ctx, size):
    open_demo(qtbot, window, app_ctx, "street-scenes")
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() <= size[0] + 1)
    window.show_shortcuts()
    overlay = window.overlay
    qtbot.waitUntil(overlay.isVisible)
    assert window.rect().contains(overlay.geometry())
    assert overlay.panel.geometry().bottom() <= overlay.height()
    bar = overlay.scroll.verticalScrollBar()
    assert bar.maximum() > 0  # the image keys do not fit: the list scrolls
    press(qtbot, overlay, Key.Key_PageDown)
    assert overlay.isVisible() and bar.value() > 0
    press(qtbot, overlay, Key.Key_End)
    assert bar.value() == bar.maximum()
    last = overlay.scroll.widget().findChildren(QtWidgets.QLabel)[-1]
    # the last row is reachable whole: inside the viewport once scrolled to the end
    top_left = last.mapTo(overlay.scroll.viewport(), QtCore.QPoint(0, 0))
    assert 0 <= top_left.y() and top_left.y() + last.height() <= overlay.scroll.viewport().height()
    press(qtbot, overlay, Key.Key_Escape)
    assert not overlay.isVisible()


def test_focus_goes_back_to_the_library_after_the_list(qtbot, window, app_ctx, tmp_path):
    import_yesno(app_ctx, tmp_path / "p1", pack_id="p1", title="First")
    import_yesno(app_ctx, tmp_path / "p2", pack_id="p2", title="Second")
    window.library.refresh()
    table = window.library.table
    table.setFocus()
    table.selectRow(0)
    qtbot.waitUntil(table.hasFocus)
    press(qtbot, table, Key.Key_Question)
    qtbot.waitUntil(window.overlay.isVisible)
    press(qtbot, window.overlay, Key.Key_Escape)
    assert not window.overlay.isVisible()
    assert QtWidgets.QApplication.focusWidget() is table
    press(qtbot, table, Key.Key_Down)
    assert table.currentRow() == 1
