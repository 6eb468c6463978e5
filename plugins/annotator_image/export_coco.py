"""COCO, streamed: one image entry per item, boxes and polygons as detections, points apart.

* ``images``: one entry per item (in a lab's merge too: every worker's annotations of the item
  point at it and name their ``worker``), with the item id, its state (or each worker's, under
  ``workers``), the instructions hash and the image tags. Items with no shape are listed: a
  submitted image with nothing on it is an answer ("nothing here").
* ``annotations``: boxes and polygons, each with its ``bbox``, ``area`` and ``segmentation``
  (a box as its four corners), so that ``COCOeval`` scores the file 1.0 against itself for
  ``bbox`` and ``segm``. A polygon's area is that of the region it encloses: a self-crossing
  polygon (a bow tie) is made valid by shapely first, where the shoelace formula would cancel
  its lobes out.
* points are never detections (a zero-area box scores nothing and breaks ``annToMask``): they
  go to a second COCO file beside the first, ``NAME.keypoints.json``, as keypoint annotations
  of one category per label with one keypoint (``"point"``) and an empty skeleton; each with a
  box of the task's ``point_radius`` around it (what the lab's agreement counts as the same
  point), the same images and image ids.
* prelabels (a machine's annotations the items started from, ``importers.py``) go to
  ``NAME.prelabels.json`` as a COCO *results* list (``image_id``, ``category_id``, ``bbox``,
  ``segmentation``, ``score``): ``COCO.loadRes`` reads it and ``COCOeval`` scores the machine
  against the workers' final annotations; the file keeps both.

Nothing but the categories is kept in memory: images and annotations go to temporary files
beside the output and are joined behind ``info`` once what was left out is known.
"""
from __future__ import annotations

import gc
import math
import shutil
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from annotator.plugin_api import ExportContext
from annotator_image.export_records import checked_shapes, fresh_id, sized
from annotator_image.geometry import bbox, outline
from annotator_image.model import Shape, iter_shapes, tags_from_json, task_config


def keypoints_path(out: Path) -> Path:
    out = Path(out)
    return out.with_name(f"{out.stem}.keypoints{out.suffix or '.json'}")


def prelabels_path(out: Path) -> Path:
    out = Path(out)
    return out.with_name(f"{out.stem}.prelabels{out.suffix or '.json'}")


def polygon_area(points) -> float:
    """The area a polygon encloses; self-crossing outlines through shapely's ``make_valid``."""
    from shapely import make_valid
    from shapely.geometry import Polygon

    polygon = Polygon(points)
    if not polygon.is_valid:
        polygon = make_valid(polygon)
    return float(polygon.area)


def _image_entry(image_id: int, media: str, width: int, height: int, group: list) -> dict[str, Any]:
    first = group[0][0]
    entry: dict[str, Any] = {"id": image_id, "file_name": media, "width": width, "height": height,
                             "item_id": first.item_id, "training": bool(first.item.get("training"))}
    if len(group) == 1 and first.worker is None:
        ann = group[0][1]
        tags = ann.get("tags")
        entry.update(state=first.state, instructions_hash=first.instructions_hash,
                     tags=tags_from_json(tags) if tags else {})
        return entry
    entry["workers"] = [{"worker": record.worker, "state": record.state,
                         "instructions_hash": record.instructions_hash,
                         "tags": tags_from_json(ann.get("tags")) if ann.get("tags") else {}}
                        for record, ann in group]
    return entry


#: annotations written in one call (their boxes' numbers worked out together)
CHUNK = 10_000

#: one box annotation, as ``orjson.dumps`` writes its dict (the keys in this order); the numbers are
#: orjson's own text of each float (cut out of one ``dumps`` of the chunk's numbers), so the bytes
#: are those of the dict written whole
_BOX = (b'{"id":%d,"image_id":%d,"category_id":%d,"iscrowd":0,"shape_id":%b,"shape_type":"box",'
        b'"bbox":[%b],"area":%b,"segmentation":[[%b]]%b}')


