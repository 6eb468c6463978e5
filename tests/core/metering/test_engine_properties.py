"""Property tests: any trace gives intervals that add up with no overlap, and the same ones every time."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.clock import ManualClock
from annotator.core.metering.engine import Engine, Gap, Interval, run_engine, totals
from annotator.core.metering.repository import MeterRepository, record_columns
from annotator.core.metering.service import MeterService
from annotator.core.store import Store
from tests.core.metering.traces import Trace

VIEWS = [("library", None, None), ("instructions", "p", None), ("task", "p", "work"), ("task", "p", "training"),
         ("task", "p", "review"), ("timesheet", None, None), ("settings", None, None)]

step = st.one_of(
    st.tuples(st.just("view"), st.integers(0, len(VIEWS) - 1)),
    st.tuples(st.just("work"), st.floats(1, 400)),  # time passes with inputs every 2 s
    st.tuples(st.just("idle"), st.floats(1, 1200)),  # time passes, heartbeats only
    st.tuples(st.just("away_elsewhere"), st.floats(1, 600)),  # unfocused, system idle reports
    st.tuples(st.just("focus"), st.booleans()),
    st.tuples(st.just("media"), st.booleans()),
    st.tuples(st.just("break"), st.booleans()),
    st.tuples(st.just("item"), st.sampled_from(["submitted", "skipped", "flagged"])),
    st.tuples(st.just("sleep"), st.floats(16, 10_000)),
    st.tuples(st.just("crash"), st.floats(1, 1000)),
    st.tuples(st.just("restart"), st.floats(0, 1000)),
    # rules 2: availability mode for a platform (on or off) and views that state a reading time
    st.tuples(st.just("availability"), st.sampled_from(["Prolific", "Toloka", None])),
    st.tuples(st.just("reading"), st.tuples(st.integers(0, len(VIEWS) - 1), st.floats(0, 900))),
)


def build(steps, back_jumps: list[float] = ()) -> list[dict]:
    tr = Trace()
    item = 0
    for op, arg in steps:
        if op == "view":
            view, pack, phase = VIEWS[arg]
            item += view == "task"
            tr.view(view, pack=pack, item=f"i{item}" if view == "task" else None, phase=phase)
        elif op == "work":
            tr.wait(arg, input_every=2)
        elif op == "idle":
            tr.wait(arg)
        elif op == "away_elsewhere":
            tr.wait(arg, system_idle=True)
        elif op == "focus":
            tr.add("focus", focused=arg)
        elif op == "media":
            tr.add("media", playing=arg)
        elif op == "break":
            tr.add("break", on=arg)
        elif op == "item":
            tr.add("item", outcome=arg, pack="p", item=f"i{item}")
        elif op == "sleep":
            tr.jump(arg).add("heartbeat")
        elif op == "crash":
            tr.jump(arg).add("app_start")
        elif op == "restart":
            tr.quit().jump(arg).add("app_start")
        elif op == "availability":
            tr.add("availability", on=arg is not None, platform=arg)
        elif op == "reading":
            view, pack, phase = VIEWS[arg[0]]
            item += view == "task"
            tr.view(view, pack=pack, item=f"i{item}" if view == "task" else None, phase=phase,
                    reading_seconds=round(arg[1], 1))
    for jump in back_jumps:
        tr.jump(-jump).add("heartbeat").wait(200, input_every=3)
    tr.quit()
    return tr.signals


def check_intervals(records, clock_back: bool = False):
    spans = sorted([r for r in records if isinstance(r, (Interval, Gap))], key=lambda r: (r.start, r.end))
    for r in spans:
        assert r.end > r.start
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start + 1e-9, (a, b)  # no overlap
        if not clock_back and a.run == b.run and not (isinstance(a, Gap) and a.reason == "crash"):
            assert abs(a.end - b.start) < 1e-6, (a, b)  # within a run every second is in exactly one place
    intervals = [r for r in records if isinstance(r, Interval)]
    assert abs(sum(totals(records).values()) - sum(iv.end - iv.start for iv in intervals)) < 1e-6


@settings(max_examples=150, deadline=None)
@given(st.lists(step, max_size=40))
def test_categories_add_up_to_the_covered_time_with_no_overlap(steps):
    signals = build(steps)
    records = run_engine(signals)
    check_intervals(records)
    # counted time = each run from its start to its quit (or its last signal before a crash), minus sleep gaps
    covered, run_start, prev_t = 0.0, None, None
    for sig in signals:
        if sig["kind"] == "app_start":
            if run_start is not None:
                covered += prev_t - run_start
            run_start = sig["t"]
        elif sig["kind"] == "app_quit" and run_start is not None:
            covered += sig["t"] - run_start
            run_start = None
        prev_t = sig["t"]
    sleep = sum(r.end - r.start for r in records if isinstance(r, Gap) and r.reason == "sleep")
    assert abs(sum(totals(records).values()) + sleep - covered) < 1e-6


@settings(max_examples=60, deadline=None)
@given(st.lists(step, max_size=25), st.lists(st.floats(2, 5000), max_size=2))
def test_a_clock_moving_back_never_overlaps(steps, back):
    records = run_engine(build(steps, back))
    check_intervals(records, clock_back=True)


@settings(max_examples=80, deadline=None)
@given(st.lists(step, max_size=40), st.integers(1, 50))
def test_replay_is_deterministic_whatever_the_chunks_and_live_peeks(steps, chunk):
    signals = build(steps)
    reference = run_engine(signals)
    assert run_engine(signals) == reference
    engine = Engine()
    for i, sig in enumerate(signals):
        engine.feed(sig)
        if i % chunk == 0:
            engine.tentative(sig["t"] + chunk)  # the live meter looks; nothing may change
    engine.finish()
    assert engine.out == reference


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(step, max_size=30))
def test_the_live_service_writes_what_the_engine_gives(tmp_path_factory, steps):
    """Through the real meter (coalesced inputs, SQLite, chain) the records equal the pure engine's."""
    signals = build(steps)
    clock = ManualClock(signals[0]["t"])
    with Store(tmp_path_factory.mktemp("live"), clock=clock) as store:
        service = MeterService(store, clock=clock)
        for sig in signals:
            clock.t = sig["t"]
            service.signal(sig["kind"], **{k: v for k, v in sig.items() if k not in ("t", "kind")})
        repo = MeterRepository(store)
        stored = [r for r in repo.rows(kinds=("interval", "gap", "outcome"))]
        expected = [record_columns(r) for r in run_engine(signals)]
        got = [{"kind": r.kind, "start": r.start, "end": r.end, "category": r.category, "pack": r.pack,
                "version": r.version, "item": r.item, "run": r.run, "data": r.data} for r in stored]
        for e in expected:
            for k in ("category", "pack", "version", "item"):
                e.setdefault(k, None)
        assert got == expected
        # and replaying the stored signal log gives the same records again
        replayed = [record_columns(r) for r in run_engine(list(repo.signals()))]
        for e in replayed:
            for k in ("category", "pack", "version", "item"):
                e.setdefault(k, None)
        assert replayed == expected
