"""Defaults that decide for the worker: none. No is the default of "Submit anyway?", no skip reason is
preselected, the focus comes back where it was, and E works from a tag button."""
from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtWidgets

from annotator.core.library import import_pack
from annotator.core.session import WorkSession
from annotator.ui.dialogs import ReasonDialog
from tests.ui.helpers import import_yesno, on_modal, press

DEMOS = Path(__file__).resolve().parents[2] / "annotator" / "resources" / "demo-packs"
Key = QtCore.Qt.Key
Mod = QtCore.Qt.KeyboardModifier


def open_yesno(qtbot, window, app_ctx, tmp_path, n=2):
    pack = import_yesno(app_ctx, tmp_path / "p", n=n)
    window.session = WorkSession(app_ctx.store, pack, window.meter)
    window.start_task()
    qtbot.waitUntil(lambda: window.task.editor is not None and window.task.editor.isVisible())
    return pack


def test_enter_on_submit_anyway_does_not_submit_an_empty_item(qtbot, window, app_ctx, tmp_path):
    open_yesno(qtbot, window, app_ctx, tmp_path)
    first = window.session.item
    seen = {}

    def enter(box):
        seen["default"] = box.defaultButton() is box.button(QtWidgets.QMessageBox.StandardButton.No)
        qtbot.keyClick(box, Key.Key_Return)

    on_modal(enter)
    press(qtbot, window.task.editor, Key.Key_Return, Mod.ControlModifier)
    qtbot.waitUntil(lambda: "default" in seen)
    assert seen["default"]
    assert app_ctx.store.item(first.pk).state == "new"  # still there, not submitted
    assert window.session.item.pk == first.pk


def test_the_skip_dialog_chooses_no_reason_for_the_worker(qtbot):
    dialog = ReasonDialog("skip")
    qtbot.addWidget(dialog)
    assert dialog.choice.currentIndex() == -1 and dialog.choice.currentText() == ""
    assert not dialog.ok_button.isEnabled()  # Enter cannot skip with a reason the worker did not give
    dialog.choice.setCurrentIndex(1)
    assert dialog.ok_button.isEnabled() and dialog.reason() == "sensitive"
    preset = ReasonDialog("skip", preset="unreadable")  # the "cannot be shown" page knows the reason
    qtbot.addWidget(preset)
    assert preset.reason() == "unreadable" and preset.ok_button.isEnabled()


def test_e_checks_the_answer_while_a_tag_button_has_the_focus(qtbot, window, app_ctx):
    pack = import_pack(DEMOS / "street-scenes", app_ctx.store, app_ctx.registry).pack
    window.session = WorkSession(app_ctx.store, pack, window.meter)
    window.start_task()
    editor = window.task.editor
    qtbot.waitUntil(lambda: editor.isVisible() and editor.expected_doc is not None and editor.shapes_layer is not None)
    editor.focus_tags()  # T: to the tags
    qtbot.waitUntil(lambda: isinstance(QtWidgets.QApplication.focusWidget(), QtWidgets.QRadioButton))
    focused = QtWidgets.QApplication.focusWidget()
    assert isinstance(focused, QtWidgets.QRadioButton)
    press(qtbot, focused, Key.Key_E)
    assert editor._checking
    assert QtWidgets.QApplication.focusWidget() is focused  # still on the tag
