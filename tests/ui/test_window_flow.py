"""The window, driven like a worker drives it: library, terms, instructions, task, keyboard."""
from __future__ import annotations

import csv

import pytest
from PySide6 import QtCore, QtWidgets

from annotator.core.session import SESSION_KEY
from annotator.ui.dialogs import ExportDialog, ReasonDialog, TermsDialog
from tests.ui.helpers import accept, import_yesno, on_modal, press, reject

Key = QtCore.Qt.Key
Mod = QtCore.Qt.KeyboardModifier


def open_first_pack(qtbot, window, dialog_action=accept) -> None:
    window.library.refresh()
    window.library.table.selectRow(0)
    on_modal(dialog_action)
    press(qtbot, window.library.table, Key.Key_Return)


def start(qtbot, window) -> None:
    open_first_pack(qtbot, window)
    assert window.current_view == "instructions"
    press(qtbot, window.instructions.browser, Key.Key_Return)
    assert window.current_view == "task"


def cell(window, row: int, col: int) -> str:
    return window.library.table.item(row, col).text()


def test_library_shows_pay_estimate_rate_warnings_and_progress(window, app_ctx, tmp_path):
    app_ctx.store.set("reference_wage", {"amount": 15.0, "currency": "EUR"})
    import_yesno(app_ctx, tmp_path / "p", warnings=["violence"])
    window.library.refresh()
    assert [cell(window, 0, c) for c in range(8)] == [
        "A test pack", "Test lab", "Yes or no", "0.10 EUR", "30 s", "12.00 EUR / h", "violence", "0 of 3 done"]
    rate = window.library.table.item(0, 5)
    assert rate.foreground().color().name() == "#b3261e"
    assert rate.toolTip() == "Below your reference minimum wage"


def test_empty_library_offers_the_demo_packs(qtbot, window, app_ctx):
    assert window.library.empty.isVisible() and not window.library.table.isVisible()
    qtbot.mouseClick(window.library.demo_button, QtCore.Qt.MouseButton.LeftButton)
    titles = sorted(window.library.table.item(r, 0).text() for r in range(window.library.table.rowCount()))
    assert len(titles) == 3 and all(titles)
    assert not window.library.demo_button.isVisible()


def test_terms_are_checked_before_a_pack_and_never_block(qtbot, window, app_ctx, tmp_path):
    app_ctx.store.set("reference_wage", {"amount": 20.0, "currency": "EUR"})
    import_yesno(app_ctx, tmp_path / "p", warnings=["self-harm"],
                 pay={"currency": "EUR", "per_item": 0.1, "estimated_seconds_per_item": 30})
    seen = {}

    def inspect(dialog: TermsDialog):
        seen["codes"] = [w.code for w in dialog.warnings]
        seen["text"] = " ".join(label.text() for label in dialog.findChildren(QtWidgets.QLabel))
        dialog.accept()

    open_first_pack(qtbot, window, inspect)
    assert seen["codes"] == ["unpaid_instructions", "no_rejection_policy", "below_minimum_wage"]
    assert "12.00 EUR per hour, under your reference minimum wage of 20.00 EUR" in seen["text"]
    assert "Content warning:" in seen["text"] and "self-harm" in seen["text"]
    assert window.current_view == "instructions"  # warnings, never a block
    assert app_ctx.store.pack(window.session.pack.pk).terms_seen_at is not None


def test_declining_the_terms_goes_back_to_the_library(qtbot, window, app_ctx, tmp_path):
    import_yesno(app_ctx, tmp_path / "p")
    open_first_pack(qtbot, window, reject)
    assert window.current_view == "library"


def test_instructions_first_then_the_task_all_on_the_keyboard(qtbot, window, app_ctx, tmp_path):
    pack = import_yesno(app_ctx, tmp_path / "p", n=3)
    open_first_pack(qtbot, window)
    assert "Answer the question" in window.instructions.browser.toPlainText()
    press(qtbot, window.instructions.browser, Key.Key_Return)
    assert window.current_view == "task"
    editor = window.task.editor
    assert editor.question.text() == "Question 0?"
    assert window.task.position_label.text() == "Item 1 of 3 · q0"
    press(qtbot, editor, Key.Key_Y)
    assert app_ctx.store.annotation(window.session.item.pk).data == {"answer": "yes"}
    assert window.task.state_badge.text() == "in progress"
    on_modal(lambda box: box.button(QtWidgets.QMessageBox.StandardButton.Yes).click())  # "no note" warning
    press(qtbot, editor, Key.Key_Return, Mod.ControlModifier)
    assert editor.question.text() == "Question 1?"
    assert app_ctx.store.progress(pack.pk)["submitted"] == 1
    assert window.task.progress.format() == "1 of 3 done"
    # F1 brings the instructions back; Enter returns to the same item
    press(qtbot, editor, Key.Key_F1)
    assert window.current_view == "instructions"
    assert window.instructions.start_button.text() == "Back to the task"
    press(qtbot, window.instructions.browser, Key.Key_Return)
    assert window.current_view == "task" and window.task.editor.question.text() == "Question 1?"
    # Alt+Left / Alt+Right move between items
    press(qtbot, window.task.editor, Key.Key_Left, Mod.AltModifier)
    assert window.task.editor.question.text() == "Question 0?"
    assert window.task.state_badge.text() == "submitted"
    press(qtbot, window.task.editor, Key.Key_Right, Mod.AltModifier)
    assert window.task.editor.question.text() == "Question 1?"


