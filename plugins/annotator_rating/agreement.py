"""Agreement between workers who rated the same items: Krippendorff's alpha, and Cohen's kappa for two."""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from annotator.plugin_api.agreement import AgreementFigure, ItemGroup, cohen_kappa, krippendorff_alpha
from annotator_rating import model


def _figure(name: str, units: dict, level: str, method: str) -> AgreementFigure:
    used = sum(1 for u in units.values() if sum(v is not None for v in u.values()) >= 2)
    return AgreementFigure(name, krippendorff_alpha(units, level), used, method)


def agreement(groups: Iterable[ItemGroup], task: Mapping[str, Any]) -> list[AgreementFigure]:
    parsed = model.task_of(task)
    scores: dict[str, dict] = {c.id: {} for c in parsed.criteria}
    pairwise: dict[str, dict] = {}
    rubric: dict[tuple, dict] = {}
    flags: dict[tuple, dict] = {}
    for g in groups:  # one pass: groups are streamed
        item_id = g.item["id"]
        rids = model.response_ids(g.item)
        for criterion in parsed.criteria:
            for rid in rids:
                scores[criterion.id][(item_id, rid)] = {
                    w: ((a or {}).get("scores") or {}).get(rid, {}).get(criterion.id) for w, a in g.annotations.items()}
        pairwise[item_id] = {w: model.pairwise_value(a, g.item) for w, a in g.annotations.items()}
        for w, a in g.annotations.items():
            for rid, answers in ((a or {}).get("rubric") or {}).items():
                for cid, answer in (answers or {}).items():
                    if isinstance(answer, dict) and isinstance(answer.get("pass"), bool):
                        rubric.setdefault((item_id, rid, cid), {})[w] = answer["pass"]
        for rid in rids:
            for flag in parsed.flags:
                flags[(item_id, rid, flag.id)] = {
                    w: flag.id in (((a or {}).get("flags") or {}).get(rid) or []) for w, a in g.annotations.items()}
    figures: list[AgreementFigure] = []
    for criterion in parsed.criteria:
        units = scores[criterion.id]
        if any(v is not None for u in units.values() for v in u.values()):
            figures.append(_figure(f"Krippendorff's alpha, {criterion.label or criterion.id} scores (ordinal)",
                                   units, "ordinal", "one unit per item and response"))
    if any(v is not None for u in pairwise.values() for v in u.values()):
        figures.append(_figure("Krippendorff's alpha, pairwise preference (interval)", pairwise, "interval",
                               "the signed preference for the first response, whichever side each worker saw"))
        workers = sorted({w for u in pairwise.values() for w in u})
        if len(workers) == 2:
            a, b = workers
            pairs = [((u[a] > 0) - (u[a] < 0), (u[b] > 0) - (u[b] < 0)) for u in pairwise.values()
                     if u.get(a) is not None and u.get(b) is not None]
            figures.append(AgreementFigure("Cohen's kappa, which response is preferred", cohen_kappa(pairs),
                                           len(pairs), "two workers; preference direction only (or a tie)"))
    if rubric:
        figures.append(_figure("Krippendorff's alpha, rubric pass/fail (nominal)", rubric, "nominal",
                               "one unit per item, response and criterion"))
    if flags:
        figures.append(_figure("Krippendorff's alpha, safety flags (nominal)", flags, "nominal",
                               "one unit per item, response and flag: raised or not"))
    return figures
