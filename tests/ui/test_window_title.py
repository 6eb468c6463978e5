"""The window title names the pack and the item, as plain text, and the About dialog names the log."""
from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from tests.ui.helpers import accept, import_yesno, on_modal, press

Key = QtCore.Qt.Key
Mod = QtCore.Qt.KeyboardModifier


def test_the_title_follows_the_pack_and_the_item(qtbot, window, app_ctx, tmp_path):
    import_yesno(app_ctx, tmp_path / "p", n=3, title="Street [*] scenes\x1b[31m")
    assert shown(window) == "Annotator"
    window.library.refresh()
    window.library.table.selectRow(0)
    on_modal(accept)
    press(qtbot, window.library.table, Key.Key_Return)
    # what the desktop shows: the title as written (Qt's "[*]" placeholder kept literal), the escape visible
    assert shown(window) == "Street [*] scenes\\x1b[31m — Annotator"
    press(qtbot, window.instructions.browser, Key.Key_Return)
    assert shown(window) == "Street [*] scenes\\x1b[31m — item q0 (1 of 3) — Annotator"
    press(qtbot, window.task.editor, Key.Key_Right, Mod.AltModifier)
    assert shown(window).endswith("item q1 (2 of 3) — Annotator")
    window.show_library()
    assert shown(window) == "Annotator"


def shown(window) -> str:
    return window.windowHandle().title()


def test_about_names_the_log_file(qtbot, window, tmp_path, monkeypatch):
    from annotator.core import applog

    monkeypatch.setattr(applog, "_current", tmp_path / "logs" / "annotator.log")
    seen = []

    def read(box):
        seen.append(box.text())
        box.accept()

    on_modal(read)
    window.about()
    assert seen and str(tmp_path / "logs" / "annotator.log") in seen[0]
    assert isinstance(QtWidgets.QApplication.activeModalWidget(), type(None))
