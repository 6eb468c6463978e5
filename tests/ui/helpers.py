"""Helpers for driving the real window in tests."""
from __future__ import annotations

from typing import Callable

from PySide6 import QtCore, QtWidgets

from annotator.core.library import import_pack
from tests.packs import manifest, write_pack


def yesno_pack(root, n: int = 3, items: list[dict] | None = None, **kw):
    """A pack of the third-party yes/no kind (no media)."""
    items = items if items is not None else [{"id": f"q{i}", "question": f"Question {i}?"} for i in range(n)]
    doc = manifest(kind="yesno", task={}, **{k: v for k, v in kw.items() if k in ("pay", "warnings", "pack_id", "title")})
    return write_pack(root, kind="yesno", items=items, manifest_doc=doc, media={},
                      instructions=kw.get("instructions", "# Answer the question\n\nYes or **no**.\n"))


def import_yesno(ctx, root, **kw):
    return import_pack(yesno_pack(root, **kw), ctx.store, ctx.registry).pack


def on_modal(action: Callable[[QtWidgets.QWidget], None], timeout_ms: int = 60_000) -> None:
    """Run ``action(dialog)`` on the next modal dialog that opens (before calling what opens it)."""
    deadline = QtCore.QDeadlineTimer(timeout_ms)

    def poll():
        widget = QtWidgets.QApplication.activeModalWidget()
        if widget is None or not widget.isVisible():
            if not deadline.hasExpired():
                QtCore.QTimer.singleShot(10, poll)
            return
        action(widget)

    QtCore.QTimer.singleShot(0, poll)


def accept(dialog) -> None:
    dialog.accept()


def reject(dialog) -> None:
    dialog.reject()


def press(qtbot, widget, key, modifiers=QtCore.Qt.KeyboardModifier.NoModifier) -> None:
    """A key press as a worker makes it: in the active window (a closed dialog gives it back)."""
    window = widget.window()
    if QtWidgets.QApplication.activeWindow() is not window:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(widget, key, modifiers)
