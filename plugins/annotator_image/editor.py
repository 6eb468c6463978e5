"""The image editor: boxes, polygons, points and image-level tags on one image.

Every change goes through a :class:`QtGui.QUndoStack` command (no step limit,
cleared per item) whose ``redo``/``undo`` apply a snapshot of the shapes and
tags and save the whole annotation through ``host.save`` at once. A polygon
being drawn is saved as ``draft`` on every vertex, and a drag in progress is
saved twice a second, so killing the app loses nothing that was on screen.
"""
from __future__ import annotations

import concurrent.futures
import math
import threading
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from annotator.plugin_api import Shortcut
from annotator.plugin_api.qt import ItemEditor, text_input_has_focus
from annotator_image.canvas import Canvas, ImageLayer, ShapesLayer
from annotator_image.geometry import compare_annotations
from annotator_image.imageio import ImageError, ImageSource, Pyramid, open_image
from annotator_image.model import (ImageAnnotation, Shape, TaskConfig, box_corners, next_shape_id,
                                   shapes_from_json, task_config)

Qt = QtCore.Qt
QPointF = QtCore.QPointF

#: one background thread builds full-resolution pyramids (Pillow releases the GIL while decoding)
_EXECUTOR = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="image-pyramid")
#: views remembered per item (zoom and centre), most recent first
VIEWS_KEPT = 500
HIT_PIXELS = 7.0
MIN_BOX_PIXELS = 3.0


class EditCommand(QtGui.QUndoCommand):
    """One change: the annotation's shapes and tags before and after."""

    NUDGE_ID = 1

    def __init__(self, editor: "ImageEditor", before, after, text: str, merge_key: str | None = None):
        super().__init__(text)
        self.editor = editor
        self.before = before
        self.after = after
        self.merge_key = merge_key

    def id(self) -> int:
        return self.NUDGE_ID if self.merge_key else -1

    def mergeWith(self, other) -> bool:  # noqa: N802 - Qt API
        if not isinstance(other, EditCommand) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self.editor.apply_state(self.after)

    def undo(self) -> None:
        self.editor.apply_state(self.before)


