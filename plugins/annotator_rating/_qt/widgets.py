"""The rating editor's building blocks: safe Markdown views, blur, keyboard fields.

Every field here is one Tab stop that takes single keys only while it has the
focus (digits for scores, P/F for pass/fail...), so a shortcut can never fire
while the worker types in a text box: text boxes take the keys themselves. Which
keys a field takes is the editor's key map (``RatingEditor.field_keys``): a field
hands each key to it (``Field.on_key``) and the map's binding calls the field's
:meth:`Field.type_key`, :meth:`Field.move` or :meth:`Field.clear`.
"""
from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from PySide6 import QtCore, QtGui, QtWidgets

from annotator.plugin_api.qt import theme

#: Markdown as GitHub writes it (tables, fenced code), raw HTML shown as text, never interpreted
MARKDOWN_FEATURES = (QtGui.QTextDocument.MarkdownFeature.MarkdownDialectGitHub
                     | QtGui.QTextDocument.MarkdownFeature.MarkdownNoHTML)
#: beyond this many characters a text is shown as plain text (Markdown parsing grows with size)
PLAIN_TEXT_ABOVE = 500_000

STYLE = """
QFrame#Field {{ border: 2px solid transparent; border-radius: 5px; }}
QFrame#Field[focused="true"] {{ border: 2px solid {accent}; background: {accent_soft}; }}
QToolButton#Option {{ border: 1px solid {border}; border-radius: 4px; padding: 2px 8px; background: {surface};
                     color: {text}; min-width: 16px; }}
QToolButton#Option:hover {{ border-color: {accent}; }}
QToolButton#Option:checked {{ background: {accent}; color: {on_accent}; border-color: {accent}; }}
QToolButton#Option[tie="true"]:checked {{ background: {text_muted}; border-color: {text_muted}; }}
QLabel#FieldTitle {{ font-weight: 600; }}
QLabel#Hint {{ color: {text_muted}; font-size: {caption}pt; }}
QLabel#Warn {{ color: {warning_text}; font-size: {caption}pt; }}
QLabel#ColumnTitle {{ font-weight: 700; font-size: {heading}pt; }}
QWidget#Veil {{ background: palette(window); }}
QLabel#VeilText {{ font-weight: 600; }}
QFrame#Attempt {{ border: 1px solid {border}; border-radius: 6px; }}
"""


def style_sheet() -> str:
    """The editor's style sheet in the window's colours and type scale (``docs/design.md``)."""
    look = theme()
    roles = {role: look.hex(role) for role in ("accent", "accent_soft", "border", "surface", "text", "on_accent",
                                                "text_muted", "warning_text")}
    return STYLE.format(**roles, caption=look.font_pt("caption"), heading=look.font_pt("heading"))


# --------------------------------------------------------------------------- Markdown


_PLACEHOLDER: QtGui.QImage | None = None


def placeholder_image() -> QtGui.QImage:
    """What a response's image becomes: a grey label, never the file or URL it names."""
    global _PLACEHOLDER
    if _PLACEHOLDER is None:
        image = QtGui.QImage(150, 22, QtGui.QImage.Format.Format_ARGB32)
        image.fill(theme().color("surface_alt"))
        painter = QtGui.QPainter(image)
        painter.setPen(theme().color("text_muted"))
        painter.drawText(image.rect(), QtCore.Qt.AlignmentFlag.AlignCenter,
                         QtCore.QCoreApplication.translate("SafeDocument", "[image not shown]"))
        painter.end()
        _PLACEHOLDER = image
    return _PLACEHOLDER


class SafeDocument(QtGui.QTextDocument):
    """A text document that loads nothing: no file, no URL (packs are hostile data)."""

    def loadResource(self, kind, url):  # noqa: N802 - Qt API
        if kind == QtGui.QTextDocument.ResourceType.ImageResource:
            return placeholder_image()
        return None


def fill_document(doc: QtGui.QTextDocument, text: str, direction: str = "auto") -> None:
    if len(text) > PLAIN_TEXT_ABOVE:
        doc.setPlainText(text)
    else:
        doc.setMarkdown(text, MARKDOWN_FEATURES)
        shade_code(doc)
    set_direction(doc, direction)


def shade_code(doc: QtGui.QTextDocument) -> None:
    """Give code blocks a grey background, so code stands apart from prose."""
    code = (QtGui.QTextFormat.Property.BlockCodeLanguage, QtGui.QTextFormat.Property.BlockCodeFence)
    shade = QtGui.QTextBlockFormat()
    shade.setBackground(theme().color("surface_alt"))
    cursor = QtGui.QTextCursor(doc)
    cursor.beginEditBlock()
    block = doc.begin()
    while block.isValid():
        fmt = block.blockFormat()
        if fmt.hasProperty(code[0]) or fmt.hasProperty(code[1]):
            cursor.setPosition(block.position())
            cursor.mergeBlockFormat(shade)
        block = block.next()
    cursor.endEditBlock()


