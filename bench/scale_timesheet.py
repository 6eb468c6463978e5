"""Scale case "timesheet": five years of a worker's history, the Timesheet view and the chain's verification.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/scale.py timesheet [--timesheet-days 1250] [--timesheet-hours 8]

Generates ``--timesheet-days`` working days (250 a year; the default is 5 years: about 17.6 M
signals and 508,000 records) of realistic activity (``bench/metering_traces.py``) replayed
through the engine into a store in ``bench/out/`` (kept between runs). Then measures:

* each period's figures (today, this week, this month, this year, everything) computed by the
  core (:func:`annotator.core.metering.timesheet.compute`), best of 3: target < 300 ms;
* the Timesheet view in the real main window switching to each period, driven from the event
  loop with :class:`scale.StallProbe` running: the longest interface stall, target < 16 ms;
* the peak memory of the process (VmHWM), target < 300 MB;
* the whole chain verified (``annotator timesheet verify``'s store check): target < 2 s.
"""
from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path

from scale import OUT, StallProbe, case, in_loop, rss_mb, spin

PERIODS = ("today", "week", "month", "year", "all")


def _store(days: int, hours: float):
    """The store of ``days`` working days, generated once (kept in ``bench/out/``)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from annotator.core.library import import_demo_packs
    from annotator.core.metering.service import replay_into
    from annotator.core.registry import installed
    from annotator.core.store import Store
    from bench.metering_traces import days as working_days

    folder = OUT / f"timesheet-{days}d-{hours:g}h"
    done = folder / "complete"
    if not done.exists():
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        store = Store(folder)
        import_demo_packs(store, installed())
        first = datetime(2021, 1, 4, 8, 30).timestamp()
        n = 0

        def signals():
            nonlocal n
            for day in working_days(first, days, hours=hours):
                n += len(day)
                yield from day

        t0 = time.perf_counter()
        result = replay_into(store, signals())
        print(f"generated and replayed {n:,} signals into {result['records']:,} records in "
              f"{time.perf_counter() - t0:.0f} s")
        store.close()
        done.write_text(f"{n} {result['records']}\n")
    from annotator.core.store import Store

    n, records = (int(x) for x in done.read_text().split())
    return Store(folder), n, records


def _bounds(period: str, last: float) -> tuple[float | None, float | None]:
    today = datetime.fromtimestamp(last).date()
    if period == "all":
        return None, None
    first = {"today": today, "week": today - timedelta(days=today.weekday()), "month": today.replace(day=1),
             "year": today.replace(month=1, day=1)}[period]
    nxt = today + timedelta(days=1)
    return (datetime(first.year, first.month, first.day).timestamp(),
            datetime(nxt.year, nxt.month, nxt.day).timestamp())


@case("timesheet", "five years of history: every period's figures, the Timesheet view's stalls, the chain verify",
      options=[("--timesheet-days", {"type": int, "default": 1250, "help": "working days of history (250 a year)"}),
               ("--timesheet-hours", {"type": float, "default": 8.0, "help": "hours a working day"})])
def timesheet_case(args, report) -> None:
    from annotator.core.clock import ManualClock
    from annotator.core.metering import exports
    from annotator.core.metering.ledger import chain_head
    from annotator.core.metering.timesheet import compute

    store, signals, records = _store(args.timesheet_days, args.timesheet_hours)
    report.note(f"{args.timesheet_days} working days x {args.timesheet_hours:g} h: {signals:,} signals, "
                f"{records:,} records")
    seq, _ = chain_head(store)
    last = store.engine.connect().exec_driver_sql(
        "SELECT max(end) FROM meter_records WHERE kind = 'interval'").scalar()
    for period in PERIODS:
        start, end = _bounds(period, last)
        best_wall = best_cpu = float("inf")
        for _ in range(3):
            t0, c0 = time.perf_counter(), time.process_time()
            compute(store, start=start, end=end)
            best_wall = min(best_wall, (time.perf_counter() - t0) * 1000)
            best_cpu = min(best_cpu, (time.process_time() - c0) * 1000)
        report.figure(f"compute_{period}_ms", f"figures of the period '{period}' (core, best of 3)", best_cpu, "ms",
                      target=("<", 300), wall=best_wall)

    from PySide6 import QtWidgets

    from annotator.core.context import AppContext
    from annotator.core.metering.meter import NullMeter
    from annotator.core.registry import installed
    from annotator.ui.main_window import MainWindow

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    ctx = AppContext(store=store, registry=installed(), meter=NullMeter(), clock=ManualClock(last))
    window = MainWindow(ctx)
    window.resize(1280, 820)
    window.show()
    spin(app, 0.3)
    probe = StallProbe()
    step = in_loop(app, probe, window.metering.show_timesheet, settle=0.5)
    report.figure("view_open_stall_ms", "Timesheet view opened ('today'): longest stall", step.stall_cpu, "ms",
                  target=("<", 16), wall=step.stall_wall)
    view = window.metering.view
    for period in PERIODS:
        step = in_loop(app, probe, lambda p=period: view.period.setCurrentIndex(view.period.findData(p)), settle=0.5)
        report.figure(f"view_{period}_stall_ms", f"Timesheet view switched to '{period}': longest stall",
                      step.stall_cpu, "ms", target=("<", 16), wall=step.stall_wall)
    window.close()
    report.figure("peak_rss_mb", "peak memory of the process (VmHWM)", rss_mb("VmHWM"), "MB", target=("<", 300))

    t0, c0 = time.perf_counter(), time.process_time()
    verdict = exports.verify_store(store)
    report.figure("verify_s", f"whole chain verified ({seq:,} records): {verdict.message[:40]}",
                  time.process_time() - c0, "s", target=("<", 2), wall=time.perf_counter() - t0)
    store.close()
