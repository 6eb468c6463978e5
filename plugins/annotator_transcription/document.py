"""The worker's edits of one recording's transcript: a Qt-free document with unlimited undo.

Every rule the editor applies lives here, as a method of :class:`TranscriptDocument` that
computes the next :class:`State` with the pure edits of :mod:`annotator_transcription.segments`
and records it as one undo step (:class:`annotator.plugin_api.editing.Document`, ADR 0006):
typing in one segment forms one step (its merge key names the segment), every other edit is
a step of its own. The Qt editor (``_qt/editor.py``) turns keys and clicks into these calls
and shows the state.

The state is the segments and the segment the worker was on when the step was taken, so
undo takes the worker back there. Moving to another segment is not an edit:
:attr:`TranscriptDocument.current` follows the worker and :meth:`~TranscriptDocument.go_to`
only ends the current run of typing.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from annotator.plugin_api.editing import Document

from annotator_transcription import segments as S
from annotator_transcription.segments import SegmentError, Segments

__all__ = ["State", "TranscriptDocument", "SegmentError", "machine_segments"]


@dataclass(frozen=True)
class State:
    """What undo restores: the segments and which one the worker was on."""

    segments: Segments
    current: int = 0


def machine_segments(item: Mapping[str, Any], duration: float, speakers: Sequence[str] = ()) -> Segments | None:
    """The item's machine transcript as segments (a text is one segment over the recording), or ``None``."""
    if isinstance(item.get("transcript"), (str, list)):
        return S.initial(item, duration, speakers)
    return None


