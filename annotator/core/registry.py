"""Finding task plugins through the ``annotator.plugins`` entry points.

A plugin that fails to import or is not a usable plugin is listed as broken with
its error; it never stops the app or the command line. When a plugin is found,
everything the app reads of it is read once, inside a guard (:class:`PluginInfo`),
and every hook it defines is checked against the API's signature, as pluggy
does: a hook the app could not call is reported by name with the parameters the
API passes, not met later as a ``TypeError`` in the middle of the worker's day.
"""
from __future__ import annotations

import importlib
import inspect
import logging
import os
import tomllib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Iterable

from annotator.core.errors import UserError
from annotator.core.paths import SOURCE_ROOT
from annotator.plugin_api import API_VERSION, PackNewOption, TaskPlugin

GROUP = "annotator.plugins"

log = logging.getLogger("annotator.plugins")


@dataclass(frozen=True)
class PluginInfo:
    """What the app reads of a plugin's attributes, read once when the plugin is found."""

    id: str
    name: str
    version: str
    translations_dir: Path | None = None
    needs_media: bool = False
    media_suffixes: tuple[str, ...] = ()
    pack_new_options: tuple[PackNewOption, ...] = ()


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
    info: dict[str, PluginInfo] = field(default_factory=dict)

    def ids(self) -> list[str]:
        return sorted(self.plugins)

    def get(self, kind: str) -> TaskPlugin:
        try:
            return self.plugins[kind]
        except KeyError:
            installed = ", ".join(self.ids()) or "none"
            raise UserError(f"unknown kind {kind!r}; installed plugins: {installed}") from None

    def add(self, plugin: TaskPlugin, source: str = "", name: str | None = None, replace: bool = False) -> str | None:
        """Add a plugin found under entry point ``name`` (its own id when not given).

        ``replace``: a plugin given directly takes the place of an installed one of the same id.
        Returns the problem that made it broken (listed in :attr:`broken`), or ``None``.
        """
        if name is None:
            name, problem = _read(plugin, "id")
            if problem or not isinstance(name, str) or not name:
                problem = problem or f"the plugin's id {name!r} is not a text"
                self.broken.append(BrokenPlugin(str(name) if isinstance(name, str) else "?", source, problem))
                return problem
        if replace:
            for table in (self.plugins, self.sources, self.info):
                table.pop(name, None)
        if name in self.plugins:
            problem = "another plugin already has this id"
        else:
            problem = _check(name, plugin)
        if problem:
            self.broken.append(BrokenPlugin(name, source, problem))
            return problem
        info = _info(name, plugin)
        if isinstance(info, str):
            self.broken.append(BrokenPlugin(name, source, info))
            return info
        self.plugins[name] = plugin
        self.sources[name] = source
        self.info[name] = info
        return None

    def name_of(self, kind: str) -> str:
        """The name shown to the worker for a kind (the kind itself when no plugin has it)."""
        info = self.info.get(kind)
        return info.name if info is not None and info.name else kind

    def translations_dirs(self) -> list[Path]:
        """The plugins' folders of Qt Linguist files."""
        return [i.translations_dir for i in self.info.values() if i.translations_dir is not None]


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


_MISSING = object()


def _read(obj: Any, attribute: str, default: Any = _MISSING) -> tuple[Any, str | None]:
    """``(value, None)``, or ``(None, problem)`` when reading the attribute raised (or is missing)."""
    try:
        return getattr(obj, attribute), None
    except AttributeError:
        if default is not _MISSING:
            return default, None
        return None, f"the plugin has no {attribute}"
    except Exception as exc:  # a property of a broken plugin: reported, never raised
        return None, f"reading the plugin's {attribute} raised {type(exc).__name__}: {exc}"


def hook_specs() -> dict[str, inspect.Signature]:
    """The API's hooks (every public method of :class:`TaskPlugin`) with their signatures."""
    specs = {}
    for attribute, value in vars(TaskPlugin).items():
        if not attribute.startswith("_") and inspect.isfunction(value):
            specs[attribute] = inspect.signature(value)
    return specs


