"""Task packs, format 1: reading and validating them as hostile data.

A pack is a folder (or the same folder as a ``.zip``) holding ``pack.toml``,
``instructions.md``, ``items.jsonl`` and the media files the items name; see
``docs/pack-format.md``. Validation reports every problem as
``FILE[:LINE]: message`` and never raises anything but :class:`PackError`
(or :class:`UserError` for a path that is not a pack at all). Nothing from a pack
is ever executed.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import tomllib
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Iterator, Mapping

from annotator.core.errors import PackError, Problem, UserError
from annotator.core.progress import Progress, counted, silent
from annotator.plugin_api import PackInfo, TaskPlugin

FORMAT = 1
MANIFEST = "pack.toml"
INSTRUCTIONS = "instructions.md"
ITEMS = "items.jsonl"

PACK_ID_RE = re.compile(r"^[a-z0-9._-]+$")
VERSION_RE = re.compile(r"^[A-Za-z0-9._+-]+$")
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")

#: junk that archivers add; ignored in folders and zips alike
IGNORED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}
IGNORED_DIRS = {"__MACOSX"}

MAX_REPORTED_PROBLEMS = 1000


@dataclass(frozen=True)
class Limits:
    """Caps that keep hostile packs from exhausting the worker's machine."""

    manifest_bytes: int = 256 * 1024
    instructions_bytes: int = 4 * 1024 * 1024
    line_bytes: int = 1024 * 1024
    items: int = 2_000_000
    zip_entries: int = 2_500_000
    zip_total_bytes: int = 32 * 1024**3
    #: refuse an entry that inflates more than this many times (and to more than 1 MiB)
    zip_ratio: float = 200.0
    zip_ratio_floor: int = 1024 * 1024


DEFAULT_LIMITS = Limits()


class _Problems:
    """Collects problems, keeping the first ``MAX_REPORTED_PROBLEMS`` and a count."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.dropped = 0

    def add(self, file: str, line: int | None, message: str) -> None:
        if len(self.items) < MAX_REPORTED_PROBLEMS:
            self.items.append(Problem(file, line, message))
        else:
            self.dropped += 1

    def __bool__(self) -> bool:
        return bool(self.items)

    def result(self) -> list[Problem]:
        out = list(self.items)
        if self.dropped:
            out.append(Problem("(pack)", None, f"... and {self.dropped} more problems"))
        return out


# --------------------------------------------------------------------------- manifest


@dataclass(frozen=True)
class PayTerms:
    """A pack's ``[pay]`` table read as numbers (the manifest, a results bundle, a report)."""

    raw: Mapping[str, Any]

    @property
    def currency(self) -> str | None:
        return self.raw.get("currency")

    @property
    def per_item(self) -> float | None:
        value = self.raw.get("per_item")
        return None if value is None else float(value)

    @property
    def estimated_seconds(self) -> float | None:
        value = self.raw.get("estimated_seconds_per_item")
        return None if value is None else float(value)

    @property
    def implied_hourly_rate(self) -> float | None:
        """Pay per hour if an item takes the lab's estimate (``None`` if unknown)."""
        if self.per_item is None or not self.estimated_seconds:
            return None
        return self.per_item * 3600.0 / self.estimated_seconds


