"""The drawing surface: a QGraphicsView with two items.

* :class:`ImageLayer` paints the preview at once and, when the worker zooms past
  its resolution, 512-pixel tiles of the pyramid level that fits the zoom
  (an LRU cache bounded in bytes holds the tiles; missing tiles are read within a
  time budget per frame and the rest on the next frame).
* :class:`ShapesLayer` paints every shape in one ``paint`` call: shapes outside
  the exposed rectangle are culled with one numpy test, outlines use cosmetic pens
  cached per label, and the outlines (``QPolygonF``) are built when shapes change,
  never while painting (the culling is :class:`annotator_image.hits.ShapeIndex`, the same
  the editor picks shapes with). 2,000 shapes paint well under 16 ms.

Scene coordinates are image pixels (after EXIF orientation), so shapes are always
stored in original pixel coordinates whatever the zoom.
"""
from __future__ import annotations

import math
import time
from collections import OrderedDict
from typing import Callable

import numpy as np
import shiboken6
from PySide6 import QtCore, QtGui, QtWidgets

from annotator_image.hits import ShapeIndex, outline
from annotator_image.imageio import TILE, ImageSource, Pyramid
from annotator_image.model import Shape

QRectF = QtCore.QRectF
QPointF = QtCore.QPointF

#: bytes of decoded tiles kept in memory (about ten screens at 1:1; part of the memory bound, limits.py)
TILE_CACHE_BYTES = 128 << 20
#: time spent reading missing tiles in one frame before painting the preview instead
TILE_BUDGET_S = 0.012


def qimage_from_array(arr: np.ndarray) -> QtGui.QImage:
    """A QImage owning a copy of an 8-bit L/RGB/RGBA array."""
    arr = np.ascontiguousarray(arr)
    h, w = arr.shape[:2]
    if arr.ndim == 2:
        fmt = QtGui.QImage.Format.Format_Grayscale8
    elif arr.shape[2] == 3:
        fmt = QtGui.QImage.Format.Format_RGB888
    else:
        fmt = QtGui.QImage.Format.Format_RGBA8888
    image = QtGui.QImage(arr.data, w, h, arr.strides[0], fmt)
    return image.copy()


def _checker_brush() -> QtGui.QBrush:
    tile = QtGui.QPixmap(16, 16)
    tile.fill(QtGui.QColor("#cccccc"))
    p = QtGui.QPainter(tile)
    p.fillRect(0, 0, 8, 8, QtGui.QColor("#999999"))
    p.fillRect(8, 8, 8, 8, QtGui.QColor("#999999"))
    p.end()
    return QtGui.QBrush(tile)


