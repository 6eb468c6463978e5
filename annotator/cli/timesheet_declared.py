"""``annotator timesheet add`` and ``annotator timesheet declared list|withdraw|correct``: time the worker
declares (work the app could not see), kept apart from measured time in every figure and export."""
from __future__ import annotations

from datetime import datetime

from annotator.core.errors import UserError

WHEN = "YYYY-MM-DDTHH:MM, or HH:MM for today (local time)"


def register(tsub, common) -> None:
    add = tsub.add_parser(
        "add", parents=[common],
        help="declare time the app could not see (work on a platform's site, emails, an entry test); refused if it "
             "overlaps measured or declared time",
        description="Declared time is a record of its own in the chain, shown and exported as 'declared' beside "
                    "'measured', never merged with it.")
    add.add_argument("--start", required=True, metavar="WHEN", help=f"when it started: {WHEN}")
    add.add_argument("--end", metavar="WHEN", help=f"when it ended: {WHEN} (or give --duration)")
    add.add_argument("--duration", metavar="LENGTH", help="how long: 1h30m, 45m, 1:30 (or give --end)")
    add.add_argument("--category", required=True, metavar="CATEGORY",
                     help="waiting, instructions, training, work, review or admin")
    add.add_argument("--lab", metavar="NAME", help="the platform or lab it was for")
    add.add_argument("--pack", metavar="ID", help="the pack it was for, if any (its lab and pay terms apply)")
    add.add_argument("--note", default="", metavar="TEXT", help="what it was (shown in exports)")
    ev = add.add_mutually_exclusive_group()
    ev.add_argument("--evidence", metavar="FILE", help="a file as evidence: only its SHA-256 is kept, nothing uploaded")
    ev.add_argument("--link", metavar="URL", help="a link as evidence: only its SHA-256 is kept")
    add.set_defaults(func=run_add)

    dec = tsub.add_parser("declared", parents=[common], help="list, withdraw or correct declared time")
    dsub = dec.add_subparsers(dest="declared_command", metavar="COMMAND")
    lst = dsub.add_parser("list", parents=[common], help="the declared entries in force (record, span, category)")
    lst.add_argument("--all", action="store_true", help="withdrawn entries too")
    lst.set_defaults(func=run_list)
    wd = dsub.add_parser("withdraw", parents=[common],
                         help="withdraw a declared entry (a new record; the entry stays in the chain, no longer counted)")
    wd.add_argument("record", type=int, metavar="RECORD", help="the entry's record number (declared list shows it)")
    wd.add_argument("--note", default="", metavar="TEXT", help="why")
    wd.set_defaults(func=run_withdraw)
    co = dsub.add_parser("correct", parents=[common],
                         help="correct a declared entry: its category or note (a correction record), or its times "
                              "(withdrawn and declared again, in one step)")
    co.add_argument("record", type=int, metavar="RECORD", help="the entry's record number (declared list shows it)")
    co.add_argument("--category", metavar="CATEGORY", help="the category it should count as")
    co.add_argument("--note", default="", metavar="TEXT", help="why, or what it was")
    co.add_argument("--start", metavar="WHEN", help=f"the new start: {WHEN}")
    co.add_argument("--end", metavar="WHEN", help="the new end")
    co.add_argument("--duration", metavar="LENGTH", help="the new length")
    co.set_defaults(func=run_correct)


def _span(start: float, end: float) -> str:
    a, b = datetime.fromtimestamp(start), datetime.fromtimestamp(end)
    return f"{a:%Y-%m-%d %H:%M}–{b:%H:%M}" if a.date() == b.date() else f"{a:%Y-%m-%d %H:%M}–{b:%Y-%m-%d %H:%M}"


def run_add(ctx) -> int:
    from annotator.core.metering import declared
    from annotator.core.safetext import terminal
    from annotator.core.units import duration

    a = ctx.args
    evidence = declared.evidence_of(a.evidence, a.link)
    row = declared.declare(ctx.store, start=a.start, end=a.end, length=a.duration, category=a.category, lab=a.lab,
                           note=a.note, pack=a.pack, evidence=evidence)
    ctx.out(f"record {row.seq}: declared {row.category} {_span(row.start, row.end)} "
            f"({duration(row.end - row.start)})" + (f" for {terminal(row.data['lab'])}" if row.data.get("lab") else ""))
    return 0


def run_list(ctx) -> int:
    from annotator.core.metering import declared
    from annotator.core.safetext import terminal
    from annotator.core.units import duration

    shown = declared.entries(ctx.store, include_withdrawn=ctx.args.all)
    total = 0.0
    for e in shown:
        state = f"  withdrawn (record {e.withdrawn.seq})" if e.withdrawn is not None else ""
        ev = e.row.data.get("evidence")
        ctx.out(f"{e.seq:>7}  {_span(e.start, e.end)}  {duration(e.end - e.start):>8}  {e.category:<12} "
                f"{terminal(e.lab or e.pack or '')}  {terminal(e.note)}"
                + (f"  [{ev['kind']} sha256 {ev['sha256'][:12]}…]" if isinstance(ev, dict) else "") + state)
        if e.withdrawn is None:
            total += e.end - e.start
    ctx.out(f"{len([e for e in shown if e.withdrawn is None])} entries in force, {duration(total)} declared"
            if shown else "no declared time (annotator timesheet add declares some)")
    return 0


def run_withdraw(ctx) -> int:
    from annotator.core.metering import declared

    row = declared.withdraw(ctx.store, ctx.args.record, ctx.args.note)
    ctx.out(f"record {row.seq}: declared entry {ctx.args.record} withdrawn (it stays in the chain, no longer counted)")
    return 0


def run_correct(ctx) -> int:
    from annotator.core.metering import declared

    a = ctx.args
    if a.end is not None and a.duration is not None:
        raise UserError("give the new end or the new duration, not both")
    row = declared.correct(ctx.store, a.record, category=a.category, note=a.note, start=a.start, end=a.end,
                           length=a.duration)
    if row.kind == "declared":
        ctx.out(f"record {row.seq}: declared entry {a.record} replaced ({_span(row.start, row.end)}, {row.category})")
    else:
        ctx.out(f"record {row.seq}: declared entry {a.record} now counts as {row.category}")
    return 0
