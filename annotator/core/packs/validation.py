"""Validating a pack: the manifest, the instructions, every item and the media they name."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Iterator

from annotator.core.errors import PackError, Problem, msg
from annotator.core.packs.archive import opened_pack, walk_pack
from annotator.core.packs.hashing import content_hash, instructions_hash
from annotator.core.packs.instructions import check_instructions
from annotator.core.packs.layout import DEFAULT_LIMITS, ITEMS, MANIFEST, Limits, Progress, nesting_depth, read_capped
from annotator.core.packs.manifest import Manifest, parse_manifest, placeholder_warnings, task_line
from annotator.core.packs.problems import Problems, type_name
from annotator.plugin_api import TaskPlugin


@dataclass
class Validation:
    """What validating a pack folder found."""

    root: Path
    manifest: Manifest | None
    problems: list[Problem]
    item_count: int = 0
    training_count: int = 0
    files: dict[str, str] = field(default_factory=dict)
    content_hash: str | None = None
    instructions_hash: str | None = None
    #: SHA-256 of files already read whole while validating (saves reading them twice)
    hashes: dict[str, str] = field(default_factory=dict)
    #: things to fix before handing the pack out that do not stop it from working
    #: (placeholders that ``pack new`` wrote), as ``FILE[:LINE]: message``
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and self.manifest is not None

    def raise_for_problems(self) -> None:
        if not self.ok:
            raise PackError(self.problems or [Problem(MANIFEST, None, msg("missing"))])

def iter_item_lines(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[tuple[int, bytes | None, str | None]]:
    """Yield ``(line number, raw line, problem)`` for each non-blank line of ``items.jsonl``.

    Over-long lines are reported (and skipped to their end) without reading them whole.
    """
    with open(path, "rb") as fh:
        lineno = 0
        while True:
            raw = fh.readline(limits.line_bytes + 1)
            if not raw:
                break
            lineno += 1
            if len(raw) > limits.line_bytes and not raw.endswith(b"\n"):
                while True:  # skip the rest of the over-long line
                    rest = fh.readline(1024 * 1024)
                    if not rest or rest.endswith(b"\n"):
                        break
                yield lineno, None, msg("line is longer than {limit} bytes", limit=limits.line_bytes)
                continue
            if raw.strip():
                yield lineno, raw, None


def parse_item(raw: bytes, limits: Limits = DEFAULT_LIMITS) -> tuple[dict | None, str | None]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, msg("is not valid UTF-8")
    try:
        item = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, msg("is not valid JSON: {detail} (column {column})", detail=exc.msg, column=exc.colno)
    except RecursionError:
        return None, msg("is nested too deeply")
    if not isinstance(item, dict):
        return None, msg("must be a JSON object, not {type}", type=type_name(item))
    if nesting_depth(item, limits.item_depth) > limits.item_depth:
        return None, msg("nests objects and lists more than {depth} levels deep; the limit is {depth}",
                         depth=limits.item_depth)
    return item, None


def item_key(item_id: Any) -> str | None:
    """The item id as stored (a string), or ``None`` if it is not a valid id."""
    if isinstance(item_id, bool) or not isinstance(item_id, (str, int)):
        return None
    key = str(item_id)
    if not key.strip() or len(key) > 200 or "\x00" in key:
        return None
    return key


def validate_dir(root: Path, registry, limits: Limits = DEFAULT_LIMITS, *,
                 check_media: bool = True, progress: Progress | None = None) -> Validation:
    """Validate the pack folder ``root``; every problem is reported, nothing raises."""
    problems = Problems()
    root = Path(root)
    files = walk_pack(root, problems, limits)
    if len(files) > limits.zip_entries:  # said by the walk; nothing more is read
        return Validation(root, None, problems.result(), files={})
    manifest: Manifest | None = None
    plugin: TaskPlugin | None = None

    manifest_path = files.get(MANIFEST)
    if manifest_path is None:
        problems.add(MANIFEST, None, msg("missing: this folder is not a task pack"))
    else:
        try:
            data = read_capped(manifest_path, limits.manifest_bytes)
        except OSError as exc:
            problems.add(MANIFEST, None, msg("cannot be read: {reason}", reason=exc.strerror))
        else:
            manifest = parse_manifest(data, problems, registry.ids(), limits)
    warnings: list[Problem] = []
    if manifest is not None:
        text = data.decode("utf-8")
        warnings += [Problem(MANIFEST, line, msg("warning: {message}", message=message))
                     for line, message in placeholder_warnings(manifest.raw, text)]
        plugin = registry.plugins.get(manifest.kind)
        if plugin is not None:
            line = task_line(text)
            for message in _plugin_call(plugin, "validate_task", manifest.task):
                problems.add(MANIFEST, line, msg("[task] {problem}", problem=message))

    warnings += check_instructions(files, problems, limits)

    validation = Validation(root, manifest, [], files=files, warnings=warnings)
    items_path = files.get(ITEMS)
    if items_path is None:
        problems.add(ITEMS, None, msg("missing: a pack must list its items"))
    else:
        _check_items(items_path, files, root, plugin, manifest, problems, limits, validation, check_media,
                     progress)
    validation.problems = problems.result()
    return validation


def _plugin_call(plugin: TaskPlugin, method: str, *args) -> list[str]:
    """Call a plugin's validation method; an exception becomes a problem, not a crash."""
    try:
        result = getattr(plugin, method)(*args)
        return [m if isinstance(m, str) else str(m) for m in result] if result else []  # a msg() stays one
    except Exception as exc:
        return [msg("the {plugin} plugin failed to check this ({error})", plugin=plugin.id,
                    error=f"{type(exc).__name__}: {exc}")]