class _Boxes:
    """Annotations waiting to be written, in order; the boxes among them are written together.

    A lab's merge writes over a million boxes: each one's ``bbox``, ``area`` and ``segmentation``
    are worked out with numpy over the whole chunk, rounded by :func:`round2_all` (the same
    numbers, bit for bit, as :func:`_round2` one at a time), turned to text by one ``orjson.dumps``
    per kind of number and put into the box's JSON text (:data:`_BOX`) with one ``%`` per box: no
    dict per box. Other annotations (polygons) are dicts, written by ``orjson.dumps`` in their place.
    """

    def __init__(self) -> None:
        #: in order: a dict (not a box), or ``None`` (the next box)
        self.entries: list[dict[str, Any] | None] = []
        self._rows: list[tuple] = []  # per box: (id, image id, category, shape id's JSON, worker's ",worker")
        self._coords: list[float] = []
        self._json: dict[Any, bytes] = {}

    def _text(self, value: str) -> bytes:
        found = self._json.get(value)
        if found is None:
            found = self._json[value] = orjson.dumps(value)
        return found

    def _worker(self, worker: str | None) -> bytes:
        found = self._json.get((worker,))
        if found is None:
            found = self._json[(worker,)] = b"" if worker is None else b',"worker":' + orjson.dumps(worker)
        return found

    def add(self, ann_id: int, image_id: int, category: int, sid: str, points, worker: str | None) -> None:
        self.entries.append(None)
        self._rows.append((ann_id, image_id, category, self._text(sid), self._worker(worker)))
        a, b = points
        self._coords += a  # flat: numpy makes an array of a flat list of floats many times faster
        self._coords += b

    def add_checked(self, shapes: list, ann_id: int, image_id: int, category, worker: str | None) -> int | None:
        """Every shape of a checked annotation (``record.checked``) when all are boxes, nearly always so
        in a lab's merge, in one loop; the last annotation id given, or ``None`` when some shape is
        not a box (nothing is added: the caller takes the general path). Ids as ``iter_shapes``."""
        for raw in shapes:
            if raw["type"] != "box":
                return None
        used: set[str] = set()
        entries, rows, coords, known = self.entries, self._rows, self._coords, self._json
        ids = getattr(category, "__self__", None)  # _Categories.id: its dict looked up here, no call per box
        ids = ids.ids if isinstance(ids, _Categories) else {}
        wk = self._worker(worker)
        for n, raw in enumerate(shapes):
            sid = raw.get("id")
            if type(sid) is not str or not sid or sid in used:
                sid = fresh_id(n, used)
            used.add(sid)
            ann_id += 1
            entries.append(None)
            label = raw["label"]
            rows.append((ann_id, image_id, ids.get(label) or category(label), known.get(sid) or self._text(sid), wk))
            a, b = raw["points"]
            coords += a
            coords += b
        return ann_id

    def finish(self) -> bytes:
        """The entries as JSON text, comma-separated (a list's inside); the chunk starts again empty."""
        entries, rows = self.entries, self._rows
        pieces: list[bytes] = []
        if rows:
            n = len(rows)
            a = np.array(self._coords, dtype=np.float64).reshape(n, 4)  # (x, y) of two corners per box
            ax, ay, bx, by = a[:, 0], a[:, 1], a[:, 2], a[:, 3]
            # model.normalize_box: Python's min and max exactly (the first one unless the other is beyond)
            x0, y0 = np.where(bx < ax, bx, ax), np.where(by < ay, by, ay)
            x1, y1 = np.where(bx > ax, bx, ax), np.where(by > ay, by, ay)
            w, h = x1 - x0, y1 - y0
            r = np.array(round2_all(np.concatenate([x0, y0, x1, y1, w, h, np.abs(w * h)])),
                         dtype=np.float64).reshape(7, n)
            rx0, ry0, rx1, ry1, rw, rh, area = r
            dumps = orjson.dumps
            bboxes = dumps(np.stack([rx0, ry0, rw, rh], axis=1).tolist())[2:-2].split(b"],[")
            areas = dumps(area.tolist())[1:-1].split(b",")
            segs = dumps(np.stack([rx0, ry0, rx1, ry0, rx1, ry1, rx0, ry1], axis=1).tolist())[2:-2].split(b"],[")
            pieces = [_BOX % (i, image, cat, sid, bb, ar, sg, wk)
                      for (i, image, cat, sid, wk), bb, ar, sg in zip(rows, bboxes, areas, segs)]
        if len(pieces) != len(entries):  # some are not boxes: each in its place
            boxes = iter(pieces)
            pieces = [next(boxes) if entry is None else orjson.dumps(entry) for entry in entries]
        self.entries, self._rows, self._coords = [], [], []
        return b",".join(pieces)


def round2_all(values: np.ndarray) -> list[float]:
    """:func:`_round2` of every value (the same floats, bit for bit), as a list."""
    y = values * 100.0
    f = np.floor(y)
    d = y - f
    k = np.where(d > 0.5, f + 1.0, f)
    out = (k / 100.0).tolist()
    # _round2's own fallbacks: near a half, zero (its sign), huge or not finite
    odd = ~((d < 0.4999) | (d > 0.5001)) | (k == 0) | ~((values > -1e9) & (values < 1e9))
    for i in np.flatnonzero(odd).tolist():
        out[i] = round(float(values[i]), 2)
    return out