def test_single_key_shortcuts_do_not_fire_while_typing(qtbot, window, app_ctx, tmp_path):
    import_yesno(app_ctx, tmp_path / "p")
    start(qtbot, window)
    editor = window.task.editor
    editor.note.setFocus()
    qtbot.keyClicks(editor.note, "Yes, maybe")
    assert editor.note.text() == "Yes, maybe"
    assert app_ctx.store.annotation(window.session.item.pk).data == {"note": "Yes, maybe"}
    assert not editor.yes.isChecked() and not editor.no.isChecked()


def test_submit_without_annotation_asks_and_can_be_cancelled(qtbot, window, app_ctx, tmp_path):
    import_yesno(app_ctx, tmp_path / "p")
    start(qtbot, window)
    seen = {}

    def cancel(box):
        seen["text"] = box.text()
        box.button(QtWidgets.QMessageBox.StandardButton.No).click()

    on_modal(cancel)
    press(qtbot, window.task.editor, Key.Key_Return, Mod.ControlModifier)
    assert "You have not annotated anything on this item." in seen["text"]
    assert window.session.item.item_id == "q0" and window.session.item.state == "new"


def test_skip_and_flag_with_reasons(qtbot, window, app_ctx, tmp_path):
    pack = import_yesno(app_ctx, tmp_path / "p", n=3)
    start(qtbot, window)

    def choose_sensitive(dialog: ReasonDialog):
        dialog.choice.setCurrentIndex(dialog.choice.findData("sensitive"))
        dialog.accept()

    on_modal(choose_sensitive)
    press(qtbot, window.task.editor, Key.Key_S, Mod.ControlModifier | Mod.ShiftModifier)
    assert app_ctx.store.item_by_id(pack.pk, "q0").state == "skipped"
    assert app_ctx.store.item_by_id(pack.pk, "q0").reason == "sensitive"

    def flag(dialog: ReasonDialog):
        assert not dialog.ok_button.isEnabled()  # a flag needs a note
        dialog.note.setText("The question makes no sense")
        assert dialog.ok_button.isEnabled()
        dialog.accept()

    on_modal(flag)
    press(qtbot, window.task.editor, Key.Key_F, Mod.ControlModifier | Mod.ShiftModifier)
    item = app_ctx.store.item_by_id(pack.pk, "q1")
    assert (item.state, item.reason) == ("flagged", "The question makes no sense")
    assert window.task.editor.question.text() == "Question 2?"


def test_the_last_item_leads_to_the_done_page(qtbot, window, app_ctx, tmp_path):
    import_yesno(app_ctx, tmp_path / "p", n=1)
    start(qtbot, window)
    press(qtbot, window.task.editor, Key.Key_N)
    window.task.editor.note.setText("sure")
    window.task.editor.document.write_note("sure")
    press(qtbot, window.task.editor, Key.Key_Return, Mod.ControlModifier)
    assert window.task.stack.currentWidget() is window.task.done_page
    assert window.task.done_text.text() == "1 submitted, 0 skipped, 0 flagged."


def test_undo_and_redo_from_the_edit_menu(qtbot, window, app_ctx, tmp_path):
    import_yesno(app_ctx, tmp_path / "p")
    start(qtbot, window)
    editor = window.task.editor
    press(qtbot, editor, Key.Key_Y)
    press(qtbot, editor, Key.Key_N)
    window.undo_action.trigger()
    assert app_ctx.store.annotation(window.session.item.pk).data == {"answer": "yes"}
    assert editor.yes.isChecked()
    window.redo_action.trigger()
    assert app_ctx.store.annotation(window.session.item.pk).data == {"answer": "no"}


