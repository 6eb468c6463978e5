#!/usr/bin/env python3
"""Scale benchmarks (issue 17): the sizes real workers and labs reach, generated and measured.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/scale.py --list          # the cases
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/scale.py transcript      # one case, alone
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/scale.py                 # every case, each in its own process

Each case generates its data once into ``bench/out/`` (git-ignored, kept between runs), measures
it (side by side with its anchor where there is one: the library people would use, or the
previous code path) and prints one table; the **last line** is the figures as JSON::

    {"cases": {"transcript": {"open_painted_ms": 151.2, ...}}, "load_average": [...], ...}

Interface stalls are measured, not guessed: :class:`StallProbe` is a zero-interval ``QTimer``
that notes when the event loop comes round; the longest gap between two turns while an
interaction runs (driven from the event loop, as a worker's keys and clicks are) is that
interaction's stall.

Times of the window are given twice: the CPU time of the interface thread (``time.thread_time``:
the work the interaction costs, steady whatever else the machine runs) and the wall clock
(what a worker waits on this machine now, which on a shared machine includes waiting for a
core). Targets are judged on the CPU time; the load average is printed with every run.

Adding a case: write ``def my_case(args, report): ...`` that records figures with
``report.figure(key, label, value, unit, target=..., anchor=...)``, decorate it with
``@case("name", "what it measures", options=[("--flag", {argparse keywords}), ...])`` and put
it at the end of this file (or in a module of its own imported here). Options are shared by
every case of one run: give them names of their own.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "bench"))


# --------------------------------------------------------------------------- the framework


@dataclass
class Figure:
    key: str
    label: str
    value: float
    unit: str
    target: tuple[str, float] | None = None
    anchor: str = ""
    wall: float | None = None
    """The same on the wall clock, when ``value`` is CPU time."""

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        op, limit = self.target
        return self.value < limit if op == "<" else self.value <= limit


@dataclass
class Report:
    case: str
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def figure(self, key: str, label: str, value: float, unit: str, *, target: tuple[str, float] | None = None,
               anchor: str = "", wall: float | None = None) -> Figure:
        figure = Figure(key, label, float(value), unit, target, anchor, None if wall is None else float(wall))
        self.figures.append(figure)
        return figure

    def note(self, text: str) -> None:
        self.notes.append(text)


@dataclass
class Case:
    name: str
    title: str
    run: Callable[[argparse.Namespace, Report], None]
    options: list[tuple[str, dict]]


CASES: dict[str, Case] = {}


def case(name: str, title: str, options: list[tuple[str, dict]] = ()):
    """Register a benchmark case (see the module's documentation)."""
    def register(run):
        CASES[name] = Case(name, title, run, list(options))
        return run
    return register


def fmt(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:g} {unit}".strip()


def print_table(reports: list[Report]) -> None:
    print("| case | measure | figure (CPU time when timed) | wall clock | target | met | anchor |")
    print("|---|---|---|---|---|---|---|")
    for report in reports:
        for f in report.figures:
            target = f"{f.target[0]} {fmt(f.target[1], f.unit)}" if f.target else ""
            met = {True: "yes", False: "**no**", None: ""}[f.met]
            wall = fmt(f.wall, f.unit) if f.wall is not None else ""
            print(f"| {report.case} | {f.label} | {fmt(f.value, f.unit)} | {wall} | {target} | {met} | {f.anchor} |")
    for report in reports:
        for note in report.notes:
            print(f"- {report.case}: {note}")


def machine() -> dict[str, Any]:
    return {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}


def run_one(name: str, args: argparse.Namespace) -> Report:
    report = Report(name)
    load_before = os.getloadavg()
    CASES[name].run(args, report)
    report.notes.append("load average before / after: %s / %s" % (
        " ".join(f"{x:.2f}" for x in load_before), " ".join(f"{x:.2f}" for x in os.getloadavg())))
    return report


def as_json(reports: list[Report]) -> str:
    def figures(report: Report) -> dict[str, float]:
        out = {}
        for f in report.figures:
            out[f.key] = round(f.value, 3)
            if f.wall is not None:
                out[f.key + "_wall"] = round(f.wall, 3)
        return out

    return json.dumps({"cases": {r.case: figures(r) for r in reports},
                       "met": {r.case: {f.key: f.met for f in r.figures if f.target} for r in reports},
                       "load_average": [round(x, 2) for x in os.getloadavg()], "machine": machine()})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", help="the cases to run (default: all, each in its own process)")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    for c in CASES.values():
        for flag, kwargs in c.options:
            parser.add_argument(flag, **kwargs)
    args = parser.parse_args()
    if args.list:
        for c in CASES.values():
            print(f"{c.name:12} {c.title}")
        return 0
    unknown = [n for n in args.cases if n not in CASES]
    if unknown:
        parser.error(f"unknown case {', '.join(unknown)}; the cases are {', '.join(CASES)}")
    names = args.cases or list(CASES)
    if len(names) == 1:
        report = run_one(names[0], args)
        print()
        print_table([report])
        print(as_json([report]))
        return 0
    # several cases: each in a fresh process, so that its memory and its imports are its own
    reports = []
    passthrough = [a for a in sys.argv[1:] if a not in CASES]
    for name in names:
        proc = subprocess.run([sys.executable, __file__, name, *passthrough], capture_output=True, text=True)
        sys.stdout.write(proc.stdout)
        sys.stderr.write(proc.stderr[-4000:])
        lines = proc.stdout.strip().splitlines()
        report = Report(name)
        if proc.returncode != 0 or not lines:
            report.note(f"failed (exit {proc.returncode})")
        else:
            data = json.loads(lines[-1])
            for key, value in data["cases"][name].items():
                report.figure(key, key, value, "")
        reports.append(report)
    print()
    print_table(reports)
    print(as_json(reports))
    return 0


# --------------------------------------------------------------------------- Qt helpers (imported lazily)


class StallProbe:
    """The longest gap between two turns of the Qt event loop while it runs (a zero-interval timer).

    Each gap is measured on the wall clock and in the interface thread's CPU time.
    """

    def __init__(self):
        from PySide6 import QtCore

        self.timer = QtCore.QTimer()
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._tick)
        self.last = self.last_cpu = 0.0
        self.longest = self.longest_cpu = 0.0

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.longest = max(self.longest, now - self.last)
        self.longest_cpu = max(self.longest_cpu, cpu - self.last_cpu)
        self.last, self.last_cpu = now, cpu

    def start(self) -> None:
        self.longest = self.longest_cpu = 0.0
        self.last, self.last_cpu = time.perf_counter(), time.thread_time()
        self.timer.start()

    def stop(self) -> tuple[float, float]:
        """Stop; the longest gap in milliseconds (up to now): wall clock, CPU time."""
        self._tick()
        self.timer.stop()
        return self.longest * 1000, self.longest_cpu * 1000


