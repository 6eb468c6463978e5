"""The window fits a 1280x800 screen, remembers its size, asks the terms and shows the instructions
only when they changed, gives the warnings column its text, and ends a pack with its figures."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtCore, QtWidgets

from annotator.core.library import import_pack
from annotator.core.session import WorkSession
from annotator.ui.main_window import SEEN_KEY, MainWindow, default_size
from tests.ui.helpers import accept, import_yesno, on_modal, press

DEMOS = Path(__file__).resolve().parents[2] / "annotator" / "resources" / "demo-packs"
Key = QtCore.Qt.Key
Mod = QtCore.Qt.KeyboardModifier


def test_the_first_size_fits_a_1280x800_screen():
    available = QtCore.QSize(1280, 800 - 32)  # a 1280x800 screen less a 32 px panel
    size = default_size(available)
    assert size.width() <= 1280 - 16 and size.height() <= available.height() - 48
    assert default_size(QtCore.QSize(1920, 1050)) == QtCore.QSize(1280, 820)


@pytest.mark.parametrize("demo", ["street-scenes", "voice-commands", "assistant-answers"])
def test_the_task_views_bottom_row_is_on_screen_at_1280x800(qtbot, window, app_ctx, demo):
    pack = import_pack(DEMOS / demo, app_ctx.store, app_ctx.registry).pack
    window.session = WorkSession(app_ctx.store, pack, window.meter)
    window.start_task()
    qtbot.waitUntil(lambda: window.task.editor is not None and window.task.editor.isVisible())
    size = default_size(QtCore.QSize(1280, 768))
    window.resize(size)
    qtbot.waitUntil(lambda: window.size() == size)
    QtWidgets.QApplication.processEvents()
    for button in (window.task.prev_button, window.task.submit_button, window.task.next_button):
        bottom = button.mapTo(window, QtCore.QPoint(0, button.height())).y()
        assert bottom <= window.height(), (button.text(), bottom, window.height())


def test_the_window_comes_back_at_the_size_it_was_left(qtbot, app_ctx):
    first = MainWindow(app_ctx)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 540)
    qtbot.waitUntil(lambda: first.size() == QtCore.QSize(760, 540))
    first.close()
    again = MainWindow(app_ctx)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.size() == QtCore.QSize(760, 540))
    again.close()


def open_first(qtbot, window, terms: list) -> None:
    window.show_library()
    window.library.table.selectRow(0)

    def seen(dialog):
        terms.append(dialog.windowTitle())
        dialog.accept()

    on_modal(seen, timeout_ms=3000)
    press(qtbot, window.library.table, Key.Key_Return)


def test_terms_and_instructions_come_back_only_when_they_changed(qtbot, window, app_ctx, tmp_path):
    pack = import_yesno(app_ctx, tmp_path / "p", n=2)
    terms: list = []
    open_first(qtbot, window, terms)
    assert terms == ["Before you start"] and window.current_view == "instructions"
    press(qtbot, window.instructions.browser, Key.Key_Return)
    assert window.current_view == "task"
    # reopened unchanged: straight to the item, no dialog, no instructions
    open_first(qtbot, window, terms)
    qtbot.waitUntil(lambda: window.current_view == "task")
    assert terms == ["Before you start"]
    assert "F1" in window.statusBar().currentMessage()
    press(qtbot, window.task.editor, Key.Key_F1)  # F1 still shows them
    assert window.current_view == "instructions"
    press(qtbot, window.instructions.browser, Key.Key_Return)
    # the lab changed the instructions: they come back (the terms, unchanged, do not)
    seen = app_ctx.store.get(SEEN_KEY)
    seen[pack.pack_id]["instructions"] = "an older hash"
    app_ctx.store.set(SEEN_KEY, seen)
    open_first(qtbot, window, terms)
    qtbot.waitUntil(lambda: window.current_view == "instructions")
    assert terms == ["Before you start"]
    # and changed terms come back
    seen = app_ctx.store.get(SEEN_KEY)
    seen[pack.pack_id]["terms"] = "older terms"
    app_ctx.store.set(SEEN_KEY, seen)
    open_first(qtbot, window, terms)
    qtbot.waitUntil(lambda: len(terms) == 2)


def test_the_warnings_column_shows_its_whole_text(qtbot, window, app_ctx):
    import_pack(DEMOS / "assistant-answers", app_ctx.store, app_ctx.registry)
    window.resize(1280, 820)
    window.library.refresh()
    table = window.library.table
    qtbot.waitUntil(lambda: table.isVisible() and table.rowCount() == 1)
    QtWidgets.QApplication.processEvents()
    text = table.item(0, 6).text()
    needed = table.fontMetrics().horizontalAdvance(text)
    assert table.columnWidth(6) >= needed, (table.columnWidth(6), needed, text)
    assert table.columnWidth(0) >= table.fontMetrics().horizontalAdvance(table.item(0, 0).text())


def test_the_all_done_page_shows_the_time_and_earnings_of_the_pack(qtbot, window, app_ctx, tmp_path):
    import_yesno(app_ctx, tmp_path / "p", n=1,
                 pay={"currency": "EUR", "per_item": 0.5, "estimated_seconds_per_item": 30})
    terms: list = []
    open_first(qtbot, window, terms)
    press(qtbot, window.instructions.browser, Key.Key_Return)
    press(qtbot, window.task.editor, Key.Key_Y)
    on_modal(lambda box: box.button(QtWidgets.QMessageBox.StandardButton.Yes).click(), timeout_ms=3000)
    press(qtbot, window.task.editor, Key.Key_Return, Mod.ControlModifier)
    qtbot.waitUntil(lambda: window.task.stack.currentWidget() is window.task.done_page)
    figures = window.task.done_figures.text()
    assert figures.startswith("Time on this pack: ") and "Expected earnings: " in figures, figures
    assert window.task.done_figures.isVisible()
