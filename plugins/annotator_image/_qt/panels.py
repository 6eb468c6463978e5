"""The image editor's side panel: labels (choose, show or hide, count), the item's shapes
(:class:`~annotator_image._qt.shapes_list.ShapesList`), image tags, and the training check. It shows what the editor gives it and reports clicks as signals; it holds
no rule of its own (those are in ``annotator_image.document``)."""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from PySide6 import QtCore, QtWidgets

from annotator.plugin_api.qt import number
from annotator_image._qt.shapes_list import ShapesList
from annotator_image.geometry import Agreement
from annotator_image.model import Shape, TaskConfig

Qt = QtCore.Qt


class ImageSidePanel(QtWidgets.QWidget):
    label_clicked = QtCore.Signal(str)
    label_shown = QtCore.Signal(str, bool)
    tag_clicked = QtCore.Signal(str, str)
    check_clicked = QtCore.Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.setFixedWidth(230)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        self.labels_box = QtWidgets.QGroupBox(self.tr("Labels"))
        self.labels_layout = QtWidgets.QGridLayout(self.labels_box)
        self.labels_layout.setColumnStretch(1, 1)
        layout.addWidget(self.labels_box)
        self.shapes_box = QtWidgets.QGroupBox()
        shapes_layout = QtWidgets.QVBoxLayout(self.shapes_box)
        shapes_layout.setContentsMargins(4, 4, 4, 4)
        self.shapes_list = ShapesList(self.shapes_box)
        shapes_layout.addWidget(self.shapes_list)
        layout.addWidget(self.shapes_box, 1)
        self.show_shape_count(0)
        self.tags_box = QtWidgets.QGroupBox(self.tr("Image tags (T)"))
        self.tags_layout = QtWidgets.QVBoxLayout(self.tags_box)
        layout.addWidget(self.tags_box)
        self.check_box = QtWidgets.QGroupBox(self.tr("Training item"))
        check_layout = QtWidgets.QVBoxLayout(self.check_box)
        self.check_button = QtWidgets.QPushButton(self.tr("Check my answer (E)"))
        self.check_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.check_button.clicked.connect(self.check_clicked)
        check_layout.addWidget(self.check_button)
        self.check_text = QtWidgets.QLabel()
        self.check_text.setWordWrap(True)
        self.check_text.setTextFormat(Qt.TextFormat.PlainText)
        check_layout.addWidget(self.check_text)
        layout.addWidget(self.check_box)
        self.hint = QtWidgets.QLabel(self.tr("Press ? for every shortcut."))
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        # filled per task; the same dictionaries for the editor's lifetime
        self.label_buttons: dict[str, QtWidgets.QToolButton] = {}
        self.label_visible: dict[str, QtWidgets.QCheckBox] = {}
        self.label_counts: dict[str, QtWidgets.QLabel] = {}
        self.tag_widgets: dict[str, list[QtWidgets.QAbstractButton]] = {}

    # ------------------------------------------------------------------ building

    @staticmethod
    def _clear(layout: QtWidgets.QLayout) -> None:
        while layout.count():
            item = layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()

    def build(self, config: TaskConfig, hidden: set[str]) -> None:
        """The label rows and tag groups of a task."""
        self._clear(self.labels_layout)
        self.label_buttons.clear()
        self.label_visible.clear()
        self.label_counts.clear()
        group = QtWidgets.QButtonGroup(self.labels_box)
        for row, label in enumerate(config.labels):
            visible = QtWidgets.QCheckBox()
            visible.setChecked(label.name not in hidden)
            visible.setToolTip(self.tr("Show or hide this label (Alt+%1)").replace("%1", label.hotkey or "?"))
            visible.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            visible.toggled.connect(lambda on, n=label.name: self.label_shown.emit(n, on))
            button = QtWidgets.QToolButton()
            button.setCheckable(True)
            button.setText(f"{label.hotkey + '  ' if label.hotkey else ''}{label.name}")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Fixed)
            button.setStyleSheet(f"QToolButton {{ border-left: 6px solid {label.color}; padding: 2px 6px;"
                                 f" text-align: left; }} QToolButton:checked {{ font-weight: 600; }}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, n=label.name: self.label_clicked.emit(n))
            group.addButton(button)
            count = QtWidgets.QLabel("0")
            self.labels_layout.addWidget(visible, row, 0)
            self.labels_layout.addWidget(button, row, 1)
            self.labels_layout.addWidget(count, row, 2)
            self.label_buttons[label.name] = button
            self.label_visible[label.name] = visible
            self.label_counts[label.name] = count
        self._clear(self.tags_layout)
        self.tag_widgets.clear()
        for tag in config.tags:
            title = QtWidgets.QLabel(tag.name + (self.tr(" (several)") if tag.multiple else ""))
            title.setTextFormat(Qt.TextFormat.PlainText)
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
                button.clicked.connect(lambda checked=False, g=tag.name, c=choice: self.tag_clicked.emit(g, c))
                self.tags_layout.addWidget(button)
                buttons.append(button)
            self.tag_widgets[tag.name] = buttons
        self.tags_box.setVisible(bool(config.tags))

    # ------------------------------------------------------------------ showing

    def show_label(self, name: str | None) -> None:
        if name in self.label_buttons:
            self.label_buttons[name].setChecked(True)

    def show_label_visible(self, name: str, visible: bool) -> None:
        box = self.label_visible.get(name)
        if box is not None and box.isChecked() != visible:
            box.blockSignals(True)
            box.setChecked(visible)
            box.blockSignals(False)

    def show_tags(self, config: TaskConfig, tags: Mapping[str, Any]) -> None:
        for tag in config.tags:
            value = tags.get(tag.name)
            chosen = set(value) if isinstance(value, list) else {value}
            for button in self.tag_widgets.get(tag.name, []):
                button.blockSignals(True)
                button.setChecked(button.text() in chosen)
                button.blockSignals(False)

    def show_counts(self, counts: Mapping[str, int]) -> None:
        for name, label in self.label_counts.items():
            label.setText(str(counts.get(name, 0)))

    def show_shape_count(self, n: int) -> None:
        self.shapes_box.setTitle(self.tr("%n shape(s) (L)", "", n))

    def focus_tags(self) -> None:
        for buttons in self.tag_widgets.values():
            if buttons:
                buttons[0].setFocus(Qt.FocusReason.ShortcutFocusReason)
                return

    # ------------------------------------------------------------------ training check

    def show_training(self, training: bool) -> None:
        self.check_box.setVisible(training)
        self.show_check(None)

    def show_check(self, lines: Sequence[str] | None) -> None:
        """The check's findings, or ``None`` to hide them."""
        self.check_text.setText("\n".join(lines or ()))
        self.check_button.setText(self.tr("Check my answer (E)") if lines is None
                                  else self.tr("Hide the expected answer (E)"))

    def agreement_lines(self, result: Agreement, expected: Sequence[Shape], actual: Sequence[Shape]) -> list[str]:
        """The training check in words: the mean IoU, then each weak, missed and extra shape and tag."""
        lines = [self.tr("Agreement with the expected answer: mean IoU %1 (needed per shape: %2).")
                 .replace("%1", number(result.mean_iou, 2)).replace("%2", number(result.threshold, 2))]
        for m in result.weak:
            e = expected[m.expected]
            lines.append(self.tr("%1 %2 overlaps only %3 with the expected one.")
                         .replace("%1", e.label).replace("%2", self._type_name(e.type))
                         .replace("%3", number(m.iou, 2)))
        for i in result.missed:
            e = expected[i]
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
