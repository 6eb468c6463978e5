"""The image editor: a thin Qt view over :class:`annotator_image.document.ImageDocument`.

Built with the plugin API's editing kit (ADR 0006): the document holds the shapes and tags
and every rule that changes them, with unlimited snapshot undo; this view turns clicks and
keys into document calls and draws the document after each change. One :class:`KeyMap`
binds every key and writes the help list. Saving is the kit's :class:`DebouncedSave`: a
discrete edit (a box, a delete, a polygon vertex) is saved at once, a drag or a burst of
nudges within 250 ms and when it ends, so killing the app loses nothing that was on screen.

The image is opened by :class:`~annotator_image._qt.loading.ImageLoader`: the header at
once, the preview off the interface thread unless it is small or was prepared ahead.
"""
from __future__ import annotations

from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from annotator.plugin_api.qt import DocumentEditor, key_text
from annotator_image._qt.canvas import Canvas, ImageLayer
from annotator_image._qt.editor_keys import SelectionAndKeys
from annotator_image._qt.loading import ImageLoader
from annotator_image._qt.panels import ImageSidePanel
from annotator_image._qt.shapes_layer import ShapesLayer
from annotator_image._qt.pointer import Pointer
from annotator_image._qt.views import remember_view, restore_view
from annotator_image.document import DRAG, ImageDocument
from annotator_image.imageio import Header, ImageError, ImageSource, probe
from annotator_image.model import Shape, TaskConfig, shapes_from_json, task_config

Qt = QtCore.Qt
QPointF = QtCore.QPointF
K = Qt.Key


