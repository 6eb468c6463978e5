"""The Qt half of the plugin API: the item editor widget and the editing kit's Qt half.

A plugin's :meth:`~annotator.plugin_api.TaskPlugin.create_editor` returns an
:class:`ItemEditor`. The app creates one editor per opened pack and hands it one
item after the other::

    editor.load(host)     # show host.item with host.annotation
    ...                   # the editor calls host.save(annotation) on every change
    editor.unload()       # before the next item, or when the pack closes

Rules an editor follows (``docs/plugins.md``):

* every change is saved at once through ``host.save``; there is no save button;
* keyboard shortcuts are listed in :meth:`ItemEditor.shortcuts`; single-key
  shortcuts never fire while a text field has focus (see :func:`text_input_has_focus`);
* the editor never opens files outside ``host.media_path()``/``host.cache_dir`` and
  never touches the network.

The editing kit (ADR 0006): :class:`KeyMap` (one table binds the shortcuts *and* fills
the help list, so they cannot drift), :class:`DebouncedSave` (one save policy, one
delay, flushed on item change and close) and :class:`DocumentEditor`, a thin view over a
Qt-free :class:`annotator.plugin_api.editing.Document` with both wired in.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from PySide6 import QtCore, QtGui, QtWidgets

from annotator.plugin_api import EditorHost, Shortcut
from annotator.plugin_api.editing import Document

log = logging.getLogger("annotator.plugin")


class ItemEditor(QtWidgets.QWidget):
    """Base class of a plugin's editor for one item at a time."""

    def load(self, host: EditorHost) -> None:
        """Show ``host.item`` with its saved ``host.annotation``; may raise on unreadable media."""
        raise NotImplementedError

    def unload(self) -> None:
        """Called before another item is loaded; save anything still pending."""

    def shortcuts(self) -> list[Shortcut]:
        """The shortcuts this editor handles, for the help overlay."""
        return []

    def undo(self) -> None:
        """Undo the last change to the current item (no step limit)."""

    def redo(self) -> None:
        """Redo the last undone change."""

    def submit_warnings(self) -> list[str]:
        """Things the worker may want to check before submitting (never a block)."""
        return []

    def focus_editor(self) -> None:
        """Give the keyboard focus to where work starts."""
        self.setFocus()


def text_input_has_focus() -> bool:
    """Whether the focused widget takes text, so single-key shortcuts must not fire."""
    widget = QtWidgets.QApplication.focusWidget()
    text_types = (
        QtWidgets.QLineEdit,
        QtWidgets.QTextEdit,
        QtWidgets.QPlainTextEdit,
        QtWidgets.QAbstractSpinBox,
    )
    if isinstance(widget, QtWidgets.QTextEdit) and widget.isReadOnly():
        return False
    if isinstance(widget, QtWidgets.QComboBox):
        return widget.isEditable()
    return isinstance(widget, text_types)


# --------------------------------------------------------------------------- keys

_MODIFIERS = QtCore.Qt.KeyboardModifier
_TEXT_SAFE = _MODIFIERS.ControlModifier | _MODIFIERS.AltModifier | _MODIFIERS.MetaModifier


def _sequence(keys: str) -> QtGui.QKeySequence:
    sequence = QtGui.QKeySequence(keys)
    if sequence.isEmpty() or sequence.count() != 1 or sequence[0].key() == QtCore.Qt.Key.Key_unknown:
        raise ValueError(f"not a key Qt knows: {keys!r}")
    return sequence


def _safe_while_typing(sequence: QtGui.QKeySequence) -> bool:
    """A key with Ctrl, Alt or Meta, or a function key, never types text: it may fire in a text field."""
    combination = sequence[0]
    if combination.keyboardModifiers() & _TEXT_SAFE:
        return True
    return QtCore.Qt.Key.Key_F1 <= combination.key() <= QtCore.Qt.Key.Key_F35


def key_text(keys: str) -> str:
    """How ``keys`` (Qt's portable form) reads in the worker's language (``Suppr`` in French)."""
    sequence = QtGui.QKeySequence(keys)
    if sequence.isEmpty():
        return keys
    return sequence.toString(QtGui.QKeySequence.SequenceFormat.NativeText)