def spin(app, seconds: float) -> None:
    """Run the event loop for ``seconds``."""
    from PySide6 import QtCore

    loop = QtCore.QEventLoop()
    QtCore.QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


@dataclass
class Step:
    """One interaction: its own time and the longest stall around it, in milliseconds."""

    wall: float
    cpu: float
    stall_wall: float
    stall_cpu: float


def in_loop(app, probe: StallProbe, action: Callable[[], Any], settle: float = 0.15) -> Step:
    """Run ``action`` from the event loop, then let the loop run ``settle`` seconds.

    Returns the action's own time and the longest stall from its start to the end of the
    settling time.
    """
    from PySide6 import QtCore

    took = []

    def run():
        start, cpu = time.perf_counter(), time.thread_time()
        action()
        took.append(((time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000))

    probe.start()
    QtCore.QTimer.singleShot(0, run)
    spin(app, settle)
    while not took:
        spin(app, 0.05)
    return Step(*took[0], *probe.stop())


def summary(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), max(values)


def rss_mb(field_name: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


# --------------------------------------------------------------------------- the cases

# each case is a module of its own beside this one (``bench/scale_<name>.py``) that registers itself
sys.modules.setdefault("scale", sys.modules[__name__])
import scale_transcript  # noqa: E402,F401  (registers "transcript")
import scale_merge  # noqa: E402,F401  (registers "merge")
import scale_png  # noqa: E402,F401  (registers "png")
import scale_store  # noqa: E402,F401  (registers "store")
import scale_timesheet  # noqa: E402,F401  (registers "timesheet")

if __name__ == "__main__":
    sys.exit(main())
