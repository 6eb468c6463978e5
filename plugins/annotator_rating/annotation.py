"""The saved rating annotation (format ``rating/1``): made safe to show, and read.

:func:`clean_annotation` makes any saved annotation fit the item and the task (never
raising); the other functions read an annotation for exports, agreement, the lab and the
item list. The edits the worker makes are in :mod:`annotator_rating.document`. Qt-free;
the format is a contract documented in ``docs/rating.md`` (ADR 0300).
"""
from __future__ import annotations

import copy
from typing import Any, Mapping, Sequence

from annotator_rating.items import response_ids
from annotator_rating.task import Task, is_int

#: the value of an annotation's ``format`` key
ANNOTATION_FORMAT = "rating/1"


def clean_annotation(raw: Any, item: Mapping[str, Any], task: Task, fallback_order: Sequence[str]) -> dict[str, Any]:
    """A saved annotation made safe to show: wrong values dropped, unknown keys kept as they are.

    Never raises: a saved annotation may come from an older version or have been
    edited by hand. Nothing the worker made that still fits the item is lost.
    """
    data = copy.deepcopy(dict(raw)) if isinstance(raw, Mapping) else {}
    ids = response_ids(item)
    order = data.get("order")
    if not (isinstance(order, list) and sorted(map(str, order)) == sorted(ids) and len(order) == len(ids)):
        order = list(fallback_order)
    data["format"] = ANNOTATION_FORMAT
    data["order"] = [str(x) for x in order]
    idset = set(ids)

    scores = data.get("scores")
    if scores is not None:
        kept: dict[str, dict[str, int]] = {}
        criteria = {c.id: c for c in task.criteria}
        if isinstance(scores, Mapping):
            for rid, per in scores.items():
                if rid in idset and isinstance(per, Mapping):
                    good = {cid: v for cid, v in per.items()
                            if cid in criteria and is_int(v) and criteria[cid].min <= v <= criteria[cid].max}
                    if good:
                        kept[rid] = good
        data["scores"] = kept

    pairwise = data.get("pairwise")
    if pairwise is not None:
        ok = (isinstance(pairwise, Mapping) and len(ids) == 2 and
              isinstance(pairwise.get("strength"), int) and 0 <= pairwise["strength"] <= task.pairwise_levels and
              (pairwise.get("preferred") in idset if pairwise["strength"] > 0 else pairwise.get("preferred") is None))
        if ok:
            data["pairwise"] = {"shown": list(data["order"]), "preferred": pairwise.get("preferred"),
                                "strength": pairwise["strength"], "levels": task.pairwise_levels}
        else:
            data.pop("pairwise")

    ranking = data.get("ranking")
    if ranking is not None:
        data["ranking"] = {rid: r for rid, r in ranking.items() if rid in idset and is_int(r) and 1 <= r <= len(ids)} \
            if isinstance(ranking, Mapping) else {}

    rubric = data.get("rubric")
    if rubric is not None:
        kept_rubric: dict[str, dict[str, dict[str, Any]]] = {}
        known = {c.id for c in task.rubric}
        if isinstance(rubric, Mapping):
            for rid, per in rubric.items():
                if rid not in idset or not isinstance(per, Mapping):
                    continue
                good = {}
                for cid, entry in per.items():
                    if cid in known and isinstance(entry, Mapping):
                        passed = entry.get("pass")
                        why = entry.get("why", "")
                        good[cid] = {"pass": passed if isinstance(passed, bool) else None,
                                     "why": why if isinstance(why, str) else ""}
                if good:
                    kept_rubric[rid] = good
        data["rubric"] = kept_rubric

    flags = data.get("flags")
    if flags is not None:
        known = [f.id for f in task.flags]
        data["flags"] = {rid: [f for f in known if f in set(v)] for rid, v in flags.items()
                         if rid in idset and isinstance(v, list)} if isinstance(flags, Mapping) else {}

    for key in ("justification", "rewrite"):
        if key in data and not isinstance(data[key], str):
            data.pop(key)

    attempts = data.get("attempts")
    if attempts is not None:
        verdicts = {v.id for v in task.verdicts}
        kept_attempts = []
        if isinstance(attempts, list):
            for entry in attempts[: task.max_attempts]:
                if isinstance(entry, Mapping):
                    verdict = entry.get("verdict")
                    kept_attempts.append({
                        "prompt": entry.get("prompt") if isinstance(entry.get("prompt"), str) else "",
                        "response": entry.get("response") if isinstance(entry.get("response"), str) else "",
                        "verdict": verdict if verdict in verdicts else None,
                    })
        data["attempts"] = kept_attempts
    return data


