"""Importing packs into the worker's data directory, atomically.

A pack is copied (folder) or extracted (zip) into ``DATA/tmp/``, validated there,
then renamed into ``DATA/packs/ID/VERSION-HASH/`` and recorded in the store in one
transaction. A failed import leaves nothing behind; a crash between the rename and
the commit leaves an orphan folder that :func:`clean_orphans` removes at start-up.
Importing the same pack (id, version and content hash) twice does nothing.

``progress(stage, done, total)`` is told how far an import is; raising from it (the window's
Cancel raises :class:`ImportCancelled`) stops the import at once and leaves nothing behind.
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from annotator.core import packs
from annotator.core.errors import PackError, Problem, UserError, msg, storage_error_of
from annotator.core.store import PackRow, Store
from annotator.plugin_api import PackInfo

log = logging.getLogger("annotator.library")


class ImportCancelled(UserError):
    """The worker cancelled an import; nothing was imported."""

    def __init__(self) -> None:
        super().__init__("the import was cancelled; nothing was imported")


@dataclass(frozen=True)
class ImportResult:
    pack: PackRow
    created: bool
    """False when the very same pack was already imported (nothing was done)."""
    newer: str | None = None
    """A higher version of the same pack already imported (it stays the one named by the id alone)."""


def _copy_pack(files: dict[str, str], dest: Path, progress: packs.Progress | None = None) -> None:
    made: set[str] = set()
    for done, (rel, src) in enumerate(files.items()):
        if progress is not None and done % 200 == 0:
            progress("copy", done, len(files))
        target = os.path.join(dest, *rel.split("/"))
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        shutil.copyfile(src, target)


def _counted(items: Iterable[dict], total: int, progress: packs.Progress | None) -> Iterator[dict]:
    for done, item in enumerate(items):
        if progress is not None and done % 2000 == 0:
            progress("record", done, total)
        yield item


def import_pack(path: str | Path, store: Store, registry, limits: packs.Limits = packs.DEFAULT_LIMITS,
                progress: packs.Progress | None = None) -> ImportResult:
    """Import the pack folder or zip at ``path``; raise :class:`PackError` listing every problem."""
    path = packs.existing(path)
    store.ensure_writer()  # the folder's lock before anything is copied into it
    tmp_root = store.data_dir / "tmp"
    tmp_root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="import-", dir=tmp_root))
    try:
        staged = work / "pack"
        if path.is_dir():
            problems = packs.Problems()
            files = packs.walk_pack(packs.pack_root_of(path), problems, limits)
            if problems:
                raise PackError(problems.result())
            _copy_pack(files, staged, progress)
            root = staged
        elif packs.is_zip(path):
            root = packs.safe_extract(path, staged, limits, progress)
        else:
            raise UserError(msg("{path}: not a pack (expected a folder or a .zip)", path=path))

        validation = packs.validate_dir(root, registry, limits, progress=progress)
        validation.raise_for_problems()
        manifest = validation.manifest
        if progress is not None:
            progress("hash", 0, None)
        chash = packs.content_hash(validation.files, validation.hashes)
        ihash = packs.instructions_hash(validation.files)

        existing = store.find_pack(manifest.id, manifest.version)
        if existing is not None:
            if existing.content_hash == chash:
                return ImportResult(existing, created=False)
            raise PackError([Problem(packs.MANIFEST, None,
                                     msg("pack {id} {version} is already imported with other content ({hash}); "
                                         "the lab must give a changed pack a new version", id=manifest.id,
                                         version=manifest.version, hash=existing.content_hash[:19]))])

        final = store.packs_dir / manifest.id / f"{manifest.version}-{chash.removeprefix('sha256:')[:12]}"
        final.parent.mkdir(parents=True, exist_ok=True)
        if final.exists():  # an orphan from an interrupted import of this very content
            shutil.rmtree(final)
        store.mark_folder(final, "importing")  # add_pack clears the mark in its transaction
        os.replace(root, final)
        try:
            row = store.add_pack(
                pack_id=manifest.id, version=manifest.version, content_hash=chash, instructions_hash=ihash,
                kind=manifest.kind, title=manifest.title, lab=manifest.lab, manifest=manifest.raw,
                folder=final, items=_counted(packs.iter_items(final, limits), validation.item_count, progress),
                source=str(path.absolute()),
            )
        except BaseException:
            shutil.rmtree(final, ignore_errors=True)
            raise
        highest = store.find_pack(manifest.id)
        newer = highest.version if highest is not None and highest.pk != row.pk else None
        return ImportResult(row, created=True, newer=newer)
    except OSError as exc:  # a full disk while copying: one clear line, and nothing is left (finally)
        err = storage_error_of(exc, store.data_dir, msg("import {name}", name=path.name))
        if err is None:
            raise
        raise err from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
        try:
            tmp_root.rmdir()  # only if empty: another import may be under way
        except OSError:
            pass


def clean_orphans(store: Store) -> list[Path]:
    """Remove interrupted imports and removals: ``DATA/tmp`` and the pack folders the store marked.

    A pack folder is deleted only if the store marked it ``importing`` or ``removing``
    and no pack uses it: a folder the store does not know is left alone (logged), so a
    store replaced or restored from an older backup never costs the worker a pack.
    """
    store.ensure_writer()
    removed: list[Path] = []
    tmp_root = store.data_dir / "tmp"
    if tmp_root.exists():
        for entry in tmp_root.iterdir():
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)
            removed.append(entry)
    known = {p.folder.resolve() for p in store.packs()}
    for folder in store.marked_folders():
        if folder.resolve() not in known and folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
            if folder.parent.is_dir() and not any(folder.parent.iterdir()):
                folder.parent.rmdir()
        if not folder.exists() or folder.resolve() in known:
            store.unmark_folder(folder)
    if store.packs_dir.exists():
        unknown = [v for p in store.packs_dir.iterdir() if p.is_dir() for v in p.iterdir()
                   if v.is_dir() and v.resolve() not in known]
        if unknown:
            log.warning("%d pack folders are not in the store and were left alone: %s", len(unknown),
                        ", ".join(str(u) for u in unknown[:5]))
    return removed


def info_of(row: PackRow) -> PackInfo:
    """The plugin API's view of an imported pack."""
    manifest = packs.Manifest.from_raw(row.manifest)
    return packs.pack_info(manifest, row.folder, row.content_hash, row.instructions_hash)


def manifest_of(row: PackRow) -> packs.Manifest:
    return packs.Manifest.from_raw(row.manifest)


def import_demo_packs(store: Store, registry) -> list[ImportResult]:
    """Import every bundled demo pack (idempotent)."""
    from annotator.core.paths import DEMO_PACKS

    results = []
    if DEMO_PACKS.is_dir():
        for folder in sorted(DEMO_PACKS.iterdir()):
            if (folder / packs.MANIFEST).exists():
                results.append(import_pack(folder, store, registry))
    return results