@dataclass(frozen=True)
class Manifest:
    """The fields of ``pack.toml`` (validated)."""

    id: str
    version: str
    title: str
    kind: str
    lab: str
    contact: str = ""
    language: str = "en"
    pay: Mapping[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    task: Mapping[str, Any] = field(default_factory=dict)
    raw: Mapping[str, Any] = field(default_factory=dict)

    @property
    def terms(self) -> PayTerms:
        return PayTerms(self.pay)

    @property
    def currency(self) -> str | None:
        return self.terms.currency

    @property
    def per_item(self) -> float | None:
        return self.terms.per_item

    @property
    def estimated_seconds(self) -> float | None:
        return self.terms.estimated_seconds

    @property
    def implied_hourly_rate(self) -> float | None:
        """Pay per hour if an item takes the lab's estimate (``None`` if unknown)."""
        return self.terms.implied_hourly_rate

    @classmethod
    def from_raw(cls, raw: Mapping[str, Any]) -> "Manifest":
        pack = raw["pack"]
        return cls(
            id=pack["id"],
            version=str(pack["version"]),
            title=pack["title"],
            kind=pack["kind"],
            lab=pack["lab"],
            contact=pack.get("contact", ""),
            language=pack.get("language", "en"),
            pay=dict(raw.get("pay", {})),
            warnings=tuple(raw.get("content", {}).get("warnings", ())),
            task=dict(raw.get("task", {})),
            raw=raw,
        )


def _type_name(value: Any) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


_PACK_FIELDS = {"id", "version", "title", "kind", "lab", "contact", "language"}
_PAY_FIELDS = {"currency", "per_item", "estimated_seconds_per_item", "instructions_paid",
               "training_paid", "rejection_policy"}
_TOP_FIELDS = {"format", "pack", "pay", "content", "task"}


def check_manifest(raw: Mapping[str, Any], problems: _Problems, installed: list[str]) -> bool:
    """Check the manifest's structure; return whether ``Manifest.from_raw`` is safe."""
    f = MANIFEST

    def bad(msg: str) -> None:
        problems.add(f, None, msg)

    ok = True
    for key in raw:
        if key not in _TOP_FIELDS:
            bad(f"unknown key {key!r} (expected {', '.join(sorted(_TOP_FIELDS))})")
    fmt = raw.get("format")
    if fmt is None:
        bad("missing 'format' (this tool reads format = 1)")
        ok = False
    elif isinstance(fmt, bool) or fmt != FORMAT:
        bad(f"format {fmt!r} is not supported (this tool reads format = 1)")
        ok = False

    pack = raw.get("pack")
    if not isinstance(pack, dict):
        bad("missing [pack] table")
        return False
    for key in pack:
        if key not in _PACK_FIELDS:
            bad(f"[pack] unknown key {key!r}")
    for key in ("id", "version", "title", "kind", "lab"):
        value = pack.get(key)
        if value is None:
            bad(f"[pack] missing '{key}'")
            ok = False
        elif not isinstance(value, str) or not value.strip():
            bad(f"[pack] '{key}' must be a non-empty string, not {_type_name(value)}")
            ok = False
    for key in ("contact", "language"):
        if key in pack and not isinstance(pack[key], str):
            bad(f"[pack] '{key}' must be a string, not {_type_name(pack[key])}")
            ok = False
    if ok:
        if not PACK_ID_RE.match(pack["id"]) or len(pack["id"]) > 100:
            bad(f"[pack] id {pack['id']!r} must match [a-z0-9._-]+ (at most 100 characters)")
            ok = False
        if not VERSION_RE.match(pack["version"]) or len(pack["version"]) > 50:
            bad(f"[pack] version {pack['version']!r} must match [A-Za-z0-9._+-]+")
            ok = False
        if len(pack["title"]) > 200:
            bad("[pack] title is longer than 200 characters")
        if pack["kind"] not in installed:
            bad(f"[pack] unknown kind {pack['kind']!r}; installed plugins: {', '.join(installed) or 'none'}")
            ok = False
        if "language" in pack and not LANGUAGE_RE.match(pack["language"]):
            bad(f"[pack] language {pack['language']!r} is not a language tag such as 'en' or 'fr-CA'")

    pay = raw.get("pay", {})
    if not isinstance(pay, dict):
        bad("[pay] must be a table")
        ok = False
    else:
        for key in pay:
            if key not in _PAY_FIELDS:
                bad(f"[pay] unknown key {key!r}")
        for key in ("per_item", "estimated_seconds_per_item"):
            value = pay.get(key)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                bad(f"[pay] '{key}' must be a number, not {_type_name(value)}")
                ok = False
            elif value != value or value < 0 or value == float("inf"):
                bad(f"[pay] '{key}' must be a finite number >= 0")
                ok = False
            elif key == "estimated_seconds_per_item" and value == 0:
                bad("[pay] 'estimated_seconds_per_item' must be more than 0")
                ok = False
        currency = pay.get("currency")
        if currency is not None and (not isinstance(currency, str) or not CURRENCY_RE.match(currency)):
            bad(f"[pay] currency {currency!r} must be a three-letter ISO 4217 code such as 'EUR'")
            ok = False
        if "per_item" in pay and currency is None:
            bad("[pay] 'per_item' needs a 'currency'")
        for key in ("instructions_paid", "training_paid"):
            if key in pay and not isinstance(pay[key], bool):
                bad(f"[pay] '{key}' must be true or false, not {_type_name(pay[key])}")
                ok = False
        if "rejection_policy" in pay and not isinstance(pay["rejection_policy"], str):
            bad("[pay] 'rejection_policy' must be a string")
            ok = False

    content = raw.get("content", {})
    if not isinstance(content, dict):
        bad("[content] must be a table")
        ok = False
    else:
        for key in content:
            if key != "warnings":
                bad(f"[content] unknown key {key!r}")
        warnings = content.get("warnings", [])
        if not isinstance(warnings, list) or not all(isinstance(w, str) and w.strip() for w in warnings):
            bad("[content] 'warnings' must be a list of non-empty strings")
            ok = False

    task = raw.get("task", {})
    if not isinstance(task, dict):
        bad("[task] must be a table")
        ok = False
    return ok


def parse_manifest(data: bytes, problems: _Problems, installed: list[str],
                   limits: Limits = DEFAULT_LIMITS) -> Manifest | None:
    if len(data) > limits.manifest_bytes:
        problems.add(MANIFEST, None, f"is {len(data)} bytes; the limit is {limits.manifest_bytes}")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.add(MANIFEST, _line_of(data, exc.start), "is not valid UTF-8")
        return None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+)", str(exc))
        line = int(match.group(1)) if match else None
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        problems.add(MANIFEST, line, f"is not valid TOML: {message}")
        return None
    except RecursionError:
        problems.add(MANIFEST, None, "is nested too deeply")
        return None
    if not check_manifest(raw, problems, installed):
        return None
    return Manifest.from_raw(raw)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


