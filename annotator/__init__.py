"""annotator: a desktop annotation tool that keeps an honest timesheet for the worker.

The package is split in two layers:

* :mod:`annotator.core` and :mod:`annotator.plugin_api` import no Qt; they hold
  packs, the worker's store, plugin discovery, exports and (later) metering.
* :mod:`annotator.ui` turns Qt events into core calls and core results into widgets.
"""

__version__ = "0.1.0"


def _immortal_singletons() -> None:
    """Work around a reference-count bug of PySide6 6.12.0 on CPython 3.11.

    shiboken6 6.12.0 returns ``None``, ``True`` and ``False`` from Qt calls without
    taking a reference (they are immortal only from Python 3.12 on), so each call of a
    void or bool Qt method drops one reference; after a few thousand calls CPython
    aborts with "Fatal Python error: none_dealloc" (or bool_dealloc). Reproduce::

        r = QtCore.QRectF(); n = sys.getrefcount(None)
        for _ in range(1000): r.setLeft(1)
        sys.getrefcount(None) - n   # -1000 with 6.12.0, 0 with 6.11.3

    Giving the three singletons 2**40 references does what Python 3.12 does (makes
    them immortal). Nothing else changes. Remove once PySide6 is fixed or the project
    needs Python 3.12.
    """
    import sys

    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return
    import ctypes

    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40


_immortal_singletons()
