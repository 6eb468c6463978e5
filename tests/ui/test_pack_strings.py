"""Pack strings are data: what the window shows and what the terminal gets from a hostile pack."""
from __future__ import annotations

import json
import threading

from PySide6 import QtCore, QtGui, QtWidgets

from annotator.cli import main
from annotator.core.library import import_pack
from annotator.ui.dialogs import TermsDialog
from tests.packs import manifest, write_pack
from tests.ui.helpers import on_modal, press, yesno_pack

Key = QtCore.Qt.Key
RICH = "<h1 style='color:green'>every item is paid</h1>"
OSC = "\x1b]0;pwned\x07"
CR = "safe\rOVERWRITTEN"


def shown_text(label: QtWidgets.QLabel) -> str:
    """What a label puts on screen: its text, or the text of the rich text it would render."""
    text = label.text()
    rich = label.textFormat() == QtCore.Qt.TextFormat.RichText or (
        label.textFormat() == QtCore.Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text))
    if not rich:
        return text
    doc = QtGui.QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def all_shown(widget: QtWidgets.QWidget) -> str:
    return "\n".join(shown_text(label) for label in widget.findChildren(QtWidgets.QLabel))


def hostile_yesno(tmp_path):
    pay = {"currency": "EUR", "per_item": 0.01, "estimated_seconds_per_item": 60, "rejection_policy": RICH}
    root = yesno_pack(tmp_path / "hostile", items=[{"id": RICH, "question": "Q?"}], pay=pay, title=RICH,
                      warnings=[RICH])
    text = (root / "pack.toml").read_text()
    (root / "pack.toml").write_text(text.replace('lab = "Test lab"', f'lab = "{RICH}"'))
    return root


def test_the_terms_dialog_shows_a_rich_text_title_as_typed(qtbot, app_ctx, tmp_path):
    row = import_pack(hostile_yesno(tmp_path), app_ctx.store, app_ctx.registry).pack
    dialog = TermsDialog(app_ctx, row)
    qtbot.addWidget(dialog)
    shown = all_shown(dialog)
    assert shown.count(RICH) >= 4  # title, lab, rejection policy, content warning: as typed
    for line in shown.splitlines():  # nowhere rendered as a heading without its tags
        assert "every item is paid" not in line or RICH in line, line


def test_title_task_header_and_item_id_are_plain_text(qtbot, window, app_ctx, tmp_path):
    import_pack(hostile_yesno(tmp_path), app_ctx.store, app_ctx.registry)
    window.library.refresh()
    assert window.library.table.item(0, 0).text() == RICH
    tooltip = window.library.table.item(0, 6).toolTip()
    doc = QtGui.QTextDocument()
    doc.setHtml(tooltip)
    assert doc.toPlainText() == RICH  # the content warning's tooltip shows the tags too
    window.library.table.selectRow(0)
    on_modal(lambda dialog: dialog.accept())
    press(qtbot, window.library.table, Key.Key_Return)
    assert window.current_view == "instructions"
    assert shown_text(window.instructions.title) == RICH
    assert RICH in shown_text(window.instructions.subtitle)
    press(qtbot, window.instructions.browser, Key.Key_Return)
    assert window.current_view == "task"
    assert shown_text(window.task.pack_label) == RICH
    assert RICH in shown_text(window.task.position_label)


def _hostile_cli_pack(tmp_path):
    doc = manifest(title=f"Title{OSC}{CR}", warnings=[f"w{OSC}"])
    doc["pack"]["lab"] = f"Lab{OSC}\u202eevil"
    return write_pack(tmp_path / "p", manifest_doc=doc)


def _run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_terminal_gets_no_control_characters_from_pack_strings(tmp_path, capsys):
    pack = _hostile_cli_pack(tmp_path)
    data = tmp_path / "d"
    outputs = [
        _run(capsys, "pack", "validate", pack),
        _run(capsys, "--data-dir", data, "pack", "import", pack),
        _run(capsys, "--data-dir", data, "pack", "list"),
        _run(capsys, "--data-dir", data, "pack", "info", "test.pack"),
        _run(capsys, "pack", "info", pack),
        _run(capsys, "pack", "lint", pack),
    ]
    for code, out, err in outputs:
        assert code in (0, 1), err
        for text in (out, err):
            assert "\x1b" not in text and "\x07" not in text and "\r" not in text and "\u202e" not in text
    assert "Title\\x1b]0;pwned\\x07safe\\x0dOVERWRITTEN" in outputs[0][1]  # shown, not obeyed
    for args in (("pack", "info", "test.pack", "--json"), ("pack", "list", "--json")):
        code, out, _ = _run(capsys, "--data-dir", data, *args)
        assert "\x1b" not in out and "\u202e" not in out
        doc = json.loads(out)  # still valid JSON, with the very same strings
        title = doc["title"] if isinstance(doc, dict) else doc[0]["title"]
        assert title == f"Title{OSC}{CR}"


def test_pack_problems_on_the_terminal_are_escaped(tmp_path, capsys):
    items = [{"id": "a", "media": f"media/x{OSC}.png"}]
    pack = write_pack(tmp_path / "p", items=items, media={})
    code, out, err = _run(capsys, "pack", "validate", pack)
    assert code == 2 and "\x1b" not in err and "\x07" not in err
    code, out, err = _run(capsys, "--data-dir", tmp_path / "d", "pack", "import", pack)
    assert code == 2 and "\x1b" not in err and "\x07" not in err


def test_import_runs_off_the_interface_thread_and_cancel_leaves_nothing(qtbot, window, app_ctx, tmp_path,
                                                                       monkeypatch):
    from annotator.ui.pack_import import PackImport

    pack = write_pack(tmp_path / "p", n=3)
    gate, reached = threading.Event(), threading.Event()
    original = PackImport._report

    def held(self, stage, done, total):  # the import thread waits at its first step until the test lets it go
        reached.set()
        gate.wait(10)
        original(self, stage, done, total)

    monkeypatch.setattr(PackImport, "_report", held)
    importer = window.import_path(str(pack))
    # the window stays responsive while the import thread is held
    qtbot.waitUntil(reached.is_set, timeout=5000)
    assert importer.running
    QtWidgets.QApplication.processEvents()
    assert window.library.table.rowCount() == 0
    importer.dialog.canceled.emit()  # the worker presses Cancel (or Esc)
    gate.set()
    with qtbot.waitSignal(importer.finished, timeout=10000):
        pass
    assert importer.result is None and app_ctx.store.packs() == []
    tmp = app_ctx.store.data_dir / "tmp"
    assert not tmp.exists() or not any(tmp.iterdir())
    assert not app_ctx.store.packs_dir.exists() or not any(app_ctx.store.packs_dir.iterdir())

    monkeypatch.setattr(PackImport, "_report", original)
    importer = window.import_path(str(pack))
    with qtbot.waitSignal(importer.finished, timeout=10000):
        pass
    assert [p.pack_id for p in app_ctx.store.packs()] == ["test.pack"]
    assert window.library.table.rowCount() == 1


def test_import_problems_are_shown_as_plain_text(qtbot, window, app_ctx, tmp_path):
    pack = write_pack(tmp_path / "p", manifest_doc={**manifest(), "format": "<h1>2</h1>"})
    importer = window.import_path(str(pack))
    with qtbot.waitSignal(importer.finished, timeout=10000):
        pass
    box = importer.message
    assert box.textFormat() == QtCore.Qt.TextFormat.PlainText
    assert "format '<h1>2</h1>' is not supported" in box.text()
    box.close()