class _Categories:
    def __init__(self, names: list[str]):
        self.names = list(names)
        self.ids = {name: i + 1 for i, name in enumerate(self.names)}

    def id(self, name: str) -> int:
        found = self.ids.get(name)
        if found is None:  # a label the pack does not declare (never in a lab's merge: checked)
            self.names.append(name)
            found = self.ids[name] = len(self.names)
        return found


def write_coco(context: ExportContext, out: Path) -> dict[str, int]:
    """Write COCO; Python's cycle collector is paused meanwhile (the writer makes no cycles, and
    a chunk of thousands of live entries would make it run over and over: a third of the time)."""
    was = gc.isenabled()
    gc.disable()
    try:
        return _write_coco(context, out)
    finally:
        if was:
            gc.enable()


def _write_coco(context: ExportContext, out: Path) -> dict[str, int]:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    config = task_config(context.pack.task)
    skipped: list[dict] = []
    cats = _Categories([label.name for label in config.labels])
    point_cats = _Categories([])
    radius = config.point_radius
    header = context.header()
    pack = header["pack"]
    dumps = orjson.dumps
    counts = {"images": 0, "annotations": 0, "points": 0}
    with tempfile.TemporaryDirectory(prefix=f".{out.name}.", dir=out.parent) as tmp:
        paths = {name: Path(tmp) / name for name in ("images", "annotations", "points", "prelabels")}
        with open(paths["images"], "wb") as images, open(paths["annotations"], "wb") as anns, \
                open(paths["points"], "wb") as points, open(paths["prelabels"], "wb") as machine:
            seps = {"images": b"", "annotations": b"", "points": b"", "prelabels": b""}
            image_id = ann_id = point_id = prelabel_id = 0
            group: list = []
            current = None
            boxes = _Boxes()

            def write_annotations() -> None:  # many images' annotations in one call: "[...]" without brackets
                if boxes.entries:
                    anns.write(seps["annotations"] + boxes.finish())
                    seps["annotations"] = b","

            def flush() -> None:
                nonlocal image_id, ann_id, point_id, prelabel_id
                if not group:
                    return
                image_id += 1
                _record, _ann, media, width, height = group[0][2]
                images.write(seps["images"] + dumps(_image_entry(image_id, media, width, height,
                                                                 [(r, a) for r, a, _ in group])))
                seps["images"] = b","
                dots = []
                for record, ann, _ in group:
                    worker = record.worker
                    shapes = ann.get("shapes")
                    if record.checked and shapes:  # a lab's merge: boxes only, nearly always (ADR 0634)
                        last = boxes.add_checked(shapes, ann_id, image_id, cats.id, worker)
                        if last is not None:
                            ann_id = last
                            continue
                    # a lab's merge: shapes its checks accepted, taken as they are (ADR 0634)
                    for sid, kind, label, pts in checked_shapes(shapes) if record.checked else iter_shapes(shapes):
                        if kind == "point":
                            point_id += 1
                            dots.append(_point(point_id, image_id, point_cats.id(label), sid, pts[0], radius,
                                               worker))
                            continue
                        ann_id += 1
                        if kind == "box":
                            boxes.add(ann_id, image_id, cats.id(label), sid, pts, worker)
                            continue
                        entry = _annotation(ann_id, image_id, cats.id(label), sid, kind, label, pts)
                        if worker is not None:
                            entry["worker"] = worker
                        boxes.entries.append(entry)
                if len(boxes.entries) >= CHUNK:
                    write_annotations()
                if dots:
                    points.write(seps["points"] + dumps(dots)[1:-1])
                    seps["points"] = b","
                prelabel = group[0][0].item.get("prelabel")
                if isinstance(prelabel, dict):
                    found = []
                    for sid, kind, label, pts in iter_shapes(prelabel.get("shapes")):
                        if kind == "point":
                            continue
                        prelabel_id += 1
                        entry = _annotation(prelabel_id, image_id, cats.id(label), sid, kind, label, pts)
                        entry["score"] = _score(prelabel.get("shapes"), sid)
                        found.append(entry)
                    if found:
                        machine.write(seps["prelabels"] + dumps(found)[1:-1])
                        seps["prelabels"] = b","
                group.clear()

            for row in sized(context, skipped):
                record = row[0]
                if record.item_id != current:
                    flush()
                    current = record.item_id
                group.append((record, row[1], row))
            flush()
            write_annotations()
        counts.update(images=image_id, annotations=ann_id, points=point_id)
        info: dict[str, Any] = {"description": pack["title"], "version": pack["version"],
                                "contributor": "annotator", "annotator": header}
        if skipped:
            info["left_out"] = skipped
        kp_out = keypoints_path(out)
        if point_id:
            info["keypoints_file"] = kp_out.name
        if prelabel_id:
            info["prelabels_file"] = prelabels_path(out).name
        categories = [{"id": cats.ids[n], "name": n, "supercategory": ""} for n in cats.names]
        _join(out, info, paths["images"], paths["annotations"], categories)
        if point_id:
            kp_cats = [{"id": point_cats.ids[n], "name": n, "supercategory": "", "keypoints": ["point"],
                        "skeleton": []} for n in point_cats.names]
            _join(kp_out, {**info, "keypoints_of": out.name}, paths["images"], paths["points"], kp_cats)
        elif kp_out.exists():
            kp_out.unlink()  # an earlier export's points: not of this one
        pre_out = prelabels_path(out)
        if prelabel_id:
            part = pre_out.with_name(f".{pre_out.name}.tmp")
            with open(part, "wb") as fh:
                fh.write(b"[")
                with open(paths["prelabels"], "rb") as src:
                    shutil.copyfileobj(src, fh, 1024 * 1024)
                fh.write(b"]\n")
            part.replace(pre_out)
        elif pre_out.exists():
            pre_out.unlink()
    said = {"images": counts["images"], "annotations": counts["annotations"]}
    if point_id:
        said[f"points in {kp_out.name}"] = point_id
    if prelabel_id:
        said[f"prelabels in {pre_out.name}"] = prelabel_id
    if skipped:
        said["records left out (image size unknown)"] = len(skipped)
    return said


