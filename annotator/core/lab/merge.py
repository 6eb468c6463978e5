"""``annotator results merge``: verify and check bundles, merge them into the lab's database, export.

The pack the bundles were made from is needed first (``--pack PATH``, or the pack imported
in the lab's data folder): every bundle is verified completely (signature, file hashes,
structure) and checked against that pack and its plugin (:mod:`.checks`) before anything of it
is written; a bad bundle is refused with its reason while the others are merged. A bundle
already merged is "already in", not an error. The output holds every result merged so far for
that pack version (not only this run's), one record per item and worker, or one consensus
record per item (:mod:`.consensus`), in any format the pack's plugin exports; so a merge whose
writing failed is simply run again.
"""
from __future__ import annotations

import json
import math
import time
import zipfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import orjson

from annotator import __version__
from annotator.core import packs
from annotator.core.errors import UserError
from annotator.core.exports import DEFAULT_EXPORT_STATES, exporters_of, option_values, run_exporter
from annotator.core.lab import bundle as bundles
from annotator.core.lab.checks import PackCheck
from annotator.core.lab.db import AlreadyMerged, LabDB
from annotator.core.progress import Progress, counted, silent
from annotator.plugin_api import ExportContext, ExportRecord, PackInfo
from annotator.plugin_api.agreement import AgreementFigure, ItemGroup, sample_workers


@dataclass
class MergeResult:
    pack_id: str
    version: str
    merged: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    #: bundles given again: already merged, nothing to do
    already: list[str] = field(default_factory=list)
    workers: int = 0
    records: int = 0
    output: Path | None = None
    #: why the output could not be written (the bundles stay merged: run the merge again)
    write_error: str | None = None
    agreement: list[AgreementFigure] = field(default_factory=list)
    #: with ``--consensus``: what the consensus kept and dropped
    consensus: Any = None
    #: seconds spent verifying and storing, writing the format, measuring agreement
    timings: dict[str, float] = field(default_factory=dict)
    #: what the output holds, as the exporter counted it (:class:`annotator.core.exports.Written`)
    written: Any = None


def _pack_label(pack: dict) -> str:
    return f"{pack['id']} {pack['version']} ({pack['content_hash'][:19]}…)"


def _check_target(b: bundles.Bundle, target: tuple[str, str, str]) -> str | None:
    """Why this bundle does not belong to this merge, or ``None``."""
    if b.pack_key != target:
        what = "other content for the same version" if b.pack_key[:2] == target[:2] else "another pack or version"
        return (f"{b.path.name}: refused: it is for {_pack_label(b.pack)}, {what} than "
                f"{target[0]} {target[1]} ({target[2][:19]}…)")
    return None


# --------------------------------------------------------------------------- the pack


def _named_pack(path: Path) -> tuple[str, str, str] | None:
    """The pack a bundle says it is for, read without verifying (only to find that pack)."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo(bundles.MANIFEST)
            if info.file_size > 1024 * 1024:
                return None
            pack = json.loads(zf.read(info)).get("pack")
        key = pack["id"], pack["version"], pack["content_hash"]
        return key if all(isinstance(k, str) for k in key) else None
    except Exception:  # anything wrong is found (and said) when the bundle is verified
        return None


def _check_of(registry, manifest: packs.Manifest, root: Path, content_hash: str, instructions_hash: str) -> PackCheck:
    plugin = registry.get(manifest.kind)
    info = PackInfo(id=manifest.id, version=manifest.version, title=manifest.title, kind=manifest.kind,
                    language=manifest.language, content_hash=content_hash, instructions_hash=instructions_hash,
                    task=manifest.task, root=Path(root))
    items = {str(item["id"]): item for item in packs.iter_items(root)}
    return PackCheck(info, items, plugin, dict(manifest.pay), manifest.lab)


def pack_at(stack: ExitStack, registry, pack_path: Path) -> PackCheck:
    """The pack at ``pack_path`` (a folder or a zip, kept open by ``stack``), validated."""
    root = stack.enter_context(packs.opened_pack(pack_path))
    validation = packs.validate_dir(root, registry)
    validation.raise_for_problems()
    m = validation.manifest
    chash = packs.content_hash(validation.files, validation.hashes)
    return _check_of(registry, m, root, chash, packs.instructions_hash(validation.files))


def imported_pack(registry, store, key: tuple[str, str, str]) -> PackCheck | None:
    """The pack imported in the lab's data folder with this identity, if any."""
    row = store.find_pack(key[0], key[1]) if store is not None else None
    if row is None or row.content_hash != key[2]:
        return None
    return _check_of(registry, packs.Manifest.from_raw(row.manifest), row.folder, key[2], row.instructions_hash)


def named_packs(paths: list[Path]) -> list[tuple[str, str, str]]:
    """The packs bundles say they are for, in their order, each once (unverified: to find the packs)."""
    named: list[tuple[str, str, str]] = []
    for path in paths:
        key = _named_pack(Path(path))
        if key is not None and key not in named:
            named.append(key)
    return named


