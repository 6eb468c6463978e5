"""YOLO and Pascal VOC: the folders their trainers read, with the images that belong and only those.

YOLO / YOLO-seg (what ultralytics' ``check_det_dataset`` and ``yolo train data=OUT/data.yaml`` read)::

    OUT/data.yaml                  path (this folder, absolute), train, val, nc, names
    OUT/images/{train,val}/NAME    the images, copied (or hard-linked with --link-media)
    OUT/labels/{train,val}/STEM.txt one line per shape: class and normalised box (or polygon)
    OUT/train.txt, OUT/val.txt     the list of the images that belong, one ./images/... path a line
    OUT/classes.txt, OUT/annotator.json

Pascal VOC (the devkit's layout, as torchvision's ``VOCDetection`` and supervision read it)::

    OUT/JPEGImages/STEM.jpg        JPEG images as they are; others converted to JPEG (or kept with
                                   --keep-format)
    OUT/Annotations/STEM.xml       1-based pixel coordinates, the real depth
    OUT/ImageSets/Main/{train,val,trainval}.txt
    OUT/annotator.json

Names are flat (``media/sub/a.png`` is ``sub__a.png``; a worker's pseudonym comes first in a
lab's merge, where each worker's result is its own image), since loaders list one folder.
The split is by item (:func:`annotator.plugin_api.layout.in_val`).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree import ElementTree as ET

from annotator.plugin_api import ExportContext
from annotator.plugin_api.layout import DEFAULT_SEED, DEFAULT_VAL, MediaPlacer, check_val, flat_name, in_val
from annotator_image.export_records import MANIFEST, fresh_folder, provenance, results
from annotator_image.geometry import bbox, outline
from annotator_image.model import task_config

SPLITS = ("train", "val")


class _Split:
    """Which side each item is on, with at least one validation image when ``val`` > 0."""

    def __init__(self, context: ExportContext):
        self.val = check_val(float(context.option("val", DEFAULT_VAL)))
        self.seed = int(context.option("seed", DEFAULT_SEED))
        self.members: dict[str, list[str]] = {"train": [], "val": []}

    def side(self, item_id: str) -> str:
        return "val" if in_val(item_id, self.val, self.seed) else "train"

    def needs_one_val(self) -> bool:
        return self.val > 0 and not self.members["val"] and len(self.members["train"]) >= 2


class _Listing:
    """``annotator.json``'s ``images`` list, written entry by entry (trust-lab's streamed listing).

    The same bytes as ``json.dumps(doc, ensure_ascii=False, indent=1)`` with the list at the end
    of ``doc``, without holding a merge's 500,000 entries: each goes to a file beside the output
    as it comes. The newest entry is held back (:attr:`last`) so that a tiny export can still move
    its last train image to val.
    """

    def __init__(self, folder: Path):
        self.path = folder / MANIFEST
        self.part = folder / f".{MANIFEST}.images"
        self.fh = open(self.part, "w", encoding="utf-8")
        self.written = 0
        self.last: dict[str, Any] | None = None

    def __len__(self) -> int:
        return self.written + (self.last is not None)

    def add(self, entry: dict[str, Any]) -> None:
        if self.last is not None:
            self._write(self.last)
        self.last = entry

    def _write(self, entry: dict[str, Any]) -> None:
        text = json.dumps(entry, ensure_ascii=False, indent=1).replace("\n", "\n  ")
        self.fh.write((",\n  " if self.written else "  ") + text)
        self.written += 1

    def finish(self, doc: dict[str, Any]) -> None:
        if self.last is not None:
            self._write(self.last)
            self.last = None
        self.fh.close()
        head = json.dumps({**doc, "images": []}, ensure_ascii=False, indent=1)
        with open(self.path, "w", encoding="utf-8") as fh:
            if self.written:
                fh.write(head[:-len("[]\n}")] + "[\n")
                with open(self.part, encoding="utf-8") as src:
                    shutil.copyfileobj(src, fh, 1024 * 1024)
                fh.write("\n ]\n}\n")
            else:
                fh.write(head + "\n")
        self.part.unlink()


def _yaml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string


def _yolo_writer(segments: bool):
    def write(context: ExportContext, out: Path) -> dict[str, int]:
        out = Path(out)
        with fresh_folder(out) as work:
            return _write_yolo(context, out, work, segments)

    return write


def _write_yolo(context: ExportContext, out: Path, work: Path, segments: bool) -> dict[str, int]:
    skipped: list[dict] = []
    split = _Split(context)
    placer = MediaPlacer(bool(context.option("link-media", False)))
    categories = [label.name for label in task_config(context.pack.task).labels]
    cat = {name: i for i, name in enumerate(categories)}
    for side in SPLITS:
        (work / "images" / side).mkdir(parents=True)
        (work / "labels" / side).mkdir(parents=True)
    used: set[str] = set()
    points = shapes = 0
    listing = _Listing(work)
    last: tuple[str, str] | None = None  # the last train image and its label, if one must move to val
    for result in results(context, skipped):
        record = result.record
        try:
            source = context.pack.media_path(result.media)
        except ValueError as exc:
            skipped.append({"id": record.item_id, "worker": record.worker, "state": record.state,
                            "reason": f"media: {exc}"})
            continue
        name = flat_name(result.media, prefix=record.worker, item_id=record.item_id, used=used)
        side = split.side(record.item_id)
        try:
            placer.place(source, work / "images" / side / name)
        except OSError as exc:
            skipped.append({"id": record.item_id, "worker": record.worker, "state": record.state,
                            "reason": f"media cannot be copied: {exc.strerror or exc}"})
            continue
        lines = []
        w, h = result.width, result.height
        for shape in result.shapes:
            if shape.label not in cat:
                cat[shape.label] = len(categories)
                categories.append(shape.label)
            if shape.type == "point":
                points += 1
                continue
            shapes += 1
            if segments:
                coords = " ".join(f"{_clip(x / w):.6f} {_clip(y / h):.6f}" for x, y in outline(shape))
                lines.append(f"{cat[shape.label]} {coords}")
            else:
                x, y, bw, bh = bbox(shape)
                lines.append(f"{cat[shape.label]} {(x + bw / 2) / w:.6f} {(y + bh / 2) / h:.6f} "
                             f"{bw / w:.6f} {bh / h:.6f}")
        label = PurePosixPath(name).stem + ".txt"
        (work / "labels" / side / label).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        split.members[side].append(name)
        if side == "train":
            last = (name, label)
        listing.add({"image": f"images/{side}/{name}", "label_file": f"labels/{side}/{label}",
                        "media": result.media, "item_id": record.item_id, "worker": record.worker,
                        "state": record.state, "split": side, "width": w, "height": h, "tags": result.tags})
    if split.needs_one_val() and last is not None:  # a tiny export: one image moves so that val is not empty
        name, label = last
        (work / "images" / "train" / name).replace(work / "images" / "val" / name)
        (work / "labels" / "train" / label).replace(work / "labels" / "val" / label)
        split.members["train"].remove(name)
        split.members["val"].append(name)
        # every image is in train, so the last one is the listing's last entry, still held back
        listing.last.update(image=f"images/val/{name}", label_file=f"labels/val/{label}", split="val")
    for side in SPLITS:
        (work / f"{side}.txt").write_text("".join(f"./images/{side}/{n}\n" for n in split.members[side]),
                                          encoding="utf-8")
    (work / "classes.txt").write_text("".join(n + "\n" for n in categories), encoding="utf-8")
    pack = context.header()["pack"]
    names = "".join(f"  {i}: {_yaml_text(n)}\n" for i, n in enumerate(categories))
    val_dir = "images/val" if split.members["val"] else "images/train"
    (work / "data.yaml").write_text(
        f"# {pack['id']} {pack['version']}, instructions {pack['instructions_hash']}\n"
        f"# written by annotator; 'path' is this folder: change it (or remove the line) if you move it\n"
        f"path: {_yaml_text(str(out.resolve()))}\ntrain: images/train\nval: {val_dir}\n"
        f"nc: {len(categories)}\nnames:\n{names}", encoding="utf-8")
    notes = [f"split by item: --val {split.val} --seed {split.seed}"
             + ("" if split.members["val"] else "; no validation image, so val names the train images"),
             placer.note()]
    if points:
        notes.append(f"{points} point shapes are not part of the YOLO format; use coco or json for them")
    notes.append("polygons are written as polygons, boxes as their 4 corners (segment format)" if segments else
                 "polygons are written as their bounding boxes")
    notes.append("image tags are not part of the YOLO format: they are listed here, per image")
    return _finish(context, work, "yolo-seg" if segments else "yolo", skipped, notes, listing, split,
                   ("shapes", shapes), points)


def _finish(context: ExportContext, work: Path, fmt: str, skipped: list, notes: list, listing: _Listing,
            split: _Split, drawn: tuple[str, int], points: int) -> dict[str, int]:
    """Write ``annotator.json`` and say what the folder holds."""
    listing.finish(provenance(context, fmt, skipped, notes))
    said = {"images": len(listing), "in train": len(split.members["train"]), "in val": len(split.members["val"]),
            drawn[0]: drawn[1]}
    if points:
        said[f"points left out (not in {'VOC' if fmt == 'voc' else 'YOLO'})"] = points
    if skipped:
        said["records left out (media missing or unreadable)"] = len(skipped)
    return said


def _clip(v: float) -> float:
    return min(1.0, max(0.0, v))


# ------------------------------------------------------------------ Pascal VOC


def _sub(parent: ET.Element, tag: str, text: Any = None) -> ET.Element:
    node = ET.SubElement(parent, tag)
    if text is not None:
        node.text = str(text)
    return node


def _voc_image(source: Path, target: Path, keep: bool, placer: MediaPlacer) -> int:
    """Put the image in JPEGImages (a JPEG as it is, others converted unless kept); return its depth."""
    from PIL import Image

    with Image.open(source) as im:
        is_jpeg = im.format == "JPEG"
        bands = len(im.getbands())
        if is_jpeg or keep:
            placer.place(source, target)
            return bands
        mode = "L" if im.mode in ("1", "L", "LA", "I", "I;16", "F") else "RGB"
        converted = im.convert(mode)
        target.parent.mkdir(parents=True, exist_ok=True)
        converted.save(target, "JPEG", quality=95)
        placer.copied += 1
        return len(converted.getbands())


def write_voc(context: ExportContext, out: Path) -> dict[str, int]:
    out = Path(out)
    with fresh_folder(out) as work:
        return _write_voc(context, work)


def _write_voc(context: ExportContext, work: Path) -> dict[str, int]:
    skipped: list[dict] = []
    header = context.header()
    pack = header["pack"]
    split = _Split(context)
    keep = bool(context.option("keep-format", False))
    placer = MediaPlacer(bool(context.option("link-media", False)))
    for folder in ("JPEGImages", "Annotations", "ImageSets/Main"):
        (work / folder).mkdir(parents=True)
    used: set[str] = set()
    points = objects = 0
    listing = _Listing(work)
    stems: list[str] = []  # every image in the listing's order, for trainval.txt
    for result in results(context, skipped):
        rec = result.record
        suffix = None if keep else ".jpg"
        name = flat_name(result.media, prefix=rec.worker, item_id=rec.item_id, used=used, suffix=suffix)
        stem = PurePosixPath(name).stem
        try:
            depth = _voc_image(context.pack.media_path(result.media), work / "JPEGImages" / name, keep, placer)
        except (OSError, ValueError) as exc:
            skipped.append({"id": rec.item_id, "worker": rec.worker, "state": rec.state,
                            "reason": f"media cannot be read or written: {exc}"})
            continue
        root = ET.Element("annotation")
        _sub(root, "folder", "JPEGImages")
        _sub(root, "filename", name)
        _sub(root, "path", f"JPEGImages/{name}")
        source = _sub(root, "source")
        _sub(source, "database", f"{pack['id']} {pack['version']}")
        _sub(source, "annotation", "annotator")
        _sub(source, "image", result.media)
        prov = _sub(root, "annotator", None)
        for key in ("id", "version", "content_hash", "instructions_hash"):
            prov.set(f"pack_{key}", str(pack[key] or ""))
        prov.set("tool_version", header["tool"]["version"])
        prov.set("item_id", rec.item_id)
        prov.set("state", rec.state)
        if rec.instructions_hash:
            prov.set("item_instructions_hash", rec.instructions_hash)
        if rec.worker is not None:
            prov.set("worker", rec.worker)
        for group, value in result.tags.items():
            for v in (value if isinstance(value, list) else [value]):
                _sub(prov, "tag", v).set("group", group)
        size = _sub(root, "size")
        _sub(size, "width", result.width)
        _sub(size, "height", result.height)
        _sub(size, "depth", depth)
        _sub(root, "segmented", 1 if any(s.type == "polygon" for s in result.shapes) else 0)
        for shape in result.shapes:
            if shape.type == "point":
                points += 1
                continue
            objects += 1
            obj = _sub(root, "object")
            _sub(obj, "name", shape.label)
            _sub(obj, "pose", "Unspecified")
            x0, y0, x1, y1 = shape.bounds()
            xmin, ymin = _first_pixel(x0, result.width), _first_pixel(y0, result.height)
            xmax, ymax = max(_last_pixel(x1, result.width), xmin), max(_last_pixel(y1, result.height), ymin)
            truncated = x0 <= 0 or y0 <= 0 or x1 >= result.width or y1 >= result.height
            _sub(obj, "truncated", int(truncated))
            _sub(obj, "difficult", 0)
            box = _sub(obj, "bndbox")
            for key, value in (("xmin", xmin), ("ymin", ymin), ("xmax", xmax), ("ymax", ymax)):
                _sub(box, key, value)
            if shape.type == "polygon":  # vertices are points: 1-based like the box's corners
                poly = _sub(obj, "polygon")
                for i, (x, y) in enumerate(shape.points, start=1):
                    _sub(poly, f"x{i}", round(x + 1, 2))
                    _sub(poly, f"y{i}", round(y + 1, 2))
        ET.indent(root)
        (work / "Annotations" / f"{stem}.xml").write_text(ET.tostring(root, encoding="unicode") + "\n",
                                                          encoding="utf-8")
        side = split.side(rec.item_id)
        split.members[side].append(stem)
        stems.append(stem)
        listing.add({"image": f"JPEGImages/{name}", "annotation_file": f"Annotations/{stem}.xml",
                        "media": result.media, "item_id": rec.item_id, "worker": rec.worker, "state": rec.state,
                        "split": side})
    if split.needs_one_val():
        split.members["val"].append(split.members["train"].pop())
        listing.last["split"] = "val"  # every image is in train: the last is the listing's last entry
    main = work / "ImageSets" / "Main"
    for side in SPLITS:
        (main / f"{side}.txt").write_text("".join(s + "\n" for s in split.members[side]), encoding="utf-8")
    (main / "trainval.txt").write_text("".join(stem + "\n" for stem in stems), encoding="utf-8")
    notes = ["boxes in 1-based pixel indices as the VOC devkit defines them: xmin = the first pixel covered "
             "(left edge + 1), xmax = the last; polygon vertices + 1; polygons also add a <polygon>",
             f"split by item: --val {split.val} --seed {split.seed}", placer.note()]
    if not keep:
        notes.append("images other than JPEG are converted to JPEG (quality 95) since VOC readers open "
                     "JPEGImages/NAME.jpg; --keep-format keeps them as they are")
    if points:
        notes.append(f"{points} point shapes are not part of Pascal VOC; use coco or json for them")
    return _finish(context, work, "voc", skipped, notes, listing, split, ("objects", objects), points)


def _first_pixel(edge: float, size: int) -> int:
    """The 1-based index of the first pixel a box starting at ``edge`` covers."""
    return min(max(round(edge) + 1, 1), size)


def _last_pixel(edge: float, size: int) -> int:
    """The 1-based index of the last pixel a box ending at ``edge`` covers."""
    return min(max(round(edge), 1), size)

