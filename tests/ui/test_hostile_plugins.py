"""A plugin cannot take anything down: attributes that raise, hooks that raise or lie, wrong signatures.

Hostile plugins are real installed distributions (an entry point in a ``.dist-info``
folder on ``PYTHONPATH``) for the command line and the window's start, and plugin
objects given to the registry for the window's task view.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6 import QtCore, QtWidgets

from annotator.core.context import AppContext
from annotator.core.registry import discover
from annotator.core.session import RecordingMeter, WorkSession
from annotator.ui.main_window import MainWindow
from annotator.ui import widgets as ui_widgets
from tests.ui.helpers import import_yesno

ROOT = Path(__file__).resolve().parents[2]

HOSTILE = textwrap.dedent('''
    from annotator.plugin_api import TaskPlugin


    class NameRaises(TaskPlugin):
        id = "badname"

        @property
        def name(self):
            raise RuntimeError("no name today")


    class FolderRaises(TaskPlugin):
        id = "baddir"
        name = "Bad folder"

        @property
        def translations_dir(self):
            raise OSError("the folder went away")


    class WrongHook(TaskPlugin):
        id = "wronghook"
        name = "Wrong hook"

        def validate_item(self, item):
            return []


    class IdRaises(TaskPlugin):
        @property
        def id(self):
            raise ValueError("who am I")


    badname = NameRaises()
    baddir = FolderRaises()
    wronghook = WrongHook()
    badid = IdRaises()
''')


@pytest.fixture
def hostile_site(tmp_path) -> Path:
    """A folder that installs four hostile plugins when put on ``PYTHONPATH``."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "hostile_plugins.py").write_text(HOSTILE)
    dist = site / "hostile_plugins-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: hostile-plugins\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[annotator.plugins]\n" + "".join(
        f"{name} = hostile_plugins:{name}\n" for name in ("badname", "baddir", "wronghook", "badid")))
    return site


def run(site: Path, *args, **env) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": f"{site}{os.pathsep}{ROOT}", "QT_QPA_PLATFORM": "offscreen", **env}
    return subprocess.run([sys.executable, "-m", "annotator", *map(str, args)], capture_output=True, text=True,
                          env=environment, timeout=240)


def test_annotator_plugins_lists_hostile_plugins_as_broken_and_the_others_as_usual(hostile_site):
    proc = run(hostile_site, "plugins")
    assert proc.returncode == 0, proc.stderr
    lines = {line.split()[0]: line for line in proc.stdout.splitlines()}
    assert "BROKEN: reading the plugin's name raised RuntimeError: no name today" in lines["badname"]
    assert "BROKEN: reading the plugin's translations_dir raised OSError: the folder went away" in lines["baddir"]
    assert ("BROKEN: its validate_item(item) does not match the plugin API, which calls "
            "validate_item(item, task)") in lines["wronghook"]
    assert "BROKEN: reading the plugin's id raised ValueError: who am I" in lines["badid"]
    assert lines["image"].startswith("image ") and "BROKEN" not in lines["image"]


def test_the_window_starts_with_hostile_plugins_installed(hostile_site, tmp_path):
    shot = tmp_path / "start.png"
    proc = run(hostile_site, "--data-dir", tmp_path / "data", ANNOTATOR_SCREENSHOT=str(shot),
               ANNOTATOR_SCREENSHOT_DELAY_MS="300")
    assert proc.returncode == 0, proc.stderr
    assert shot.stat().st_size > 1000  # the window was drawn, then closed


def test_a_plugin_checked_against_the_api_signatures_names_the_method_and_its_parameters(yesno_plugin):
    hostile = type(yesno_plugin)()
    hostile.prefetch = lambda pack, item: None  # the API calls prefetch(pack, item, cache_dir)
    registry = discover(extra=[hostile])
    assert "yesno" not in registry.plugins
    (broken,) = [b for b in registry.broken if b.id == "yesno"]
    assert broken.error == ("its prefetch(pack, item) does not match the plugin API, which calls "
                            "prefetch(pack, item, cache_dir)")
    fine = type(yesno_plugin)()
    fine.prefetch = lambda pack, item, cache_dir, *, extra=None: None  # more, with defaults: fine
    assert "yesno" in discover(extra=[fine]).plugins