def set_direction(doc: QtGui.QTextDocument, direction: str) -> None:
    option = doc.defaultTextOption()
    option.setTextDirection({"rtl": QtCore.Qt.LayoutDirection.RightToLeft,
                             "ltr": QtCore.Qt.LayoutDirection.LeftToRight}.get(
        direction, QtCore.Qt.LayoutDirection.LayoutDirectionAuto))
    doc.setDefaultTextOption(option)


class DocumentCache(QtCore.QObject):
    """Parsed documents of the last few items, so going back and forth re-parses nothing."""

    def __init__(self, capacity: int = 24, parent=None):
        super().__init__(parent)
        self.capacity = capacity
        self._docs: OrderedDict[tuple, QtGui.QTextDocument] = OrderedDict()
        self.hits = self.misses = 0

    def get(self, key: tuple, build: Callable[[QtGui.QTextDocument], None]) -> QtGui.QTextDocument:
        doc = self._docs.get(key)
        if doc is not None:
            self._docs.move_to_end(key)
            self.hits += 1
            return doc
        self.misses += 1
        doc = SafeDocument(self)
        doc.setDocumentMargin(10)
        build(doc)
        self._docs[key] = doc
        while len(self._docs) > self.capacity:
            _, old = self._docs.popitem(last=False)
            old.deleteLater()
        return doc

    def __contains__(self, key: tuple) -> bool:
        return key in self._docs


class MarkdownView(QtWidgets.QTextBrowser):
    """A read-only view of a cached document; links are never followed, nothing is fetched."""

    #: called with the view after each paint (the benchmark times the first paint with it)
    on_paint: Callable[["MarkdownView"], None] | None = None

    def paintEvent(self, event):  # noqa: N802 - Qt API
        super().paintEvent(event)
        if MarkdownView.on_paint is not None:
            MarkdownView.on_paint(self)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.ClickFocus)
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.anchorClicked.connect(self._anchor)

    def show_document(self, doc: QtGui.QTextDocument) -> None:
        if self.document() is not doc:
            self.setDocument(doc)
        self.verticalScrollBar().setValue(0)
        self.horizontalScrollBar().setValue(0)

    def loadResource(self, kind, url):  # noqa: N802 - Qt API
        if kind == QtGui.QTextDocument.ResourceType.ImageResource:
            return placeholder_image()
        return None

    def _anchor(self, url: QtCore.QUrl) -> None:
        # never open anything: a worker who wants a link can copy it from the tooltip
        QtWidgets.QToolTip.showText(QtGui.QCursor.pos(), url.toString())


class Veiled(QtWidgets.QWidget):
    """Hides its content under an opaque notice with a Reveal button, until revealed."""

    revealed = QtCore.Signal()

    def __init__(self, content: QtWidgets.QWidget, parent=None):
        super().__init__(parent)
        self.content = content
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(content)
        self.veil = QtWidgets.QWidget(self)
        self.veil.setObjectName("Veil")
        self.veil.setAttribute(QtCore.Qt.WidgetAttribute.WA_StyledBackground, True)
        veil_layout = QtWidgets.QVBoxLayout(self.veil)
        veil_layout.addStretch(1)
        self.veil_text = QtWidgets.QLabel(self.tr("Sensitive content, hidden until you choose to see it."))
        self.veil_text.setObjectName("VeilText")
        self.veil_text.setWordWrap(True)
        self.veil_text.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        veil_layout.addWidget(self.veil_text)
        self.reveal_button = QtWidgets.QPushButton(self.tr("Reveal (R)"))
        self.reveal_button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.reveal_button.clicked.connect(self.reveal)
        row = QtWidgets.QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.reveal_button)
        row.addStretch(1)
        veil_layout.addLayout(row)
        skip_hint = QtWidgets.QLabel(self.tr("You may also skip this item; that is never held against you."))
        skip_hint.setObjectName("Hint")
        skip_hint.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        skip_hint.setWordWrap(True)
        veil_layout.addWidget(skip_hint)
        veil_layout.addStretch(2)
        self._veiled = False
        self._policy = content.focusPolicy()
        self.veil.hide()

    @property
    def is_veiled(self) -> bool:
        return self._veiled

    def set_veiled(self, veiled: bool) -> None:
        if veiled == self._veiled:
            return
        self._veiled = veiled
        if veiled:
            # An opaque veil over the content, no see-through blur: a blur's cached picture kept the
            # previous item readable behind the new one, and a faded sensitive text is still seen.
            self._policy = self.content.focusPolicy()
            self.content.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
            self.veil.setGeometry(self.rect())
            self.veil.show()
            self.veil.raise_()
        else:
            self.content.setFocusPolicy(self._policy)
            self.veil.hide()

    def reveal(self) -> None:
        if self._veiled:
            self.set_veiled(False)
            self.revealed.emit()

    def resizeEvent(self, event):  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.veil.setGeometry(self.rect())