@dataclass
class KeyBinding:
    """One row of a :class:`KeyMap`: keys, what they do, and how the help list shows them."""

    keys: tuple[str, ...]
    """Qt's portable key texts (``"Ctrl+D"``, ``"Delete"``); empty for a gesture."""
    action: Callable[[], Any] | None
    description: str
    group: str = ""
    label: str = ""
    """How the help list shows the keys when their names are not enough (``"1-9"``, ``"Space+drag"``)."""
    while_typing: bool = False
    """Whether the keys fire while a text field has the focus."""
    routed: bool = False
    """Handled by :meth:`KeyMap.dispatch` from the owner's ``keyPressEvent`` instead of a ``QShortcut``."""

    @property
    def gesture(self) -> bool:
        return not self.keys

    def shown_keys(self) -> str:
        return self.label or " / ".join(key_text(k) for k in self.keys)


class KeyMap:
    """One table of an editor's keys: it binds them and it writes the help list.

    ::

        self.keys = KeyMap(self)                                  # the editor widget owns the shortcuts
        self.keys.add("Y", self.answer_yes, self.tr("Answer yes"), self.tr("Answer"))
        self.keys.add(["Ctrl+D"], self.duplicate, self.tr("Duplicate the selected shape"))
        self.keys.add("Left", self.pan_left, self.tr("Pan"), routed=True)   # canvas.keyPressEvent dispatches
        self.keys.gesture(self.tr("Wheel"), self.tr("Zoom around the cursor"), self.tr("View"))

        def shortcuts(self):
            return self.keys.shortcuts()                          # the help overlay reads this

    A key without Ctrl, Alt or Meta (``"Y"``, ``"Delete"``, ``"Space"``) never fires while a
    text field has the focus (see :func:`text_input_has_focus`), unless ``while_typing=True``.
    The same key bound twice in one map is refused when it is added.
    """

    def __init__(self, owner: QtWidgets.QWidget, *,
                 context: QtCore.Qt.ShortcutContext = QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut):
        self.owner = owner
        self.context = context
        self.bindings: list[KeyBinding] = []
        self._shortcuts: dict[str, QtGui.QShortcut] = {}
        self._routed: dict[QtCore.QKeyCombination, KeyBinding] = {}
        self._enabled = True

    # -- building -----------------------------------------------------------------

    def add(self, keys: str | Sequence[str], action: Callable[[], Any], description: str, group: str = "", *,
            label: str = "", while_typing: bool | None = None, routed: bool = False) -> KeyBinding:
        """Bind ``keys`` (one portable key text or several) to ``action`` and list them in the help."""
        keys = (keys,) if isinstance(keys, str) else tuple(keys)
        if not keys:
            raise ValueError("a key binding needs at least one key (use gesture() for mouse gestures)")
        sequences = [_sequence(k) for k in keys]
        portable = [seq.toString(QtGui.QKeySequence.SequenceFormat.PortableText) for seq in sequences]
        for text in portable:
            if text in self._shortcuts or any(_sequence(text)[0] == c for c in self._routed):
                raise ValueError(f"{text} is bound twice in one key map")
        if while_typing is None:
            while_typing = all(_safe_while_typing(seq) for seq in sequences)
        binding = KeyBinding(tuple(portable), action, description, group, label, while_typing, routed)
        self.bindings.append(binding)
        for text, sequence in zip(portable, sequences):
            if routed:
                self._routed[sequence[0]] = binding
            else:
                shortcut = QtGui.QShortcut(sequence, self.owner, context=self.context)
                shortcut.activated.connect(lambda b=binding: self._fire(b))
                shortcut.setEnabled(self._enabled)
                self._shortcuts[text] = shortcut
        return binding

    def gesture(self, label: str, description: str, group: str = "") -> KeyBinding:
        """List a mouse gesture or held key (``"Wheel"``, ``"Space+drag"``) in the help; binds nothing."""
        binding = KeyBinding((), None, description, group, label)
        self.bindings.append(binding)
        return binding

    # -- using ----------------------------------------------------------------------

    def _fire(self, binding: KeyBinding) -> bool:
        if not self._enabled or binding.action is None:
            return False
        if not binding.while_typing and text_input_has_focus():
            return False
        binding.action()
        return True

    def dispatch(self, event: QtGui.QKeyEvent) -> bool:
        """Run the routed binding matching a key event; ``True`` (and the event accepted) if one ran.

        For widgets that take keys themselves (a canvas with the focus): call it first in
        ``keyPressEvent``. Shift is ignored for keys that need it to be typed (``?``, ``+``).
        """
        combination = event.keyCombination()
        modifiers = combination.keyboardModifiers() & ~_MODIFIERS.KeypadModifier
        candidates = [QtCore.QKeyCombination(modifiers, combination.key())]
        if modifiers & _MODIFIERS.ShiftModifier:
            candidates.append(QtCore.QKeyCombination(modifiers & ~_MODIFIERS.ShiftModifier, combination.key()))
        for candidate in candidates:
            binding = self._routed.get(candidate)
            if binding is not None and self._fire(binding):
                event.accept()
                return True
        return False

    def set_enabled(self, enabled: bool) -> None:
        """Turn every binding of this map on or off (an editor with no item loaded)."""
        self._enabled = enabled
        for shortcut in self._shortcuts.values():
            shortcut.setEnabled(enabled)

    def shortcuts(self) -> list[Shortcut]:
        """The help list, in the order the bindings were added, key names in the worker's language."""
        return [Shortcut(b.shown_keys(), b.description, b.group) for b in self.bindings]

    def bound_keys(self) -> set[str]:
        """Every key this map binds, in portable text (the help list and the bindings are one table)."""
        return {k for b in self.bindings for k in b.keys}


