"""The streamed COCO and YOLO writers hold exactly what the image model and geometry say, in one pass.

The writers no longer keep every result in memory (a lab's merge holds 500,000); these tests pin
what the whole-document writers wrote: ids in one pass, categories in order of first appearance
after the pack's labels, each annotation's box, area and outline from the geometry helpers, and
invalid shapes left out as the model leaves them out.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from annotator.core.exports import run_exporter
from annotator.plugin_api import ExportContext, ExportRecord, PackInfo
from annotator_image.exporters import exporters
from annotator_image.geometry import bbox, outline, shape_area
from annotator_image.model import shapes_from_json
from tests.packs import png_bytes

TASK = {"tools": ["box", "polygon", "point"], "labels": [{"name": "car"}, {"name": "person"}]}


def _records(root: Path) -> list[ExportRecord]:
    rnd = random.Random(7)
    (root / "media").mkdir(parents=True)
    (root / "media" / "a.png").write_bytes(png_bytes(64, 48))
    records = []
    for i in range(120):
        shapes = []
        for n in range(rnd.randint(0, 4)):
            kind = rnd.choice(["box", "box", "polygon", "point", "broken"])
            label = rnd.choice(["car", "person", "tank", "bike"])
            x, y = rnd.uniform(0, 50), rnd.uniform(0, 30)
            points = {"box": [[x + 9, y], [x, y + rnd.choice([5, 7.25])]], "point": [[x, y]],
                      "polygon": [[x, y], [x + 10, y], [x + 5, y + 9]], "broken": [[x, float("nan")]]}[kind]
            shapes.append({"id": rnd.choice([f"s{n}", "s0", ""]), "type": "box" if kind == "broken" else kind,
                           "label": label, "points": points})
        annotation = {"shapes": shapes, "tags": {"weather": "rain"} if i % 3 else {}}
        if i % 4:
            annotation["image"] = {"width": 64, "height": 48}
        records.append(ExportRecord({"id": f"i{i}", "media": "media/a.png", "training": i % 9 == 0}, annotation,
                                    rnd.choice(["submitted", "flagged", "skipped"]), worker=rnd.choice([None, "ann"])))
    return records


def _context(tmp_path: Path) -> tuple[ExportContext, list[ExportRecord]]:
    root = tmp_path / "pack"
    records = _records(root)
    info = PackInfo("p", "1", "A pack", "image", "en", "sha256:c", "sha256:i", TASK, root)
    return ExportContext(info, lambda: iter(records), "9", states=("submitted", "flagged")), records


def _write(fmt: str, context: ExportContext, out: Path):
    """As the core writes: the exporter is given the records in the states chosen."""
    exporter = next(e for e in exporters() if e.name == fmt)
    return run_exporter(exporter, context, out, "image", fmt)


def test_streamed_coco_holds_what_the_geometry_says(tmp_path):
    from pycocotools.coco import COCO

    context, records = _context(tmp_path)
    coco_out = tmp_path / "out.json"
    written = _write("coco", context, coco_out)
    doc = json.loads(coco_out.read_text())
    assert list(doc) == ["info", "licenses", "images", "annotations", "categories"]
    kept = [r for r in records if r.state != "skipped"]
    assert [i["item_id"] for i in doc["images"]] == [r.item_id for r in kept]
    assert [i["id"] for i in doc["images"]] == list(range(1, len(kept) + 1))
    names = ["car", "person"]
    expected = []
    for image_id, record in enumerate(kept, 1):
        for shape in shapes_from_json(record.annotation["shapes"]):
            if shape.type == "point":  # points are keypoints in their own file, never detections
                continue
            if shape.label not in names:
                names.append(shape.label)
            x, y, w, h = bbox(shape)
            entry = {"image_id": image_id, "category_id": names.index(shape.label) + 1, "shape_id": shape.id,
                     "bbox": [round(v, 2) for v in (x, y, w, h)],
                     "area": pytest.approx(round(shape_area(shape), 2), abs=0.011),
                     "segmentation": [[round(v, 2) for p in outline(shape) for v in p]]}
            expected.append(entry)
    assert [c["name"] for c in doc["categories"]] == names  # the pack's labels, then others as they come
    assert [a["id"] for a in doc["annotations"]] == list(range(1, len(expected) + 1))
    got = [{k: a[k] for k in e} for a, e in zip(doc["annotations"], expected)]
    assert got == expected and len(doc["annotations"]) == len(expected)
    COCO(str(coco_out))  # pycocotools reads it
    assert written.counts["images"] == len(kept) and written.counts["annotations"] == len(expected)


def test_streamed_yolo_numbers_classes_as_the_whole_list_did(tmp_path):
    context, records = _context(tmp_path)
    out = tmp_path / "yolo"
    _write("yolo", context, out)
    names = ["car", "person"]
    for record in records:
        if record.state != "skipped":
            names += [s.label for s in shapes_from_json(record.annotation["shapes"]) if s.label not in names]
    assert (out / "classes.txt").read_text().splitlines() == names
    listing = json.loads((out / "annotator.json").read_text())["images"]
    assert len(listing) == sum(r.state != "skipped" for r in records)
