"""The list of an item's shapes beside the image: choose one, hide it, relabel it, from the mouse or
the keyboard (L goes to it; the arrows choose, Space hides or shows, 1-9 relabel, C confirms a
machine-made shape, Delete deletes, Esc returns to the image). It shows what the editor gives it
and reports what the worker does as signals; the rules are the document's."""
from __future__ import annotations

from typing import Mapping, Sequence

from PySide6 import QtCore, QtGui, QtWidgets

from annotator_image.model import Shape

Qt = QtCore.Qt
ID_ROLE = Qt.ItemDataRole.UserRole
#: keys the list keeps for itself (moving between rows); every other key goes to the editor's key map
NAVIGATION = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Home,
              Qt.Key.Key_End}


class ShapesList(QtWidgets.QListWidget):
    shape_chosen = QtCore.Signal(object)  # the shape id, or None
    shape_shown = QtCore.Signal(str, bool)
    key_forwarded = QtCore.Signal(object)  # a QKeyEvent for the editor's key map
    escaped = QtCore.Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ShapesList")
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._shapes: tuple[Shape, ...] = ()
        self._hidden: frozenset[str] = frozenset()
        self._swatches: dict[str, QtGui.QIcon] = {}
        self._filling = False
        self.currentItemChanged.connect(self._current_changed)
        self.itemChanged.connect(self._item_changed)

    # ------------------------------------------------------------------ showing

    def _swatch(self, color: str) -> QtGui.QIcon:
        icon = self._swatches.get(color)
        if icon is None:
            pixmap = QtGui.QPixmap(12, 12)
            pixmap.fill(QtGui.QColor(color))
            icon = self._swatches[color] = QtGui.QIcon(pixmap)
        return icon

    def row_text(self, number: int, shape: Shape) -> str:
        kind = {"box": self.tr("box"), "polygon": self.tr("polygon"), "point": self.tr("point")}.get(shape.type,
                                                                                                   shape.type)
        text = f"{number}. {shape.label} · {kind}"
        if shape.machine:
            text += " · " + (self.tr("machine-made") if shape.score is None
                             else self.tr("machine-made, %1").replace("%1", f"{shape.score:.2f}"))
        return text

    def show_shapes(self, shapes: Sequence[Shape], selected: str | None, hidden: set[str],
                    colors: Mapping[str, str]) -> None:
        """Show ``shapes`` (rows rebuilt only when shapes come or go), the selection and the hidden ones."""
        shapes = tuple(shapes)
        hidden_now = frozenset(hidden)
        self._filling = True
        try:
            same_ids = len(shapes) == len(self._shapes) and all(
                a.id == b.id for a, b in zip(shapes, self._shapes))
            if not same_ids:
                self.clear()
                for n, shape in enumerate(shapes, 1):
                    item = QtWidgets.QListWidgetItem(self.row_text(n, shape))
                    item.setToolTip(item.text())
                    item.setData(ID_ROLE, shape.id)
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                                  | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Unchecked if shape.id in hidden_now else Qt.CheckState.Checked)
                    item.setIcon(self._swatch(colors.get(shape.label, "#ff00ff")))
                    self.addItem(item)
            else:
                for n, (new, old) in enumerate(zip(shapes, self._shapes)):
                    item = self.item(n)
                    if new is not old:
                        item.setText(self.row_text(n + 1, new))
                        item.setToolTip(item.text())
                        item.setIcon(self._swatch(colors.get(new.label, "#ff00ff")))
                    if (new.id in hidden_now) != (new.id in self._hidden):
                        item.setCheckState(Qt.CheckState.Unchecked if new.id in hidden_now else Qt.CheckState.Checked)
            self._shapes, self._hidden = shapes, hidden_now
            self.show_selected(selected)
        finally:
            self._filling = False

    def show_selected(self, selected: str | None) -> None:
        row = next((n for n, s in enumerate(self._shapes) if s.id == selected), -1)
        if row == self.currentRow() and (row < 0 or self.item(row).isSelected()):
            return
        filling, self._filling = self._filling, True
        try:
            if row < 0:
                self.setCurrentRow(-1)
                self.clearSelection()
            else:
                self.setCurrentRow(row)
                self.scrollToItem(self.item(row))
        finally:
            self._filling = filling

    # ------------------------------------------------------------------ the worker

    def _current_changed(self, current, previous) -> None:
        if not self._filling:
            self.shape_chosen.emit(current.data(ID_ROLE) if current is not None else None)

    def _item_changed(self, item: QtWidgets.QListWidgetItem) -> None:
        if not self._filling:
            self.shape_shown.emit(item.data(ID_ROLE), item.checkState() == Qt.CheckState.Checked)

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802 - Qt API
        key = event.key()
        if key in NAVIGATION and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        if key == Qt.Key.Key_Escape:
            self.escaped.emit()
            event.accept()
            return
        if key == Qt.Key.Key_Space and self.currentItem() is not None:
            item = self.currentItem()
            item.setCheckState(Qt.CheckState.Unchecked if item.checkState() == Qt.CheckState.Checked
                               else Qt.CheckState.Checked)
            event.accept()
            return
        event.ignore()
        self.key_forwarded.emit(event)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 - Qt API; Tab cycles shapes
        return False
