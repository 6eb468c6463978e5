"""Result formats of the image plugin, without Qt: COCO, YOLO, Pascal VOC, own JSON.

Every format carries the provenance of :meth:`ExportContext.header` (pack id,
version, content hash, instructions hash, tool). COCO, YOLO and VOC hold the
items a worker touched (submitted, flagged or in progress); skipped and new
items are only in the own JSON format, which holds everything. When a lab merges
several workers (``record.worker`` set) each worker's result is one image entry.
"""
from __future__ import annotations

import json
import math
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Iterator

import orjson

from annotator.plugin_api import (ExportContext, ExportRecord, Exporter, own_json_exporter, write_bytes_atomic,
                                  write_text_atomic)
from annotator_image.geometry import bbox, outline, shape_area
from annotator_image.imageio import image_size
from annotator_image.model import Shape, iter_shapes, shapes_from_json, tags_from_json, task_config

EXPORTED_STATES = ("submitted", "flagged", "in_progress")


@dataclass
class ImageResult:
    record: ExportRecord
    media: str
    width: int
    height: int
    shapes: list[Shape]
    tags: dict[str, Any]


def _sized(context: ExportContext, skipped: list[dict]) -> Iterator[tuple[ExportRecord, dict, str, int, int]]:
    """The records an image format holds, with their annotation, media and image size."""
    sizes: dict[str, tuple[int, int] | None] = {}
    for record in context.records():
        if record.state not in EXPORTED_STATES:
            continue
        ann = record.annotation if isinstance(record.annotation, dict) else {}
        media = str(record.item.get("media") or "")
        image = ann.get("image") if isinstance(ann.get("image"), dict) else {}
        w, h = image.get("width"), image.get("height")
        if not (isinstance(w, int) and isinstance(h, int) and w > 0 and h > 0):
            if media not in sizes:
                try:
                    sizes[media] = image_size(context.pack.media_path(media))
                except (ValueError, OSError):
                    sizes[media] = None
            if sizes[media] is None:
                skipped.append({"id": record.item_id, "worker": record.worker,
                                 "reason": "image size unknown (media missing or unreadable)"})
                continue
            w, h = sizes[media]
        yield record, ann, media, w, h


def _results(context: ExportContext, skipped: list[dict]) -> Iterator[ImageResult]:
    for record, ann, media, w, h in _sized(context, skipped):
        yield ImageResult(record, media, w, h, shapes_from_json(ann.get("shapes")), tags_from_json(ann.get("tags")))


def _provenance(context: ExportContext, fmt: str, skipped: list[dict], notes: list[str]) -> dict[str, Any]:
    doc = {"format": fmt, **context.header()}
    if skipped:
        doc["left_out"] = skipped
    if notes:
        doc["notes"] = notes
    return doc


