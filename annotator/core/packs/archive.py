"""Archive safety: a pack folder walked, or a pack ``.zip`` extracted, refusing anything hostile."""
from __future__ import annotations

import os
import re
import shutil
import stat
import struct
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Iterator

from annotator.core.errors import PackError, Problem, UserError, msg
from annotator.core.packs.layout import (DEFAULT_LIMITS, IGNORED_DIRS, IGNORED_NAMES, MANIFEST, Limits, Progress,
                                         is_ignored)
from annotator.core.packs.problems import Problems


def walk_pack(root: Path, problems: Problems, limits: Limits = DEFAULT_LIMITS) -> dict[str, str]:
    """Every regular file of a pack folder: pack-relative POSIX path -> file system path.

    Links that stay inside the pack are followed to their file; links that leave
    it, links to folders and special files (FIFOs, devices, sockets) are problems.
    More than ``limits.zip_entries`` files is a problem too (the walk stops there).
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
            problems.add("/".join(parts) or ".", None, msg("cannot be read: {reason}", reason=exc.strerror))
            continue
        for entry in entries:
            rel_parts = parts + (entry.name,)
            rel = "/".join(rel_parts)
            if is_ignored(rel_parts):
                continue
            try:
                if entry.is_symlink():
                    target = Path(entry.path).resolve()
                    if not target.is_relative_to(root_resolved):
                        problems.add(rel, None, msg("is a link that leaves the pack"))
                    elif target.is_dir():
                        problems.add(rel, None, msg("is a link to a folder; links to folders are not allowed"))
                    elif target.is_file():
                        files[rel] = str(target)
                    else:
                        problems.add(rel, None, msg("is a broken link"))
                    continue
                mode = entry.stat(follow_symlinks=False).st_mode
            except (OSError, RuntimeError) as exc:
                problems.add(rel, None, msg("cannot be read: {reason}", reason=exc))
                continue
            if stat.S_ISDIR(mode):
                stack.append((entry.path, rel_parts))
            elif stat.S_ISREG(mode):
                files[rel] = entry.path
                if len(files) > limits.zip_entries:
                    problems.add(".", None, msg("has more than {limit} files; the limit is {limit} (docs/security.md)",
                                                limit=limits.zip_entries))
                    return files
            else:
                problems.add(rel, None, msg("is not a regular file (FIFO, device or socket)"))
    return files


def _declared_size(archive: Path) -> tuple[int, int] | None:
    """``(entries, bytes of the central directory)`` as the end-of-central-directory record declares
    them (ZIP64 too), read from the archive's tail without reading its directory; ``None`` if absent."""
    with open(archive, "rb") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        tail_len = min(size, 22 + 0xFFFF)
        fh.seek(size - tail_len)
        tail = fh.read(tail_len)
        pos = tail.rfind(b"PK\x05\x06")
        if pos < 0 or len(tail) - pos < 22:
            return None
        entries, directory = struct.unpack("<HL", tail[pos + 10:pos + 16])
        if entries == 0xFFFF or directory == 0xFFFFFFFF:
            locator = tail[pos - 20:pos] if pos >= 20 else b""
            if locator[:4] == b"PK\x06\x07":
                fh.seek(struct.unpack("<Q", locator[8:16])[0])
                record = fh.read(56)
                if record[:4] == b"PK\x06\x06" and len(record) == 56:
                    entries, directory = struct.unpack("<QQ", record[32:48])
        return entries, directory


