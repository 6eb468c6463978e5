"""Colours, names and formats of the metering UI (shared by the status bar, the timesheet and the PDF).

Durations and amounts are formatted by the one formatter of :mod:`annotator.core.units`; this
module only hands it the window's locale separators and translated unit names.
"""
from __future__ import annotations

from PySide6 import QtCore

from annotator.core import units
from annotator.ui.widgets import money  # noqa: F401 - the one money formatter with the locale's separators

COLORS = {
    "waiting": "#f9ab00", "instructions": "#8e44ad", "training": "#12b5cb", "work": "#1e8e3e",
    "review": "#4285f4", "admin": "#80868b", "break": "#a0c4a8", "away": "#d93025",
}


def category_name(category: str) -> str:
    """The category in the worker's language."""
    names = {
        "waiting": QtCore.QCoreApplication.translate("Metering", "waiting"),
        "instructions": QtCore.QCoreApplication.translate("Metering", "instructions"),
        "training": QtCore.QCoreApplication.translate("Metering", "training"),
        "work": QtCore.QCoreApplication.translate("Metering", "work"),
        "review": QtCore.QCoreApplication.translate("Metering", "review"),
        "admin": QtCore.QCoreApplication.translate("Metering", "admin"),
        "break": QtCore.QCoreApplication.translate("Metering", "break"),
        "away": QtCore.QCoreApplication.translate("Metering", "away"),
    }
    return names.get(category, category)


def duration(seconds: float | None) -> str:
    """``1:05:09`` (hours:minutes:seconds): :func:`annotator.core.units.duration`, for tables and totals."""
    return units.duration(seconds)


def percent(x: float | None) -> str:
    return "—" if x is None else QtCore.QLocale().toString(100 * x, "f", 0) + " %"


def ratio(x: float | None) -> str:
    return "—" if x is None else QtCore.QLocale().toString(float(x), "f", 2)


def human(seconds: float | None) -> str:
    """``45 s``, ``13 min 20 s``, ``1 h 05 min``: :func:`annotator.core.units.duration` in words, translated."""
    tr = QtCore.QCoreApplication.translate
    return units.duration(seconds, "words", {"s": tr("Metering", "%1 s"), "min": tr("Metering", "%1 min"),
                                             "min_s": tr("Metering", "%1 min %2 s"),
                                             "h_min": tr("Metering", "%1 h %2 min")})


def pack_combo(store, none_text: str | None):
    """A choice of pack ("none" first unless ``none_text`` is None, then the packs of the library by
    title), its data the pack's id."""
    from PySide6 import QtWidgets

    combo = QtWidgets.QComboBox()
    if none_text is not None:
        combo.addItem(none_text, None)
    for p in store.packs():
        combo.addItem(p.title, p.pack_id)
    return combo
