"""Geometry without Qt: areas, IoU, and agreement between two sets of shapes.

Used by the editor (training items: how the worker's shapes match the expected
ones), by the exporters (areas, bounding boxes) and by the lab's merge (mean IoU
between workers). Shapes are :class:`~annotator_image.model.Shape` objects or
their JSON (``{"type", "label", "points"}``).

IoU is exact for two boxes, and for any pair where one polygon is convex
(Sutherland-Hodgman clipping of the other by it). Two concave polygons are
compared on a raster of at most ``RASTER`` cells on the long side of their union's
bounding box (absolute error about 0.01).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np

from annotator_image.model import Shape, shapes_from_json

Point = tuple[float, float]
RASTER = 512


def _as_shape(shape: Shape | Mapping[str, Any]) -> Shape:
    if isinstance(shape, Shape):
        return shape
    found = shapes_from_json([shape])
    if not found:
        raise ValueError(f"not a valid shape: {shape!r}")
    return found[0]


def outline(shape: Shape) -> list[Point]:
    """A box or polygon as a polygon (a box clockwise from its top-left corner)."""
    if shape.type == "box":
        (x0, y0), (x1, y1) = shape.points
        return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    return list(shape.points)


def polygon_area(points: Sequence[Point]) -> float:
    """Area by the shoelace formula (absolute; self-intersecting polygons count signed parts)."""
    n = len(points)
    if n < 3:
        return 0.0
    s = 0.0
    for i in range(n):
        x0, y0 = points[i]
        x1, y1 = points[(i + 1) % n]
        s += x0 * y1 - x1 * y0
    return abs(s) / 2.0


def shape_area(shape: Shape | Mapping[str, Any]) -> float:
    shape = _as_shape(shape)
    if shape.type == "point":
        return 0.0
    return polygon_area(outline(shape))


def bbox(shape: Shape | Mapping[str, Any]) -> tuple[float, float, float, float]:
    """``(x, y, width, height)`` of a shape's bounding box."""
    x0, y0, x1, y1 = _as_shape(shape).bounds()
    return x0, y0, x1 - x0, y1 - y0


def box_iou(a: Sequence[Point], b: Sequence[Point]) -> float:
    (ax0, ay0), (ax1, ay1) = a
    (bx0, by0), (bx1, by1) = b
    iw = min(ax1, bx1) - max(ax0, bx0)
    ih = min(ay1, by1) - max(ay0, by0)
    if iw <= 0 or ih <= 0:
        return 0.0
    inter = iw * ih
    union = (ax1 - ax0) * (ay1 - ay0) + (bx1 - bx0) * (by1 - by0) - inter
    return inter / union if union > 0 else 0.0


def _signed_area(points: Sequence[Point]) -> float:
    s = 0.0
    n = len(points)
    for i in range(n):
        x0, y0 = points[i]
        x1, y1 = points[(i + 1) % n]
        s += x0 * y1 - x1 * y0
    return s / 2.0


def is_convex(points: Sequence[Point]) -> bool:
    n = len(points)
    if n < 3:
        return False
    sign = 0
    for i in range(n):
        (x0, y0), (x1, y1), (x2, y2) = points[i], points[(i + 1) % n], points[(i + 2) % n]
        cross = (x1 - x0) * (y2 - y1) - (y1 - y0) * (x2 - x1)
        if abs(cross) < 1e-12:
            continue
        s = 1 if cross > 0 else -1
        if sign and s != sign:
            return False
        sign = s
    return sign != 0