# --------------------------------------------------------------------------- saving


class DebouncedSave(QtCore.QObject):
    """The one save policy of every editor.

    A discrete edit (a click, a key that adds a box) is saved at once with :meth:`now`.
    A continuous edit (typing, dragging) calls :meth:`schedule`: the first such edit starts
    a :data:`DELAY_MS` timer and every edit until it fires is saved with it, so a long burst
    of typing is saved every :data:`DELAY_MS`, never starved, and at most that much typing
    is at risk if the machine dies. An editor whose annotation is tiny may pass
    ``delay_ms=0``: then every keystroke is saved at once. :meth:`flush` saves what is
    pending: call it when the item changes, when a gesture ends and when the editor closes
    (:class:`DocumentEditor` does). A save that raises (a full disk) stays pending and is
    retried every :data:`RETRY_MS` until it succeeds; the host shows the worker meanwhile
    that the item is not saved.
    """

    DELAY_MS = 250
    RETRY_MS = 2000

    def __init__(self, save: Callable[[], None], parent: QtCore.QObject | None = None, *,
                 delay_ms: int | None = None):
        super().__init__(parent)
        self._save = save
        self.delay_ms = self.DELAY_MS if delay_ms is None else int(delay_ms)
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer)
        self._pending = False

    @property
    def pending(self) -> bool:
        """Whether an edit is not saved yet."""
        return self._pending

    def schedule(self) -> None:
        """Save within :attr:`delay_ms` (a continuous edit); at once when the delay is 0."""
        if self.delay_ms <= 0:
            self.now()
            return
        self._pending = True
        if not self._timer.isActive():
            self._timer.start(self.delay_ms)

    def now(self) -> None:
        """Save at once (a discrete edit); raises what the save raises, keeping the edit pending."""
        self._pending = True
        self._timer.stop()
        try:
            self._save()
        except Exception:
            self._timer.start(self.RETRY_MS)
            raise
        self._pending = False

    def flush(self) -> None:
        """Save now if an edit is pending."""
        if self._pending:
            self.now()

    def cancel(self) -> None:
        """Forget the pending edit (the item it belongs to is gone)."""
        self._timer.stop()
        self._pending = False

    def _on_timer(self) -> None:
        try:
            self.now()
        except Exception:  # the host reports it to the worker; keep retrying
            log.warning("saving failed; retrying in %d ms", self.RETRY_MS, exc_info=True)


