"""Agreement between workers on the same images (the lab's merge and report)."""
from __future__ import annotations

from statistics import fmean
from typing import Any, Iterable, Mapping

from annotator.plugin_api.agreement import (MAX_PAIRS_PER_ITEM, AgreementFigure, ItemGroup, krippendorff_alpha,
                                            worker_pairs)
from annotator_image.geometry import mean_iou
from annotator_image.model import shapes_from_json

METHOD = ("per image, the mean over pairs of workers (at most %d, a fixed sample) of the IoU of same-label "
          "shapes matched one to one (a shape without a match counts 0); then the mean over images"
          % MAX_PAIRS_PER_ITEM)


def _item_iou(shapes: dict[str, list], pairs) -> float | None:
    values = [mean_iou(shapes[a], shapes[b]) for a, b in pairs if shapes[a] or shapes[b]]
    return fmean(values) if values else None


def agreement(groups: Iterable[ItemGroup], task: Mapping[str, Any]) -> list[AgreementFigure]:
    kinds = {"box": [], None: []}
    single_tags = [t.get("name") for t in task.get("tags", []) or [] if isinstance(t, dict) and not t.get("multiple")]
    tag_units: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in single_tags}
    for group in groups:  # one pass: groups are streamed
        pairs = worker_pairs(group)
        # parsed once per worker and item, not once per pair
        every = {w: shapes_from_json((a or {}).get("shapes")) for w, a in group.annotations.items()}
        boxes = {w: [s for s in shapes if s.type == "box"] for w, shapes in every.items()}
        only_boxes = all(len(boxes[w]) == len(every[w]) for w in every)
        box_value = _item_iou(boxes, pairs)
        if box_value is not None:
            kinds["box"].append(box_value)
        # with boxes only, all shapes are the same shapes: the same figure, measured once
        all_value = box_value if only_boxes else _item_iou(every, pairs)
        if all_value is not None:
            kinds[None].append(all_value)
        for name in single_tags:
            tag_units[name][group.item["id"]] = {w: ((a or {}).get("tags") or {}).get(name)
                                                for w, a in group.annotations.items()}
    figures = [
        AgreementFigure("mean IoU of boxes between workers", fmean(kinds["box"]) if kinds["box"] else None,
                        len(kinds["box"]), METHOD),
        AgreementFigure("mean IoU of all shapes between workers", fmean(kinds[None]) if kinds[None] else None,
                        len(kinds[None]), METHOD),
    ]
    for name, units in tag_units.items():
        figures.append(AgreementFigure(
            f"Krippendorff's alpha, tag {name!r} (nominal)", krippendorff_alpha(units, "nominal"),
            sum(1 for u in units.values() if sum(v is not None for v in u.values()) >= 2),
            "over the images two or more workers tagged"))
    return figures
