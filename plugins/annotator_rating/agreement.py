"""Agreement between workers who rated the same items: Krippendorff's alpha, and Cohen's kappa for two."""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from annotator.plugin_api.agreement import AgreementFigure, ItemGroup, cohen_kappa, krippendorff_alpha
from annotator_rating import model


def _figure(name: str, units: dict, level: str, method: str) -> AgreementFigure:
    used = sum(1 for u in units.values() if sum(v is not None for v in u.values()) >= 2)
    return AgreementFigure(name, krippendorff_alpha(units, level), used, method)


def agreement(groups: Sequence[ItemGroup], task: Mapping[str, Any]) -> list[AgreementFigure]:
    parsed = model.task_of(task)
    figures: list[AgreementFigure] = []
    for criterion in parsed.criteria:
        units = {}
        for g in groups:
            for rid in model.response_ids(g.item):
                units[(g.item["id"], rid)] = {w: ((a or {}).get("scores") or {}).get(rid, {}).get(criterion.id)
                                              for w, a in g.annotations.items()}
        if any(v is not None for u in units.values() for v in u.values()):
            figures.append(_figure(f"Krippendorff's alpha, {criterion.label or criterion.id} scores (ordinal)",
                                   units, "ordinal", "one unit per item and response"))
    pairwise = {g.item["id"]: {w: model.pairwise_value(a, g.item) for w, a in g.annotations.items()} for g in groups}
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
    rubric = {}
    for g in groups:
        for w, a in g.annotations.items():
            for rid, answers in ((a or {}).get("rubric") or {}).items():
                for cid, answer in (answers or {}).items():
                    if isinstance(answer, dict) and isinstance(answer.get("pass"), bool):
                        rubric.setdefault((g.item["id"], rid, cid), {})[w] = answer["pass"]
    if rubric:
        figures.append(_figure("Krippendorff's alpha, rubric pass/fail (nominal)", rubric, "nominal",
                               "one unit per item, response and criterion"))
    flags = {}
    for g in groups:
        for rid in model.response_ids(g.item):
            for flag in parsed.flags:
                flags[(g.item["id"], rid, flag.id)] = {
                    w: flag.id in (((a or {}).get("flags") or {}).get(rid) or []) for w, a in g.annotations.items()}
    if flags:
        figures.append(_figure("Krippendorff's alpha, safety flags (nominal)", flags, "nominal",
                               "one unit per item, response and flag: raised or not"))
    return figures
