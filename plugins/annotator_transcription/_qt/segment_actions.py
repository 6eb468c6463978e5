"""The transcription editor's segment actions: moving between segments, splitting, merging, deleting,
new segments from a selection, edges and speakers (a part of :class:`~annotator_transcription._qt.editor.TranscriptionEditor`).

Each action turns the worker's key or click into one document edit; the document holds the rules
(:mod:`annotator_transcription.document`), the editor shows the result. A refused edit tells the
worker why, in the status line and the window's notice.
"""
from __future__ import annotations

from annotator_transcription import segments as S
from annotator_transcription.document import SegmentError


class SegmentActions:
    """The segment actions of the transcription editor (mixed into it: they use its widgets and document)."""

    # ================================================================== segments

    def set_current(self, index: int, seek: bool = False) -> None:
        document = self.document
        if document is None or not document.segments:
            return
        index = max(0, min(index, len(document.segments) - 1))
        if index != document.current:
            self.saver.flush()
            document.go_to(index)
            self.table.select(index)
            self.waves.set_current(index)
            self._show_current(text_box=True)
        if seek:
            self.seek(document.segments[index].start)
            self.waves.show_time(document.segments[index].start)

    def previous_segment(self) -> None:
        self.set_current(self.current - 1, seek=True)

    def next_segment(self) -> None:
        self.set_current(self.current + 1, seek=True)

    def _segment_clicked(self, index: int, at: float) -> None:
        self.set_current(index)
        self.seek(at)

    def split_at_playhead(self) -> None:
        if self.document is None:
            return
        at = self.transport.position()
        if S.index_at(self.document.segments, at) is None:
            self._fail(self.tr("The playhead is not inside a segment: nothing to split."))
            return
        self._cursor_hint = "start"  # the cursor stays where the worker was typing: the new segment's start
        try:
            self.document.split(at, self.text.textCursor().position())
        except SegmentError:
            self._cursor_hint = None
            self._fail(self.tr("Move the playhead away from the segment's edge to split it."))

    def merge_with_next(self) -> None:
        if self.document is None:
            return
        try:
            self.document.merge_next()
        except SegmentError:
            self._fail(self.tr("This is the last segment: there is nothing after it to merge with."))

    def delete_segment(self) -> None:
        if self.document is None:
            return
        try:
            self.document.delete_current()
        except SegmentError:
            self._fail(self.tr("The only segment cannot be deleted; clear its text instead."))

    def new_from_selection(self) -> None:
        if self.document is None:
            return
        rng = self.waves.selection_range
        if rng is None:
            self._fail(self.tr("Drag across the waveform to select a stretch first."))
            return
        try:
            self.document.insert(rng[0], rng[1])
        except SegmentError:
            self._fail(self.tr("The selection has no free stretch: it lies inside existing segments."))
            return
        self.waves.set_selection(None)
        self.text.setFocus()

    def move_segment(self, index: int, start: float, end: float) -> None:
        if self.document is None:
            return
        try:
            moved = self.document.move(index, start, end)
        except SegmentError:
            moved = False
        if not moved:  # put the edge back where the segment is
            self.waves.set_segments(self.document.segments, self.document.current, self.speakers)

    def choose_speaker(self, number: int) -> None:
        if self.document is not None:
            self.document.set_speaker(number)

    def _fail(self, message: str) -> None:
        if self.host is not None:
            self.host.notify(message)
        self.status_label.setText(message)

    # ================================================================== selection

    def _selection_changed(self, rng) -> None:
        self.new_button.setEnabled(rng is not None)

    def mark_start(self) -> None:
        t = self.transport.position()
        rng = self.waves.selection_range
        end = rng[1] if rng and rng[1] > t else min(self.duration, t + 2.0)
        self.waves.set_selection((t, end))

    def mark_end(self) -> None:
        t = self.transport.position()
        rng = self.waves.selection_range
        start = rng[0] if rng and rng[0] < t else max(0.0, t - 2.0)
        self.waves.set_selection((start, t))
