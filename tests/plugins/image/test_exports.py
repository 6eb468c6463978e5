"""Image exports through `annotator export`, loaded by their real consumers and compared on content.

pycocotools (COCO, annToMask, COCOeval bbox, segm and keypoints at AP 1.0 against itself),
supervision's COCO, YOLO and Pascal VOC loaders; the split, the media that belong and only
those, item states, and the summary line that counts what the output holds.
"""
from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from annotator.cli import main
from annotator.core.library import import_pack
from annotator.core.session import WorkSession
from tests.plugins.image.conftest import image_bytes, image_pack

W, H = 320, 240
BOX = {"id": "s1", "type": "box", "label": "car", "points": [[10, 20], [110, 70]]}           # 100 x 50
TRIANGLE = {"id": "s2", "type": "polygon", "label": "person", "points": [[200, 100], [240, 100], [200, 160]]}
POINT = {"id": "s3", "type": "point", "label": "sign", "points": [[5.5, 6.25]]}
BOWTIE = {"id": "s4", "type": "polygon", "label": "person",  # self-crossing: two triangles of 400 each
          "points": [[20, 120], [60, 160], [60, 120], [20, 160]]}
EDGE = {"id": "s5", "type": "box", "label": "sign", "points": [[0, 0], [32, 24]]}

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:pycocotools")


def annotation(*shapes, tags=None, size=True):
    ann = {"format": "annotator-image/1", "shapes": list(shapes), "tags": tags or {}, "draft": None}
    if size:
        ann["image"] = {"width": W, "height": H, "orientation": 1}
    return ann


@pytest.fixture
def worked(tmp_path, data_dir, store, registry):
    """Items in every state, made through the worker's session (the store the editor saves to):

    img-0 submitted (box, polygon, point, tags), img-1 submitted with nothing on it, img-2 in
    progress, img-3 skipped, img-4 flagged, img-5 new, img-6 submitted (self-crossing polygon,
    an edge box, no image size saved: read from the file), img-7 submitted (JPEG, grey).
    """
    items = [{"id": f"img-{i}", "media": f"media/sub/img-{i}.png", "training": False} for i in range(7)]
    items.append({"id": "img-7", "media": "media/grey.jpg", "training": False})
    media = {it["media"]: image_bytes(W, H, seed=i) for i, it in enumerate(items[:7])}
    media["media/grey.jpg"] = image_bytes(W, H, fmt="JPEG", mode="L", seed=7)
    row = import_pack(image_pack(tmp_path / "pack", items=items, media=media), store, registry).pack
    session = WorkSession(store, row)
    plan = {0: (annotation(BOX, TRIANGLE, POINT, tags={"weather": "rain"}), "submit"),
            1: (annotation(), "submit"), 2: (annotation(EDGE), None), 3: (None, "skip"),
            4: (annotation(BOX), "flag"), 6: (annotation(BOWTIE, EDGE, size=False), "submit"),
            7: (annotation(BOX), "submit")}
    for index, (ann, action) in plan.items():
        session.go_to(index)
        if ann is not None:
            session.save(session.item, ann)
        if action == "submit":
            session.submit()
        elif action == "skip":
            session.skip("unreadable")
        elif action == "flag":
            session.flag("the car is a reflection")
    return row


def export(data_dir, fmt, out, *extra) -> str:
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["export", "test.images", "--format", fmt, "-o", str(out), "--data-dir", str(data_dir),
                     *extra]) == 0
    return buf.getvalue()


