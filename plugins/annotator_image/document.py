"""The image editor's rules without Qt: one item's shapes and tags, every edit, undo and redo.

:class:`ImageDocument` is an :class:`annotator.plugin_api.editing.Document` (ADR 0006): its
state (:class:`ImageState`) is immutable (a tuple of frozen :class:`~annotator_image.model.Shape`
and the tags), each edit computes the next state, and the history keeps every snapshot
(undo without a step limit; a burst of nudges of one shape is one step). The Qt view in
``_qt/`` turns clicks and keys into these calls and draws the state; the rules are tested
on plain data (``tests/plugins/image/test_document.py``).

Besides the state, the document holds what is saved but never undone:

* ``draft``: a polygon being drawn (saved with every vertex as ``draft``, so a crash keeps it);
* ``moving``: the shape being dragged, saved while the drag goes on and committed as one
  undo step when it ends;
* ``selected`` and ``selected_vertex``: what the next edit acts on. Each step records the
  selection before and after it, so undo selects again what the undone edit changed.

Listeners are told ``(document, merge_key)`` after every change: ``None`` for an edit, an
undo, a redo or a draft vertex (the view saves at once; nudges merge into one undo step but
each is saved as it is made), :data:`DRAG` while a drag goes on (the view saves it within its
save delay, and at once when the drag ends).
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Mapping, Sequence

from annotator.plugin_api.editing import Document
from annotator_image.geometry import Agreement, compare_annotations
from annotator_image.hits import handles
from annotator_image.model import (ImageAnnotation, Shape, TaskConfig, box_corners, marked_shapes,
                                   next_shape_id)

Point = tuple[float, float]
Tags = tuple[tuple[str, Any], ...]

#: the merge key listeners get for a change saved within the save delay but never an undo step
DRAG = "drag"
_KEEP: Any = object()


def freeze_tags(tags: Mapping[str, Any]) -> Tags:
    """Tags as an immutable value: ``((group, "choice") | (group, ("a", "b")), ...)``."""
    return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in tags.items())


def thaw_tags(tags: Tags) -> dict[str, Any]:
    """Tags as saved: a choice is a string, several choices a list."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in tags}


@dataclass(frozen=True)
class ImageState:
    """One snapshot: the shapes and the tags. The selection rides along without counting as a change."""

    shapes: tuple[Shape, ...] = ()
    tags: Tags = ()
    selected: str | None = field(default=None, compare=False)
    """What the edit that made this state left selected (redo selects it again)."""
    selected_before: str | None = field(default=None, compare=False)
    """What was selected just before that edit (undo selects it again)."""


@dataclass(frozen=True)
class Draft:
    """A polygon being drawn: saved on every vertex, not an undo step until it is closed."""

    label: str
    points: tuple[Point, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"type": "polygon", "label": self.label, "points": [[round(x, 2), round(y, 2)] for x, y in self.points]}


@dataclass(frozen=True)
class _Drag:
    kind: str  # "move" or "vertex"
    index: int
    original: Shape
    vertex: int | None = None


def with_vertex(shape: Shape, vertex: int, p: Point) -> Shape:
    """``shape`` with handle ``vertex`` at ``p`` (a box corner drags against the opposite corner)."""
    if shape.type == "box":
        opposite = box_corners(shape)[(vertex + 2) % 4]
        return shape.with_points([opposite, p])
    points = list(shape.points)
    points[vertex] = p
    return shape.with_points(points)


def corner_at(shape: Shape, vertex: int, p: Point) -> int:
    """The handle under ``p`` after a drag: a box corner dragged across the opposite side
    becomes another corner; a polygon's vertex stays itself."""
    if shape.type != "box":
        return vertex
    corners = box_corners(shape)
    return min(range(4), key=lambda i: math.hypot(corners[i][0] - p[0], corners[i][1] - p[1]))