# --------------------------------------------------------------------------- files


def _is_ignored(parts: tuple[str, ...]) -> bool:
    return bool(parts) and (parts[-1] in IGNORED_NAMES or any(p in IGNORED_DIRS for p in parts))


def walk_pack(root: Path, problems: _Problems) -> dict[str, str]:
    """Every regular file of a pack folder: pack-relative POSIX path -> file system path.

    Links that stay inside the pack are followed to their file; links that leave
    it, links to folders and special files (FIFOs, devices, sockets) are problems.
    """
    root = Path(root)
    root_resolved = root.resolve()
    files: dict[str, str] = {}
    stack: list[tuple[str, tuple[str, ...]]] = [(str(root), ())]
    while stack:
        folder, parts = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            problems.add("/".join(parts) or ".", None, f"cannot be read: {exc.strerror}")
            continue
        for entry in entries:
            rel_parts = parts + (entry.name,)
            rel = "/".join(rel_parts)
            if _is_ignored(rel_parts):
                continue
            try:
                if entry.is_symlink():
                    target = Path(entry.path).resolve()
                    if not target.is_relative_to(root_resolved):
                        problems.add(rel, None, "is a link that leaves the pack")
                    elif target.is_dir():
                        problems.add(rel, None, "is a link to a folder; links to folders are not allowed")
                    elif target.is_file():
                        files[rel] = str(target)
                    else:
                        problems.add(rel, None, "is a broken link")
                    continue
                mode = entry.stat(follow_symlinks=False).st_mode
            except (OSError, RuntimeError) as exc:
                problems.add(rel, None, f"cannot be read: {exc}")
                continue
            if stat.S_ISDIR(mode):
                stack.append((entry.path, rel_parts))
            elif stat.S_ISREG(mode):
                files[rel] = entry.path
            else:
                problems.add(rel, None, "is not a regular file (FIFO, device or socket)")
    return files


def _read_capped(path: Path, cap: int) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(cap + 1)