def _score(shapes: Any, sid: str) -> float:
    for shape in shapes if isinstance(shapes, list) else []:
        if isinstance(shape, dict) and shape.get("id") == sid:
            score = shape.get("score")
            if isinstance(score, (int, float)) and not isinstance(score, bool) and 0 <= score <= 1:
                return float(score)
    return 1.0


def _join(out: Path, info: dict, images: Path, annotations: Path, categories: list) -> None:
    part = out.with_name(f".{out.name}.tmp")
    with open(part, "wb") as fh:
        fh.write(b'{"info":' + orjson.dumps(info) + b',"licenses":[],"images":[')
        with open(images, "rb") as src:
            shutil.copyfileobj(src, fh, 1024 * 1024)
        fh.write(b'],"annotations":[')
        with open(annotations, "rb") as src:
            shutil.copyfileobj(src, fh, 1024 * 1024)
        fh.write(b'],"categories":' + orjson.dumps(categories) + b"}\n")
    part.replace(out)


def _point(point_id: int, image_id: int, category: int, sid: str, point, radius: float,
           worker: str | None) -> dict[str, Any]:
    px, py = point
    entry = {"id": point_id, "image_id": image_id, "category_id": category, "iscrowd": 0, "shape_id": sid,
             "shape_type": "point", "keypoints": [_r(px), _r(py), 2], "num_keypoints": 1,
             "bbox": [_r(px - radius), _r(py - radius), _r(2 * radius), _r(2 * radius)],
             "area": _r(4 * radius * radius)}
    if worker is not None:
        entry["worker"] = worker
    return entry


def _annotation(ann_id: int, image_id: int, category: int, sid: str, kind: str, label: str,
                points: tuple) -> dict[str, Any]:
    ann: dict[str, Any] = {"id": ann_id, "image_id": image_id, "category_id": category, "iscrowd": 0,
                           "shape_id": sid, "shape_type": kind}
    if kind == "box":  # the hot path of a lab's merge: plain float operations
        (x0, y0), (x1, y1) = points
        rx0, ry0, rx1, ry1 = _round2(x0), _round2(y0), _round2(x1), _round2(y1)
        ann.update(bbox=[rx0, ry0, _round2(x1 - x0), _round2(y1 - y0)], area=_round2(abs((x1 - x0) * (y1 - y0))),
                   segmentation=[[rx0, ry0, rx1, ry0, rx1, ry1, rx0, ry1]])
        return ann
    shape = Shape(sid, kind, label, points)
    x, y, w, h = bbox(shape)
    ring = outline(shape)
    ann.update(bbox=[round(x, 2), round(y, 2), round(w, 2), round(h, 2)], area=round(polygon_area(ring), 2),
               segmentation=[[round(v, 2) for p in ring for v in p]])
    return ann


def _round2(x: float) -> float:
    """``round(x, 2)``, bit for bit, about twice as fast for coordinates (a merge rounds millions).

    ``x * 100`` rounds to the same whole number as the exact decimal value unless it lies within
    1e-4 of a half; those, zero (its sign) and huge values take ``round`` itself.
    """
    if -1e9 < x < 1e9:
        y = x * 100.0
        f = math.floor(y)
        d = y - f
        if d < 0.4999 or d > 0.5001:
            k = f + 1 if d > 0.5 else f
            if k:
                return k / 100.0
    return round(x, 2)


def _r(v: float) -> float:
    return round(float(v), 2)
