"""``annotator results merge``: verify bundles, merge them into the lab's database, export.

Every bundle is verified completely (signature, file hashes, structure) before
anything is written; bundles of another pack or version, tampered bundles and
duplicates are refused one by one with a clear message while the others are
merged. The output holds every result merged so far for that pack version (not
only this run's), one record per item and worker, in any format the pack's
plugin exports.
"""
from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from annotator import __version__
from annotator.core import packs
from annotator.core.errors import UserError
from annotator.core.lab import bundle as bundles
from annotator.core.lab.db import LabDB
from annotator.plugin_api import ExportContext, ExportRecord, PackInfo
from annotator.plugin_api.agreement import AgreementFigure, ItemGroup


@dataclass
class MergeResult:
    pack_id: str
    version: str
    merged: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    workers: int = 0
    records: int = 0
    output: Path | None = None
    agreement: list[AgreementFigure] = field(default_factory=list)


def _pack_label(pack: dict) -> str:
    return f"{pack['id']} {pack['version']} ({pack['content_hash'][:19]}…)"


def read_all(paths: list[Path], only: tuple[str, str] | None = None) -> tuple[list[bundles.Bundle], list[str]]:
    """Verified bundles of one pack version, and the refusals (one line each)."""
    good: list[bundles.Bundle] = []
    refused: list[str] = []
    target: tuple[str, str, str] | None = None
    seen: dict[str, str] = {}
    for path in paths:
        try:
            b = bundles.read(path)
        except bundles.BundleError as exc:
            refused.append(str(exc))
            continue
        if only is not None and (b.pack["id"], b.pack["version"]) != only:
            refused.append(f"{Path(path).name}: refused: it is for {_pack_label(b.pack)}, not {only[0]} {only[1]}")
            continue
        if target is None:
            target = b.pack_key
        elif b.pack_key != target:
            what = "other content for the same version" if b.pack_key[:2] == target[:2] else "another pack or version"
            refused.append(f"{Path(path).name}: refused: it is for {_pack_label(b.pack)}, {what} than "
                           f"{target[0]} {target[1]} ({target[2][:19]}…)")
            continue
        if b.bundle_hash in seen:
            refused.append(f"{Path(path).name}: refused: a duplicate of {seen[b.bundle_hash]} given in the same run")
            continue
        seen[b.bundle_hash] = Path(path).name
        good.append(b)
    return good, refused


def _pack_root(stack: ExitStack, registry, pack_id: str, version: str, content_hash: str,
               pack_path: Path | None, store) -> tuple[packs.Manifest, Path]:
    """The pack the bundles were made from: ``--pack PATH``, or imported in the lab's data folder."""
    if pack_path is not None:
        root = stack.enter_context(packs.opened_pack(pack_path))
        validation = packs.validate_dir(root, registry)
        validation.raise_for_problems()
        chash = packs.content_hash(validation.files, validation.hashes)
        m = validation.manifest
        if (m.id, m.version, chash) != (pack_id, version, content_hash):
            raise UserError(f"{pack_path} is {m.id} {m.version} ({chash[:19]}…), not the pack of the bundles: "
                            f"{pack_id} {version} ({content_hash[:19]}…)")
        return m, root
    row = store.find_pack(pack_id, version) if store is not None else None
    if row is None or row.content_hash != content_hash:
        raise UserError(f"the bundles were merged, but writing them needs their pack {pack_id} {version}: "
                        f"give --pack PATH, or import it with 'annotator pack import PATH'")
    return packs.Manifest.from_raw(row.manifest), row.folder


def export_merged(db: LabDB, registry, fmt: str, out: Path, pack_id: str, version: str, content_hash: str,
                  pack_path: Path | None = None, store=None) -> tuple[int, int, list[AgreementFigure]]:
    """Write every merged record of a pack version; return (records, workers, agreement)."""
    with ExitStack() as stack:
        manifest, root = _pack_root(stack, registry, pack_id, version, content_hash, pack_path, store)
        plugin = registry.get(manifest.kind)
        exporters = {e.name: e for e in plugin.exporters()}
        if fmt not in exporters:
            raise UserError(f"unknown format {fmt!r} for {manifest.kind} packs; formats: {', '.join(sorted(exporters))}")
        items = {str(item["id"]): item for item in packs.iter_items(root)}
        files = packs.walk_pack(root, packs._Problems())
        info = PackInfo(id=pack_id, version=version, title=manifest.title, kind=manifest.kind,
                        language=manifest.language, content_hash=content_hash,
                        instructions_hash=packs.instructions_hash(files), task=manifest.task, root=Path(root))
        counts = {"records": 0}
        workers: set[str] = set()

        def records() -> Iterator[ExportRecord]:
            counts["records"] = 0
            for row in db.records(pack_id, version):
                item = items.get(row["id"])
                if item is None:  # cannot happen for a verified bundle of this very pack
                    continue
                counts["records"] += 1
                workers.add(row["worker"])
                yield ExportRecord(item=item, annotation=row["annotation"], state=row["state"], reason=row["reason"],
                                   instructions_hash=row["instructions_hash"], worker=row["worker"])

        context = ExportContext(pack=info, records=records, tool_version=__version__)
        try:
            exporters[fmt].write(context, Path(out))
        except UserError:
            raise
        except OSError as exc:
            raise UserError(f"cannot write {out}: {exc.strerror or exc}") from None
        agreement = agreement_of(plugin, manifest.task, db.records(pack_id, version), items)
    return counts["records"], len(workers), agreement


def agreement_of(plugin, task, rows, items) -> list[AgreementFigure]:
    """The plugin's agreement figures over the items two or more workers did."""
    by_item: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row["state"] == "submitted":
            by_item.setdefault(row["id"], {})[row["worker"]] = row["annotation"]
    groups = [ItemGroup(items[item_id], annotations) for item_id, annotations in by_item.items()
              if len(annotations) >= 2 and item_id in items]
    if not groups:
        return []
    try:
        return list(plugin.agreement(groups, task) or [])
    except Exception as exc:  # a plugin's failure is reported, never fatal
        return [AgreementFigure(f"the {plugin.id} plugin failed to measure agreement: {exc}", None, len(groups))]


def merge(paths: list[Path], db: LabDB, registry, fmt: str, out: Path, *, pack_path: Path | None = None,
          store=None, only: tuple[str, str] | None = None) -> MergeResult:
    good, refused = read_all([Path(p) for p in paths], only)
    if not good:
        raise UserError("no bundle could be merged" + (f": {refused[0]}" if len(refused) == 1 else ""))
    pack_id, version, content_hash = good[0].pack_key
    result = MergeResult(pack_id, version, refused=refused)
    for b in good:
        try:
            db.add(b, source=str(b.path))
            result.merged.append(b.path.name)
        except bundles.BundleError as exc:
            result.refused.append(str(exc))
    result.records, result.workers, result.agreement = export_merged(
        db, registry, fmt, out, pack_id, version, content_hash, pack_path, store)
    result.output = Path(out)
    return result