def test_a_plugin_that_fails_to_load_an_item_offers_to_skip_it(qtbot, window, app_ctx, tmp_path):
    items = [{"id": "bad", "question": "?", "explode": "load"}, {"id": "good", "question": "Fine?"}]
    pack = import_yesno(app_ctx, tmp_path / "p", items=items)
    start(qtbot, window)
    assert window.task.stack.currentWidget() is window.task.error_page
    assert window.task.error_text.text() == "ValueError: this item cannot be loaded"
    on_modal(accept)  # the skip dialog comes preset with "unreadable"
    qtbot.mouseClick(window.task.skip_unreadable_button, QtCore.Qt.MouseButton.LeftButton)
    item = app_ctx.store.item_by_id(pack.pk, "bad")
    assert (item.state, item.reason) == ("skipped", "unreadable")
    assert window.task.editor.question.text() == "Fine?"


def test_an_exception_inside_the_editor_is_shown_and_nothing_is_lost(qtbot, window, app_ctx, tmp_path):
    from annotator.ui.app import install_excepthook

    items = [{"id": "ok", "question": "Fine?"}, {"id": "boom", "question": "?", "explode": "edit"}]
    import_yesno(app_ctx, tmp_path / "p", items=items)
    start(qtbot, window)
    press(qtbot, window.task.editor, Key.Key_Y)
    press(qtbot, window.task.editor, Key.Key_Right, Mod.AltModifier)
    install_excepthook(lambda: window)
    with qtbot.captureExceptions() as exceptions:
        press(qtbot, window.task.editor, Key.Key_N)  # the plugin raises inside a Qt slot
    assert exceptions and "boom while editing" in str(exceptions[0][1])
    import sys
    sys.excepthook(*exceptions[0])
    assert window.isVisible()
    assert "The task plugin hit an error: RuntimeError: boom while editing" in window.task.banner.label.text()
    assert app_ctx.store.annotation(app_ctx.store.item_by_id(window.session.pack.pk, "ok").pk).data == {"answer": "yes"}


def test_the_app_reopens_where_the_worker_was(qtbot, app_ctx, tmp_path):
    from annotator.ui.main_window import MainWindow

    import_yesno(app_ctx, tmp_path / "p", n=4)
    first = MainWindow(app_ctx)
    qtbot.addWidget(first)
    first.show()
    first.activateWindow()
    qtbot.waitUntil(first.isActiveWindow, timeout=2000)
    start(qtbot, first)
    press(qtbot, first.task.editor, Key.Key_Right, Mod.AltModifier)
    press(qtbot, first.task.editor, Key.Key_Right, Mod.AltModifier)
    press(qtbot, first.task.editor, Key.Key_N)
    assert app_ctx.store.get(SESSION_KEY)["item_id"] == "q2"
    first.close()
    again = MainWindow(app_ctx)
    qtbot.addWidget(again)
    again.show()
    again.activateWindow()
    qtbot.waitUntil(again.isActiveWindow, timeout=2000)
    again.restore_session()
    assert again.current_view == "task"
    assert again.task.editor.question.text() == "Question 2?"
    assert again.task.editor.no.isChecked()
    again.close()


def test_the_shortcut_overlay_lists_app_and_plugin_shortcuts(qtbot, window, app_ctx, tmp_path):
    import_yesno(app_ctx, tmp_path / "p")
    start(qtbot, window)
    press(qtbot, window.task.editor, Key.Key_Slash, Mod.ControlModifier)
    assert window.overlay.isVisible()
    text = window.overlay.text()
    for expected in ("Submit the item", "Skip the item (with a reason)", "Answer yes", "Answer no", "Instructions"):
        assert expected in text
    press(qtbot, window.overlay, Key.Key_Escape)
    assert not window.overlay.isVisible()


def test_export_from_the_window_uses_the_plugins_formats(qtbot, window, app_ctx, tmp_path):
    import_yesno(app_ctx, tmp_path / "p", n=2)
    start(qtbot, window)
    press(qtbot, window.task.editor, Key.Key_Y)
    pack = app_ctx.store.find_pack("test.pack")
    app_ctx.store.set_state(app_ctx.store.item_at(pack.pk, 0).pk, "submitted")  # the window exports submitted items
    target = tmp_path / "answers.csv"

    def choose_csv(dialog: ExportDialog):
        dialog.format.setCurrentIndex(dialog.format.findData("csv"))
        dialog.path.setText(str(target))
        dialog.accept()

    on_modal(choose_csv)
    window.export_action.trigger()
    rows = list(csv.reader(target.open()))
    assert rows == [["pack", "version", "item", "answer", "note"], ["test.pack", "1.0.0", "q0", "yes", ""]]

    def choose_every_state(dialog: ExportDialog):  # the worker asks for the items not submitted too
        dialog.format.setCurrentIndex(dialog.format.findData("csv"))
        dialog.path.setText(str(target))
        dialog.all_states.setChecked(True)
        dialog.accept()

    on_modal(choose_every_state)
    window.export_action.trigger()
    assert [row[2] for row in csv.reader(target.open())][1:] == ["q0", "q1"]