def safe_extract(archive: Path, dest: Path, limits: Limits = DEFAULT_LIMITS) -> Path:
    """Extract a pack ``.zip`` into the empty folder ``dest``, refusing anything hostile.

    Refuses absolute paths, ``..``, drive letters, links, special files, more than
    ``limits.zip_entries`` entries, more than ``limits.zip_total_bytes`` in all, and
    entries that inflate more than ``limits.zip_ratio`` times. Sizes are counted on
    the bytes actually inflated, not on the sizes the archive declares. Returns the
    pack's root: ``dest`` or the zip's single top-level folder.
    """
    name = Path(archive).name
    problems = _Problems()
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise PackError([Problem(name, None, f"is not a readable zip archive: {exc}")]) from None
    with zf:
        try:
            infos = zf.infolist()
        except Exception as exc:  # corrupt central directory
            raise PackError([Problem(name, None, f"has a corrupt directory: {exc}")]) from None
        if len(infos) > limits.zip_entries:
            raise PackError([Problem(name, None, f"has {len(infos)} entries; the limit is {limits.zip_entries}")])
        declared_total = 0
        plan: list[tuple[zipfile.ZipInfo, PurePosixPath]] = []
        seen: set[str] = set()
        for info in infos:
            entry = info.filename
            where = f"{name}: entry {entry!r}"
            if "\x00" in entry or "\\" in entry:
                problems.add(where, None, "has a backslash or NUL character in its name")
                continue
            pure = PurePosixPath(entry)
            if entry.startswith("/") or pure.is_absolute() or (pure.parts and re.match(r"^[A-Za-z]:", pure.parts[0])):
                problems.add(where, None, "has an absolute path")
                continue
            if ".." in pure.parts:
                problems.add(where, None, "has '..' in its path")
                continue
            mode = (info.external_attr >> 16) & 0xFFFF
            if stat.S_ISLNK(mode):
                problems.add(where, None, "is a link; links are not allowed in pack archives")
                continue
            file_type = stat.S_IFMT(mode)  # many archivers store permission bits only: a file
            if file_type and file_type not in (stat.S_IFREG, stat.S_IFDIR):
                problems.add(where, None, "is a special file")
                continue
            if _is_ignored(pure.parts) or info.is_dir():
                continue
            key = str(pure)
            if key in seen:
                problems.add(where, None, "appears twice in the archive")
                continue
            seen.add(key)
            if info.flag_bits & 0x1:
                problems.add(where, None, "is encrypted")
                continue
            declared_total += info.file_size
            if info.file_size > limits.zip_ratio_floor and info.file_size > limits.zip_ratio * max(info.compress_size, 1):
                problems.add(where, None, f"inflates {info.file_size / max(info.compress_size, 1):.0f} times "
                                          f"(limit {limits.zip_ratio:.0f}): refused as a zip bomb")
                continue
            plan.append((info, pure))
        if declared_total > limits.zip_total_bytes:
            problems.add(name, None, f"would unpack to {declared_total} bytes; the limit is {limits.zip_total_bytes}")
        if problems:
            raise PackError(problems.result())

        dest = Path(dest)
        dest.mkdir(parents=True, exist_ok=True)
        dest_resolved = dest.resolve()
        total = 0
        for info, pure in plan:
            target = dest_resolved.joinpath(*pure.parts)
            if not target.resolve().is_relative_to(dest_resolved):
                raise PackError([Problem(f"{name}: entry {info.filename!r}", None, "leaves the pack")])
            cap = info.file_size
            written = 0
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, open(target, "xb") as out:
                    while True:
                        chunk = src.read(1024 * 1024)
                        if not chunk:
                            break
                        written += len(chunk)
                        total += len(chunk)
                        if written > cap:
                            raise PackError([Problem(f"{name}: entry {info.filename!r}", None,
                                                     "inflates to more than its declared size")])
                        if total > limits.zip_total_bytes:
                            raise PackError([Problem(name, None, f"unpacks to more than {limits.zip_total_bytes} bytes")])
                        out.write(chunk)
            except PackError:
                raise
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
                raise PackError([Problem(f"{name}: entry {info.filename!r}", None, f"cannot be extracted: {exc}")]) from None
            except Exception as exc:  # zlib.error and other codec failures
                raise PackError([Problem(f"{name}: entry {info.filename!r}", None, f"cannot be extracted: {exc}")]) from None
    return pack_root_of(dest)