class _Listing:
    """``annotator.json`` of a folder format, its ``images`` list written entry by entry.

    The same bytes as ``json.dumps(doc, ensure_ascii=False, indent=1)`` with the list at the end
    of ``doc``, without holding 500,000 entries: each goes to a temporary file as it comes, and
    :meth:`finish` writes the provenance around them.
    """

    def __init__(self, folder: Path):
        self.path = folder / "annotator.json"
        self.part = folder / ".annotator.json.images"
        self.fh = open(self.part, "w", encoding="utf-8")
        self.count = 0

    def add(self, entry: dict[str, Any]) -> None:
        text = json.dumps(entry, ensure_ascii=False, indent=1).replace("\n", "\n  ")
        self.fh.write((",\n  " if self.count else "  ") + text)
        self.count += 1

    def finish(self, doc: dict[str, Any]) -> None:
        self.fh.close()
        head = json.dumps({**doc, "images": []}, ensure_ascii=False, indent=1)
        tmp = self.path.with_name(".annotator.json.tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            if self.count:
                fh.write(head[:-len("[]\n}")] + "[\n")
                with open(self.part, encoding="utf-8") as src:
                    shutil.copyfileobj(src, fh, 1024 * 1024)
                fh.write("\n ]\n}\n")
            else:
                fh.write(head + "\n")
        tmp.replace(self.path)
        self.part.unlink()


# ------------------------------------------------------------------ COCO


def write_coco(context: ExportContext, out: Path) -> None:
    """COCO, streamed: images and annotations are written as they come, ids given in one pass.

    A lab's merged file holds millions of annotations: nothing but the categories is kept in
    memory. The bytes are those of the whole document dumped at once (``orjson``, compact, keys
    in the same order): images and annotations go to two temporary files beside ``out``, which
    are then joined behind ``info`` and ``licenses`` (only known at the end: what was left out).
    """
    import tempfile

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    skipped: list[dict] = []
    categories = [label.name for label in task_config(context.pack.task).labels]
    cat_id = {name: i + 1 for i, name in enumerate(categories)}
    header = context.header()
    pack = header["pack"]
    dumps = orjson.dumps
    with tempfile.TemporaryDirectory(prefix=f".{out.name}.", dir=out.parent) as tmp:
        images_path, anns_path = Path(tmp) / "images", Path(tmp) / "annotations"
        with open(images_path, "wb") as images, open(anns_path, "wb") as anns:
            image_id = ann_id = 0
            image_sep = ann_sep = b""
            for record, ann, media, width, height in _sized(context, skipped):
                image_id += 1
                tags = ann.get("tags")
                entry = {"id": image_id, "file_name": media, "width": width, "height": height,
                         "item_id": record.item_id, "state": record.state,
                         "training": bool(record.item.get("training")),
                         "instructions_hash": record.instructions_hash, "tags": tags_from_json(tags) if tags else {}}
                if record.worker is not None:
                    entry["worker"] = record.worker
                images.write(image_sep + dumps(entry))
                image_sep = b","
                chunk = []
                for sid, kind, label, points in iter_shapes(ann.get("shapes")):
                    if label not in cat_id:  # a label the pack does not declare (never in a lab's merge)
                        categories.append(label)
                        cat_id[label] = len(categories)
                    ann_id += 1
                    chunk.append(_coco_annotation(ann_id, image_id, cat_id[label], sid, kind, label, points))
                if chunk:  # one call for the image's annotations: "[...]" without its brackets
                    anns.write(ann_sep + dumps(chunk)[1:-1])
                    ann_sep = b","
        info = {"description": pack["title"], "version": pack["version"], "contributor": "annotator",
                "annotator": header, **({"left_out": skipped} if skipped else {})}
        cats = [{"id": cat_id[n], "name": n, "supercategory": "", "keypoints": ["point"], "skeleton": []}
                for n in categories]
        part = out.with_name(f".{out.name}.tmp")
        with open(part, "wb") as fh:
            fh.write(b'{"info":' + dumps(info) + b',"licenses":[],"images":[')
            with open(images_path, "rb") as src:
                shutil.copyfileobj(src, fh, 1024 * 1024)
            fh.write(b'],"annotations":[')
            with open(anns_path, "rb") as src:
                shutil.copyfileobj(src, fh, 1024 * 1024)
            fh.write(b'],"categories":' + dumps(cats) + b"}\n")
        part.replace(out)


def _coco_annotation(ann_id: int, image_id: int, category: int, sid: str, kind: str, label: str,
                     points: tuple) -> dict[str, Any]:
    ann: dict[str, Any] = {"id": ann_id, "image_id": image_id, "category_id": category, "iscrowd": 0,
                           "shape_id": sid, "shape_type": kind}
    if kind == "point":
        px, py = points[0]
        ann.update(bbox=[_r(px), _r(py), 0.0, 0.0], area=0.0, segmentation=[],
                   keypoints=[_r(px), _r(py), 2], num_keypoints=1)
        return ann
    if kind == "box":  # what bbox(), shape_area() and outline() give, in the same float operations
        (x0, y0), (x1, y1) = points
        area = 0.0
        area += x0 * y0 - x1 * y0
        area += x1 * y1 - x1 * y0
        area += x1 * y1 - x0 * y1
        area += x0 * y0 - x0 * y1
        rx0, ry0, rx1, ry1 = _round2(x0), _round2(y0), _round2(x1), _round2(y1)
        ann.update(bbox=[rx0, ry0, _round2(x1 - x0), _round2(y1 - y0)], area=_round2(abs(area) / 2.0),
                   segmentation=[[rx0, ry0, rx1, ry0, rx1, ry1, rx0, ry1]])
        return ann
    shape = Shape(sid, kind, label, points)
    x, y, w, h = bbox(shape)
    ann.update(bbox=[round(x, 2), round(y, 2), round(w, 2), round(h, 2)], area=round(shape_area(shape), 2),
               segmentation=[[round(v, 2) for p in outline(shape) for v in p]])
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


# ------------------------------------------------------------------ YOLO


def _label_path(result: ImageResult) -> str:
    rel = PurePosixPath(result.media).with_suffix(".txt")
    parts = rel.parts[1:] if len(rel.parts) > 1 and rel.parts[0] == "media" else rel.parts
    path = "/".join(parts)
    worker = result.record.worker
    return f"{_safe(worker)}/{path}" if worker is not None else path


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name) or "_"


