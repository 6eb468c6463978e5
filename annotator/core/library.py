"""Importing packs into the worker's data directory, atomically.

A pack is copied (folder) or extracted (zip) into ``DATA/tmp/``, validated there,
then renamed into ``DATA/packs/ID/VERSION-HASH/`` and recorded in the store in one
transaction. A failed import leaves nothing behind; a crash between the rename and
the commit leaves an orphan folder that :func:`clean_orphans` removes at start-up.
Importing the same pack (id, version and content hash) twice does nothing.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from annotator.core import packs
from annotator.core.errors import PackError, Problem, UserError
from annotator.core.progress import Progress, counted, silent
from annotator.core.store import PackRow, Store
from annotator.plugin_api import PackInfo


@dataclass(frozen=True)
class ImportResult:
    pack: PackRow
    created: bool
    """False when the very same pack was already imported (nothing was done)."""


def _copy_pack(files: dict[str, str], dest: Path) -> None:
    made: set[str] = set()
    for rel, src in files.items():
        target = os.path.join(dest, *rel.split("/"))
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        shutil.copyfile(src, target)


def import_pack(path: str | Path, store: Store, registry, limits: packs.Limits = packs.DEFAULT_LIMITS,
                progress: Progress = silent) -> ImportResult:
    """Import the pack folder or zip at ``path``; raise :class:`PackError` listing every problem."""
    path = Path(path)
    if not path.exists():
        raise UserError(f"{path}: no such file or folder")
    tmp_root = store.data_dir / "tmp"
    tmp_root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="import-", dir=tmp_root))
    try:
        staged = work / "pack"
        if path.is_dir():
            problems = packs._Problems()
            files = packs.walk_pack(packs.pack_root_of(path), problems)
            if problems:
                raise PackError(problems.result())
            _copy_pack(files, staged)
            root = staged
        elif packs.is_zip(path):
            root = packs.safe_extract(path, staged, limits)
        else:
            raise UserError(f"{path}: not a pack (expected a folder or a .zip)")

        validation = packs.validate_dir(root, registry, limits, progress=progress)
        validation.raise_for_problems()
        manifest = validation.manifest
        chash = packs.content_hash(validation.files, validation.hashes)
        ihash = packs.instructions_hash(validation.files)

        existing = store.find_pack(manifest.id, manifest.version)
        if existing is not None:
            if existing.content_hash == chash:
                return ImportResult(existing, created=False)
            raise PackError([Problem(packs.MANIFEST, None,
                                     f"pack {manifest.id} {manifest.version} is already imported with other "
                                     f"content ({existing.content_hash[:19]}); the lab must give a changed pack "
                                     f"a new version")])

        final = store.packs_dir / manifest.id / f"{manifest.version}-{chash.removeprefix('sha256:')[:12]}"
        final.parent.mkdir(parents=True, exist_ok=True)
        if final.exists():  # an orphan from an interrupted import of this very content
            shutil.rmtree(final)
        os.replace(root, final)
        try:
            row = store.add_pack(
                pack_id=manifest.id, version=manifest.version, content_hash=chash, instructions_hash=ihash,
                kind=manifest.kind, title=manifest.title, lab=manifest.lab, manifest=manifest.raw,
                folder=final, items=counted(packs.iter_items(final, limits), progress, "storing items",
                                            validation.item_count), source=str(path.absolute()),
            )
        except BaseException:
            shutil.rmtree(final, ignore_errors=True)
            raise
        return ImportResult(row, created=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def clean_orphans(store: Store) -> list[Path]:
    """Remove interrupted imports: ``DATA/tmp`` and pack folders the store does not know."""
    removed: list[Path] = []
    tmp_root = store.data_dir / "tmp"
    if tmp_root.exists():
        for entry in tmp_root.iterdir():
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)
            removed.append(entry)
    known = {p.folder.resolve() for p in store.packs()}
    if store.packs_dir.exists():
        for pack_dir in store.packs_dir.iterdir():
            if not pack_dir.is_dir():
                continue
            for version_dir in pack_dir.iterdir():
                if version_dir.is_dir() and version_dir.resolve() not in known:
                    shutil.rmtree(version_dir, ignore_errors=True)
                    removed.append(version_dir)
            if not any(pack_dir.iterdir()):
                pack_dir.rmdir()
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
