"""Agreement between workers on the same images (the lab's merge and report)."""
from __future__ import annotations

from itertools import combinations
from statistics import fmean
from typing import Any, Mapping, Sequence

from annotator.plugin_api.agreement import AgreementFigure, ItemGroup, krippendorff_alpha
from annotator_image.geometry import mean_iou


def agreement(groups: Sequence[ItemGroup], task: Mapping[str, Any]) -> list[AgreementFigure]:
    figures = []
    for kind, name in (("box", "mean IoU of boxes between workers"), (None, "mean IoU of all shapes between workers")):
        per_item = []
        for group in groups:
            shapes = {w: [s for s in (a or {}).get("shapes", []) if kind is None or s.get("type") == kind]
                      for w, a in group.annotations.items()}
            pairs = [mean_iou(shapes[a], shapes[b]) for a, b in combinations(sorted(shapes), 2)
                     if shapes[a] or shapes[b]]
            if pairs:
                per_item.append(fmean(pairs))
        figures.append(AgreementFigure(
            name, fmean(per_item) if per_item else None, len(per_item),
            "per image, the mean over pairs of workers of the IoU of same-label shapes matched one to one "
            "(a shape without a match counts 0); then the mean over images"))
    for tag in task.get("tags", []) or []:
        if not isinstance(tag, dict) or tag.get("multiple"):
            continue
        units = {g.item["id"]: {w: ((a or {}).get("tags") or {}).get(tag.get("name")) for w, a in g.annotations.items()}
                 for g in groups}
        value = krippendorff_alpha(units, "nominal")
        figures.append(AgreementFigure(f"Krippendorff's alpha, tag {tag.get('name')!r} (nominal)", value,
                                       sum(1 for u in units.values() if sum(v is not None for v in u.values()) >= 2),
                                       "over the images two or more workers tagged"))
    return figures