class TranscriptDocument(Document[State]):
    """The segments of one recording and every edit the worker makes to them."""

    def __init__(self, segments: Segments, duration: float, speakers: Sequence[str] = (), *,
                 item: Mapping[str, Any] | None = None, clock: Callable[[], float] = time.monotonic):
        super().__init__(State(tuple(segments), 0), clock=clock)
        self.duration = float(duration)
        self.speakers = [s for s in speakers if isinstance(s, str)]
        self.item: Mapping[str, Any] = item or {}
        self._machine: Segments | None = None
        self._saved: tuple[Segments, list[dict[str, Any]]] | None = None  # the last annotation's segments
        #: the segment the worker is on (moving is not an undo step; undo and redo move it back)
        self.current = 0

    @classmethod
    def from_annotation(cls, annotation: Mapping[str, Any] | None, *, item: Mapping[str, Any] | None = None,
                        duration: float = 0.0, speakers: Sequence[str] = (), **context: Any) -> "TranscriptDocument":
        """The document for a saved annotation, else the item's machine transcript, else one empty segment."""
        item = item or {}
        speakers = [s for s in speakers if isinstance(s, str)]
        saved = S.from_annotation(annotation, duration, speakers)
        document = cls(saved if saved else S.initial(item, duration, speakers), duration, speakers, item=item,
                       **context)
        if not saved and document.has_machine:
            document._machine = document.segments  # the item starts from it: read once
        return document

    @property
    def has_machine(self) -> bool:
        """Whether the item came with a machine transcript to correct."""
        return isinstance(self.item.get("transcript"), (str, list))

    @property
    def unchanged(self) -> bool:
        """Whether the segments are still the machine transcript's own (known without diffing)."""
        return self._machine is not None and self.segments is self._machine

    @property
    def machine(self) -> Segments | None:
        """The machine transcript the item came with (the words the worker corrects), or ``None``.

        Read from the item when first asked (a long transcript takes tens of milliseconds).
        """
        if self._machine is None and self.has_machine:
            self._machine = machine_segments(self.item, self.duration, self.speakers)
        return self._machine

    def annotation(self) -> dict[str, Any]:
        """The annotation as saved. Made from the last one: only the segments that changed since are new."""
        segments, saved = self.segments, self._saved
        if saved is None:
            entries = S.to_annotation(segments, self.duration)["segments"]
        elif saved[0] is segments:
            entries = saved[1]
        else:
            before, entries = saved
            head, old_end, new_end = S.changed_span(before, segments)
            entries = entries[:head] + [seg.to_json() for seg in segments[head:new_end]] + entries[old_end:]
        self._saved = (segments, entries)
        return {**S.to_annotation((), self.duration), "segments": list(entries)}

    # -- reading ------------------------------------------------------------------

    @property
    def segments(self) -> Segments:
        return self.state.segments

    @property
    def segment(self) -> S.Segment:
        """The segment the worker is on."""
        return self.segments[self.current]

    def _clamp(self, index: int) -> int:
        return max(0, min(int(index), len(self.segments) - 1))

    # -- moving (not an edit) -------------------------------------------------------

    def go_to(self, index: int) -> bool:
        """Make segment ``index`` (clamped) the current one; ``False`` if it already was.

        Ends the run of typing: typing in the segment again later is a step of its own.
        """
        index = self._clamp(index)
        if index == self.current:
            return False
        self.current = index
        self.break_merge()
        return True

    # -- edits --------------------------------------------------------------------

    def _edit(self, segments: Segments, current: int, label: str, merge_key: Any = None) -> bool:
        if segments == self.segments:
            return False
        before = self.current
        self.current = max(0, min(current, len(segments) - 1))
        if not self.apply(State(segments, self.current), label, merge_key):
            self.current = before
            return False
        return True

    def type_text(self, text: str) -> bool:
        """The current segment's text as typed; a run of typing in one segment is one undo step."""
        index = self.current
        if self.segments[index].text == text:
            return False
        return self._edit(S.set_text(self.segments, index, text), index, "Typing", ("text", index))

    def split(self, at: float, text_cut: int | None = None) -> int:
        """Split the segment playing at ``at`` seconds; the new segment (after ``at``) becomes current.

        ``text_cut`` is where the text is cut (a character index) when the worker is typing in that
        segment; otherwise all the text stays in the first half. Raises :class:`SegmentError`.
        """
        index = S.index_at(self.segments, at)
        if index is None:
            raise SegmentError("the playhead is not inside a segment")
        self._edit(S.split(self.segments, index, at, text_cut if index == self.current else None),
                   index + 1, "Split segment")
        return index + 1

    def merge_next(self) -> None:
        """Merge the current segment with the one after it. Raises :class:`SegmentError` on the last one."""
        self._edit(S.merge(self.segments, self.current), self.current, "Merge segments")

    def delete_current(self) -> None:
        """Delete the current segment. Raises :class:`SegmentError` for the only one."""
        if len(self.segments) <= 1:
            raise SegmentError("the only segment cannot be deleted")
        self._edit(S.delete(self.segments, self.current), self.current, "Delete segment")

    def insert(self, start: float, end: float) -> int:
        """A new empty segment over the free part of ``start``-``end``; it becomes current."""
        segments, index = S.insert(self.segments, start, end, self.duration)
        self._edit(segments, index, "New segment")
        return index

    def move(self, index: int, start: float, end: float) -> bool:
        """Move segment ``index``'s edges (kept between its neighbours). Raises :class:`SegmentError`."""
        if not 0 <= index < len(self.segments):
            return False
        return self._edit(S.set_bounds(self.segments, index, start, end, self.duration), index,
                          "Move segment edge")

    def set_speaker(self, number: int) -> bool:
        """The pack's ``number``-th speaker (from 1) speaks in the current segment."""
        if not 1 <= number <= len(self.speakers):
            return False
        return self._edit(S.set_speaker(self.segments, self.current, self.speakers[number - 1]), self.current,
                          "Set speaker")

    # -- undo ---------------------------------------------------------------------

    def _changed(self, merge_key: Any) -> None:
        # after an undo or a redo the worker is back on the segment of that step
        self.current = self._clamp(self.state.current)
        super()._changed(merge_key)