def _yolo_writer(segments: bool):
    def write(context: ExportContext, out: Path) -> None:
        out = Path(out)
        if out.exists() and not out.is_dir():
            raise ValueError(f"{out} exists and is not a folder")
        skipped: list[dict] = []
        # streamed: a label the pack does not declare takes the next class on first sight, the
        # order the whole list of results would give it (a lab's merge holds 500,000 results)
        categories = [label.name for label in task_config(context.pack.task).labels]
        cat = {name: i for i, name in enumerate(categories)}
        (out / "labels").mkdir(parents=True, exist_ok=True)
        points = 0
        listing = _Listing(out)
        for result in _results(context, skipped):
            lines = []
            w, h = result.width, result.height
            for shape in result.shapes:
                if shape.label not in cat:
                    cat[shape.label] = len(categories)
                    categories.append(shape.label)
                if shape.type == "point":
                    points += 1
                    continue
                if segments:
                    coords = " ".join(f"{x / w:.6f} {y / h:.6f}" for x, y in outline(shape))
                    lines.append(f"{cat[shape.label]} {coords}")
                else:
                    x, y, bw, bh = bbox(shape)
                    lines.append(f"{cat[shape.label]} {(x + bw / 2) / w:.6f} {(y + bh / 2) / h:.6f} "
                                 f"{bw / w:.6f} {bh / h:.6f}")
            rel = _label_path(result)
            write_text_atomic(out / "labels" / rel, "".join(line + "\n" for line in lines))
            listing.add({"label_file": f"labels/{rel}", "media": result.media, "item_id": result.record.item_id,
                         "worker": result.record.worker, "state": result.record.state,
                         "width": w, "height": h, "tags": result.tags})
        write_text_atomic(out / "classes.txt", "".join(n + "\n" for n in categories))
        yaml_names = "".join(f"  {i}: {json.dumps(n, ensure_ascii=False)}\n" for i, n in enumerate(categories))
        pack = context.header()["pack"]
        write_text_atomic(out / "data.yaml",
                          f"# {pack['id']} {pack['version']}, instructions {pack['instructions_hash']}\n"
                          f"path: .\nnc: {len(categories)}\nnames:\n{yaml_names}")
        notes = []
        if points:
            notes.append(f"{points} point shapes are not part of the YOLO format; use coco or json for them")
        notes.append("polygons are written as polygons (segment format)" if segments else
                     "polygons are written as their bounding boxes")
        listing.finish(_provenance(context, "yolo-seg" if segments else "yolo", skipped, notes))

    return write


# ------------------------------------------------------------------ Pascal VOC


