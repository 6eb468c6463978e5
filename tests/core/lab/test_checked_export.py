"""A lab's merge gives the COCO writer results its checks accepted (``ExportRecord.checked``).

The writer then takes their shapes as they are (ADR 0634): the file must be byte for byte the one
the validating path writes for the same valid shapes, and records not marked checked (a worker's
own store, a consensus) must still be validated, hostile shapes left out, never trusted.
"""
from __future__ import annotations

import dataclasses
import json
import math
import random
from pathlib import Path

import numpy as np

from annotator.core.exports import run_exporter
from annotator.plugin_api import ExportContext, ExportRecord, PackInfo
from annotator_image.export_coco import _round2, round2_all
from annotator_image.exporters import exporters
from tests.packs import png_bytes

TASK = {"tools": ["box", "polygon", "point"], "labels": [{"name": "car"}, {"name": "person"}]}


def _valid_records(root: Path, n: int = 300) -> list[ExportRecord]:
    """Shapes as checks accept them: boxes in any corner order, whole numbers, polygons, points,
    missing and repeated ids, several workers per item."""
    rnd = random.Random(11)
    (root / "media").mkdir(parents=True)
    (root / "media" / "a.png").write_bytes(png_bytes(64, 48))
    records = []
    for i in range(n):
        for worker in ("ana", "bo")[: rnd.randint(1, 2)]:
            shapes = []
            for s in range(rnd.randint(0, 5)):
                kind = rnd.choice(["box", "box", "box", "polygon", "point"])
                x, y = rnd.choice([rnd.uniform(0, 50), rnd.randint(0, 50), 12.345, 0.005]), rnd.uniform(0, 30)
                w, h = rnd.choice([rnd.uniform(0, 14), 7, 0.125]), rnd.uniform(0, 18)
                points = {"box": rnd.choice([[[x, y], [x + w, y + h]], [[x + w, y + h], [x, y]],
                                             [[x + w, y], [x, y + h]]]),
                          "polygon": [[x, y], [x + w, y + h], [x + w, y], [x, y + h]],  # a bow tie too
                          "point": [[x, y]]}[kind]
                shape = {"type": kind, "label": rnd.choice(["car", "person"]), "points": points}
                if rnd.random() < 0.8:
                    shape["id"] = rnd.choice([f"s{s}", "s1", "s2x", ""])
                shapes.append(shape)
            annotation = {"format": "annotator-image/1", "image": {"width": 64, "height": 48}, "shapes": shapes,
                          "tags": {}}
            records.append(ExportRecord({"id": f"i{i}", "media": "media/a.png", "training": False}, annotation,
                                        "submitted", worker=worker))
    return records


def _coco(tmp_path: Path, name: str, records: list[ExportRecord], root: Path) -> bytes:
    info = PackInfo("p", "1", "A pack", "image", "en", "sha256:c", "sha256:i", TASK, root)
    context = ExportContext(info, lambda: iter(records), "9")
    exporter = next(e for e in exporters() if e.name == "coco")
    out = tmp_path / name / "out.json"  # the same name: the file names the keypoints file
    run_exporter(exporter, context, out, "image", "coco")
    keypoints = out.with_name("out.keypoints.json")
    return out.read_bytes() + (keypoints.read_bytes() if keypoints.exists() else b"")


def test_checked_records_write_the_same_coco_as_validated_ones(tmp_path):
    root = tmp_path / "pack"
    records = _valid_records(root)
    validated = _coco(tmp_path, "validated", records, root)
    trusted = _coco(tmp_path, "trusted", [dataclasses.replace(r, checked=True) for r in records], root)
    assert trusted == validated
    doc = json.loads(validated.split(b"\n")[0])
    assert len(doc["annotations"]) > 500  # the case is not empty: boxes and polygons of every kind
    shape_ids = [(a["image_id"], a.get("worker"), a["shape_id"]) for a in doc["annotations"]]
    assert len(shape_ids) == len(set(shape_ids))  # ids made unique on the trusted path as well


def test_records_not_marked_checked_are_still_validated(tmp_path):
    """A worker's own store (``annotator export``) gives records with ``checked`` False: a hostile
    shape is left out, the writer does not fall over or write NaN."""
    root = tmp_path / "pack"
    (root / "media").mkdir(parents=True)
    (root / "media" / "a.png").write_bytes(png_bytes(64, 48))
    hostile = [{"type": "box", "label": "car", "points": [[1, float("nan")], [4, 5]]},
               {"type": "box", "label": "car", "points": [[1, 2], [3, 4], [5, 6]]},
               {"type": "box", "label": {"car": 1}, "points": [[1, 2], [3, 4]]},
               {"type": "polygon", "label": "car", "points": [[1, 2]]},
               "not a shape",
               {"type": "box", "label": "car", "points": [[1, 2], [30, 40]]}]
    record = ExportRecord({"id": "i0", "media": "media/a.png"}, {"shapes": hostile}, "submitted")
    assert record.checked is False  # the default: only the lab's merge says otherwise
    doc = json.loads(_coco(tmp_path, "own", [record], root))
    assert [a["bbox"] for a in doc["annotations"]] == [[1.0, 2.0, 29.0, 38.0]]


def test_numpy_rounding_is_round_bit_for_bit():
    rnd = random.Random(3)
    values = [rnd.uniform(-1e4, 1e4) for _ in range(20_000)] + [rnd.randint(0, 999) / 1000 for _ in range(5_000)]
    values += [k + 0.005 for k in range(200)] + [0.0, -0.0, -0.001, 0.004, -0.004, 1e9, -1e9, 3e15, 0.125, 2.675,
                                                    1.005, -1.005, float("inf"), 5e-324]
    got = round2_all(np.array(values))
    for value, mine in zip(values, got):
        want = _round2(value)
        assert mine == want and math.copysign(1, mine) == math.copysign(1, want), (value, mine, want)
        assert want == round(value, 2)
