"""A check shared by the plugins' tests: the modules outside a plugin's ``_qt/`` load no Qt."""
from __future__ import annotations

import ast
import subprocess
import sys


def modules_outside_qt_load_no_qt(package: str) -> tuple[int, list[str]]:
    """Import every module of ``package`` but its ``_qt`` package in a fresh interpreter.

    Returns how many modules were imported and the Qt modules (PySide6, pyqtgraph) that got loaded.
    """
    check = (f"import importlib, pkgutil, sys, {package}\n"
             f"names = [m.name for m in pkgutil.walk_packages({package}.__path__, '{package}.')\n"
             f"         if not m.name.startswith('{package}._qt')]\n"
             "for name in names: importlib.import_module(name)\n"
             "print(len(names), sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))))")
    proc = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    count, qt = proc.stdout.strip().split(" ", 1)
    return int(count), ast.literal_eval(qt)
