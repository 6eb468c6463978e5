"""Finding task plugins through the ``annotator.plugins`` entry points.

A plugin that fails to import or is not a usable plugin is listed as broken with
its error; it never stops the app or the command line.
"""
from __future__ import annotations

import importlib
import tomllib
from dataclasses import dataclass, field
from importlib import metadata
from typing import Iterable

from annotator.core.errors import UserError
from annotator.core.paths import SOURCE_ROOT
from annotator.plugin_api import API_VERSION, TaskPlugin

GROUP = "annotator.plugins"


@dataclass
class BrokenPlugin:
    id: str
    source: str
    error: str


@dataclass
class Registry:
    plugins: dict[str, TaskPlugin] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    broken: list[BrokenPlugin] = field(default_factory=list)

    def ids(self) -> list[str]:
        return sorted(self.plugins)

    def get(self, kind: str) -> TaskPlugin:
        try:
            return self.plugins[kind]
        except KeyError:
            installed = ", ".join(self.ids()) or "none"
            raise UserError(f"unknown kind {kind!r}; installed plugins: {installed}") from None

    def add(self, plugin: TaskPlugin, source: str = "") -> None:
        self.plugins[plugin.id] = plugin
        self.sources[plugin.id] = source


def _source_entry_points() -> list[tuple[str, str]]:
    """Entry points declared in ``pyproject.toml`` when running from an uninstalled checkout."""
    pyproject = SOURCE_ROOT / "pyproject.toml"
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return []
    table = data.get("project", {}).get("entry-points", {}).get(GROUP, {})
    return [(name, value) for name, value in table.items()]


def _load(value: str):
    module_name, _, attr = value.partition(":")
    obj = importlib.import_module(module_name.strip())
    for part in filter(None, attr.strip().split(".")):
        obj = getattr(obj, part)
    return obj


def _check(name: str, obj) -> str | None:
    if isinstance(obj, type):
        return "the entry point names a class; it must name a plugin object"
    if getattr(obj, "id", None) != name:
        return f"the plugin's id {getattr(obj, 'id', None)!r} differs from its entry point name {name!r}"
    api = getattr(obj, "api_version", None)
    if api != API_VERSION:
        return f"the plugin is written for plugin API {api!r}; this annotator has API {API_VERSION}"
    for method in ("validate_task", "validate_item", "exporters", "create_editor"):
        if not callable(getattr(obj, method, None)):
            return f"the plugin has no {method}() method"
    return None


def discover(extra: Iterable[TaskPlugin] = ()) -> Registry:
    """Load every installed plugin; ``extra`` adds plugin objects directly (tests)."""
    registry = Registry()
    entries: list[tuple[str, str, str]] = []
    for ep in metadata.entry_points(group=GROUP):
        dist = getattr(ep, "dist", None)
        source = f"{dist.name} {dist.version}" if dist is not None else ep.value
        entries.append((ep.name, ep.value, source))
    if not entries:
        # Running from a checkout that was never installed (python main.py).
        entries = [(n, v, "source checkout") for n, v in _source_entry_points()]
    for name, value, source in entries:
        if name in registry.plugins:
            registry.broken.append(BrokenPlugin(name, source, "another plugin already has this id"))
            continue
        try:
            obj = _load(value)
        except Exception as exc:  # a broken plugin must not stop the app
            registry.broken.append(BrokenPlugin(name, source, f"{type(exc).__name__}: {exc}"))
            continue
        problem = _check(name, obj)
        if problem:
            registry.broken.append(BrokenPlugin(name, source, problem))
            continue
        registry.add(obj, f"{source} ({value})")
    for plugin in extra:
        registry.add(plugin, "given")
    return registry


_installed: Registry | None = None


def installed() -> Registry:
    """The installed plugins, discovered once per process."""
    global _installed
    if _installed is None:
        _installed = discover()
    return _installed
