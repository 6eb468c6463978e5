"""One annotation of an image from several workers' (``results merge --consensus``).

The rules (``docs/lab.md``), for the ``n`` workers who submitted the image; a *majority* is
more than half of them (``n // 2 + 1``; one worker is a majority of one):

* **shapes** of the same label and type are clustered, worker after worker in the order of
  their pseudonyms: a shape joins the cluster it overlaps best, by IoU above 0 and at least the
  pack's ``min_iou`` (0.5 by default; for points, :func:`geometry.point_similarity` within the pack's
  ``point_radius``), among clusters that hold no shape of its worker yet; else it starts one.
  A cluster that a majority of the workers drew is kept and **fused**: a box is the mean of its
  corners, a point the mean of its positions, a polygon the member that overlaps the others
  best (polygons with different vertices cannot be averaged). Other clusters are dropped and
  counted ("boxes without a majority");
* a **single-choice tag** is kept when a majority chose the same choice; two choices chosen by
  as many workers each is a tie, dropped and counted ("tag ties"); anything else is dropped and
  counted ("tags without a majority");
* a **multiple-choice tag** keeps each choice a majority ticked; choices ticked by fewer are
  counted ("tag choices without a majority");
* the image size is the one most workers' annotations give.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterable, Mapping

from annotator.plugin_api import Consensus
from annotator.plugin_api.agreement import ItemGroup
from annotator_image.geometry import iou, point_similarity
from annotator_image.model import FORMAT, Shape, TaskConfig, shapes_from_json, tags_from_json, task_config

PLURAL = {"box": "boxes", "polygon": "polygons", "point": "points"}


class _Cluster:
    __slots__ = ("workers", "members", "centre")

    def __init__(self, worker: str, shape: Shape):
        self.workers = {worker}
        self.members = [shape]
        self.centre = shape.points

    def add(self, worker: str, shape: Shape) -> None:
        self.workers.add(worker)
        self.members.append(shape)
        if shape.type != "polygon":  # boxes and points: the running mean of their points
            k = len(self.members)
            self.centre = tuple((cx + (x - cx) / k, cy + (y - cy) / k)
                                for (cx, cy), (x, y) in zip(self.centre, shape.points))


def _similarity(cluster: _Cluster, shape: Shape, config: TaskConfig) -> float:
    if shape.type == "point":
        return point_similarity(cluster.centre[0], shape.points[0], config.point_radius)
    return iou(cluster.members[0], shape, config.point_radius)


def _fused(cluster: _Cluster, config: TaskConfig, n: int) -> Shape:
    first = cluster.members[0]
    sid = f"c{n}"
    if first.type != "polygon":
        return Shape(sid, first.type, first.label, tuple((round(x, 2), round(y, 2)) for x, y in cluster.centre))
    best = max(cluster.members, key=lambda s: sum(iou(s, o, config.point_radius) for o in cluster.members if o is not s))
    return Shape(sid, "polygon", first.label, best.points)


def _best_box(clusters: list[_Cluster], worker: str, box, threshold: float) -> int | None:
    """The cluster whose centre box overlaps ``box`` best, at least ``threshold``, among those without
    ``worker``: :func:`geometry.box_iou` written out (this loop runs for every box of every worker)."""
    (bx0, by0), (bx1, by1) = box
    area = (bx1 - bx0) * (by1 - by0)
    index, best = None, threshold
    for n, cluster in enumerate(clusters):
        (cx0, cy0), (cx1, cy1) = cluster.centre
        iw = (cx1 if cx1 < bx1 else bx1) - (cx0 if cx0 > bx0 else bx0)
        if iw <= 0:
            continue
        ih = (cy1 if cy1 < by1 else by1) - (cy0 if cy0 > by0 else by0)
        if ih <= 0 or worker in cluster.workers:
            continue
        inter = iw * ih
        union = (cx1 - cx0) * (cy1 - cy0) + area - inter
        value = inter / union if union > 0 else 0.0
        if value >= best and (index is None or value > best):
            index, best = n, value
    return index


def _cluster(shapes_by_worker: Mapping[str, list[Shape]], config: TaskConfig) -> list[_Cluster]:
    """Worker after worker (in pseudonym order), each shape into the cluster it overlaps best, or a new one."""
    groups: dict[tuple[str, str], list[_Cluster]] = {}
    for worker in sorted(shapes_by_worker):
        for shape in shapes_by_worker[worker]:
            group = groups.setdefault((shape.label, shape.type), [])
            if shape.type == "box":
                index = _best_box(group, worker, shape.points, config.min_iou)
                best = None if index is None else group[index]
            else:
                best, best_value = None, config.min_iou
                for cluster in group:
                    if worker in cluster.workers:
                        continue
                    value = _similarity(cluster, shape, config)
                    if value > 0 and value >= best_value and (best is None or value > best_value):
                        best, best_value = cluster, value
            if best is None:
                group.append(_Cluster(worker, shape))
            else:
                best.add(worker, shape)
    return [c for group in groups.values() for c in group]


def _majority(votes: Iterable[Any], need: int) -> tuple[Any, str | None]:
    """The value more than half chose, or ``None`` and why not ("tie", "no majority")."""
    counts = Counter(votes).most_common()
    if not counts:
        return None, None
    top, n = counts[0]
    if n >= need:
        return top, None
    return None, "tag ties" if len(counts) > 1 and counts[1][1] == n else "tags without a majority"


def consensus(group: ItemGroup, task: Mapping[str, Any]) -> Consensus:
    config = task_config(task)
    annotations = {w: (a if isinstance(a, Mapping) else {}) for w, a in group.annotations.items()}
    need = len(annotations) // 2 + 1
    counts: Counter = Counter()
    shapes = {w: shapes_from_json(a.get("shapes")) for w, a in annotations.items()}
    kept: list[Shape] = []
    for cluster in _cluster(shapes, config):
        if len(cluster.workers) >= need:
            kept.append(_fused(cluster, config, len(kept) + 1))
        else:
            counts[f"{PLURAL[cluster.members[0].type]} without a majority"] += 1
    tags: dict[str, Any] = {}
    chosen = {w: tags_from_json(a.get("tags")) for w, a in annotations.items()}
    for tag in config.tags:
        if tag.multiple:
            ticks = Counter(c for t in chosen.values() if isinstance(t.get(tag.name), list)
                            for c in set(t[tag.name]))
            values = [c for c in tag.choices if ticks[c] >= need]
            counts["tag choices without a majority"] += sum(1 for c, k in ticks.items() if k < need)
            if values:
                tags[tag.name] = values
        else:
            value, why = _majority((t[tag.name] for t in chosen.values() if isinstance(t.get(tag.name), str)), need)
            if value is not None:
                tags[tag.name] = value
            elif why is not None:
                counts[why] += 1
    doc: dict[str, Any] = {"format": FORMAT}
    sizes = Counter((a["image"].get("width"), a["image"].get("height"), a["image"].get("orientation", 1))
                    for a in annotations.values()
                    if isinstance(a.get("image"), Mapping) and isinstance(a["image"].get("width"), int)
                    and isinstance(a["image"].get("height"), int))
    if sizes:
        (w, h, orientation), _ = sizes.most_common(1)[0]
        doc["image"] = {"width": w, "height": h, "orientation": orientation}
    doc["shapes"] = [s.to_json() for s in kept]
    doc["tags"] = tags
    counts = Counter({k: v for k, v in counts.items() if v})
    return Consensus(doc, dict(counts))

