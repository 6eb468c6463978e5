"""The core stays Qt-free: the command line and the core import no PySide6."""
from __future__ import annotations

import subprocess
import sys

CHECK = """
import importlib, pkgutil, sys
import annotator.core, annotator.cli, annotator.plugin_api
for mod in pkgutil.walk_packages(annotator.core.__path__, "annotator.core."):
    if ".migrations" not in mod.name:
        importlib.import_module(mod.name)
for mod in pkgutil.walk_packages(annotator.cli.__path__, "annotator.cli."):
    importlib.import_module(mod.name)
from annotator.core.registry import installed
installed()
from annotator.cli import main
main(["plugins"])
qt = sorted(m for m in sys.modules if m.startswith("PySide6") or m.startswith("pyqtgraph"))
print("QT:", qt)
"""


def test_core_cli_and_plugin_discovery_do_not_import_qt():
    proc = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "QT: []"