def clip_polygon(subject: Sequence[Point], clip: Sequence[Point]) -> list[Point]:
    """Sutherland-Hodgman: ``subject`` (any simple polygon) clipped by the convex ``clip``."""
    if _signed_area(clip) < 0:
        clip = list(reversed(clip))
    output = list(subject)
    n = len(clip)
    for i in range(n):
        if not output:
            break
        ax, ay = clip[i]
        bx, by = clip[(i + 1) % n]

        def inside(p: Point) -> bool:
            return (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax) >= 0

        def cross_point(p: Point, q: Point) -> Point:
            x1, y1 = p
            x2, y2 = q
            dx, dy = x2 - x1, y2 - y1
            den = (bx - ax) * dy - (by - ay) * dx
            if den == 0:
                return q
            t = -((bx - ax) * (y1 - ay) - (by - ay) * (x1 - ax)) / den
            return x1 + t * dx, y1 + t * dy

        inputs, output = output, []
        prev = inputs[-1]
        for cur in inputs:
            if inside(cur):
                if not inside(prev):
                    output.append(cross_point(prev, cur))
                output.append(cur)
            elif inside(prev):
                output.append(cross_point(prev, cur))
            prev = cur
    return output


def _raster_iou(a: Sequence[Point], b: Sequence[Point]) -> float:
    from PIL import Image, ImageDraw

    xs = [p[0] for p in a] + [p[0] for p in b]
    ys = [p[1] for p in a] + [p[1] for p in b]
    x0, y0 = min(xs), min(ys)
    span = max(max(xs) - x0, max(ys) - y0, 1e-9)
    k = RASTER / span
    w = max(1, int(math.ceil((max(xs) - x0) * k)) + 1)
    h = max(1, int(math.ceil((max(ys) - y0) * k)) + 1)

    def mask(points: Sequence[Point]) -> np.ndarray:
        image = Image.new("1", (w, h), 0)
        ImageDraw.Draw(image).polygon([((x - x0) * k, (y - y0) * k) for x, y in points], fill=1)
        return np.asarray(image, dtype=bool)

    ma, mb = mask(a), mask(b)
    union = np.count_nonzero(ma | mb)
    return float(np.count_nonzero(ma & mb) / union) if union else 0.0


def polygon_iou(a: Sequence[Point], b: Sequence[Point]) -> float:
    area_a, area_b = polygon_area(a), polygon_area(b)
    if area_a <= 0 or area_b <= 0:
        return 0.0
    ax0, ay0 = min(p[0] for p in a), min(p[1] for p in a)
    ax1, ay1 = max(p[0] for p in a), max(p[1] for p in a)
    bx0, by0 = min(p[0] for p in b), min(p[1] for p in b)
    bx1, by1 = max(p[0] for p in b), max(p[1] for p in b)
    if ax1 <= bx0 or bx1 <= ax0 or ay1 <= by0 or by1 <= ay0:
        return 0.0
    if is_convex(b):
        inter = polygon_area(clip_polygon(a, b))
    elif is_convex(a):
        inter = polygon_area(clip_polygon(b, a))
    else:
        return _raster_iou(a, b)
    union = area_a + area_b - inter
    return max(0.0, min(1.0, inter / union)) if union > 0 else 0.0


def point_similarity(a: Point, b: Point, radius: float = 10.0) -> float:
    """1 at the same place, falling linearly to 0 at ``radius`` pixels apart."""
    d = math.hypot(a[0] - b[0], a[1] - b[1])
    return max(0.0, 1.0 - d / radius) if radius > 0 else float(d == 0)


def iou(a: Shape | Mapping[str, Any], b: Shape | Mapping[str, Any], point_radius: float = 10.0) -> float:
    """IoU of two shapes (boxes and polygons mix); for two points, :func:`point_similarity`.

    A point never overlaps a box or polygon: 0.
    """
    a, b = _as_shape(a), _as_shape(b)
    if a.type == "point" or b.type == "point":
        if a.type == b.type:
            return point_similarity(a.points[0], b.points[0], point_radius)
        return 0.0
    if a.type == "box" and b.type == "box":
        return box_iou(a.points, b.points)
    return polygon_iou(outline(a), outline(b))


@dataclass
class Match:
    expected: int
    actual: int
    iou: float


