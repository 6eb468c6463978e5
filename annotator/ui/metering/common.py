"""Colours, names and formats of the metering UI (shared by the status bar, the timesheet and the PDF)."""
from __future__ import annotations

from PySide6 import QtCore

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


def hm(seconds: float | None) -> str:
    """``1:05`` (hours:minutes) for durations in the meter and the timesheet."""
    if seconds is None:
        return "—"
    m = int(round(float(seconds) / 60))
    return f"{m // 60}:{m % 60:02d}"


def money(amount: float | None, currency: str | None) -> str:
    if amount is None or not currency:
        return "—"
    return QtCore.QLocale().toString(float(amount), "f", 2) + f" {currency}"


def percent(x: float | None) -> str:
    return "—" if x is None else QtCore.QLocale().toString(100 * x, "f", 0) + " %"


def ratio(x: float | None) -> str:
    return "—" if x is None else QtCore.QLocale().toString(float(x), "f", 2)


def human(seconds: float) -> str:
    """``45 s``, ``13 min``, ``1 h 05 min``: a span a person reads at a glance."""
    s = int(round(float(seconds)))
    if s < 60:
        return QtCore.QCoreApplication.translate("Metering", "%1 s").replace("%1", str(s))
    m = int(round(s / 60))
    if m < 60:
        return QtCore.QCoreApplication.translate("Metering", "%1 min").replace("%1", str(m))
    return QtCore.QCoreApplication.translate("Metering", "%1 h %2 min").replace("%1", str(m // 60)) \
        .replace("%2", f"{m % 60:02d}")