# --------------------------------------------------------------------------- keyboard fields


class Field(QtWidgets.QFrame):
    """One Tab stop of the form; shows clearly when it has the keyboard focus.

    ``on_key(field, event)`` is given every key the field receives; it returns whether it
    handled it (the editor's key map). Keys it does not handle go on to the editor.
    """

    on_key: Callable[["Field", QtGui.QKeyEvent], bool] | None = None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("Field")
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.setProperty("focused", False)

    def keyPressEvent(self, event):  # noqa: N802 - Qt API
        if self.on_key is None or not self.on_key(self, event):
            event.ignore()

    def type_key(self, text: str) -> None:
        """A key that types ``text`` (a digit, a letter): choose or toggle what it names."""

    def move(self, right: bool) -> None:
        """The Right (or Left) arrow key: move the choice."""

    def clear(self) -> None:
        """Backspace or Delete: clear the field."""

    def _set_focused(self, on: bool) -> None:
        self.setProperty("focused", on)
        self.style().unpolish(self)
        self.style().polish(self)

    def focusInEvent(self, event):  # noqa: N802 - Qt API
        self._set_focused(True)
        super().focusInEvent(event)

    def focusOutEvent(self, event):  # noqa: N802 - Qt API
        self._set_focused(False)
        super().focusOutEvent(event)

    def advance(self) -> None:
        """Move the focus to the next field (after a choice made with a key)."""
        self.focusNextPrevChild(True)


@dataclass
class Option:
    value: Any
    text: str
    keys: Sequence[str] = ()
    tooltip: str = ""
    tie: bool = False