@dataclass
class Agreement:
    """How a set of shapes matches an expected one (same label, best IoU first)."""

    matches: list[Match] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)
    """Expected shapes with no counterpart of the same label."""
    extra: list[int] = field(default_factory=list)
    """Shapes with no expected counterpart."""
    weak: list[Match] = field(default_factory=list)
    """Matches below the threshold."""
    threshold: float = 0.5
    tag_mismatches: list[str] = field(default_factory=list)

    @property
    def mean_iou(self) -> float:
        """Mean IoU over matched, missed and extra shapes (these count 0); 1.0 for two empty sets."""
        n = len(self.matches) + len(self.missed) + len(self.extra)
        return sum(m.iou for m in self.matches) / n if n else 1.0

    @property
    def passed(self) -> bool:
        return not (self.missed or self.extra or self.weak or self.tag_mismatches)

    def to_json(self) -> dict[str, Any]:
        return {"mean_iou": round(self.mean_iou, 4), "passed": self.passed, "threshold": self.threshold,
                "matches": [{"expected": m.expected, "actual": m.actual, "iou": round(m.iou, 4)}
                            for m in self.matches],
                "missed": self.missed, "extra": self.extra, "tag_mismatches": self.tag_mismatches}


def match_shapes(expected: Sequence[Shape | Mapping[str, Any]], actual: Sequence[Shape | Mapping[str, Any]],
                 threshold: float = 0.5, point_radius: float = 10.0) -> Agreement:
    """Pair shapes of the same label greedily by IoU (highest first); unpaired ones are missed/extra."""
    exp = [_as_shape(s) for s in expected]
    act = [_as_shape(s) for s in actual]
    pairs = []
    for i, e in enumerate(exp):
        ex0, ey0, ex1, ey1 = e.bounds()
        for j, a in enumerate(act):
            if a.label != e.label or (a.type == "point") != (e.type == "point"):
                continue
            if e.type != "point":
                ax0, ay0, ax1, ay1 = a.bounds()
                if ax1 <= ex0 or ex1 <= ax0 or ay1 <= ey0 or ey1 <= ay0:
                    continue
            value = iou(e, a, point_radius)
            if value > 0:
                pairs.append((value, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_e: set[int] = set()
    used_a: set[int] = set()
    result = Agreement(threshold=threshold)
    for value, i, j in pairs:
        if i in used_e or j in used_a:
            continue
        used_e.add(i)
        used_a.add(j)
        match = Match(i, j, value)
        result.matches.append(match)
        if value < threshold:
            result.weak.append(match)
    result.matches.sort(key=lambda m: m.expected)
    result.missed = [i for i in range(len(exp)) if i not in used_e]
    result.extra = [j for j in range(len(act)) if j not in used_a]
    return result


def compare_annotations(expected: Mapping[str, Any] | None, actual: Mapping[str, Any] | None,
                        threshold: float = 0.5, point_radius: float = 10.0) -> Agreement:
    """Agreement of two annotation documents: shapes, and tags when the expected one names them."""
    expected = expected or {}
    actual = actual or {}
    result = match_shapes(shapes_from_json(expected.get("shapes")), shapes_from_json(actual.get("shapes")),
                          threshold, point_radius)
    exp_tags = expected.get("tags") if isinstance(expected.get("tags"), Mapping) else {}
    act_tags = actual.get("tags") if isinstance(actual.get("tags"), Mapping) else {}
    for name, value in exp_tags.items():
        got = act_tags.get(name)
        if isinstance(value, list) and isinstance(got, list):
            same = sorted(map(str, value)) == sorted(map(str, got))
        else:
            same = value == got
        if not same:
            result.tag_mismatches.append(name)
    return result


def mean_iou(a: Sequence[Shape | Mapping[str, Any]], b: Sequence[Shape | Mapping[str, Any]],
             point_radius: float = 10.0) -> float:
    """Symmetric agreement of two workers' shapes: mean IoU of label-matched pairs, unpaired count 0."""
    return match_shapes(a, b, 0.0, point_radius).mean_iou