def safe_extract(archive: Path, dest: Path, limits: Limits = DEFAULT_LIMITS, progress: Progress | None = None) -> Path:
    """Extract a pack ``.zip`` into the empty folder ``dest``, refusing anything hostile.

    Refuses absolute paths, ``..``, drive letters, links, special files, more than
    ``limits.zip_entries`` entries, more than ``limits.zip_total_bytes`` in all, and
    entries that inflate more than ``limits.zip_ratio`` times. Sizes are counted on
    the bytes actually inflated, not on the sizes the archive declares. Returns the
    pack's root: ``dest`` or the zip's single top-level folder.
    """
    name = Path(archive).name
    problems = Problems()
    try:  # refuse too many entries before the directory is read: reading a million entries takes a minute
        declared = _declared_size(archive)
    except OSError as exc:
        raise PackError([Problem(name, None, msg("cannot be read: {reason}", reason=exc.strerror))]) from None
    if declared is not None and declared[0] > limits.zip_entries:
        raise PackError([Problem(name, None, msg("has {count} entries; the limit is {limit} (docs/security.md)",
                                                 count=declared[0], limit=limits.zip_entries))])
    if declared is not None and declared[1] > limits.zip_directory_bytes:
        raise PackError([Problem(name, None, msg("has a directory of {size} bytes; the limit is {limit} (docs/security.md)",
                                                 size=declared[1], limit=limits.zip_directory_bytes))])
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise PackError([Problem(name, None, msg("is not a readable zip archive: {reason}", reason=exc))]) from None
    with zf:
        try:
            infos = zf.infolist()
        except Exception as exc:  # corrupt central directory
            raise PackError([Problem(name, None, msg("has a corrupt directory: {reason}", reason=exc))]) from None
        if len(infos) > limits.zip_entries:
            raise PackError([Problem(name, None, msg("has {count} entries; the limit is {limit} (docs/security.md)",
                                                     count=len(infos), limit=limits.zip_entries))])
        declared_total = 0
        plan: list[tuple[zipfile.ZipInfo, PurePosixPath]] = []
        seen: set[str] = set()
        for info in infos:
            entry = info.filename
            where = f"{name}: entry {entry!r}"
            if "\x00" in entry or "\\" in entry:
                problems.add(where, None, msg("has a backslash or NUL character in its name"))
                continue
            pure = PurePosixPath(entry)
            if entry.startswith("/") or pure.is_absolute() or (pure.parts and re.match(r"^[A-Za-z]:", pure.parts[0])):
                problems.add(where, None, msg("has an absolute path"))
                continue
            if ".." in pure.parts:
                problems.add(where, None, msg("has '..' in its path"))
                continue
            mode = (info.external_attr >> 16) & 0xFFFF
            if stat.S_ISLNK(mode):
                problems.add(where, None, msg("is a link; links are not allowed in pack archives"))
                continue
            file_type = stat.S_IFMT(mode)  # many archivers store permission bits only: a file
            if file_type and file_type not in (stat.S_IFREG, stat.S_IFDIR):
                problems.add(where, None, msg("is a special file"))
                continue
            if is_ignored(pure.parts) or info.is_dir():
                continue
            key = str(pure)
            if key in seen:
                problems.add(where, None, msg("appears twice in the archive"))
                continue
            seen.add(key)
            if info.flag_bits & 0x1:
                problems.add(where, None, msg("is encrypted"))
                continue
            declared_total += info.file_size
            if info.file_size > limits.zip_ratio_floor and info.file_size > limits.zip_ratio * max(info.compress_size, 1):
                problems.add(where, None, msg("inflates {ratio:.0f} times (limit {limit:.0f}): refused as a zip bomb",
                                              ratio=info.file_size / max(info.compress_size, 1), limit=limits.zip_ratio))
                continue
            plan.append((info, pure))
        if declared_total > limits.zip_total_bytes:
            problems.add(name, None, msg("would unpack to {size} bytes; the limit is {limit}", size=declared_total, limit=limits.zip_total_bytes))
        if problems:
            raise PackError(problems.result())

        dest = Path(dest)
        dest.mkdir(parents=True, exist_ok=True)
        dest_resolved = dest.resolve()
        total = 0
        for done, (info, pure) in enumerate(plan):
            if progress is not None and done % 200 == 0:
                progress("extract", done, len(plan))
            target = dest_resolved.joinpath(*pure.parts)
            if not target.resolve().is_relative_to(dest_resolved):
                raise PackError([Problem(f"{name}: entry {info.filename!r}", None, msg("leaves the pack"))])
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
                                                     msg("inflates to more than its declared size"))])
                        if total > limits.zip_total_bytes:
                            raise PackError([Problem(name, None, msg("unpacks to more than {limit} bytes", limit=limits.zip_total_bytes))])
                        out.write(chunk)
            except PackError:
                raise
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
                raise PackError([Problem(f"{name}: entry {info.filename!r}", None, msg("cannot be extracted: {reason}", reason=exc))]) from None
            except Exception as exc:  # zlib.error and other codec failures
                raise PackError([Problem(f"{name}: entry {info.filename!r}", None, msg("cannot be extracted: {reason}", reason=exc))]) from None
    return pack_root_of(dest)


def pack_root_of(folder: Path) -> Path:
    """``folder`` itself, or its only sub-folder when the pack was zipped with its folder."""
    if (folder / MANIFEST).exists():
        return folder
    entries = [e for e in folder.iterdir() if e.name not in IGNORED_NAMES and e.name not in IGNORED_DIRS]
    if len(entries) == 1 and entries[0].is_dir() and not entries[0].is_symlink() and (entries[0] / MANIFEST).exists():
        return entries[0]
    return folder


def path_exists(path: Path) -> bool:
    """``path.exists()``, a name the system refuses (too long, and the like) a one-line :class:`UserError`."""
    try:
        return path.exists()
    except OSError as exc:
        raise UserError(msg("{path}: {reason}", path=f"{str(path)[:80]}{'...' if len(str(path)) > 80 else ''}",
                            reason=exc.strerror)) from None


def existing(path: str | Path) -> Path:
    """``path`` as a ``Path``; a :class:`UserError` when nothing is there."""
    path = Path(path)
    if not path_exists(path):
        raise UserError(msg("{path}: no such file or folder", path=path))
    return path


def is_zip(path: Path) -> bool:
    return Path(path).is_file() and (Path(path).suffix.lower() == ".zip" or zipfile.is_zipfile(path))


@contextmanager
def opened_pack(path: Path, limits: Limits = DEFAULT_LIMITS, workdir: Path | None = None) -> Iterator[Path]:
    """Yield a folder holding the pack at ``path`` (a folder, or a zip extracted safely)."""
    path = existing(path)
    if path.is_dir():
        yield pack_root_of(path)
        return
    if not is_zip(path):
        raise UserError(msg("{path}: not a pack (expected a folder or a .zip)", path=path))
    tmp = Path(tempfile.mkdtemp(prefix="annotator-pack-", dir=workdir))
    try:
        yield safe_extract(path, tmp / "pack", limits)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

