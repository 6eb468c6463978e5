"""``annotator results bundle|merge|report``: results bundles between workers and labs."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from annotator.cli.export import add_export_options, export_options
from annotator.cli import lab_common_parser
from annotator.cli.outputs import check_suffix, exporter_suffix, format_of
from annotator.core.errors import UserError
from annotator.core.progress import counted

NAMES = ("results",)
REPORT_SUFFIXES = {".md": "md", ".html": "html", ".pdf": "pdf", ".json": "json"}


def register(sub, common) -> None:
    results = sub.add_parser("results", parents=[common], help="results bundles: send them (worker), merge and "
                                                               "report on them (lab)")
    rsub = results.add_subparsers(dest="results_command", metavar="SUBCOMMAND", parser_class=type(results))

    b = rsub.add_parser("bundle", parents=[common], help="write a signed results bundle of a pack for its lab")
    b.add_argument("pack", metavar="ID", help="an imported pack: ID or ID@VERSION")
    b.add_argument("-o", "--output", required=True, type=Path, metavar="BUNDLE.zip", help="the bundle to write")
    b.add_argument("--pseudonym", metavar="NAME", help="the name the lab will know you by (never an account id); "
                                                      "remembered for next time")
    b.add_argument("--no-timing", action="store_true", help="share no timing at all")
    b.add_argument("--share-intervals", action="store_true",
                   help="also share wall-clock intervals (dates and times); off by default")
    b.add_argument("--dry-run", action="store_true", help="show what the bundle would contain, write nothing")
    b.set_defaults(func=run_bundle)

    m = rsub.add_parser("merge", parents=[lab_common_parser()],
                        help="verify bundles, merge them, write them in a plugin format")
    m.add_argument("bundles", nargs="+", type=Path, metavar="BUNDLE", help="the workers' results bundles (.zip)")
    m.add_argument("--format", "-f", required=True, metavar="FORMAT", help="any format the pack's plugin exports")
    m.add_argument("-o", "--output", required=True, type=Path, metavar="OUT",
                   help="the file (or folder, for folder formats) to write")
    m.add_argument("--db", metavar="URL", help="SQLAlchemy URL of the lab's database (default: SQLite "
                                               "lab.sqlite3 in the data folder), e.g. postgresql+psycopg://host/lab")
    m.add_argument("--pack", type=Path, metavar="PATH", help="the pack the bundles were made from (default: the "
                                                             "pack imported in the data folder)")
    m.add_argument("--for", dest="only", metavar="ID@VERSION", help="merge only bundles of this pack version")
    m.add_argument("--consensus", action="store_true",
                   help="write one record per item made from every worker's result (majority, fused boxes; "
                        "see docs/lab.md) instead of one per item and worker")
    add_export_options(m)  # --states and the formats' own options, as for 'annotator export'
    m.set_defaults(func=run_merge)

    r = rsub.add_parser("report", parents=[common], help="what the packs really pay per hour, from bundles")
    r.add_argument("bundles", nargs="+", type=Path, metavar="BUNDLE", help="the workers' results bundles (.zip)")
    r.add_argument("--minimum-wage", type=float, metavar="AMOUNT", help="hourly minimum wage, e.g. 11.88")
    r.add_argument("--currency", type=str.upper, metavar="C", help="the minimum wage's currency, e.g. EUR")
    r.add_argument("--pack", type=Path, action="append", metavar="PATH",
                   help="a pack the bundles were made from (repeatable): its pay terms are used and the bundles "
                        "checked against it (default: the packs imported in the data folder; else the bundles' "
                        "terms, only when they all agree)")
    r.add_argument("--format", choices=["md", "html", "pdf", "json"], default=None,
                   help="the report's format (default: from OUT's suffix, else md)")
    r.add_argument("-o", "--output", type=Path, metavar="OUT", help="where to write (md and json: stdout if absent)")
    r.set_defaults(func=run_report)


def _default_db(ctx) -> str:
    from annotator.core.lab.db import DEFAULT_NAME

    ctx.data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{ctx.data_dir / DEFAULT_NAME}"


def run_bundle(ctx) -> int:
    from annotator.core.lab import bundle, worker

    args = ctx.args
    row = ctx.store.resolve_pack(args.pack)
    pseudonym = args.pseudonym or ctx.store.get(worker.PSEUDONYM_SETTING)
    if not pseudonym:
        raise UserError("choose the name the lab will know you by: --pseudonym NAME (it is remembered)")
    shared = [] if args.no_timing else list(bundle.SHARE_DEFAULT)
    if args.share_intervals:
        shared.append("intervals")
    plan = worker.plan(ctx.store, row, pseudonym, shared)
    ctx.out(f"{'Would write' if args.dry_run else 'Writing'} {args.output}:")
    for line in plan.describe():
        ctx.out(f"  {line}")
    if not args.dry_run:
        worker.write(ctx.store, plan, args.output)
        ctx.out(f"wrote {args.output}")
    return 0


def run_merge(ctx) -> int:
    from annotator.core.lab.db import LabDB
    from annotator.core.exports import parse_states
    from annotator.core.lab.merge import merge
    from annotator.core.safetext import terminal

    args = ctx.args
    only = None
    if args.only:
        pack_id, _, version = args.only.partition("@")
        if not version:
            raise UserError("--for needs ID@VERSION, e.g. --for demo.street-scenes@1.0.0")
        only = (pack_id, version)
    store = ctx.store if (ctx.data_dir / "annotator.sqlite3").exists() else None
    check_suffix(args.output, args.format, exporter_suffix(ctx.registry, args.format))
    with LabDB(args.db or _default_db(ctx)) as db:
        result = merge(args.bundles, db, ctx.registry, args.format, args.output, pack_path=args.pack,
                       store=store, only=only, consensus=args.consensus, states=parse_states(args.states),
                       options=export_options(args), progress=ctx.progress)
    # names, pseudonyms and reasons come from bundles: shown, never obeyed, by the terminal
    for name in result.merged:
        ctx.out(f"merged {terminal(name)}")
    for line in result.already:
        ctx.out(terminal(line))
    for line in result.refused:
        print(terminal(line), file=sys.stderr)
    if result.write_error is not None:
        print(f"error: {terminal(result.write_error)}"
              + ("; the bundles merged are kept: run the merge again to write the output" if result.merged else ""),
              file=sys.stderr)
        return 2
    what = "consensus records" if args.consensus else "records"
    holds = (f"{terminal(result.written.holds())}; states: {', '.join(result.written.states)}; "
             if result.written is not None else "")
    ctx.out(f"wrote {terminal(str(result.output))} ({args.format}): {holds}the database holds {result.records} "
            f"{what} from {result.workers} workers of {terminal(result.pack_id)} {terminal(result.version)}")
    if result.consensus is not None:
        for line in result.consensus.lines():
            ctx.out(f"consensus: {terminal(line)}")
    for figure in result.agreement:
        value = "not enough data" if figure.value is None else f"{figure.value:.3f}"
        ctx.out(f"agreement: {terminal(figure.name)}: {value} over {figure.items} items"
                + (f" ({terminal(figure.method)})" if figure.method else ""))
    return 2 if result.refused else 0


def _wage(args) -> float | None:
    from annotator.core.lab.report import MAX_PAY, sane

    if (args.minimum_wage is None) != (args.currency is None):
        raise UserError("--minimum-wage and --currency go together (for example --minimum-wage 11.88 --currency EUR)")
    if args.minimum_wage is None:
        return None
    wage = sane(args.minimum_wage, 0.0, MAX_PAY)
    if wage is None or wage <= 0:
        raise UserError(f"--minimum-wage must be an amount per hour above 0 and at most {MAX_PAY:,.0f}")
    if not re.fullmatch(r"[A-Z]{3}", args.currency):
        raise UserError("--currency must be a three-letter code such as EUR")
    return wage


def _held_packs(ctx, stack, bundles_read) -> dict:
    """The packs the lab holds for these bundles: every --pack, then the imported ones."""
    from annotator.core.lab.merge import imported_pack, pack_at

    held = {}
    for path in ctx.args.pack or []:
        pack = pack_at(stack, ctx.registry, path)
        held[pack.key] = pack
    store = ctx.store if (ctx.data_dir / "annotator.sqlite3").exists() else None
    for key in {b.pack_key for b in bundles_read} - set(held):
        pack = imported_pack(ctx.registry, store, key)
        if pack is not None:
            held[key] = pack
    return held


def _chart_names(out: Path, keys) -> dict[str, str]:
    """File names for the charts beside a Markdown report: made of safe characters, one per pack."""
    names: dict[str, str] = {}
    for key in keys:
        base = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{out.stem}-{key.replace('@', '-')}")[:120].lstrip(".-") or "chart"
        name, n = f"{base}.png", 2
        while name.lower() in {v.lower() for v in names.values()}:
            name, n = f"{base}-{n}.png", n + 1
        names[key] = name
    return names


def run_report(ctx) -> int:
    from contextlib import ExitStack

    from annotator.core.lab import bundle, report
    from annotator.core.safetext import terminal

    args = ctx.args
    wage = _wage(args)
    out = args.output
    args.format = format_of(out, args.format, REPORT_SUFFIXES, default="md")
    if args.format in ("html", "pdf") and out is None:
        raise UserError(f"--format {args.format} needs -o OUT")
    read, refused = [], []
    for path in counted(args.bundles, ctx.progress, "reading bundles"):
        try:
            read.append(bundle.read(path))
        except bundle.BundleError as exc:
            refused.append(str(exc))
    with ExitStack() as stack:
        assembled = report.assemble(read, wage, args.currency, _held_packs(ctx, stack, read))
    refused += assembled.refused
    for line in refused:
        print(terminal(line), file=sys.stderr)
    figs = assembled.figures
    if not figs:
        raise UserError("no bundle could be read" if not read else "no bundle could be reported on")
    if args.format == "json":
        # allow_nan=False: every figure is checked finite; a slip would be an error, never invalid JSON
        # on a terminal, every character beyond ASCII is written as a JSON escape (nothing for it to obey)
        text = json.dumps({"packs": [f.as_dict() for f in figs], "refused": refused, "formulas": report.FORMULAS},
                          indent=2, ensure_ascii=out is None, allow_nan=False)
        _emit(ctx, text, out)
    elif args.format == "md":
        charts = None
        if out is not None:
            from annotator.ui.lab_report import charts as draw

            pngs = draw(figs)
            charts = _chart_names(out, pngs)
            out.parent.mkdir(parents=True, exist_ok=True)
            for key, png in pngs.items():
                (out.parent / charts[key]).write_bytes(png)
        text = report.markdown(figs, charts)
        _emit(ctx, text if out is not None else terminal(text, keep_newlines=True), out)
    elif args.format == "html":
        from annotator.ui.lab_report import charts as draw, data_uris

        _emit(ctx, report.html_page(figs, data_uris(draw(figs))), out)
    else:
        from annotator.ui.lab_report import write_pdf

        out.parent.mkdir(parents=True, exist_ok=True)
        write_pdf(figs, out)
        ctx.out(f"wrote {out}")
    return 2 if refused else 0


def _emit(ctx, text: str, out: Path | None) -> None:
    if out is None:
        ctx.out(text)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    ctx.out(f"wrote {out}")
