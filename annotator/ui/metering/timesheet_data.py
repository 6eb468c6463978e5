"""The Timesheet view's data: the figures computed off the interface thread, the intervals as a model.

:class:`PoolJob` computes a period's timesheet on a :class:`QtCore.QThreadPool` thread and hands
the result to the interface thread through a queued signal; it never touches a widget.
:class:`IntervalsModel` shows the newest intervals in a ``QTableView``: only the rows on screen
are formatted, and nothing measures every row (issue 17: the ``QTableWidget`` filled cell by cell
and sized over every row took 58 % of a refresh).
"""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Callable

from PySide6 import QtCore, QtGui

from annotator.core.metering.ledger import chain_head
from annotator.core.metering.timesheet import compute, interval_dicts
from annotator.ui.metering.common import COLORS, category_name, duration

log = logging.getLogger(__name__)

#: the newest intervals listed in the window (the exports have them all)
MAX_ROWS = 2000


class SheetSignals(QtCore.QObject):
    """Lives on the interface thread: what a job emits from its thread arrives there queued."""

    done = QtCore.Signal(int, object)
    failed = QtCore.Signal(int, str)


class PoolJob(QtCore.QRunnable):
    """``work()`` on a pool thread, its result emitted with ``generation`` (a stale result is told apart).

    ``work`` runs the core and makes plain strings only, never touches a widget.
    """

    def __init__(self, generation: int, work: Callable[[], Any], signals: SheetSignals):
        super().__init__()
        self.generation, self.work, self.signals = generation, work, signals

    def run(self) -> None:  # on a pool thread
        try:
            result = self.work()
        except Exception as exc:  # noqa: BLE001 - reported in the view, never lost
            log.exception("a timesheet computation failed")
            self._emit(self.signals.failed, str(exc))
            return
        self._emit(self.signals.done, result)

    def _emit(self, signal, value) -> None:
        try:
            signal.emit(self.generation, value)
        except RuntimeError:  # the view was closed while computing
            pass


def sheet_result(store, prepare=None, **args) -> dict[str, Any]:
    """The timesheet, the newest :data:`MAX_ROWS` intervals newest first (through ``prepare``), how many are left
    out, the chain's head."""
    sheet = compute(store, **args)
    every = sheet["_intervals"]
    sheet["_intervals"] = every[max(0, len(every) - MAX_ROWS):]
    rows = interval_dicts(sheet)[::-1]
    if prepare is not None:
        prepare(rows)
    del sheet["_intervals"]
    return {"sheet": sheet, "intervals": rows, "hidden": len(every) - len(rows), "head": chain_head(store)}


class IntervalsModel(QtCore.QAbstractTableModel):
    """The intervals of the period, newest first; the record's number under ``UserRole`` of column 0."""

    def __init__(self, headers: list[str], not_final: str, corrected: str, declared: str, measured: str,
                 parent=None):
        super().__init__(parent)
        self.headers = headers
        self.texts = {"not_final": not_final, "corrected": corrected, "declared": declared, "measured": measured}
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def prepare(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """``rows`` with their cells' texts made (under ``"cells"``): on the pool's thread, not while painting."""
        for e in rows:
            e["cells"] = tuple(self.text(e, c) for c in range(len(self.headers)))
        return rows

    def rowCount(self, parent=QtCore.QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QtCore.QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=QtCore.Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation == QtCore.Qt.Orientation.Horizontal and role == QtCore.Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index, role=QtCore.Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        e, c = self.rows[index.row()], index.column()
        if role == QtCore.Qt.ItemDataRole.DisplayRole:
            cells = e.get("cells")
            return cells[c] if cells is not None else self.text(e, c)
        if role == QtCore.Qt.ItemDataRole.UserRole and c == 0:
            return e["record"]
        if c == 3 and role == QtCore.Qt.ItemDataRole.ForegroundRole:
            return QtGui.QColor(COLORS.get(e["category"], "#202124"))
        if c == 3 and role == QtCore.Qt.ItemDataRole.ToolTipRole:
            return e["rule"]
        return None

    def text(self, e: dict[str, Any], c: int) -> str:
        if c == 0:
            return datetime.fromtimestamp(e["start"]).strftime("%Y-%m-%d %H:%M:%S")
        if c == 1:
            return datetime.fromtimestamp(e["end"]).strftime("%H:%M:%S")
        if c == 2:
            return duration(e["seconds"])
        if c == 3:
            cat = category_name(e["category"])
            if not e["record"]:
                cat += " " + self.texts["not_final"]
            if e["correction"] is not None:
                cat += " " + self.texts["corrected"].replace("%1", category_name(e["measured_category"]))
            return cat
        if c == 4:
            return e["pack"] or e["lab"] or ""
        if c == 5:
            return e["item"] or ""
        if c == 6:
            return e["note"] or ""
        return self.texts["declared"] if e["source"] == "declared" else self.texts["measured"]
