"""Issue 17/18, the Timesheet view at scale: figures computed off the interface thread, the intervals
as a model/view table taking the height (no scroll area inside a scroll area), plural forms, and a
closed window taking its listener off the meter."""
from __future__ import annotations

import logging
import threading

from PySide6 import QtCore, QtWidgets

from annotator.core.clock import ManualClock
from annotator.core.context import AppContext
from annotator.core.metering.service import MeterService
from annotator.ui.metering import timesheet_data
from tests.ui.metering.test_metering_ui import all_time_after_an_item, column, computed, metered, open_pack, submit, tick  # noqa: F401


def test_the_figures_are_computed_off_the_interface_thread(metered, registry, tmp_path, qtbot, monkeypatch):
    window, clock = metered
    open_pack(window, window.ctx.store, registry, tmp_path)
    tick(window, clock, 200)
    submit(window)
    threads = []
    real = timesheet_data.compute

    def compute(*args, **kwargs):  # the real computation, noting where it runs
        threads.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(timesheet_data, "compute", compute)
    window.metering.show_timesheet()
    view = window.metering.view
    view.period.setCurrentIndex(view.period.findData("all"))
    computed(view, qtbot)
    assert threads and threading.main_thread().ident not in threads
    assert view.cards["items"].value.text().startswith("1 ·")
    assert column(view, 3) == ["training (not final yet)"]  # the live span


def test_the_intervals_table_takes_the_height_at_1280x820(metered, registry, tmp_path, qtbot):
    window, clock = metered
    window.resize(1280, 820)
    open_pack(window, window.ctx.store, registry, tmp_path)
    tick(window, clock, 200)
    window.metering.show_timesheet()
    view = computed(window.metering.view, qtbot)
    qtbot.waitUntil(lambda: view.table.isVisible())
    # one scroll only: the view has no scroll area of its own, the tables scroll themselves
    assert not [w for w in view.findChildren(QtWidgets.QScrollArea) if type(w) is QtWidgets.QScrollArea]
    rows = view.table.viewport().height() // view.table.verticalHeader().defaultSectionSize()
    assert rows >= 8, rows  # two rows were visible before
    charts = view.days_plot.mapTo(view, QtCore.QPoint(0, view.days_plot.height()))
    assert charts.y() <= view.tabs.mapTo(view, QtCore.QPoint(0, 0)).y()  # nothing drawn under the charts


def test_left_out_intervals_are_counted_with_plural_forms(metered, registry, tmp_path, qtbot, monkeypatch):
    window, clock = metered
    view = all_time_after_an_item(window, clock, registry, tmp_path)
    n = len(computed(view, qtbot).intervals)
    assert n >= 2
    from annotator.ui import i18n

    app = QtWidgets.QApplication.instance()
    monkeypatch.setattr(timesheet_data, "MAX_ROWS", n - 1)
    for language, one, many in (("en", "1 earlier interval not listed here", f"{n} earlier intervals not listed"),
                                ("fr", "1 intervalle plus ancien n’est pas listé", f"{n} intervalles plus anciens ne")):
        translator = i18n.install(app, language)
        try:
            monkeypatch.setattr(timesheet_data, "MAX_ROWS", n - 1)
            view.refresh()
            assert computed(view, qtbot).more.text().startswith(one)
            monkeypatch.setattr(timesheet_data, "MAX_ROWS", 0)
            view.refresh()
            assert computed(view, qtbot).more.text().startswith(many)
            assert "(s)" not in view.integrity.text()
        finally:
            i18n.uninstall(app, translator)


def test_a_closed_window_takes_its_listener_off_the_meter(qtbot, store, registry_with_yesno, caplog):
    from annotator.ui.main_window import MainWindow

    clock = ManualClock(1_764_000_000.0)
    store.clock = clock
    meter = MeterService(store, clock=clock)
    win = MainWindow(AppContext(store=store, registry=registry_with_yesno, meter=meter, clock=clock))
    win.show()
    qtbot.waitExposed(win)
    assert len(meter.listeners) == 1
    win.close()
    win.deleteLater()
    QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete.value)
    qtbot.waitUntil(lambda: not meter.listeners)
    with caplog.at_level(logging.ERROR):
        for _ in range(30):  # the meter goes on (another window, the command line) and writes records
            clock.advance(5)
            meter.signal("heartbeat")
        meter.flush()
    assert "listener failed" not in caplog.text


def test_check_integrity_runs_off_the_interface_thread_and_says_the_count(metered, registry, tmp_path, qtbot):
    window, clock = metered
    open_pack(window, window.ctx.store, registry, tmp_path)
    tick(window, clock, 60)
    window.metering.show_timesheet()
    view = computed(window.metering.view, qtbot)
    qtbot.mouseClick(view.verify_button, QtCore.Qt.MouseButton.LeftButton)
    assert not view.verify_button.isEnabled()  # the click returned before the check ended
    qtbot.waitUntil(view.verify_button.isEnabled, timeout=20000)
    assert view.status.text().startswith("Integrity checked:"), view.status.text()
