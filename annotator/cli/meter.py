"""``annotator meter``: replay a recorded trace, dump the signal log, correct an interval, set thresholds."""
from __future__ import annotations

import sys

from annotator.core.errors import UserError

NAMES = ("meter",)


def register(sub, common) -> None:
    meter = sub.add_parser("meter", parents=[common], help="the metering engine: replay traces, signals, corrections")
    msub = meter.add_subparsers(dest="meter_command", metavar="COMMAND")
    replay = msub.add_parser("replay", parents=[common],
                             help="feed a recorded trace (JSON Lines of signals) through the engine into the store")
    replay.add_argument("trace", metavar="TRACE.jsonl",
                        help="the trace: one signal per line, as 'meter signals' writes")
    replay.set_defaults(func=run_replay)
    signals = msub.add_parser("signals", parents=[common], help="write the stored signal log as a trace")
    signals.add_argument("-o", "--output", metavar="FILE", help="file to write (default: standard output)")
    signals.set_defaults(func=run_signals)
    correct = msub.add_parser("correct", parents=[common],
                              help="correct a measured interval (a new record; the original is kept)")
    correct.add_argument("record", type=int, metavar="RECORD", help="the interval's record number")
    correct.add_argument("--category", metavar="CATEGORY",
                         help="the category it should count as: waiting, instructions, training, work, review, "
                              "admin, break or away")
    correct.add_argument("--note", default="", help="why (shown in exports)")
    correct.set_defaults(func=run_correct)
    thresholds = msub.add_parser("thresholds", parents=[common], help="show or set the idle thresholds")
    thresholds.add_argument("--set", action="append", default=[], metavar="CATEGORY=SECONDS",
                            help="change one threshold (used from the next app start)")
    thresholds.add_argument("--reset", action="store_true", help="back to the defaults")
    thresholds.set_defaults(func=run_thresholds)


def run_replay(ctx) -> int:
    from annotator.core.metering.service import replay_into
    from annotator.core.metering.signals import read_trace

    signals = read_trace(ctx.args.trace)
    if not signals:
        raise UserError(f"{ctx.args.trace}: no signals in the trace")
    try:
        result = replay_into(ctx.store, signals, progress=ctx.progress)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    from annotator.core.metering.repository import MeterRepository
    from annotator.core.metering.chain import head_code

    head = MeterRepository(ctx.store).head()
    ctx.out(f"replayed {result['signals']} signals: {result['records']} new records; chain head {head_code(*head)}")
    return 0


def run_signals(ctx) -> int:
    from annotator.core.metering.repository import MeterRepository
    from annotator.core.metering.signals import write_trace

    repo = MeterRepository(ctx.store)
    if ctx.args.output:
        try:
            with open(ctx.args.output, "w", encoding="utf-8") as fh:
                n = write_trace(repo.signals(), fh)
        except OSError as exc:
            raise UserError(f"cannot write {ctx.args.output}: {exc.strerror or exc}") from None
        print(f"wrote {n} signals to {ctx.args.output}", file=sys.stderr)
    else:
        write_trace(repo.signals(), sys.stdout)
    return 0


def run_correct(ctx) -> int:
    from annotator.core.metering.repository import MeterRepository

    row = MeterRepository(ctx.store).correct(ctx.args.record, ctx.args.category, ctx.args.note)
    ctx.out(f"record {row.seq}: interval {ctx.args.record} now counts as {row.category}")
    return 0


def run_thresholds(ctx) -> int:
    from annotator.core.metering.engine import check_thresholds
    from annotator.core.metering.service import THRESHOLDS_KEY

    store = ctx.store
    current = dict(store.get(THRESHOLDS_KEY) or {})
    if ctx.args.reset:
        current = {}
    for item in ctx.args.set:
        name, sep, value = item.partition("=")
        if not sep:
            raise UserError(f"--set needs CATEGORY=SECONDS, not {item!r}")
        current[name.strip()] = value.strip()
    try:
        checked = check_thresholds(current)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if ctx.args.set or ctx.args.reset:
        store.set(THRESHOLDS_KEY, {k: checked[k] for k in current})
    for name, seconds in checked.items():
        ctx.out(f"{name:<13} {seconds:g} s")
    return 0
