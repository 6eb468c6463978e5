"""``pack new image``: prelabels from COCO, a YOLO labels folder or Label Studio; Label Studio exports. Qt-free.

A prelabel is a machine's annotation of an item, stored on the item (``items.jsonl``) in the
plugin's own annotation format with where it came from (``docs/image.md``)::

    "prelabel": {"format": "annotator-image/1",
                 "source": {"format": "coco", "file": "instances.json", "model": null},
                 "shapes": [{"id": "p1", "type": "box", "label": "car", "points": [[x0, y0], [x1, y1]],
                             "score": 0.93}],
                 "tags": {}}

Coordinates are pixels of the image as shown, like any annotation. Sources:

* COCO JSON (``--prelabels instances.json``): ``images[].file_name`` matched to the source
  images by path under the source folder, else by file name; ``bbox`` as a box, polygon
  ``segmentation`` as polygons, visible ``keypoints`` as points; ``score`` kept;
* a YOLO labels folder (``--prelabels labels/``): ``STEM.txt`` per image (boxes, or polygons
  with six or more coordinates), class names from ``classes.txt`` or ``data.yaml`` beside or
  above the labels;
* Label Studio JSON (a tasks export): the predictions (else the last annotation) of each task,
  ``rectanglelabels``, ``polygonlabels``, ``keypointlabels`` (percent of the image) and
  ``choices`` (tags), matched to the images by file name.

``pack new image --from label-studio EXPORT.json`` makes the whole pack from a Label Studio
export: the images are the local files its tasks name (never fetched), the labels those of the
results, each task's predictions its prelabel. Every problem is ``FILE:LINE: message``.
"""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import Any

from annotator.plugin_api.sources import (SourceProblems, json_document, json_elements, label_studio_tasks,
                                          read_text)
from annotator_image.imageio import image_size

FORMAT = "annotator-image/1"


class Images:
    """The source images by pack-relative path, found by path or by unique file name or stem."""

    def __init__(self, files: dict[str, Path]):
        self.files = files
        self.by_name: dict[str, list[str]] = {}
        self.by_stem: dict[str, list[str]] = {}
        for rel in files:
            name = PurePosixPath(rel).name
            self.by_name.setdefault(name.lower(), []).append(rel)
            self.by_stem.setdefault(PurePosixPath(name).stem.lower(), []).append(rel)
        self.sizes: dict[str, tuple[int, int] | None] = {}

    def find(self, name: str, by_stem: bool = False) -> str | None:
        """The pack path an outside reference names: ``media/`` + its path, else a unique name."""
        clean = PurePosixPath(str(name).replace("\\", "/").lstrip("/"))
        for candidate in (f"media/{clean}", str(clean)):
            if candidate in self.files:
                return candidate
        table = self.by_stem if by_stem else self.by_name
        found = table.get((clean.stem if by_stem else clean.name).lower(), [])
        return found[0] if len(found) == 1 else None

    def size(self, rel: str) -> tuple[int, int] | None:
        if rel not in self.sizes:
            self.sizes[rel] = image_size(self.files[rel])
        return self.sizes[rel]


class Labels:
    """The pack's labels: given (``--labels``, then checked) or collected from the prelabels in order."""

    def __init__(self, given: list[str]):
        self.fixed = bool(given)
        self.names = list(given)

    def take(self, name: Any, problems: SourceProblems, file, line, where: str) -> str | None:
        if not isinstance(name, str) or not name.strip():
            problems.add(file, line, f"{where}: the label must be a non-empty text")
            return None
        if name not in self.names:
            if self.fixed:
                problems.add(file, line, f"{where}: the label {name!r} is not one of --labels "
                                         f"({', '.join(self.names)})")
                return None
            self.names.append(name)
        return name


def _prelabel(fmt: str, file: str, shapes: list[dict], tags: dict | None = None, model: Any = None) -> dict:
    for n, shape in enumerate(shapes, 1):
        shape["id"] = f"p{n}"
    source = {"format": fmt, "file": file}
    if isinstance(model, str) and model:
        source["model"] = model
    return {"format": FORMAT, "source": source, "shapes": shapes, "tags": tags or {}}


def _num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v == v and abs(v) != float("inf")


def _inside(points: list, size: tuple[int, int] | None, slack: float = 0.5) -> bool:
    if size is None:
        return True
    w, h = size
    return all(-slack <= x <= w + slack and -slack <= y <= h + slack for x, y in points)


