"""Hit testing without Qt: which shape, handle or edge is under a point of the image.

Used by the editor's view (a click picks a shape, a handle or an edge) and by the shapes
layer (only the shapes in the exposed rectangle are painted). Coordinates are image pixels;
``tol`` is the reach of a click in image pixels (a few screen pixels divided by the zoom).

:class:`ShapeIndex` keeps a numpy array of the shapes' bounding boxes, so finding the
shapes near a point or inside a rectangle is one vectorised test even for 100,000 shapes.
"""
from __future__ import annotations

import math
from typing import Iterable, Sequence

import numpy as np

from annotator_image.model import Shape, box_corners

Point = tuple[float, float]

#: polygons with more vertices than this are tested with numpy instead of a Python loop
_VECTOR_FROM = 48


def handles(shape: Shape) -> list[Point]:
    """The points a worker can drag: a box's four corners (clockwise from the top-left), a
    polygon's vertices, a point itself."""
    return box_corners(shape) if shape.type == "box" else list(shape.points)


def outline(shape: Shape) -> list[Point]:
    """The closed outline a shape is drawn and hit with (a point's is the point)."""
    return handles(shape)


def contains(points: Sequence[Point], x: float, y: float) -> bool:
    """Whether ``(x, y)`` is inside the polygon (even-odd rule, as the view fills it)."""
    n = len(points)
    if n < 3:
        return False
    if n > _VECTOR_FROM:
        p = np.asarray(points, dtype=np.float64)
        ax, ay = p[:, 0], p[:, 1]
        bx, by = np.roll(ax, -1), np.roll(ay, -1)
        crosses = (ay > y) != (by > y)
        with np.errstate(divide="ignore", invalid="ignore"):
            at = ax + (y - ay) * (bx - ax) / (by - ay)
        return bool(np.count_nonzero(crosses & (x < at)) % 2)
    inside = False
    ax, ay = points[-1]
    for bx, by in points:
        if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
            inside = not inside
        ax, ay = bx, by
    return inside


def near_edge(points: Sequence[Point], x: float, y: float, tol: float) -> tuple[int, Point] | None:
    """``(index, point)`` of the edge from vertex ``index`` (to the next, closing the outline) that
    passes nearest ``(x, y)`` within ``tol``, and the nearest point on it; ``None`` if none does."""
    n = len(points)
    if n < 2:
        return None
    if n > _VECTOR_FROM:
        p = np.asarray(points, dtype=np.float64)
        a, b = p, np.roll(p, -1, axis=0)
        d = b - a
        length2 = (d * d).sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(length2 == 0, 0.0, ((x - a[:, 0]) * d[:, 0] + (y - a[:, 1]) * d[:, 1]) / length2)
        t = np.clip(t, 0.0, 1.0)
        c = a + d * t[:, None]
        dist = np.hypot(c[:, 0] - x, c[:, 1] - y)
        # the last edge within reach wins a tie, as the loop below
        i = n - 1 - int(np.argmin(dist[::-1]))
        return (i, (float(c[i, 0]), float(c[i, 1]))) if dist[i] <= tol else None
    best, best_d = None, tol
    for i in range(n):
        ax, ay = points[i]
        bx, by = points[(i + 1) % n]
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / length2))
        cx, cy = ax + t * dx, ay + t * dy
        d = math.hypot(x - cx, y - cy)
        if d <= best_d:
            best, best_d = (i, (cx, cy)), d
    return best


def handle_at(shape: Shape, x: float, y: float, tol: float) -> int | None:
    """The index of the handle of ``shape`` nearest ``(x, y)`` within ``tol``, or ``None``."""
    best, best_d = None, tol
    for i, (hx, hy) in enumerate(handles(shape)):
        d = math.hypot(hx - x, hy - y)
        if d <= best_d:
            best, best_d = i, d
    return best


def hits(shape: Shape, x: float, y: float, tol: float) -> bool:
    """Whether a click at ``(x, y)`` reaches ``shape``: inside it or on its outline (a point:
    within 1.3 ``tol``)."""
    if shape.type == "point":
        px, py = shape.points[0]
        return math.hypot(px - x, py - y) <= tol * 1.3
    points = outline(shape)
    return contains(points, x, y) or near_edge(points, x, y, tol) is not None


def area(shape: Shape) -> float:
    """The area of a shape's bounding box (what a click prefers: the smallest shape)."""
    if shape.type == "point":
        return 0.0
    x0, y0, x1, y1 = shape.bounds()
    return (x1 - x0) * (y1 - y0)


class ShapeIndex:
    """The shapes of one item with their bounding boxes in one array, for culling and picking."""

    def __init__(self, shapes: Iterable[Shape] = ()):
        self.set(shapes)

    def set(self, shapes: Iterable[Shape]) -> None:
        self.shapes: list[Shape] = list(shapes)
        self.bounds = (np.array([s.bounds() for s in self.shapes], dtype=np.float64) if self.shapes
                       else np.zeros((0, 4)))

    def replace(self, index: int, shape: Shape) -> None:
        """One shape changed (a drag): no rebuild."""
        self.shapes[index] = shape
        self.bounds[index] = shape.bounds()

    def __len__(self) -> int:
        return len(self.shapes)

    def visible(self, rect: tuple[float, float, float, float] | None = None, hidden: Iterable[str] = (),
                all_hidden: bool = False, hidden_ids: Iterable[str] = ()) -> np.ndarray:
        """Indices of the shapes shown (labels in ``hidden`` and shapes in ``hidden_ids`` are not)
        that meet ``rect`` = ``(x0, y0, x1, y1)``."""
        if not self.shapes or all_hidden:
            return np.zeros(0, dtype=int)
        b = self.bounds
        mask = np.ones(len(b), dtype=bool)
        if rect is not None:
            x0, y0, x1, y1 = rect
            mask &= (b[:, 2] >= x0) & (b[:, 0] <= x1) & (b[:, 3] >= y0) & (b[:, 1] <= y1)
        hidden = set(hidden)
        if hidden:
            mask &= np.array([s.label not in hidden for s in self.shapes])
        hidden_ids = set(hidden_ids)
        if hidden_ids:
            mask &= np.array([s.id not in hidden_ids for s in self.shapes])
        return np.nonzero(mask)[0]

    def shape_at(self, x: float, y: float, tol: float, hidden: Iterable[str] = (),
                 all_hidden: bool = False, hidden_ids: Iterable[str] = ()) -> int | None:
        """The index of the shown shape a click at ``(x, y)`` picks: of those it reaches, the one with
        the smallest bounding box (a point before any area; the later one on a tie), or ``None``."""
        best, best_area = None, math.inf
        for i in self.visible((x - tol, y - tol, x + tol, y + tol), hidden, all_hidden, hidden_ids).tolist():
            shape = self.shapes[i]
            if not hits(shape, x, y, tol):
                continue
            a = area(shape)
            if a <= best_area:
                best, best_area = i, a
        return best
