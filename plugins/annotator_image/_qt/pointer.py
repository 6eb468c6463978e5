"""The mouse on the image editor's canvas: pick, drag, draw. Clicks become document calls.

With Select, a press on a handle of the selected shape drags that handle, a press on a
shape (:meth:`annotator_image.hits.ShapeIndex.shape_at`) drags the shape, a press elsewhere
deselects; a double-click on a polygon's edge inserts a vertex there. With Box a drag draws
a box; with Point a click places one; with Polygon each click adds a vertex (on the first
one, or a double-click, it closes). Reach is :data:`HIT_PIXELS` screen pixels at any zoom.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui

from annotator_image import hits

if TYPE_CHECKING:
    from annotator_image._qt.editor import ImageEditor

Qt = QtCore.Qt
QPointF = QtCore.QPointF

HIT_PIXELS = 7.0
MIN_BOX_PIXELS = 3.0


class Pointer:
    """Turns one editor's canvas mouse events into edits of its document."""

    def __init__(self, editor: "ImageEditor"):
        self.editor = editor
        self.box: tuple[float, float] | None = None
        """The first corner of a box being drawn (not saved: a box is one drag)."""
        self._start: QPointF | None = None
        self._moved = False
        canvas = editor.canvas
        canvas.mouse_pressed.connect(self.press)
        canvas.mouse_moved.connect(self.move)
        canvas.mouse_released.connect(self.release)
        canvas.mouse_double_clicked.connect(self.double_click)

    def tol(self) -> float:
        """A click's reach in image pixels."""
        return HIT_PIXELS / max(self.editor.canvas.zoom(), 1e-9)

    def press(self, pos: QPointF, event: QtGui.QMouseEvent) -> None:
        editor = self.editor
        document = editor.document
        if editor.source is None or document is None or event.button() != Qt.MouseButton.LeftButton:
            return
        editor.host.activity()
        x, y = pos.x(), pos.y()
        if editor.tool == "select":
            shape = document.selected_shape()
            handle = hits.handle_at(shape, x, y, self.tol() * 1.3) if shape is not None else None
            if handle is None:
                index = editor.shapes_layer.shape_at(x, y, self.tol())
                shape = None if index is None else document.shapes[index]
            if shape is None:
                editor.select(None)
                return
            document.begin_drag(shape.id, handle)
            self._start, self._moved = pos, False
            editor.select(shape.id, handle)
            return
        if editor.label is None:
            editor.no_label_to_draw()
            return
        layer = editor.shapes_layer
        if editor.tool == "point":
            document.add_point((x, y), editor.label)
        elif editor.tool == "box":
            self.box = document.clamp((x, y))
            layer.draft_type, layer.draft_label, layer.draft = "box", editor.label, [self.box]
            layer.cursor = QPointF(*self.box)
            layer.update()
        elif editor.tool == "polygon":
            layer.cursor = QPointF(*document.clamp((x, y)))
            document.draft_click((x, y), editor.label, self.tol() * 1.5)

    def move(self, pos: QPointF, event: QtGui.QMouseEvent) -> None:
        editor = self.editor
        document, layer = editor.document, editor.shapes_layer
        if editor.source is None or document is None:
            return
        if layer is not None and layer.draft_type:
            layer.cursor = QPointF(*document.clamp((pos.x(), pos.y())))
            layer.update()
        if self.box is not None:
            return
        if not document.dragging:
            editor.show_status(pos)
            return
        dx, dy = pos.x() - self._start.x(), pos.y() - self._start.y()
        if not self._moved and math.hypot(dx, dy) < self.tol() * 0.4:
            return
        self._moved = True
        document.drag_by(dx, dy, (pos.x(), pos.y()))  # saved within the save delay, one undo step at the end
        editor.show_status(pos)

    def release(self, pos: QPointF, event: QtGui.QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.finish(pos)

    def finish(self, pos: QPointF | None = None) -> None:
        """End a drag: a box is added, a moved shape or handle committed (``pos`` ``None``: the item closes)."""
        editor = self.editor
        document, layer = editor.document, editor.shapes_layer
        if document is None:
            self.box = None
            return
        if self.box is not None:
            start = self.box
            cursor = layer.cursor if layer is not None else None
            end = (pos.x(), pos.y()) if pos is not None else \
                (cursor.x(), cursor.y()) if cursor is not None else start
            self.cancel_box()
            document.add_box(start, end, editor.label, MIN_BOX_PIXELS / max(editor.canvas.zoom(), 1e-9))
            return
        if document.dragging:
            document.end_drag()

    def cancel_box(self) -> bool:
        """Drop a box being drawn; whether there was one."""
        if self.box is None:
            return False
        self.box = None
        layer = self.editor.shapes_layer
        if layer is not None:
            layer.draft_type, layer.draft, layer.cursor = None, [], None
            layer.update()
        return True

    def double_click(self, pos: QPointF, event: QtGui.QMouseEvent) -> None:
        editor = self.editor
        document = editor.document
        if document is None or editor.source is None:
            return
        if editor.tool == "polygon" and document.draft is not None:
            editor.finish_polygon()
            return
        shape = document.selected_shape()
        if editor.tool != "select" or shape is None or shape.type != "polygon":
            return
        edge = hits.near_edge(shape.points, pos.x(), pos.y(), self.tol())
        if edge is not None:
            document.insert_vertex(edge[0] + 1, edge[1])
