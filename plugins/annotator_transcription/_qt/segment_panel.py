"""The list of segments beside the current segment's speaker, text and changes from the machine transcript."""
from __future__ import annotations

import html

from PySide6 import QtCore, QtGui, QtWidgets

from annotator_transcription.changes import GroupDiff
from annotator_transcription.segments import Segment
from annotator_transcription.waveform import format_clock
from annotator_transcription.wer import Change
from annotator_transcription._qt.segment_table import SegmentTable


class SegmentPanel(QtWidgets.QSplitter):
    """The segments table on the left; on the right the current segment's speaker and text box."""

    def __init__(self, parent=None):
        super().__init__(QtCore.Qt.Orientation.Horizontal, parent)
        self.table = SegmentTable()
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
        self._shown_diff: GroupDiff | None = None
        self._speakers: list[str] | None = None

    # ------------------------------------------------------------------ the current segment

    def show_segment(self, index: int, count: int, seg: Segment, speakers: list[str]) -> None:
        self.segment_label.setText(self.tr("Segment %1 of %2 · %3 – %4")
                                   .replace("%1", str(index + 1)).replace("%2", str(count))
                                   .replace("%3", format_clock(seg.start)).replace("%4", format_clock(seg.end)))
        self.speaker_combo.blockSignals(True)
        if speakers != self._speakers:
            self._speakers = list(speakers)
            self.speaker_combo.clear()
            self.speaker_combo.addItems(speakers)
        self.speaker_combo.setCurrentIndex(speakers.index(seg.speaker) if seg.speaker in speakers else -1)
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

    def show_changes(self, has_machine: bool, total: int | None, diff: GroupDiff | None) -> None:
        """The words changed in all (``None``: still being compared) and the current segment's changes."""
        if not has_machine:
            self.changes_label.setText("")
            self.changes.hide()
            self.changes_label.hide()
            self._shown_diff = None
            return
        self.changes_label.show()
        self.changes.show()
        if total is None:
            self.changes_label.setText(self.tr("Comparing with the machine transcript…"))
        elif total == 0:
            self.changes_label.setText(self.tr("Machine transcript: not changed yet."))
        else:
            self.changes_label.setText(self.tr("Words changed from the machine transcript: %1")
                                       .replace("%1", str(total)))
        if diff is not self._shown_diff:  # the box is redrawn only when its segment's changes are new
            self._shown_diff = diff
            self.changes.setHtml(changes_html(diff.changes) if diff is not None else "")


def changes_html(changes: tuple[Change, ...] | list[Change]) -> str:
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
