"""The architecture's rules, as code (docs/adr/0641-seams.md).

* The import contracts in ``pyproject.toml`` (``[tool.importlinter]``): the core, the command
  line and the Qt-free plugin API import no Qt and no window code; the window never imports the
  metering repository; plugins import nothing of annotator but ``annotator.plugin_api``.
* Nothing in a plugin outside its ``_qt/`` package loads Qt (``QT_ALLOWED`` lists today's
  exceptions; the plugin restructures empty it).
* No module over :data:`MAX_LINES` lines (``TOO_LONG_ALLOWED`` lists today's exceptions).

Both lists only shrink: an entry that is no longer needed fails the test, naming the line to delete.
"""
from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PLUGINS = ROOT / "plugins"
MAX_LINES = 600
QT_PACKAGES = ("PySide6", "shiboken6", "pyqtgraph", "annotator.plugin_api.qt")

#: plugin modules outside ``_qt/`` that still load Qt; the plugin restructures move them into ``_qt/``
QT_ALLOWED: set[str] = set()

#: modules over MAX_LINES lines today, being split by the helpers who own them
TOO_LONG_ALLOWED: set[str] = set()


def plugin_packages() -> list[Path]:
    return sorted(p for p in PLUGINS.iterdir() if (p / "__init__.py").is_file())


def source_modules() -> list[Path]:
    found = [p for p in (ROOT / "annotator").rglob("*.py") if "migrations" not in p.parts]
    found += [p for pkg in plugin_packages() for p in pkg.rglob("*.py")]
    return sorted(found)


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def imports(tree: ast.AST, top_level_only: bool = False) -> list[tuple[str, int]]:
    """``(module, line)`` of every import (or only those run when the module is imported)."""
    nodes = tree.body if top_level_only else ast.walk(tree)
    out = []
    for node in nodes:
        if isinstance(node, ast.Import):
            out += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out += [(node.module, node.lineno)]
            out += [(f"{node.module}.{alias.name}", node.lineno) for alias in node.names]
    return out


def is_qt(module: str) -> bool:
    return any(module == q or module.startswith(q + ".") for q in QT_PACKAGES)


def in_qt_package(path: Path) -> bool:
    return "_qt" in path.relative_to(PLUGINS).parts


# --------------------------------------------------------------------------- import contracts


def test_the_import_contracts_are_kept(capsys):
    from importlinter.cli import lint_imports

    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    out = capsys.readouterr().out
    assert code == 0, out[-4000:]
    assert "Contracts: 3 kept, 0 broken." in out, out[-4000:]


def test_every_plugin_package_is_under_the_import_contracts():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    names = [p.name for p in plugin_packages()]
    assert set(names) <= set(config["root_packages"]), "add the new plugin to [tool.importlinter] root_packages"
    (through_api,) = [c for c in config["contracts"] if c["id"] == "plugins-through-the-api"]
    assert set(names) <= set(through_api["source_modules"]), "add the new plugin to plugins-through-the-api"


# --------------------------------------------------------------------------- Qt only under _qt/


def test_nothing_in_a_plugin_outside_its_qt_package_loads_qt():
    offenders = []
    for pkg in plugin_packages():
        for path in sorted(pkg.rglob("*.py")):
            if in_qt_package(path) or rel(path) in QT_ALLOWED:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            offenders += [f"{rel(path)}:{line} imports {name}" for name, line in imports(tree) if is_qt(name)]
            # a Qt module imported when this one is imported loads Qt too (inside a function is fine: lazy)
            qt_modules = {rel_module(p) for p in pkg.rglob("*.py") if in_qt_package(p) or rel(p) in QT_ALLOWED}
            offenders += [f"{rel(path)}:{line} imports {name} when it is imported"
                          for name, line in imports(tree, top_level_only=True) if name in qt_modules]
    assert not offenders, "Qt belongs in the plugin's _qt/ package:\n" + "\n".join(offenders)


def rel_module(path: Path) -> str:
    parts = list(path.relative_to(PLUGINS).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def test_the_qt_allow_list_only_shrinks():
    stale = []
    for entry in sorted(QT_ALLOWED):
        path = ROOT / entry
        if not path.exists():
            stale.append(f"{entry} is gone")
        elif not any(is_qt(name) for name, _ in imports(ast.parse(path.read_text(encoding="utf-8")))):
            stale.append(f"{entry} no longer imports Qt")
    assert not stale, "remove from QT_ALLOWED in tests/test_architecture.py: " + "; ".join(stale)


def test_the_qt_free_modules_of_the_plugins_load_no_qt_when_imported():
    modules = [rel_module(p) for pkg in plugin_packages() for p in sorted(pkg.rglob("*.py"))
               if not in_qt_package(p) and rel(p) not in QT_ALLOWED]
    check = ("import importlib, sys\n"
             f"for name in {modules!r}:\n"
             "    importlib.import_module(name)\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph')))\n")
    proc = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.strip().splitlines()[-1] == "[]"


# --------------------------------------------------------------------------- module sizes


def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_is_over_600_lines():
    long = [f"{rel(p)}: {line_count(p)} lines" for p in source_modules()
            if line_count(p) > MAX_LINES and rel(p) not in TOO_LONG_ALLOWED]
    assert not long, f"split these modules (at most {MAX_LINES} lines):\n" + "\n".join(long)


def test_the_long_module_allow_list_only_shrinks():
    stale = [entry for entry in sorted(TOO_LONG_ALLOWED)
             if not (ROOT / entry).exists() or line_count(ROOT / entry) <= MAX_LINES]
    assert not stale, "remove from TOO_LONG_ALLOWED in tests/test_architecture.py: " + ", ".join(stale)


# --------------------------------------------------------------------------- the rules can fail


@pytest.mark.parametrize("source, expected", [
    ("from PySide6 import QtCore\n", ["PySide6", "PySide6.QtCore"]),
    ("def create_editor():\n    import pyqtgraph as pg\n", ["pyqtgraph"]),
])
def test_the_import_scanner_sees_qt_imports_anywhere(source, expected):
    found = [name for name, _ in imports(ast.parse(source))]
    assert found == expected and all(is_qt(n) for n in found)
    assert imports(ast.parse(source), top_level_only=True) == ([] if source.startswith("def") else
                                                               [(n, 1) for n in expected])


# --------------------------------------------------------------------------- the meter's interface


def test_the_window_uses_the_meter_only_through_its_interface(tmp_path):
    import re

    from annotator.core.metering.meter import Meter, NullMeter, RecordingMeter
    from annotator.core.metering.service import MeterService
    from annotator.core.store import Store

    members = {name for name in dir(Meter) if not name.startswith("_")} | set(Meter.__annotations__)
    used, probes = set(), []
    for path in sorted((ROOT / "annotator" / "ui").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bmeter\.(\w+)", text))
        probes += [f"{rel(path)}: {m}" for m in re.findall(r"getattr\([^)]*meter[^)]*\)", text)]
    assert used and used <= members, f"add to the Meter protocol: {sorted(used - members)}"
    assert not probes, probes
    with Store(tmp_path / "data") as store:
        for meter in (NullMeter(), RecordingMeter(), MeterService(store)):
            assert isinstance(meter, Meter)
