"""The shapes on the canvas, drawn the way CVAT and Label Studio draw them (``docs/image.md``).

:class:`ShapesLayer` paints every shape in one ``paint`` call: shapes outside the exposed
rectangle are culled with one numpy test (:class:`annotator_image.hits.ShapeIndex`, the
same the editor picks shapes with), pens are cosmetic and cached per label, and the
outlines (``QPolygonF``) are built when shapes change, never while painting.

* every outline is 2 screen pixels of the label's colour over a 4-pixel **halo** in the
  colour that contrasts with it (black under a light colour, white under a dark one), so a
  red box on a red car stays visible;
* each shape large enough on screen carries a **label chip**: its label's name on the label's
  colour at the shape's top-left corner, in screen pixels at any zoom (plain text: a pack's
  label name is data, never markup);
* the **selected** shape is filled with its colour, outlined 3 pixels over a 7-pixel halo,
  shows its handles and an inverted chip;
* a **machine-made** shape (a prelabel the worker has not touched) is dashed over its halo and
  its chip is hollow, with the machine's score when it gave one.

Outlines and halos are drawn once into a **cached pixmap** of the view and the area around it,
at the view's zoom (:class:`OutlineCache`): panning, selecting, drawing a shape, moving the
pointer only copy it; a zoom, an edit or a hidden label draws it again. What changes on its own
(the selected shape, the shape being dragged, the shape being drawn, the gold shapes, the chips)
is painted over it every frame. Without the cache (a rotated view, a cache too large),
outlines keep their halo while fewer than :data:`HALOS_BELOW` shapes are in view.
"""
from __future__ import annotations

import math

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from annotator_image.hits import ShapeIndex, outline
from annotator_image.model import Shape

QRectF = QtCore.QRectF
QPointF = QtCore.QPointF

#: at most this many label chips in one frame (a crowd of tiny shapes would be a wall of text)
MAX_CHIPS = 150
#: a shape gets its chip when its longer side covers this many screen pixels
CHIP_MIN_PIXELS = 14
#: the widest a chip grows before its text is elided
CHIP_MAX_WIDTH = 180
#: outlines get their halo while fewer shapes than this are in view: a 4-pixel stroke costs about
#: three 2-pixel ones, and 2,000 halos would take a frame past 16 ms (the selected shape keeps its own)
HALOS_BELOW = 300
#: items with fewer shapes are painted directly (a few shapes cost less than filling and copying a cache)
CACHE_FROM = 100
#: the cache keeps halos up to this many shapes in its area (drawn once per zoom or edit, not per frame)
CACHED_HALOS_BELOW = 5000
#: the cached area: the view and this fraction of its size on every side
CACHE_MARGIN = 0.25
#: while the worker zooms a crowded image, frames are drawn without the cache (and without halos past
#: HALOS_BELOW shapes); the cache is drawn this long after the last zoom step
SETTLE_MS = 200
#: the largest cached pixmap (device pixels); larger (a huge screen at a high device ratio): no cache
CACHE_MAX_PIXELS = 12_000_000


def contrast(color: QtGui.QColor) -> QtGui.QColor:
    """Black or white, whichever stands out on ``color`` (relative luminance, as WCAG)."""
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    lum = 0.2126 * lin(color.redF()) + 0.7152 * lin(color.greenF()) + 0.0722 * lin(color.blueF())
    return QtGui.QColor("#000000") if lum > 0.22 else QtGui.QColor("#ffffff")


def _pen(color: QtGui.QColor, width: float, style=QtCore.Qt.PenStyle.SolidLine,
         cap=QtCore.Qt.PenCapStyle.SquareCap) -> QtGui.QPen:
    pen = QtGui.QPen(color, width, style, cap)
    pen.setCosmetic(True)
    pen.setJoinStyle(QtCore.Qt.PenJoinStyle.MiterJoin)
    return pen


class LabelPens:
    """Everything one label is drawn with."""

    def __init__(self, color: QtGui.QColor):
        self.color = color
        self.ink = contrast(color)
        halo = QtGui.QColor(self.ink)
        halo.setAlpha(200)
        self.halo = _pen(halo, 4)
        self.line = _pen(color, 2)
        self.dashed = _pen(color, 2, QtCore.Qt.PenStyle.DashLine, QtCore.Qt.PenCapStyle.FlatCap)
        self.dot_halo = _pen(halo, 12, cap=QtCore.Qt.PenCapStyle.RoundCap)
        self.dot = _pen(color, 8, cap=QtCore.Qt.PenCapStyle.RoundCap)
        self.selected_halo = _pen(halo, 7)
        self.selected_line = _pen(color, 3)
        fill = QtGui.QColor(color)
        fill.setAlpha(70)
        self.fill = QtGui.QBrush(fill)