def _spec_text(method: str, spec: inspect.Signature) -> str:
    params = [p for p in spec.parameters.values() if p.name != "self"]
    return f"{method}({', '.join(p.name for p in params)})"


def check_hook(method: str, implementation: Callable[..., Any], spec: inspect.Signature) -> str | None:
    """A problem when ``implementation`` cannot be called the way the app calls ``method``.

    The app passes the API's parameters by position (``validate_item(item, task)``); an
    implementation may add parameters with defaults or ``*args``, never require others
    or take fewer.
    """
    try:
        signature = inspect.signature(implementation)
    except (TypeError, ValueError):  # a builtin without a signature: trust it
        return None
    params = [p for p in spec.parameters.values() if p.name != "self"]
    try:
        signature.bind(*(p.name for p in params))
    except TypeError:
        return (f"its {method}{signature} does not match the plugin API, which calls "
                f"{_spec_text(method, spec)}")
    return None


def _check(name: str, obj) -> str | None:
    if isinstance(obj, type):
        return "the entry point names a class; it must name a plugin object"
    plugin_id, problem = _read(obj, "id", None)
    if problem:
        return problem
    if plugin_id != name:
        return f"the plugin's id {plugin_id!r} differs from its entry point name {name!r}"
    api, problem = _read(obj, "api_version", None)
    if problem:
        return problem
    if api != API_VERSION:
        return f"the plugin is written for plugin API {api!r}; this annotator has API {API_VERSION}"
    for method in ("validate_task", "validate_item", "exporters", "create_editor"):
        value, problem = _read(obj, method, None)
        if problem:
            return problem
        if not callable(value):
            return f"the plugin has no {method}() method"
    for method, spec in hook_specs().items():
        value, problem = _read(obj, method, None)
        if problem:
            return problem
        if value is None:
            continue
        if not callable(value):
            return f"its {method} is not a method (the plugin API calls {_spec_text(method, spec)})"
        problem = check_hook(method, value, spec)
        if problem:
            return problem
    return None


def _info(name: str, obj) -> PluginInfo | str:
    """Read every attribute the app uses, once; a problem (a text) when one cannot be used."""
    values: dict[str, Any] = {}
    for attribute in ("name", "version", "translations_dir", "needs_media", "media_suffixes", "pack_new_options"):
        value, problem = _read(obj, attribute, getattr(TaskPlugin, attribute))
        if problem:
            return problem
        values[attribute] = value
    shown = values["name"]
    if shown is not None and not isinstance(shown, str):
        return f"the plugin's name must be a text, not {type(shown).__name__}"
    folder = values["translations_dir"]
    if folder is not None and not isinstance(folder, (str, os.PathLike)):
        return f"the plugin's translations_dir must be a folder path, not {type(folder).__name__}"
    try:
        suffixes = tuple(str(s) for s in values["media_suffixes"] or ())
        options = tuple(values["pack_new_options"] or ())
        version = str(values["version"])
        needs_media = bool(values["needs_media"])
    except Exception as exc:
        return f"reading the plugin's attributes raised {type(exc).__name__}: {exc}"
    if not all(isinstance(o, PackNewOption) for o in options):
        return "the plugin's pack_new_options must be PackNewOption objects"
    return PluginInfo(id=name, name=shown or name, version=version,
                      translations_dir=Path(folder) if folder else None,
                      needs_media=needs_media, media_suffixes=suffixes,
                      pack_new_options=options)


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
        registry.add(obj, f"{source} ({value})", name)
    for plugin in extra:
        registry.add(plugin, "given", replace=True)
    for broken in registry.broken:
        log.warning("plugin %s (%s) is broken: %s", broken.id, broken.source, broken.error)
    return registry


_installed: Registry | None = None


def installed() -> Registry:
    """The installed plugins, discovered once per process."""
    global _installed
    if _installed is None:
        _installed = discover()
    return _installed