def _clamped(points: list, size: tuple[int, int] | None) -> list[list[float]]:
    if size is None:
        return [[round(x, 2), round(y, 2)] for x, y in points]
    w, h = size
    return [[round(min(max(x, 0.0), w), 2), round(min(max(y, 0.0), h), 2)] for x, y in points]


# ---------------------------------------------------------------------- COCO


def from_coco(path: Path, images: Images, labels: Labels, problems: SourceProblems) -> dict[str, dict]:
    text = read_text(path, problems)
    doc = json_document(path, text, problems) if text is not None else None
    if doc is None:
        return {}
    if not isinstance(doc, dict) or not isinstance(doc.get("images"), list) or not isinstance(
            doc.get("annotations"), list):
        problems.add(path, 1, "a COCO file is an object with 'images' and 'annotations' lists")
        return {}
    lines = {key: dict(enumerate((ln for ln, _ in json_elements(path, text, SourceProblems(), key)), 0))
             for key in ("images", "annotations", "categories")}
    cats = {}
    for i, cat in enumerate(doc.get("categories") or []):
        if isinstance(cat, dict) and isinstance(cat.get("id"), int):
            cats[cat["id"]] = cat.get("name")
        else:
            problems.add(path, lines["categories"].get(i), f"categories[{i}] needs an id and a name")
    image_of: dict[int, str] = {}
    for i, entry in enumerate(doc["images"]):
        line = lines["images"].get(i)
        name = entry.get("file_name") if isinstance(entry, dict) else None
        rel = images.find(name) if isinstance(name, str) else None
        if rel is None:
            problems.add(path, line, f"images[{i}]: {str(name)[:80]!r} is none of the source images")
            continue
        image_of[entry.get("id")] = rel
    made: dict[str, list[dict]] = {}
    for i, ann in enumerate(doc["annotations"]):
        line, where = lines["annotations"].get(i), f"annotations[{i}]"
        if not isinstance(ann, dict) or ann.get("image_id") not in image_of:
            problems.add(path, line, f"{where}: image_id names no image of the file")
            continue
        rel = image_of[ann["image_id"]]
        label = labels.take(cats.get(ann.get("category_id")), problems, path, line, where)
        if label is None:
            continue
        size = images.size(rel)
        shapes = _coco_shapes(ann, label, size)
        if isinstance(shapes, str):
            problems.add(path, line, f"{where}: {shapes}")
            continue
        if _num(ann.get("score")):
            for shape in shapes:
                shape["score"] = round(float(ann["score"]), 4)
        made.setdefault(rel, []).extend(shapes)
    return {rel: _prelabel("coco", path.name, shapes) for rel, shapes in made.items()}


def _coco_shapes(ann: dict, label: str, size) -> list[dict] | str:
    seg = ann.get("segmentation")
    if isinstance(seg, dict):
        return "RLE masks cannot be edited as shapes: give polygons (or boxes)"
    shapes = []
    if isinstance(seg, list) and seg and _is_box(seg, ann.get("bbox")):
        seg = None  # a box written with its four corners as segmentation (annotator's own COCO, CVAT)
    if isinstance(seg, list) and seg:
        for poly in seg:
            if not isinstance(poly, list) or len(poly) < 6 or len(poly) % 2 or not all(map(_num, poly)):
                return "segmentation must be lists of x, y numbers (3 points or more)"
            points = [(float(poly[k]), float(poly[k + 1])) for k in range(0, len(poly), 2)]
            if not _inside(points, size):
                return "the polygon lies outside the image"
            shapes.append({"type": "polygon", "label": label, "points": _clamped(points, size)})
    elif isinstance(ann.get("keypoints"), list) and ann["keypoints"]:
        kp = ann["keypoints"]
        if len(kp) % 3 or not all(map(_num, kp)):
            return "keypoints must be x, y, visibility triples"
        for k in range(0, len(kp), 3):
            if kp[k + 2] > 0:
                if not _inside([(kp[k], kp[k + 1])], size):
                    return "a keypoint lies outside the image"
                shapes.append({"type": "point", "label": label, "points": _clamped([(kp[k], kp[k + 1])], size)})
    else:
        box = ann.get("bbox")
        if not isinstance(box, list) or len(box) != 4 or not all(map(_num, box)) or box[2] <= 0 or box[3] <= 0:
            return "bbox must be [x, y, width, height] with a width and height above 0"
        x, y, w, h = map(float, box)
        corners = [(x, y), (x + w, y + h)]
        if not _inside(corners, size):
            return "the box lies outside the image"
        shapes.append({"type": "box", "label": label, "points": _clamped(corners, size)})
    return shapes