def pairwise_value(annotation: Mapping[str, Any] | None, item: Mapping[str, Any]) -> int | None:
    """The preference as one signed number in the item's own order (for agreement).

    Positive when the item's first response (``responses[0]``) is preferred,
    negative when the second is, 0 for a tie; ``None`` when not chosen. The
    display order does not change it, so workers who saw the pair swapped agree.
    """
    pairwise = (annotation or {}).get("pairwise")
    ids = response_ids(item)
    if not isinstance(pairwise, Mapping) or len(ids) != 2:
        return None
    strength = pairwise.get("strength")
    if not isinstance(strength, int):
        return None
    if strength == 0:
        return 0
    return strength if pairwise.get("preferred") == ids[0] else -strength


def preference(annotation: Mapping[str, Any] | None) -> tuple[str, str, int] | None:
    """``(chosen id, rejected id, strength)`` of a pairwise choice with a winner, else ``None``."""
    pairwise = (annotation or {}).get("pairwise")
    if not isinstance(pairwise, Mapping):
        return None
    shown, preferred, strength = pairwise.get("shown"), pairwise.get("preferred"), pairwise.get("strength")
    if not (isinstance(shown, list) and len(shown) == 2 and preferred in shown and isinstance(strength, int)
            and strength > 0):
        return None
    rejected = shown[1] if preferred == shown[0] else shown[0]
    return preferred, rejected, strength


def all_scores(annotation: Mapping[str, Any] | None) -> list[int]:
    scores = (annotation or {}).get("scores")
    if not isinstance(scores, Mapping):
        return []
    return [v for per in scores.values() if isinstance(per, Mapping) for v in per.values() if is_int(v)]


def is_empty(annotation: Mapping[str, Any] | None) -> bool:
    """Whether the worker made nothing yet (the order alone is not work)."""
    if not annotation:
        return True
    if all_scores(annotation) or annotation.get("pairwise") or any(
            isinstance(v, Mapping) and v for v in [annotation.get("ranking")]):
        return False
    rubric = annotation.get("rubric")
    if isinstance(rubric, Mapping) and any(
            isinstance(per, Mapping) and any(isinstance(e, Mapping) and (e.get("pass") is not None or e.get("why"))
                                             for e in per.values()) for per in rubric.values()):
        return False
    flags = annotation.get("flags")
    if isinstance(flags, Mapping) and any(flags.values()):
        return False
    for key in ("justification", "rewrite"):
        if isinstance(annotation.get(key), str) and annotation[key].strip():
            return False
    attempts = annotation.get("attempts")
    if isinstance(attempts, list) and any(
            isinstance(a, Mapping) and (str(a.get("prompt") or "").strip() or str(a.get("response") or "").strip()
                                        or a.get("verdict")) for a in attempts):
        return False
    return True


def summary_parts(annotation: Mapping[str, Any] | None) -> dict[str, int]:
    """Counts for a one-line summary: scores, flags, ranked, attempts; pairwise strength sign."""
    annotation = annotation or {}
    flags = annotation.get("flags")
    attempts = annotation.get("attempts")
    return {
        "scores": len(all_scores(annotation)),
        "flags": sum(len(v) for v in flags.values() if isinstance(v, list)) if isinstance(flags, Mapping) else 0,
        "ranked": len(annotation.get("ranking") or {}) if isinstance(annotation.get("ranking"), Mapping) else 0,
        "attempts": len([a for a in attempts if isinstance(a, Mapping) and str(a.get("prompt") or "").strip()])
        if isinstance(attempts, list) else 0,
    }