def open_pack(stack: ExitStack, registry, paths: list[Path], pack_path: Path | None = None, store=None,
              only: tuple[str, str] | None = None) -> PackCheck:
    """The pack the bundles are checked against and written with: ``--pack PATH``, or the pack
    imported in the lab's data folder that the bundles name (the first found, in their order)."""
    if pack_path is not None:
        pack = pack_at(stack, registry, pack_path)
        if only is not None and pack.key[:2] != only:
            raise UserError(f"{pack_path} is {pack.key[0]} {pack.key[1]}, not {only[0]} {only[1]} (--for)")
        return pack
    named = [key for key in named_packs(paths) if only is None or key[:2] == only]
    for key in named:
        pack = imported_pack(registry, store, key)
        if pack is not None:
            return pack
    what = f"their pack {named[0][0]} {named[0][1]}" if named else "the pack they were made from"
    raise UserError(f"checking and writing the bundles needs {what}: give --pack PATH, or import it with "
                    f"'annotator pack import PATH' (nothing was merged)")


# --------------------------------------------------------------------------- plugin calls, guarded


def _exporters(plugin, kind: str) -> dict[str, Any]:
    return exporters_of(plugin, kind)


def _check_format(plugin, kind: str, fmt: str, options: dict | None = None) -> None:
    """Refuse an unknown format, or an option it does not take, before anything is merged (when the
    plugin can list its formats)."""
    try:
        names = _exporters(plugin, kind)
    except UserError:
        return  # said when writing; the bundles are merged all the same
    if fmt not in names:
        raise UserError(f"unknown format {fmt!r} for {kind} packs; formats: {', '.join(sorted(names))} "
                        f"(nothing was merged)")
    try:
        option_values(names[fmt], options or {})
    except UserError as exc:
        raise UserError(f"{exc} (nothing was merged)") from None


# --------------------------------------------------------------------------- writing


def export_merged(db: LabDB, pack: PackCheck, fmt: str, out: Path, *, agreement: bool = True,
                  consensus: bool = False, timings: dict[str, float] | None = None,
                  states: tuple[str, ...] = DEFAULT_EXPORT_STATES, options: dict | None = None,
                  written: list | None = None) -> tuple[int, int, list[AgreementFigure], Any]:
    """Write every merged record of the pack version; return (records, workers, agreement, consensus).

    ``states`` and ``options`` are those of ``annotator export``; ``written`` receives what the
    exporter says the output holds.
    """
    from annotator.core.lab import consensus as fusing

    info, plugin, items = pack.info, pack.plugin, pack.items
    exporters = _exporters(plugin, info.kind)
    if fmt not in exporters:
        raise UserError(f"unknown format {fmt!r} for {info.kind} packs; formats: {', '.join(sorted(exporters))}")
    counts = {"records": 0}
    workers: set[str] = set()
    summary = fusing.Summary() if consensus else None

    def records() -> Iterator[ExportRecord]:
        counts["records"] = 0
        workers.clear()
        if summary is not None:
            summary.reset()
            for record, names in fusing.records(db, pack, summary):
                counts["records"] += 1
                workers.update(names)
                yield record
            return
        loads = orjson.loads
        for worker, line in db.raw_records(*pack.key):  # the hot loop of a big merge: kept lean
            row = loads(line)
            item = items.get(row["id"])
            if item is None:  # cannot happen for a checked bundle of this very pack
                continue
            counts["records"] += 1
            workers.add(worker)
            # checked: every stored result passed the plugin's checks against this pack (ADR 0631, 0634)
            yield ExportRecord(item, row.get("annotation"), row.get("state"), row.get("reason"),
                               row.get("instructions_hash"), None, worker, True)

    context = ExportContext(pack=info, records=records, tool_version=__version__,
                            options=option_values(exporters[fmt], options or {}), states=tuple(states))
    started, cpu = time.perf_counter(), time.process_time()
    # agreement reads the database on its own: on a second core, while the format is written
    pending = None
    if agreement and db.count(*pack.key) >= 250_000:  # big merges: worth a second process
        pending = _start_agreement(db.url, pack.key, info.kind, dict(info.task), items)
    try:
        done = run_exporter(exporters[fmt], context, Path(out), info.kind, fmt)
        if written is not None:
            written.append(done)
    except UserError:
        if pending is not None:
            pending[0].shutdown(cancel_futures=True)
        raise
    written, cpu_written = time.perf_counter(), time.process_time()
    figures = _finish_agreement(pending, db, plugin, info, items) if agreement else []
    if timings is not None:
        timings["write"] = written - started
        timings["cpu_write"] = cpu_written - cpu  # this process's CPU seconds (wall times measure the load too)
        timings["agreement"] = time.perf_counter() - written
    return counts["records"], len(workers), figures, summary


def _annotation(line: str | bytes) -> dict | None:
    import orjson

    try:
        value = orjson.loads(line).get("annotation")
    except (orjson.JSONDecodeError, AttributeError):
        return None
    return value if isinstance(value, dict) else None  # what a plugin is given is an object or None


