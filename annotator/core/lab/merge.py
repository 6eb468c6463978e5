"""``annotator results merge``: verify bundles, merge them into the lab's database, export.

Every bundle is verified completely (signature, file hashes, structure) before
anything is written; bundles of another pack or version, tampered bundles and
duplicates are refused one by one with a clear message while the others are
merged. The output holds every result merged so far for that pack version (not
only this run's), one record per item and worker, in any format the pack's
plugin exports.
"""
from __future__ import annotations

import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from annotator import __version__
from annotator.core import packs
from annotator.core.errors import UserError
from annotator.core.lab import bundle as bundles
from annotator.core.lab.db import LabDB
from annotator.core.progress import Progress, counted, silent
from annotator.plugin_api import ExportContext, ExportRecord, PackInfo
from annotator.plugin_api.agreement import AgreementFigure, ItemGroup, sample_workers


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
    #: seconds spent verifying and storing, writing the format, measuring agreement
    timings: dict[str, float] = field(default_factory=dict)


def _pack_label(pack: dict) -> str:
    return f"{pack['id']} {pack['version']} ({pack['content_hash'][:19]}…)"


def _check_target(b: bundles.Bundle, target: tuple[str, str, str] | None, only: tuple[str, str] | None) -> str | None:
    """Why this bundle does not belong to this merge, or ``None``."""
    name = b.path.name
    if only is not None and (b.pack["id"], b.pack["version"]) != only:
        return f"{name}: refused: it is for {_pack_label(b.pack)}, not {only[0]} {only[1]}"
    if target is not None and b.pack_key != target:
        what = "other content for the same version" if b.pack_key[:2] == target[:2] else "another pack or version"
        return (f"{name}: refused: it is for {_pack_label(b.pack)}, {what} than "
                f"{target[0]} {target[1]} ({target[2][:19]}…)")
    return None


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
                  pack_path: Path | None = None, store=None, agreement: bool = True,
                  timings: dict[str, float] | None = None) -> tuple[int, int, list[AgreementFigure]]:
    """Write every merged record of a pack version; return (records, workers, agreement)."""
    with ExitStack() as stack:
        manifest, root = _pack_root(stack, registry, pack_id, version, content_hash, pack_path, store)
        plugin = registry.get(manifest.kind)
        exporters = {e.name: e for e in plugin.exporters()}
        if fmt not in exporters:
            raise UserError(f"unknown format {fmt!r} for {manifest.kind} packs; formats: {', '.join(sorted(exporters))}")
        items = {str(item["id"]): item for item in packs.iter_items(root)}
        files = packs.walk_pack(root, packs.Problems())
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
        started = time.perf_counter()
        # agreement reads the database on its own: on a second core, while the format is written
        pending = None
        if agreement and db.count(pack_id, version) >= 250_000:  # big merges: worth a second process
            pending = _start_agreement(db.url, pack_id, version, plugin.id, dict(manifest.task), items)
        try:
            exporters[fmt].write(context, Path(out))
        except UserError:
            raise
        except OSError as exc:
            raise UserError(f"cannot write {out}: {exc.strerror or exc}") from None
        written = time.perf_counter()
        figures = _finish_agreement(pending, db, plugin, manifest.task, pack_id, version, items) if agreement else []
        if timings is not None:
            timings["write"] = written - started
            timings["agreement"] = time.perf_counter() - written
    return counts["records"], len(workers), figures


def item_groups(lines, items) -> Iterator[ItemGroup]:
    """Items that two or more workers submitted, one group at a time.

    ``lines`` are ``(item id, worker, result line)`` in pack order; only the annotations
    of a fixed sample of at most :data:`MAX_WORKERS_PER_ITEM` workers per item are decoded.
    """
    import orjson

    def group(item_id: str, by_worker: dict[str, str]) -> ItemGroup | None:
        if len(by_worker) < 2 or item_id not in items:
            return None
        chosen = sample_workers(item_id, list(by_worker))
        return ItemGroup(items[item_id], {w: orjson.loads(by_worker[w]).get("annotation") for w in chosen})

    current: str | None = None
    by_worker: dict[str, str] = {}
    for item_id, worker, line in lines:
        if item_id != current:
            if current is not None and (g := group(current, by_worker)) is not None:
                yield g
            current, by_worker = item_id, {}
        by_worker[worker] = line
    if current is not None and (g := group(current, by_worker)) is not None:
        yield g


def agreement_of(plugin, task, lines, items) -> list[AgreementFigure]:
    """The plugin's agreement figures over the items two or more workers did (streamed)."""
    try:
        return list(plugin.agreement(item_groups(lines, items), task) or [])
    except Exception as exc:  # a plugin's failure is reported, never fatal
        return [AgreementFigure(f"the {plugin.id} plugin failed to measure agreement: {exc}", None, 0)]


def _agreement_job(url: str, pack_id: str, version: str, plugin_id: str, task: dict, items: dict):
    """Run in a child process: its own connection, the installed plugin, the agreement figures."""
    from annotator.core.registry import installed

    with LabDB(url) as db:
        return agreement_of(installed().get(plugin_id), task, db.lines(pack_id, version), items)


def _start_agreement(url, pack_id, version, plugin_id, task, items):
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    if (os.cpu_count() or 1) < 2:
        return None
    try:
        # spawn, not fork: forking a process that runs threads (Qt, audio, pools) can deadlock the child
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        return pool, pool.submit(_agreement_job, url, pack_id, version, plugin_id, task, items)
    except (OSError, ValueError):
        return None


def _finish_agreement(pending, db, plugin, task, pack_id, version, items) -> list[AgreementFigure]:
    if pending is not None:
        pool, future = pending
        try:
            return future.result()
        except Exception:  # the child could not run: measure here instead
            pass
        finally:
            pool.shutdown()
    return agreement_of(plugin, task, db.lines(pack_id, version), items)


def merge(paths: list[Path], db: LabDB, registry, fmt: str, out: Path, *, pack_path: Path | None = None,
          store=None, only: tuple[str, str] | None = None, agreement: bool = True,
          progress: Progress = silent) -> MergeResult:
    """Verify and merge each bundle in turn (one in memory at a time), then write ``fmt``."""
    started = time.perf_counter()
    target: tuple[str, str, str] | None = None
    merged: list[str] = []
    refused: list[str] = []
    seen: dict[str, str] = {}
    for path, b in counted(bundles.read_many(paths), progress, "verifying bundles", len(paths)):
        if isinstance(b, bundles.BundleError):
            refused.append(str(b))
            continue
        problem = _check_target(b, target, only)
        if problem is None and b.bundle_hash in seen:
            problem = f"{path.name}: refused: a duplicate of {seen[b.bundle_hash]} given in the same run"
        if problem is not None:
            refused.append(problem)
            continue
        target = target or b.pack_key
        seen[b.bundle_hash] = path.name
        try:
            db.add(b, source=str(path))
            merged.append(path.name)
        except bundles.BundleError as exc:
            refused.append(str(exc))
    if target is None:
        raise UserError("no bundle could be merged" + (f": {refused[0]}" if len(refused) == 1 else ""))
    pack_id, version, content_hash = target
    result = MergeResult(pack_id, version, merged=merged, refused=refused)
    result.timings["verify_and_store"] = time.perf_counter() - started
    result.records, result.workers, result.agreement = export_merged(
        db, registry, fmt, out, pack_id, version, content_hash, pack_path, store, agreement, result.timings)
    result.output = Path(out)
    return result