def test_the_window_reports_what_happens_to_the_meter(qtbot, window, app_ctx, tmp_path):
    meter = app_ctx.meter
    import_yesno(app_ctx, tmp_path / "p")
    start(qtbot, window)
    press(qtbot, window.task.editor, Key.Key_Y)
    on_modal(lambda box: box.button(QtWidgets.QMessageBox.StandardButton.Yes).click())
    press(qtbot, window.task.editor, Key.Key_Return, Mod.ControlModifier)
    window.close()
    kinds = meter.kinds()
    assert kinds[0] == "app_start" and kinds[-1] == "app_quit"
    views = [(s["view"], s.get("pack"), s.get("item"), s.get("phase")) for s in meter.signals if s["kind"] == "view"]
    assert ("instructions", "test.pack", None, None) in views
    assert ("task", "test.pack", "q0", "work") in views and ("task", "test.pack", "q1", "work") in views
    assert {"kind": "item", "outcome": "submitted", "pack": "test.pack", "item": "q0"} in meter.signals
    assert "input" in kinds
    for signal in meter.signals:  # never what was typed
        assert "text" not in signal and "key" not in signal


def test_undo_and_redo_keys_work_from_the_keyboard(qtbot, window, app_ctx, tmp_path):
    import_yesno(app_ctx, tmp_path / "p")
    start(qtbot, window)
    editor = window.task.editor
    press(qtbot, editor, Key.Key_Y)
    press(qtbot, editor, Key.Key_N)
    saved = lambda: app_ctx.store.annotation(window.session.item.pk).data  # noqa: E731
    press(qtbot, editor, Key.Key_Z, Mod.ControlModifier)
    assert saved() == {"answer": "yes"}
    press(qtbot, editor, Key.Key_Z, Mod.ControlModifier | Mod.ShiftModifier)
    assert saved() == {"answer": "no"}
    press(qtbot, editor, Key.Key_Z, Mod.ControlModifier)
    press(qtbot, editor, Key.Key_Y, Mod.ControlModifier)
    assert saved() == {"answer": "no"}


@pytest.fixture
def english(qapp):
    """English installed as the app does: its plural forms ("2 items", "1 item")."""
    from annotator.ui import i18n

    translator = i18n.install(qapp, "en")
    yield translator
    i18n.uninstall(qapp, translator)


def test_send_results_shows_what_the_bundle_holds_then_writes_it(english, qtbot, window, app_ctx, tmp_path):
    from annotator.core.lab import bundle
    from annotator.ui.bundle_dialog import BundleDialog

    import_yesno(app_ctx, tmp_path / "p", n=2)
    start(qtbot, window)
    press(qtbot, window.task.editor, Key.Key_Y)
    seen = {}

    def fill(dialog: BundleDialog):
        assert not dialog.write_button.isEnabled()  # no pseudonym yet
        dialog.pseudonym.setText("night-owl")
        dialog.intervals.setChecked(True)
        dialog.per_item.setChecked(False)
        seen["preview"] = dialog.preview.toPlainText()
        dialog.path.setText(str(tmp_path / "out.zip"))
        dialog.write_button.click()

    on_modal(fill)
    window.bundle_action.trigger()
    preview = seen["preview"]
    assert "Your pseudonym: night-owl" in preview
    assert "2 items with their state" in preview and "0 submitted" in preview and "2 not done" in preview
    assert "Work seconds per item" not in preview and "Dates and times of" in preview
    written = bundle.read(tmp_path / "out.zip")
    assert written.pseudonym == "night-owl" and written.manifest["shared"] == ["category_totals", "intervals"]
    assert {r["id"]: r["annotation"] for r in written.results()}["q0"] == {"answer": "yes"}
    assert app_ctx.store.get("worker_pseudonym") == "night-owl"


def test_idle_thresholds_are_set_in_the_settings(qtbot, window, app_ctx):
    from annotator.core.metering.service import MeterService

    window.show_settings()
    box = window.settings.thresholds["work"]
    assert box.value() == 2.0  # 120 s
    box.setValue(5.0)
    assert app_ctx.store.get("meter.thresholds") == {"work": 300.0}
    service = MeterService(app_ctx.store)  # what the next start uses
    assert service.thresholds["work"] == 300.0 and service.thresholds["instructions"] == 300.0
    box.setValue(2.0)
    assert app_ctx.store.get("meter.thresholds") is None
