"""`pack new image` with prelabels (COCO, a YOLO labels folder, Label Studio) and from a Label Studio export.

Round trips: what the exports write comes back as the same shapes; the exports keep both the
prelabel and the worker's final annotation (COCOeval scores the machine against the workers);
hostile variants are refused with every problem as FILE:LINE, exit 2, nothing written.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.library import import_pack
from annotator.core.session import WorkSession
from tests.plugins.image.conftest import image_bytes

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:pycocotools")
W, H = 320, 240
SHAPES = [{"id": "s1", "type": "box", "label": "car", "points": [[10, 20], [110, 70]]},
          {"id": "s2", "type": "polygon", "label": "person", "points": [[200, 100], [240, 100], [200, 160]]}]


def folder_of_images(root: Path, n: int = 3) -> Path:
    for i in range(n):
        path = root / "sub" / f"img-{i}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(image_bytes(W, H, seed=i))
    return root


def new(tmp_path: Path, source: Path, *extra: str, name: str = "made") -> tuple[int, Path]:
    out = tmp_path / name
    return main(["pack", "new", "image", str(source), "-o", str(out), *extra]), out


def items_of(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "items.jsonl").read_text(encoding="utf-8").splitlines()]


def shapes_of(prelabel: dict) -> list[tuple]:
    return [(s["type"], s["label"], s["points"]) for s in prelabel["shapes"]]


@pytest.fixture
def exported(tmp_path, data_dir, store, registry):
    """A pack whose first two items a worker annotated and submitted, exported as COCO and YOLO."""
    images = folder_of_images(tmp_path / "images")
    code, pack = new(tmp_path, images, "--labels", "car,person", name="pack")
    assert code == 0
    row = import_pack(pack, store, registry).pack
    session = WorkSession(store, row)
    for index in (0, 1):
        session.go_to(index)
        session.save(session.item, {"format": "annotator-image/1", "image": {"width": W, "height": H}, "shapes": SHAPES[index:],
                      "tags": {}})
        session.submit()
    for fmt, out in (("coco", tmp_path / "coco.json"), ("yolo-seg", tmp_path / "yolo")):
        assert main(["export", row.pack_id, "-f", fmt, "-o", str(out), "--data-dir", str(data_dir)]) == 0
    return images


def test_coco_export_comes_back_as_prelabels(tmp_path, exported, capsys):
    code, out = new(tmp_path, exported, "--prelabels", str(tmp_path / "coco.json"), name="again")
    assert code == 0, capsys.readouterr().err
    items = items_of(out)
    assert shapes_of(items[0]["prelabel"]) == [(s["type"], s["label"], s["points"]) for s in SHAPES]
    assert shapes_of(items[1]["prelabel"]) == [(s["type"], s["label"], s["points"]) for s in SHAPES[1:]]
    assert "prelabel" not in items[2]  # nothing was drawn on it
    assert items[0]["prelabel"]["source"] == {"format": "coco", "file": "coco.json"}
    assert "car" in (out / "pack.toml").read_text()  # the labels are the prelabels' categories
    assert main(["pack", "validate", str(out)]) == 0


def test_yolo_folder_comes_back_as_prelabels(tmp_path, exported, capsys):
    images = tmp_path / "yolo" / "images"
    code, out = new(tmp_path, images, "--prelabels", str(tmp_path / "yolo" / "labels"), name="again")
    assert code == 0, capsys.readouterr().err
    by_media = {Path(i["media"]).name: i for i in items_of(out)}
    first = by_media["sub__img-0.png"]["prelabel"]
    assert first["source"]["format"] == "yolo"
    (box_type, box_label, box), (poly_type, _, poly) = shapes_of(first)
    assert (box_type, box_label, poly_type) == ("polygon", "car", "polygon")  # yolo-seg writes boxes as 4 corners
    assert sum(box, []) == pytest.approx([10, 20, 110, 20, 110, 70, 10, 70], abs=0.01)
    assert sum(poly, []) == pytest.approx(sum(SHAPES[1]["points"], []), abs=0.01)


def test_label_studio_predictions_as_prelabels_and_as_a_whole_pack(tmp_path, capsys):
    images = folder_of_images(tmp_path / "images", 2)
    tasks = [{"id": 1, "data": {"image": "/data/upload/1/0a1b2c3d-img-0.png"},
              "predictions": [{"model_version": "yolo-v8", "score": 0.8, "result": [
                  {"type": "rectanglelabels", "original_width": W, "original_height": H, "score": 0.93,
                   "value": {"x": 10, "y": 25, "width": 50, "height": 50, "rotation": 0, "rectanglelabels": ["car"]}},
                  {"type": "polygonlabels", "original_width": W, "original_height": H,
                   "value": {"points": [[50, 50], [75, 50], [50, 75]], "polygonlabels": ["person"]}},
                  {"type": "keypointlabels", "original_width": W, "original_height": H,
                   "value": {"x": 50, "y": 50, "width": 1, "keypointlabels": ["sign"]}},
                  {"type": "choices", "from_name": "weather", "value": {"choices": ["rain"]}}]}]},
             {"id": 2, "data": {"image": "/data/local-files/?d=sub/img-1.png"}, "predictions": [],
              "annotations": [{"result": [{"type": "rectanglelabels", "value": {
                  "x": 0, "y": 0, "width": 10, "height": 10, "rectanglelabels": ["car"]}}]}]}]
    export = tmp_path / "images" / "export.json"
    export.write_text(json.dumps(tasks, indent=1), encoding="utf-8")
    code, out = new(tmp_path, images, "--prelabels", str(export), name="pre")
    assert code == 0, capsys.readouterr().err
    first, second = items_of(out)
    assert shapes_of(first["prelabel"]) == [("box", "car", [[32.0, 60.0], [192.0, 180.0]]),
                                            ("polygon", "person", [[160.0, 120.0], [240.0, 120.0], [160.0, 180.0]]),
                                            ("point", "sign", [[160.0, 120.0]])]
    assert first["prelabel"]["shapes"][0]["score"] == 0.93 and first["prelabel"]["tags"] == {"weather": "rain"}
    assert first["prelabel"]["source"] == {"format": "label-studio-prediction", "file": "export.json",
                                           "model": "yolo-v8"}
    assert second["prelabel"]["source"]["format"] == "label-studio-annotation"
    code, whole = new(tmp_path, export, "--from", "label-studio", name="whole")
    assert code == 0, capsys.readouterr().err
    items = items_of(whole)
    assert [i["media"] for i in items] == ["media/img-0.png", "media/img-1.png"]
    assert shapes_of(items[0]["prelabel"]) == shapes_of(first["prelabel"])
    assert main(["pack", "validate", str(whole)]) == 0


def test_exports_keep_the_prelabel_and_the_final_and_score_the_machine(tmp_path, exported, data_dir, store,
                                                                       registry):
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval

    code, out = new(tmp_path, exported, "--prelabels", str(tmp_path / "coco.json"), "--id", "test.pre",
                    name="again")
    row = import_pack(out, store, registry).pack
    session = WorkSession(store, row)
    session.go_to(0)  # the worker keeps the box and moves the triangle by 20 pixels
    moved = {**SHAPES[1], "points": [[x + 20, y] for x, y in SHAPES[1]["points"]]}
    session.save(session.item, {"format": "annotator-image/1", "image": {"width": W, "height": H}, "shapes": [SHAPES[0], moved],
                  "tags": {}})
    session.submit()
    coco_out = tmp_path / "final.json"
    assert main(["export", "test.pre", "-f", "coco", "-o", str(coco_out), "--data-dir", str(data_dir)]) == 0
    final = COCO(str(coco_out))
    machine = final.loadRes(str(tmp_path / "final.prelabels.json"))
    assert len(machine.getAnnIds()) == 2 and json.loads(coco_out.read_text())["info"]["prelabels_file"]
    ev = COCOeval(final, machine, "bbox")
    ev.evaluate()
    ev.accumulate()
    ev.summarize()
    assert 0.4 < ev.stats[0] < 1.0  # the box kept, the triangle moved: the machine was half right
    own = json.loads((tmp_path / "own.json").read_text()) if False else None
    assert main(["export", "test.pre", "-f", "json", "-o", str(tmp_path / "own.json"), "--data-dir",
                 str(data_dir)]) == 0
    own = json.loads((tmp_path / "own.json").read_text())
    entry = own["items"][0]
    assert entry["item"]["prelabel"]["shapes"][1]["points"] == SHAPES[1]["points"]
    assert entry["annotation"]["shapes"][1]["points"] == moved["points"]


def test_hostile_prelabels_are_refused_with_every_problem(tmp_path, capsys):
    images = folder_of_images(tmp_path / "images", 2)
    coco = {"images": [{"id": 1, "file_name": "img-0.png"}, {"id": 2, "file_name": "../../etc/passwd"}],
            "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [10, 10, -5, 5]},
                            {"id": 2, "image_id": 1, "category_id": 1, "segmentation": {"counts": "x", "size": [1, 1]}},
                            {"id": 3, "image_id": 1, "category_id": 2, "bbox": [1, 1, 2, 2]},
                            {"id": 4, "image_id": 9, "category_id": 1, "bbox": [1, 1, 2, 2]},
                            {"id": 5, "image_id": 1, "category_id": 1, "bbox": [1000, 1, 2, 2]}],
            "categories": [{"id": 1, "name": "car"}, {"id": 2, "name": "tank"}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(coco, indent=1), encoding="utf-8")
    code, out = new(tmp_path, images, "--labels", "car", "--prelabels", str(path))
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and not out.exists()
    lines = {line.split(": ", 1)[1] for line in err.splitlines()}
    assert "images[1]: '../../etc/passwd' is none of the source images" in lines
    assert "annotations[0]: bbox must be [x, y, width, height] with a width and height above 0" in lines
    assert "annotations[1]: RLE masks cannot be edited as shapes: give polygons (or boxes)" in lines
    assert "annotations[2]: the label 'tank' is not one of --labels (car)" in lines
    assert "annotations[3]: image_id names no image of the file" in lines
    assert "annotations[4]: the box lies outside the image" in lines
    assert all(line.startswith("bad.json:") and line.split(":")[1].isdigit() for line in err.splitlines())
    labels = tmp_path / "labels"
    labels.mkdir()
    (labels / "classes.txt").write_text("car\n")
    (labels / "img-0.txt").write_text("0 0.5 0.5 0.2 0.2\n7 0.5 0.5 0.1 0.1\n0 1.5 0.5 0.1 0.1\n0 0.5\nx y z\n")
    (labels / "ghost.txt").write_text("0 0.5 0.5 0.1 0.1\n")
    code, out = new(tmp_path, images, "--prelabels", str(labels), name="y")
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    for expected in ("img-0.txt:2: class 7 is not one of the 1 classes", "img-0.txt:3: coordinates must be normalised",
                     "img-0.txt:4: a box has 4 numbers, a polygon 6 or more", "img-0.txt:5: a line is a class number",
                     "ghost.txt: names none of the source images"):
        assert expected in err, expected
    ls = tmp_path / "ls.json"
    ls.write_text('[{"data": {"image": "http://example.org/x.png"}},\n'
                  ' {"data": {"image": "/abs/elsewhere/secret.png"}}]', encoding="utf-8")
    code, out = new(tmp_path, ls, "--from", "label-studio", name="l")
    err = capsys.readouterr().err
    assert code == 2 and "ls.json:1: the image 'http://example.org/x.png' is not a file beside the export" in err
    assert "ls.json:2:" in err and not out.exists()
    shutil.rmtree(images)
