"""``annotator export PACK_ID --format FORMAT -o OUT [--states ...] [format options]``.

The item states (``--states``) and the formats' own options (each :class:`ExportOption` an
installed plugin's exporter declares) are shared with ``annotator results merge``:
:func:`add_export_options` adds them to a parser, :func:`export_options` reads them back for the
chosen format, and :func:`summary` is the line both print.
"""
from __future__ import annotations

from pathlib import Path

from annotator.cli.outputs import check_suffix, exporter_suffix
from annotator.core.errors import UserError

NAMES = ("export",)

_METAVARS = {"str": "TEXT", "int": "N", "float": "X", "list": "A,B,..."}


def register(sub, common) -> None:
    parser = sub.add_parser("export", parents=[common], help="write a pack's results in one of its formats")
    parser.add_argument("pack", metavar="ID", help="an imported pack: ID or ID@VERSION")
    parser.add_argument("--format", "-f", required=True, metavar="FORMAT",
                        help="a format the pack's plugin offers ('list' names them, with their options)")
    parser.add_argument("-o", "--output", metavar="OUT", help="file (or folder, for folder formats) to write")
    add_export_options(parser)
    parser.set_defaults(func=run)


def _dest(name: str) -> str:
    return "xopt_" + name.replace("-", "_")


def add_export_options(parser) -> None:
    """``--states`` and every option an installed format declares (checked against the format at run time)."""
    from annotator.core.exports import declared_options, exporters_of
    from annotator.core.registry import installed

    parser.add_argument("--states", metavar="STATES", default=None,
                        help="the item states to write, comma-separated: new, in_progress, submitted, skipped, "
                             "flagged, or all (default: submitted)")
    group = parser.add_argument_group("options of the formats (each applies to the formats named)")
    taken = {a.dest for a in parser._actions}
    registry = installed()
    offered: dict[str, tuple] = {}
    for plugin_id in registry.ids():
        try:
            exporters = exporters_of(registry.plugins[plugin_id], plugin_id)
        except UserError:
            continue  # a broken plugin is named when it is used, never here
        for exporter in exporters.values():
            for option in declared_options(exporter):
                entry = offered.setdefault(option.name, (option, {}))
                entry[1].setdefault(plugin_id, []).append(exporter.name)
    for name, (option, formats) in offered.items():
        dest = _dest(name)
        if dest in taken:
            continue
        taken.add(dest)
        where = "[" + "; ".join(f"{plugin}: {', '.join(names)}" for plugin, names in formats.items()) + "] "
        if option.kind == "flag":
            group.add_argument(f"--{name}", dest=dest, action="store_const", const=True, default=None,
                               help=where + option.help)
        else:
            group.add_argument(f"--{name}", dest=dest, default=None,
                               metavar=option.metavar or _METAVARS.get(option.kind, "TEXT"),
                               help=where + option.help + ("" if option.default is None else
                                                           f" (default: {option.default})"))


def export_options(args) -> dict:
    """The format options given on the command line, by option name (converted and checked against
    the chosen format by :func:`annotator.core.exports.option_values`)."""
    return {dest[5:].replace("_", "-"): value for dest, value in vars(args).items()
            if dest.startswith("xopt_") and value is not None}


def summary(out, written, source: str = "") -> str:
    """``wrote OUT (FORMAT) from SOURCE: 5 images, 12 annotations; states: submitted``."""
    from annotator.core.safetext import terminal

    origin = f" from {terminal(source)}" if source else ""
    return (f"wrote {terminal(str(out))} ({written.name}){origin}: {terminal(written.holds())}; "
            f"states: {', '.join(written.states)}")


def list_formats(ctx, exporters) -> None:
    from annotator.core.exports import declared_options

    for exporter in sorted(exporters.values(), key=lambda e: e.name):
        kind = "folder" if exporter.writes_folder else exporter.suffix
        ctx.out(f"{exporter.name:<16} {kind:<8} {exporter.description}")
        for option in declared_options(exporter):
            flag = f"--{option.name}" + ("" if option.kind == "flag" else
                                         f" {option.metavar or _METAVARS.get(option.kind, 'TEXT')}")
            default = "" if option.default in (None, False) else f" (default: {option.default})"
            ctx.out(f"    {flag:<22} {option.help}{default}")


def run(ctx) -> int:
    from annotator.core.exports import export_pack, exporters_for, find_exporter, parse_states

    row = ctx.store.resolve_pack(ctx.args.pack)
    exporters = exporters_for(ctx.registry, row.kind)
    if ctx.args.format == "list":
        list_formats(ctx, exporters)
        return 0
    if not ctx.args.output:
        raise UserError("-o OUT is required (the file or folder to write)")
    exporter = find_exporter(exporters, ctx.args.format, row.kind)
    check_suffix(Path(ctx.args.output), exporter.name, exporter_suffix(ctx.registry, exporter.name, row.kind))
    written = export_pack(ctx.store, ctx.registry, row, exporter.name, Path(ctx.args.output),
                          states=parse_states(ctx.args.states), options=export_options(ctx.args),
                          progress=ctx.progress)
    ctx.out(summary(ctx.args.output, written, row.label))
    return 0
