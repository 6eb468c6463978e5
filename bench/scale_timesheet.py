"""Scale case "timesheet": five years of a worker's history, the Timesheet view and the chain's verification.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/scale.py timesheet [--timesheet-days 1250] [--timesheet-hours 8]

Generates ``--timesheet-days`` working days (250 a year; the default is 5 years: 491,503 records,
standing for about 18 M signals): one working week of realistic activity
(``bench/metering_traces.py``) replayed through the engine, then tiled week after week and
written in bulk into a store in ``bench/out/`` (kept between runs; see :func:`_store`). Then measures:

* each period's figures (today, this week, this month, this year, everything) computed by the
  core (:func:`annotator.core.metering.timesheet.compute`), best of 3: target < 300 ms;
* the Timesheet view in the real main window switching to each period, driven from the event
  loop with :class:`scale.StallProbe` running: the longest interface stall, target < 16 ms;
* the peak memory of the process (VmHWM), target < 300 MB;
* the chain verified (``annotator timesheet verify``'s store check) from a signed checkpoint a week
  old: target < 2 s; and the whole chain (``--full``).
"""
from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path

from scale import OUT, StallProbe, case, rss_mb, spin

PERIODS = ("today", "week", "month", "year", "all")


def _replayed(days: int, hours: float):
    """A store of ``days`` working days replayed signal by signal through the engine (kept in ``bench/out/``)."""
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
    n, records = (int(x) for x in done.read_text().split())
    return folder, n, records


def _store(days: int, hours: float):
    """The store of ``days`` working days, generated once (kept in ``bench/out/``).

    One working week (5 days) is replayed signal by signal through the engine; the history is that
    week's records tiled week after week (times shifted by 7 days, item ids made unique per week so
    that each week's outcomes count), re-chained and written in bulk. The signal log is not written:
    no figure measured here reads it (the timesheet and the verify read the records only). ``signals``
    is the number the history stands for (the replayed week's times the weeks).
    """
    import sqlite3
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from annotator.core.metering import chain
    from annotator.core.store import Store

    weeks = max(1, round(days / 5))
    week, week_signals, _ = _replayed(5, hours)
    folder = OUT / f"timesheet-{weeks}w-{hours:g}h-tiled"
    done = folder / "complete"
    if not done.exists():
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(week, folder, ignore=shutil.ignore_patterns("complete", "*.lock", "*-wal", "*-shm"))
        t0 = time.perf_counter()
        db = sqlite3.connect(folder / "annotator.sqlite3")
        cols = list(chain.COLUMNS) + ["hash"]
        names = ", ".join(f'"{c}"' for c in cols)
        template = [dict(zip(cols, row)) for row in db.execute(
            f"SELECT {names} FROM meter_records ORDER BY seq")]
        db.execute("DELETE FROM meter_records")
        db.execute("DELETE FROM meter_signals")
        seq, prev, batch = 0, chain.GENESIS, []
        insert = f"INSERT INTO meter_records ({names}) VALUES ({', '.join('?' * len(cols))})"
        for w in range(weeks):
            shift = w * 7 * 86400
            for rec in template:
                if rec["kind"] == "pack" and w:
                    continue  # the pay terms once
                row = dict(rec)
                row["start"] = None if rec["start"] is None else round(rec["start"] + shift, 3)
                row["end"] = None if rec["end"] is None else round(rec["end"] + shift, 3)
                if rec["item"] is not None and w:
                    row["item"] = f"{rec['item']}.w{w}"
                seq += 1
                row.update(seq=seq, prev=prev)
                row["hash"] = prev = chain.record_hash(row)
                batch.append(tuple(row[c] for c in cols))
                if len(batch) >= 20000:
                    db.executemany(insert, batch)
                    batch.clear()
        db.executemany(insert, batch)
        db.commit()
        db.execute("VACUUM")
        db.close()
        print(f"tiled {weeks} weeks into {seq:,} records in {time.perf_counter() - t0:.0f} s")
        done.write_text(f"{week_signals * weeks} {seq}\n")
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


def _until_shown(app, probe, view, action):
    """Run ``action`` from the event loop with ``probe`` on, until the view shows the new figures (+0.2 s).

    Returns the step (the longest stall over the whole wait) and the wall time until shown, in ms.
    """
    from PySide6 import QtCore

    started, shown = [], []

    def note():
        shown.append(time.perf_counter())

    view.computed.connect(note)

    def run():
        started.append(time.perf_counter())
        action()

    probe.start()
    QtCore.QTimer.singleShot(0, run)
    deadline = time.perf_counter() + 300
    while (not started or view.pending or not shown) and time.perf_counter() < deadline:
        spin(app, 0.02)
    spin(app, 0.2)
    step = probe.stop()
    view.computed.disconnect(note)
    from scale import Step

    return Step(0, 0, *step), (shown[-1] - started[0]) * 1000


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
    view = window.metering.view
    step, shown = _until_shown(app, probe, view, window.metering.show_timesheet)
    report.figure("view_open_stall_ms", "Timesheet view opened ('this week'): longest stall", step.stall_cpu, "ms",
                  target=("<", 16), wall=step.stall_wall)
    for period in PERIODS:
        step, shown = _until_shown(app, probe, view,
                                   lambda p=period: view.period.setCurrentIndex(view.period.findData(p)))
        report.figure(f"view_{period}_stall_ms", f"Timesheet view switched to '{period}': longest stall",
                      step.stall_cpu, "ms", target=("<", 16), wall=step.stall_wall)
        report.figure(f"view_{period}_shown_ms", f"'{period}': from the choice to its figures shown (wall)",
                      shown, "ms", target=("<", 300) if period in ("today", "week", "month") else None)
    window.close()
    report.figure("peak_rss_mb", "peak memory of the process (VmHWM)", rss_mb("VmHWM"), "MB", target=("<", 300))

    from annotator.core import keys
    from annotator.core.metering import checkpoint
    from annotator.core.metering.repository import MeterRepository

    t0, c0 = time.perf_counter(), time.process_time()
    verdict = exports.verify_store(store, full=True)
    report.figure("verify_full_s", f"whole chain verified, --full ({seq:,} records): {verdict.message[:40]}",
                  time.process_time() - c0, "s", wall=time.perf_counter() - t0)
    keys.load_or_create(store.data_dir)  # the worker's key (made by the first export in real use)
    week_back = max(1, seq - records // max(1, round(args.timesheet_days / 5)))
    checkpoint.write(store.data_dir, week_back, MeterRepository(store).record(week_back).hash)
    t0, c0 = time.perf_counter(), time.process_time()
    verdict = exports.verify_store(store)
    report.figure("verify_s", f"chain verified from a signed checkpoint a week old: {verdict.message[-70:]}",
                  time.process_time() - c0, "s", target=("<", 2), wall=time.perf_counter() - t0)
    store.close()
