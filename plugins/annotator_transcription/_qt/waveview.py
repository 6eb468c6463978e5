"""The waveform views (pyqtgraph): an overview of the whole recording and a zoomable detail.

Mouse, in the detail view: click to seek (and pick the segment there), drag to
select a stretch, drag a segment's edge to move it, wheel to zoom, middle-drag to
scroll. In the overview: click to seek, drag the window to scroll the detail view.
"""
from __future__ import annotations

from operator import attrgetter

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from annotator.plugin_api.qt import theme

from annotator_transcription.segments import Segments, bounds_for, changed_span, index_at, visible_range
from annotator_transcription.waveform import Envelope, Pyramid, format_clock, read_envelope

PALETTE = ("#4363d8", "#e6194b", "#3cb44b", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#9a6324")
PLAYHEAD = "#d62728"
SELECTION = (255, 170, 0, 70)
_START, _END = attrgetter("start"), attrgetter("end")


def speaker_color(speaker: str | None, speakers: list[str]) -> QtGui.QColor:
    if speaker in speakers:
        return QtGui.QColor(PALETTE[speakers.index(speaker) % len(PALETTE)])
    return QtGui.QColor("#7f8c8d")


#: the finest tick step, the tenth of a second every label shows; the closest zoom shows a few of them
FINEST_TICK = 0.1
CLOSEST_ZOOM = 0.3


class TimeAxis(pg.AxisItem):
    """Times in one format at every zoom: ``m:ss.s``, or ``h:mm:ss.s`` from the first label for a recording
    of an hour or more (the format of the playhead's time and of the marks Ctrl+T writes)."""

    hours = False

    def set_duration(self, seconds: float) -> None:
        self.hours = seconds >= 3600
        self.picture = None  # labels drawn again in the new format
        self.update()

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N802 - pyqtgraph API
        levels = [(spacing, offset) for spacing, offset in super().tickSpacing(minVal, maxVal, size)
                  if spacing >= FINEST_TICK - 1e-9]
        return levels or [(FINEST_TICK, 0)]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph API
        return [format_clock(v, 1, hours=self.hours) if v >= 0 else "" for v in values]


class _DetailBox(pg.ViewBox):
    """Left click seeks, left drag selects, middle drag scrolls, wheel zooms (time only)."""

    def __init__(self, panel: "WaveformPanel"):
        super().__init__(enableMenu=False)
        self.panel = panel
        self.setMouseEnabled(x=True, y=False)

    def mouseClickEvent(self, ev):  # noqa: N802 - pyqtgraph API
        if ev.button() == QtCore.Qt.MouseButton.LeftButton:
            ev.accept()
            self.panel._clicked(self.mapSceneToView(ev.scenePos()).x())
        else:
            ev.ignore()

    def mouseDragEvent(self, ev, axis=None):  # noqa: N802 - pyqtgraph API
        if ev.button() == QtCore.Qt.MouseButton.LeftButton:
            ev.accept()
            x0 = self.mapSceneToView(ev.buttonDownScenePos()).x()
            x1 = self.mapSceneToView(ev.scenePos()).x()
            self.panel._selecting(x0, x1, ev.isFinish())
        else:
            super().mouseDragEvent(ev, axis)


class _OverviewBox(pg.ViewBox):
    def __init__(self, panel: "WaveformPanel"):
        super().__init__(enableMenu=False)
        self.panel = panel
        self.setMouseEnabled(x=False, y=False)

    def mouseClickEvent(self, ev):  # noqa: N802 - pyqtgraph API
        if ev.button() == QtCore.Qt.MouseButton.LeftButton:
            ev.accept()
            self.panel._overview_clicked(self.mapSceneToView(ev.scenePos()).x())

    def mouseDragEvent(self, ev, axis=None):  # noqa: N802 - pyqtgraph API
        ev.ignore()

    def wheelEvent(self, ev, axis=None):  # noqa: N802 - pyqtgraph API
        ev.ignore()


_NO_PEN = QtGui.QPen(QtCore.Qt.PenStyle.NoPen)


class _SegmentRegion(pg.LinearRegionItem):
    """A segment: its edges drag, its body does not (a drag across it selects, a click picks it).

    It remembers what it shows (the segment, its edges, its colours) so a redraw can skip what
    did not change.
    """

    def __init__(self):
        super().__init__(values=(0, 1), movable=True, swapMode="block")
        self.index = -1
        self.segment = None
        self.bounds: tuple[float, float] | None = None
        self.drawn_at: tuple[float, float] | None = None
        self.look: tuple | None = None
        self.label: _Label | None = None
        for line in self.lines:
            line.setCursor(QtCore.Qt.CursorShape.SizeHorCursor)

    def paint(self, painter, *args):
        """The body, as pyqtgraph draws it, without its per-paint profiler and new pen (tens of regions per frame)."""
        painter.setBrush(self.currentBrush)
        painter.setPen(_NO_PEN)
        rect = getattr(self, "_boundingRectCache", None)  # what Qt asked just before painting
        painter.drawRect(rect if rect is not None else self.boundingRect())

    def mouseDragEvent(self, ev):  # noqa: N802 - pyqtgraph API
        ev.ignore()

    def mouseClickEvent(self, ev):  # noqa: N802 - pyqtgraph API
        ev.ignore()

    def hoverEvent(self, ev):  # noqa: N802 - pyqtgraph API
        pass


class _Label(QtWidgets.QGraphicsSimpleTextItem):
    """A segment's number and speaker above it, unscaled by the zoom (a plain text item: cheap to change)."""

    def __init__(self):
        super().__init__()
        self.setFlag(QtWidgets.QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(15)


def _pen(color: QtGui.QColor, width: int) -> QtGui.QPen:
    pen = QtGui.QPen(color, width)
    pen.setCosmetic(True)
    return pen


class WaveformPanel(QtWidgets.QWidget):
    """Overview + detail of one recording, with segments, a selection and the playhead."""

    seek_requested = QtCore.Signal(float)
    segment_clicked = QtCore.Signal(int, float)
    bounds_changed = QtCore.Signal(int, float, float)
    selection_changed = QtCore.Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        pg.setConfigOptions(antialias=False, foreground="#444")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)

        self.overview_box = _OverviewBox(self)
        self.overview = pg.PlotWidget(viewBox=self.overview_box, background=theme().hex("surface"))
        self.overview.setFixedHeight(54)
        self.overview.hideAxis("left")
        self.overview.hideAxis("bottom")
        self.overview.setMouseEnabled(x=False, y=False)
        self.overview.hideButtons()
        self.overview.setYRange(-1.05, 1.05, padding=0)
        self.overview_curve = pg.PlotCurveItem(pen=pg.mkPen(theme().hex("text"), width=1), connect="pairs")
        self.overview.addItem(self.overview_curve)
        self.overview_segments = pg.PlotCurveItem(pen=pg.mkPen("#4363d8", width=4), connect="pairs")
        self.overview.addItem(self.overview_segments)
        self.window = pg.LinearRegionItem(values=(0, 1), brush=pg.mkBrush(67, 99, 216, 40),
                                          pen=pg.mkPen("#4363d8", width=1), movable=True)
        self.window.setZValue(-5)
        self.window.sigRegionChanged.connect(self._window_moved)
        self.overview.addItem(self.window)
        self.overview_head = pg.InfiniteLine(0, pen=pg.mkPen(PLAYHEAD, width=1), movable=False)
        self.overview.addItem(self.overview_head)
        layout.addWidget(self.overview)

        self.detail_box = _DetailBox(self)
        self.axis = TimeAxis("bottom")
        self.detail = pg.PlotWidget(viewBox=self.detail_box, axisItems={"bottom": self.axis},
                                    background=theme().hex("surface"))
        self.detail.setMinimumHeight(150)
        self.detail.hideAxis("left")
        self.detail.hideButtons()
        self.detail.setYRange(-1.05, 1.15, padding=0)
        self.curve = pg.PlotCurveItem(pen=pg.mkPen(theme().hex("text"), width=1), connect="pairs")
        self.curve.setZValue(5)
        self.detail.addItem(self.curve)
        self.selection = pg.LinearRegionItem(values=(0, 1), brush=pg.mkBrush(*SELECTION),
                                             pen=pg.mkPen("#e69500", width=2), movable=True)
        self.selection.setZValue(8)
        self.selection.hide()
        self.selection.sigRegionChangeFinished.connect(self._selection_moved)
        self.detail.addItem(self.selection)
        self.head = pg.InfiniteLine(0, pen=pg.mkPen(PLAYHEAD, width=2), movable=True,
                                    hoverPen=pg.mkPen(PLAYHEAD, width=4))
        self.head.setZValue(20)
        self.head.sigPositionChangeFinished.connect(lambda line: self.seek_requested.emit(float(line.value())))
        self.detail.addItem(self.head)
        layout.addWidget(self.detail, 1)

        self.pyramid: Pyramid | None = None
        self.duration = 1.0
        self.segments: Segments = ()
        self._edges = self._edges_y = np.empty(0)  # the overview's bars: each segment's start and end
        self.speakers: list[str] = []
        self.current = -1
        self._regions: list[_SegmentRegion] = []
        self._syncing = False
        self._selection: tuple[float, float] | None = None
        self._redraw = QtCore.QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(0)
        self._redraw.timeout.connect(self._draw_detail)
        self.detail_box.sigXRangeChanged.connect(self._range_changed)

    # ------------------------------------------------------------------ content

    def set_audio(self, pyramid: Pyramid | None, duration: float) -> None:
        self.pyramid = pyramid
        self.duration = max(float(duration), 0.01)
        self._selection = None
        self.selection.hide()
        self.axis.set_duration(self.duration)
        self.detail_box.setLimits(xMin=0, xMax=self.duration, minXRange=min(CLOSEST_ZOOM, self.duration),
                                  maxXRange=self.duration)
        self.overview.setXRange(0, self.duration, padding=0)
        self.set_view(0, min(self.duration, 30.0))
        self.refresh_waveform()

    def refresh_waveform(self) -> None:
        """Redraw both waveforms from the pyramid (called while it builds, and when done)."""
        pyramid = self.pyramid
        if pyramid is None:
            self.overview_curve.setData([], [])
            self.curve.setData([], [])
            return
        width = max(self.overview.width(), 200)
        env = pyramid.envelope(0, self.duration, width)
        if env is None:
            try:
                env = read_envelope(pyramid.info, 0, self.duration, width)
            except Exception:  # a damaged file: the overview stays empty, the rest works
                env = Envelope(np.zeros(0), np.zeros(0), np.zeros(0))
        self._set_curve(self.overview_curve, env)
        self._draw_detail()

    def detail_envelope(self) -> Envelope | None:
        if self.pyramid is None:
            return None
        x0, x1 = self.view_range()
        pixels = max(self.detail.width(), 200)
        env = self.pyramid.envelope(x0, x1, pixels)
        if env is None:
            try:
                env = read_envelope(self.pyramid.info, x0, x1, pixels)
            except Exception:  # a damaged stretch: draw nothing there rather than fail
                env = Envelope(np.zeros(0), np.zeros(0), np.zeros(0))
        return env

    def _draw_detail(self) -> None:
        env = self.detail_envelope()
        if env is None:
            self.curve.setData([], [])
        else:
            self._set_curve(self.curve, env)

    @staticmethod
    def _set_curve(curve: pg.PlotCurveItem, env: Envelope) -> None:
        if len(env.x) == 0:
            curve.setData([], [])
            return
        if env.mode == "line":
            curve.setData(env.x, env.lo, connect="all")
            return
        x = np.repeat(env.x, 2)
        y = np.empty(len(x), dtype=np.float32)
        y[0::2] = env.lo
        y[1::2] = np.maximum(env.hi, env.lo + 1.0 / 512)  # silence still shows a hairline
        curve.setData(x, y, connect="pairs")

    def set_segments(self, segments: Segments, current: int, speakers: list[str]) -> None:
        if segments is not self.segments or speakers != self.speakers:
            self._edges = xs = self._edges_of(segments)
            if len(self._edges_y) != len(xs):
                self._edges_y = np.full(len(xs), -0.93)
            self.overview_segments.setData(xs, self._edges_y, connect="pairs")
        self.segments = segments
        self.current = current
        self.speakers = speakers
        self._sync_regions()

    def _edges_of(self, segments: Segments) -> np.ndarray:
        """Every segment's start and end, in turn (the overview's bars): only the changed ones read again."""
        before, edges = self.segments, self._edges
        if len(edges) != 2 * len(before):
            head, old_end, new_end = 0, len(before), len(segments)
        else:
            head, old_end, new_end = changed_span(before, segments)
        changed = segments[head:new_end]
        middle = np.empty(2 * len(changed))
        middle[0::2] = np.fromiter(map(_START, changed), dtype=float, count=len(changed))
        middle[1::2] = np.fromiter(map(_END, changed), dtype=float, count=len(changed))
        return np.concatenate((edges[:2 * head], middle, edges[2 * old_end:]))

    def set_current(self, current: int) -> None:
        self.current = current
        self._sync_regions()

    # ------------------------------------------------------------------ view

    def view_range(self) -> tuple[float, float]:
        (x0, x1), _ = self.detail_box.viewRange()
        return max(0.0, x0), min(self.duration, x1)

    def set_view(self, t0: float, t1: float) -> None:
        width = max(min(t1 - t0, self.duration), 0.02)
        t0 = min(max(0.0, t0), max(0.0, self.duration - width))
        self.detail_box.setXRange(t0, t0 + width, padding=0)

    def show_time(self, t: float) -> None:
        """Scroll (not zoom) so ``t`` is in view, near the left."""
        x0, x1 = self.view_range()
        if x0 <= t <= x0 + (x1 - x0) * 0.95:
            return
        width = x1 - x0
        self.set_view(t - width * 0.1, t + width * 0.9)

    def zoom(self, factor: float, around: float | None = None) -> None:
        x0, x1 = self.view_range()
        center = (x0 + x1) / 2 if around is None else around
        width = (x1 - x0) * factor
        self.set_view(center - width / 2, center + width / 2)

    def _range_changed(self, *_args) -> None:
        x0, x1 = self.view_range()
        self._syncing = True
        try:
            self.window.setRegion((x0, x1))
        finally:
            self._syncing = False
        self._sync_regions()
        self._redraw.start()

    def _window_moved(self) -> None:
        if self._syncing:
            return
        a, b = self.window.getRegion()
        self._syncing = True
        try:
            self.detail_box.setXRange(a, b, padding=0)
        finally:
            self._syncing = False

    def set_playhead(self, t: float, follow: bool = False) -> None:
        self.head.setValue(t)
        self.overview_head.setValue(t)
        if follow:
            self.show_time(t)

    # ------------------------------------------------------------------ segments drawn

    def _sync_regions(self) -> None:
        """Draw the segments in (and just around) the view.

        A segment still in view keeps its region item, and an item only hears about what changed
        in it (its edges, its colours, its number): after a merge or a split the segments around
        it move up or down one number and nothing else is redrawn.
        """
        x0, x1 = self.view_range()
        margin = (x1 - x0) * 0.1
        visible = visible_range(self.segments, x0 - margin, x1 + margin)[:400]
        self._syncing = True
        try:
            shown = {id(r.segment): r for r in self._regions if r.segment is not None}
            wanted = [(index, self.segments[index]) for index in visible]
            keep = {id(seg) for _i, seg in wanted if id(seg) in shown and shown[id(seg)].segment is seg}
            free = [r for r in self._regions if r.segment is None or id(r.segment) not in keep]
            for index, seg in wanted:
                region = shown[id(seg)] if id(seg) in keep else None
                if region is None:
                    region = free.pop() if free else self._new_region()
                self._draw_region(region, index, seg)
            for region in free:
                if region.segment is not None:
                    region.hide()
                    region.label.hide()
                    region.segment, region.index, region.look = None, -1, None
        finally:
            self._syncing = False

    def _new_region(self) -> "_SegmentRegion":
        region = _SegmentRegion()
        region.sigRegionChangeFinished.connect(self._region_moved)
        self.detail.addItem(region)
        region.label = _Label()
        self.detail_box.addItem(region.label, ignoreBounds=True)
        self._regions.append(region)
        return region

    def _draw_region(self, region: "_SegmentRegion", index: int, seg) -> None:
        current = index == self.current
        bounds = bounds_for(self.segments, index, self.duration)
        other = region.segment is not seg
        region.segment, region.index = seg, index
        if region.bounds != bounds:
            region.bounds = bounds
            region.setBounds(bounds)
        if other or region.drawn_at != (seg.start, seg.end):
            region.drawn_at = (seg.start, seg.end)
            region.setRegion((seg.start, seg.end))
            region.label.setPos(seg.start, 1.15)
        look = (seg.speaker, current, id(self.speakers))
        if region.look != look:
            region.look = look
            color = speaker_color(seg.speaker, self.speakers)
            fill = QtGui.QColor(color)
            fill.setAlpha(70 if current else 28)
            region.setBrush(fill)
            region.setHoverBrush(fill)
            edge = QtGui.QColor(color)
            edge.setAlpha(255 if current else 150)
            pen, hover = _pen(edge, 3 if current else 1), _pen(edge, 5)
            for line in region.lines:
                line.setPen(pen)
                line.setHoverPen(hover)
            region.setZValue(0 if current else -1)
            region.label.setBrush(color.darker(130))
        text = f"{index + 1}" + (f" · {seg.speaker}" if seg.speaker else "")
        if region.label.text() != text:
            region.label.setText(text)
        if not region.isVisible():
            region.show()
            region.label.show()

    def _region_moved(self, region: _SegmentRegion) -> None:
        if self._syncing or region.index < 0:
            return
        region.drawn_at = None  # where the worker left it, until the editor's answer is drawn
        a, b = region.getRegion()
        self.bounds_changed.emit(region.index, float(a), float(b))

    # ------------------------------------------------------------------ selection

    @property
    def selection_range(self) -> tuple[float, float] | None:
        return self._selection

    def set_selection(self, rng: tuple[float, float] | None) -> None:
        if rng is not None:
            a, b = sorted((max(0.0, rng[0]), min(self.duration, rng[1])))
            rng = (a, b) if b - a > 0.005 else None
        self._selection = rng
        self._syncing = True
        try:
            if rng is None:
                self.selection.hide()
            else:
                self.selection.setRegion(rng)
                self.selection.show()
        finally:
            self._syncing = False
        self.selection_changed.emit(rng)

    def _selection_moved(self) -> None:
        if self._syncing:
            return
        a, b = self.selection.getRegion()
        self._selection = (max(0.0, a), min(self.duration, b))
        self.selection_changed.emit(self._selection)

    def _selecting(self, x0: float, x1: float, finished: bool) -> None:
        self.set_selection((x0, x1))

    # ------------------------------------------------------------------ clicks

    def _clicked(self, x: float) -> None:
        x = min(max(0.0, x), self.duration)
        if self._selection is not None:
            self.set_selection(None)
        index = index_at(self.segments, x)
        if index is not None:
            self.segment_clicked.emit(index, x)
            return
        self.seek_requested.emit(x)

    def _overview_clicked(self, x: float) -> None:
        x = min(max(0.0, x), self.duration)
        x0, x1 = self.view_range()
        width = x1 - x0
        self.set_view(x - width / 2, x + width / 2)
        self.seek_requested.emit(x)

    def time_to_pixel(self, t: float) -> QtCore.QPoint:
        """Where time ``t`` is on the detail view's widget (tests click there)."""
        scene = self.detail_box.mapViewToScene(QtCore.QPointF(t, 0.0))
        return self.detail.mapFromScene(scene)
