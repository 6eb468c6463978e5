"""Exports through `annotator export`: COCO (read back with pycocotools), YOLO, Pascal VOC, own JSON."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from annotator.cli import main
from annotator.core.library import import_pack
from annotator.core.session import WorkSession
from tests.plugins.image.conftest import image_bytes, image_pack

SHAPES_0 = [
    {"id": "s1", "type": "box", "label": "car", "points": [[10, 20], [110, 70]]},          # 100 x 50
    {"id": "s2", "type": "polygon", "label": "person", "points": [[200, 100], [240, 100], [200, 160]]},  # area 1200
    {"id": "s3", "type": "point", "label": "sign", "points": [[5.5, 6.25]]},
]
SHAPES_1 = [{"id": "s1", "type": "box", "label": "sign", "points": [[0, 0], [32, 24]]}]


@pytest.fixture
def worked(tmp_path, data_dir, store, registry):
    """A pack where img-0 is submitted, img-1 in progress, img-2 skipped, img-3 untouched."""
    items = [{"id": f"img-{i}", "media": f"media/sub/img-{i}.png", "training": i == 0} for i in range(4)]
    media = {it["media"]: image_bytes(320, 240, seed=i) for i, it in enumerate(items)}
    row = import_pack(image_pack(tmp_path / "pack", items=items, media=media), store, registry).pack
    session = WorkSession(store, row)
    session.go_to(0)
    session.save(session.item, {"format": "annotator-image/1", "image": {"width": 320, "height": 240, "orientation": 1},
                  "shapes": SHAPES_0, "tags": {"weather": "rain"}, "draft": None})
    session.submit()
    session.go_to(1)
    session.save(session.item, {"shapes": SHAPES_1, "tags": {}})  # no image size saved: read from the media header
    session.go_to(2)
    session.skip("unreadable")
    return row


def export(data_dir, fmt, out):
    assert main(["export", "test.images", "--format", fmt, "-o", str(out), "--data-dir", str(data_dir)]) == 0


def test_format_list_names_every_exporter(worked, data_dir, capsys):
    assert main(["export", "test.images", "--format", "list", "--data-dir", str(data_dir)]) == 0
    listed = {line.split()[0] for line in capsys.readouterr().out.splitlines() if line.strip()}
    assert {"coco", "yolo", "yolo-seg", "voc", "json"} <= listed


@pytest.mark.filterwarnings("ignore::DeprecationWarning:pycocotools")
def test_coco_loads_in_pycocotools_with_the_right_numbers(worked, data_dir, tmp_path):
    from pycocotools.coco import COCO

    out = tmp_path / "coco.json"
    export(data_dir, "coco", out)
    coco = COCO(str(out))
    assert [c["name"] for c in coco.loadCats(coco.getCatIds())] == ["car", "person", "sign"]
    images = coco.loadImgs(coco.getImgIds())
    assert [(i["item_id"], i["width"], i["height"], i["state"]) for i in images] == [
        ("img-0", 320, 240, "submitted"), ("img-1", 320, 240, "in_progress")]
    first = images[0]["id"]
    anns = coco.loadAnns(coco.getAnnIds(imgIds=[first]))
    box, polygon, point = anns
    assert box["bbox"] == [10, 20, 100, 50] and box["area"] == 5000
    assert polygon["bbox"] == [200, 100, 40, 60] and polygon["area"] == 1200
    assert polygon["segmentation"] == [[200, 100, 240, 100, 200, 160]]
    assert point["keypoints"] == [5.5, 6.25, 2] and point["num_keypoints"] == 1
    # pycocotools rasterises the polygon to a mask of about its area
    assert abs(int(coco.annToMask(polygon).sum()) - 1200) < 80
    assert coco.getAnnIds(catIds=[coco.getCatIds(catNms=["sign"])[0]]) != []
    doc = json.loads(out.read_text())
    assert doc["info"]["annotator"]["pack"]["id"] == "test.images"
    assert doc["info"]["annotator"]["pack"]["version"] == "1.0.0"
    assert len(doc["info"]["annotator"]["pack"]["instructions_hash"]) >= 16
    assert images[0]["instructions_hash"] == doc["info"]["annotator"]["pack"]["instructions_hash"]
    assert images[0]["tags"] == {"weather": "rain"}


def test_yolo_folders_hold_normalised_boxes_and_classes(worked, data_dir, tmp_path):
    out = tmp_path / "yolo"
    export(data_dir, "yolo", out)
    assert (out / "classes.txt").read_text().split() == ["car", "person", "sign"]
    lines = (out / "labels" / "sub" / "img-0.txt").read_text().splitlines()
    assert len(lines) == 2  # the point is not part of YOLO
    cls, cx, cy, w, h = lines[0].split()
    assert cls == "0" and [float(v) for v in (cx, cy, w, h)] == pytest.approx([60 / 320, 45 / 240, 100 / 320, 50 / 240], abs=1e-6)
    assert lines[1].split()[0] == "1"  # the polygon as its bounding box
    assert [float(v) for v in lines[1].split()[1:]] == pytest.approx([220 / 320, 130 / 240, 40 / 320, 60 / 240], abs=1e-6)
    assert (out / "labels" / "sub" / "img-1.txt").read_text() == "2 0.050000 0.050000 0.100000 0.100000\n"
    assert not (out / "labels" / "sub" / "img-2.txt").exists()  # skipped
    meta = json.loads((out / "annotator.json").read_text())
    assert meta["pack"]["id"] == "test.images" and "point" in " ".join(meta["notes"])
    assert "names:" in (out / "data.yaml").read_text()
    seg = tmp_path / "seg"
    export(data_dir, "yolo-seg", seg)
    poly = (seg / "labels" / "sub" / "img-0.txt").read_text().splitlines()[1].split()
    assert poly[0] == "1" and len(poly) == 7


def test_voc_xml_per_image(worked, data_dir, tmp_path):
    out = tmp_path / "voc"
    export(data_dir, "voc", out)
    root = ET.parse(out / "Annotations" / "sub" / "img-0.xml").getroot()
    assert root.findtext("filename") == "img-0.png"
    assert root.findtext("size/width") == "320" and root.findtext("size/height") == "240"
    objects = root.findall("object")
    assert [o.findtext("name") for o in objects] == ["car", "person"]
    bb = objects[0].find("bndbox")
    assert [bb.findtext(k) for k in ("xmin", "ymin", "xmax", "ymax")] == ["10", "20", "110", "70"]
    assert objects[1].find("polygon") is not None
    prov = root.find("annotator")
    assert prov.get("pack_id") == "test.images" and prov.get("pack_version") == "1.0.0"
    assert prov.get("pack_instructions_hash")


def test_own_json_has_every_item_and_the_header(worked, data_dir, tmp_path):
    out = tmp_path / "all.json"
    export(data_dir, "json", out)
    doc = json.loads(out.read_text())
    assert doc["pack"]["id"] == "test.images" and doc["pack"]["instructions_hash"]
    assert [(i["id"], i["state"]) for i in doc["items"]] == [
        ("img-0", "submitted"), ("img-1", "in_progress"), ("img-2", "skipped"), ("img-3", "new")]
    assert doc["items"][0]["annotation"]["shapes"] == SHAPES_0


def test_pack_new_from_a_folder_of_images(tmp_path, data_dir):
    src = tmp_path / "photos"
    (src / "day").mkdir(parents=True)
    (src / "day" / "a.jpg").write_bytes(image_bytes(fmt="JPEG"))
    (src / "b.png").write_bytes(image_bytes())
    (src / "notes.txt").write_text("not an image")
    out = tmp_path / "new-pack"
    assert main(["pack", "new", "image", str(src), "-o", str(out), "--labels", "car,person,sign"]) == 0
    assert main(["pack", "validate", str(out)]) == 0
    items = [json.loads(line) for line in (out / "items.jsonl").read_text().splitlines()]
    assert [it["media"] for it in items] == ["media/b.png", "media/day/a.jpg"]
    import tomllib

    task = tomllib.loads((out / "pack.toml").read_text())["task"]
    assert [(lb["name"], lb["hotkey"]) for lb in task["labels"]] == [("car", "1"), ("person", "2"), ("sign", "3")]