def item_groups(lines, items) -> Iterator[ItemGroup]:
    """Items that two or more workers submitted, one group at a time.

    ``lines`` are ``(item id, worker, result line)`` in pack order; only the annotations
    of a fixed sample of at most :data:`MAX_WORKERS_PER_ITEM` workers per item are decoded.
    """
    def group(item_id: str, by_worker: dict[str, str]) -> ItemGroup | None:
        if len(by_worker) < 2 or item_id not in items:
            return None
        chosen = sample_workers(item_id, list(by_worker))
        return ItemGroup(items[item_id], {w: _annotation(by_worker[w]) for w in chosen})

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


def agreement_of(plugin, kind: str, task, lines, items) -> list[AgreementFigure]:
    """The plugin's agreement figures over the items two or more workers did (streamed)."""
    try:
        figures = []
        for figure in list(plugin.agreement(item_groups(lines, items), task) or []):
            # what the merge prints: checked here, inside the guard; a non-finite value is no figure
            value = figure.value
            if not isinstance(figure.name, str) or not isinstance(figure.items, int) \
                    or not (value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))):
                raise TypeError(f"not an agreement figure: {figure!r}"[:200])
            if value is not None and not math.isfinite(value):
                figure = AgreementFigure(figure.name, None, figure.items, str(figure.method or ""))
            figures.append(figure)
        return figures
    except Exception as exc:  # a plugin's failure is reported, never fatal
        return [AgreementFigure(f"the {kind} plugin failed to measure agreement: {type(exc).__name__}: {exc}",
                                None, 0)]


def _agreement_job(url: str, key: tuple[str, str, str], kind: str, task: dict, items: dict):
    """Run in a child process: its own connection, the installed plugin, the agreement figures."""
    from annotator.core.registry import installed

    with LabDB(url) as db:
        return agreement_of(installed().get(kind), kind, task, db.lines(*key), items)


def _start_agreement(url, key, kind, task, items):
    import os

    from annotator.core.lab import children

    if (os.cpu_count() or 1) < 2:
        return None
    try:
        pool = children.pool(1)  # its process dies with this one: a killed merge leaves nothing running
        return pool, pool.submit(_agreement_job, url, key, kind, task, items)
    except (OSError, ValueError):
        return None


def _finish_agreement(pending, db, plugin, info: PackInfo, items) -> list[AgreementFigure]:
    if pending is not None:
        pool, future = pending
        try:
            return future.result()
        except Exception:  # the child could not run: measure here instead
            pass
        finally:
            pool.shutdown()
    return agreement_of(plugin, info.kind, info.task, db.lines(info.id, info.version, info.content_hash), items)


# --------------------------------------------------------------------------- the merge


def merge(paths: list[Path], db: LabDB, registry, fmt: str, out: Path, *, pack_path: Path | None = None,
          store=None, only: tuple[str, str] | None = None, agreement: bool = True,
          consensus: bool = False, states: tuple[str, ...] = DEFAULT_EXPORT_STATES,
          options: dict | None = None, progress: Progress = silent) -> MergeResult:
    """Verify, check and merge each bundle in turn (one in memory at a time), then write ``fmt``.

    Raises :class:`UserError` only when nothing can be done (no pack, an unknown format); a
    refused bundle is listed in :attr:`MergeResult.refused`, a failed write in
    :attr:`MergeResult.write_error`.
    """
    from annotator.core.lab import consensus as fusing

    started, cpu = time.perf_counter(), time.process_time()
    paths = [Path(p) for p in paths]
    with ExitStack() as stack:
        pack = open_pack(stack, registry, paths, pack_path, store, only)
        _check_format(pack.plugin, pack.info.kind, fmt, options)
        if consensus:
            fusing.require(pack.plugin, pack.info.kind)
        target = pack.key
        result = MergeResult(pack.info.id, pack.info.version)
        positions = {item_id: n for n, item_id in enumerate(pack.items)}
        seen: dict[str, str] = {}
        for path, b in counted(bundles.read_many(paths, pack), progress, "verifying bundles", len(paths)):
            if isinstance(b, bundles.BundleError):
                result.refused.append(str(b))
                continue
            problem = _check_target(b, target)
            if problem is not None:
                result.refused.append(problem)
                continue
            if b.bundle_hash in seen:
                result.already.append(f"{path.name}: already in (the same bundle as {seen[b.bundle_hash]}, "
                                      f"given twice)")
                continue
            seen[b.bundle_hash] = path.name
            try:
                db.add(b, source=str(path), positions=positions)
                result.merged.append(path.name)
            except AlreadyMerged as exc:
                result.already.append(str(exc))
            except bundles.BundleError as exc:
                result.refused.append(str(exc))
        result.timings["verify_and_store"] = time.perf_counter() - started
        result.timings["cpu_verify_and_store"] = time.process_time() - cpu
        if not result.merged and not result.already and not db.count(*target):
            result.write_error = "no bundle could be merged"
            return result
        try:
            written: list = []
            result.records, result.workers, result.agreement, result.consensus = export_merged(
                db, pack, fmt, out, agreement=agreement, consensus=consensus, timings=result.timings,
                states=states, options=options, written=written)
            result.output = Path(out)
            result.written = written[0] if written else None
        except UserError as exc:
            result.write_error = str(exc)
    return result
