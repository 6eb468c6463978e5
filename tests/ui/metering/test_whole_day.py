"""Issue 15 items 1, 2, 7, 8 in the real window: declared time, availability mode, breaks, the away prompt,
every export format from the Timesheet view, the export settings, and the one-day wage chart."""
from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from annotator.core.metering.repository import MeterRepository
from tests.ui.metering.test_metering_ui import column, computed, metered, open_pack, submit, tick  # noqa: F401


def test_add_time_declares_apart_and_an_overlap_keeps_the_dialog_open(metered, qtbot):
    window, clock = metered
    tick(window, clock, 60)  # measured waiting 16:00:00 .. 16:01:00 UTC
    ui = window.metering
    dialog = ui.add_time()
    start = QtCore.QDateTime.fromSecsSinceEpoch(int(clock() - 7200))
    dialog.start.setDateTime(start)
    dialog.length.setTime(QtCore.QTime(1, 0))
    dialog.category.setCurrentIndex(dialog.category.findData("training"))
    dialog.lab.setText("Prolific")
    dialog.note.setText("entry test")
    dialog.submit()
    assert not dialog.isVisible() and dialog.row.kind == "declared" and dialog.row.data["lab"] == "Prolific"
    again = ui.add_time()
    again.start.setDateTime(QtCore.QDateTime.fromSecsSinceEpoch(int(clock() - 5400)))
    again.note.setText("typed, not lost")
    again.submit()
    assert again.isVisible() and "overlaps declared time" in again.error.text()
    assert again.note.text() == "typed, not lost"
    again.use_end.setChecked(True)  # an end inside the time the app is counting now
    again.start.setDateTime(QtCore.QDateTime.fromSecsSinceEpoch(int(clock() - 30)))
    again.end.setDateTime(QtCore.QDateTime.fromSecsSinceEpoch(int(clock())))
    again.submit()
    assert again.isVisible() and "overlaps" in again.error.text()
    again.reject()
    ui.show_timesheet()
    view = ui.view
    view.period.setCurrentIndex(view.period.findData("all"))
    sources = set(column(computed(view, qtbot), 7))
    assert sources == {"declared", "measured"}
    assert view.cards["declared"].value.text() == "1:00:00"


def test_availability_mode_is_always_visible_and_ends_when_a_task_opens(metered, registry, tmp_path):
    window, clock = metered
    ui = window.metering
    ui.availability(True, "Prolific")
    button = ui.widget.available
    assert button.isVisible() and button.isChecked() and "Prolific" in button.text()
    assert window.meter.availability == "Prolific"
    tick(window, clock, 60)
    current, _ = window.meter.live()
    assert current == "waiting"
    open_pack(window, window.ctx.store, registry, tmp_path)
    assert not button.isChecked() and window.meter.availability is None
    tick(window, clock, 30)
    rows = list(MeterRepository(window.ctx.store).rows(kinds=("interval",)))
    assert any(r.data.get("lab") == "Prolific" and r.category == "waiting" for r in rows)


def test_break_has_a_shortcut_is_reached_by_tab_and_input_asks_once_if_it_is_over(metered, qtbot):
    window, clock = metered
    widget = window.metering.widget
    assert widget.break_button.focusPolicy() & QtCore.Qt.FocusPolicy.TabFocus
    assert window.metering.break_action.shortcut().toString() == "Ctrl+Shift+B"
    window.metering.break_action.trigger()
    assert widget.on_break and window.meter.engine.state.brk
    question = window.metering.break_question
    assert not question.isVisible()
    qtbot.keyClick(window.library.table, QtCore.Qt.Key.Key_Down)
    assert question.isVisible()  # asked, and the break goes on until answered
    assert widget.on_break
    question.hide()
    qtbot.keyClick(window.library.table, QtCore.Qt.Key.Key_Up)
    assert not question.isVisible()  # asked once per break
    question.ask()
    qtbot.mouseClick(question.end_button, QtCore.Qt.MouseButton.LeftButton)
    assert not widget.on_break and not window.meter.engine.state.brk


