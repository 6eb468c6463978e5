"""The lab's merge checks a worker's transcript against the pack (``TaskPlugin.check_annotation``).

What a bundle holds is checked before the lab stores it, with the rules the editor keeps
(``segments.py``): a transcript is ``{"format": "transcription/1", "duration", "segments"}``
(or the early ``{"text"}`` form) where

* ``duration`` is a number of seconds above 0 and at most :data:`MAX_DURATION`, and the
  recording's own duration (within :data:`DURATION_SLACK`) when the lab's copy of the pack can
  read it;
* segments are objects with finite ``start`` < ``end`` inside ``[0, duration]``, in order and
  not overlapping, with a text, at most :data:`MAX_SEGMENTS` of them
  (:func:`segments.problems_in_transcript` checks each one);
* a segment's speaker is none, or one of the pack's speakers; when the pack declares none,
  one named by the item's machine transcript. A name the pack never declared never becomes
  a tier or a voice in the lab's outputs.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Any, Mapping

from annotator.plugin_api import PackInfo, resolve_media
from annotator_transcription.segments import FORMAT, problems_in_transcript

#: the longest recording a transcript may claim (a day)
MAX_DURATION = 86_400.0
#: how far the transcript's duration may be from the recording's: decoders differ slightly
DURATION_SLACK = (0.5, 0.01)  # seconds, and a share of the duration: the larger of the two
#: how far a segment may reach past the duration (times are kept to the millisecond)
EDGE = 0.001
MAX_SEGMENTS = 100_000
MAX_REPORTED = 3


@lru_cache(maxsize=100_000)
def _media_duration(root: Any, media: str) -> float | None:
    """The recording's duration in the lab's copy of the pack, read once per merge."""
    from annotator_transcription.audio import duration_of

    try:
        return duration_of(resolve_media(root, media))
    except (OSError, ValueError):
        return None


def _speakers(task: Mapping[str, Any], item: Mapping[str, Any]) -> list[str]:
    declared = task.get("speakers") if isinstance(task.get("speakers"), list) else []
    declared = [s for s in declared if isinstance(s, str)]
    if declared:
        return declared
    machine = item.get("transcript")
    if isinstance(machine, list):
        return sorted({s.get("speaker") for s in machine if isinstance(s, dict) and isinstance(s.get("speaker"), str)})
    return []


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def check_annotation(annotation: Mapping[str, Any], item: Mapping[str, Any], pack: PackInfo) -> list[str]:
    segments = annotation.get("segments")
    if segments is None:
        text = annotation.get("text")
        return [] if isinstance(text, str) else ["a transcript needs segments (or a text)"]
    problems: list[str] = []
    if annotation.get("format", FORMAT) != FORMAT:
        problems.append(f"format must be {FORMAT!r}")
    duration = _number(annotation.get("duration"))
    if duration is None or not 0 < duration <= MAX_DURATION:
        return problems + [f"duration must be a number of seconds above 0 and at most {MAX_DURATION:,.0f}"]
    media = item.get("media")
    if isinstance(media, str) and media:
        real = _media_duration(pack.root, media)
        if real and abs(real - duration) > max(DURATION_SLACK[0], DURATION_SLACK[1] * real):
            problems.append(f"the recording lasts {real:.3f} s, the transcript says {duration:.3f} s")
    if not isinstance(segments, list) or len(segments) > MAX_SEGMENTS:
        return problems + [f"segments must be a list of at most {MAX_SEGMENTS:,} segments"]
    speakers = _speakers(pack.task, item)
    found: list[str] = []
    for start in range(0, len(segments), 10_000):  # problems_in_transcript looks at 10,000 at a time
        found += [p.replace("transcript[", f"segments[{start}+" if start else "segments[", 1)
                  for p in problems_in_transcript(segments[start:start + 10_000], speakers)]
        if found:
            break
    problems += found[:MAX_REPORTED]
    if problems:
        return problems[:MAX_REPORTED]
    end = 0.0
    for n, seg in enumerate(segments):
        speaker = seg.get("speaker")
        if speaker is not None and speaker not in speakers:  # problems_in_transcript allows any without speakers
            problems.append(f"segments[{n}].speaker {str(speaker)[:60]!r} is not one the pack declares")
        elif seg["start"] < end - EDGE:
            problems.append(f"segments[{n}] starts at {seg['start']:g} s, before the segment before it ends")
        elif seg["end"] > duration + EDGE:
            problems.append(f"segments[{n}] ends at {seg['end']:g} s, after the recording ({duration:g} s)")
        end = max(end, seg["end"])
        if len(problems) >= MAX_REPORTED:
            break
    return problems
