"""The list of segments as a model and a view: only the rows on screen are ever drawn.

:class:`SegmentModel` answers for the document's segments as they are (it keeps no copy of
them); an edit tells it which rows changed (:meth:`SegmentModel.show`), so a keystroke
repaints one cell and a split inserts one row, however long the transcript. The view has fixed
column widths and row heights, so Qt never measures the rows it does not show.
"""
from __future__ import annotations

from typing import Callable

from PySide6 import QtCore, QtGui, QtWidgets

from annotator_transcription.segments import Segments, changed_span
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
            return self.cell(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == SPEAKER:
            return self.speaker_color(row)
        return None

    def cell(self, row: int, column: int) -> str:
        """What a cell shows."""
        seg = self.segments[row]
        if column == TEXT:
            return " ".join(seg.text.split())
        if column == START:
            return format_clock(seg.start)
        if column == END:
            return format_clock(seg.end)
        return seg.speaker or ""

    def speaker_color(self, row: int) -> QtGui.QColor | None:
        speaker = self.segments[row].speaker
        return speaker_color(speaker, self.speakers).darker(120) if speaker else None

    # ------------------------------------------------------------------ the editor's calls

    def reset(self, segments: Segments, speakers: list[str]) -> None:
        """Another item."""
        self.beginResetModel()
        self.segments, self.speakers = segments, list(speakers)
        self.endResetModel()

    def show(self, segments: Segments) -> None:
        """The document's segments after an edit: only the rows that differ are told to the view.

        The rows that changed are found by identity (:func:`~annotator_transcription.segments.changed_span`).
        """
        before = self.segments
        if before is segments:
            return
        head, old_end, new_end = changed_span(before, segments)  # rows [head, old_end) became [head, new_end)
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


class RowNumbers(QtWidgets.QHeaderView):
    """The rows' numbers, as wide as the widest number: measured from the font, never from every row.

    Qt's own size hint asks the model for the header of hundreds of rows after each inserted or
    removed row (about a thousand Python calls at 5,000 segments, most of a merge's table time).
    """

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(Qt.Orientation.Vertical, parent)
        self._hint: tuple[int, QtCore.QSize] | None = None

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802 - Qt API
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        if self._hint is None or self._hint[0] != len(str(rows)):
            option = QtWidgets.QStyleOptionHeader()
            self.initStyleOption(option)
            option.text = "9" * len(str(max(rows, 1)))
            text = QtCore.QSize(self.fontMetrics().horizontalAdvance(option.text), self.defaultSectionSize())
            size = self.style().sizeFromContents(QtWidgets.QStyle.ContentsType.CT_HeaderSection, option, text, self)
            self._hint = (len(str(rows)), QtCore.QSize(size.width(), self.defaultSectionSize()))
        return self._hint[1]


class SegmentDelegate(QtWidgets.QStyledItemDelegate):
    """Fills a cell's look from its segment in one call.

    Qt's own delegate asks the model once per role (seven Python calls per cell, most of a
    repaint of the table); the cells have only a text, left-aligned, and the speaker's colour.
    """

    _FEATURES = QtWidgets.QStyleOptionViewItem.ViewItemFeature.HasDisplay
    _ALIGN = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

    def __init__(self, model: SegmentModel, parent: QtCore.QObject | None = None):
        super().__init__(parent)
        self.segment_model = model

    def initStyleOption(self, option, index) -> None:  # noqa: N802 - Qt API
        model, row, column = self.segment_model, index.row(), index.column()
        if not 0 <= row < len(model.segments):
            return
        option.index = index
        option.text = model.cell(row, column)
        option.features |= self._FEATURES
        option.displayAlignment = self._ALIGN
        if column == SPEAKER:
            color = model.speaker_color(row)
            if color is not None:
                option.palette.setColor(QtGui.QPalette.ColorRole.Text, color)


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
        self.setItemDelegate(SegmentDelegate(self.segment_model, self))
        self.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setVerticalHeader(RowNumbers(self))
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
