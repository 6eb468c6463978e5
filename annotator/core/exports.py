"""Exporting a pack's results in any format its plugin offers."""
from __future__ import annotations

from pathlib import Path

from annotator import __version__
from annotator.core.errors import UserError
from annotator.core.library import info_of
from annotator.core.progress import Progress, counted, silent
from annotator.core.store import PackRow, Store
from annotator.plugin_api import ExportContext, Exporter


def exporters_for(registry, kind: str) -> dict[str, Exporter]:
    plugin = registry.get(kind)
    try:
        found = list(plugin.exporters())
    except Exception as exc:
        raise UserError(f"the {kind} plugin cannot list its exporters: {type(exc).__name__}: {exc}") from None
    strange = [e for e in found if not isinstance(e, Exporter)]
    if strange:
        raise UserError(f"the {kind} plugin cannot list its exporters: it gave a {type(strange[0]).__name__}, "
                        "not an Exporter")
    return {e.name: e for e in found}


def export_pack(store: Store, registry, row: PackRow, fmt: str, out: Path, progress: Progress = silent) -> Exporter:
    exporters = exporters_for(registry, row.kind)
    exporter = exporters.get(fmt)
    if exporter is None:
        raise UserError(f"unknown format {fmt!r} for {row.kind} packs; formats: {', '.join(sorted(exporters))}")
    context = ExportContext(pack=info_of(row), records=lambda: counted(store.iter_records(row.pk), progress, "exporting items",
                                                            row.item_count),
                            tool_version=__version__)
    out = Path(out)
    if out.exists() and out.is_dir() and not exporter.writes_folder:
        raise UserError(f"{out} is a folder; the {fmt} format writes a file")
    try:
        exporter.write(context, out)
    except UserError:
        raise
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from None
    except Exception as exc:
        raise UserError(f"the {row.kind} plugin failed to export {fmt}: {type(exc).__name__}: {exc}") from None
    return exporter
