"""Segments of a transcript and the edits on them; the annotation JSON.

Qt-free. A transcript is a tuple of :class:`Segment` sorted by start, never
overlapping, inside ``[0, duration]``. Every operation returns a new tuple (the old
one stays valid for undo) or raises :class:`SegmentError` with a message for the
worker. The annotation saved for an item is documented in ``docs/transcription.md``::

    {"format": "transcription/1", "duration": 12.48,
     "segments": [{"start": 0.0, "end": 3.21, "speaker": "A", "text": "..."}]}
"""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, replace
from itertools import compress, count
from operator import is_not
from typing import Any, Iterable, Mapping, Sequence

from annotator.plugin_api import msg

FORMAT = "transcription/1"
#: the shortest segment an edit may leave (seconds)
MIN_LENGTH = 0.05
#: times are kept to the millisecond
DECIMALS = 3


class SegmentError(ValueError):
    """An edit that cannot be made, with a message for the worker."""


def _t(value: float) -> float:
    return round(float(value), DECIMALS)


@dataclass(frozen=True)
class Segment:
    start: float
    end: float
    speaker: str | None = None
    text: str = ""

    @property
    def length(self) -> float:
        return self.end - self.start

    def to_json(self) -> dict[str, Any]:
        """The segment as saved (made once per segment and shared: read it, never change it).

        A long transcript is saved whole after every edit; a segment that did not change costs
        no new object.
        """
        try:
            return self.__dict__["_json"]
        except KeyError:
            made = {"start": _t(self.start), "end": _t(self.end), "speaker": self.speaker, "text": self.text}
            object.__setattr__(self, "_json", made)
            return made


Segments = tuple[Segment, ...]


# ---------------------------------------------------------------------- reading


