"""The lab's merge checks a worker's rating against the pack (``TaskPlugin.check_annotation``).

What a bundle holds is checked before the lab stores it, with the pack's parsed task
(:func:`model.task_of`) and the item's responses (:func:`model.response_ids`,
:func:`model.item_modes`), the rules the editor keeps (``docs/rating.md``):

* each part of the annotation belongs to a mode the pack uses for this item (``scores`` to
  ``likert``, ``pairwise``, ``ranking``, ``rubric``, ``flags``, ``justification``, ``rewrite``,
  ``attempts`` to ``prompt_writing``);
* it names only the item's responses, the pack's criteria, rubric questions, flags and verdicts;
* scores are whole numbers on the criterion's scale; a pairwise choice has a strength from 0 to
  the pack's levels and a preferred response only above 0; ranks run from 1 to the number of
  responses, without ties unless the pack allows them; texts are at most
  :data:`model.MAX_TEXT` characters; ``order`` is the item's responses, each once.
"""
from __future__ import annotations

from typing import Any, Mapping

from annotator.plugin_api import PackInfo
from annotator_rating import model

#: the part of an annotation each mode writes
PARTS = {"scores": "likert", "pairwise": "pairwise", "ranking": "ranking", "rubric": "rubric", "flags": "flags",
         "justification": "justification", "rewrite": "rewrite", "attempts": "prompt_writing"}
MAX_REPORTED = 3

_parsed: tuple[Any, model.Task] | None = None


def _task(task: Mapping[str, Any]) -> model.Task:
    """The pack's parsed task, once per pack (the merge calls this for every item)."""
    global _parsed
    cached = _parsed
    if cached is None or cached[0] is not task:
        cached = _parsed = (task, model.task_of(task))
    return cached[1]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= model.MAX_TEXT


def _scores(value: Any, ids: set[str], task: model.Task) -> str | None:
    criteria = {c.id: c for c in task.criteria}
    if not isinstance(value, Mapping):
        return "scores must be an object of response -> criterion -> score"
    for rid, per in value.items():
        if rid not in ids or not isinstance(per, Mapping):
            return f"scores: {str(rid)[:40]!r} is not one of the item's responses"
        for cid, score in per.items():
            criterion = criteria.get(cid)
            if criterion is None:
                return f"scores: {str(cid)[:40]!r} is not one of the pack's criteria"
            if not _is_int(score) or not criterion.min <= score <= criterion.max:
                return f"scores: {cid} must be a whole number from {criterion.min} to {criterion.max}"
    return None


def _pairwise(value: Any, ids: list[str], task: model.Task) -> str | None:
    if not isinstance(value, Mapping):
        return "pairwise must be an object"
    strength, preferred = value.get("strength"), value.get("preferred")
    if not _is_int(strength) or not 0 <= strength <= task.pairwise_levels:
        return f"pairwise.strength must be a whole number from 0 to {task.pairwise_levels}"
    if strength == 0 and (preferred is not None or not task.pairwise_ties):
        return "pairwise: 'about the same' has no preferred response" if preferred is not None \
            else "pairwise: the pack allows no tie"
    if strength > 0 and preferred not in ids:
        return "pairwise.preferred must be one of the item's two responses"
    shown = value.get("shown", ids)
    if not isinstance(shown, list) or sorted(map(str, shown)) != sorted(ids):
        return "pairwise.shown must be the item's two responses"
    return None


def _ranking(value: Any, ids: set[str], task: model.Task) -> str | None:
    if not isinstance(value, Mapping):
        return "ranking must be an object of response -> rank"
    for rid, rank in value.items():
        if rid not in ids:
            return f"ranking: {str(rid)[:40]!r} is not one of the item's responses"
        if not _is_int(rank) or not 1 <= rank <= len(ids):
            return f"ranking: ranks run from 1 to {len(ids)}"
    if not task.ranking_ties and len(set(value.values())) != len(value):
        return "ranking: the pack allows no tie"
    return None


def _rubric(value: Any, ids: set[str], task: model.Task) -> str | None:
    known = {c.id for c in task.rubric}
    if not isinstance(value, Mapping):
        return "rubric must be an object of response -> question -> answer"
    for rid, per in value.items():
        if rid not in ids or not isinstance(per, Mapping):
            return f"rubric: {str(rid)[:40]!r} is not one of the item's responses"
        for cid, entry in per.items():
            if cid not in known:
                return f"rubric: {str(cid)[:40]!r} is not one of the pack's rubric questions"
            if not isinstance(entry, Mapping) or entry.get("pass") not in (True, False, None) \
                    or not _text(entry.get("why", "")):
                return f"rubric: {cid} must be {{\"pass\": true, false or null, \"why\": a text}}"
    return None


def _flags(value: Any, ids: set[str], task: model.Task) -> str | None:
    known = {f.id for f in task.flags}
    if not isinstance(value, Mapping):
        return "flags must be an object of response -> list of flags"
    for rid, raised in value.items():
        if rid not in ids or not isinstance(raised, list):
            return f"flags: {str(rid)[:40]!r} is not one of the item's responses"
        if not all(isinstance(f, str) and f in known for f in raised):
            return "flags: only the pack's safety flags"
    return None


def _attempts(value: Any, task: model.Task) -> str | None:
    verdicts = {v.id for v in task.verdicts}
    if not isinstance(value, list) or len(value) > task.max_attempts:
        return f"attempts must be a list of at most {task.max_attempts}"
    for entry in value:
        if not isinstance(entry, Mapping) or not _text(entry.get("prompt", "")) \
                or not _text(entry.get("response", "")) or entry.get("verdict") not in verdicts | {None}:
            return "attempts: each is a prompt, a response and one of the pack's verdicts"
    return None


def check_annotation(annotation: Mapping[str, Any], item: Mapping[str, Any], pack: PackInfo) -> list[str]:
    task = _task(pack.task)
    ids = model.response_ids(item)
    idset = set(ids)
    modes = set(model.item_modes(item, task))
    problems: list[str] = []
    if annotation.get("format", model.ANNOTATION_FORMAT) != model.ANNOTATION_FORMAT:
        problems.append(f"format must be {model.ANNOTATION_FORMAT!r}")
    order = annotation.get("order")
    if order is not None and (not isinstance(order, list) or sorted(map(str, order)) != sorted(ids)
                              or len(order) != len(ids)):
        problems.append("order must list the item's responses, each once")
    for part, mode in PARTS.items():
        value = annotation.get(part)
        if value is None or (isinstance(value, (dict, list, str)) and not value):
            continue
        if mode not in modes:
            problems.append(f"{part}: the pack does not ask for {mode} on this item")
            continue
        if part == "scores":
            problem = _scores(value, idset, task)
        elif part == "pairwise":
            problem = _pairwise(value, ids, task)
        elif part == "ranking":
            problem = _ranking(value, idset, task)
        elif part == "rubric":
            problem = _rubric(value, idset, task)
        elif part == "flags":
            problem = _flags(value, idset, task)
        elif part == "attempts":
            problem = _attempts(value, task)
        else:
            problem = None if _text(value) else f"{part} must be a text of at most {model.MAX_TEXT:,} characters"
        if problem:
            problems.append(problem)
    return problems[:MAX_REPORTED]