def _is_box(seg: list, box: Any) -> bool:
    """Whether a segmentation is one axis-aligned rectangle equal to the annotation's bbox."""
    if len(seg) != 1 or not isinstance(seg[0], list) or len(seg[0]) != 8 or not all(map(_num, seg[0])):
        return False
    if not isinstance(box, list) or len(box) != 4 or not all(map(_num, box)):
        return False
    xs, ys = sorted(set(seg[0][0::2])), sorted(set(seg[0][1::2]))
    x, y, w, h = box
    return (len(xs) == 2 and len(ys) == 2 and abs(xs[0] - x) < 0.01 and abs(ys[0] - y) < 0.01
            and abs(xs[1] - x - w) < 0.01 and abs(ys[1] - y - h) < 0.01)


# ---------------------------------------------------------------------- YOLO


def _yolo_names(folder: Path, problems: SourceProblems) -> list[str] | None:
    for where in (folder, folder.parent, folder.parent.parent):
        classes = where / "classes.txt"
        if classes.is_file():
            text = read_text(classes, problems)
            return [line.strip() for line in (text or "").splitlines() if line.strip()]
        data = where / "data.yaml"
        if data.is_file():
            text = read_text(data, problems) or ""
            names = _yaml_names(text)
            if names is None:
                problems.add(data, None, "no 'names' list or mapping that could be read")
            return names
    problems.add(folder, None, "no classes.txt or data.yaml beside or above the labels folder names the classes")
    return None


def _yaml_names(text: str) -> list[str] | None:
    import yaml

    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    names = doc.get("names") if isinstance(doc, dict) else None
    if isinstance(names, list):
        return [str(n) for n in names]
    if isinstance(names, dict):
        return [str(names[k]) for k in sorted(names)]
    return None


def from_yolo(folder: Path, images: Images, labels: Labels, problems: SourceProblems) -> dict[str, dict]:
    names = _yolo_names(folder, problems)
    if names is None:
        return {}
    made = {}
    for path in sorted(folder.rglob("*.txt")):
        if path.name == "classes.txt":
            continue
        rel = images.find(path.relative_to(folder).with_suffix("").as_posix(), by_stem=True)
        if rel is None:
            problems.add(path, None, "names none of the source images (by its file name without .txt)")
            continue
        size = images.size(rel)
        if size is None:
            problems.add(path, None, f"the image {rel} cannot be read for its size")
            continue
        w, h = size
        text = read_text(path, problems)
        shapes = []
        for n, line in enumerate((text or "").splitlines(), 1):
            parts = line.split()
            if not parts:
                continue
            try:
                cls, values = int(parts[0]), [float(v) for v in parts[1:]]
            except ValueError:
                problems.add(path, n, "a line is a class number and numbers")
                continue
            if not 0 <= cls < len(names):
                problems.add(path, n, f"class {cls} is not one of the {len(names)} classes")
                continue
            if not all(-0.001 <= v <= 1.001 for v in values) or not all(map(_num, values)):
                problems.add(path, n, "coordinates must be normalised to 0..1")
                continue
            label = labels.take(names[cls], problems, path, n, f"class {cls}")
            if label is None:
                continue
            if len(values) == 4:
                cx, cy, bw, bh = values
                corners = [((cx - bw / 2) * w, (cy - bh / 2) * h), ((cx + bw / 2) * w, (cy + bh / 2) * h)]
                shapes.append({"type": "box", "label": label, "points": _clamped(corners, size)})
            elif len(values) >= 6 and len(values) % 2 == 0:
                points = [(values[k] * w, values[k + 1] * h) for k in range(0, len(values), 2)]
                shapes.append({"type": "polygon", "label": label, "points": _clamped(points, size)})
            else:
                problems.add(path, n, "a box has 4 numbers, a polygon 6 or more (pairs)")
        if shapes:
            made[rel] = _prelabel("yolo", f"{folder.name}/{path.relative_to(folder).as_posix()}", shapes)
    return made


# ---------------------------------------------------------------------- Label Studio