def _sub(parent: ET.Element, tag: str, text: Any = None) -> ET.Element:
    node = ET.SubElement(parent, tag)
    if text is not None:
        node.text = str(text)
    return node


def write_voc(context: ExportContext, out: Path) -> None:
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ValueError(f"{out} exists and is not a folder")
    skipped: list[dict] = []
    header = context.header()
    pack = header["pack"]
    points = 0
    (out / "Annotations").mkdir(parents=True, exist_ok=True)
    listing = _Listing(out)
    for result in _results(context, skipped):
        rec = result.record
        root = ET.Element("annotation")
        _sub(root, "folder", str(PurePosixPath(result.media).parent))
        _sub(root, "filename", PurePosixPath(result.media).name)
        _sub(root, "path", result.media)
        source = _sub(root, "source")
        _sub(source, "database", f"{pack['id']} {pack['version']}")
        _sub(source, "annotation", "annotator")
        _sub(source, "image", rec.item_id)
        prov = _sub(root, "annotator", None)
        for key in ("id", "version", "content_hash", "instructions_hash"):
            prov.set(f"pack_{key}", str(pack[key] or ""))
        prov.set("tool_version", header["tool"]["version"])
        prov.set("state", rec.state)
        if rec.instructions_hash:
            prov.set("item_instructions_hash", rec.instructions_hash)
        if rec.worker is not None:
            prov.set("worker", rec.worker)
        for name, value in result.tags.items():
            for v in (value if isinstance(value, list) else [value]):
                tag = _sub(prov, "tag", v)
                tag.set("group", name)
        size = _sub(root, "size")
        _sub(size, "width", result.width)
        _sub(size, "height", result.height)
        _sub(size, "depth", 3)
        _sub(root, "segmented", 1 if any(s.type == "polygon" for s in result.shapes) else 0)
        for shape in result.shapes:
            if shape.type == "point":
                points += 1
                continue
            obj = _sub(root, "object")
            _sub(obj, "name", shape.label)
            _sub(obj, "pose", "Unspecified")
            _sub(obj, "truncated", 0)
            _sub(obj, "difficult", 0)
            x0, y0, x1, y1 = shape.bounds()
            box = _sub(obj, "bndbox")
            _sub(box, "xmin", round(x0))
            _sub(box, "ymin", round(y0))
            _sub(box, "xmax", round(x1))
            _sub(box, "ymax", round(y1))
            if shape.type == "polygon":
                poly = _sub(obj, "polygon")
                for i, (x, y) in enumerate(shape.points, start=1):
                    _sub(poly, f"x{i}", _r(x))
                    _sub(poly, f"y{i}", _r(y))
        ET.indent(root)
        rel = _label_path(result)[:-4] + ".xml"
        write_text_atomic(out / "Annotations" / rel, ET.tostring(root, encoding="unicode") + "\n")
        listing.add({"annotation_file": f"Annotations/{rel}", "media": result.media, "item_id": rec.item_id,
                     "worker": rec.worker})
    notes = ["boxes use the pixel coordinates of the image as shown, rounded; polygons add a <polygon>"]
    if points:
        notes.append(f"{points} point shapes are not part of Pascal VOC; use coco or json for them")
    listing.finish(_provenance(context, "voc", skipped, notes))


def exporters() -> list[Exporter]:
    return [
        Exporter("coco", "COCO JSON: boxes and polygons (segmentation), points as keypoints", ".json", write_coco),
        Exporter("yolo", "YOLO: one .txt per image (boxes; polygons as their boxes) + classes.txt",
                 "", _yolo_writer(False), writes_folder=True),
        Exporter("yolo-seg", "YOLO segmentation: one .txt per image (polygons; boxes as 4 corners)",
                 "", _yolo_writer(True), writes_folder=True),
        Exporter("voc", "Pascal VOC XML: one file per image in Annotations/", "", write_voc, writes_folder=True),
        own_json_exporter(),
    ]
