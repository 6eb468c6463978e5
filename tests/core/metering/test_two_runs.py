"""Two runs writing into one store (two windows on one data folder, if its lock were bypassed):
under any interleaving of their writes, no second is counted twice."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.clock import ManualClock
from annotator.core.metering.repository import MeterRepository
from annotator.core.metering.service import MeterService
from annotator.core.store import Store
from tests.core.metering.test_engine_properties import build, step
from tests.core.metering.traces import Trace


def union_length(spans: list[tuple[float, float]]) -> float:
    total, end = 0.0, float("-inf")
    for a, b in sorted(spans):
        if b > end:
            total += b - max(a, end)
            end = b
    return total


def feed_interleaved(store, traces: list[list[dict]], order: list[bool]) -> None:
    """Each trace through its own live meter (its own clock), popping from one or the other as ``order`` says."""
    clocks = [ManualClock(t[0]["t"]) for t in traces]
    services: list[MeterService | None] = [None, None]
    queues = [list(t) for t in traces]
    picks = iter(order)
    while any(queues):
        who = int(next(picks, False)) if all(queues) else (0 if queues[0] else 1)
        sig = queues[who].pop(0)
        clocks[who].t = sig["t"]
        if services[who] is None:  # the window opens: its meter starts on the store as it is then
            services[who] = MeterService(store, clock=clocks[who])
        services[who].signal(sig["kind"], **{k: v for k, v in sig.items() if k not in ("t", "kind")})
    for service in services:
        service.flush()


def check_counted_once(store, traces: list[list[dict]]) -> None:
    rows = list(MeterRepository(store).rows(kinds=("interval",)))
    spans = sorted((r.start, r.end) for r in rows)
    for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
        assert a1 <= b0 + 1e-9, f"[{a0}, {a1}] and [{b0}, {b1}] count the same seconds"
    wall = union_length([(t[0]["t"], t[-1]["t"]) for t in traces])
    assert sum(b - a for a, b in spans) <= wall + 1e-6


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(step, max_size=18), st.lists(step, max_size=18), st.floats(0, 600), st.lists(st.booleans()))
def test_two_runs_in_one_store_never_count_a_second_twice(tmp_path_factory, steps_a, steps_b, offset, order):
    a = build(steps_a)
    b = [{**s, "t": round(s["t"] + offset, 3)} for s in build(steps_b)]
    with Store(tmp_path_factory.mktemp("two")) as store:
        feed_interleaved(store, [a, b], order)
        check_counted_once(store, [a, b])


def test_two_windows_side_by_side_count_the_wall_time_once(tmp_path):
    """The issue's case: 16 s of wall time with two windows open was counted as 28 s."""
    a, b = Trace(), Trace(t=Trace().t + 2)
    for tr in (a, b):
        tr.view("task", pack="p", item="i1", phase="work")
    a.wait(16, input_every=1).quit()
    b.wait(12, input_every=1).quit()
    with Store(tmp_path / "data") as store:
        # as two windows send them: in time order
        order = [who == 1 for _, who in sorted([(s["t"], 0) for s in a.signals] + [(s["t"], 1) for s in b.signals])]
        feed_interleaved(store, [a.signals, b.signals], order)
        check_counted_once(store, [a.signals, b.signals])
        counted = sum(r.end - r.start for r in MeterRepository(store).rows(kinds=("interval",)))
    assert counted == 16.0