class ChoiceField(Field):
    """A row of options, one of which may be chosen: by click, by its key, or with the arrows.

    Keys (bound in the editor's key map): each option's keys (digits for scores; a
    two-digit key such as ``10`` is typed as ``1`` then ``0``), Left/Right move,
    Backspace/Delete clear. Keys it does not know go on to the editor (A/B for the
    pairwise choice).
    """

    chosen = QtCore.Signal(object)

    def __init__(self, title: str, options: Sequence[Option], hint: str = "",
                 describe: Callable[[Any], str] | None = None, title_width: int = 0, parent=None):
        super().__init__(parent)
        self.options = list(options)
        self.value: Any = None
        self._hint = hint
        self._describe = describe
        self._typed = ""
        self._typed_at = 0.0
        layout = QtWidgets.QGridLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.setHorizontalSpacing(8)
        layout.setVerticalSpacing(1)
        self.title = QtWidgets.QLabel(title)
        self.title.setObjectName("FieldTitle")
        self.title.setWordWrap(True)
        # title_width < 0: the title above the options (narrow columns); else beside them
        stacked = title_width < 0
        if title_width > 0:
            self.title.setFixedWidth(title_width)
        if stacked:
            layout.addWidget(self.title, 0, 0, 1, 2)
        else:
            layout.addWidget(self.title, 0, 0, QtCore.Qt.AlignmentFlag.AlignVCenter)
        row = QtWidgets.QHBoxLayout()
        row.setSpacing(3)
        self.buttons: list[QtWidgets.QToolButton] = []
        for option in self.options:
            button = QtWidgets.QToolButton()
            button.setObjectName("Option")
            button.setText(option.text)
            button.setCheckable(True)
            button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
            button.setProperty("tie", option.tie)
            tip = option.tooltip
            if option.keys:
                tip = (tip + "\n" if tip else "") + self.tr("Key: %1").replace("%1", " / ".join(
                    k.upper() for k in option.keys))
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, o=option: self._click(o))
            row.addWidget(button)
            self.buttons.append(button)
        row.addStretch(1)
        first = 1 if stacked else 0
        layout.addLayout(row, first, 0 if stacked else 1, 1, 2 if stacked else 1)
        self.hint = QtWidgets.QLabel(hint)
        self.hint.setObjectName("Hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint, first + 1, 0 if stacked else 1, 1, 2 if stacked else 1)
        self.hint.setVisible(bool(hint))
        layout.setColumnStretch(1, 1)

    def set_value(self, value: Any) -> None:
        """Show ``value`` as chosen (no signal)."""
        self.value = value
        for option, button in zip(self.options, self.buttons):
            button.setChecked(value is not None and option.value == value)
        text = self._describe(value) if (self._describe and value is not None) else ""
        self.hint.setText(text or self._hint)
        self.hint.setVisible(bool(text or self._hint))

    def choose(self, value: Any, advance: bool = False) -> None:
        self.set_value(value)
        self.chosen.emit(value)
        if advance and value is not None:
            self.advance()

    def _click(self, option: Option) -> None:
        self.setFocus(QtCore.Qt.FocusReason.MouseFocusReason)
        # a second click on the chosen option clears it
        self.choose(None if self.value == option.value else option.value)

    def type_key(self, text: str) -> None:
        now = time.monotonic()
        combined = (self._typed + text) if now - self._typed_at < 1.0 else text
        for candidate in (combined, text):
            match = [o for o in self.options if candidate in o.keys]
            if match:
                # a digit that starts a longer key (1 of 10) waits for the next one, but is chosen now
                longer = any(k != candidate and k.startswith(candidate) for o in self.options for k in o.keys)
                self._typed, self._typed_at = (candidate if longer else ""), now
                self.choose(match[0].value, advance=not longer)
                return

    def move(self, right: bool) -> None:
        values = [o.value for o in self.options]
        if self.isRightToLeft():
            right = not right
        if self.value in values:
            i = values.index(self.value) + (1 if right else -1)
        else:
            i = 0 if right else len(values) - 1
        self.choose(values[max(0, min(len(values) - 1, i))])

    def clear(self) -> None:
        self.choose(None)


class FlagsField(Field):
    """Check boxes for the pack's flags; digit keys toggle them while the field has the focus."""

    changed = QtCore.Signal(list)

    def __init__(self, title: str, flags: Sequence[tuple[str, str, str]], columns: int = 2, parent=None):
        super().__init__(parent)
        layout = QtWidgets.QGridLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.setVerticalSpacing(0)
        label = QtWidgets.QLabel(title)
        label.setObjectName("FieldTitle")
        layout.addWidget(label, 0, 0, 1, columns)
        self.ids = [f[0] for f in flags]
        self.boxes: list[QtWidgets.QCheckBox] = []
        for i, (fid, text, description) in enumerate(flags):
            box = QtWidgets.QCheckBox(f"{i + 1} {text}")
            box.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
            box.setToolTip(description or text)
            box.clicked.connect(self._clicked)
            layout.addWidget(box, 1 + i // columns, i % columns)
            self.boxes.append(box)

    def values(self) -> list[str]:
        return [fid for fid, box in zip(self.ids, self.boxes) if box.isChecked()]

    def set_values(self, values: Sequence[str]) -> None:
        for fid, box in zip(self.ids, self.boxes):
            box.setChecked(fid in values)

    def _clicked(self) -> None:
        self.setFocus(QtCore.Qt.FocusReason.MouseFocusReason)
        self.changed.emit(self.values())

    def type_key(self, text: str) -> None:
        """A digit toggles that flag."""
        if text.isdigit() and 1 <= int(text) <= len(self.boxes):
            box = self.boxes[int(text) - 1]
            box.setChecked(not box.isChecked())
            self.changed.emit(self.values())


class TextBox(QtWidgets.QPlainTextEdit):
    """A plain-text box where Tab leaves the box (fields are reached with Tab)."""

    def __init__(self, placeholder: str = "", parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setPlaceholderText(placeholder)
        self.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.WidgetWidth)

    def set_text(self, text: str) -> None:
        """Replace the text without a change signal, keeping the cursor at the end."""
        if self.toPlainText() == text:
            return
        self.blockSignals(True)
        self.setPlainText(text)
        self.moveCursor(QtGui.QTextCursor.MoveOperation.End)
        self.blockSignals(False)


class LineBox(QtWidgets.QLineEdit):
    def set_text(self, text: str) -> None:
        if self.text() == text:
            return
        self.blockSignals(True)
        self.setText(text)
        self.blockSignals(False)


def hint_label(text: str = "", name: str = "Hint") -> QtWidgets.QLabel:
    label = QtWidgets.QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


@dataclass
class Throttle:
    """Calls ``fn`` at most once per ``interval`` seconds."""

    fn: Callable[[], None]
    interval: float = 0.5
    last: float = field(default=0.0)

    def __call__(self, *_args) -> None:
        now = time.monotonic()
        if now - self.last >= self.interval:
            self.last = now
            self.fn()
