"""Agreement between workers on the same images (the lab's merge and report)."""
from __future__ import annotations

from statistics import fmean
from typing import Any, Iterable, Mapping

from annotator.plugin_api.agreement import (MAX_PAIRS_PER_ITEM, AgreementFigure, ItemGroup, krippendorff_alpha,
                                            worker_pairs)
from annotator_image.geometry import box_iou, mean_iou
from annotator_image.model import Shape, shapes_from_json, task_config

METHOD = ("per image, the mean over pairs of workers (at most %d, a fixed sample) of the IoU of same-label "
          "shapes matched one to one (a shape without a match counts 0); then the mean over images"
          % MAX_PAIRS_PER_ITEM)


def boxes_mean_iou(a: list[Shape], b: list[Shape]) -> float:
    """:func:`geometry.mean_iou` of two lists of boxes, the same number by the same float operations.

    Box against box needs no shape dispatch, bounds or polygon clipping: the merge compares ten
    pairs of workers on every item, and most items hold boxes only.
    """
    pairs = []
    for i, e in enumerate(a):
        (ex0, ey0), (ex1, ey1) = ep = e.points
        label = e.label
        for j, s in enumerate(b):
            if s.label != label:
                continue
            (ax0, ay0), (ax1, ay1) = sp = s.points
            if ax1 <= ex0 or ex1 <= ax0 or ay1 <= ey0 or ey1 <= ay0:
                continue
            value = box_iou(ep, sp)
            if value > 0:
                pairs.append((value, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    matched: list[tuple[int, float]] = []
    for value, i, j in pairs:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        matched.append((i, value))
    matched.sort(key=lambda m: m[0])
    n = len(a) + len(b) - len(matched)
    return sum(value for _, value in matched) / n if n else 1.0


def _item_iou(shapes: dict[str, list], pairs, boxes_only: bool = False) -> float | None:
    measure = boxes_mean_iou if boxes_only else mean_iou
    values = [measure(shapes[a], shapes[b]) for a, b in pairs if shapes[a] or shapes[b]]
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
        box_value = _item_iou(boxes, pairs, boxes_only=True)
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


def prelabel_change(item: Mapping[str, Any], annotation: Mapping[str, Any] | None,
                    task: Mapping[str, Any]) -> float | None:
    """How much of the item's prelabel the worker's final annotation kept (``TaskPlugin.prelabel_change``).

    The mean IoU of same-label shapes matched one to one between the prelabel and the final
    shapes, a shape without a match counting 0 (:func:`geometry.mean_iou`, as agreement between
    workers): 1.0 when every machine shape was kept exactly and none added, 0.0 when nothing of
    it is left. Points compare by distance within the task's ``point_radius``. ``None`` for an
    item without a prelabel. Tags are not counted.
    """
    prelabel = item.get("prelabel") if isinstance(item, Mapping) else None
    if not isinstance(prelabel, Mapping):
        return None
    final = annotation.get("shapes") if isinstance(annotation, Mapping) else None
    return mean_iou(shapes_from_json(prelabel.get("shapes")), shapes_from_json(final),
                    task_config(task).point_radius)