class ImageDocument(Document[ImageState]):
    """The shapes and tags of one image, with the rules of every edit the editor offers."""

    def __init__(self, state: ImageState = ImageState(), *, width: float, height: float, orientation: int = 1,
                 config: TaskConfig | None = None, draft: Draft | None = None,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__(state, clock=clock)
        self.width, self.height, self.orientation = float(width), float(height), orientation
        self.config = config or TaskConfig((), ())
        self.draft = draft
        self.selected: str | None = None
        self.selected_vertex: int | None = None
        self.moving: tuple[int, Shape] | None = None
        self._drag: _Drag | None = None

    @classmethod
    def from_annotation(cls, annotation: Mapping[str, Any] | None, prelabel: Any = None,
                        **context: Any) -> "ImageDocument":
        """The document of a saved annotation on an image of ``width`` x ``height`` (after orientation).

        With nothing saved (``annotation`` ``None``), the item's ``prelabel`` (a machine's annotation,
        ``docs/image.md``) is the starting one: its shapes marked machine-made, its tags chosen."""
        if annotation is None and isinstance(prelabel, Mapping):
            start = ImageAnnotation.from_json(prelabel)
            shapes = tuple(marked_shapes(prelabel.get("shapes"), machine=True))
            return cls(ImageState(shapes, freeze_tags(start.tags)), **context)
        saved = ImageAnnotation.from_json(annotation)
        draft = None
        raw = saved.draft
        if raw and raw.get("type") == "polygon":
            draft = Draft(raw.get("label") or "", tuple((float(x), float(y)) for x, y in raw.get("points", [])))
        return cls(ImageState(tuple(saved.shapes), freeze_tags(saved.tags)), draft=draft, **context)

    def annotation(self) -> dict[str, Any]:
        shapes = self.shapes
        if self.moving is not None:  # a drag in progress is saved as it is on screen
            index, shape = self.moving
            shapes = shapes[:index] + (shape,) + shapes[index + 1:]
        return ImageAnnotation(shapes, thaw_tags(self.state.tags), int(self.width), int(self.height),
                               self.orientation, self.draft.to_json() if self.draft else None).to_json()

    # ------------------------------------------------------------------ reading

    @property
    def shapes(self) -> tuple[Shape, ...]:
        return self.state.shapes

    @property
    def tags(self) -> dict[str, Any]:
        return thaw_tags(self.state.tags)

    def index(self, shape_id: str | None) -> int | None:
        if shape_id is None:
            return None
        for i, s in enumerate(self.shapes):
            if s.id == shape_id:
                return i
        return None

    def selected_shape(self) -> Shape | None:
        i = self.index(self.selected)
        return None if i is None else self.shapes[i]

    def label_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for s in self.shapes:
            counts[s.label] = counts.get(s.label, 0) + 1
        return counts

    def label_by_hotkey(self, key: str) -> str | None:
        for label in self.config.labels:
            if label.hotkey == key:
                return label.name
        return None

    def agreement(self, expected: Mapping[str, Any] | None) -> Agreement | None:
        """How the shapes and tags match a training item's expected answer (``None``: no answer)."""
        if expected is None:
            return None
        return compare_annotations(expected, self.annotation(), self.config.min_iou, self.config.point_radius)

    def clamp(self, p: Sequence[float]) -> Point:
        """``p`` moved inside the image."""
        return min(max(float(p[0]), 0.0), self.width), min(max(float(p[1]), 0.0), self.height)

    # ------------------------------------------------------------------ selection, undo, redo

    def select(self, shape_id: str | None, vertex: int | None = None) -> None:
        """Select a shape (and one of its handles); not an edit."""
        self.selected = shape_id if self.index(shape_id) is not None else None
        self.selected_vertex = vertex if self.selected is not None else None

    def _settle_selection(self, shape_id: str | None) -> None:
        self.selected = shape_id if self.index(shape_id) is not None else None
        self.selected_vertex = None

    def undo(self) -> bool:
        """Take back the last edit (a polygon being drawn is dropped first) and select what it changed."""
        dropped = self._drop_draft()
        self._drag = self.moving = None
        leaving = self.state
        if self.history.undo() is None:
            if dropped:
                self._changed(None)
            return dropped
        self._settle_selection(leaving.selected_before)
        self._changed(None)
        return True

    def redo(self) -> bool:
        self._drag = self.moving = None
        if self.history.redo() is None:
            return False
        self._settle_selection(self.state.selected)
        self._changed(None)
        return True

    def _commit(self, shapes: Iterable[Shape], label: str, *, tags: Tags | None = None, selected: Any = _KEEP,
                vertex: int | None = None, merge_key: Any = None) -> bool:
        """One undo step to ``shapes`` (and ``tags``), selecting ``selected`` (default: as it is) and
        its handle ``vertex``; nothing is recorded when nothing changed."""
        before = self.selected
        after = before if selected is _KEEP else selected
        state = ImageState(tuple(shapes), self.state.tags if tags is None else tags, after, before)
        changed = state != self.state
        if changed:
            self.history.push(state, label, merge_key)
        self._settle_selection(after)
        if self.selected is not None:
            self.selected_vertex = vertex
        if changed:
            self._changed(None)  # a key press or a click: saved at once, even when it merges into one undo step
        return changed

    def _replaced(self, index: int, shape: Shape) -> tuple[Shape, ...]:
        shapes = self.shapes
        return shapes[:index] + (shape,) + shapes[index + 1:]

    # ------------------------------------------------------------------ adding shapes

    def add_point(self, p: Sequence[float], label: str) -> Shape:
        shape = Shape(next_shape_id(self.shapes), "point", label, (self.clamp(p),))
        self._commit(self.shapes + (shape,), "Add point", selected=shape.id)
        return shape

    def add_box(self, start: Sequence[float], end: Sequence[float], label: str, min_size: float = 0.0) -> Shape | None:
        """A box from corner to corner (inside the image); ``None`` if a side is under ``min_size``
        (a click, not a drag)."""
        a, b = self.clamp(start), self.clamp(end)
        if abs(b[0] - a[0]) < min_size or abs(b[1] - a[1]) < min_size:
            return None
        shape = Shape(next_shape_id(self.shapes), "box", label, ()).with_points([a, b])
        self._commit(self.shapes + (shape,), "Add box", selected=shape.id)
        return shape

    def copy_shapes(self, shapes: Iterable[Shape]) -> int:
        """Add copies of ``shapes`` (the previous item's), clipped to this image; a shape left with
        no area is skipped. Returns how many were added."""
        current = list(self.shapes)
        added = 0
        for shape in shapes:
            points = [self.clamp(p) for p in shape.points]
            copy = Shape(next_shape_id(current), shape.type, shape.label, ()).with_points(points)
            x0, y0, x1, y1 = copy.bounds()
            if copy.type != "point" and (x1 - x0 <= 0 or y1 - y0 <= 0):
                continue  # fell entirely outside this image
            current.append(copy)
            added += 1
        self._commit(current, "Copy the previous item's shapes", selected=None)
        return added

    def duplicate_selected(self, step: float = 10.0) -> Shape | None:
        """A copy of the selected shape moved by ``step`` right and down (left or up at the image's edge)."""
        shape = self.selected_shape()
        if shape is None:
            return None
        x0, y0, x1, y1 = shape.bounds()
        dx = step if x1 + step <= self.width else -min(step, x0)
        dy = step if y1 + step <= self.height else -min(step, y0)
        copy = Shape(next_shape_id(self.shapes), shape.type, shape.label, shape.moved(dx, dy).points)
        self._commit(self.shapes + (copy,), "Duplicate", selected=copy.id)
        return copy

    # ------------------------------------------------------------------ changing shapes

    def delete_selected(self) -> None:
        """Delete the selected vertex of a polygon (it keeps 3), else the selected shape."""
        shape = self.selected_shape()
        if shape is None:
            return
        vertex = self.selected_vertex
        if vertex is not None and shape.type == "polygon" and len(shape.points) > 3:
            points = [p for i, p in enumerate(shape.points) if i != vertex]
            self._commit(self._replaced(self.index(shape.id), shape.with_points(points)), "Delete vertex",
                         vertex=min(vertex, len(points) - 1))
            return
        self._commit([s for s in self.shapes if s.id != shape.id], "Delete", selected=None)

    def machine_count(self) -> int:
        """How many shapes are still machine-made (a prelabel's, untouched)."""
        return sum(1 for s in self.shapes if s.machine)

    def confirm_selected(self) -> bool:
        """The worker accepts the selected machine-made shape as it is (one undo step)."""
        i = self.index(self.selected)
        if i is None or not self.shapes[i].machine:
            return False
        return self._commit(self._replaced(i, self.shapes[i].touched()), "Confirm shape")

    def confirm_all(self) -> int:
        """The worker accepts every machine-made shape as it is (one undo step); how many."""
        n = self.machine_count()
        if n:
            self._commit(tuple(s.touched() for s in self.shapes), "Confirm shapes")
        return n

    def relabel_selected(self, label: str) -> None:
        shape = self.selected_shape()
        if shape is None or shape.label == label:
            return
        self._commit(self._replaced(self.index(shape.id), shape.with_label(label)), "Change label")

    def insert_vertex(self, index: int | None = None, point: Sequence[float] | None = None) -> None:
        """Insert a vertex into the selected polygon: ``point`` before vertex ``index``, or without
        them the middle of the edge after the selected vertex (the last one when none is)."""
        shape = self.selected_shape()
        if shape is None or shape.type != "polygon":
            return
        points = list(shape.points)
        if point is None or index is None:
            v = self.selected_vertex
            v = len(points) - 1 if v is None else v
            a, b = points[v], points[(v + 1) % len(points)]
            point, index = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2), v + 1
        points.insert(index, (float(point[0]), float(point[1])))
        self._commit(self._replaced(self.index(shape.id), shape.with_points(points)), "Insert vertex", vertex=index)

    def nudge(self, dx: float, dy: float) -> None:
        """Move the selected vertex (or box corner: a resize), else the selected shape, staying inside
        the image. Nudges of the same shape and vertex in a row are one undo step."""
        shape = self.selected_shape()
        if shape is None:
            return
        vertex = self.selected_vertex
        if vertex is not None:
            x, y = handles(shape)[vertex]
            p = self.clamp((x + dx, y + dy))
            new = with_vertex(shape, vertex, p)
            vertex = corner_at(new, vertex, p)
        else:
            new = self._moved_inside(shape, dx, dy)
        self._commit(self._replaced(self.index(shape.id), new), "Move", vertex=vertex,
                     merge_key=f"nudge:{shape.id}:{vertex}")

    def _moved_inside(self, shape: Shape, dx: float, dy: float) -> Shape:
        x0, y0, x1, y1 = shape.bounds()
        dx = min(max(dx, -x0), self.width - x1)
        dy = min(max(dy, -y0), self.height - y1)
        return shape.moved(dx, dy)

    def toggle_tag(self, group: str, choice: str) -> None:
        """Tick or untick ``choice`` of a tag group (a single-choice group holds one, or none)."""
        tag = next((t for t in self.config.tags if t.name == group), None)
        if tag is None:
            return
        tags = self.tags
        if tag.multiple:
            values = list(tags.get(group) or []) if isinstance(tags.get(group), list) else []
            if choice in values:
                values.remove(choice)
            else:
                values.append(choice)
            if values:
                tags[group] = [c for c in tag.choices if c in values]
            else:
                tags.pop(group, None)
        elif tags.get(group) == choice:
            tags.pop(group)
        else:
            tags[group] = choice
        self._commit(self.shapes, "Tag", tags=freeze_tags(tags))

    # ------------------------------------------------------------------ dragging

    def begin_drag(self, shape_id: str, vertex: int | None = None) -> bool:
        """Start dragging a shape (``vertex`` ``None``) or one of its handles; selects it."""
        index = self.index(shape_id)
        if index is None:
            return False
        self.select(shape_id, vertex)
        self._drag = _Drag("move" if vertex is None else "vertex", index, self.shapes[index], vertex)
        return True

    @property
    def dragging(self) -> bool:
        return self._drag is not None

    def drag_by(self, dx: float, dy: float, p: Sequence[float]) -> Shape | None:
        """The drag moved ``(dx, dy)`` from where it began, to ``p``: the dragged shape moves (inside
        the image) or its handle goes to ``p``. Saved, not an undo step until :meth:`end_drag`."""
        drag = self._drag
        if drag is None:
            return None
        if drag.kind == "move":
            shape = self._moved_inside(drag.original, dx, dy)
        else:
            p = self.clamp(p)
            shape = with_vertex(drag.original, drag.vertex, p)  # a box keeps its opposite corner where it was
            self.selected_vertex = corner_at(shape, drag.vertex, p)
        self.moving = (drag.index, shape)
        self._changed(DRAG)
        return shape

    def end_drag(self) -> bool:
        """Commit the drag as one undo step (nothing if it never moved)."""
        drag, moving = self._drag, self.moving
        self._drag = self.moving = None
        if drag is None or moving is None:
            return False
        vertex = self.selected_vertex
        return self._commit(self._replaced(*moving), "Move" if drag.kind == "move" else "Edit vertex",
                            vertex=vertex)

    # ------------------------------------------------------------------ drawing a polygon

    def draft_click(self, p: Sequence[float], label: str, close_within: float) -> str:
        """A click while drawing a polygon: ``"closed"`` when it lands within ``close_within`` of the
        first point of a polygon of 3 or more (the polygon is added), else ``"added"`` (a vertex)."""
        p = self.clamp(p)
        draft = self.draft
        if draft is not None and len(draft.points) >= 3:
            fx, fy = draft.points[0]
            if math.hypot(fx - p[0], fy - p[1]) <= close_within:
                self.finish_polygon()
                return "closed"
        if draft is None:
            draft = Draft(label)
        if not draft.points or draft.points[-1] != p:
            draft = replace(draft, points=draft.points + (p,))
        self.draft = draft
        self._changed(None)
        return "added"

    def draft_pop(self) -> None:
        """Remove the last vertex of the polygon being drawn (the draft goes with its last vertex)."""
        if self.draft is None:
            return
        points = self.draft.points[:-1]
        self.draft = replace(self.draft, points=points) if points else None
        self._changed(None)

    def relabel_draft(self, label: str | None) -> None:
        if self.draft is not None and label and label != self.draft.label:
            self.draft = replace(self.draft, label=label)
            self._changed(None)

    def finish_polygon(self, label: str | None = None) -> Shape | None:
        """Close the polygon being drawn into a shape; ``None`` (the draft dropped) under 3 vertices."""
        draft = self.draft
        if draft is None:
            return None
        self.draft = None
        if len(draft.points) < 3:
            self._changed(None)
            return None
        shape = Shape(next_shape_id(self.shapes), "polygon", draft.label or label or "", draft.points)
        if not self._commit(self.shapes + (shape,), "Add polygon", selected=shape.id):
            self._changed(None)
        return shape

    def cancel_draft(self) -> bool:
        """Drop the polygon being drawn; ``False`` if there was none."""
        if not self._drop_draft():
            return False
        self._changed(None)
        return True

    def _drop_draft(self) -> bool:
        had = self.draft is not None
        self.draft = None
        return had