def pack_root_of(folder: Path) -> Path:
    """``folder`` itself, or its only sub-folder when the pack was zipped with its folder."""
    if (folder / MANIFEST).exists():
        return folder
    entries = [e for e in folder.iterdir() if e.name not in IGNORED_NAMES and e.name not in IGNORED_DIRS]
    if len(entries) == 1 and entries[0].is_dir() and not entries[0].is_symlink() and (entries[0] / MANIFEST).exists():
        return entries[0]
    return folder


def is_zip(path: Path) -> bool:
    return Path(path).is_file() and (Path(path).suffix.lower() == ".zip" or zipfile.is_zipfile(path))


@contextmanager
def opened_pack(path: Path, limits: Limits = DEFAULT_LIMITS, workdir: Path | None = None) -> Iterator[Path]:
    """Yield a folder holding the pack at ``path`` (a folder, or a zip extracted safely)."""
    path = Path(path)
    if not path.exists():
        raise UserError(f"{path}: no such file or folder")
    if path.is_dir():
        yield pack_root_of(path)
        return
    if not is_zip(path):
        raise UserError(f"{path}: not a pack (expected a folder or a .zip)")
    tmp = Path(tempfile.mkdtemp(prefix="annotator-pack-", dir=workdir))
    try:
        yield safe_extract(path, tmp / "pack", limits)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------- validation


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

    @property
    def ok(self) -> bool:
        return not self.problems and self.manifest is not None

    def raise_for_problems(self) -> None:
        if not self.ok:
            raise PackError(self.problems or [Problem(MANIFEST, None, "missing")])


_MD_IMAGE_RE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_IMG_RE = re.compile(r"<img\b[^>]*\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_REMOTE_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


_FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN_RE = re.compile(r"(`+)(?:(?!\1).)+?\1")


def instruction_images(text: str) -> list[tuple[int, str]]:
    """The images an instructions text shows, as ``(line, target)`` (code is not shown as images)."""
    out = []
    fence: str | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        opening = _FENCE_RE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        line = _CODE_SPAN_RE.sub("", line)
        for match in _MD_IMAGE_RE.finditer(line):
            out.append((lineno, match.group(1)))
        for match in _HTML_IMG_RE.finditer(line):
            out.append((lineno, match.group(1)))
    return out


def _check_instructions(files: dict[str, Path], problems: _Problems, limits: Limits) -> None:
    path = files.get(INSTRUCTIONS)
    if path is None:
        problems.add(INSTRUCTIONS, None, "missing: a pack must tell the worker what to do")
        return
    try:
        data = _read_capped(path, limits.instructions_bytes)
    except OSError as exc:
        problems.add(INSTRUCTIONS, None, f"cannot be read: {exc.strerror}")
        return
    if len(data) > limits.instructions_bytes:
        problems.add(INSTRUCTIONS, None, f"is larger than {limits.instructions_bytes} bytes")
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.add(INSTRUCTIONS, _line_of(data, exc.start), "is not valid UTF-8")
        return
    if not text.strip():
        problems.add(INSTRUCTIONS, None, "is empty")
    for lineno, target in instruction_images(text):
        if _REMOTE_RE.match(target) and not target.lower().startswith("file:"):
            problems.add(INSTRUCTIONS, lineno, f"image {target!r} is not inside the pack; "
                                               "packs cannot load anything from the network")
            continue
        rel = target.split("#", 1)[0].split("?", 1)[0]
        if rel.lower().startswith("file:") or rel.startswith("/") or ".." in PurePosixPath(rel).parts:
            problems.add(INSTRUCTIONS, lineno, f"image {target!r} leaves the pack")
        elif str(PurePosixPath(rel)) not in files:
            problems.add(INSTRUCTIONS, lineno, f"image {target!r} is not in the pack")


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
                yield lineno, None, f"line is longer than {limits.line_bytes} bytes"
                continue
            if raw.strip():
                yield lineno, raw, None


def parse_item(raw: bytes) -> tuple[dict | None, str | None]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, "is not valid UTF-8"
    try:
        item = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, f"is not valid JSON: {exc.msg} (column {exc.colno})"
    except RecursionError:
        return None, "is nested too deeply"
    if not isinstance(item, dict):
        return None, f"must be a JSON object, not {_type_name(item)}"
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
                 check_media: bool = True, progress: Progress = silent) -> Validation:
    """Validate the pack folder ``root``; every problem is reported, nothing raises."""
    problems = _Problems()
    root = Path(root)
    files = walk_pack(root, problems)
    manifest: Manifest | None = None
    plugin: TaskPlugin | None = None

    manifest_path = files.get(MANIFEST)
    if manifest_path is None:
        problems.add(MANIFEST, None, "missing: this folder is not a task pack")
    else:
        try:
            data = _read_capped(manifest_path, limits.manifest_bytes)
        except OSError as exc:
            problems.add(MANIFEST, None, f"cannot be read: {exc.strerror}")
        else:
            manifest = parse_manifest(data, problems, registry.ids(), limits)
    if manifest is not None:
        plugin = registry.plugins.get(manifest.kind)
        if plugin is not None:
            for message in _plugin_call(plugin, "validate_task", manifest.task):
                problems.add(MANIFEST, None, f"[task] {message}")

    _check_instructions(files, problems, limits)

    validation = Validation(root, manifest, [], files=files)
    items_path = files.get(ITEMS)
    if items_path is None:
        problems.add(ITEMS, None, "missing: a pack must list its items")
    else:
        _check_items(items_path, files, root, plugin, manifest, problems, limits, validation, check_media, progress)
    validation.problems = problems.result()
    return validation


