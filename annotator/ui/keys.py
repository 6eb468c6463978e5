"""The window's own key map: one table binds the app's shortcuts *and* fills the shortcut list.

The editors have theirs (:class:`annotator.plugin_api.qt.KeyMap`); this is the same idea for
the window (menus, the task view's buttons), where a key is bound by a menu action so that the
menu shows it. Each row is key, action, description and group; nothing else writes the list::

    keys = AppKeyMap()
    keys.action(menu, tr("Library"), window.show_library, "Ctrl+L", group=tr("Everywhere"))
    keys.shortcut(task_view, ["Ctrl+Return", "Ctrl+Enter"], task_view.submit, tr("Submit the item"), group)
    keys.shortcuts()     # the rows of the shortcut list, key names in the worker's language
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from PySide6 import QtCore, QtGui, QtWidgets

from annotator.plugin_api import Shortcut
from annotator.plugin_api.qt import key_text

KeyLike = str | QtGui.QKeySequence | QtGui.QKeySequence.StandardKey


def _sequences(keys: KeyLike | Sequence[KeyLike]) -> list[QtGui.QKeySequence]:
    if isinstance(keys, QtGui.QKeySequence.StandardKey):
        return list(QtGui.QKeySequence.keyBindings(keys))
    if isinstance(keys, (str, QtGui.QKeySequence)):
        keys = [keys]
    found: list[QtGui.QKeySequence] = []
    for key in keys:
        for sequence in _sequences(key) if isinstance(key, QtGui.QKeySequence.StandardKey) else [QtGui.QKeySequence(key)]:
            if sequence.isEmpty():
                raise ValueError(f"not a key Qt knows: {key!r}")
            if sequence not in found:  # a key bound twice fires neither
                found.append(sequence)
    return found


@dataclass(frozen=True)
class AppKey:
    """One row of the window's key map."""

    keys: tuple[str, ...]
    """Qt's portable key texts."""
    description: str
    group: str
    label: str = ""

    def shown_keys(self) -> str:
        return self.label or " / ".join(key_text(k) for k in self.keys)


class AppKeyMap:
    """The window's shortcuts, as a table: each row binds its keys and is one line of the list."""

    def __init__(self) -> None:
        self.rows: list[AppKey] = []

    def _row(self, sequences: list[QtGui.QKeySequence], description: str, group: str, label: str) -> None:
        portable = tuple(s.toString(QtGui.QKeySequence.SequenceFormat.PortableText) for s in sequences)
        taken = self.bound_keys()
        for text in portable:
            if text in taken:
                raise ValueError(f"{text} is bound twice in the window's key map")
        self.rows.append(AppKey(portable, description, group, label))

    def action(self, menu: QtWidgets.QMenu, text: str, slot: Callable[[], Any], keys: KeyLike | Sequence[KeyLike],
               description: str = "", group: str = "", *, label: str = "") -> QtGui.QAction:
        """A menu entry whose keys are bound by its action (the menu shows them) and listed."""
        action = QtGui.QAction(text, menu.parent() or menu)
        sequences = _sequences(keys)
        action.setShortcuts(sequences)
        action.triggered.connect(slot)
        menu.addAction(action)
        self._row(sequences, description or text.replace("…", "").replace("&", ""), group, label)
        return action

    def listed(self, action: QtGui.QAction, description: str, group: str = "", *, label: str = "") -> QtGui.QAction:
        """An action made elsewhere (a window part's own ``QAction``): its keys, already bound, are listed."""
        self._row(list(action.shortcuts()), description, group, label)
        return action

    def shortcut(self, owner: QtWidgets.QWidget, keys: KeyLike | Sequence[KeyLike], slot: Callable[[], Any],
                 description: str, group: str = "", *, label: str = "",
                 context: QtCore.Qt.ShortcutContext = QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut,
                 ) -> list[QtGui.QShortcut]:
        """Keys bound by ``QShortcut`` on ``owner`` (a view's buttons), listed."""
        sequences = _sequences(keys)
        shortcuts = [QtGui.QShortcut(s, owner, slot, context=context) for s in sequences]
        self._row(sequences, description, group, label)
        return shortcuts

    def shortcuts(self) -> list[Shortcut]:
        """The list's rows, in the order they were bound, key names in the worker's language."""
        return [Shortcut(row.shown_keys(), row.description, row.group) for row in self.rows]

    def bound_keys(self) -> set[str]:
        """Every key the window binds, in portable text."""
        return {k for row in self.rows for k in row.keys}
