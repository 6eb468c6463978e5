#!/usr/bin/env python3
"""Cost of the input hook per event (target < 10 µs).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/metering_input_hook.py

Measures (1) ``MeterService.signal("input")``, the meter's hot path, and (2) the
whole path of one real Qt mouse-move event through the window's application-wide
event filter (``InputMeter``) into the meter.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from annotator.core.metering.service import MeterService  # noqa: E402
from annotator.core.store import Store  # noqa: E402

N = 1_000_000


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(tmp)
        meter = MeterService(store)
        meter.signal("app_start")
        signal = meter.signal
        best = float("inf")
        for _ in range(5):
            t0 = time.perf_counter()
            for _ in range(N):
                signal("input")
            best = min(best, (time.perf_counter() - t0) / N)
        print(f"MeterService.signal('input'): {best * 1e9:,.0f} ns per event (best of 5 x {N:,}; target < 10 µs)")

        from PySide6 import QtCore, QtGui, QtWidgets
        from annotator.ui.main_window import InputMeter

        app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
        widget = QtWidgets.QWidget()
        hook = InputMeter(meter, every=0.0)  # no throttling: every event goes to the meter
        event = QtGui.QMouseEvent(QtCore.QEvent.Type.MouseMove, QtCore.QPointF(5, 5), QtCore.QPointF(5, 5),
                                  QtCore.Qt.MouseButton.NoButton, QtCore.Qt.MouseButton.NoButton,
                                  QtCore.Qt.KeyboardModifier.NoModifier)
        n = 200_000
        best = float("inf")
        for _ in range(5):
            t0 = time.perf_counter()
            for _ in range(n):
                hook.eventFilter(widget, event)
            best = min(best, (time.perf_counter() - t0) / n)
        print(f"InputMeter.eventFilter + meter, unthrottled: {best * 1e9:,.0f} ns per event (best of 5 x {n:,})")
        meter.signal("app_quit")
        store.close()
        del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
