"""The image plugin's data, without Qt: task settings and the annotation JSON.

The annotation an editor saves (the contract the lab side reads; ``docs/image.md``)::

    {
      "format": "annotator-image/1",
      "image": {"width": 4000, "height": 3000, "orientation": 1},
      "shapes": [
        {"id": "s1", "type": "box", "label": "car", "points": [[x0, y0], [x1, y1]]},
        {"id": "s2", "type": "polygon", "label": "person", "points": [[x, y], ...]},
        {"id": "s3", "type": "point", "label": "sign", "points": [[x, y]]}
      ],
      "tags": {"weather": "rain", "contents": ["crowd", "traffic"]},
      "draft": null
    }

Coordinates are floats in pixels of the original image as shown (after EXIF
orientation), origin at the top-left corner of the top-left pixel. A box's two
points are its top-left and bottom-right corners. ``draft`` is a shape being
drawn (a polygon whose last vertex is not placed yet), kept so that a killed app
loses nothing; exporters ignore it.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Mapping, Sequence

from annotator.plugin_api import msg

FORMAT = "annotator-image/1"
SHAPE_TYPES = ("box", "polygon", "point")
TOOLS = SHAPE_TYPES
COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
PALETTE = ("#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#bfef45", "#9a6324")
#: number of points each shape type needs at least
MIN_POINTS = {"box": 2, "polygon": 3, "point": 1}
MAX_SHAPES = 100_000
MAX_POINTS = 100_000


@dataclass(frozen=True)
class Label:
    name: str
    color: str
    hotkey: str | None = None


@dataclass(frozen=True)
class TagGroup:
    """Image-level tags: one choice (``multiple = false``) or several."""

    name: str
    choices: tuple[str, ...]
    multiple: bool = False


@dataclass(frozen=True)
class TaskConfig:
    labels: tuple[Label, ...]
    tools: tuple[str, ...]
    tags: tuple[TagGroup, ...] = ()
    min_iou: float = 0.5
    """Training items pass when every expected shape is matched at least this well."""
    point_radius: float = 10.0
    """Two points agree fully at distance 0 and not at all from this many pixels on."""

    def label(self, name: str) -> Label | None:
        for label in self.labels:
            if label.name == name:
                return label
        return None

    def color(self, name: str) -> str:
        label = self.label(name)
        if label is not None:
            return label.color
        return PALETTE[sum(name.encode()) % len(PALETTE)]


def task_config(task: Mapping[str, Any]) -> TaskConfig:
    """The task settings, with defaults; assumes :func:`validate_task` found no problem."""
    labels = []
    for i, raw in enumerate(task.get("labels") or []):
        if isinstance(raw, Mapping) and isinstance(raw.get("name"), str):
            labels.append(Label(raw["name"], raw.get("color") or PALETTE[i % len(PALETTE)], raw.get("hotkey")))
    tools = tuple(t for t in (task.get("tools") or TOOLS) if t in TOOLS) or TOOLS
    tags = []
    for raw in task.get("tags") or []:
        if isinstance(raw, Mapping) and isinstance(raw.get("name"), str):
            tags.append(TagGroup(raw["name"], tuple(str(c) for c in raw.get("choices") or ()),
                                 bool(raw.get("multiple", False))))
    return TaskConfig(tuple(labels), tools, tuple(tags), float(task.get("min_iou", 0.5)),
                      float(task.get("point_radius", 10.0)))


def validate_task(task: Mapping[str, Any]) -> list[str]:
    problems: list[str] = []
    tools = task.get("tools", list(TOOLS))
    if not isinstance(tools, list) or not tools or any(t not in TOOLS for t in tools):
        problems.append(msg("tools must be a non-empty list of {tools}", tools=', '.join(TOOLS)))
    labels = task.get("labels", [])
    if not isinstance(labels, list):
        problems.append(msg("labels must be a list of tables"))
        labels = []
    names: set[str] = set()
    hotkeys: set[str] = set()
    for i, label in enumerate(labels):
        where = f"labels[{i}]"
        if not isinstance(label, dict):
            problems.append(msg("{where} must be a table with name, color and hotkey", where=where))
            continue
        name = label.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(msg("{where}.name must be a non-empty string", where=where))
        elif len(name) > 200:
            problems.append(msg("{where}.name is longer than 200 characters", where=where))
        elif name in names:
            problems.append(msg("{where}.name {name!r} is used twice", where=where, name=name))
        else:
            names.add(name)
        color = label.get("color")
        if color is not None and (not isinstance(color, str) or not COLOR_RE.match(color)):
            problems.append(msg("{where}.color must look like \"#e6194b\"", where=where))
        hotkey = label.get("hotkey")
        if hotkey is not None:
            if not isinstance(hotkey, str) or len(hotkey) != 1 or hotkey not in "123456789":
                problems.append(msg("{where}.hotkey must be one of \"1\" to \"9\"", where=where))
            elif hotkey in hotkeys:
                problems.append(msg("{where}.hotkey {hotkey!r} is used twice", where=where, hotkey=hotkey))
            else:
                hotkeys.add(hotkey)
    if not labels and isinstance(tools, list) and any(t in TOOLS for t in tools):
        problems.append(msg("labels: at least one label is needed to draw shapes"))
    tags = task.get("tags", [])
    if not isinstance(tags, list):
        problems.append(msg("tags must be a list of tables with name, choices and multiple"))
        tags = []
    tag_names: set[str] = set()
    for i, group in enumerate(tags):
        where = f"tags[{i}]"
        if not isinstance(group, dict):
            problems.append(msg("{where} must be a table with name, choices and multiple", where=where))
            continue
        name = group.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(msg("{where}.name must be a non-empty string", where=where))
        elif name in tag_names:
            problems.append(msg("{where}.name {name!r} is used twice", where=where, name=name))
        else:
            tag_names.add(name)
        choices = group.get("choices")
        if (not isinstance(choices, list) or not choices or len(choices) > 100
                or any(not isinstance(c, str) or not c.strip() for c in choices)):
            problems.append(msg("{where}.choices must be a list of 1 to 100 non-empty strings", where=where))
        elif len(set(choices)) != len(choices):
            problems.append(msg("{where}.choices has a choice twice", where=where))
        if "multiple" in group and not isinstance(group["multiple"], bool):
            problems.append(msg("{where}.multiple must be true or false", where=where))
    for key, lo, hi in (("min_iou", 0.0, 1.0), ("point_radius", 0.1, 10_000.0)):
        if key in task:
            value = task[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
                problems.append(msg("{key} must be a number from {lo} to {hi}", key=key, lo=f"{lo:g}", hi=f"{hi:g}"))
    return problems


# ------------------------------------------------------------------ shapes


@dataclass(frozen=True)
class Shape:
    """One shape; immutable so undo snapshots can share it.

    ``machine`` marks a prelabel shape (a machine's, ``docs/image.md``) the worker has not
    touched yet: moving, reshaping, relabelling or confirming it makes it the worker's
    (``machine`` false, its ``score`` dropped)."""

    id: str
    type: str
    label: str
    points: tuple[tuple[float, float], ...]
    machine: bool = False
    score: float | None = None

    def to_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"id": self.id, "type": self.type, "label": self.label,
                               "points": [[round(x, 2), round(y, 2)] for x, y in self.points]}
        if self.machine:
            doc["machine"] = True
            if self.score is not None:
                doc["score"] = round(self.score, 4)
        return doc

    def touched(self) -> "Shape":
        """The shape as the worker's own (no longer machine-made)."""
        return Shape(self.id, self.type, self.label, self.points) if self.machine else self

    def bounds(self) -> tuple[float, float, float, float]:
        xs = [p[0] for p in self.points]
        ys = [p[1] for p in self.points]
        return min(xs), min(ys), max(xs), max(ys)

    def moved(self, dx: float, dy: float) -> "Shape":
        return Shape(self.id, self.type, self.label, tuple((x + dx, y + dy) for x, y in self.points))

    def with_points(self, points: Iterable[Sequence[float]]) -> "Shape":
        pts = tuple((float(x), float(y)) for x, y in points)
        if self.type == "box":
            pts = normalize_box(pts)
        return Shape(self.id, self.type, self.label, pts)

    def with_label(self, label: str) -> "Shape":
        return Shape(self.id, self.type, label, self.points)


def normalize_box(points: Sequence[Sequence[float]]) -> tuple[tuple[float, float], tuple[float, float]]:
    (ax, ay), (bx, by) = points[0], points[1]
    return (min(ax, bx), min(ay, by)), (max(ax, bx), max(ay, by))


def box_corners(shape: Shape) -> list[tuple[float, float]]:
    """A box's four corners, clockwise from the top-left."""
    (x0, y0), (x1, y1) = shape.points
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def _finite(v: Any) -> bool:
    if type(v) is float:  # the common case first: a lab's merge checks millions of coordinates
        return math.isfinite(v)
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _finite_pairs(points: list) -> bool:
    """Whether every point is an ``[x, y]`` pair of finite numbers (a plain loop: this is a hot path)."""
    for p in points:
        if not isinstance(p, (list, tuple)) or len(p) != 2 or not _finite(p[0]) or not _finite(p[1]):
            return False
    return True


def shape_problem(raw: Any) -> str | None:
    """What is wrong with one shape's JSON, or ``None``."""
    if not (isinstance(raw, dict) or isinstance(raw, Mapping)):  # dict first: typing's check is slow
        return "a shape must be an object"
    kind = raw.get("type")
    if kind not in SHAPE_TYPES:
        return f"type must be one of {', '.join(SHAPE_TYPES)}"
    if not isinstance(raw.get("label"), str) or not raw["label"]:
        return "label must be a non-empty string"
    points = raw.get("points")
    if not isinstance(points, list) or len(points) > MAX_POINTS:
        return "points must be a list of [x, y] pairs"
    if not _finite_pairs(points):
        return "points must be a list of [x, y] pairs of finite numbers"
    if len(points) < MIN_POINTS[kind] or (kind in ("box", "point") and len(points) != MIN_POINTS[kind]):
        return {"box": "a box needs exactly 2 points", "point": "a point needs exactly 1 point",
                "polygon": "a polygon needs at least 3 points"}[kind]
    return None


_NUMBER = (float, int)


def plain_box(raw: Any) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """A box's normalised points when ``raw`` is a box of two pairs of finite numbers, else ``None``.

    What :func:`shape_problem` and :func:`normalize_box` make of such a box, without their
    generality: nearly every shape a lab merges is one, and a merge reads millions.
    """
    if type(raw) is not dict or raw.get("type") != "box":
        return None
    label, points = raw.get("label"), raw.get("points")
    if type(label) is not str or not label or type(points) is not list or len(points) != 2:
        return None
    a, b = points
    if type(a) is not list or type(b) is not list or len(a) != 2 or len(b) != 2:
        return None
    ax, ay = a
    bx, by = b
    if type(ax) not in _NUMBER or type(ay) not in _NUMBER or type(bx) not in _NUMBER or type(by) not in _NUMBER:
        return None
    ax, ay, bx, by = float(ax), float(ay), float(bx), float(by)
    if not (math.isfinite(ax) and math.isfinite(ay) and math.isfinite(bx) and math.isfinite(by)):
        return None
    return (min(ax, bx), min(ay, by)), (max(ax, bx), max(ay, by))


def iter_shapes(raw_shapes: Any) -> Iterator[tuple[str, str, str, tuple[tuple[float, float], ...]]]:
    """``(id, type, label, points)`` of each valid shape: what :func:`shapes_from_json` makes shapes of."""
    used: set[str] = set()
    if not isinstance(raw_shapes, list):
        return
    for n, raw in enumerate(raw_shapes[:MAX_SHAPES]):
        pts = plain_box(raw)
        if pts is None:
            if shape_problem(raw) is not None:
                continue
            pts = tuple((float(x), float(y)) for x, y in raw["points"])
            if raw["type"] == "box":
                pts = normalize_box(pts)
        sid = raw.get("id")
        if not isinstance(sid, str) or not sid or sid in used:
            sid = f"s{n + 1}"
            while sid in used:
                sid += "x"
        used.add(sid)
        yield sid, raw["type"], raw["label"], pts


def shapes_from_json(raw_shapes: Any) -> list[Shape]:
    """The valid shapes of a saved or expected annotation (invalid ones are left out)."""
    return [Shape(*found) for found in iter_shapes(raw_shapes)]


def marked_shapes(raw_shapes: Any, machine: bool = False) -> list[Shape]:
    """:func:`shapes_from_json` with each shape's machine mark and score (``"machine": true``,
    ``"score"``: a prelabel shape the worker has not touched); ``machine``: every shape is
    machine-made (an item's ``prelabel``)."""
    shapes = shapes_from_json(raw_shapes)
    if not shapes or not (machine or any(isinstance(raw, Mapping) and raw.get("machine") is True
                                         for raw in raw_shapes[:MAX_SHAPES])):
        return shapes
    valid = [raw for raw in raw_shapes[:MAX_SHAPES] if shape_problem(raw) is None]  # the same, in order
    marked = []
    for shape, raw in zip(shapes, valid):
        if machine or raw.get("machine") is True:
            score = raw.get("score")
            score = float(score) if _finite(score) and 0 <= score <= 1 else None
            shape = Shape(shape.id, shape.type, shape.label, shape.points, True, score)
        marked.append(shape)
    return marked


def tags_from_json(raw: Any, config: TaskConfig | None = None) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        return {}
    tags: dict[str, Any] = {}
    for key, value in raw.items():
        if not isinstance(key, str):
            continue
        if isinstance(value, str):
            tags[key] = value
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            tags[key] = list(value)
    return tags


@dataclass
class ImageAnnotation:
    """What the editor holds for one item, and what it saves."""

    shapes: tuple[Shape, ...] = ()
    tags: dict[str, Any] = field(default_factory=dict)
    width: int | None = None
    height: int | None = None
    orientation: int = 1
    draft: dict[str, Any] | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> "ImageAnnotation":
        if not isinstance(data, Mapping):
            return cls()
        image = data.get("image") if isinstance(data.get("image"), Mapping) else {}
        draft = data.get("draft")
        if not (isinstance(draft, Mapping) and draft.get("type") in SHAPE_TYPES
                and isinstance(draft.get("label"), str) and isinstance(draft.get("points"), list)
                and all(isinstance(p, list) and len(p) == 2 and all(_finite(v) for v in p)
                        for p in draft["points"])):
            draft = None
        return cls(tuple(marked_shapes(data.get("shapes"))), tags_from_json(data.get("tags")),
                   image.get("width") if _finite(image.get("width")) else None,
                   image.get("height") if _finite(image.get("height")) else None,
                   int(image.get("orientation", 1)) if _finite(image.get("orientation", 1)) else 1,
                   dict(draft) if draft else None)

    def to_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"format": FORMAT}
        if self.width and self.height:
            doc["image"] = {"width": int(self.width), "height": int(self.height), "orientation": self.orientation}
        doc["shapes"] = [s.to_json() for s in self.shapes]
        doc["tags"] = dict(self.tags)
        doc["draft"] = self.draft
        return doc


def next_shape_id(shapes: Iterable[Shape]) -> str:
    top = 0
    for shape in shapes:
        m = re.fullmatch(r"s(\d+)", shape.id)
        if m:
            top = max(top, int(m.group(1)))
    return f"s{top + 1}"


def summary(annotation: Mapping[str, Any] | None) -> str:
    if not annotation:
        return ""
    counts: dict[str, int] = {}
    for raw in annotation.get("shapes") or []:
        if isinstance(raw, Mapping) and raw.get("type") in SHAPE_TYPES:
            counts[raw["type"]] = counts.get(raw["type"], 0) + 1
    words = {"box": ("box", "boxes"), "polygon": ("polygon", "polygons"), "point": ("point", "points")}
    parts = [f"{n} {words[t][n != 1]}" for t, n in counts.items()]
    tags = annotation.get("tags") or {}
    if tags:
        parts.append(f"{len(tags)} tag{'s' if len(tags) != 1 else ''}")
    return ", ".join(parts)