def _plugin_call(plugin: TaskPlugin, method: str, *args) -> list[str]:
    """Call a plugin's validation method; an exception becomes a problem, not a crash."""
    try:
        result = getattr(plugin, method)(*args)
        return [str(m) for m in result] if result else []
    except Exception as exc:
        return [f"the {plugin.id} plugin failed to check this ({type(exc).__name__}: {exc})"]


def _check_items(items_path: Path, files: dict[str, Path], root: Path, plugin: TaskPlugin | None,
                 manifest: Manifest | None, problems: _Problems, limits: Limits,
                 validation: Validation, check_media: bool, progress: Progress = silent) -> None:
    seen: dict[str, int] = {}
    media_checked: dict[str, str | None] = {}
    hashes = validation.hashes
    task = manifest.task if manifest else {}
    needs_media = bool(plugin and plugin.needs_media)
    count = 0
    try:
        lines = counted(iter_item_lines(items_path, limits), progress, "checking items")
        for lineno, raw, problem in lines:
            if problem:
                problems.add(ITEMS, lineno, problem)
                continue
            count += 1
            if count > limits.items:
                problems.add(ITEMS, lineno, f"more than {limits.items} items")
                break
            item, problem = parse_item(raw)
            if problem:
                problems.add(ITEMS, lineno, problem)
                continue
            key = item_key(item.get("id"))
            if "id" not in item:
                problems.add(ITEMS, lineno, "missing 'id'")
            elif key is None:
                problems.add(ITEMS, lineno, "'id' must be a non-empty string or an integer (at most 200 characters)")
            elif key in seen:
                problems.add(ITEMS, lineno, f"duplicate item id {key!r} (first on line {seen[key]})")
            else:
                seen[key] = lineno
            if "training" in item and not isinstance(item["training"], bool):
                problems.add(ITEMS, lineno, "'training' must be true or false")
            elif item.get("training"):
                validation.training_count += 1
            media = item.get("media")
            if media is None:
                if needs_media:
                    problems.add(ITEMS, lineno, f"missing 'media': {manifest.kind} items need a media file")
            elif not isinstance(media, str) or not media:
                problems.add(ITEMS, lineno, "'media' must be a pack-relative path")
            else:
                message = _check_media_path(media, files, plugin, media_checked, check_media, hashes)
                if message:
                    problems.add(ITEMS, lineno, message)
            if plugin is not None:
                for message in _plugin_call(plugin, "validate_item", item, task):
                    problems.add(ITEMS, lineno, message)
    except OSError as exc:
        problems.add(ITEMS, None, f"cannot be read: {exc.strerror}")
    if count == 0 and not problems.items:
        problems.add(ITEMS, None, "has no items")
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
        message = f"media {media!r} has a backslash or NUL character"
    elif isinstance(pure, PurePosixPath) and (pure.is_absolute() or (
            pure.parts and re.match(r"^[A-Za-z]:", pure.parts[0]))):
        message = f"media {media!r} is an absolute path; it must be relative to the pack"
    elif isinstance(pure, PurePosixPath) and ".." in pure.parts:
        message = f"media {media!r} leaves the pack"
    elif str(pure) not in files:
        message = f"media {media!r} is missing from the pack"
    elif check_media:
        rel = str(pure)
        path = files[rel]
        try:
            with open(path, "rb") as fh:
                data = fh.read(_WHOLE_FILE + 1)
        except OSError as exc:
            message = f"media {media!r} cannot be read: {exc.strerror}"
        else:
            if len(data) <= _WHOLE_FILE:
                hashes[rel] = hashlib.sha256(data).hexdigest()
            head = data[:64]
            if plugin is not None:
                try:
                    found = plugin.validate_media(Path(path), head)
                except Exception as exc:
                    found = f"the {plugin.id} plugin failed to check it ({type(exc).__name__}: {exc})"
                if found:
                    message = f"media {media!r}: {found}"
    checked[media] = message
    return message