def label_studio_result(results: Any, rel: str, size, labels: Labels, problems: SourceProblems,
                        file, line) -> tuple[list[dict], dict]:
    shapes, tags = [], {}
    for k, entry in enumerate(results if isinstance(results, list) else []):
        value = entry.get("value") if isinstance(entry, dict) else None
        if not isinstance(value, dict):
            continue
        kind, where = entry.get("type"), f"result[{k}]"
        w = entry.get("original_width") if _num(entry.get("original_width")) else (size[0] if size else None)
        h = entry.get("original_height") if _num(entry.get("original_height")) else (size[1] if size else None)
        if kind == "choices":
            choices = value.get("choices") or []
            tags[str(entry.get("from_name", "choice"))] = choices[0] if len(choices) == 1 else list(choices)
            continue
        if kind not in ("rectanglelabels", "polygonlabels", "keypointlabels"):
            continue
        names = value.get(kind) or []
        label = labels.take(names[0] if names else None, problems, file, line, where)
        if label is None or w is None or h is None:
            continue
        sx, sy = size[0] / 100 if size else w / 100, size[1] / 100 if size else h / 100
        try:
            if kind == "rectanglelabels":
                if value.get("rotation"):
                    problems.add(file, line, f"{where}: a rotated box cannot be drawn as a box")
                    continue
                x, y = float(value["x"]) * sx, float(value["y"]) * sy
                corners = [(x, y), (x + float(value["width"]) * sx, y + float(value["height"]) * sy)]
                shape = {"type": "box", "label": label, "points": _clamped(corners, size)}
            elif kind == "polygonlabels":
                points = [(float(px) * sx, float(py) * sy) for px, py in value["points"]]
                if len(points) < 3:
                    raise ValueError
                shape = {"type": "polygon", "label": label, "points": _clamped(points, size)}
            else:
                shape = {"type": "point", "label": label,
                         "points": _clamped([(float(value["x"]) * sx, float(value["y"]) * sy)], size)}
        except (KeyError, TypeError, ValueError):
            problems.add(file, line, f"{where}: a {kind} value needs x, y (and width, height or 3+ points)")
            continue
        if _num(entry.get("score")):
            shape["score"] = round(float(entry["score"]), 4)
        shapes.append(shape)
    return shapes, tags


def _task_results(task: dict) -> tuple[Any, str, Any]:
    for prediction in task.get("predictions") or []:
        if isinstance(prediction, dict) and prediction.get("result"):
            return prediction["result"], "label-studio prediction", prediction.get("model_version")
    for annotation in reversed(task.get("annotations") or []):
        if isinstance(annotation, dict) and annotation.get("result"):
            return annotation["result"], "label-studio annotation", None
    return None, "", None


def from_label_studio(path: Path, images: Images, labels: Labels, problems: SourceProblems) -> dict[str, dict]:
    made = {}
    for n, task, data in label_studio_tasks(path, problems):
        ref = data.get("image", data.get("img"))
        name = re.sub(r"^[0-9a-f]{8}-", "", PurePosixPath(str(ref).split("?d=")[-1]).name)
        rel = images.find(PurePosixPath(str(ref).split("?d=")[-1]).name) or images.find(name)
        if rel is None:
            problems.add(path, n, f"the image {str(ref)[:80]!r} is none of the source images")
            continue
        results, fmt, model = _task_results(task)
        shapes, tags = label_studio_result(results, rel, images.size(rel), labels, problems, path, n)
        if shapes or tags:
            made[rel] = _prelabel(fmt.replace(" ", "-"), path.name, shapes, tags, model)
    return made


def read_prelabels(source: Path, images: Images, labels: Labels, problems: SourceProblems) -> dict[str, dict]:
    """Prelabels by pack path from a COCO file, a YOLO labels folder or a Label Studio export."""
    if source.is_dir():
        return from_yolo(source, images, labels, problems)
    if not source.is_file():
        problems.add(source, None, "--prelabels: no such file or folder")
        return {}
    with open(source, "rb") as fh:
        head = fh.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"["):
        return from_label_studio(source, images, labels, problems)
    return from_coco(source, images, labels, problems)


def prelabel_problems(prelabel: Any) -> list[str]:
    """What is wrong with an item's ``prelabel`` field (pack validation)."""
    from annotator_image.model import shape_problem

    if not isinstance(prelabel, dict):
        return ["prelabel must be an object with format, source, shapes and tags"]
    problems = []
    if prelabel.get("format") != FORMAT:
        problems.append(f"prelabel.format must be {FORMAT!r}")
    if not isinstance(prelabel.get("source"), dict):
        problems.append("prelabel.source must be an object naming where it came from")
    shapes = prelabel.get("shapes", [])
    if not isinstance(shapes, list) or len(shapes) > 10_000:
        return problems + ["prelabel.shapes must be a list of at most 10000 shapes"]
    for i, shape in enumerate(shapes):
        problem = shape_problem(shape)
        if problem:
            problems.append(f"prelabel.shapes[{i}]: {problem}")
    if not isinstance(prelabel.get("tags", {}), dict):
        problems.append("prelabel.tags must be an object")
    return problems


__all__ = ["Images", "Labels", "read_prelabels", "from_label_studio", "prelabel_problems"]