def _check_items(items_path: Path, files: dict[str, Path], root: Path, plugin: TaskPlugin | None,
                 manifest: Manifest | None, problems: Problems, limits: Limits,
                 validation: Validation, check_media: bool, progress: Progress | None = None) -> None:
    seen: dict[str, int] = {}
    media_checked: dict[str, str | None] = {}
    hashes = validation.hashes
    task = manifest.task if manifest else {}
    needs_media = bool(plugin and plugin.needs_media)
    count = 0
    try:
        lines = iter_item_lines(items_path, limits)
        for lineno, raw, problem in lines:
            if problem:
                problems.add(ITEMS, lineno, problem)
                continue
            count += 1
            if progress is not None and count % 1000 == 0:
                progress("check", count, None)
            if count > limits.items:
                problems.add(ITEMS, lineno, msg("more than {limit} items", limit=limits.items))
                break
            item, problem = parse_item(raw, limits)
            if problem:
                problems.add(ITEMS, lineno, problem)
                continue
            key = item_key(item.get("id"))
            if "id" not in item:
                problems.add(ITEMS, lineno, msg("missing 'id'"))
            elif key is None:
                problems.add(ITEMS, lineno, msg("'id' must be a non-empty string or an integer (at most 200 characters)"))
            elif key in seen:
                problems.add(ITEMS, lineno, msg("duplicate item id {id!r} (first on line {line})", id=key, line=seen[key]))
            else:
                seen[key] = lineno
            if "training" in item and not isinstance(item["training"], bool):
                problems.add(ITEMS, lineno, msg("'training' must be true or false"))
            elif item.get("training"):
                validation.training_count += 1
            media = item.get("media")
            if media is None:
                if needs_media:
                    problems.add(ITEMS, lineno, msg("missing 'media': {kind} items need a media file", kind=manifest.kind))
            elif not isinstance(media, str) or not media:
                problems.add(ITEMS, lineno, msg("'media' must be a pack-relative path"))
            else:
                message = _check_media_path(media, files, plugin, media_checked, check_media, hashes)
                if message:
                    problems.add(ITEMS, lineno, message)
            if plugin is not None:
                for message in _plugin_call(plugin, "validate_item", item, task):
                    problems.add(ITEMS, lineno, message)
    except OSError as exc:
        problems.add(ITEMS, None, msg("cannot be read: {reason}", reason=exc.strerror))
    if count == 0 and not problems.found:
        problems.add(ITEMS, None, msg("has no items"))
    validation.item_count = count


_WHOLE_FILE = 1024 * 1024  # media up to this size are read (and hashed) whole in one go


def _check_media_path(media: str, files: dict[str, str], plugin: TaskPlugin | None,
                      checked: dict[str, str | None], check_media: bool, hashes: dict[str, str]) -> str | None:
    if media in checked:
        return checked[media]
    message: str | None = None
    if media in files and media[0] != "/" and "\\" not in media and "\x00" not in media \
            and "/./" not in f"/{media}/" and "/../" not in f"/{media}/":
        pure = media  # already a canonical pack-relative path: the common case, kept cheap
    else:
        pure = PurePosixPath(media)
    if "\\" in media or "\x00" in media:
        message = msg("media {media!r} has a backslash or NUL character", media=media)
    elif isinstance(pure, PurePosixPath) and (pure.is_absolute() or (
            pure.parts and re.match(r"^[A-Za-z]:", pure.parts[0]))):
        message = msg("media {media!r} is an absolute path; it must be relative to the pack", media=media)
    elif isinstance(pure, PurePosixPath) and ".." in pure.parts:
        message = msg("media {media!r} leaves the pack", media=media)
    elif str(pure) not in files:
        message = msg("media {media!r} is missing from the pack", media=media)
    elif check_media:
        rel = str(pure)
        path = files[rel]
        try:
            with open(path, "rb") as fh:
                data = fh.read(_WHOLE_FILE + 1)
        except OSError as exc:
            message = msg("media {media!r} cannot be read: {reason}", media=media, reason=exc.strerror)
        else:
            if len(data) <= _WHOLE_FILE:
                hashes[rel] = hashlib.sha256(data).hexdigest()
            head = data[:64]
            if plugin is not None:
                try:
                    found = plugin.validate_media(Path(path), head)
                except Exception as exc:
                    found = msg("the {plugin} plugin failed to check it ({error})", plugin=plugin.id,
                              error=f"{type(exc).__name__}: {exc}")
                if found:
                    message = msg("media {media!r}: {problem}", media=media, problem=found)
    checked[media] = message
    return message


def validate_path(path: Path, registry, limits: Limits = DEFAULT_LIMITS,
                  progress: Progress | None = None) -> Validation:
    """Validate a pack folder or ``.zip``; raises only :class:`UserError`/:class:`PackError`."""
    with opened_pack(path, limits) as root:
        validation = validate_dir(root, registry, limits, progress=progress)
        if validation.ok:
            validation.content_hash = content_hash(validation.files, validation.hashes)
            validation.instructions_hash = instructions_hash(validation.files)
        return validation


def iter_items(root: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[dict]:
    """The items of an already validated pack folder, in file order."""
    for _, raw, problem in iter_item_lines(Path(root) / ITEMS, limits):
        if problem is None:
            item, _ = parse_item(raw)
            if item is not None:
                yield item

