"""The window drives the meter: the signals it emits, the status-bar meter, the away prompt, the timesheet."""
from __future__ import annotations

import pytest
from PySide6 import QtCore, QtWidgets

from annotator.core.clock import ManualClock
from annotator.core.context import AppContext
from annotator.core.library import import_pack
from annotator.core.metering.repository import MeterRepository
from annotator.core.metering.service import MeterService
from annotator.core.session import WorkSession
from tests.packs import write_pack


def submit(window):
    """Submit the shown item the way the Submit button does, without the empty-annotation question."""
    window.task.leave_item()
    window.session.submit()
    window.task.show_current()


def open_pack(window, store, registry, tmp_path, n=3):
    pack = import_pack(write_pack(tmp_path / "pack", kind="image", n=n), store, registry).pack
    window.session = WorkSession(store, pack, window.meter)
    window.start_task()
    return pack


def test_the_window_emits_the_signals_of_the_issue(window, app_ctx, registry, tmp_path, qtbot):
    meter = app_ctx.meter
    assert meter.kinds()[:2] == ["app_start", "view"] and meter.signals[1]["view"] == "library"
    open_pack(window, app_ctx.store, registry, tmp_path)
    task = [s for s in meter.signals if s["kind"] == "view" and s["view"] == "task"]
    assert task[-1]["phase"] == "training" and task[-1]["item"] == "item-0"  # item-0 is a training item
    qtbot.mouseClick(window.task.next_button, QtCore.Qt.MouseButton.LeftButton)
    assert meter.signals[-1]["phase"] == "work" and meter.signals[-1]["item"] == "item-1"
    submit(window)
    assert {"kind": "item", "outcome": "submitted", "pack": "test.pack", "item": "item-1"} in meter.signals
    window.task.previous()  # back to the submitted item: that is review
    assert meter.signals[-1]["view"] == "task" and meter.signals[-1]["phase"] == "review"

    window.metering.timesheet_action.trigger()
    assert meter.signals[-1] == {"kind": "view", "view": "timesheet"}
    assert window.stack.currentWidget() is window.metering.view

    qtbot.mouseClick(window.metering.widget.break_button, QtCore.Qt.MouseButton.LeftButton)
    assert meter.signals[-1] == {"kind": "break", "on": True}
    assert window.metering.widget.break_button.text() == "End break"
    qtbot.mouseClick(window.metering.widget.break_button, QtCore.Qt.MouseButton.LeftButton)
    assert meter.signals[-1] == {"kind": "break", "on": False}

    n = len(meter.signals)
    window.input_meter.last = float("-inf")  # the filter sends at most one input a second
    qtbot.keyClick(window.metering.view.table, QtCore.Qt.Key.Key_Down)
    assert meter.kinds()[n:] == ["input"]  # an input: never which key
    window.heartbeat.timeout.emit()
    assert meter.signals[-1] == {"kind": "heartbeat"}
    window.close()
    assert meter.signals[-1] == {"kind": "app_quit"}


@pytest.fixture
def metered(qtbot, store, registry_with_yesno):
    from annotator.ui.main_window import MainWindow

    clock = ManualClock(1_764_000_000.0)
    store.clock = clock
    meter = MeterService(store, clock=clock)
    ctx = AppContext(store=store, registry=registry_with_yesno, meter=meter, clock=clock)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win, clock
    win.close()


def computed(view, qtbot):
    """The view once its figures (computed off the interface thread) are shown."""
    qtbot.waitUntil(lambda: not view.pending, timeout=20000)
    return view


def column(view, c: int) -> list[str]:
    """The texts of one column of the intervals table, as shown."""
    model = view.table.model()
    return [model.index(r, c).data() for r in range(model.rowCount())]


def all_time_after_an_item(window, clock, registry, tmp_path):
    """The Timesheet view on "All time" after a pack was opened and an item submitted (computing)."""
    open_pack(window, window.ctx.store, registry, tmp_path)
    tick(window, clock, 200)
    submit(window)
    tick(window, clock, 100)
    window.metering.show_timesheet()
    view = window.metering.view
    view.period.setCurrentIndex(view.period.findData("all"))
    return view