class ImageLayer(QtWidgets.QGraphicsItem):
    def __init__(self, source: ImageSource, on_need_pyramid: Callable[[], None],
                 preview: QtGui.QImage | None = None):
        super().__init__()
        self.setFlag(QtWidgets.QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.source = source
        self.rect = QRectF(0, 0, source.width, source.height)
        if preview is None:  # made here unless a worker thread made it
            preview = qimage_from_array(source.preview_array())
        self.preview = QtGui.QPixmap.fromImage(preview)
        self.preview_scale = source.preview_scale
        self.alpha = source.mode == "RGBA"
        self.checker = _checker_brush() if self.alpha else None
        self.pyramid: Pyramid | None = None
        self.on_need_pyramid = on_need_pyramid
        self.tiles: OrderedDict[tuple[int, int, int], QtGui.QImage] = OrderedDict()
        self.tile_bytes = 0
        self.pending = False
        self.tiles_drawn = 0

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        return self.rect

    def set_pyramid(self, pyramid: Pyramid | None) -> None:
        self.pyramid = pyramid
        self.tiles.clear()
        self.tile_bytes = 0
        self.update()

    def _tile(self, li: int, tx: int, ty: int, deadline: float) -> QtGui.QImage | None:
        key = (li, tx, ty)
        image = self.tiles.get(key)
        if image is not None:
            self.tiles.move_to_end(key)
            return image
        if time.perf_counter() > deadline:
            return None
        level = self.pyramid.levels[li]
        arr = level.region(tx * TILE, ty * TILE, (tx + 1) * TILE, (ty + 1) * TILE)
        image = qimage_from_array(arr)
        self.tiles[key] = image
        self.tile_bytes += image.sizeInBytes()
        while self.tile_bytes > TILE_CACHE_BYTES and len(self.tiles) > 1:
            _, old = self.tiles.popitem(last=False)
            self.tile_bytes -= old.sizeInBytes()
        return image

    def paint(self, painter: QtGui.QPainter, option, widget=None) -> None:
        exposed = option.exposedRect.intersected(self.rect)
        if exposed.isEmpty():
            return
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setRenderHint(QtGui.QPainter.RenderHint.SmoothPixmapTransform, lod < 2.0)
        if self.checker is not None:
            painter.save()
            painter.setBrush(self.checker)
            painter.setPen(QtCore.Qt.PenStyle.NoPen)
            painter.drawRect(exposed)
            painter.restore()
        wants_detail = lod > self.preview_scale * 1.05 and self.source.needs_pyramid()
        if wants_detail and self.pyramid is None:
            self.on_need_pyramid()
        if not wants_detail or self.pyramid is None:
            self._draw_preview(painter, exposed)
            return
        level = self.pyramid.best_level(lod)
        li = self.pyramid.levels.index(level)
        if level.scale <= self.preview_scale * 1.001:
            self._draw_preview(painter, exposed)
            return
        s = level.scale
        tx0 = max(0, int(exposed.left() * s) // TILE)
        ty0 = max(0, int(exposed.top() * s) // TILE)
        tx1 = min((level.width - 1) // TILE, int(math.ceil(exposed.right() * s)) // TILE)
        ty1 = min((level.height - 1) // TILE, int(math.ceil(exposed.bottom() * s)) // TILE)
        deadline = time.perf_counter() + TILE_BUDGET_S
        missing = False
        for ty in range(ty0, ty1 + 1):
            for tx in range(tx0, tx1 + 1):
                image = self._tile(li, tx, ty, deadline)
                target = QRectF(tx * TILE / s, ty * TILE / s, TILE / s, TILE / s).intersected(self.rect)
                if image is None:
                    missing = True
                    self._draw_preview(painter, target)
                    continue
                painter.drawImage(QRectF(target.topLeft(), QtCore.QSizeF(image.width() / s, image.height() / s)),
                                  image)
                self.tiles_drawn += 1
        if missing and not self.pending:
            self.pending = True
            QtCore.QTimer.singleShot(0, self._repaint_pending)

    def _repaint_pending(self) -> None:
        self.pending = False
        if shiboken6.isValid(self):  # the editor may have closed since the repaint was asked for
            self.update()

    def _draw_preview(self, painter: QtGui.QPainter, target: QRectF) -> None:
        k = self.preview_scale
        source = QRectF(target.left() * k, target.top() * k, target.width() * k, target.height() * k)
        painter.drawPixmap(target, self.preview, source)


class ShapesLayer(QtWidgets.QGraphicsItem):
    """Paints all shapes, the shape being drawn, handles and the expected (gold) shapes."""

    def __init__(self, width: int, height: int):
        super().__init__()
        self.setFlag(QtWidgets.QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.rect = QRectF(0, 0, width, height)
        self.index = ShapeIndex()
        self.polys: list[QtGui.QPolygonF] = []
        self.colors: dict[str, QtGui.QColor] = {}
        self.pens: dict[str, tuple[QtGui.QPen, QtGui.QPen, QtGui.QBrush]] = {}
        self.hidden: set[str] = set()
        self.all_hidden = False
        self.selected: str | None = None
        self.selected_vertex: int | None = None
        self.draft: list[tuple[float, float]] = []
        self.draft_type: str | None = None
        self.draft_label: str | None = None
        self.cursor: QPointF | None = None
        self.expected: list[Shape] = []
        self.expected_polys: list[QtGui.QPolygonF] = []
        self.handle_pen = QtGui.QPen(QtGui.QColor("white"), 9, QtCore.Qt.PenStyle.SolidLine,
                                     QtCore.Qt.PenCapStyle.SquareCap)
        self.handle_pen.setCosmetic(True)
        self.handle_inner = QtGui.QPen(QtGui.QColor("#202020"), 5, QtCore.Qt.PenStyle.SolidLine,
                                       QtCore.Qt.PenCapStyle.SquareCap)
        self.handle_inner.setCosmetic(True)
        self.ring_pen = QtGui.QPen(QtGui.QColor("white"), 2)
        self.ring_pen.setCosmetic(True)
        self.vertex_pen = QtGui.QPen(QtGui.QColor("#ffd400"), 11, QtCore.Qt.PenStyle.SolidLine,
                                     QtCore.Qt.PenCapStyle.SquareCap)
        self.vertex_pen.setCosmetic(True)
        self.expected_pen = QtGui.QPen(QtGui.QColor("#ffffff"), 2, QtCore.Qt.PenStyle.DashLine)
        self.expected_pen.setCosmetic(True)
        self.expected_pen2 = QtGui.QPen(QtGui.QColor("#000000"), 2, QtCore.Qt.PenStyle.DotLine)
        self.expected_pen2.setCosmetic(True)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        return self.rect.adjusted(-50, -50, 50, 50)

    def set_colors(self, colors: dict[str, str]) -> None:
        self.colors = {name: QtGui.QColor(c) for name, c in colors.items()}
        self.pens.clear()

    def _pens(self, label: str) -> tuple[QtGui.QPen, QtGui.QPen, QtGui.QBrush]:
        pens = self.pens.get(label)
        if pens is None:
            color = self.colors.get(label) or QtGui.QColor("#ff00ff")
            line = QtGui.QPen(color, 2)
            line.setCosmetic(True)
            line.setJoinStyle(QtCore.Qt.PenJoinStyle.MiterJoin)
            dot = QtGui.QPen(color, 9, QtCore.Qt.PenStyle.SolidLine, QtCore.Qt.PenCapStyle.RoundCap)
            dot.setCosmetic(True)
            fill = QtGui.QColor(color)
            fill.setAlpha(60)
            pens = (line, dot, QtGui.QBrush(fill))
            self.pens[label] = pens
        return pens

    @property
    def shapes(self) -> list[Shape]:
        return self.index.shapes

    @staticmethod
    def outline(shape: Shape) -> QtGui.QPolygonF:
        return QtGui.QPolygonF([QPointF(x, y) for x, y in outline(shape)])

    def set_shapes(self, shapes: list[Shape]) -> None:
        self.prepareGeometryChange()
        self.index.set(shapes)
        self.polys = [self.outline(s) for s in self.index.shapes]
        self.update()

    def replace_shape(self, index: int, shape: Shape) -> None:
        """Cheap update while dragging one shape."""
        self.index.replace(index, shape)
        self.polys[index] = self.outline(shape)
        self.update()

    def set_expected(self, shapes: list[Shape]) -> None:
        self.expected = list(shapes)
        self.expected_polys = [self.outline(s) for s in shapes]
        self.update()

    def visible_indices(self, rect: QRectF | None = None) -> np.ndarray:
        """The shapes shown (label not hidden) that meet ``rect`` (scene coordinates)."""
        box = None if rect is None else (rect.left(), rect.top(), rect.right(), rect.bottom())
        return self.index.visible(box, self.hidden, self.all_hidden)

    def shape_at(self, x: float, y: float, tol: float) -> int | None:
        """The index of the shown shape a click at ``(x, y)`` picks (:meth:`ShapeIndex.shape_at`)."""
        return self.index.shape_at(x, y, tol, self.hidden, self.all_hidden)

    def paint(self, painter: QtGui.QPainter, option, widget=None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        margin = 12 / max(lod, 1e-6)
        exposed = option.exposedRect.adjusted(-margin, -margin, margin, margin)
        indices = self.visible_indices(exposed)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, len(indices) < 300)
        by_label: dict[str, list[int]] = {}
        for i in indices.tolist():
            by_label.setdefault(self.shapes[i].label, []).append(i)
        selected_index = None
        for label, idx in by_label.items():
            line, dot, fill = self._pens(label)
            painter.setPen(line)
            painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
            points = []
            for i in idx:
                shape = self.shapes[i]
                if shape.id == self.selected:
                    selected_index = i
                if shape.type == "point":
                    points.append(self.polys[i][0])
                else:
                    painter.drawPolygon(self.polys[i])
            if points:
                painter.setPen(dot)
                painter.drawPoints(points)
        if selected_index is not None:
            shape = self.shapes[selected_index]
            line, dot, fill = self._pens(shape.label)
            painter.setBrush(fill)
            thick = QtGui.QPen(line)
            thick.setWidth(3)
            painter.setPen(thick)
            if shape.type == "point":  # a ring around the selected point
                painter.setPen(self.ring_pen)
                painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
                r = 9 / max(lod, 1e-6)
                painter.drawEllipse(self.polys[selected_index][0], r, r)
                painter.setPen(dot)
                painter.drawPoint(self.polys[selected_index][0])
                handles = []
            else:
                painter.drawPolygon(self.polys[selected_index])
                handles = list(self.polys[selected_index])
            if handles:
                painter.setPen(self.handle_pen)
                painter.drawPoints(handles)
                painter.setPen(self.handle_inner)
                painter.drawPoints(handles)
            if handles and self.selected_vertex is not None and 0 <= self.selected_vertex < len(handles):
                painter.setPen(self.vertex_pen)
                painter.drawPoint(handles[self.selected_vertex])
        if self.expected_polys:
            painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
            for pen in (self.expected_pen, self.expected_pen2):
                painter.setPen(pen)
                for shape, poly in zip(self.expected, self.expected_polys):
                    if shape.type == "point":
                        painter.drawEllipse(poly[0], 8 / lod, 8 / lod)
                    else:
                        painter.drawPolygon(poly)
        self._paint_draft(painter)

    def _paint_draft(self, painter: QtGui.QPainter) -> None:
        if not self.draft_type or not self.draft:
            return
        line, dot, fill = self._pens(self.draft_label or "")
        dashed = QtGui.QPen(line)
        dashed.setStyle(QtCore.Qt.PenStyle.DashLine)
        painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        pts = [QPointF(x, y) for x, y in self.draft]
        if self.draft_type == "box":
            end = self.cursor if self.cursor is not None else pts[-1]
            painter.setPen(dashed)
            painter.drawRect(QRectF(pts[0], end).normalized())
            return
        painter.setPen(line)
        painter.drawPolyline(QtGui.QPolygonF(pts))
        if self.cursor is not None:
            painter.setPen(dashed)
            painter.drawLine(pts[-1], self.cursor)
        painter.setPen(self.handle_pen)
        painter.drawPoints(pts)
        painter.setPen(self.handle_inner)
        painter.drawPoints(pts)


class Canvas(QtWidgets.QGraphicsView):
    """The view: zoom (wheel around the cursor, fit, 1:1), pan (space-drag, middle button), crosshair."""

    zoom_changed = QtCore.Signal(float)
    mouse_pressed = QtCore.Signal(object, object)  # scene pos, QMouseEvent
    mouse_moved = QtCore.Signal(object, object)
    mouse_released = QtCore.Signal(object, object)
    mouse_double_clicked = QtCore.Signal(object, object)
    key_pressed = QtCore.Signal(object)

    MIN_ZOOM = 1 / 256
    MAX_ZOOM = 64.0

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setScene(QtWidgets.QGraphicsScene(self))
        self.scene().setItemIndexMethod(QtWidgets.QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setBackgroundBrush(QtGui.QColor("#2b2b2b"))
        self.setTransformationAnchor(QtWidgets.QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QtWidgets.QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QtWidgets.QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QtWidgets.QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setMouseTracking(True)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.setDragMode(QtWidgets.QGraphicsView.DragMode.NoDrag)
        self.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.image_rect = QRectF()
        self.space_down = False
        self.panning: QtCore.QPoint | None = None
        self.crosshair = False
        self.cursor_scene: QPointF | None = None
        self.cross_pen = QtGui.QPen(QtGui.QColor(255, 255, 255, 170), 1, QtCore.Qt.PenStyle.DashLine)
        self.cross_pen.setCosmetic(True)
        self.fitted = True
        self.message = ""
        """A line shown over the view (the image is opening, or cannot be shown)."""

    # ------------------------------------------------------------------ zoom

    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, zoom: float, anchor_view: QtCore.QPointF | None = None) -> None:
        zoom = min(self.MAX_ZOOM, max(self.MIN_ZOOM, zoom))
        if anchor_view is None:
            anchor_view = QPointF(self.viewport().rect().center())
        before = self.mapToScene(anchor_view.toPoint())
        self.setTransform(QtGui.QTransform.fromScale(zoom, zoom))
        after = self.mapToScene(anchor_view.toPoint())
        delta = after - before
        self.translate(delta.x(), delta.y())
        # scrollbars may clamp; re-anchor exactly
        now = self.mapToScene(anchor_view.toPoint())
        self._scroll_by_scene(now - before)
        self.fitted = False
        self.zoom_changed.emit(self.zoom())

    def _scroll_by_scene(self, delta: QPointF) -> None:
        z = self.zoom()
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() - round(delta.x() * z))
        v.setValue(v.value() - round(delta.y() * z))

    def zoom_by(self, factor: float, anchor_view: QPointF | None = None) -> None:
        self.set_zoom(self.zoom() * factor, anchor_view)

    def fit(self) -> None:
        if self.image_rect.isEmpty():
            return
        self.resetTransform()
        self.fitInView(self.image_rect, QtCore.Qt.AspectRatioMode.KeepAspectRatio)
        self.fitted = True
        self.zoom_changed.emit(self.zoom())

    def actual_size(self) -> None:
        self.set_zoom(1.0)

    def center_scene(self) -> QPointF:
        return self.mapToScene(self.viewport().rect().center())

    def set_image_rect(self, rect: QRectF) -> None:
        self.image_rect = QRectF(rect)
        margin = max(rect.width(), rect.height()) * 0.5
        self.setSceneRect(rect.adjusted(-margin, -margin, margin, margin))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if self.fitted:
            self.fit()

    def wheelEvent(self, event: QtGui.QWheelEvent) -> None:  # noqa: N802 - Qt API
        delta = event.angleDelta().y() or event.angleDelta().x()
        if not delta:
            return
        self.zoom_by(math.pow(1.0015, delta), event.position())
        event.accept()

    # ------------------------------------------------------------------ pan

    def pan_by(self, dx: int, dy: int) -> None:
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + dx)
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + dy)
        self.fitted = False

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() == QtCore.Qt.Key.Key_Space and not event.isAutoRepeat():
            self.space_down = True
            self.viewport().setCursor(QtCore.Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        self.key_pressed.emit(event)

    def keyReleaseEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() == QtCore.Qt.Key.Key_Space and not event.isAutoRepeat():
            self.space_down = False
            self.panning = None
            self.viewport().unsetCursor()
            self.update_cursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 - Qt API; Tab cycles shapes
        return False

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.space_down = False
        self.panning = None
        super().focusOutEvent(event)

    def update_cursor(self) -> None:
        if self.space_down:
            self.viewport().setCursor(QtCore.Qt.CursorShape.OpenHandCursor)
        elif self.crosshair:
            self.viewport().setCursor(QtCore.Qt.CursorShape.CrossCursor)
        else:
            self.viewport().setCursor(QtCore.Qt.CursorShape.ArrowCursor)

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 - Qt API
        self.setFocus()
        if event.button() == QtCore.Qt.MouseButton.MiddleButton or (
                self.space_down and event.button() == QtCore.Qt.MouseButton.LeftButton):
            self.panning = event.position().toPoint()
            self.viewport().setCursor(QtCore.Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        self.mouse_pressed.emit(self.mapToScene(event.position().toPoint()), event)

    def mouseMoveEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 - Qt API
        pos = event.position().toPoint()
        if self.panning is not None:
            d = pos - self.panning
            self.panning = pos
            self.pan_by(-d.x(), -d.y())
            event.accept()
            return
        scene = self.mapToScene(pos)
        if self.crosshair:
            self._update_cross(scene)
        self.mouse_moved.emit(scene, event)

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 - Qt API
        if self.panning is not None and event.button() in (QtCore.Qt.MouseButton.MiddleButton,
                                                           QtCore.Qt.MouseButton.LeftButton):
            self.panning = None
            self.update_cursor()
            event.accept()
            return
        self.mouse_released.emit(self.mapToScene(event.position().toPoint()), event)

    def mouseDoubleClickEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 - Qt API
        self.mouse_double_clicked.emit(self.mapToScene(event.position().toPoint()), event)

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt API
        super().scrollContentsBy(dx, dy)
        if self.crosshair or self.message:
            self.viewport().update()

    # ------------------------------------------------------------------ crosshair

    def _update_cross(self, scene: QPointF) -> None:
        vp = self.viewport()
        old = self.cursor_scene
        self.cursor_scene = scene
        for p in (old, scene):
            if p is None:
                continue
            v = self.mapFromScene(p)
            vp.update(QtCore.QRect(0, v.y() - 2, vp.width(), 5))
            vp.update(QtCore.QRect(v.x() - 2, 0, 5, vp.height()))

    def set_crosshair(self, on: bool) -> None:
        if on != self.crosshair:
            self.crosshair = on
            self.viewport().update()
        self.update_cursor()

    def set_message(self, text: str) -> None:
        if text != self.message:
            self.message = text
            self.viewport().update()

    def _paint_message(self, painter: QtGui.QPainter) -> None:
        painter.save()
        painter.resetTransform()
        area = QRectF(self.viewport().rect()).adjusted(24, 24, -24, -24)
        flags = int(QtCore.Qt.AlignmentFlag.AlignCenter) | int(QtCore.Qt.TextFlag.TextWordWrap)
        bounds = painter.boundingRect(area, flags, self.message).adjusted(-12, -8, 12, 8)
        painter.setPen(QtCore.Qt.PenStyle.NoPen)
        painter.setBrush(QtGui.QColor(0, 0, 0, 190))
        painter.drawRoundedRect(bounds, 6, 6)
        painter.setPen(QtGui.QColor("white"))
        painter.drawText(area, flags, self.message)  # plain text: QPainter never reads markup
        painter.restore()

    def drawForeground(self, painter: QtGui.QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt API
        if self.message:
            self._paint_message(painter)
        if not self.crosshair or self.cursor_scene is None:
            return
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        p = self.cursor_scene
        painter.setPen(self.cross_pen)
        painter.drawLine(QPointF(visible.left(), p.y()), QPointF(visible.right(), p.y()))
        painter.drawLine(QPointF(p.x(), visible.top()), QPointF(p.x(), visible.bottom()))