def validate_path(path: Path, registry, limits: Limits = DEFAULT_LIMITS, progress: Progress = silent) -> Validation:
    """Validate a pack folder or ``.zip``; raises only :class:`UserError`/:class:`PackError`."""
    with opened_pack(path, limits) as root:
        validation = validate_dir(root, registry, limits, progress=progress)
        if validation.ok:
            validation.content_hash = content_hash(validation.files, validation.hashes)
            validation.instructions_hash = instructions_hash(validation.files)
        return validation


# --------------------------------------------------------------------------- identity


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def content_hash(files: Mapping[str, str | Path], known: Mapping[str, str] | None = None) -> str:
    """The pack's content hash: SHA-256 over ``path NUL sha256(file) LF`` for every file, sorted by path.

    ``known`` gives file hashes already computed (by validation), so no file is read twice.
    """
    known = known or {}
    digest = hashlib.sha256()
    for rel in sorted(files):
        file_hash = known.get(rel) or file_sha256(files[rel])
        digest.update(rel.encode("utf-8") + b"\0" + file_hash.encode("ascii") + b"\n")
    return "sha256:" + digest.hexdigest()


def instructions_hash(files: Mapping[str, str | Path]) -> str:
    """SHA-256 of ``instructions.md`` and the images it shows (what the worker read)."""
    with open(files[INSTRUCTIONS], "rb") as fh:
        data = fh.read()
    text = data.decode("utf-8")
    digest = hashlib.sha256(data)
    for _, target in sorted(set(instruction_images(text)), key=lambda t: t[1]):
        rel = str(PurePosixPath(target.split("#", 1)[0].split("?", 1)[0]))
        if rel in files:
            digest.update(b"\0" + rel.encode("utf-8") + b"\0" + file_sha256(files[rel]).encode("ascii"))
    return "sha256:" + digest.hexdigest()


def iter_items(root: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[dict]:
    """The items of an already validated pack folder, in file order."""
    for _, raw, problem in iter_item_lines(Path(root) / ITEMS, limits):
        if problem is None:
            item, _ = parse_item(raw)
            if item is not None:
                yield item


def pack_info(manifest: Manifest, root: Path, content_hash_: str, instructions_hash_: str) -> PackInfo:
    return PackInfo(
        id=manifest.id,
        version=manifest.version,
        title=manifest.title,
        kind=manifest.kind,
        language=manifest.language,
        content_hash=content_hash_,
        instructions_hash=instructions_hash_,
        task=manifest.task,
        root=Path(root),
    )


__all__ = [
    "FORMAT", "MANIFEST", "INSTRUCTIONS", "ITEMS", "Limits", "DEFAULT_LIMITS", "Manifest",
    "Validation", "validate_dir", "validate_path", "safe_extract", "opened_pack", "walk_pack",
    "content_hash", "instructions_hash", "iter_items", "pack_info", "item_key",
]