def _number(value: Any) -> float | None:
    kind = type(value)
    if kind is float:  # the usual case first: a long transcript has tens of thousands of them
        return value if math.isfinite(value) else None
    if kind is int:
        return float(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def problems_in_transcript(transcript: Any, speakers: Sequence[str] = ()) -> list[str]:
    """What is wrong with an item's ``transcript`` field (a text, or a list of segments)."""
    if transcript is None or isinstance(transcript, str):
        return []
    if not isinstance(transcript, list):
        return [msg("'transcript' must be a text or a list of segments")]
    problems = []
    for i, seg in enumerate(transcript[:10000]):
        where = f"transcript[{i}]"
        if not isinstance(seg, dict):
            problems.append(msg("{where} must be an object with start, end and text", where=where))
            continue
        start, end = _number(seg.get("start")), _number(seg.get("end"))
        if start is None or end is None:
            problems.append(msg("{where}: start and end must be numbers of seconds", where=where))
        elif start < 0 or end <= start:
            problems.append(msg("{where}: needs 0 <= start < end (got {start}, {end})", where=where, start=start, end=end))
        if not isinstance(seg.get("text", ""), str):
            problems.append(msg("{where}.text must be a text", where=where))
        speaker = seg.get("speaker")
        if speaker is not None and (not isinstance(speaker, str) or (speakers and speaker not in speakers)):
            problems.append(msg("{where}.speaker must be one of the pack's speakers ({speakers})", where=where,
                                speakers=", ".join(speakers)))
    if len(transcript) > 10000:
        problems.append(msg("'transcript' has more than 10,000 segments"))
    return problems


def _from_list(entries: Iterable[Any], duration: float, speakers: Sequence[str]) -> Segments:
    """Usable segments from untrusted JSON: bad entries dropped, overlaps trimmed, clamped."""
    found = []
    for entry in entries:
        if type(entry) is not dict and not isinstance(entry, Mapping):
            continue
        start, end = _number(entry.get("start")), _number(entry.get("end"))
        if start is None or end is None:
            continue
        start, end = max(0.0, start), min(duration, end)
        if end - start < 0.001:
            continue
        text = entry.get("text")
        speaker = entry.get("speaker")
        if type(speaker) is not str or not speaker:
            speaker = speaker if isinstance(speaker, str) and speaker else None
        if speakers and speaker not in speakers:
            speaker = speakers[0]
        found.append(Segment(round(start, DECIMALS), round(end, DECIMALS), speaker,
                             text if type(text) is str or isinstance(text, str) else ""))
    found.sort(key=_start_end)
    out: list[Segment] = []
    for seg in found:
        if out and seg.start < out[-1].end:
            seg = replace(seg, start=out[-1].end)
            if seg.end - seg.start < 0.001:
                continue
        out.append(seg)
    return tuple(out)


def _start_end(segment: Segment) -> tuple[float, float]:
    return segment.start, segment.end


def initial(item: Mapping[str, Any], duration: float, speakers: Sequence[str] = ()) -> Segments:
    """The segments an item starts with: its machine transcript, else one empty segment."""
    default = speakers[0] if speakers else None
    transcript = item.get("transcript")
    if isinstance(transcript, list):
        segs = _from_list(transcript, duration, speakers)
        if segs:
            return segs
    text = transcript if isinstance(transcript, str) else ""
    return (Segment(0.0, _t(duration), default, text),)


def from_annotation(annotation: Mapping[str, Any] | None, duration: float,
                    speakers: Sequence[str] = ()) -> Segments | None:
    """The segments of a saved annotation, or ``None`` if it holds none."""
    if not isinstance(annotation, Mapping):
        return None
    entries = annotation.get("segments")
    if not isinstance(entries, list):
        # the placeholder editor of the foundation saved {"text": ...}
        text = annotation.get("text")
        if isinstance(text, str):
            return (Segment(0.0, _t(duration), speakers[0] if speakers else None, text),)
        return None
    return _from_list(entries, duration, speakers)


def to_annotation(segments: Segments, duration: float) -> dict[str, Any]:
    return {"format": FORMAT, "duration": _t(duration), "segments": list(map(Segment.to_json, segments))}


def changed_span(before: Segments, after: Segments) -> tuple[int, int, int]:
    """Where ``after`` differs from ``before``: segments ``before[head:old_end]`` became ``after[head:new_end]``.

    Segments are immutable and an edit (or an undo) keeps every segment it did not touch, so the
    longest common start and end of the two tuples, compared by identity, bound the change. The
    comparisons run in C (``map``/``compress``): a 5,000-segment transcript in a fraction of a
    millisecond.
    """
    n, m = len(before), len(after)
    limit = min(n, m)
    head = next(compress(count(), map(is_not, before, after)), limit)
    tail = next(compress(count(), map(is_not, reversed(before), reversed(after))), limit)
    tail = min(tail, limit - head)
    return head, n - tail, m - tail


def annotation_segments(annotation: Mapping[str, Any] | None) -> Segments:
    """The segments of a saved annotation as they are (exporters, the lab's merge)."""
    if not isinstance(annotation, Mapping):
        return ()
    duration = _number(annotation.get("duration"))
    entries = annotation.get("segments")
    if not isinstance(entries, list):
        text = annotation.get("text")
        if isinstance(text, str) and text.strip():
            return (Segment(0.0, duration or 0.0, None, text),)
        return ()
    if duration is None:
        ends = [_number(e.get("end")) for e in entries if isinstance(e, Mapping)]
        duration = max([e for e in ends if e is not None], default=0.0)
    return _from_list(entries, duration, ())


def full_text(segments: Iterable[Segment]) -> str:
    """The transcript as one text, segments joined by spaces."""
    return " ".join(" ".join(s.text.split()) for s in segments if s.text.strip())


# ---------------------------------------------------------------------- finding


def index_at(segments: Segments, t: float) -> int | None:
    """The segment playing at ``t`` seconds, or ``None`` in a gap (a binary search: segments are sorted)."""
    i = bisect.bisect_right(segments, t, key=_start) - 1
    if i >= 0 and segments[i].start <= t < segments[i].end:
        return i
    return None


def _start(segment: Segment) -> float:
    return segment.start


def visible_range(segments: Segments, t0: float, t1: float) -> range:
    """The indexes of the segments that reach into ``[t0, t1]`` (segments are sorted and never overlap)."""
    first = bisect.bisect_left(segments, t0, key=_end)
    last = bisect.bisect_right(segments, t1, key=_start)
    return range(first, max(first, last))


def _end(segment: Segment) -> float:
    return segment.end


def gap_around(segments: Segments, t: float, duration: float) -> tuple[float, float] | None:
    """The free stretch that holds ``t``, or ``None`` if ``t`` is inside a segment."""
    lo = 0.0
    for seg in segments:
        if seg.start <= t < seg.end:
            return None
        if seg.start > t:
            return lo, seg.start
        lo = seg.end
    return lo, duration


def bounds_for(segments: Segments, index: int, duration: float) -> tuple[float, float]:
    """How far segment ``index``'s edges may move: its neighbours' edges."""
    lo = segments[index - 1].end if index > 0 else 0.0
    hi = segments[index + 1].start if index + 1 < len(segments) else duration
    return lo, hi


# ---------------------------------------------------------------------- edits


def _check(segments: Segments, index: int) -> Segment:
    if not 0 <= index < len(segments):
        raise SegmentError("there is no such segment")
    return segments[index]


def split(segments: Segments, index: int, at: float, text_cut: int | None = None) -> Segments:
    """Split segment ``index`` at ``at`` seconds; text after ``text_cut`` (a character index) goes right."""
    seg = _check(segments, index)
    at = _t(at)
    if not seg.start + MIN_LENGTH <= at <= seg.end - MIN_LENGTH:
        raise SegmentError("the playhead must be inside the segment, not at its edge, to split it")
    text = seg.text
    cut = len(text) if text_cut is None else max(0, min(len(text), int(text_cut)))
    left = replace(seg, end=at, text=text[:cut].rstrip())
    right = replace(seg, start=at, text=text[cut:].lstrip())
    return segments[:index] + (left, right) + segments[index + 1:]


def merge(segments: Segments, index: int) -> Segments:
    """Merge segment ``index`` with the one after it (the gap between them joins too)."""
    first = _check(segments, index)
    if index + 1 >= len(segments):
        raise SegmentError("this is the last segment: there is nothing after it to merge with")
    second = segments[index + 1]
    text = " ".join(t for t in (first.text.rstrip(), second.text.lstrip()) if t)
    merged = replace(first, end=second.end, text=text)
    return segments[:index] + (merged,) + segments[index + 2:]


def delete(segments: Segments, index: int) -> Segments:
    _check(segments, index)
    return segments[:index] + segments[index + 1:]


def insert(segments: Segments, start: float, end: float, duration: float,
           speaker: str | None = None) -> tuple[Segments, int]:
    """A new empty segment for the stretch ``start``-``end``, trimmed to the free gap it starts in."""
    start, end = sorted((max(0.0, float(start)), min(duration, float(end))))
    if end - start < MIN_LENGTH:
        raise SegmentError("select a longer stretch of the recording first")
    gap = gap_around(segments, start, duration)
    if gap is None:
        # the selection starts inside a segment: use the gap that follows it, if it reaches there
        inside = index_at(segments, start)
        gap = gap_around(segments, segments[inside].end, duration) if inside is not None else None
        if gap is None or gap[0] >= end:
            raise SegmentError("the selection is inside an existing segment; split that segment instead")
        start = gap[0]
    lo, hi = gap
    start, end = _t(max(start, lo)), _t(min(end, hi))
    if end - start < MIN_LENGTH:
        raise SegmentError("there is no free stretch there: the selection overlaps existing segments")
    position = sum(1 for s in segments if s.end <= start)
    if speaker is None and segments:
        speaker = segments[position - 1].speaker if position > 0 else segments[0].speaker
    new = Segment(start, end, speaker, "")
    return segments[:position] + (new,) + segments[position:], position


def set_bounds(segments: Segments, index: int, start: float, end: float, duration: float) -> Segments:
    """Move segment ``index``'s edges, kept between its neighbours and at least :data:`MIN_LENGTH` long."""
    seg = _check(segments, index)
    lo, hi = bounds_for(segments, index, duration)
    start, end = sorted((float(start), float(end)))
    start, end = max(lo, start), min(hi, end)
    if end - start < MIN_LENGTH:
        # keep the edge that did not move, and the minimum length
        if abs(start - seg.start) < 1e-9:
            end = min(hi, start + MIN_LENGTH)
        else:
            start = max(lo, end - MIN_LENGTH)
        if end - start < MIN_LENGTH - 1e-9:
            raise SegmentError("a segment must be at least 0.05 seconds long")
    return segments[:index] + (replace(seg, start=_t(start), end=_t(end)),) + segments[index + 1:]


def set_text(segments: Segments, index: int, text: str) -> Segments:
    seg = _check(segments, index)
    return segments[:index] + (replace(seg, text=str(text)),) + segments[index + 1:]


def set_speaker(segments: Segments, index: int, speaker: str | None) -> Segments:
    seg = _check(segments, index)
    return segments[:index] + (replace(seg, speaker=speaker),) + segments[index + 1:]