class ImageEditor(ItemEditor):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.host = None
        self.config: TaskConfig | None = None
        self.source: ImageSource | None = None
        self.ann = ImageAnnotation()
        self.expected: list[Shape] = []
        self.expected_doc: dict | None = None
        self.undo_stack = QtGui.QUndoStack(self)
        self.tool = "select"
        self.label: str | None = None
        self.drag: dict[str, Any] | None = None
        self.image_layer: ImageLayer | None = None
        self.pyramid_future: concurrent.futures.Future | None = None
        self.pyramid_cancel: threading.Event | None = None
        self.hidden_labels: set[str] = set()
        self._loading = False
        self._build_ui()
        self.drag_save_timer = QtCore.QTimer(self, interval=500, timeout=self._save_drag)
        self.pyramid_timer = QtCore.QTimer(self, interval=40, timeout=self._poll_pyramid)
        self.view_save_timer = QtCore.QTimer(self, interval=1000, singleShot=True, timeout=self._remember_view)

    # ------------------------------------------------------------------ UI

    def _build_ui(self) -> None:
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        left = QtWidgets.QVBoxLayout()
        left.setSpacing(4)
        self.toolbar = QtWidgets.QHBoxLayout()
        self.tool_group = QtWidgets.QButtonGroup(self)
        self.tool_buttons: dict[str, QtWidgets.QToolButton] = {}
        for tool, text, key in (("select", self.tr("Select"), "V"), ("box", self.tr("Box"), "B"),
                                ("polygon", self.tr("Polygon"), "P"), ("point", self.tr("Point"), "K")):
            button = QtWidgets.QToolButton()
            button.setText(f"{text} ({key})")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, t=tool: self.set_tool(t))
            self.tool_group.addButton(button)
            self.tool_buttons[tool] = button
            self.toolbar.addWidget(button)
        self.toolbar.addStretch(1)
        for text, tip, slot in ((self.tr("Fit"), "F", lambda: self.canvas.fit()),
                                ("1:1", "0", lambda: self.canvas.actual_size())):
            button = QtWidgets.QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            self.toolbar.addWidget(button)
        self.zoom_label = QtWidgets.QLabel()
        self.zoom_label.setMinimumWidth(60)
        self.toolbar.addWidget(self.zoom_label)
        left.addLayout(self.toolbar)
        self.canvas = Canvas(self)
        self.canvas.setMinimumSize(320, 240)
        left.addWidget(self.canvas, 1)
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("ImageStatus")
        left.addWidget(self.status)
        layout.addLayout(left, 1)

        side = QtWidgets.QWidget()
        side.setFixedWidth(230)
        self.side = QtWidgets.QVBoxLayout(side)
        self.side.setContentsMargins(6, 0, 0, 0)
        self.labels_box = QtWidgets.QGroupBox(self.tr("Labels"))
        self.labels_layout = QtWidgets.QGridLayout(self.labels_box)
        self.labels_layout.setColumnStretch(1, 1)
        self.side.addWidget(self.labels_box)
        self.tags_box = QtWidgets.QGroupBox(self.tr("Image tags (T)"))
        self.tags_layout = QtWidgets.QVBoxLayout(self.tags_box)
        self.side.addWidget(self.tags_box)
        self.check_box = QtWidgets.QGroupBox(self.tr("Training item"))
        check_layout = QtWidgets.QVBoxLayout(self.check_box)
        self.check_button = QtWidgets.QPushButton(self.tr("Check my answer (E)"))
        self.check_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.check_button.clicked.connect(self.toggle_check)
        check_layout.addWidget(self.check_button)
        self.check_text = QtWidgets.QLabel()
        self.check_text.setWordWrap(True)
        self.check_text.setTextFormat(Qt.TextFormat.PlainText)
        check_layout.addWidget(self.check_text)
        self.side.addWidget(self.check_box)
        self.side.addStretch(1)
        self.hint = QtWidgets.QLabel(self.tr("Press ? for every shortcut."))
        self.hint.setWordWrap(True)
        self.side.addWidget(self.hint)
        layout.addWidget(side)

        self.canvas.zoom_changed.connect(self._zoom_changed)
        self.canvas.mouse_pressed.connect(self._press)
        self.canvas.mouse_moved.connect(self._move)
        self.canvas.mouse_released.connect(self._release)
        self.canvas.mouse_double_clicked.connect(self._double_click)
        self.canvas.key_pressed.connect(self._key)
        self.canvas.horizontalScrollBar().valueChanged.connect(lambda _: self.view_save_timer.start())
        self.canvas.verticalScrollBar().valueChanged.connect(lambda _: self.view_save_timer.start())
        self.tag_widgets: dict[str, list[QtWidgets.QAbstractButton]] = {}
        self.label_buttons: dict[str, QtWidgets.QToolButton] = {}
        self.label_visible: dict[str, QtWidgets.QCheckBox] = {}
        self.label_counts: dict[str, QtWidgets.QLabel] = {}
        self.shapes_layer: ShapesLayer | None = None

    def _build_task_panels(self, config: TaskConfig) -> None:
        while self.labels_layout.count():
            item = self.labels_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.label_buttons.clear()
        self.label_visible.clear()
        self.label_counts.clear()
        group = QtWidgets.QButtonGroup(self.labels_box)
        for row, label in enumerate(config.labels):
            visible = QtWidgets.QCheckBox()
            visible.setChecked(label.name not in self.hidden_labels)
            visible.setToolTip(self.tr("Show or hide this label (Alt+%1)").replace("%1", label.hotkey or "?"))
            visible.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            visible.toggled.connect(lambda on, n=label.name: self.set_label_visible(n, on))
            button = QtWidgets.QToolButton()
            button.setCheckable(True)
            button.setText(f"{label.hotkey + '  ' if label.hotkey else ''}{label.name}")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Fixed)
            button.setStyleSheet(f"QToolButton {{ border-left: 6px solid {label.color}; padding: 2px 6px;"
                                 f" text-align: left; }} QToolButton:checked {{ font-weight: 600; }}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, n=label.name: self.set_label(n))
            group.addButton(button)
            count = QtWidgets.QLabel("0")
            self.labels_layout.addWidget(visible, row, 0)
            self.labels_layout.addWidget(button, row, 1)
            self.labels_layout.addWidget(count, row, 2)
            self.label_buttons[label.name] = button
            self.label_visible[label.name] = visible
            self.label_counts[label.name] = count
        while self.tags_layout.count():
            item = self.tags_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.tag_widgets.clear()
        for tag in config.tags:
            title = QtWidgets.QLabel(tag.name + (self.tr(" (several)") if tag.multiple else ""))
            title.setStyleSheet("font-weight: 600;")
            self.tags_layout.addWidget(title)
            buttons = []
            exclusive = QtWidgets.QButtonGroup(self.tags_box) if not tag.multiple else None
            if exclusive is not None:
                exclusive.setExclusive(False)  # a single choice can still be cleared
            for choice in tag.choices:
                button = QtWidgets.QCheckBox(choice) if tag.multiple else QtWidgets.QRadioButton(choice)
                if exclusive is not None:
                    exclusive.addButton(button)
                button.clicked.connect(lambda checked=False, g=tag.name, c=choice: self.toggle_tag(g, c))
                self.tags_layout.addWidget(button)
                buttons.append(button)
            self.tag_widgets[tag.name] = buttons
        self.tags_box.setVisible(bool(config.tags))
        for tool, button in self.tool_buttons.items():
            button.setVisible(tool == "select" or tool in config.tools)

    # ------------------------------------------------------------------ item

    def load(self, host) -> None:
        self._loading = True
        self.host = host
        self.undo_stack.clear()
        self.drag = None
        config = task_config(host.pack.task)
        if config != self.config:
            self.config = config
            self._build_task_panels(config)
        self.source = None
        self._clear_scene()
        try:
            source = open_image(host.media_path(), cache_dir=host.cache_dir)
        except ImageError as exc:
            self.status.setText(str(exc))
            raise
        self.source = source
        ann = ImageAnnotation.from_json(host.annotation)
        ann.width, ann.height, ann.orientation = source.width, source.height, source.orientation
        self.ann = ann
        scene = self.canvas.scene()
        self.image_layer = ImageLayer(source, self._need_pyramid)
        scene.addItem(self.image_layer)
        self.shapes_layer = ShapesLayer(source.width, source.height)
        self.shapes_layer.setZValue(1)
        self.shapes_layer.set_colors({lb.name: lb.color for lb in config.labels})
        self.shapes_layer.hidden = set(self.hidden_labels)
        scene.addItem(self.shapes_layer)
        self.canvas.set_image_rect(QtCore.QRectF(0, 0, source.width, source.height))
        self.shapes_layer.set_shapes(list(ann.shapes))
        self.expected_doc = None
        self.expected = []
        expected = host.item.get("expected")
        if host.item.get("training") and isinstance(expected, dict):
            self.expected_doc = expected
            self.expected = shapes_from_json(expected.get("shapes"))
        self.check_box.setVisible(self.expected_doc is not None)
        self.check_text.setText("")
        self.check_button.setText(self.tr("Check my answer (E)"))
        if self.label is None or config.label(self.label) is None:
            self.label = config.labels[0].name if config.labels else None
        self.set_label(self.label)
        if self.tool not in config.tools:
            self.tool = "select"
        self.set_tool(self.tool)
        if ann.draft:
            self._restore_draft(ann.draft)
        self._refresh_tags()
        self._refresh_counts()
        self._restore_view()
        if source._full is not None:  # already decoded in full (PNG, TIFF, ...): build its levels now
            self._need_pyramid()
        self._loading = False
        self._status()

    def unload(self) -> None:
        if self.host is not None and self.drag is not None:
            self._finish_drag(None)
        self._remember_view()
        self.drag_save_timer.stop()
        self.pyramid_timer.stop()
        if self.pyramid_cancel is not None:
            self.pyramid_cancel.set()
        self.pyramid_future = None
        self._clear_scene()
        self.source = None
        self.host = None
        self.undo_stack.clear()

    def _clear_scene(self) -> None:
        self.canvas.scene().clear()
        self.image_layer = None
        self.shapes_layer = None

    def focus_editor(self) -> None:
        self.canvas.setFocus()

    def undo(self) -> None:
        self._cancel_draft()
        self.undo_stack.undo()

    def redo(self) -> None:
        self.undo_stack.redo()

    # ------------------------------------------------------------------ pyramid

    def _need_pyramid(self) -> None:
        if self.pyramid_future is not None or self.source is None or self.host is None:
            return
        source, cache = self.source, self.host.cache_dir
        self.pyramid_cancel = threading.Event()
        cancel = self.pyramid_cancel
        self.pyramid_future = _EXECUTOR.submit(source.build_pyramid, cache, cancel)
        self.pyramid_timer.start()
        self._status()

    def _poll_pyramid(self) -> None:
        future = self.pyramid_future
        if future is None:
            self.pyramid_timer.stop()
            return
        if not future.done():
            return
        self.pyramid_timer.stop()
        try:
            pyramid: Pyramid = future.result()
        except ImageError as exc:
            if self.host is not None:
                self.host.notify(self.tr("Full resolution is not available: %1").replace("%1", str(exc)))
            return
        except Exception as exc:  # a worker thread error must not reach Qt
            if self.host is not None:
                self.host.notify(self.tr("Full resolution is not available: %1").replace("%1", str(exc)))
            return
        if self.image_layer is not None and self.source is not None:
            self.image_layer.set_pyramid(pyramid)
        self._status()

    def wait_for_full_resolution(self, timeout: float = 30.0) -> bool:
        """Block until the pyramid is built (tests and the benchmark)."""
        if self.pyramid_future is None:
            return self.image_layer is not None and self.image_layer.pyramid is not None
        try:
            self.pyramid_future.result(timeout)
        except Exception:
            pass
        self._poll_pyramid()
        return self.image_layer is not None and self.image_layer.pyramid is not None

    # ------------------------------------------------------------------ state

    def state(self):
        return (tuple(self.ann.shapes), dict(self.ann.tags), self.shapes_layer.selected if self.shapes_layer else None)

    def apply_state(self, state) -> None:
        shapes, tags, selected = state
        self.ann.shapes = tuple(shapes)
        self.ann.tags = dict(tags)
        if self.shapes_layer is not None:
            self.shapes_layer.set_shapes(list(shapes))
            ids = {s.id for s in shapes}
            self.shapes_layer.selected = selected if selected in ids else None
            self.shapes_layer.selected_vertex = None
        self._refresh_tags()
        self._refresh_counts()
        self._save()
        if self.expected_doc is not None and self.check_text.text():
            self._show_check()
        self._status()

    def _commit(self, shapes, text: str, *, tags=None, selected: Any = "keep", merge_key: str | None = None) -> None:
        before = self.state()
        sel = before[2] if selected == "keep" else selected
        after = (tuple(shapes), dict(before[1] if tags is None else tags), sel)
        self.undo_stack.push(EditCommand(self, before, after, text, merge_key))

    def _save(self) -> None:
        if self.host is None or self._loading:
            return
        self.host.save(self.ann.to_json())
        self.host.activity()

    def _index(self, shape_id: str | None) -> int | None:
        if shape_id is None:
            return None
        for i, s in enumerate(self.ann.shapes):
            if s.id == shape_id:
                return i
        return None

    def selected_shape(self) -> Shape | None:
        i = self._index(self.shapes_layer.selected if self.shapes_layer else None)
        return None if i is None else self.ann.shapes[i]

    def select(self, shape_id: str | None, vertex: int | None = None) -> None:
        if self.shapes_layer is None:
            return
        self.shapes_layer.selected = shape_id
        self.shapes_layer.selected_vertex = vertex
        self.shapes_layer.update()
        self._status()

    # ------------------------------------------------------------------ tools, labels, tags

    def set_tool(self, tool: str) -> None:
        if self.config is not None and tool != "select" and tool not in self.config.tools:
            return
        if tool != self.tool:
            self._cancel_draft()
        self.tool = tool
        self.tool_buttons[tool].setChecked(True)
        self.canvas.set_crosshair(tool != "select")
        self._status()

    def set_label(self, name: str | None) -> None:
        self.label = name
        if name in self.label_buttons:
            self.label_buttons[name].setChecked(True)
        if self.shapes_layer is not None and self.shapes_layer.draft_type:
            self.shapes_layer.draft_label = name
            self.shapes_layer.update()

    def label_by_hotkey(self, key: str) -> str | None:
        for label in self.config.labels if self.config else ():
            if label.hotkey == key:
                return label.name
        return None

    def set_label_visible(self, name: str, visible: bool) -> None:
        if visible:
            self.hidden_labels.discard(name)
        else:
            self.hidden_labels.add(name)
        box = self.label_visible.get(name)
        if box is not None and box.isChecked() != visible:
            box.blockSignals(True)
            box.setChecked(visible)
            box.blockSignals(False)
        if self.shapes_layer is not None:
            self.shapes_layer.hidden = set(self.hidden_labels)
            shape = self.selected_shape()
            if shape is not None and shape.label in self.hidden_labels:
                self.select(None)
            self.shapes_layer.update()

    def toggle_all_hidden(self) -> None:
        if self.shapes_layer is not None:
            self.shapes_layer.all_hidden = not self.shapes_layer.all_hidden
            if self.shapes_layer.all_hidden:
                self.select(None)
            self.shapes_layer.update()
            self._status()

    def toggle_tag(self, group: str, choice: str) -> None:
        if self.config is None:
            return
        tag = next((t for t in self.config.tags if t.name == group), None)
        if tag is None:
            return
        tags = dict(self.ann.tags)
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
        else:
            if tags.get(group) == choice:
                tags.pop(group)
            else:
                tags[group] = choice
        self._commit(self.ann.shapes, self.tr("Tag"), tags=tags)

    def _refresh_tags(self) -> None:
        if self.config is None:
            return
        for tag in self.config.tags:
            value = self.ann.tags.get(tag.name)
            chosen = set(value) if isinstance(value, list) else {value}
            for button in self.tag_widgets.get(tag.name, []):
                button.blockSignals(True)
                button.setChecked(button.text() in chosen)
                button.blockSignals(False)

    def _refresh_counts(self) -> None:
        counts: dict[str, int] = {}
        for s in self.ann.shapes:
            counts[s.label] = counts.get(s.label, 0) + 1
        for name, label in self.label_counts.items():
            label.setText(str(counts.get(name, 0)))

    def focus_tags(self) -> None:
        for buttons in self.tag_widgets.values():
            if buttons:
                buttons[0].setFocus(Qt.FocusReason.ShortcutFocusReason)
                return

    # ------------------------------------------------------------------ geometry helpers

    def _tol(self) -> float:
        return HIT_PIXELS / max(self.canvas.zoom(), 1e-9)

    def _clamp(self, p: QPointF) -> tuple[float, float]:
        w, h = self.source.width, self.source.height
        return min(max(p.x(), 0.0), float(w)), min(max(p.y(), 0.0), float(h))

    @staticmethod
    def handles(shape: Shape) -> list[tuple[float, float]]:
        return box_corners(shape) if shape.type == "box" else list(shape.points)

    def handle_at(self, pos: QPointF) -> int | None:
        shape = self.selected_shape()
        if shape is None:
            return None
        tol = self._tol() * 1.3
        best, best_d = None, tol
        for i, (x, y) in enumerate(self.handles(shape)):
            d = math.hypot(x - pos.x(), y - pos.y())
            if d <= best_d:
                best, best_d = i, d
        return best

    def shape_at(self, pos: QPointF) -> Shape | None:
        layer = self.shapes_layer
        if layer is None:
            return None
        tol = self._tol()
        rect = QtCore.QRectF(pos.x() - tol, pos.y() - tol, 2 * tol, 2 * tol)
        best, best_area = None, math.inf
        for i in layer.visible_indices(rect).tolist():
            shape = self.ann.shapes[i]
            poly = layer.polys[i]
            if shape.type == "point":
                x, y = shape.points[0]
                hit = math.hypot(x - pos.x(), y - pos.y()) <= tol * 1.3
                area = 0.0
            else:
                hit = poly.containsPoint(pos, Qt.FillRule.OddEvenFill) or _near_edge(poly, pos, tol) is not None
                x0, y0, x1, y1 = shape.bounds()
                area = (x1 - x0) * (y1 - y0)
            if hit and area <= best_area:
                best, best_area = shape, area
        return best

    # ------------------------------------------------------------------ mouse

    def _press(self, pos: QPointF, event: QtGui.QMouseEvent) -> None:
        if self.source is None or event.button() != Qt.MouseButton.LeftButton:
            return
        self.host.activity()
        if self.tool == "select":
            handle = self.handle_at(pos)
            if handle is not None:
                shape = self.selected_shape()
                self.select(shape.id, handle)
                self.drag = {"kind": "vertex", "index": self._index(shape.id), "vertex": handle,
                             "original": shape, "start": pos, "moved": False}
                return
            shape = self.shape_at(pos)
            if shape is None:
                self.select(None)
                return
            self.select(shape.id)
            self.drag = {"kind": "move", "index": self._index(shape.id), "original": shape, "start": pos,
                         "moved": False}
            return
        if self.label is None:
            self.host.notify(self.tr("This pack has no labels to draw with."))
            return
        p = self._clamp(pos)
        if self.tool == "point":
            shape = Shape(next_shape_id(self.ann.shapes), "point", self.label, (p,))
            self._commit(self.ann.shapes + (shape,), self.tr("Add point"), selected=shape.id)
        elif self.tool == "box":
            self.drag = {"kind": "box", "start": p}
            self.shapes_layer.draft_type = "box"
            self.shapes_layer.draft_label = self.label
            self.shapes_layer.draft = [p]
            self.shapes_layer.cursor = QPointF(*p)
            self.shapes_layer.update()
        elif self.tool == "polygon":
            layer = self.shapes_layer
            if layer.draft_type == "polygon" and len(layer.draft) >= 3:
                fx, fy = layer.draft[0]
                if math.hypot(fx - p[0], fy - p[1]) <= self._tol() * 1.5:
                    self.finish_polygon()
                    return
            if layer.draft_type != "polygon":
                layer.draft_type, layer.draft_label, layer.draft = "polygon", self.label, []
            if not layer.draft or layer.draft[-1] != p:
                layer.draft.append(p)
            layer.cursor = QPointF(*p)
            layer.update()
            self._save_draft()

    def _move(self, pos: QPointF, event: QtGui.QMouseEvent) -> None:
        if self.source is None:
            return
        layer = self.shapes_layer
        if layer is not None and layer.draft_type:
            layer.cursor = QPointF(*self._clamp(pos))
            layer.update()
        drag = self.drag
        if drag is None:
            self._status(pos)
            return
        if drag["kind"] == "box":
            return
        dx, dy = pos.x() - drag["start"].x(), pos.y() - drag["start"].y()
        if not drag["moved"] and math.hypot(dx, dy) < self._tol() * 0.4:
            return
        drag["moved"] = True
        original: Shape = drag["original"]
        if drag["kind"] == "move":
            x0, y0, x1, y1 = original.bounds()
            dx = min(max(dx, -x0), self.source.width - x1)
            dy = min(max(dy, -y0), self.source.height - y1)
            shape = original.moved(dx, dy)
        else:
            shape = self._with_vertex(original, drag["vertex"], self._clamp(pos))
            drag["vertex"] = self._vertex_after(original, shape, drag["vertex"], self._clamp(pos))
            layer.selected_vertex = drag["vertex"]
        drag["shape"] = shape
        layer.replace_shape(drag["index"], shape)
        if not self.drag_save_timer.isActive():
            self.drag_save_timer.start()
        self._status(pos)

    @staticmethod
    def _with_vertex(shape: Shape, vertex: int, p: tuple[float, float]) -> Shape:
        if shape.type == "box":
            corners = box_corners(shape)
            opposite = corners[(vertex + 2) % 4]
            return shape.with_points([opposite, p])
        points = list(shape.points)
        points[vertex] = p
        return shape.with_points(points)

    @staticmethod
    def _vertex_after(original: Shape, shape: Shape, vertex: int, p: tuple[float, float]) -> int:
        """A box corner dragged across the opposite side becomes another corner."""
        if shape.type != "box":
            return vertex
        corners = box_corners(shape)
        return min(range(4), key=lambda i: math.hypot(corners[i][0] - p[0], corners[i][1] - p[1]))

    def _release(self, pos: QPointF, event: QtGui.QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self._finish_drag(pos)

    def _finish_drag(self, pos: QPointF | None) -> None:
        drag, self.drag = self.drag, None
        self.drag_save_timer.stop()
        if drag is None or self.shapes_layer is None:
            return
        if drag["kind"] == "box":
            layer = self.shapes_layer
            start = drag["start"]
            end = self._clamp(pos) if pos is not None else (layer.cursor.x(), layer.cursor.y()) \
                if layer.cursor is not None else start
            layer.draft_type, layer.draft = None, []
            layer.update()
            zoom = self.canvas.zoom()
            if abs(end[0] - start[0]) * zoom < MIN_BOX_PIXELS or abs(end[1] - start[1]) * zoom < MIN_BOX_PIXELS:
                return
            shape = Shape(next_shape_id(self.ann.shapes), "box", self.label, ()).with_points([start, end])
            self._commit(self.ann.shapes + (shape,), self.tr("Add box"), selected=shape.id)
            return
        if not drag.get("moved") or "shape" not in drag:
            return
        shapes = list(self.ann.shapes)
        shapes[drag["index"]] = drag["shape"]
        vertex = self.shapes_layer.selected_vertex
        self._commit(shapes, self.tr("Move") if drag["kind"] == "move" else self.tr("Edit vertex"))
        self.shapes_layer.selected_vertex = vertex

    def _save_drag(self) -> None:
        """Save the shape being dragged (not an undo step yet) so a crash mid-drag keeps it."""
        drag = self.drag
        if drag is None or "shape" not in drag or self.host is None:
            self.drag_save_timer.stop()
            return
        shapes = list(self.ann.shapes)
        shapes[drag["index"]] = drag["shape"]
        doc = ImageAnnotation(tuple(shapes), self.ann.tags, self.ann.width, self.ann.height,
                              self.ann.orientation, self.ann.draft).to_json()
        self.host.save(doc)

    def _double_click(self, pos: QPointF, event: QtGui.QMouseEvent) -> None:
        if self.tool == "polygon" and self.shapes_layer is not None and self.shapes_layer.draft_type == "polygon":
            self.finish_polygon()
            return
        if self.tool != "select":
            return
        shape = self.selected_shape()
        if shape is None or shape.type != "polygon":
            return
        i = self._index(shape.id)
        edge = _near_edge(self.shapes_layer.polys[i], pos, self._tol())
        if edge is None:
            return
        index, point = edge
        self.insert_vertex(index + 1, (point.x(), point.y()))

    # ------------------------------------------------------------------ polygon drafting

    def _save_draft(self) -> None:
        layer = self.shapes_layer
        if layer is None or not layer.draft_type == "polygon":
            self.ann.draft = None
        else:
            self.ann.draft = {"type": "polygon", "label": layer.draft_label,
                              "points": [[round(x, 2), round(y, 2)] for x, y in layer.draft]}
        self._save()

    def _restore_draft(self, draft: dict) -> None:
        if draft.get("type") != "polygon" or self.shapes_layer is None:
            self.ann.draft = None
            return
        layer = self.shapes_layer
        layer.draft_type, layer.draft_label = "polygon", draft.get("label") or self.label
        layer.draft = [(float(x), float(y)) for x, y in draft.get("points", [])]
        if layer.draft_label in {lb.name for lb in self.config.labels}:
            self.set_label(layer.draft_label)
        if "polygon" in self.config.tools:
            self.tool = "polygon"

    def finish_polygon(self) -> None:
        layer = self.shapes_layer
        if layer is None or layer.draft_type != "polygon":
            return
        points = layer.draft
        label = layer.draft_label or self.label
        layer.draft_type, layer.draft, layer.cursor = None, [], None
        self.ann.draft = None
        layer.update()
        if len(points) < 3:
            self._save()
            self.host.notify(self.tr("A polygon needs at least 3 points."))
            return
        shape = Shape(next_shape_id(self.ann.shapes), "polygon", label, tuple(points))
        self._commit(self.ann.shapes + (shape,), self.tr("Add polygon"), selected=shape.id)

    def _cancel_draft(self) -> bool:
        layer = self.shapes_layer
        if layer is None or not layer.draft_type:
            return False
        had_draft = layer.draft_type == "polygon"
        layer.draft_type, layer.draft, layer.cursor = None, [], None
        self.drag = None if self.drag and self.drag.get("kind") == "box" else self.drag
        layer.update()
        if had_draft:
            self._save_draft()
        return True

    # ------------------------------------------------------------------ edits

    def delete_selected(self) -> None:
        shape = self.selected_shape()
        if shape is None:
            return
        vertex = self.shapes_layer.selected_vertex
        if vertex is not None and shape.type == "polygon" and len(shape.points) > 3:
            points = [p for i, p in enumerate(shape.points) if i != vertex]
            shapes = list(self.ann.shapes)
            shapes[self._index(shape.id)] = shape.with_points(points)
            self._commit(shapes, self.tr("Delete vertex"))
            self.shapes_layer.selected_vertex = min(vertex, len(points) - 1)
            return
        shapes = [s for s in self.ann.shapes if s.id != shape.id]
        self._commit(shapes, self.tr("Delete"), selected=None)

    def duplicate_selected(self) -> None:
        shape = self.selected_shape()
        if shape is None:
            return
        x0, y0, x1, y1 = shape.bounds()
        step = 10.0 / max(self.canvas.zoom(), 1e-9)
        dx = step if x1 + step <= self.source.width else -min(step, x0)
        dy = step if y1 + step <= self.source.height else -min(step, y0)
        copy = Shape(next_shape_id(self.ann.shapes), shape.type, shape.label, shape.moved(dx, dy).points)
        self._commit(self.ann.shapes + (copy,), self.tr("Duplicate"), selected=copy.id)

    def copy_previous(self) -> None:
        previous = self.host.previous_annotation() if self.host is not None else None
        shapes = shapes_from_json((previous or {}).get("shapes"))
        if not shapes:
            self.host.notify(self.tr("The previous item has no shapes to copy."))
            return
        w, h = self.source.width, self.source.height
        current = list(self.ann.shapes)
        added = 0
        for shape in shapes:
            pts = [(min(max(x, 0.0), w), min(max(y, 0.0), h)) for x, y in shape.points]
            moved = Shape(next_shape_id(current), shape.type, shape.label, ()).with_points(pts)
            x0, y0, x1, y1 = moved.bounds()
            if moved.type != "point" and (x1 - x0 <= 0 or y1 - y0 <= 0):
                continue  # fell entirely outside this image
            current.append(moved)
            added += 1
        self._commit(current, self.tr("Copy the previous item's shapes"), selected=None)
        self.host.notify(self.tr("Copied %1 shapes from the previous item.").replace("%1", str(added)))

    def relabel_selected(self, label: str) -> None:
        shape = self.selected_shape()
        if shape is None or shape.label == label:
            return
        shapes = list(self.ann.shapes)
        shapes[self._index(shape.id)] = shape.with_label(label)
        self._commit(shapes, self.tr("Change label"))

    def insert_vertex(self, index: int, point: tuple[float, float] | None = None) -> None:
        shape = self.selected_shape()
        if shape is None or shape.type != "polygon":
            return
        points = list(shape.points)
        if point is None:  # keyboard: the middle of the edge after the selected vertex
            v = self.shapes_layer.selected_vertex
            v = len(points) - 1 if v is None else v
            a, b = points[v], points[(v + 1) % len(points)]
            point, index = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2), v + 1
        points.insert(index, point)
        shapes = list(self.ann.shapes)
        shapes[self._index(shape.id)] = shape.with_points(points)
        self._commit(shapes, self.tr("Insert vertex"))
        self.shapes_layer.selected_vertex = index
        self.shapes_layer.update()

    def nudge(self, dx: float, dy: float) -> None:
        shape = self.selected_shape()
        if shape is None:
            return
        vertex = self.shapes_layer.selected_vertex
        if vertex is not None:
            x, y = self.handles(shape)[vertex]
            p = (min(max(x + dx, 0.0), self.source.width), min(max(y + dy, 0.0), self.source.height))
            new = self._with_vertex(shape, vertex, p)
            vertex = self._vertex_after(shape, new, vertex, p)
        else:
            x0, y0, x1, y1 = shape.bounds()
            dx = min(max(dx, -x0), self.source.width - x1)
            dy = min(max(dy, -y0), self.source.height - y1)
            new = shape.moved(dx, dy)
        shapes = list(self.ann.shapes)
        shapes[self._index(shape.id)] = new
        self._commit(shapes, self.tr("Move"), merge_key=f"nudge:{shape.id}:{vertex}")
        self.shapes_layer.selected_vertex = vertex
        self.shapes_layer.update()

    def cycle_shape(self, step: int) -> None:
        layer = self.shapes_layer
        if layer is None:
            return
        visible = layer.visible_indices().tolist()
        if not visible:
            return
        current = self._index(layer.selected)
        if current is None or current not in visible:
            target = visible[0] if step > 0 else visible[-1]
        else:
            target = visible[(visible.index(current) + step) % len(visible)]
        self.select(self.ann.shapes[target].id)
        self._ensure_visible(self.ann.shapes[target])

    def cycle_vertex(self, step: int) -> None:
        shape = self.selected_shape()
        if shape is None:
            return
        n = len(self.handles(shape))
        v = self.shapes_layer.selected_vertex
        v = (0 if step > 0 else n - 1) if v is None else (v + step) % n
        self.select(shape.id, v)

    def _ensure_visible(self, shape: Shape) -> None:
        x0, y0, x1, y1 = shape.bounds()
        self.canvas.ensureVisible(QtCore.QRectF(x0, y0, max(x1 - x0, 1), max(y1 - y0, 1)), 40, 40)

    # ------------------------------------------------------------------ training check

    def agreement(self):
        if self.expected_doc is None:
            return None
        cfg = self.config
        return compare_annotations(self.expected_doc, self.ann.to_json(), cfg.min_iou, cfg.point_radius)

    def agreement_lines(self) -> list[str]:
        result = self.agreement()
        if result is None:
            return []
        lines = [self.tr("Agreement with the expected answer: mean IoU %1 (needed per shape: %2).")
                 .replace("%1", f"{result.mean_iou:.2f}").replace("%2", f"{result.threshold:.2f}")]
        actual = list(self.ann.shapes)
        for m in result.weak:
            e = self.expected[m.expected]
            lines.append(self.tr("%1 %2 overlaps only %3 with the expected one.")
                         .replace("%1", e.label).replace("%2", self._type_name(e.type))
                         .replace("%3", f"{m.iou:.2f}"))
        for i in result.missed:
            e = self.expected[i]
            lines.append(self.tr("Missing: a %1 %2.").replace("%1", e.label).replace("%2", self._type_name(e.type)))
        for j in result.extra:
            a = actual[j]
            lines.append(self.tr("Not expected: your %1 %2.").replace("%1", a.label)
                         .replace("%2", self._type_name(a.type)))
        for name in result.tag_mismatches:
            lines.append(self.tr("The tag %1 differs from the expected answer.").replace("%1", name))
        if result.passed:
            lines.append(self.tr("Every expected shape is matched."))
        return lines

    def _type_name(self, kind: str) -> str:
        return {"box": self.tr("box"), "polygon": self.tr("polygon"), "point": self.tr("point")}.get(kind, kind)

    def _show_check(self) -> None:
        self.check_text.setText("\n".join(self.agreement_lines()))

    def toggle_check(self) -> None:
        if self.expected_doc is None or self.shapes_layer is None:
            return
        if self.shapes_layer.expected:
            self.shapes_layer.set_expected([])
            self.check_text.setText("")
            self.check_button.setText(self.tr("Check my answer (E)"))
            return
        self.shapes_layer.set_expected(self.expected)
        self.check_button.setText(self.tr("Hide the expected answer (E)"))
        self._show_check()
        if self.host is not None:
            self.host.activity()

    def submit_warnings(self) -> list[str]:
        warnings = []
        if self.shapes_layer is not None and self.shapes_layer.draft_type == "polygon":
            warnings.append(self.tr("A polygon is still being drawn; press Enter to finish it."))
        result = self.agreement()
        if result is not None and not result.passed:
            warnings.append(self.tr("This training item does not match the expected answer yet:"))
            warnings.extend(self.agreement_lines())
        return warnings

    # ------------------------------------------------------------------ view

    def _view_key(self) -> str:
        return f"{self.host.pack.id}@{self.host.pack.version}/{self.host.item.get('id')}"

    def _remember_view(self) -> None:
        if self.host is None or self.source is None or self._loading:
            return
        views = self.host.setting("views", {})
        views = dict(views) if isinstance(views, dict) else {}
        key = self._view_key()
        views.pop(key, None)
        if self.canvas.fitted:
            entry = {"fit": True}
        else:
            c = self.canvas.center_scene()
            entry = {"zoom": round(self.canvas.zoom(), 5), "cx": round(c.x(), 1), "cy": round(c.y(), 1)}
        views[key] = entry
        while len(views) > VIEWS_KEPT:
            views.pop(next(iter(views)))
        self.host.set_setting("views", views)

    def _restore_view(self) -> None:
        views = self.host.setting("views", {}) or {}
        entry = views.get(self._view_key()) if isinstance(views, dict) else None
        if isinstance(entry, dict) and isinstance(entry.get("zoom"), (int, float)) and entry["zoom"] > 0:
            self.canvas.set_zoom(float(entry["zoom"]))
            self.canvas.centerOn(QPointF(float(entry.get("cx", 0)), float(entry.get("cy", 0))))
        else:
            self.canvas.fit()
            QtCore.QTimer.singleShot(0, self._fit_if_fitted)
        self.view_save_timer.stop()

    def _fit_if_fitted(self) -> None:
        if self.canvas.fitted and self.source is not None:
            self.canvas.fit()

    def _zoom_changed(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f}%")
        if not self._loading:
            self.view_save_timer.start()

    def _status(self, pos: QPointF | None = None) -> None:
        if self.source is None:
            return
        parts = [f"{self.source.width} × {self.source.height}",
                 self.tr("%1 shapes").replace("%1", str(len(self.ann.shapes)))]
        if self.pyramid_future is not None and not self.pyramid_future.done():
            parts.append(self.tr("loading full resolution…"))
        if self.shapes_layer is not None and self.shapes_layer.all_hidden:
            parts.append(self.tr("shapes hidden (H)"))
        if self.tool == "polygon" and self.shapes_layer is not None and self.shapes_layer.draft_type:
            parts.append(self.tr("click the first point or press Enter to close the polygon"))
        if pos is not None:
            parts.append(f"x {pos.x():.0f}  y {pos.y():.0f}")
        self.status.setText("   ·   ".join(parts))

    # ------------------------------------------------------------------ keyboard

    def _key(self, event: QtGui.QKeyEvent) -> None:
        if self.source is None or text_input_has_focus():
            event.ignore()
            return
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        K = Qt.Key
        handled = True
        digit = event.text() if event.text() and event.text() in "123456789" else None
        if key in range(K.Key_1.value, K.Key_9.value + 1):
            digit = str(key - K.Key_0.value)
        if digit and alt and not ctrl:
            name = self.label_by_hotkey(digit)
            if name:
                self.set_label_visible(name, name in self.hidden_labels)
        elif digit and not ctrl and not alt:
            name = self.label_by_hotkey(digit)
            if name:
                self.set_label(name)
                if self.tool == "select":
                    self.relabel_selected(name)
        elif key == K.Key_Escape:
            if not self._cancel_draft():
                if self.selected_shape() is not None:
                    self.select(None)
                elif self.tool != "select":
                    self.set_tool("select")
        elif key in (K.Key_Return, K.Key_Enter) and not ctrl:
            self.finish_polygon()
        elif key == K.Key_Backspace and self.shapes_layer.draft_type == "polygon":
            self.shapes_layer.draft.pop()
            if not self.shapes_layer.draft:
                self.shapes_layer.draft_type = None
            self.shapes_layer.update()
            self._save_draft()
        elif key in (K.Key_Delete, K.Key_Backspace) and not ctrl:
            self.delete_selected()
        elif ctrl and shift and key == K.Key_V:
            self.copy_previous()
        elif ctrl and key == K.Key_D:
            self.duplicate_selected()
        elif ctrl or alt:
            handled = False
        elif key == K.Key_V:
            self.set_tool("select")
        elif key == K.Key_B:
            self.set_tool("box")
        elif key == K.Key_P:
            self.set_tool("polygon")
        elif key == K.Key_K:
            self.set_tool("point")
        elif key == K.Key_H:
            self.toggle_all_hidden()
        elif key == K.Key_F:
            self.canvas.fit()
        elif key == K.Key_0:
            self.canvas.actual_size()
        elif key in (K.Key_Plus, K.Key_Equal):
            self.canvas.zoom_by(1.25)
        elif key in (K.Key_Minus, K.Key_Underscore):
            self.canvas.zoom_by(0.8)
        elif key == K.Key_Tab:
            self.cycle_shape(+1)
        elif key == K.Key_Backtab:
            self.cycle_shape(-1)
        elif key == K.Key_BracketRight:
            self.cycle_vertex(+1)
        elif key == K.Key_BracketLeft:
            self.cycle_vertex(-1)
        elif key == K.Key_I:
            self.insert_vertex(-1)
        elif key == K.Key_T:
            self.focus_tags()
        elif key == K.Key_E:
            self.toggle_check()
        elif key in (K.Key_Left, K.Key_Right, K.Key_Up, K.Key_Down):
            dx = {K.Key_Left: -1, K.Key_Right: 1}.get(key, 0)
            dy = {K.Key_Up: -1, K.Key_Down: 1}.get(key, 0)
            if self.selected_shape() is not None:
                step = (10.0 if shift else 1.0) / max(self.canvas.zoom(), 1e-9)
                step = max(step, 1.0) if self.canvas.zoom() <= 1 else step
                self.nudge(dx * step, dy * step)
            else:
                self.canvas.pan_by(dx * 60, dy * 60)
        else:
            handled = False
        if handled:
            event.accept()
            if self.host is not None:
                self.host.activity()
        else:
            event.ignore()

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802 - Qt API
        """Keys reaching the editor outside the canvas (tag buttons): Esc returns to the image."""
        if event.key() == Qt.Key.Key_Escape:
            self.canvas.setFocus()
            event.accept()
            return
        super().keyPressEvent(event)

    def shortcuts(self) -> list[Shortcut]:
        tools, edit, view = self.tr("Image: tools"), self.tr("Image: editing"), self.tr("Image: view")
        return [
            Shortcut("V", self.tr("Select and edit shapes"), tools),
            Shortcut("B", self.tr("Draw boxes (drag)"), tools),
            Shortcut("P", self.tr("Draw polygons (click points; Enter, double-click or the first point closes)"),
                     tools),
            Shortcut("K", self.tr("Place points"), tools),
            Shortcut("1-9", self.tr("Choose the label (with Select: relabel the selected shape)"), tools),
            Shortcut("T", self.tr("Go to the image tags (Space ticks, Esc returns)"), tools),
            Shortcut("Esc", self.tr("Cancel the drawing, deselect, then back to Select"), tools),
            Shortcut("Tab / Shift+Tab", self.tr("Select the next / previous shape"), edit),
            Shortcut("Arrows", self.tr("Move the selected shape or vertex (Shift: 10×); pan otherwise"), edit),
            Shortcut("[ / ]", self.tr("Select the previous / next vertex or corner (resize with the arrows)"),
                     edit),
            Shortcut("I", self.tr("Insert a vertex after the selected one (or double-click an edge)"), edit),
            Shortcut("Delete", self.tr("Delete the selected vertex, else the selected shape"), edit),
            Shortcut("Backspace", self.tr("Remove the last point of the polygon being drawn"), edit),
            Shortcut("Enter", self.tr("Close the polygon being drawn"), edit),
            Shortcut("Ctrl+D", self.tr("Duplicate the selected shape"), edit),
            Shortcut("Ctrl+Shift+V", self.tr("Copy the previous item's shapes"), edit),
            Shortcut("E", self.tr("Training items: check against the expected answer"), edit),
            Shortcut("Wheel", self.tr("Zoom around the cursor"), view),
            Shortcut("+ / -", self.tr("Zoom in / out"), view),
            Shortcut("F", self.tr("Fit the image"), view),
            Shortcut("0", self.tr("Actual pixels (1:1)"), view),
            Shortcut("Space+drag, middle button", self.tr("Pan"), view),
            Shortcut("H", self.tr("Hide / show all shapes"), view),
            Shortcut("Alt+1-9", self.tr("Hide / show one label"), view),
        ]


def _near_edge(poly: QtGui.QPolygonF, pos: QPointF, tol: float):
    """``(index, point)`` of the edge from vertex ``index`` nearest to ``pos`` within ``tol``, else ``None``."""
    n = poly.size()
    best = None
    best_d = tol
    px, py = pos.x(), pos.y()
    for i in range(n):
        a, b = poly[i], poly[(i + 1) % n]
        ax, ay, bx, by = a.x(), a.y(), b.x(), b.y()
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
        cx, cy = ax + t * dx, ay + t * dy
        d = math.hypot(px - cx, py - cy)
        if d <= best_d:
            best, best_d = (i, QPointF(cx, cy)), d
    return best