def test_format_list_names_every_exporter_and_its_options(worked, data_dir, capsys):
    assert main(["export", "test.images", "--format", "list", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    listed = {line.split()[0] for line in out.splitlines() if line.strip() and not line.startswith(" ")}
    assert {"coco", "yolo", "yolo-seg", "voc", "json"} <= listed
    assert "--val FRACTION" in out and "--link-media" in out and "--keep-format" in out


def test_an_option_of_another_format_or_a_bad_state_is_refused(worked, data_dir, tmp_path, capsys):
    args = ["export", "test.images", "-o", str(tmp_path / "x.json"), "--data-dir", str(data_dir)]
    assert main(args + ["--format", "coco", "--val", "0.3"]) == 2
    assert "--val does not apply to the coco format" in capsys.readouterr().err
    assert main(args + ["--format", "coco", "--states", "done"]) == 2
    assert "'done' is not an item state" in capsys.readouterr().err
    assert main(args + ["--format", "yolo", "--val", "lots"]) == 2
    assert not (tmp_path / "x.json").exists()


def test_coco_scores_one_against_itself_and_counts_what_it_holds(worked, data_dir, tmp_path):
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval

    out = tmp_path / "coco.json"
    said = export(data_dir, "coco", out)
    coco = COCO(str(out))
    images = coco.loadImgs(coco.getImgIds())
    # submitted only (the default), the empty submitted image listed, one entry per item
    assert [(i["item_id"], i["state"]) for i in images] == [
        ("img-0", "submitted"), ("img-1", "submitted"), ("img-6", "submitted"), ("img-7", "submitted")]
    assert [(i["width"], i["height"]) for i in images] == [(W, H)] * 4
    anns = coco.loadAnns(coco.getAnnIds())
    assert len(anns) == 5 and all(a["area"] > 0 and a["bbox"][2] > 0 for a in anns)  # no zero-area detection
    assert "wrote" in said and "4 images, 5 annotations, 1 point in coco.keypoints.json; states: submitted" in said
    by_shape = {(coco.imgs[a["image_id"]]["item_id"], a["shape_id"]): a for a in anns}
    box = by_shape[("img-0", "s1")]
    assert box["bbox"] == [10, 20, 100, 50] and box["area"] == 5000
    assert int(coco.annToMask(box).sum()) == 5000
    triangle = by_shape[("img-0", "s2")]
    assert triangle["area"] == 1200 and abs(int(coco.annToMask(triangle).sum()) - 1200) < 60
    bowtie = by_shape[("img-6", "s4")]  # the shoelace formula gives 0 for it
    assert bowtie["area"] == pytest.approx(800) and abs(int(coco.annToMask(bowtie).sum()) - 800) < 60
    for iou_type in ("bbox", "segm"):
        results = [{**a, "score": 1.0} for a in anns]
        ev = COCOeval(coco, coco.loadRes(results), iou_type)
        ev.evaluate()
        ev.accumulate()
        ev.summarize()
        assert ev.stats[0] == pytest.approx(1.0), iou_type
    doc = json.loads(out.read_text())
    assert doc["info"]["annotator"]["pack"]["id"] == "test.images" and doc["info"]["annotator"]["states"] == [
        "submitted"]
    assert images[0]["tags"] == {"weather": "rain"} and images[0]["instructions_hash"]


def test_coco_points_are_keypoints_in_their_own_file(worked, data_dir, tmp_path):
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval

    out = tmp_path / "coco.json"
    export(data_dir, "coco", out)
    kp = COCO(str(tmp_path / "coco.keypoints.json"))
    (cat,) = kp.loadCats(kp.getCatIds())
    assert cat["name"] == "sign" and cat["keypoints"] == ["point"] and cat["skeleton"] == []
    (point,) = kp.loadAnns(kp.getAnnIds())
    assert point["keypoints"] == [5.5, 6.25, 2] and point["num_keypoints"] == 1
    assert kp.imgs[point["image_id"]]["item_id"] == "img-0"
    assert json.loads(out.read_text())["info"]["keypoints_file"] == "coco.keypoints.json"
    ev = COCOeval(kp, kp.loadRes([{**point, "score": 1.0}]), "keypoints")
    ev.params.kpt_oks_sigmas = np.array([0.05])  # one keypoint: one sigma (the default has the 17 of a person)
    ev.evaluate()
    ev.accumulate()
    ev.summarize()
    assert ev.stats[0] == pytest.approx(1.0)


def test_coco_loads_in_supervision_with_the_same_boxes(worked, data_dir, tmp_path):
    import supervision as sv

    out = tmp_path / "coco.json"
    export(data_dir, "coco", out)
    pack_root = worked.folder
    ds = sv.DetectionDataset.from_coco(images_directory_path=str(pack_root), annotations_path=str(out))
    assert len(ds) == 4
    found = {os.path.basename(path): det for path, _, det in ds}
    assert found["img-0.png"].xyxy.tolist()[0] == [10, 20, 110, 70]
    assert len(found["img-1.png"]) == 0


def test_yolo_layout_trains_as_written(worked, data_dir, tmp_path):
    import supervision as sv
    import yaml

    out = tmp_path / "yolo"
    said = export(data_dir, "yolo", out, "--val", "0.5", "--seed", "3")
    data = yaml.safe_load((out / "data.yaml").read_text())
    assert data["path"] == str(out.resolve()) and data["train"] == "images/train" and data["val"] == "images/val"
    assert data["names"] == {0: "car", 1: "person", 2: "sign"} and data["nc"] == 3
    listed = {side: (out / f"{side}.txt").read_text().split() for side in ("train", "val")}
    on_disk = {side: sorted(p.name for p in (out / "images" / side).iterdir()) for side in ("train", "val")}
    assert sorted(os.path.basename(p) for p in listed["train"]) == on_disk["train"]
    assert sorted(os.path.basename(p) for p in listed["val"]) == on_disk["val"]
    # only the submitted items' images (not the in-progress, skipped, flagged or new ones)
    assert sorted(on_disk["train"] + on_disk["val"]) == ["grey.jpg", "sub__img-0.png", "sub__img-1.png",
                                                         "sub__img-6.png"]
    assert on_disk["val"], "a split with --val 0.5 has validation images"
    assert "4 images" in said and "states: submitted" in said
    side = "train" if "sub__img-0.png" in on_disk["train"] else "val"
    lines = (out / "labels" / side / "sub__img-0.txt").read_text().splitlines()
    assert len(lines) == 2  # the point is not part of YOLO
    assert [float(v) for v in lines[0].split()[1:]] == pytest.approx([60 / W, 45 / H, 100 / W, 50 / H], abs=1e-6)
    for split in ("train", "val"):
        ds = sv.DetectionDataset.from_yolo(images_directory_path=str(out / "images" / split),
                                           annotations_directory_path=str(out / "labels" / split),
                                           data_yaml_path=str(out / "data.yaml"))
        for path, _, det in ds:
            if path.endswith("sub__img-0.png"):
                assert det.xyxy[0].tolist() == pytest.approx([10, 20, 110, 70], abs=0.01)
                assert [ds.classes[c] for c in det.class_id] == ["car", "person"]
            if path.endswith("sub__img-1.png"):
                assert len(det) == 0  # submitted with nothing on it: a background image
    # the same seed gives the same split, another seed may not; the split is by item
    again = tmp_path / "again"
    export(data_dir, "yolo", again, "--val", "0.5", "--seed", "3")
    assert (again / "val.txt").read_text() == (out / "val.txt").read_text()
    meta = json.loads((out / "annotator.json").read_text())
    assert {e["item_id"]: e["state"] for e in meta["images"]} == {
        "img-0": "submitted", "img-1": "submitted", "img-6": "submitted", "img-7": "submitted"}


def test_yolo_states_link_media_and_a_second_export_in_place(worked, data_dir, tmp_path):
    out = tmp_path / "yolo"
    said = export(data_dir, "yolo-seg", out, "--states", "submitted,flagged,in_progress", "--link-media")
    names = sorted(p.name for side in ("train", "val") for p in (out / "images" / side).iterdir())
    assert names == ["grey.jpg", "sub__img-0.png", "sub__img-1.png", "sub__img-2.png", "sub__img-4.png",
                     "sub__img-6.png"]
    image = next((out / "images").rglob("sub__img-0.png"))
    assert image.stat().st_ino == (worked.folder / "media" / "sub" / "img-0.png").stat().st_ino  # hard link
    assert "6 images" in said and "states: in_progress, submitted, flagged" in said
    seg = next((out / "labels").rglob("sub__img-0.txt")).read_text().splitlines()
    assert seg[1].split()[0] == "1" and len(seg[1].split()) == 7  # the triangle as a polygon
    export(data_dir, "yolo", out)  # again into the same folder, submitted only: no image stays behind
    assert sorted(p.name for p in (out / "images").rglob("*.*")) == ["grey.jpg", "sub__img-0.png",
                                                                    "sub__img-1.png", "sub__img-6.png"]
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    assert main(["export", "test.images", "-f", "yolo", "-o", str(tmp_path / "mine"), "--data-dir",
                 str(data_dir)]) == 2
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"


def test_voc_layout_is_one_based_with_the_real_depth(worked, data_dir, tmp_path):
    import supervision as sv

    out = tmp_path / "voc"
    export(data_dir, "voc", out, "--val", "0.25")
    train = (out / "ImageSets" / "Main" / "train.txt").read_text().split()
    val = (out / "ImageSets" / "Main" / "val.txt").read_text().split()
    assert sorted(train + val) == ["grey", "sub__img-0", "sub__img-1", "sub__img-6"] and val
    assert sorted((out / "ImageSets" / "Main" / "trainval.txt").read_text().split()) == sorted(train + val)
    assert sorted(p.name for p in (out / "JPEGImages").iterdir()) == [f"{s}.jpg" for s in sorted(train + val)]
    root = ET.parse(out / "Annotations" / "sub__img-0.xml").getroot()
    assert root.findtext("filename") == "sub__img-0.jpg" and root.findtext("size/depth") == "3"
    assert root.find("annotator").get("state") == "submitted"
    bb = root.find("object/bndbox")
    assert [bb.findtext(k) for k in ("xmin", "ymin", "xmax", "ymax")] == ["11", "21", "110", "70"]
    edge = ET.parse(out / "Annotations" / "sub__img-6.xml").getroot().findall("object")[1].find("bndbox")
    assert [edge.findtext(k) for k in ("xmin", "ymin")] == ["1", "1"]  # never 0 or -1
    assert ET.parse(out / "Annotations" / "grey.xml").getroot().findtext("size/depth") == "1"
    assert (out / "JPEGImages" / "grey.jpg").read_bytes() == (worked.folder / "media" / "grey.jpg").read_bytes()
    ds = sv.DetectionDataset.from_pascal_voc(images_directory_path=str(out / "JPEGImages"),
                                             annotations_directory_path=str(out / "Annotations"))
    found = {os.path.basename(path): det for path, _, det in ds}
    assert found["sub__img-0.jpg"].xyxy[0].tolist() == [10, 20, 110, 70]  # back to the shape's own edges
    assert found["sub__img-6.jpg"].xyxy[1].tolist() == [0, 0, 32, 24]


def test_every_state_chosen_and_the_own_json(worked, data_dir, tmp_path):
    out = tmp_path / "all.json"
    said = export(data_dir, "json", out, "--states", "all")
    doc = json.loads(out.read_text())
    assert [(i["id"], i["state"]) for i in doc["items"]] == [
        ("img-0", "submitted"), ("img-1", "submitted"), ("img-2", "in_progress"), ("img-3", "skipped"),
        ("img-4", "flagged"), ("img-5", "new"), ("img-6", "submitted"), ("img-7", "submitted")]
    assert "8 items" in said
    new = tmp_path / "new.json"
    said = export(data_dir, "coco", new, "--states", "new")
    assert [(i["item_id"], i["state"]) for i in json.loads(new.read_text())["images"]] == [("img-5", "new")]
    assert "1 image, 0 annotations; states: new" in said
