"""Dialogs: the terms check, skip, flag, export and the keyboard help overlay."""
from __future__ import annotations

import html
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from annotator.core.library import manifest_of
from annotator.core.terms import check_terms
from annotator.plugin_api import SKIP_REASONS
from annotator.ui.i18n import arg
from annotator.ui.widgets import duration, money


def _plain(text: str, name: str) -> QtWidgets.QLabel:
    """A label for a string from a pack: plain text, never markup, wrapped, selectable."""
    label = QtWidgets.QLabel()
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(True)
    label.setObjectName(name)
    label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class TermsDialog(QtWidgets.QDialog):
    """Shown before a worker starts a pack: the terms and content warnings. Never a block."""

    def __init__(self, ctx, pack, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Before you start"))
        self.setMinimumWidth(560)
        manifest = manifest_of(pack)
        reference = ctx.reference_wage()
        self.warnings = check_terms(manifest, pack.training_count > 0, reference)
        layout = QtWidgets.QVBoxLayout(self)
        # Every string from the pack is shown as plain text: a lab cannot style the dialog meant to warn.
        heading = _plain(pack.title, "TermsTitle")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        layout.addWidget(_plain(arg(self.tr("From %1"), pack.lab) +
                                (" — " + manifest.contact if manifest.contact else ""), "TermsLab"))

        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("Pay per item:"), QtWidgets.QLabel(money(manifest.per_item, manifest.currency, stated=True)))
        form.addRow(self.tr("Lab's estimate per item:"), QtWidgets.QLabel(duration(manifest.estimated_seconds)))
        rate = manifest.implied_hourly_rate
        form.addRow(self.tr("Implied hourly rate:"),
                    QtWidgets.QLabel(money(rate, manifest.currency) + " / h" if rate is not None else "—"))
        if reference is not None:
            form.addRow(self.tr("Your reference minimum wage:"),
                        QtWidgets.QLabel(money(reference.amount, reference.currency) + " / h"))
        form.addRow(self.tr("Items:"), QtWidgets.QLabel(
            self.tr("%1 (%2 training)").replace("%1", str(pack.item_count)).replace("%2", str(pack.training_count))))
        policy = str(manifest.pay.get("rejection_policy", "")).strip()
        if policy:
            form.addRow(self.tr("Rejections:"), _plain(policy, "TermsRejections"))
        layout.addLayout(form)

        if self.warnings:
            box = QtWidgets.QLabel("<b>" + html.escape(self.tr("Check these terms:")) + "</b><ul>" + "".join(
                f"<li>{html.escape(self.warning_text(w))}</li>" for w in self.warnings) + "</ul>")
            box.setTextFormat(QtCore.Qt.TextFormat.RichText)  # our own sentences, escaped
            box.setObjectName("TermsWarnings")
            box.setWordWrap(True)
            box.setProperty("notice", "warning")  # the theme's warning colours
            layout.addWidget(box)
        if manifest.warnings:
            content = QtWidgets.QLabel("<b>" + html.escape(self.tr("Content warning:")) + "</b> " +
                                       html.escape(", ".join(manifest.warnings)) + "<br>" +
                                       html.escape(self.tr("Items in this pack may show this content. You can "
                                                           "skip any item that you do not want to see.")))
            content.setTextFormat(QtCore.Qt.TextFormat.RichText)  # the pack's warnings are escaped above
            content.setObjectName("ContentWarnings")
            content.setWordWrap(True)
            content.setProperty("notice", "error")
            layout.addWidget(content)

        buttons = QtWidgets.QDialogButtonBox()
        self.start_button = buttons.addButton(self.tr("Read the instructions"),
                                              QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setDefault(True)
        buttons.addButton(self.tr("Back to the library"), QtWidgets.QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def warning_text(self, warning) -> str:
        p = warning.params
        texts = {
            "no_pay": self.tr("The pack states no pay per item."),
            "no_estimate": self.tr("The pack gives no estimate of the time an item takes, so its hourly "
                                   "rate cannot be known before you start."),
            "unpaid_instructions": self.tr("Reading the instructions is not paid."),
            "unpaid_training": self.tr("Training items are not paid."),
            "no_rejection_policy": self.tr("The pack does not say when work may be rejected or whether "
                                           "rejected work is paid."),
            "other_currency": self.tr("Pay is in %1; your reference wage is in %2, so they are not "
                                      "compared.").replace("%1", str(p.get("currency")))
                                                  .replace("%2", str(p.get("reference_currency"))),
            "below_minimum_wage": self.tr("At the lab's own estimate this pays %1 per hour, under your "
                                          "reference minimum wage of %2.")
                                  .replace("%1", money(p.get("rate"), p.get("currency")))
                                  .replace("%2", money(p.get("reference"), p.get("currency"))),
        }
        return texts.get(warning.code, warning.message)


class ReasonDialog(QtWidgets.QDialog):
    """Asks why an item is skipped (a choice or free text) or what is wrong with it (a note)."""

    def __init__(self, mode: str, parent=None, preset: str | None = None):
        super().__init__(parent)
        self.mode = mode
        layout = QtWidgets.QVBoxLayout(self)
        self.choice = QtWidgets.QComboBox()
        self.note = QtWidgets.QLineEdit()
        if mode == "skip":
            self.setWindowTitle(self.tr("Skip this item"))
            layout.addWidget(QtWidgets.QLabel(self.tr("Why do you skip it?")))
            names = {
                "unreadable": self.tr("The media cannot be read"),
                "sensitive": self.tr("I do not want to see this content"),
                "unclear": self.tr("The instructions do not say how to do it"),
                "other": self.tr("Other reason (write it below)"),
            }
            for code in SKIP_REASONS:
                self.choice.addItem(names[code], code)
            self.choice.setPlaceholderText(self.tr("Choose a reason"))
            # nothing is chosen for the worker (a reason is a statement), unless the window knows it
            self.choice.setCurrentIndex(SKIP_REASONS.index(preset) if preset in SKIP_REASONS else -1)
            layout.addWidget(self.choice)
            self.note.setPlaceholderText(self.tr("Details (optional)"))
        else:
            self.setWindowTitle(self.tr("Flag this item"))
            layout.addWidget(QtWidgets.QLabel(self.tr("What is wrong with this item? The lab will see your note.")))
            self.choice.hide()
            self.note.setPlaceholderText(self.tr("For example: the image is blank"))
        layout.addWidget(self.note)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Ok |
                                             QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(buttons)
        self.note.textChanged.connect(self._update)
        self.choice.currentIndexChanged.connect(self._update)
        self._update()
        (self.choice if mode == "skip" else self.note).setFocus()

    def _update(self) -> None:
        needs_text = self.mode == "flag" or self.choice.currentData() == "other"
        chosen = self.mode == "flag" or self.choice.currentIndex() >= 0
        self.ok_button.setEnabled(chosen and (not needs_text or bool(self.note.text().strip())))

    def reason(self) -> str:
        note = self.note.text().strip()
        if self.mode == "flag":
            return note
        code = self.choice.currentData()
        return f"{code}: {note}" if note else code


class ExportDialog(QtWidgets.QDialog):
    """Choose a result format of the pack's plugin and where to write it."""

    def __init__(self, exporters, default_dir: Path, pack, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export results"))
        self.pack = pack
        self.exporters = sorted(exporters.values(), key=lambda e: e.name)
        layout = QtWidgets.QFormLayout(self)
        self.format = QtWidgets.QComboBox()
        for exporter in self.exporters:
            description = QtCore.QCoreApplication.translate("Plugin", exporter.description)
            self.format.addItem(f"{exporter.name} — {description}", exporter.name)
        layout.addRow(self.tr("Format:"), self.format)
        row = QtWidgets.QHBoxLayout()
        self.path = QtWidgets.QLineEdit()
        browse = QtWidgets.QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout.addRow(self.tr("Write to:"), row)
        # as the command line: submitted items unless the worker asks for the others too
        self.all_states = QtWidgets.QCheckBox(self.tr("Also items not submitted yet (each marked with its state)"))
        layout.addRow("", self.all_states)
        self.default_dir = default_dir
        self.format.currentIndexChanged.connect(self._default_path)
        self._default_path()
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Ok |
                                             QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def exporter(self):
        return self.exporters[self.format.currentIndex()]

    def _default_path(self) -> None:
        exporter = self.exporter()
        name = f"{self.pack.pack_id}-{self.pack.version}-{exporter.name}"
        self.path.setText(str(self.default_dir / (name if exporter.writes_folder else name + exporter.suffix)))

    def _browse(self) -> None:
        exporter = self.exporter()
        if exporter.writes_folder:
            chosen = QtWidgets.QFileDialog.getExistingDirectory(self, self.tr("Export to folder"), self.path.text())
        else:
            chosen, _ = QtWidgets.QFileDialog.getSaveFileName(self, self.tr("Export to file"), self.path.text())
        if chosen:
            self.path.setText(chosen)


class ShortcutOverlay(QtWidgets.QWidget):
    """A translucent panel over the window listing every keyboard shortcut (Ctrl+/ or ?).

    The list scrolls inside the window at any size: arrows, Page Up/Down, Home and End scroll
    it, Esc (or any other key, or a click) closes it, and the focus goes back where it was.
    Rows are plain text (key names already in the worker's language), never markup.
    """

    SCROLL_KEYS = {QtCore.Qt.Key.Key_Up, QtCore.Qt.Key.Key_Down, QtCore.Qt.Key.Key_PageUp,
                   QtCore.Qt.Key.Key_PageDown, QtCore.Qt.Key.Key_Home, QtCore.Qt.Key.Key_End}

    def __init__(self, parent: QtWidgets.QWidget):
        super().__init__(parent)
        self.setObjectName("ShortcutOverlay")
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet("QWidget#ShortcutOverlay { background: rgba(32, 33, 36, 150); }"
                           "QFrame#ShortcutPanel { background: rgb(40, 42, 46); border-radius: 10px; }"
                           "QLabel { color: white; } QLabel#ShortcutKeys { font-weight: 600; color: #e8eaed; }"
                           "QLabel#ShortcutGroup { font-size: 15px; font-weight: 600; color: #8ab4f8; }"
                           "QLabel#ShortcutTitle { font-size: 20px; font-weight: 600; }"
                           "QScrollBar:vertical { background: transparent; width: 10px; margin: 0; }"
                           "QScrollBar::handle:vertical { background: #80868b; border-radius: 5px; min-height: 32px; }"
                           "QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; }"
                           "QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical { background: none; }")
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        self.panel = QtWidgets.QFrame()
        self.panel.setObjectName("ShortcutPanel")
        self.panel.setMaximumWidth(760)
        inner = QtWidgets.QVBoxLayout(self.panel)
        inner.setContentsMargins(24, 16, 8, 16)
        self.title = QtWidgets.QLabel(self.tr("Keyboard shortcuts"))
        self.title.setObjectName("ShortcutTitle")
        inner.addWidget(self.title)
        self.hint = QtWidgets.QLabel(self.tr("Arrows and Page Down scroll; Esc or a click closes. Single-key "
                                             "shortcuts never fire while you type in a text field."))
        self.hint.setWordWrap(True)
        inner.addWidget(self.hint)
        self.scroll = QtWidgets.QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; "
                                  "border: none; }")
        inner.addWidget(self.scroll, 1)
        layout.addStretch(1)
        layout.addWidget(self.panel, 4)
        layout.addStretch(1)
        self.rows: list[tuple[str, str, str]] = []
        """What the list shows: (group, keys, description) (tests)."""
        self._return_focus: QtWidgets.QWidget | None = None
        self.hide()

    def _fill(self, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
        content = QtWidgets.QWidget()
        grid = QtWidgets.QGridLayout(content)
        grid.setContentsMargins(0, 8, 16, 8)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        self.rows = []
        line = 0
        for title, rows in groups:
            if not rows:
                continue
            heading = QtWidgets.QLabel(title)
            heading.setObjectName("ShortcutGroup")
            heading.setTextFormat(QtCore.Qt.TextFormat.PlainText)
            grid.addWidget(heading, line, 0, 1, 2)
            grid.setRowMinimumHeight(line, 32)
            line += 1
            for keys, text in rows:
                key_label = QtWidgets.QLabel(keys)
                key_label.setObjectName("ShortcutKeys")
                key_label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
                key_label.setAlignment(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignTop)
                what = QtWidgets.QLabel(text)
                what.setTextFormat(QtCore.Qt.TextFormat.PlainText)
                what.setWordWrap(True)
                what.setAlignment(QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignTop)
                grid.addWidget(key_label, line, 0)
                grid.addWidget(what, line, 1)
                self.rows.append((title, keys, text))
                line += 1
        grid.setRowStretch(line, 1)
        self.scroll.setWidget(content)

    def text(self) -> str:
        """Every row of the list as plain text, one a line (tests, accessibility)."""
        return "\n".join(f"{group}: {keys} — {text}" for group, keys, text in self.rows)

    def show_shortcuts(self, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
        focus = QtWidgets.QApplication.focusWidget()
        self._return_focus = focus if focus is not None and focus is not self else self._return_focus
        self._fill(groups)
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.scroll.verticalScrollBar().setValue(0)
        self.setFocus(QtCore.Qt.FocusReason.PopupFocusReason)

    def close_list(self) -> None:
        self.hide()
        target, self._return_focus = self._return_focus, None
        if target is not None and target.isVisible() and target.isEnabled():
            target.setFocus(QtCore.Qt.FocusReason.PopupFocusReason)
        else:
            self.parentWidget().setFocus(QtCore.Qt.FocusReason.PopupFocusReason)

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in self.SCROLL_KEYS and not event.modifiers() & ~QtCore.Qt.KeyboardModifier.KeypadModifier:
            bar = self.scroll.verticalScrollBar()
            actions = {
                QtCore.Qt.Key.Key_Up: QtWidgets.QAbstractSlider.SliderAction.SliderSingleStepSub,
                QtCore.Qt.Key.Key_Down: QtWidgets.QAbstractSlider.SliderAction.SliderSingleStepAdd,
                QtCore.Qt.Key.Key_PageUp: QtWidgets.QAbstractSlider.SliderAction.SliderPageStepSub,
                QtCore.Qt.Key.Key_PageDown: QtWidgets.QAbstractSlider.SliderAction.SliderPageStepAdd,
                QtCore.Qt.Key.Key_Home: QtWidgets.QAbstractSlider.SliderAction.SliderToMinimum,
                QtCore.Qt.Key.Key_End: QtWidgets.QAbstractSlider.SliderAction.SliderToMaximum,
            }
            bar.triggerAction(actions[event.key()])
            event.accept()
            return
        if event.key() in (QtCore.Qt.Key.Key_Shift, QtCore.Qt.Key.Key_Control, QtCore.Qt.Key.Key_Alt,
                           QtCore.Qt.Key.Key_Meta):
            return  # a modifier alone closes nothing
        event.accept()
        self.close_list()

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.close_list()

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt API
        QtCore.QCoreApplication.sendEvent(self.scroll.verticalScrollBar(), event)