class ImageEditor(SelectionAndKeys, DocumentEditor):
    document: ImageDocument | None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.config: TaskConfig | None = None
        self.header: Header | None = None
        self.expected: list[Shape] = []
        self.expected_doc: dict | None = None
        self.tool = "select"
        self.label: str | None = None
        self.hidden_labels: set[str] = set()
        self.hidden_shapes: set[str] = set()
        """Shapes the worker hid one by one (this item only; a view setting, never saved)."""
        self.image_layer: ImageLayer | None = None
        self.shapes_layer: ShapesLayer | None = None
        self._shown_shapes: tuple[Shape, ...] | None = None
        self._checking = False
        self._key_event: QtGui.QKeyEvent | None = None
        self._loading = False
        self.loader = ImageLoader(self)
        self.loader.opened.connect(self._opened)
        self.loader.open_failed.connect(self._open_failed)
        self.loader.pyramid_ready.connect(self._pyramid_ready)
        self.loader.pyramid_failed.connect(self._pyramid_failed)
        self._build_ui()
        self.pointer = Pointer(self)
        self._bind_keys()
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
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        left.addWidget(self.status)
        layout.addLayout(left, 1)
        self.panel = ImageSidePanel()
        layout.addWidget(self.panel)
        self.panel.label_clicked.connect(self.set_label)
        self.panel.label_shown.connect(self.set_label_visible)
        self.panel.tag_clicked.connect(self.toggle_tag)
        self.panel.check_clicked.connect(self.toggle_check)
        self.shapes_list = self.panel.shapes_list
        self.shapes_list.shape_chosen.connect(self._shape_chosen)
        self.shapes_list.shape_shown.connect(self.set_shape_visible)
        self.shapes_list.key_forwarded.connect(self._key)
        self.shapes_list.escaped.connect(self.canvas.setFocus)
        # the panel's widgets, as tests and the help read them
        self.label_visible = self.panel.label_visible
        self.tag_widgets = self.panel.tag_widgets
        self.check_box, self.check_text = self.panel.check_box, self.panel.check_text

        self.canvas.zoom_changed.connect(self._zoom_changed)
        self.canvas.key_pressed.connect(self._key)
        self.canvas.horizontalScrollBar().valueChanged.connect(lambda _: self.view_save_timer.start())
        self.canvas.verticalScrollBar().valueChanged.connect(lambda _: self.view_save_timer.start())

    def _bind_keys(self) -> None:
        """Every key of the editor, and the help list: one table (the canvas dispatches them)."""
        tools, edit, view = self.tr("Image: tools"), self.tr("Image: editing"), self.tr("Image: view")

        def add(keys, action, description, group, label=""):
            self.keys.add(keys, action, description, group, label=label, routed=True)

        add("V", lambda: self.set_tool("select"), self.tr("Select and edit shapes"), tools)
        add("B", lambda: self.set_tool("box"), self.tr("Draw boxes (drag)"), tools)
        add("P", lambda: self.set_tool("polygon"),
            self.tr("Draw polygons (click points; Enter, double-click or the first point closes)"), tools)
        add("K", lambda: self.set_tool("point"), self.tr("Place points"), tools)
        add([str(d) for d in range(1, 10)], self._digit,
            self.tr("Choose the label (with Select: relabel the selected shape)"), tools, "1-9")
        add("T", self.focus_tags, self.tr("Go to the image tags (Space ticks, Esc returns)"), tools)
        add("Esc", self._escape, self.tr("Cancel the drawing, deselect, then back to Select"), tools)
        add(["Tab", "Backtab"], lambda: self.cycle_shape(-1 if self._key_is(K.Key_Backtab) else 1),
            self.tr("Select the next / previous shape"), edit, f"{key_text('Tab')} / {key_text('Shift+Tab')}")
        add(["Left", "Right", "Up", "Down"], self._arrow,
            self.tr("Move the selected shape or vertex (Shift: 10×); pan otherwise"), edit, self.tr("Arrows"))
        add(["[", "]"], lambda: self.cycle_vertex(1 if self._key_is(K.Key_BracketRight) else -1),
            self.tr("Select the previous / next vertex or corner (resize with the arrows)"), edit, "[ / ]")
        add("I", lambda: self._edit(lambda d: d.insert_vertex()),
            self.tr("Insert a vertex after the selected one (or double-click an edge)"), edit)
        add("Delete", self.delete_selected, self.tr("Delete the selected vertex, else the selected shape"), edit,
            self.tr("Delete"))
        add("Backspace", self._backspace, self.tr("Remove the last point of the polygon being drawn"), edit)
        add(["Return", "Enter"], self.finish_polygon, self.tr("Close the polygon being drawn"), edit,
            key_text("Enter"))
        add("Ctrl+D", self.duplicate_selected, self.tr("Duplicate the selected shape"), edit)
        add("Ctrl+Shift+V", self.copy_previous, self.tr("Copy the previous item's shapes"), edit)
        add("L", self.focus_shapes,
            self.tr("Go to the shapes list (arrows choose, Space hides, 1-9 relabel, Esc returns)"), edit)
        add("C", self.confirm_selected, self.tr("Confirm the selected machine-made shape as it is"), edit)
        add("Shift+C", self.confirm_all, self.tr("Confirm every machine-made shape as it is"), edit)
        add("E", self.toggle_check, self.tr("Training items: check against the expected answer"), edit)
        self.keys.gesture(self.tr("Wheel"), self.tr("Zoom around the cursor"), view)
        add(["+", "=", "-", "_"], lambda: self.canvas.zoom_by(1.25 if self._key_is(K.Key_Plus, K.Key_Equal) else 0.8),
            self.tr("Zoom in / out"), view, "+ / -")
        add("F", lambda: self.canvas.fit(), self.tr("Fit the image"), view)
        add("0", lambda: self.canvas.actual_size(), self.tr("Actual pixels (1:1)"), view)
        self.keys.gesture(self.tr("%1+drag, middle button").replace("%1", key_text("Space")), self.tr("Pan"), view)
        add("H", self.toggle_all_hidden, self.tr("Hide / show all shapes"), view)
        add("Shift+H", self.toggle_selected_hidden, self.tr("Hide / show the selected shape"), view)
        add([f"Alt+{d}" for d in range(1, 10)], self._alt_digit, self.tr("Hide / show one label"), view,
            f"{key_text('Alt+1')}-9")

    # ------------------------------------------------------------------ item

    @property
    def source(self) -> ImageSource | None:
        """The opened image (``None`` while it opens off the interface thread)."""
        return self.loader.source

    @property
    def ann(self) -> ImageDocument | None:
        """The item's document (``ann.shapes``, ``ann.tags``)."""
        return self.document

    @property
    def pyramid_future(self):
        return self.loader.pyramid_future

    def create_document(self, host) -> ImageDocument:
        config = task_config(host.pack.task)
        if config != self.config:
            self.config = config
            self.panel.build(config, self.hidden_labels)
            for tool, button in self.tool_buttons.items():
                button.setVisible(tool == "select" or tool in config.tools)
        try:
            header = probe(host.media_path())
        except ImageError as exc:
            self.status.setText(str(exc))
            raise
        self.header = header
        document = ImageDocument.from_annotation(host.annotation, host.item.get("prelabel"), width=header.width,
                                                 height=header.height, orientation=header.orientation, config=config)
        self.hidden_shapes = set()
        self.shapes_layer = ShapesLayer(header.width, header.height)
        self.shapes_layer.setZValue(1)
        self.shapes_layer.set_colors({lb.name: lb.color for lb in config.labels})
        self.shapes_layer.hidden = set(self.hidden_labels)
        self.shapes_layer.hidden_shapes = self.hidden_shapes
        self.canvas.scene().addItem(self.shapes_layer)
        self.canvas.set_image_rect(QtCore.QRectF(0, 0, header.width, header.height))
        return document

    def load(self, host) -> None:
        self._loading = True
        try:
            super().load(host)
            self._show_item(host)
        finally:
            self._loading = False
        if host.annotation is None and self.document.machine_count():
            self.saver.now()  # the machine's shapes are the item's starting annotation: submitted as they are
        self.show_status()

    def _show_item(self, host) -> None:
        config, document = self.config, self.document
        expected = host.item.get("expected")
        training = bool(host.item.get("training")) and isinstance(expected, dict)
        self.expected_doc = expected if training else None
        self.expected = shapes_from_json(expected.get("shapes")) if training else []
        self._checking = False
        self.panel.show_training(training)
        if self.label is None or config.label(self.label) is None:
            self.label = config.labels[0].name if config.labels else None
        if self.tool not in config.tools:
            self.tool = "select"
        if document.draft is not None:  # a polygon was being drawn: go on with it
            if config.label(document.draft.label) is not None:
                self.label = document.draft.label
            if "polygon" in config.tools:
                self.tool = "polygon"
        self.set_label(self.label)
        self._show_tool()
        if not restore_view(host, self.canvas):
            QtCore.QTimer.singleShot(0, self._fit_if_fitted)
        self.view_save_timer.stop()
        self.canvas.set_message("")
        source = self.loader.start(self.header, host.cache_dir)  # raises ImageError: the item's error page
        if source is not None:
            self._show_source(source)
        else:
            self.canvas.set_message(self.tr("Opening the image (%1 × %2 pixels)…")
                                    .replace("%1", str(self.header.width)).replace("%2", str(self.header.height)))

    def _show_source(self, source: ImageSource, preview: QtGui.QImage | None = None) -> None:
        self.image_layer = ImageLayer(source, self.loader.need_pyramid, preview)
        self.canvas.scene().addItem(self.image_layer)
        self.canvas.minimap.set_preview(self.image_layer.preview)
        self.canvas.set_message("")
        self.show_status()

    def _opened(self, source: ImageSource, preview: QtGui.QImage) -> None:
        if self.document is not None:
            self._show_source(source, preview)

    def _open_failed(self, text: str) -> None:
        message = self.tr("The image cannot be shown: %1").replace("%1", text)
        self.canvas.set_message(message)
        self.status.setText(message)
        if self.host is not None:
            self.host.notify(message)

    def _pyramid_ready(self, pyramid) -> None:
        if self.image_layer is not None:
            self.image_layer.set_pyramid(pyramid)
        self.show_status()

    def _pyramid_failed(self, text: str) -> None:
        if self.host is not None:
            self.host.notify(self.tr("Full resolution is not available: %1").replace("%1", text))
        self.show_status()

    def unload(self) -> None:
        self.pointer.finish()  # a drag in progress is kept: one undo step
        self._checking = False
        self._remember_view()
        self.view_save_timer.stop()
        self.loader.stop()
        super().unload()
        self._clear_scene()
        self.header = None

    def _clear_scene(self) -> None:
        self.canvas.scene().clear()
        self.canvas.minimap.set_preview(None)
        self.image_layer = None
        self.shapes_layer = None
        self._shown_shapes = None

    def wait_until_shown(self, timeout: float = 30.0) -> bool:
        """Block until the preview is on the canvas (tests and the benchmark)."""
        return self.loader.wait_opened(timeout) and self.image_layer is not None

    def wait_for_full_resolution(self, timeout: float = 30.0) -> bool:
        """Block until the pyramid is built (tests and the benchmark)."""
        if self.loader.pyramid_future is not None:
            self.loader.wait_pyramid(timeout)
        return self.image_layer is not None and self.image_layer.pyramid is not None

    def focus_editor(self) -> None:
        self.canvas.setFocus()

    def undo(self) -> None:
        self.pointer.cancel_box()
        super().undo()

    # ------------------------------------------------------------------ drawing the document

    def changed(self, merge_key: Any) -> None:
        layer, document = self.shapes_layer, self.document
        if merge_key == DRAG and layer is not None and document.moving is not None:
            layer.replace_shape(*document.moving)  # one shape moves: no rebuild
            layer.selected_vertex = document.selected_vertex
            return
        self.render()
        if self.host is not None and not self._loading:
            self.host.activity()

    def render(self) -> None:
        layer, document = self.shapes_layer, self.document
        if layer is None or document is None:
            return
        if document.shapes is not self._shown_shapes:
            layer.set_shapes(list(document.shapes))
            self._shown_shapes = document.shapes
        self._show_selection()
        if self.pointer.box is None:
            draft = document.draft
            layer.draft_type = "polygon" if draft is not None else None
            layer.draft_label = (draft.label or self.label) if draft is not None else None
            layer.draft = list(draft.points) if draft is not None else []
            if draft is None:
                layer.cursor = None
        layer.update()
        self.panel.show_tags(self.config, document.tags)
        self.panel.show_counts(document.label_counts())
        self.panel.show_shape_count(len(document.shapes))
        self.shapes_list.show_shapes(document.shapes, document.selected, self.hidden_shapes,
                                     {lb.name: lb.color for lb in self.config.labels})
        if self._checking:
            self._show_check()
        self.show_status()

    def _show_selection(self) -> None:
        if self.shapes_layer is not None and self.document is not None:
            self.shapes_layer.selected = self.document.selected
            self.shapes_layer.selected_vertex = self.document.selected_vertex
            self.shapes_layer.update()
            self.shapes_list.show_selected(self.document.selected)

    def _edit(self, change) -> None:
        if self.document is not None and self.source is not None:
            change(self.document)

    # ------------------------------------------------------------------ tools, labels, tags

    def set_tool(self, tool: str) -> None:
        if self.config is not None and tool != "select" and tool not in self.config.tools:
            return
        if tool != self.tool:
            self._cancel_draft()
        self.tool = tool
        self._show_tool()

    def _show_tool(self) -> None:
        self.tool_buttons[self.tool].setChecked(True)
        self.canvas.set_crosshair(self.tool != "select")
        self.show_status()

    def set_label(self, name: str | None) -> None:
        self.label = name
        self.panel.show_label(name)
        if self.document is not None and self.document.draft is not None and not self._loading:
            self.document.relabel_draft(name)

    def set_label_visible(self, name: str, visible: bool) -> None:
        if visible:
            self.hidden_labels.discard(name)
        else:
            self.hidden_labels.add(name)
        self.panel.show_label_visible(name, visible)
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
            self.show_status()

    def set_shape_visible(self, shape_id: str, visible: bool) -> None:
        if visible:
            self.hidden_shapes.discard(shape_id)
        else:
            self.hidden_shapes.add(shape_id)
            if self.document is not None and self.document.selected == shape_id and not self.shapes_list.hasFocus():
                self.select(None)
        if self.shapes_layer is not None:
            self.shapes_layer.update()
        if self.document is not None:
            self.render()

    def toggle_selected_hidden(self) -> None:
        shape = self.selected_shape()
        if shape is not None:
            self.set_shape_visible(shape.id, shape.id in self.hidden_shapes)

    def focus_shapes(self) -> None:
        """The shapes list takes the keys (a selection tool: the tool becomes Select)."""
        self.set_tool("select")
        self.shapes_list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.shapes_list.currentRow() < 0 and self.shapes_list.count():
            self.shapes_list.setCurrentRow(0)

    def _shape_chosen(self, shape_id: str | None) -> None:
        if self.document is None:
            return
        self.select(shape_id)
        shape = self.selected_shape()
        if shape is not None and shape.id not in self.hidden_shapes:
            x0, y0, x1, y1 = shape.bounds()
            self.canvas.ensureVisible(QtCore.QRectF(x0, y0, max(x1 - x0, 1), max(y1 - y0, 1)), 40, 40)

    def confirm_selected(self) -> None:
        self._edit(lambda d: d.confirm_selected())

    def confirm_all(self) -> None:
        self._edit(lambda d: d.confirm_all())

    def toggle_tag(self, group: str, choice: str) -> None:
        if self.document is not None:
            self.document.toggle_tag(group, choice)

    def focus_tags(self) -> None:
        self.panel.focus_tags()

    # ------------------------------------------------------------------ edits

    def delete_selected(self) -> None:
        self._edit(lambda d: d.delete_selected())

    def duplicate_selected(self) -> None:
        self._edit(lambda d: d.duplicate_selected(10.0 / max(self.canvas.zoom(), 1e-9)))

    def copy_previous(self) -> None:
        if self.document is None or self.host is None:
            return
        shapes = shapes_from_json((self.host.previous_annotation() or {}).get("shapes"))
        if not shapes:
            self.host.notify(self.tr("The previous item has no shapes to copy."))
            return
        added = self.document.copy_shapes(shapes)
        self.host.notify(self.tr("Copied %n shape(s) from the previous item.", "", added))

    def finish_polygon(self) -> None:
        document = self.document
        if document is None or document.draft is None:
            return
        if document.finish_polygon(self.label) is None and self.host is not None:
            self.host.notify(self.tr("A polygon needs at least 3 points."))

    def no_label_to_draw(self) -> None:
        self.host.notify(self.tr("This pack has no labels to draw with."))

    def _cancel_draft(self) -> bool:
        """Drop a box or a polygon being drawn; whether there was one."""
        box = self.pointer.cancel_box()
        return (self.document is not None and self.document.cancel_draft()) or box

    # ------------------------------------------------------------------ training check

    def agreement_lines(self) -> list[str]:
        result = self.document.agreement(self.expected_doc) if self.document is not None else None
        if result is None:
            return []
        return self.panel.agreement_lines(result, self.expected, self.document.shapes)

    def _show_check(self) -> None:
        self.panel.show_check(self.agreement_lines())

    def toggle_check(self) -> None:
        if self.expected_doc is None or self.shapes_layer is None:
            return
        self._checking = not self._checking
        self.shapes_layer.set_expected(self.expected if self._checking else [])
        if self._checking:
            self._show_check()
            if self.host is not None:
                self.host.activity()
        else:
            self.panel.show_check(None)

    def submit_warnings(self) -> list[str]:
        warnings = []
        if self.document is not None and self.document.draft is not None:
            warnings.append(self.tr("A polygon is still being drawn; press Enter to finish it."))
        machine = self.document.machine_count() if self.document is not None else 0
        if machine:
            warnings.append(self.tr("%n machine-made shape(s) not checked yet (C confirms the selected one, "
                                    "Shift+C all).", "", machine))
        result = self.document.agreement(self.expected_doc) if self.document is not None else None
        if result is not None and not result.passed:
            warnings.append(self.tr("This training item does not match the expected answer yet:"))
            warnings.extend(self.agreement_lines())
        return warnings

    # ------------------------------------------------------------------ view and status

    def _remember_view(self) -> None:
        if self.host is not None and self.header is not None and not self._loading:
            remember_view(self.host, self.canvas)

    def _fit_if_fitted(self) -> None:
        if self.canvas.fitted and self.header is not None:
            self.canvas.fit()

    def _zoom_changed(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f}%")
        if not self._loading:
            self.view_save_timer.start()

    def show_status(self, pos: QPointF | None = None) -> None:
        if self.header is None or self.document is None:
            return
        parts = [f"{self.header.width} × {self.header.height}",
                 self.tr("%n shape(s)", "", len(self.document.shapes))]
        machine = self.document.machine_count()
        if machine:
            parts.append(self.tr("%n machine-made shape(s) to check (C confirms)", "", machine))
        if self.loader.opening:
            parts.append(self.tr("opening the image…"))
        elif self.pyramid_future is not None and not self.pyramid_future.done():
            parts.append(self.tr("loading full resolution…"))
        if self.shapes_layer is not None and self.shapes_layer.all_hidden:
            parts.append(self.tr("shapes hidden (H)"))
        if self.tool == "polygon" and self.document.draft is not None:
            parts.append(self.tr("click the first point or press Enter to close the polygon"))
        if pos is not None:
            parts.append(f"x {pos.x():.0f}  y {pos.y():.0f}")
        self.status.setText("   ·   ".join(parts))
