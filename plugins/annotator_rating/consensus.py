"""One rating of an item from several workers' (``results merge --consensus``).

The rules (``docs/lab.md``). A *majority* is more than half of the workers who answered that
question (``k // 2 + 1`` of ``k``); what has none is dropped and counted:

* **scores**, per response and criterion: the score a majority gave goes into ``scores``
  (ties and split votes are counted: "score ties", "scores without a majority"); the mean
  of every worker's score goes into ``mean_scores`` whatever the votes;
* **pairwise**: each worker's choice is read in the item's own order, whatever side they saw
  it on (:func:`model.pairwise_value`); the direction a majority chose (first response, second,
  or about the same) is kept with the mean strength of those workers, rounded, in the item's
  order (so one preference pair per item in the ``preferences`` formats); as many workers for
  each response is a tie ("preference ties"), anything else a contradiction ("contradictory
  preferences");
* **ranking**: responses in the order of their mean rank; equal means are a tie, kept only when
  the pack allows ties ("ranking ties" otherwise, the ranking dropped);
* **rubric** pass or fail and **safety flags**, per response: what a majority answered (a flag is
  raised when a majority raised it);
* free text (justifications, rewrites, written prompts) is not fused: it is left out and the
  items that had some counted ("items with texts left out").
"""
from __future__ import annotations

from collections import Counter, defaultdict
from statistics import fmean
from typing import Any, Mapping

from annotator.plugin_api import Consensus
from annotator.plugin_api.agreement import ItemGroup
from annotator_rating import model


def _vote(values: list[Any]) -> tuple[Any, str | None]:
    """The value a majority of ``values`` holds, or ``None`` and "tie" / "none"."""
    counts = Counter(values).most_common()
    if not counts:
        return None, None
    top, n = counts[0]
    if n >= len(values) // 2 + 1:
        return top, None
    return None, "tie" if len(counts) > 1 and counts[1][1] == n else "none"


def _scores(anns: list[Mapping], ids: list[str], task: model.Task, counts: Counter, doc: dict) -> None:
    kept: dict[str, dict[str, int]] = {}
    means: dict[str, dict[str, float]] = {}
    for rid in ids:
        for criterion in task.criteria:
            values = [((a.get("scores") or {}).get(rid) or {}).get(criterion.id) for a in anns]
            values = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
            if not values:
                continue
            means.setdefault(rid, {})[criterion.id] = round(fmean(values), 3)
            value, why = _vote(values)
            if value is not None:
                kept.setdefault(rid, {})[criterion.id] = value
            else:
                counts["score ties" if why == "tie" else "scores without a majority"] += 1
    if means:
        doc["scores"] = kept
        doc["mean_scores"] = means


def _pairwise(anns: list[Mapping], item: Mapping, ids: list[str], task: model.Task, counts: Counter,
              doc: dict) -> None:
    values = [model.pairwise_value(a, item) for a in anns]
    values = [v for v in values if v is not None]
    if not values or len(ids) != 2:
        return
    direction, why = _vote([(v > 0) - (v < 0) for v in values])
    if direction is None:
        counts["preference ties" if why == "tie" else "contradictory preferences"] += 1
        return
    strength = round(fmean(abs(v) for v in values if (v > 0) - (v < 0) == direction)) if direction else 0
    doc["pairwise"] = {"shown": list(ids), "preferred": None if direction == 0 else ids[0 if direction > 0 else 1],
                       "strength": max(1, strength) if direction else 0, "levels": task.pairwise_levels}


def _ranking(anns: list[Mapping], ids: list[str], task: model.Task, counts: Counter, doc: dict) -> None:
    ranks: dict[str, list[int]] = defaultdict(list)
    for a in anns:
        ranking = a.get("ranking")
        if isinstance(ranking, Mapping):
            for rid, r in ranking.items():
                if rid in ids and isinstance(r, int) and not isinstance(r, bool):
                    ranks[rid].append(r)
    if not ranks:
        return
    means = sorted((fmean(v), rid) for rid, v in ranks.items())
    if len({m for m, _ in means}) != len(means) and not task.ranking_ties:
        counts["ranking ties"] += 1
        return
    out, place, last = {}, 0, None
    for n, (mean, rid) in enumerate(means, 1):
        if mean != last:
            place, last = n, mean
        out[rid] = place
    doc["ranking"] = out


def _rubric_and_flags(anns: list[Mapping], ids: list[str], task: model.Task, counts: Counter, doc: dict) -> None:
    rubric: dict[str, dict[str, dict[str, Any]]] = {}
    for rid in ids:
        for criterion in task.rubric:
            values = [(((a.get("rubric") or {}).get(rid) or {}).get(criterion.id) or {}).get("pass") for a in anns]
            values = [v for v in values if isinstance(v, bool)]
            value, why = _vote(values)
            if value is not None:
                rubric.setdefault(rid, {})[criterion.id] = {"pass": value, "why": ""}
            elif why is not None:
                counts["rubric ties" if why == "tie" else "rubric answers without a majority"] += 1
    if rubric:
        doc["rubric"] = rubric
    if task.flags:
        need = len(anns) // 2 + 1
        flags = {}
        for rid in ids:
            raised = Counter(f for a in anns for f in set(((a.get("flags") or {}).get(rid) or [])) if isinstance(f, str))
            kept = [f.id for f in task.flags if raised[f.id] >= need]
            counts["flags without a majority"] += sum(1 for f in task.flags if 0 < raised[f.id] < need)
            if kept:
                flags[rid] = kept
        doc["flags"] = flags


def consensus(group: ItemGroup, task: Mapping[str, Any]) -> Consensus:
    parsed = model.task_of(task)
    item = group.item
    ids = model.response_ids(item)
    anns = [a for a in group.annotations.values() if isinstance(a, Mapping)]
    counts: Counter = Counter()
    doc: dict[str, Any] = {"format": model.ANNOTATION_FORMAT, "order": list(ids)}
    _scores(anns, ids, parsed, counts, doc)
    _pairwise(anns, item, ids, parsed, counts, doc)
    _ranking(anns, ids, parsed, counts, doc)
    _rubric_and_flags(anns, ids, parsed, counts, doc)
    if any(isinstance(a.get(k), str) and a[k].strip() for a in anns for k in ("justification", "rewrite")) \
            or any(a.get("attempts") for a in anns):
        counts["items with texts left out"] += 1
    counts = Counter({k: v for k, v in counts.items() if v})
    return Consensus(None if model.is_empty(doc) and not doc.get("mean_scores") else doc, dict(counts))