class OutlineCache:
    """The outlines and halos of the shapes in an area of the scene, drawn at one zoom."""

    def __init__(self):
        self.key: tuple | None = None
        self.region = QRectF()
        self.pixmap: QtGui.QPixmap | None = None
        self.renders = 0
        """How many times it was drawn (tests read it)."""

    def covers(self, key: tuple, view: QRectF, bounds: QRectF) -> bool:
        """Whether the cache holds what ``view`` shows of the layer (``bounds``) with this ``key``."""
        shown = view.intersected(bounds)
        return self.pixmap is not None and key == self.key and (shown.isEmpty() or self.region.contains(shown))

    def clear(self) -> None:
        self.key, self.pixmap = None, None


class ShapesLayer(QtWidgets.QGraphicsItem):
    """Paints all shapes, the shape being drawn, handles, label chips and the expected (gold) shapes."""

    def __init__(self, width: int, height: int):
        super().__init__()
        self.setFlag(QtWidgets.QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.rect = QRectF(0, 0, width, height)
        self.index = ShapeIndex()
        self.polys: list[QtGui.QPolygonF] = []
        self.edges: list[list[QtCore.QLineF]] = []
        self.colors: dict[str, QtGui.QColor] = {}
        self.pens: dict[str, LabelPens] = {}
        self.hidden: set[str] = set()
        """Labels hidden (Alt+1..9, the panel's boxes)."""
        self.hidden_shapes: set[str] = set()
        """Shapes hidden one by one (the shapes list)."""
        self.all_hidden = False
        self.chips = True
        self.selected: str | None = None
        self.selected_vertex: int | None = None
        self.draft: list[tuple[float, float]] = []
        self.draft_type: str | None = None
        self.draft_label: str | None = None
        self.cursor: QPointF | None = None
        self.expected: list[Shape] = []
        self.expected_polys: list[QtGui.QPolygonF] = []
        self.chips_drawn: list[tuple[str, QRectF]] = []
        """The chips of the last frame: ``(shape id, viewport rectangle)`` (tests read them)."""
        self.font = QtGui.QFont()
        self.font.setPixelSize(12)
        self.metrics = QtGui.QFontMetricsF(self.font)
        self._chip_text: dict[tuple[str, float | None], str] = {}
        self._chip_pixmaps: dict[tuple[str, str, bool, bool, float], QtGui.QPixmap] = {}
        self.handle_pen = _pen(QtGui.QColor("white"), 9)
        self.handle_inner = _pen(QtGui.QColor("#202020"), 5)
        self.ring_pen = _pen(QtGui.QColor("white"), 2)
        self.vertex_pen = _pen(QtGui.QColor("#ffd400"), 11)
        self.expected_pen = _pen(QtGui.QColor("#ffffff"), 2, QtCore.Qt.PenStyle.DashLine)
        self.expected_pen2 = _pen(QtGui.QColor("#000000"), 2, QtCore.Qt.PenStyle.DotLine)
        self.cache = OutlineCache()
        self.use_cache = True
        self._version = 0
        """Bumped whenever the shapes or their colours change (the cache's key)."""
        self._live: int | None = None
        """The shape being dragged: left out of the cache, painted every frame."""
        self._painted_scale: tuple[float, float] | None = None
        self._settle = QtCore.QTimer()
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._settled)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        m = max(50.0, 0.5 * max(self.rect.width(), self.rect.height()))  # room for chips above the top edge
        return self.rect.adjusted(-m, -m, m, m)

    def set_colors(self, colors: dict[str, str]) -> None:
        self.colors = {name: QtGui.QColor(c) for name, c in colors.items()}
        self.pens.clear()
        self._chip_pixmaps.clear()
        self._version += 1

    def _pens(self, label: str) -> LabelPens:
        pens = self.pens.get(label)
        if pens is None:
            pens = self.pens[label] = LabelPens(self.colors.get(label) or QtGui.QColor("#ff00ff"))
        return pens

    @property
    def shapes(self) -> list[Shape]:
        return self.index.shapes

    @staticmethod
    def outline(shape: Shape) -> QtGui.QPolygonF:
        return QtGui.QPolygonF([QPointF(x, y) for x, y in outline(shape)])

    @staticmethod
    def edges_of(poly: QtGui.QPolygonF) -> list[QtCore.QLineF]:
        """The sides of a closed outline, to stroke many shapes in one call (``drawLines``)."""
        n = poly.size()
        return [QtCore.QLineF(poly[k], poly[(k + 1) % n]) for k in range(n)] if n > 1 else []

    def set_shapes(self, shapes: list[Shape]) -> None:
        self.prepareGeometryChange()
        self.index.set(shapes)
        self.polys = [self.outline(s) for s in self.index.shapes]
        self.edges = [self.edges_of(p) for p in self.polys]
        self._live = None
        self._version += 1
        self.update()

    def replace_shape(self, index: int, shape: Shape) -> None:
        """Cheap update while dragging one shape."""
        self.index.replace(index, shape)
        self.polys[index] = self.outline(shape)
        self.edges[index] = self.edges_of(self.polys[index])
        if self._live != index:  # the cache is drawn once without it; it follows the pointer over it
            self._live = index
            self._version += 1
        self.update()

    def set_expected(self, shapes: list[Shape]) -> None:
        self.expected = list(shapes)
        self.expected_polys = [self.outline(s) for s in shapes]
        self.update()

    def visible_indices(self, rect: QRectF | None = None) -> np.ndarray:
        """The shapes shown (label and shape not hidden) that meet ``rect`` (scene coordinates)."""
        box = None if rect is None else (rect.left(), rect.top(), rect.right(), rect.bottom())
        return self.index.visible(box, self.hidden, self.all_hidden, self.hidden_shapes)

    def shape_at(self, x: float, y: float, tol: float) -> int | None:
        """The index of the shown shape a click at ``(x, y)`` picks (:meth:`ShapeIndex.shape_at`)."""
        return self.index.shape_at(x, y, tol, self.hidden, self.all_hidden, self.hidden_shapes)

    # ------------------------------------------------------------------ painting

    def paint(self, painter: QtGui.QPainter, option, widget=None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        margin = 12 / max(lod, 1e-6)
        exposed = option.exposedRect.adjusted(-margin, -margin, margin, margin)
        indices = self.visible_indices(exposed).tolist()
        selected_index = None
        if self.selected is not None:
            selected_index = next((i for i in indices if self.shapes[i].id == self.selected), None)
        painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        if self._paint_cached(painter, widget):
            live = [i for i in (self._live,) if i is not None and i in indices and i != selected_index]
            self._paint_outlines(painter, live, halos=True)
        else:
            painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, len(indices) < 300)
            self._paint_outlines(painter, [i for i in indices if i != selected_index], len(indices) < HALOS_BELOW)
        if selected_index is not None:
            self._paint_selected(painter, selected_index, lod)
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
        self.chips_drawn = []
        if self.chips:
            self._paint_chips(painter, indices, selected_index, lod)

    def _paint_outlines(self, painter: QtGui.QPainter, indices: list[int], halos: bool) -> None:
        """The outlines of ``indices`` (and their halos), label by label: every halo first, then the lines."""
        by_label: dict[str, list[int]] = {}
        for i in indices:
            by_label.setdefault(self.shapes[i].label, []).append(i)
        for label, idx in by_label.items():
            pens = self._pens(label)
            areas = [i for i in idx if self.shapes[i].type != "point"]
            points = [self.polys[i][0] for i in idx if self.shapes[i].type == "point"]
            edges = self.edges  # one call per pen: a call per shape costs more than its pixels
            if halos and areas:
                painter.setPen(pens.halo)
                painter.drawLines([e for i in areas for e in edges[i]])
            machine = [i for i in areas if self.shapes[i].machine]
            drawn = areas if not machine else [i for i in areas if not self.shapes[i].machine]
            if drawn:
                painter.setPen(pens.line)
                painter.drawLines([e for i in drawn for e in edges[i]])
            if machine:
                painter.setPen(pens.dashed)
                for i in machine:
                    painter.drawPolygon(self.polys[i])
            if points:
                painter.setPen(pens.dot_halo)
                painter.drawPoints(points)
                painter.setPen(pens.dot)
                painter.drawPoints(points)

    def _paint_cached(self, painter: QtGui.QPainter, widget) -> bool:
        """Copy the cached outlines of the view (drawing them first if the zoom, the shapes or what is
        hidden changed, or the view left the cached area); ``False`` where no cache applies."""
        world = painter.worldTransform()
        if not self.use_cache or widget is None or len(self.shapes) < CACHE_FROM or world.type().value > QtGui.QTransform.TransformationType.TxScale.value:
            return False
        dpr = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        sx, sy = world.m11(), world.m22()
        view = world.inverted()[0].mapRect(QRectF(widget.rect()))
        key = (round(sx, 9), round(sy, 9), dpr, self._version, self._live, frozenset(self.hidden),
               frozenset(self.hidden_shapes), self.all_hidden)
        cache = self.cache
        scale, zooming = key[:2], self._painted_scale is not None and key[:2] != self._painted_scale
        self._painted_scale = scale
        if not cache.covers(key, view, self.boundingRect()):
            mx, my = view.width() * CACHE_MARGIN, view.height() * CACHE_MARGIN
            region = view.adjusted(-mx, -my, mx, my).intersected(self.boundingRect())
            if zooming and len(self.visible_indices(region)) >= HALOS_BELOW:
                self._settle.start()  # a zoom step on a crowded image: the cache once the zoom settles
                return False
            w, h = math.ceil(region.width() * sx * dpr), math.ceil(region.height() * sy * dpr)
            if w <= 0 or h <= 0 or w * h > CACHE_MAX_PIXELS:
                cache.clear()
                return False
            pixmap = QtGui.QPixmap(w, h)
            pixmap.setDevicePixelRatio(dpr)
            pixmap.fill(QtCore.Qt.GlobalColor.transparent)
            indices = [i for i in self.visible_indices(region).tolist() if i != self._live]
            p = QtGui.QPainter(pixmap)
            p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, len(indices) < 300)
            p.scale(sx, sy)
            p.translate(-region.left(), -region.top())
            p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
            self._paint_outlines(p, indices, len(indices) < CACHED_HALOS_BELOW)
            p.end()
            cache.key, cache.region, cache.pixmap = key, region, pixmap
            cache.renders += 1
        corner = world.map(cache.region.topLeft())
        painter.save()
        painter.resetTransform()
        painter.drawPixmap(QPointF(round(corner.x()), round(corner.y())), cache.pixmap)
        painter.restore()
        return True

    def _settled(self) -> None:
        try:
            self.update()
        except RuntimeError:  # the layer left with its item
            pass

    def _paint_selected(self, painter: QtGui.QPainter, index: int, lod: float) -> None:
        shape, poly = self.shapes[index], self.polys[index]
        pens = self._pens(shape.label)
        if shape.type == "point":  # a ring around the selected point
            r = 10 / max(lod, 1e-6)
            painter.setBrush(pens.fill)
            painter.setPen(pens.selected_halo)
            painter.drawEllipse(poly[0], r, r)
            painter.setPen(self.ring_pen)
            painter.drawEllipse(poly[0], r, r)
            painter.setPen(pens.dot_halo)
            painter.drawPoint(poly[0])
            painter.setPen(pens.dot)
            painter.drawPoint(poly[0])
            return
        painter.setBrush(pens.fill)
        painter.setPen(pens.selected_halo)
        painter.drawPolygon(poly)
        painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        line = QtGui.QPen(pens.selected_line)
        if shape.machine:
            line.setStyle(QtCore.Qt.PenStyle.DashLine)
        painter.setPen(line)
        painter.drawPolygon(poly)
        handles = list(poly)
        painter.setPen(self.handle_pen)
        painter.drawPoints(handles)
        painter.setPen(self.handle_inner)
        painter.drawPoints(handles)
        if self.selected_vertex is not None and 0 <= self.selected_vertex < len(handles):
            painter.setPen(self.vertex_pen)
            painter.drawPoint(handles[self.selected_vertex])

    def chip_text(self, shape: Shape) -> str:
        """What a shape's chip says: its label, and a machine's score (``car 0.93``)."""
        key = (shape.label, shape.score if shape.machine else None)
        text = self._chip_text.get(key)
        if text is None:
            text = shape.label if key[1] is None else f"{shape.label} {key[1]:.2f}"
            text = self.metrics.elidedText(text, QtCore.Qt.TextElideMode.ElideRight, CHIP_MAX_WIDTH)
            self._chip_text[key] = text
        return text

    def _paint_chips(self, painter: QtGui.QPainter, indices: list[int], selected: int | None, lod: float) -> None:
        """The label chips, in viewport pixels: the selected shape's always, others when large enough."""
        world = painter.worldTransform()
        min_side = CHIP_MIN_PIXELS / max(lod, 1e-9)
        bounds = self.index.bounds
        chosen = [i for i in indices if i != selected and self.shapes[i].type != "point"
                  and max(bounds[i, 2] - bounds[i, 0], bounds[i, 3] - bounds[i, 1]) >= min_side]
        chosen += [i for i in indices if self.shapes[i].type == "point"]
        chosen = chosen[:MAX_CHIPS]
        if selected is not None:
            chosen.append(selected)
        if not chosen:
            return
        painter.save()
        painter.resetTransform()
        height = round(self.metrics.height()) + 2
        dpr = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        for i in chosen:
            shape = self.shapes[i]
            chip = self._chip(shape, i == selected, dpr)
            if shape.type == "point":
                anchor = world.map(QPointF(*shape.points[0])) + QPointF(8, -height / 2)
            else:
                anchor = world.map(QPointF(bounds[i, 0], bounds[i, 1])) + QPointF(-1, -height)
            # a shape whose corner is off screen keeps its chip at the view's edge
            size = chip.deviceIndependentSize()
            rect = QRectF(max(round(anchor.x()), 0), max(round(anchor.y()), 0), size.width(), size.height())
            painter.drawPixmap(rect.topLeft(), chip)
            self.chips_drawn.append((shape.id, rect))
        painter.restore()

    def _chip(self, shape: Shape, inverted: bool, dpr: float = 1.0) -> QtGui.QPixmap:
        """A chip drawn once per label, score and state, then copied (text is the slow part of painting)."""
        text = self.chip_text(shape)
        key = (text, shape.label, shape.machine, inverted, dpr)
        chip = self._chip_pixmaps.get(key)
        if chip is not None:
            return chip
        pens = self._pens(shape.label)
        height = round(self.metrics.height()) + 2
        width = round(self.metrics.horizontalAdvance(text)) + 8
        chip = QtGui.QPixmap(round(width * dpr), round(height * dpr))
        chip.setDevicePixelRatio(dpr)
        hollow = shape.machine
        chip.fill(pens.ink if hollow or inverted else pens.color)
        p = QtGui.QPainter(chip)
        p.setFont(self.font)
        p.setPen(QtGui.QPen(pens.color if hollow or inverted else pens.ink, 2 if inverted else 1))
        p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        p.drawRect(QRectF(0.5, 0.5, width - 1, height - 1))
        p.setPen(pens.color if hollow or inverted else pens.ink)
        p.drawText(QRectF(4, 0, width - 6, height),
                   int(QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignVCenter), text)
        p.end()
        if len(self._chip_pixmaps) > 512:
            self._chip_pixmaps.clear()
        self._chip_pixmaps[key] = chip
        return chip

    def _paint_draft(self, painter: QtGui.QPainter) -> None:
        if not self.draft_type or not self.draft:
            return
        pens = self._pens(self.draft_label or "")
        dashed = QtGui.QPen(pens.line)
        dashed.setStyle(QtCore.Qt.PenStyle.DashLine)
        painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        pts = [QPointF(x, y) for x, y in self.draft]
        if self.draft_type == "box":
            end = self.cursor if self.cursor is not None else pts[-1]
            painter.setPen(pens.halo)
            painter.drawRect(QRectF(pts[0], end).normalized())
            painter.setPen(dashed)
            painter.drawRect(QRectF(pts[0], end).normalized())
            return
        painter.setPen(pens.halo)
        painter.drawPolyline(QtGui.QPolygonF(pts))
        painter.setPen(pens.line)
        painter.drawPolyline(QtGui.QPolygonF(pts))
        if self.cursor is not None:
            painter.setPen(dashed)
            painter.drawLine(pts[-1], self.cursor)
        painter.setPen(self.handle_pen)
        painter.drawPoints(pts)
        painter.setPen(self.handle_inner)
        painter.drawPoints(pts)
