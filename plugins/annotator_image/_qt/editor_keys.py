"""The image editor's selection and key handlers (the key map itself is in ``editor.py``).

A mixin of :class:`~annotator_image._qt.editor.ImageEditor` that holds no translated
string (a ``self.tr`` here would take the editor's context at run time and this module's
class name in the catalogue): what a key does once the key map has chosen its binding.
"""
from __future__ import annotations

from PySide6 import QtCore, QtGui

from annotator.plugin_api.qt import text_input_has_focus
from annotator_image import hits
from annotator_image.model import Shape

Qt = QtCore.Qt
K = Qt.Key


class SelectionAndKeys:
    """Selecting shapes and vertices, and the handlers of the keys that need the key event."""

    def selected_shape(self) -> Shape | None:
        return self.document.selected_shape() if self.document is not None else None

    def select(self, shape_id: str | None, vertex: int | None = None) -> None:
        if self.document is None:
            return
        self.document.select(shape_id, vertex)
        self._show_selection()
        self.show_status()

    def cycle_shape(self, step: int) -> None:
        layer, document = self.shapes_layer, self.document
        if layer is None or document is None:
            return
        visible = layer.visible_indices().tolist()
        if not visible:
            return
        current = document.index(document.selected)
        if current is None or current not in visible:
            target = visible[0] if step > 0 else visible[-1]
        else:
            target = visible[(visible.index(current) + step) % len(visible)]
        shape = document.shapes[target]
        self.select(shape.id)
        x0, y0, x1, y1 = shape.bounds()
        self.canvas.ensureVisible(QtCore.QRectF(x0, y0, max(x1 - x0, 1), max(y1 - y0, 1)), 40, 40)

    def cycle_vertex(self, step: int) -> None:
        shape = self.selected_shape()
        if shape is None:
            return
        n = len(hits.handles(shape))
        v = self.document.selected_vertex
        v = (0 if step > 0 else n - 1) if v is None else (v + step) % n
        self.select(shape.id, v)

    def _key_is(self, *keys: int) -> bool:
        return self._key_event is not None and self._key_event.key() in keys

    def _digit(self) -> None:
        name = self.document.label_by_hotkey(str(self._key_event.key() - K.Key_0.value))
        if name:
            self.set_label(name)
            if self.tool == "select":
                self.document.relabel_selected(name)

    def _alt_digit(self) -> None:
        name = self.document.label_by_hotkey(str(self._key_event.key() - K.Key_0.value))
        if name:
            self.set_label_visible(name, name in self.hidden_labels)

    def _escape(self) -> None:
        if not self._cancel_draft():
            if self.selected_shape() is not None:
                self.select(None)
            elif self.tool != "select":
                self.set_tool("select")

    def _backspace(self) -> None:
        if self.document.draft is not None:
            self.document.draft_pop()
        else:
            self.delete_selected()

    def _arrow(self) -> None:
        key = self._key_event.key()
        dx = {K.Key_Left: -1, K.Key_Right: 1}.get(key, 0)
        dy = {K.Key_Up: -1, K.Key_Down: 1}.get(key, 0)
        if self.selected_shape() is None:
            self.canvas.pan_by(dx * 60, dy * 60)
            return
        zoom = self.canvas.zoom()
        shift = bool(self._key_event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        step = (10.0 if shift else 1.0) / max(zoom, 1e-9)
        step = max(step, 1.0) if zoom <= 1 else step
        self.document.nudge(dx * step, dy * step)

    def _key(self, event: QtGui.QKeyEvent) -> None:
        """Keys the canvas receives: the key map's bindings (single keys never while typing)."""
        if self.source is None or self.document is None or text_input_has_focus():
            event.ignore()
            return
        self._key_event = event
        try:
            handled = self.keys.dispatch(event)
        finally:
            self._key_event = None
        if not handled:
            event.ignore()
        elif self.host is not None:
            self.host.activity()

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802 - Qt API
        """Keys reaching the editor outside the canvas (tag buttons): Esc returns to the image."""
        if event.key() == Qt.Key.Key_Escape:
            self.canvas.setFocus()
            event.accept()
            return
        if self.keys.dispatch(event):  # a key a tag button does not use (E: check my answer) still works
            return
        super().keyPressEvent(event)
