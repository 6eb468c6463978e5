"""The list of segments and the current segment's speaker, text and changes from the machine transcript."""
from __future__ import annotations

import html

from PySide6 import QtCore, QtGui, QtWidgets

from annotator_transcription.segments import Segment, Segments
from annotator_transcription.waveform import format_clock
from annotator_transcription.wer import Change, changed_words
from annotator_transcription._qt.waveview import speaker_color


class SegmentPanel(QtWidgets.QSplitter):
    """The segments table on the left; on the right the current segment's speaker and text box."""

    def __init__(self, parent=None):
        super().__init__(QtCore.Qt.Orientation.Horizontal, parent)
        self.table = QtWidgets.QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("#"), self.tr("Start"), self.tr("End"), self.tr("Speaker"),
                                              self.tr("Text")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        head = self.table.horizontalHeader()
        for col in range(4):
            head.setSectionResizeMode(col, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(4, QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.addWidget(self.table)

        right = QtWidgets.QWidget()
        right_layout = QtWidgets.QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        row = QtWidgets.QHBoxLayout()
        self.segment_label = QtWidgets.QLabel()
        self.segment_label.setStyleSheet("font-weight: 600;")
        row.addWidget(self.segment_label)
        row.addStretch(1)
        self.speaker_label = QtWidgets.QLabel(self.tr("Speaker"))
        row.addWidget(self.speaker_label)
        self.speaker_combo = QtWidgets.QComboBox()
        self.speaker_combo.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        row.addWidget(self.speaker_combo)
        right_layout.addLayout(row)
        self.text = QtWidgets.QPlainTextEdit()
        self.text.setUndoRedoEnabled(False)  # one history per item: the document's
        self.text.setPlaceholderText(self.tr("Type what you hear…"))
        font = self.text.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.text.setFont(font)
        right_layout.addWidget(self.text, 1)
        self.changes_label = QtWidgets.QLabel()
        self.changes_label.setStyleSheet("color: #555;")
        right_layout.addWidget(self.changes_label)
        self.changes = QtWidgets.QTextBrowser()
        self.changes.setMaximumHeight(84)
        self.changes.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        right_layout.addWidget(self.changes)
        self.addWidget(right)
        self.setStretchFactor(0, 2)
        self.setStretchFactor(1, 3)

    # ------------------------------------------------------------------ the table

    def fill_table(self, segments: Segments, current: int, speakers: list[str]) -> None:
        table = self.table
        table.blockSignals(True)
        table.setRowCount(len(segments))
        for row, seg in enumerate(segments):
            values = (str(row + 1), format_clock(seg.start), format_clock(seg.end), seg.speaker or "",
                      " ".join(seg.text.split()))
            for col, value in enumerate(values):
                item = table.item(row, col)
                if item is None:
                    item = QtWidgets.QTableWidgetItem()
                    table.setItem(row, col, item)
                if item.text() != value:
                    item.setText(value)
            if seg.speaker:
                table.item(row, 3).setForeground(speaker_color(seg.speaker, speakers).darker(120))
        if segments:
            table.selectRow(current)
        table.blockSignals(False)

    def show_row_text(self, row: int, text: str) -> None:
        item = self.table.item(row, 4)
        if item is not None:
            item.setText(" ".join(text.split()))

    def scroll_to(self, row: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.table.scrollToItem(item)

    # ------------------------------------------------------------------ the current segment

    def show_segment(self, index: int, count: int, seg: Segment, speakers: list[str]) -> None:
        self.segment_label.setText(self.tr("Segment %1 of %2 · %3 – %4")
                                   .replace("%1", str(index + 1)).replace("%2", str(count))
                                   .replace("%3", format_clock(seg.start)).replace("%4", format_clock(seg.end)))
        self.speaker_combo.blockSignals(True)
        self.speaker_combo.clear()
        for name in speakers:
            self.speaker_combo.addItem(name)
        if seg.speaker in speakers:
            self.speaker_combo.setCurrentIndex(speakers.index(seg.speaker))
        self.speaker_combo.blockSignals(False)
        self.speaker_combo.setVisible(bool(speakers))
        self.speaker_label.setVisible(bool(speakers))

    def show_no_segment(self) -> None:
        self.segment_label.setText(self.tr("No segment"))

    def set_text(self, text: str, cursor_at: int | None) -> None:
        """Show ``text`` in the text box (``cursor_at`` ``None``: the cursor at the end), keeping the focus."""
        had_focus = self.text.hasFocus()
        self.text.blockSignals(True)
        try:
            self.text.setPlainText(text)
        finally:
            self.text.blockSignals(False)
        cursor = self.text.textCursor()
        if cursor_at is None:
            cursor.movePosition(QtGui.QTextCursor.MoveOperation.End)
        else:
            cursor.setPosition(max(0, min(cursor_at, len(text))))
        self.text.setTextCursor(cursor)
        if had_focus:
            self.text.setFocus()

    # ------------------------------------------------------------------ changes from the machine transcript

    def show_changes(self, changes: list[Change] | None) -> None:
        """The words changed from the machine transcript, or nothing when the item came without one."""
        if changes is None:
            self.changes_label.setText("")
            self.changes.hide()
            self.changes_label.hide()
            return
        self.changes_label.show()
        self.changes.show()
        count = changed_words(changes)
        if count == 0:
            self.changes_label.setText(self.tr("Machine transcript: not changed yet."))
        else:
            self.changes_label.setText(self.tr("Words changed from the machine transcript: %1")
                                       .replace("%1", str(count)))
        self.changes.setHtml(changes_html(changes))


def changes_html(changes: list[Change]) -> str:
    """Removed words struck through in red, added words underlined in green; the text escaped."""
    parts = []
    for change in changes:
        if change.op == "equal":
            parts.append(html.escape(change.old))
            continue
        if change.old:
            parts.append(f'<span style="color:#b00020; text-decoration: line-through;">'
                         f'{html.escape(change.old)}</span>')
        if change.new:
            parts.append(f'<span style="color:#1b7f3b; text-decoration: underline; font-weight:600;">'
                         f'{html.escape(change.new)}</span>')
    return " ".join(parts)
