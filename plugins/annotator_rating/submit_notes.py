"""Checks before submitting: gentle notes, never a block (the worker decides).

What the pack asks for and is missing (:func:`missing_notes`), every score identical
(:func:`identical_scores`), an item done much faster than the worker's own usual time
(:func:`much_faster`, with the worker's times kept by :func:`record_time`). Qt-free: the
editor turns each :class:`Note` into a translated sentence.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from annotator_rating.annotation import all_scores
from annotator_rating.items import item_modes, letter
from annotator_rating.task import Task, TextSettings


@dataclass(frozen=True)
class Note:
    """Something to check before submitting; ``code`` selects the (translated) sentence."""

    code: str
    args: tuple[str, ...] = ()


def missing_notes(annotation: Mapping[str, Any] | None, item: Mapping[str, Any], task: Task,
                  order: Sequence[str]) -> list[Note]:
    """What the pack asks for and is not there yet (never a block: the worker decides)."""
    annotation = annotation or {}
    notes: list[Note] = []
    modes = item_modes(item, task)
    names = {rid: letter(i) for i, rid in enumerate(order)}
    if "likert" in modes:
        scores = annotation.get("scores") or {}
        missing = sum(1 for rid in order for c in task.criteria if c.id not in (scores.get(rid) or {}))
        if missing:
            notes.append(Note("scores_missing", (str(missing),)))
    if "pairwise" in modes and not annotation.get("pairwise"):
        notes.append(Note("pairwise_missing"))
    if "ranking" in modes:
        ranking = annotation.get("ranking") or {}
        if any(rid not in ranking for rid in order):
            notes.append(Note("ranking_missing"))
    if "rubric" in modes:
        rubric = annotation.get("rubric") or {}
        unanswered = 0
        for rid in order:
            for criterion in task.rubric:
                entry = (rubric.get(rid) or {}).get(criterion.id) or {}
                passed = entry.get("pass")
                if passed is None:
                    unanswered += 1
                    continue
                why = (entry.get("why") or "").strip()
                if criterion.needs_why(passed) and len(why) < max(1, criterion.min_length):
                    notes.append(Note("rubric_why_short", (criterion.label, names.get(rid, rid),
                                                            str(max(1, criterion.min_length)), str(len(why)))))
        if unanswered:
            notes.append(Note("rubric_missing", (str(unanswered),)))
    for key in ("justification", "rewrite"):
        settings: TextSettings = getattr(task, key)
        if key in modes and (settings.required or settings.min_length):
            text = (annotation.get(key) or "").strip()
            need = max(1, settings.min_length)
            if len(text) < need:
                notes.append(Note(f"{key}_short", (str(need), str(len(text)))))
    if "prompt_writing" in modes:
        attempts = [a for a in annotation.get("attempts") or [] if str(a.get("prompt") or "").strip()]
        if not attempts:
            notes.append(Note("no_prompt"))
        elif any(not a.get("verdict") for a in attempts):
            notes.append(Note("verdict_missing"))
        elif any(not str(a.get("response") or "").strip() for a in attempts):
            notes.append(Note("response_missing"))
    return notes


def identical_scores(annotation: Mapping[str, Any] | None, minimum: int = 3) -> int | None:
    """The one value every score has, when there are at least ``minimum`` scores and all agree."""
    values = all_scores(annotation)
    if len(values) >= minimum and len(set(values)) == 1:
        return values[0]
    return None


#: an item counts as "much faster" below this fraction of the worker's own median time
FAST_FRACTION = 0.33
#: the worker's own median needs this many earlier items before the note can show
FAST_MIN_HISTORY = 5


def much_faster(seconds: float, own_times: Iterable[float]) -> float | None:
    """The worker's own median time if ``seconds`` is much shorter than it, else ``None``."""
    history = [float(t) for t in own_times if isinstance(t, (int, float)) and t > 0]
    if len(history) < FAST_MIN_HISTORY:
        return None
    median = statistics.median(history)
    if median >= 10 and seconds < median * FAST_FRACTION:
        return median
    return None


#: how many of the worker's own item times are kept per pack (the oldest go first)
MAX_TIMES = 500


def record_time(times: Any, item_key: str, seconds: float, keep: int = MAX_TIMES) -> dict[str, float]:
    """The worker's item times with ``item_key`` now at ``seconds`` (moved to the newest end),
    at most ``keep`` of them. ``times`` is what the settings held: anything but a dict starts over."""
    kept = dict(times) if isinstance(times, dict) else {}
    kept.pop(item_key, None)
    kept[item_key] = round(seconds, 1)
    while len(kept) > keep:
        kept.pop(next(iter(kept)))
    return kept