def tick(window, clock, seconds, inputs=True):
    for _ in range(int(seconds // 5)):
        clock.advance(5)
        if inputs:
            window.meter.signal("input")
        window.heartbeat.timeout.emit()


def test_the_status_bar_meter_shows_the_category_and_todays_totals(metered, registry, tmp_path):
    window, clock = metered
    tick(window, clock, 120)
    widget = window.metering.widget
    widget.refresh()
    assert widget.current.text() == "waiting" and "waiting 0:02" in widget.today.text()
    open_pack(window, window.ctx.store, registry, tmp_path)
    tick(window, clock, 300)
    widget.refresh()
    assert widget.current.text() == "training" and "training 0:05" in widget.today.text()


def test_coming_back_after_an_away_span_offers_a_correction(metered, registry, tmp_path, qtbot):
    window, clock = metered
    open_pack(window, window.ctx.store, registry, tmp_path)
    tick(window, clock, 60)
    tick(window, clock, 600, inputs=False)  # the worker left
    prompt = window.metering.prompt
    assert not prompt.isVisible()
    tick(window, clock, 15)  # back: inputs again
    assert prompt.isVisible() and "10 min" in prompt.message.text()
    assert not prompt.hasFocus()  # non-blocking
    prompt.note.setText("phone call with the lab")
    qtbot.mouseClick(prompt.buttons["work"], QtCore.Qt.MouseButton.LeftButton)
    assert not prompt.isVisible()
    repo = MeterRepository(window.ctx.store)
    (corr,) = repo.rows(kinds=("correction",))
    away = repo.record(corr.data["amends"])
    assert away.category == "away" and corr.category == "work" and corr.data["note"] == "phone call with the lab"


def test_the_timesheet_view_lists_intervals_and_exports(metered, registry, tmp_path, qtbot):
    window, clock = metered
    view = all_time_after_an_item(window, clock, registry, tmp_path)
    categories = set(column(computed(view, qtbot), 3))
    assert "training" in categories and "work (not final yet)" in categories  # the live span is shown
    assert view.packs_table.rowCount() == 1 and view.packs_table.item(0, 3).text() == "1"
    assert view.cards["items"].value.text().startswith("1 ·")
    written = view.export_to(tmp_path / "t.pdf", "pdf")
    assert written[0].read_bytes()[:5] == b"%PDF-" and written[1].name == "t.pdf.sig"
    from annotator.core.metering.exports import verify_file

    assert verify_file(written[0], window.ctx.store).ok
    view.table.selectRow(1)
    assert view.apply_correction(view.selected_record(), "waiting", "the item would not load")
    assert any("corrected" in text for text in column(computed(view, qtbot), 3))


def test_what_is_recorded_says_what_is_never_recorded(metered, qtbot):
    window, _ = metered
    window.metering.recorded_action.trigger()
    dialog = window.metering.recorded_dialog
    text = dialog.text()
    assert "What you type" in text and "no network" in text and "120 s" in text
    assert not dialog.isModal()
    dialog.close()


def test_in_french_the_meter_is_translated_and_untranslated_strings_stay_readable(qtbot, app_ctx):
    from annotator.ui import i18n
    from annotator.ui.main_window import MainWindow

    app = QtWidgets.QApplication.instance()
    translator = i18n.install(app, "fr")
    try:
        win = MainWindow(app_ctx)
        qtbot.addWidget(win)
        assert win.metering.widget.break_button.text() == "Pause"
        assert win.metering.prompt.buttons["work"].text() == "Travail hors écran"
        # a string with no French translation yet shows its English source, never an empty label
        assert all(action.text() for action in win.menuBar().actions())
        win.close()
    finally:
        i18n.uninstall(app, translator)  # Qt's own French too