def test_the_away_prompt_shows_on_the_first_input_back(metered, registry, tmp_path):
    window, clock = metered
    open_pack(window, window.ctx.store, registry, tmp_path)
    tick(window, clock, 30)
    tick(window, clock, 600, inputs=False)
    prompt = window.metering.prompt
    assert not prompt.isVisible()
    clock.advance(1)
    window.meter.signal("input")  # one key, no heartbeat after it
    assert prompt.isVisible() and "10 min" in prompt.message.text()


def test_the_export_menu_offers_every_format_with_the_settings(metered, registry, tmp_path):
    window, clock = metered
    tick(window, clock, 120)
    open_pack(window, window.ctx.store, registry, tmp_path)  # the waiting interval is final
    tick(window, clock, 10)
    window.show_settings()
    rows = window.settings.timesheet_settings
    rows.email.setText("ann@example.org")
    rows.worker.setText("Ann L.")
    rows.save()
    assert window.ctx.store.get("timesheet.email") == "ann@example.org"
    rows.email.setText("not an email")
    rows.save()
    assert window.ctx.store.get("timesheet.email") == "ann@example.org" and "not saved" in rows.note.text()
    window.metering.show_timesheet()
    view = window.metering.view
    assert len(view.export_menu.actions()) == 6
    view.period.setCurrentIndex(view.period.findData("all"))  # the test clock is not today
    for fmt, name in (("toggl", "t-toggl.csv"), ("clockify", "t-clockify.csv"), ("ics", "t.ics"),
                      ("csv", "t.csv"), ("json", "t.json")):
        written = view.export_to(tmp_path / name, fmt)
        assert written and written[0].exists(), (fmt, view.status.text())
    assert (tmp_path / "t-toggl.csv").read_text().splitlines()[1].startswith("ann@example.org,")


def test_the_wage_chart_draws_one_day(metered, registry, tmp_path, qtbot):
    window, clock = metered
    open_pack(window, window.ctx.store, registry, tmp_path)
    window.ctx.store.set("reference_wage", None)
    tick(window, clock, 900)
    submit(window)
    window.metering.show_timesheet()
    view = computed(window.metering.view, qtbot)
    assert len(view.sheet["days"]) == 1
    drawn = [i for i in view.wage_plot.getPlotItem().items if not isinstance(i, QtWidgets.QGraphicsItem) or True]
    kinds = {type(i).__name__ for i in drawn}
    assert view.sheet["wages"] and "BarGraphItem" in kinds and "TextItem" in kinds


def test_a_scripted_day_in_the_window_gives_each_category_what_the_rules_give(metered, registry, tmp_path):
    """Rules 1 and 2 end to end in the real window: every category within 0.25 s of the rules' figure."""
    window, clock = metered
    ui = window.metering
    tick(window, clock, 60)  # the library: waiting
    ui.availability(True, "Prolific")
    tick(window, clock, 120)  # looking for work on Prolific: waiting, for that platform
    open_pack(window, window.ctx.store, registry, tmp_path)  # a task view opens: availability ends
    tick(window, clock, 60)  # a training item
    ui.break_action.trigger()
    tick(window, clock, 300, inputs=False)  # a break is never away, however long
    ui.widget.set_break(False)
    tick(window, clock, 30)
    tick(window, clock, 600, inputs=False)  # gone: away from the last input (the threshold is 120 s)
    clock.advance(1)
    window.meter.signal("input")  # back: the away span is final at once
    assert window.metering.prompt.isVisible()
    tick(window, clock, 20)
    window.close()
    totals: dict[str, float] = {}
    for r in MeterRepository(window.ctx.store).rows(kinds=("interval",)):
        totals[r.category] = totals.get(r.category, 0.0) + r.end - r.start
    platform = sum(r.end - r.start for r in MeterRepository(window.ctx.store).rows(kinds=("interval",))
                   if r.data.get("lab") == "Prolific")
    expected = {"waiting": 180, "training": 60 + 30 + 20, "break": 300, "away": 600 + 1}  # to the input back
    assert set(totals) == set(expected), totals
    for cat, seconds in expected.items():
        assert abs(totals[cat] - seconds) <= 0.25, (cat, totals)
    assert abs(platform - 120) <= 0.25
