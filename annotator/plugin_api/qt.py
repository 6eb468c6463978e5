"""The Qt half of the plugin API: the item editor widget.

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
"""
from __future__ import annotations

from PySide6 import QtWidgets

from annotator.plugin_api import EditorHost, Shortcut


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
