"""The drawing surface: a QGraphicsView with two items.

* :class:`ImageLayer` paints the preview at once and, when the worker zooms past
  its resolution, 512-pixel tiles of the pyramid level that fits the zoom
  (an LRU cache bounded in bytes holds the tiles; missing tiles are read within a
  time budget per frame and the rest on the next frame).
* :class:`~annotator_image._qt.shapes_layer.ShapesLayer` paints every shape (its own module).

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

from annotator_image.imageio import TILE, ImageSource, Pyramid

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


class Minimap(QtWidgets.QWidget):
    """The whole image in a corner of the view with the part on screen framed, shown at high zoom
    (when less than :attr:`SHOW_BELOW` of the image's width or height is on screen); a click or a
    drag on it centres the view there."""

    SIZE = 180
    SHOW_BELOW = 0.6

    def __init__(self, canvas: "Canvas"):
        super().__init__(canvas)
        self.canvas = canvas
        self.setObjectName("Minimap")
        self.preview: QtGui.QPixmap | None = None
        self.scaled: QtGui.QPixmap | None = None
        self.frame = QRectF()
        self.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)
        self.hide()

    def set_preview(self, pixmap: QtGui.QPixmap | None) -> None:
        self.preview = pixmap
        self.scaled = None
        if pixmap is not None and not pixmap.isNull():
            self.scaled = pixmap.scaled(self.SIZE, self.SIZE, QtCore.Qt.AspectRatioMode.KeepAspectRatio,
                                        QtCore.Qt.TransformationMode.SmoothTransformation)
            self.setFixedSize(self.scaled.size() + QtCore.QSize(4, 4))
        self.refresh()

    def _scale(self) -> float:
        image = self.canvas.image_rect
        return self.scaled.width() / image.width() if self.scaled is not None and image.width() else 0.0

    def refresh(self) -> None:
        """Show or hide for the view as it is now, frame what is on screen, stay in the corner."""
        canvas, image = self.canvas, self.canvas.image_rect
        if self.scaled is None or image.isEmpty():
            self.hide()
            return
        seen = canvas.mapToScene(canvas.viewport().rect()).boundingRect().intersected(image)
        show = seen.width() < image.width() * self.SHOW_BELOW or seen.height() < image.height() * self.SHOW_BELOW
        if show:
            s = self._scale()
            self.frame = QRectF(2 + seen.left() * s, 2 + seen.top() * s, seen.width() * s, seen.height() * s)
            vp = canvas.viewport().geometry()
            self.move(vp.right() - self.width() - 8, vp.bottom() - self.height() - 8)
            self.update()
        self.setVisible(show)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.scaled is None:
            return
        p = QtGui.QPainter(self)
        p.fillRect(self.rect(), QtGui.QColor(0, 0, 0, 200))
        p.drawPixmap(2, 2, self.scaled)
        frame = self.frame.adjusted(0, 0, -1, -1)
        for color, width in (("#000000", 3), ("#ffd400", 1)):
            p.setPen(QtGui.QPen(QtGui.QColor(color), width))
            p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
            p.drawRect(frame)
        p.end()

    def _centre(self, pos: QtCore.QPointF) -> None:
        s = self._scale()
        if s:
            self.canvas.centerOn(QPointF((pos.x() - 2) / s, (pos.y() - 2) / s))
            self.canvas.fitted = False

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 - Qt API
        self._centre(event.position())
        event.accept()

    def mouseMoveEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.buttons() & QtCore.Qt.MouseButton.LeftButton:
            self._centre(event.position())
        event.accept()


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
        self.minimap = Minimap(self)

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
        self.minimap.refresh()
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
        self.minimap.refresh()
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
        self.minimap.refresh()
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
        self.minimap.refresh()
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
