"""The three demo packs, start to finish, from the keyboard alone, in English and in French.

Library (arrows, Enter), the terms (Enter), the instructions (Enter), every item (the editor's
keys, Ctrl+Enter; a "Submit anyway?" answered with Shift+Tab and Space, since No is its default),
the all-done page, back to the library (Ctrl+L). No mouse, no call into the window's methods.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtCore, QtWidgets

from annotator.core.library import import_demo_packs
from annotator.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
PLUGIN_CATALOGS = sorted(p.parent for p in ROOT.glob("plugins/*/translations/fr.ts"))
Key = QtCore.Qt.Key
Mod = QtCore.Qt.KeyboardModifier


def focused() -> QtWidgets.QWidget:
    widget = QtWidgets.QApplication.focusWidget()
    assert widget is not None, "the keyboard focus is nowhere"
    return widget


def key(qtbot, k, modifiers=Mod.NoModifier) -> None:
    """A key press in the active window (a closed dialog gives the window back, as a desktop does)."""
    window = WINDOW[0]
    if QtWidgets.QApplication.activeModalWidget() is None and QtWidgets.QApplication.activeWindow() is not window:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(focused(), k, modifiers)


WINDOW: list = [None]


class Answer:
    """Answers the next dialog from the keyboard while a key press has it open (then stands down)."""

    def __init__(self, qtbot, keys):
        self.qtbot, self.keys, self.live, self.seen = qtbot, keys, True, []
        QtCore.QTimer.singleShot(0, self.poll)

    def poll(self) -> None:
        if not self.live:
            return
        dialog = QtWidgets.QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible() or dialog.focusWidget() is None:
            QtCore.QTimer.singleShot(10, self.poll)
            return
        self.seen.append(dialog.windowTitle())
        self.live = False
        for k, modifiers in self.keys:
            self.qtbot.keyClick(dialog.focusWidget(), k, modifiers)

    def stop(self) -> list[str]:
        self.live = False
        return self.seen


def work_on_item(qtbot, window) -> None:
    editor = window.task.editor
    kind = window.session.pack.kind
    if kind == "image":
        qtbot.waitUntil(lambda: editor.source is not None)
        key(qtbot, Key.Key_T)  # to the image tags
        key(qtbot, Key.Key_Space)  # tick the first
        key(qtbot, Key.Key_Escape)  # back to the image
    elif kind == "transcription":
        for k in (Key.Key_H, Key.Key_E, Key.Key_L, Key.Key_L, Key.Key_O):
            key(qtbot, k)
    else:
        key(qtbot, Key.Key_4)


def walk(qtbot, window, row: int) -> None:
    table = window.library.table
    qtbot.waitUntil(table.hasFocus)
    key(qtbot, Key.Key_Home, Mod.ControlModifier)
    for _ in range(row):
        key(qtbot, Key.Key_Down)
    terms = Answer(qtbot, [(Key.Key_Return, Mod.NoModifier)])  # "Read the instructions" is the default
    key(qtbot, Key.Key_Return)
    assert terms.stop(), "the terms were shown"
    qtbot.waitUntil(lambda: window.current_view == "instructions")
    key(qtbot, Key.Key_Return)  # start working
    qtbot.waitUntil(lambda: window.current_view == "task")
    pack = window.session.pack
    for _ in range(pack.item_count):
        assert window.task.stack.currentWidget() is window.task.editor_holder, window.task.error_text.text()
        qtbot.waitUntil(lambda: window.task.editor.isVisible())
        before = window.session.item.pk
        work_on_item(qtbot, window)
        confirm = Answer(qtbot, [(Key.Key_Backtab, Mod.ShiftModifier), (Key.Key_Space, Mod.NoModifier)])
        key(qtbot, Key.Key_Return, Mod.ControlModifier)
        confirm.stop()
        qtbot.waitUntil(lambda: window.session.item is None or window.session.item.pk != before)
    assert window.task.stack.currentWidget() is window.task.done_page
    assert window.ctx.store.progress(pack.pk)["submitted"] == pack.item_count
    key(qtbot, Key.Key_L, Mod.ControlModifier)
    qtbot.waitUntil(lambda: window.current_view == "library")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_three_demo_packs_from_the_keyboard_alone(qtbot, qapp, app_ctx, language):
    from annotator.ui.main_window import MainWindow

    translator = i18n.install(qapp, language, PLUGIN_CATALOGS)
    try:
        import_demo_packs(app_ctx.store, app_ctx.registry)
        window = WINDOW[0] = MainWindow(app_ctx)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        kinds = []
        for row in range(3):
            walk(qtbot, window, row)
            kinds.append(app_ctx.store.pack(window.session.pack.pk).kind)
        assert sorted(kinds) == ["image", "rating", "transcription"]
        if language == "fr":
            assert window.task.submit_button.text() == "Soumettre"
        window.close()
    finally:
        i18n.uninstall(qapp, translator)
