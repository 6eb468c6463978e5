"""``annotator export PACK_ID --format FORMAT -o OUT``."""
from __future__ import annotations

from pathlib import Path

from annotator.cli.outputs import check_suffix, exporter_suffix
from annotator.core.errors import UserError


NAMES = ("export",)


def register(sub, common) -> None:
    parser = sub.add_parser("export", parents=[common], help="write a pack's results in one of its formats")
    parser.add_argument("pack", metavar="ID", help="an imported pack: ID or ID@VERSION")
    parser.add_argument("--format", "-f", required=True, metavar="FORMAT",
                        help="a format the pack's plugin offers ('list' names them)")
    parser.add_argument("-o", "--output", metavar="OUT", help="file (or folder, for folder formats) to write")
    parser.set_defaults(func=run)


def run(ctx) -> int:
    from annotator.core.exports import export_pack, exporters_for

    row = ctx.store.resolve_pack(ctx.args.pack)
    if ctx.args.format == "list":
        for exporter in sorted(exporters_for(ctx.registry, row.kind).values(), key=lambda e: e.name):
            kind = "folder" if exporter.writes_folder else exporter.suffix
            ctx.out(f"{exporter.name:<14} {kind:<8} {exporter.description}")
        return 0
    if not ctx.args.output:
        raise UserError("-o OUT is required (the file or folder to write)")
    check_suffix(Path(ctx.args.output), ctx.args.format, exporter_suffix(ctx.registry, ctx.args.format, row.kind))
    exporter = export_pack(ctx.store, ctx.registry, row, ctx.args.format, Path(ctx.args.output), progress=ctx.progress)
    ctx.out(f"wrote {ctx.args.output} ({exporter.name}, {row.item_count} items of {row.label})")
    return 0