# --------------------------------------------------------------------------- document editor


class DocumentEditor(ItemEditor):
    """An :class:`ItemEditor` that is a thin view over a Qt-free :class:`Document`.

    Override :meth:`create_document` (the document for the host's item and saved
    annotation) and :meth:`render` (show ``self.document.state``); bind keys in
    ``self.keys``. Every document change is rendered and saved through
    :class:`DebouncedSave`: discrete edits at once, edits with a merge key (typing,
    dragging) within :attr:`save_delay_ms`. Undo, redo, the help list and flushing on
    item change come with it.
    """

    #: how long continuous edits may wait to be saved; 0 saves every keystroke at once
    #: (for small annotations, where a save costs nothing)
    save_delay_ms: int = DebouncedSave.DELAY_MS

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.host: EditorHost | None = None
        self.document: Document[Any] | None = None
        self.keys = KeyMap(self)
        self.saver = DebouncedSave(self._save_document, self, delay_ms=self.save_delay_ms)
        self._unsubscribe: Callable[[], None] | None = None

    # -- to override ------------------------------------------------------------

    def create_document(self, host: EditorHost) -> Document[Any]:
        """The document for ``host.item`` and its saved ``host.annotation``."""
        raise NotImplementedError

    def render(self) -> None:
        """Show ``self.document.state`` in the widgets."""
        raise NotImplementedError

    def changed(self, merge_key: Any) -> None:
        """After a document change: re-render (override to skip redrawing the field being typed in)."""
        self.render()

    # -- wired ------------------------------------------------------------------

    def load(self, host: EditorHost) -> None:
        self.unload()
        document = self.create_document(host)
        self.host, self.document = host, document
        self._unsubscribe = document.subscribe(self._document_changed)
        self.render()

    def unload(self) -> None:
        if self.host is not None and self.document is not None:
            try:
                self.saver.flush()
            finally:
                self.saver.cancel()
        if self._unsubscribe is not None:
            self._unsubscribe()
        self._unsubscribe = None
        self.host = self.document = None

    def _document_changed(self, document: Document[Any], merge_key: Any) -> None:
        self.changed(merge_key)
        if merge_key is None:
            self.saver.now()
        else:
            self.saver.schedule()

    def _save_document(self) -> None:
        if self.host is not None and self.document is not None:
            self.host.save(self.document.annotation())

    def undo(self) -> None:
        if self.document is not None:
            self.document.undo()

    def redo(self) -> None:
        if self.document is not None:
            self.document.redo()

    def shortcuts(self) -> list[Shortcut]:
        return self.keys.shortcuts()


# --------------------------------------------------------------------------- numbers and the look


def number(value: float, decimals: int | None = None) -> str:
    """A number in the worker's locale: ``0,5`` and ``1 234`` in French, ``0.5`` and ``1,234`` in English.

    Without ``decimals`` a float shows up to two, without trailing zeros (``0,5``, ``22,05``, ``2``).
    """
    locale = QtCore.QLocale()
    if isinstance(value, int) and decimals is None:
        return locale.toString(value)
    text = locale.toString(float(value), "f", 2 if decimals is None else decimals)
    if decimals is None and locale.decimalPoint() in text:
        text = text.rstrip("0").rstrip(locale.decimalPoint())
    return text


def theme():
    """The window's look for a plugin to follow (``docs/design.md``): a :class:`annotator.ui.theme.Theme`.

    ::

        look = theme()
        look.color("accent")            # QColor of a palette role (text, text_muted, border, surface, accent,
        look.hex("error_strong")        # warning_bg, error_text, ...); hex for a style sheet
        look.space(2)                   # 8 px: the 4-px spacing grid
        look.font("heading", bold=True) # the type scale: caption, body, heading, title
        look.icon("undo")               # an icon of the set, in the text colour
        look.dark                       # light or dark (it follows the system)

    Read it when a widget is built or painted, not once at import: the palette changes with the system's
    light/dark setting (Qt then sends the widget a ``QEvent.PaletteChange``).
    """
    from annotator.ui import theme as _theme  # the window's module; a plugin never imports it itself

    return _theme.current()