def hostile_window(qtbot, store, tmp_path, yesno_plugin, **overrides):
    """The window on a yes/no pack whose plugin has some hooks replaced by ``overrides``."""
    plugin = type(yesno_plugin)()
    for name, value in overrides.items():
        setattr(plugin, name, value)
    ctx = AppContext(store=store, registry=discover(extra=[plugin]), meter=RecordingMeter())
    assert "yesno" in ctx.registry.plugins, ctx.registry.broken
    pack = import_yesno(ctx, tmp_path / "p", n=2)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.session = WorkSession(store, pack, ctx.meter)
    window.start_task()
    qtbot.waitUntil(lambda: window.task.host is not None)
    return window


def boom(*_args, **_kwargs):
    raise RuntimeError("the plugin fell over")


def test_is_empty_raising_says_so_and_lets_the_worker_submit(qtbot, store, tmp_path, yesno_plugin, monkeypatch):
    window = hostile_window(qtbot, store, tmp_path, yesno_plugin, is_empty=boom)
    asked = []
    monkeypatch.setattr(ui_widgets, "ask",
                        lambda *a, **k: asked.append(a[2]) or QtWidgets.QMessageBox.StandardButton.Yes)
    first = window.session.item
    window.task.submit()
    assert "could not check whether this item is empty (RuntimeError: the plugin fell over)" in asked[0]
    assert store.item(first.pk).state == "submitted"
    assert window.session.item.item_id == "q1"


def test_shortcuts_raising_keep_the_item_on_screen(qtbot, store, tmp_path, yesno_plugin):
    window = hostile_window(qtbot, store, tmp_path, yesno_plugin)
    window.task.editor.shortcuts = boom
    groups = window.shortcut_groups()
    assert [g for g, _rows in groups] == ["Items", "Everywhere"]  # the window's own keys are still listed
    assert window.task.stack.currentWidget() is window.task.editor_holder
    assert "the plugin fell over" in window.task.banner.label.text()


@pytest.mark.parametrize("exporters", [boom, lambda: [object()]])
def test_exporters_raising_or_lying_is_a_message_not_a_crash(qtbot, store, tmp_path, yesno_plugin, monkeypatch,
                                                             exporters):
    window = hostile_window(qtbot, store, tmp_path, yesno_plugin, exporters=exporters)
    warned = []
    monkeypatch.setattr(ui_widgets, "ask", lambda *a, **k: warned.append(a[2]))
    window.export_dialog()
    assert warned and "the yesno plugin cannot list its exporters" in warned[0]
    assert window.current_view == "task"


@pytest.mark.parametrize("new_pack, said", [
    (boom, "RuntimeError: the plugin fell over"),
    (lambda source, options: None, "it gave a NoneType, not a NewPack"),
])
def test_pack_new_with_a_failing_plugin_is_one_line_not_a_traceback(tmp_path, yesno_plugin, new_pack, said):
    from annotator.core.errors import UserError
    from annotator.core.packnew import new_pack as make

    plugin = type(yesno_plugin)()
    plugin.new_pack = new_pack
    registry = discover(extra=[plugin])
    questions = tmp_path / "questions.txt"
    questions.write_text("Is the sky blue?\n")
    with pytest.raises(UserError, match="the yesno plugin failed to build a pack") as caught:
        make("yesno", questions, tmp_path / "out", registry)
    assert said in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_messages_quoting_pack_strings_are_plain_text_never_markup(qtbot, store, tmp_path, yesno_plugin):
    """A pack title or an error quoting one is data: drawn as typed, never as HTML (QMessageBox and
    QLabel guess rich text from a tag on the first line)."""
    window = hostile_window(qtbot, store, tmp_path, yesno_plugin)
    hostile = '<h1 style="color:red">PAY NOW</h1><img src="x">'
    window._inbox_imported(hostile)
    banner = window.library.banner.label
    assert banner.textFormat() == QtCore.Qt.TextFormat.PlainText
    assert hostile in banner.text()
    seen = {}

    def look(box):
        seen["format"], seen["text"] = box.textFormat(), box.text()
        box.button(QtWidgets.QMessageBox.StandardButton.Ok).click()
    QtCore.QTimer.singleShot(0, lambda: look(QtWidgets.QApplication.activeModalWidget()))
    ui_widgets.ask(window, "Export results", hostile)
    assert seen == {"format": QtCore.Qt.TextFormat.PlainText, "text": hostile}
