"""Guard against a PySide6 reference-count bug that ends the process.

PySide6 6.12.0 on CPython 3.11 returns ``None`` from every void method (``QPainter.drawPolygon``,
``QWidget.update``, ``QPointF.setX``, ...) without taking a reference to it, so each call drops
``None``'s reference count by one. A painted frame of 2,000 shapes makes thousands of such calls,
and after a few seconds CPython aborts with "Fatal Python error: none_dealloc". CPython 3.12+
makes ``None`` immortal, so the bug is harmless there.

:func:`install` measures the loss with a probe and, only when it is real, raises ``None``'s
reference count by 2**48 (what immortality does in 3.12): years of calls at any rate. It changes
nothing else. See ``docs/adr/0103-pyside-none-refcount.md``.
"""
from __future__ import annotations

import sys

_done = False


def none_refs_lost_per_call() -> float:
    from PySide6 import QtCore

    probe = QtCore.QPointF()
    before = sys.getrefcount(None)
    for _ in range(64):
        probe.setX(1.0)
    return (before - sys.getrefcount(None)) / 64


def install() -> bool:
    """Protect ``None`` if this PySide6 has the bug; return whether it did."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if none_refs_lost_per_call() < 0.5:
        _done = True
        return False
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 48  # ob_refcnt is PyObject's first field
    _done = True
    return True
