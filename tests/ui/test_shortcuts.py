"""No key is bound twice in the window: Qt fires neither of two shortcuts on one key."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from annotator.core.library import import_pack
from annotator.core.session import WorkSession

DEMOS = Path(__file__).resolve().parents[2] / "annotator" / "resources" / "demo-packs"
Context = QtCore.Qt.ShortcutContext


def bindings(window: QtWidgets.QMainWindow) -> dict[str, list[str]]:
    """key -> the shortcuts and actions that take it while the editor has the focus."""
    taken: dict[str, list[str]] = defaultdict(list)
    editor = window.task.editor
    for shortcut in window.findChildren(QtGui.QShortcut):
        parent = shortcut.parent()
        if not shortcut.isEnabled() or not isinstance(parent, QtWidgets.QWidget):
            continue
        context = shortcut.context()
        if context == Context.WidgetShortcut and parent is not editor:
            continue  # only fires while that very widget has the focus
        if context == Context.WidgetWithChildrenShortcut and not (parent is editor or parent.isAncestorOf(editor)
                                                                  or editor.isAncestorOf(parent)):
            continue
        if not parent.isVisible() and context != Context.ApplicationShortcut:
            continue
        for key in [shortcut.key(), *shortcut.keys()]:
            if not key.isEmpty():
                taken[key.toString()].append(f"QShortcut on {type(parent).__name__} ({shortcut.whatsThis() or ''})")
    for action in window.findChildren(QtGui.QAction):
        if not action.isEnabled() or action.shortcutContext() == Context.WidgetShortcut:
            continue
        for key in action.shortcuts():
            taken[key.toString()].append(f"action {action.text()!r}")
    return {key: sorted(set(owners)) for key, owners in taken.items()}


@pytest.mark.parametrize("demo", ["street-scenes", "voice-commands", "assistant-answers"])
def test_no_key_is_bound_twice_with_each_builtin_editor(qtbot, app_ctx, demo):
    from annotator.ui.main_window import MainWindow

    pack = import_pack(DEMOS / demo, app_ctx.store, app_ctx.registry).pack
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    window.show()
    window.session = WorkSession(app_ctx.store, pack, window.meter)
    window.start_task()
    qtbot.waitUntil(lambda: window.task.editor is not None and window.task.editor.isVisible())
    clashes = {key: owners for key, owners in bindings(window).items() if len(owners) > 1}
    window.close()
    assert clashes == {}
