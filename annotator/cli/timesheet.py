"""``annotator timesheet show|export|verify|head|key``: the worker's timesheet from the command line."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from annotator.core.errors import UserError

NAMES = ("timesheet",)
FORMATS = ("json", "csv", "toggl", "clockify", "ics", "pdf")
#: settings kept in the store for exports (the worker's choice; nothing is sent anywhere)
EMAIL_KEY, WORKER_KEY = "timesheet.email", "timesheet.worker"


def register(sub, common) -> None:
    ts = sub.add_parser("timesheet", parents=[common], help="the worker's timesheet: show, export, verify")
    tsub = ts.add_subparsers(dest="timesheet_command", metavar="COMMAND")
    for name, helptext in (("show", "print the timesheet (a summary, or --format csv|json)"),
                           ("export", "write the timesheet, signed: JSON, spreadsheet CSV, Toggl or Clockify CSV, "
                                      "iCalendar or PDF (with FILE.sig beside all but JSON)")):
        p = tsub.add_parser(name, parents=[common], help=helptext)
        p.add_argument("--from", dest="date_from", metavar="DATE", help="first day (YYYY-MM-DD)")
        p.add_argument("--to", dest="date_to", metavar="DATE", help="last day, included (YYYY-MM-DD)")
        p.add_argument("--pack", metavar="ID", help="only this pack (its id)")
        p.add_argument("--format", choices=FORMATS if name == "export" else ("text", "csv", "json"),
                       help="default: text for show; for export, from the file's name (.json .csv .ics .pdf); "
                            "toggl and clockify write a .csv")
        p.add_argument("--timezone", metavar="ZONE", help="days in this time zone (default: the computer's)")
        if name == "export":
            p.add_argument("-o", "--output", required=True, metavar="FILE",
                           help="the file to write; its suffix names the format (CSV and PDF get a .sig beside them)")
            _export_options(p)
        p.set_defaults(func=run_show if name == "show" else run_export)
    card = tsub.add_parser("card", parents=[common],
                           help="your lab report card (wage, unpaid share, time per item, rejections, payment "
                                "delay per lab), signed, as JSON or Markdown, to share if you choose")
    card.add_argument("--lab", metavar="LAB", help="only this lab (as the pack names it)")
    card.add_argument("--from", dest="date_from", metavar="DATE", help="first day (YYYY-MM-DD)")
    card.add_argument("--to", dest="date_to", metavar="DATE", help="last day, included (YYYY-MM-DD)")
    card.add_argument("--timezone", metavar="ZONE", help="days in this time zone (default: the computer's)")
    card.add_argument("--share", metavar="LIST", help="what to share, of: wage, unpaid, time_per_item, "
                                                      "rejections, payment_delay (default: all)")
    card.add_argument("--no-records", dest="records", action="store_false",
                      help="leave the chain records out (the figures are then only signed, not recomputable)")
    card.add_argument("-o", "--output", required=True, metavar="FILE", help="FILE.json (to merge) or FILE.md")
    card.set_defaults(func=run_card)
    cards = tsub.add_parser("cards", parents=[common], help="lab report cards from many workers")
    csub = cards.add_subparsers(dest="cards_command", metavar="COMMAND")
    merge = csub.add_parser("merge", parents=[common],
                            help="verify each card, refuse tampered ones and duplicates, and give per lab the median "
                                 "and spread over workers; exit 1 if any card was refused")
    merge.add_argument("cards", nargs="+", metavar="CARD", help="CARD.json files")
    merge.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    merge.set_defaults(func=run_cards_merge)
    settings = tsub.add_parser("settings", parents=[common],
                               help="the email (Toggl, Clockify) and the name or pseudonym (PDF) exports use")
    settings.add_argument("--email", metavar="ADDRESS", help="the email of your Toggl or Clockify account")
    settings.add_argument("--worker", metavar="NAME", help="your name or pseudonym on the PDF ('' to leave it out)")
    settings.set_defaults(func=run_settings)
    verify = tsub.add_parser(
        "verify", parents=[common],
        help="check an export file against the worker's key, or the store's chain; exit 0 verified, 1 not what it "
             "claims (the reasons named), 2 cannot be checked")
    verify.add_argument("file", nargs="?", metavar="FILE", help="a JSON export, or a file with its FILE.sig beside it")
    verify.add_argument("--key", metavar="FINGERPRINT",
                        help="the worker's key fingerprint as they gave it to you (XXXX:XXXX:XXXX:XXXX or its "
                             "64-digit SHA-256), or their PEM public key file; default: this installation's key")
    verify.add_argument("--head", metavar="CODE", help="also check that the records contain this chain-head code")
    verify.add_argument("--full", action="store_true",
                        help="check every record of the store's chain, not only those after the signed checkpoint")
    verify.set_defaults(func=run_verify)
    _declared_commands(tsub, common)
    head = tsub.add_parser("head", parents=[common], help="print the chain-head code to send to someone you trust")
    head.set_defaults(func=run_head)
    key = tsub.add_parser("key", parents=[common],
                          help="print this installation's key fingerprint (to give to whoever checks your exports)")
    key.add_argument("--pem", action="store_true", help="print the public key as PEM (for openssl)")
    key.set_defaults(func=run_key)


def _declared_commands(tsub, common) -> None:
    from annotator.cli import timesheet_declared as declared

    declared.register(tsub, common)


def _export_options(p) -> None:
    p.add_argument("--delimiter", metavar="CHAR", help="csv: , (default) ; or tab")
    p.add_argument("--decimal", metavar="CHAR", help="csv: the decimal mark, . (default) or , (then --delimiter ;)")
    p.add_argument("--bom", action="store_true", help="csv: start with a UTF-8 byte-order mark (for Excel)")
    p.add_argument("--email", metavar="ADDRESS", help="toggl, clockify: your account's email (default: the setting)")
    p.add_argument("--no-billable", dest="billable", action="store_false", default=None,
                   help="toggl, clockify: leave the Billable column out (free plans)")
    p.add_argument("--clockify-date", dest="date_format", metavar="FORMAT",
                   help="clockify: the date format of your profile (default MM/DD/YYYY)")
    p.add_argument("--clockify-time", dest="time_format", metavar="12h|24h",
                   help="clockify: the time format of your profile (default 12h)")
    p.add_argument("--clockify-duration", dest="duration_format", metavar="full|compact|decimal",
                   help="clockify: your workspace's duration format (default full, h:mm:ss)")
    p.add_argument("--worker", metavar="NAME", help="pdf: the name or pseudonym shown (default: the setting)")


def _tz(args):
    from annotator.core.metering.zones import local_zone, zone

    if not args.timezone:
        return local_zone()
    try:
        return zone(args.timezone), args.timezone
    except ValueError as exc:
        raise UserError(str(exc)) from None


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


def run_show(ctx) -> int:
    from annotator.core.metering import exports, formats
    from annotator.core.metering.timesheet import compute
    from annotator.core.metering.verify import verify_store
    from annotator.core.safetext import terminal

    kw, tz_name = _common(ctx)
    verdict = verify_store(ctx.store, full=True)  # T17: every record, not only those after the checkpoint
    if not verdict.ok:  # the figures below rest on a chain that does not verify: say so, in one line
        print(f"annotator: warning: {terminal(verdict.message)} (annotator timesheet verify)", file=sys.stderr)
    fmt = ctx.args.format or "text"
    if fmt == "json":
        ctx.out(json.dumps(exports.build_document(ctx.store, tz_name=tz_name, **kw), ensure_ascii=False, indent=1))
        return 0
    sheet = compute(ctx.store, **kw)
    if fmt == "csv":
        sys.stdout.write(formats.csv_text(sheet, kw["tz"]))
        return 0
    ctx.out(summary_text(sheet))
    return 0


def summary_text(sheet) -> str:
    from annotator.core.metering.engine import CATEGORIES
    from annotator.core.safetext import terminal
    from annotator.core.units import duration as _hours

    lines = []
    src = sheet.get("sources") or {}
    dec = (src.get("declared") or {}).get("totals") or {}
    mea = (src.get("measured") or {}).get("totals") or sheet["totals"]
    if any(dec.values()):  # declared time is shown beside measured time, never merged silently
        lines.append(f"time per category (h:mm:ss):      {'measured':>9} {'declared':>9}")
        for cat in CATEGORIES:
            lines.append(f"  {cat:<13} {_hours(sheet['totals'][cat]):>9}   = {_hours(mea[cat]):>9} "
                         f"{_hours(dec.get(cat, 0)):>9}")
        lines.append(f"  {'counted':<13} {_hours(sheet['counted_seconds']):>9}   = "
                     f"{_hours(src['measured']['counted_seconds']):>9} {_hours(src['declared']['counted_seconds']):>9}"
                     "   (all but break and away)")
    else:
        lines.append("time per category (h:mm:ss):")
        for cat in CATEGORIES:
            lines.append(f"  {cat:<13} {_hours(sheet['totals'][cat]):>9}")
        lines.append(f"  {'counted':<13} {_hours(sheet['counted_seconds']):>9}   (all but break and away)")
    items = sheet["items"]
    lines.append(f"items: {items['submitted']} submitted, {items['skipped']} skipped, {items['flagged']} flagged, "
                 f"{items['rejected']} rejected")
    for cur, e in sheet["earnings"].items():
        w = sheet["wages"][cur]
        eff = "—" if w["effective_hourly"] is None else f"{w['effective_hourly']:.2f}"
        plat = "—" if w["platform_hourly"] is None else f"{w['platform_hourly']:.2f}"
        lines.append(f"{cur}: expected {e['expected']:.2f}, received {e['received']:.2f}; "
                     f"effective {eff} {cur}/h (platform view {plat} {cur}/h)")
        if w.get("declared_hours"):
            meas = "—" if w["measured_effective_hourly"] is None else f"{w['measured_effective_hourly']:.2f}"
            lines.append(f"{cur}: of the counted time {w['declared_hours']:.2f} h is declared; on measured time "
                         f"alone {meas} {cur}/h")
        if e["received"]:
            rec = "—" if w.get("received_hourly") is None else f"{w['received_hourly']:.2f}"
            lines.append(f"{cur}: received per counted hour {rec} {cur}/h")
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
        lines.append(f"pack {terminal(p['pack'])} {terminal(p['version'] or '')} ({terminal(p['lab'] or '?')}): "
                     f"counted {_hours(p['counted_seconds'])}, "
                     f"{p['items']['submitted']} submitted, {spi} per item"
                     + (f" (lab's estimate {est:g} s)" if est else ""))
    if sheet["gaps"]:
        lines.append(f"gaps (not counted): {len(sheet['gaps'])}, "
                     f"{_hours(sum(g['seconds'] for g in sheet['gaps']))} in total")
    return "\n".join(lines)


def run_export(ctx) -> int:
    from annotator.core.metering import exports

    from annotator.core.metering.formats import format_for

    args = ctx.args
    out = Path(args.output)
    fmt = format_for(out.name, args.format)
    kw, tz_name = _common(ctx)
    writer = None
    if fmt == "pdf":
        from annotator.ui import headless, i18n
        from annotator.ui.metering.pdf import pdf_bytes

        # in the worker's language, as the window would draw it
        i18n.install(headless.ensure_app(widgets=True), i18n.choose_language(ctx.store.get("language")))
        writer = pdf_bytes
    options = {"delimiter": args.delimiter, "decimal": args.decimal, "bom": args.bom or None,
               "email": args.email or ctx.store.get(EMAIL_KEY), "billable": args.billable,
               "date_format": args.date_format, "time_format": args.time_format,
               "duration_format": args.duration_format}
    worker = args.worker if args.worker is not None else ctx.store.get(WORKER_KEY)
    paths = exports.write_export(ctx.store, out, fmt, tz_name=tz_name, pdf_writer=writer, options=options,
                                 worker=worker or None, **kw)
    ctx.out("wrote " + ", ".join(str(p) for p in paths))
    return 0


def run_verify(ctx) -> int:
    from annotator.core import keys
    from annotator.core.metering import verify

    if ctx.args.file:
        pin = keys.Pin.parse(ctx.args.key) if ctx.args.key else keys.Pin.installation(ctx.data_dir)
        verdict = verify.verify_file(Path(ctx.args.file), pin=pin, head=ctx.args.head)
    else:
        if ctx.args.key:
            raise UserError("--key checks an export file; give the FILE too")
        verdict = verify.verify_store(ctx.store, ctx.args.head, full=ctx.args.full)
    if verdict.ok:
        ctx.out(verdict.message)
        return 0
    print(f"annotator: {verdict.message}", file=sys.stderr)
    return 1


def run_card(ctx) -> int:
    from annotator.core.metering import card as cards

    args = ctx.args
    out = Path(args.output)
    if out.suffix.lower() not in (".json", ".md"):
        raise UserError(f"a card is written as FILE.json or FILE.md, not {out.name!r}")
    share = cards.SHARES
    if args.share:
        share = tuple(s.strip() for s in args.share.split(",") if s.strip())
        unknown = [s for s in share if s not in cards.SHARES]
        if unknown or not share:
            raise UserError(f"--share takes some of: {', '.join(cards.SHARES)}")
    tz, _ = _tz(args)
    start, end = _period(args, tz)
    made = cards.make(ctx.store, lab=args.lab, share=share, evidence=args.records, start=start, end=end)
    from annotator.core.metering.exports import _atomic, document_bytes

    if out.suffix.lower() == ".md":
        _atomic(out, cards.markdown_signed(ctx.store, made).encode("utf-8"))
    else:
        _atomic(out, document_bytes(made))
    ctx.out(f"wrote {out}: {len(made['labs'])} lab(s), sharing {', '.join(made['share'])}"
            + ("" if args.records else ", without records"))
    return 0


def run_cards_merge(ctx) -> int:
    from annotator.core.metering import card as cards
    from annotator.core.metering.verify import _read, parse_json
    from annotator.core.safetext import terminal

    loaded = []
    refused = []
    for name in ctx.args.cards:
        path = Path(name)
        try:
            loaded.append((path.name, parse_json(_read(path), path.name)))
        except UserError as exc:
            refused.append(str(exc))
    merged, why = cards.merge(loaded)
    refused += why
    for line in refused:
        print(f"annotator: refused: {terminal(line)}", file=sys.stderr)
    if ctx.args.format == "json":
        ctx.out(json.dumps(merged, ensure_ascii=False, indent=1))
    else:
        ctx.out(terminal(cards_text(merged), keep_newlines=True))
    return 1 if refused else 0


def cards_text(merged) -> str:
    def spread(s, fmt):
        if not s:
            return "—"
        return f"median {fmt(s['median'])} (middle half {fmt(s['p25'])}–{fmt(s['p75'])}, " \
               f"{fmt(s['min'])}–{fmt(s['max'])}; {s['workers']} workers)"

    pct = lambda x: f"{100 * x:.0f} %"  # noqa: E731
    lines = [f"{merged['cards']} cards merged"]
    for lab, f in merged["labs"].items():
        lines.append(f"{lab}: {f['cards']} cards ({f['cards_with_records']} with their records)")
        for cur, s in f["effective_hourly"].items():
            lines.append(f"  effective hourly wage: {spread(s, lambda x: f'{x:.2f} {cur}/h')}")
        lines.append(f"  unpaid share: {spread(f['unpaid_share'], pct)}")
        lines.append(f"  time per item / lab's estimate: {spread(f['time_per_item_ratio'], lambda x: f'{x:.2f}')}")
        lines.append(f"  rejection rate: {spread(f['rejection_rate'], pct)}")
        for cur, s in f["payment_delay_days"].items():
            lines.append(f"  days to payment ({cur}): {spread(s, lambda x: f'{x:g}')}")
    return "\n".join(lines)


def run_settings(ctx) -> int:
    from annotator.core.metering.formats import check_options
    from annotator.core.safetext import terminal

    args = ctx.args
    if args.email is not None:
        if args.email:
            check_options("toggl", {"email": args.email})
        ctx.store.set(EMAIL_KEY, args.email.strip() or None)
    if args.worker is not None:
        ctx.store.set(WORKER_KEY, " ".join(args.worker.split())[:120] or None)
    ctx.out(f"email  {terminal(ctx.store.get(EMAIL_KEY) or '(not set)')}")
    ctx.out(f"worker {terminal(ctx.store.get(WORKER_KEY) or '(not set: the PDF names no one)')}")
    return 0


def run_key(ctx) -> int:
    from annotator.core import keys

    key = keys.load_or_create(ctx.data_dir)
    if ctx.args.pem:
        sys.stdout.write(keys.public_pem(key.public_b64))
        return 0
    ctx.out(f"fingerprint {key.fingerprint}")
    ctx.out(f"SHA-256     {keys.sha256_of(key.public_b64)}")
    ctx.out(f"public key  {key.public_b64}")
    return 0


def run_head(ctx) -> int:
    from annotator.core.metering.chain import head_code
    from annotator.core.metering.repository import MeterRepository

    seq, digest = MeterRepository(ctx.store).head()
    ctx.out(head_code(seq, digest))
    return 0
