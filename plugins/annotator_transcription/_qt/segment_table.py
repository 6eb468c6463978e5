"""The list of segments as a model and a view: only the rows on screen are ever drawn.

:class:`SegmentModel` answers for the document's segments as they are (it keeps no copy of
them); an edit tells it which rows changed (:meth:`SegmentModel.show`), so a keystroke
repaints one cell and a split inserts one row, however long the transcript. The view has fixed
column widths and row heights, so Qt never measures the rows it does not show.
"""
from __future__ import annotations

from typing import Callable

from PySide6 import QtCore, QtGui, QtWidgets

from annotator_transcription.segments import Segments
from annotator_transcription.waveform import format_clock
from annotator_transcription._qt.waveview import speaker_color

Qt = QtCore.Qt
COLUMNS = 4
START, END, SPEAKER, TEXT = range(COLUMNS)
CHANGED = QtGui.QColor("#c9ebd2")


class SegmentModel(QtCore.QAbstractTableModel):
    """The segments of the item being edited, one row each: start, end, speaker, text.

    The segment's number is the row's header (Qt renumbers the rows after an insertion), tinted
    when the segment's words differ from the machine transcript.
    """

    def __init__(self, parent: QtCore.QObject | None = None):
        super().__init__(parent)
        self.segments: Segments = ()
        self.speakers: list[str] = []
        self.changed: Callable[[int], bool] = lambda row: False
        """Whether a row's words differ from the machine transcript (the editor sets it)."""
        self._headers = [self.tr("Start"), self.tr("End"), self.tr("Speaker"), self.tr("Text")]
        self._changed_tip = self.tr("Changed from the machine transcript")

    # ------------------------------------------------------------------ Qt's questions

    def rowCount(self, parent=QtCore.QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.segments)

    def columnCount(self, parent=QtCore.QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole) and self.changed(section):
            return CHANGED if role == Qt.ItemDataRole.BackgroundRole else self._changed_tip
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row, column = index.row(), index.column()
        if not 0 <= row < len(self.segments):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            seg = self.segments[row]
            if column == TEXT:
                return " ".join(seg.text.split())
            if column == START:
                return format_clock(seg.start)
            if column == END:
                return format_clock(seg.end)
            return seg.speaker or ""
        if role == Qt.ItemDataRole.ForegroundRole and column == SPEAKER:
            speaker = self.segments[row].speaker
            return speaker_color(speaker, self.speakers).darker(120) if speaker else None
        return None

    # ------------------------------------------------------------------ the editor's calls

    def reset(self, segments: Segments, speakers: list[str]) -> None:
        """Another item."""
        self.beginResetModel()
        self.segments, self.speakers = segments, list(speakers)
        self.endResetModel()

    def show(self, segments: Segments) -> None:
        """The document's segments after an edit: only the rows that differ are told to the view.

        Segments are immutable and an edit keeps every segment it did not touch, so the rows
        that changed lie between the longest common start and end of the two tuples.
        """
        before = self.segments
        if before is segments:
            return
        n, m = len(before), len(segments)
        head = 0
        limit = min(n, m)
        while head < limit and before[head] is segments[head]:
            head += 1
        tail = 0
        while tail < limit - head and before[n - 1 - tail] is segments[m - 1 - tail]:
            tail += 1
        old_end, new_end = n - tail, m - tail  # rows [head, old_end) became rows [head, new_end)
        common = min(old_end, new_end)
        if new_end < old_end:
            self.beginRemoveRows(QtCore.QModelIndex(), common, old_end - 1)
            self.segments = segments
            self.endRemoveRows()
        elif new_end > old_end:
            self.beginInsertRows(QtCore.QModelIndex(), common, new_end - 1)
            self.segments = segments
            self.endInsertRows()
        else:
            self.segments = segments
        if common > head:
            self.dataChanged.emit(self.index(head, 0), self.index(common - 1, COLUMNS - 1))

    def show_text(self, row: int, segments: Segments) -> None:
        """Only the text of ``row`` changed (typing)."""
        self.segments = segments
        index = self.index(row, TEXT)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])

    def show_changed(self) -> None:
        """The rows' changes from the machine transcript were recomputed (the row headers show them)."""
        if self.segments:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self.segments) - 1)


class SegmentTable(QtWidgets.QTableView):
    """The view: one row per segment, the current one selected and kept in sight."""

    row_activated = QtCore.Signal(int)
    """A click on a row (the worker goes there)."""
    text_wanted = QtCore.Signal()
    """A double click (the worker wants to type)."""

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.segment_model = SegmentModel(self)
        self.setModel(self.segment_model)
        self.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        head = self.horizontalHeader()
        head.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Fixed)
        head.setStretchLastSection(True)
        self.fit_columns(["A", "B"])
        self.clicked.connect(lambda index: self.row_activated.emit(index.row()))
        self.doubleClicked.connect(lambda _index: self.text_wanted.emit())

    def fit_columns(self, speakers: list[str]) -> None:
        """Widths from the font, never from the rows: the widest number, time and speaker name."""
        metrics, head = self.fontMetrics(), self.horizontalHeader()
        pad = 18
        model = self.segment_model
        widths = {START: metrics.horizontalAdvance("0:00:00.0"), END: metrics.horizontalAdvance("0:00:00.0"),
                  SPEAKER: max([metrics.horizontalAdvance(model.headerData(SPEAKER, Qt.Orientation.Horizontal))]
                               + [metrics.horizontalAdvance(s) for s in speakers[:50]])}
        for column, width in widths.items():
            head.resizeSection(column, min(width + pad, 220))

    def load(self, segments: Segments, speakers: list[str], current: int) -> None:
        self.fit_columns(speakers)
        self.segment_model.changed = lambda row: False  # until the new item's changes are known
        self.segment_model.reset(segments, speakers)
        self.select(current)

    def select(self, row: int) -> None:
        """Make ``row`` the selected row and scroll it into sight."""
        model = self.segment_model
        if not 0 <= row < model.rowCount():
            return
        index = model.index(row, 0)
        flags = (QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QtCore.QItemSelectionModel.SelectionFlag.Rows)
        self.selectionModel().setCurrentIndex(index, flags)
        self.scrollTo(index, QtWidgets.QAbstractItemView.ScrollHint.EnsureVisible)

    def visible_rows(self) -> range:
        """The rows on screen."""
        viewport = self.viewport().rect()
        first = self.rowAt(viewport.top())
        if first < 0:
            return range(0)
        last = self.rowAt(viewport.bottom())
        return range(first, (last if last >= 0 else self.segment_model.rowCount() - 1) + 1)
