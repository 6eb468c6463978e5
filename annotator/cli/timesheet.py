"""``annotator timesheet show|export|verify|head``: the worker's timesheet from the command line."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from annotator.cli.outputs import format_of
from annotator.core.errors import UserError

NAMES = ("timesheet",)
FORMATS = ("csv", "json", "pdf")


def register(sub, common) -> None:
    ts = sub.add_parser("timesheet", parents=[common], help="the worker's timesheet: show, export, verify")
    tsub = ts.add_subparsers(dest="timesheet_command", metavar="COMMAND")
    for name, helptext in (("show", "print the timesheet (a summary, or --format csv|json)"),
                           ("export", "write the timesheet as CSV, JSON or PDF (signed)")):
        p = tsub.add_parser(name, parents=[common], help=helptext)
        p.add_argument("--from", dest="date_from", metavar="DATE", help="first day (YYYY-MM-DD)")
        p.add_argument("--to", dest="date_to", metavar="DATE", help="last day, included (YYYY-MM-DD)")
        p.add_argument("--pack", metavar="ID", help="only this pack (its id)")
        p.add_argument("--format", choices=FORMATS if name == "export" else ("text",) + FORMATS[:2],
                       help="default: text for show; for export, the one FILE's suffix names")
        p.add_argument("--timezone", metavar="ZONE", help="days in this time zone (default: the computer's)")
        if name == "export":
            p.add_argument("-o", "--output", required=True, metavar="FILE",
                           help="the file to write (.csv, .json or .pdf; CSV and PDF get a .sig beside them)")
        p.set_defaults(func=run_show if name == "show" else run_export)
    verify = tsub.add_parser("verify", parents=[common],
                             help="check an export file, or the store's chain; exit 1 naming the first bad record")
    verify.add_argument("file", nargs="?", metavar="FILE",
                        help="an exported timesheet (.json, or .csv/.pdf with its .sig); without it, the store")
    verify.add_argument("--head", metavar="CODE", help="also check that the chain still has this head code")
    verify.set_defaults(func=run_verify)
    head = tsub.add_parser("head", parents=[common], help="print the chain-head code to send to someone you trust")
    head.set_defaults(func=run_head)


def _tz(args):
    if not args.timezone:
        return None, None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(args.timezone), args.timezone
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(f"unknown time zone {args.timezone!r} (like Europe/Paris or UTC)") from None


def _period(args, tz):
    from annotator.core.metering.timesheet import parse_day

    try:
        start = parse_day(args.date_from, tz=tz)
        end = parse_day(args.date_to, end=True, tz=tz)
    except ValueError:
        raise UserError("dates are YYYY-MM-DD, like 2026-11-24") from None
    if start is not None and end is not None and end <= start:
        raise UserError("--to is before --from")
    return start, end


def _common(ctx):
    args = ctx.args
    tz, tz_name = _tz(args)
    start, end = _period(args, tz)
    pack = args.pack
    if pack is not None and ctx.store.find_pack(pack.partition("@")[0]) is None:
        from annotator.core.metering.repository import MeterRepository

        if (pack, None) not in {(p, None) for p, _v in MeterRepository(ctx.store).known_packs()}:
            raise UserError(f"no pack {pack!r} in the library or the timesheet")
    ref = ctx.store.get("reference_wage") or {}
    reference = (float(ref["amount"]), str(ref["currency"])) if ref.get("amount") and ref.get("currency") else None
    from annotator.core.metering.service import THRESHOLDS_KEY
    from annotator.core.metering.engine import check_thresholds

    try:
        thresholds = check_thresholds(ctx.store.get(THRESHOLDS_KEY) or {})
    except ValueError:
        thresholds = None
    return dict(start=start, end=end, pack=pack.partition("@")[0] if pack else None, tz=tz, reference=reference,
                thresholds=thresholds), tz_name


def _hours(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}"


def run_show(ctx) -> int:
    from annotator.core.metering import exports
    from annotator.core.metering.timesheet import compute

    kw, _ = _common(ctx)
    fmt = ctx.args.format or "text"
    if fmt == "json":
        ctx.out(json.dumps(exports.build_document(ctx.store, **kw), ensure_ascii=False, indent=1))
        return 0
    sheet = compute(ctx.store, **kw)
    if fmt == "csv":
        sys.stdout.write(exports.csv_text(sheet, kw["tz"]))
        return 0
    ctx.out(summary_text(sheet))
    return 0


def summary_text(sheet) -> str:
    from annotator.core.metering.engine import CATEGORIES

    lines = []
    lines.append("time per category (h:mm):")
    for cat in CATEGORIES:
        lines.append(f"  {cat:<13} {_hours(sheet['totals'][cat]):>8}")
    lines.append(f"  {'counted':<13} {_hours(sheet['counted_seconds']):>8}   (all but break and away)")
    items = sheet["items"]
    lines.append(f"items: {items['submitted']} submitted, {items['skipped']} skipped, {items['flagged']} flagged, "
                 f"{items['rejected']} rejected")
    for cur, e in sheet["earnings"].items():
        w = sheet["wages"][cur]
        eff = "—" if w["effective_hourly"] is None else f"{w['effective_hourly']:.2f}"
        plat = "—" if w["platform_hourly"] is None else f"{w['platform_hourly']:.2f}"
        lines.append(f"{cur}: expected {e['expected']:.2f}, received {e['received']:.2f}; "
                     f"effective {eff} {cur}/h (platform view {plat} {cur}/h)")
        if "shortfall" in w:
            lines.append(f"{cur}: shortfall against your reference of {w['reference_hourly']:.2f} {cur}/h: "
                         f"{w['shortfall']:.2f} {cur}")
    r = sheet["ratios"]

    def pct(x):
        return "—" if x is None else f"{100 * x:.0f} %"

    def ratio(x):
        return "—" if x is None else f"{x:.2f}"

    lines.append(f"unpaid share {pct(r['unpaid_share'])}; waiting/work {ratio(r['waiting_to_work'])}; "
                 f"instructions/work {ratio(r['instructions_to_work'])}")
    for p in sheet["packs"]:
        spi = "—" if p["seconds_per_item"] is None else f"{p['seconds_per_item']:.0f} s"
        est = p["estimated_seconds_per_item"]
        lines.append(f"pack {p['pack']} {p['version'] or ''} ({p['lab'] or '?'}): counted {_hours(p['counted_seconds'])}, "
                     f"{p['items']['submitted']} submitted, {spi} per item"
                     + (f" (lab's estimate {est:g} s)" if est else ""))
    if sheet["gaps"]:
        lines.append(f"gaps (not counted): {len(sheet['gaps'])}, "
                     f"{_hours(sum(g['seconds'] for g in sheet['gaps']))} in total")
    return "\n".join(lines)


def run_export(ctx) -> int:
    from annotator.core.metering import exports

    kw, tz_name = _common(ctx)
    out = Path(ctx.args.output)
    fmt = format_of(out, ctx.args.format, {f".{f}": f for f in FORMATS})
    writer = None
    if fmt == "pdf":
        from annotator.ui.metering.pdf import pdf_bytes

        writer = pdf_bytes
    paths = exports.write_export(ctx.store, out, fmt, tz_name=tz_name, pdf_writer=writer, **kw)
    ctx.out("wrote " + ", ".join(str(p) for p in paths))
    return 0


def run_verify(ctx) -> int:
    from annotator.core.metering import exports

    if ctx.args.file:
        if ctx.args.head:
            raise UserError("--head checks the store's chain; give it without FILE")
        verdict = exports.verify_file(Path(ctx.args.file))
    else:
        verdict = exports.verify_store(ctx.store, ctx.args.head)
    if verdict.ok:
        ctx.out(verdict.message)
        return 0
    print(f"annotator: {verdict.message}", file=sys.stderr)
    return 1


def run_head(ctx) -> int:
    from annotator.core.metering.chain import head_code
    from annotator.core.metering.repository import MeterRepository

    seq, digest = MeterRepository(ctx.store).head()
    ctx.out(head_code(seq, digest))
    return 0
