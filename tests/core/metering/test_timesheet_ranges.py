"""A period read through the indexes (migration 0005) gives exactly the figures of the full computation.

The reference reads every record and keeps, in Python, those the single ``OR`` query kept before
(``(end >= from OR end IS NULL) AND (start < to OR start IS NULL)``), and finds each item's first
outcome by reading every outcome up to the period's end: the computation as it was. Generated
histories: intervals cut at midnight, declared time and its withdrawals, corrections, the same
outcome recorded twice (before and inside the period), pay terms, payments, rejections, gaps; in
the local zone, New York and Kolkata (a half-hour offset).
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.metering.engine import CATEGORIES
from annotator.core.metering.repository import MeterRepository
from annotator.core.metering.timesheet import compute
from annotator.core.store import Store

T0 = datetime(2025, 3, 3, 6, 0).timestamp()  # a Monday; 40 days take it over a month's end and a DST change
PACKS = [("a", "1"), ("b", "1"), (None, None)]
TERMS = {"a": {"title": "A", "lab": "Lab A", "currency": "EUR", "per_item": 0.5, "training_paid": True},
         "b": {"title": "B", "lab": "Lab B", "currency": "USD", "per_item": 0.2, "instructions_paid": True}}


class FullScan:
    """The records as the computation read them before the indexes: every row, filtered in Python."""

    def __init__(self, store):
        self.all = list(MeterRepository(store).rows())

    def rows(self, kinds=None, start=None, end=None, after_seq=None):
        for r in self.all:
            if kinds is not None and r.kind not in kinds:
                continue
            if start is not None and not (r.end is None or r.end >= start):
                continue
            if end is not None and not (r.start is None or r.start < end):
                continue
            if after_seq is not None and r.seq <= after_seq:
                continue
            yield r


event = st.one_of(
    st.tuples(st.just("interval"), st.integers(0, len(PACKS) - 1), st.sampled_from(CATEGORIES),
              st.floats(1, 30_000)),
    st.tuples(st.just("declared"), st.integers(0, len(PACKS) - 1), st.sampled_from(("work", "training")),
              st.floats(60, 20_000)),
    st.tuples(st.just("outcome"), st.integers(0, 1), st.integers(0, 2), st.sampled_from(("submitted", "skipped",
                                                                                        "flagged")),
              st.booleans()),
    st.tuples(st.just("correct"), st.integers(0, 50), st.sampled_from(CATEGORIES)),
    st.tuples(st.just("withdraw"), st.integers(0, 50)),
    st.tuples(st.just("gap"), st.floats(60, 5000)),
    st.tuples(st.just("payment"), st.floats(1, 100)),
    st.tuples(st.just("reject"), st.integers(0, 5), st.floats(0, 0.3)),
    st.tuples(st.just("pause"), st.floats(60, 200_000)),
    st.tuples(st.just("midnight"), st.integers(0, 3)),  # on a period's edge: the next local midnight
)


def write(store, events) -> float:
    repo = MeterRepository(store)
    repo.append_records([{"kind": "pack", "start": T0 - 10, "end": T0 - 10, "pack": p, "version": "1",
                          "data": terms} for p, terms in TERMS.items()])
    t = T0
    intervals: list[int] = []
    declared: list[int] = []
    for ev in events:
        kind = ev[0]
        if kind == "interval":
            pack, version = PACKS[ev[1]]
            data = {"rule": "r"} if pack else {"rule": "r", "lab": "Prolific"}
            rows = repo.append_records([{"kind": "interval", "start": t, "end": t + ev[3], "category": ev[2],
                                         "pack": pack, "version": version, "item": "i1" if pack else None,
                                         "run": 1, "data": data}])
            intervals += [r.seq for r in rows if r.kind == "interval"]
            t += ev[3]
        elif kind == "declared":
            pack, version = PACKS[ev[1]]
            rows = repo.append_records([{"kind": "declared", "start": t, "end": t + ev[3], "category": ev[2],
                                         "pack": pack, "version": version,
                                         "data": {"note": "n", "lab": None if pack else "Toloka"}}])
            declared.append(rows[0].seq)
            t += ev[3]
        elif kind == "outcome":
            pack, version = PACKS[ev[1]]
            repo.append_records([{"kind": "outcome", "start": t, "end": t, "pack": pack, "version": version,
                                  "item": f"i{ev[2]}", "run": 1,
                                  "data": {"outcome": ev[3], "phase": "training" if ev[4] else "work"}}])
        elif kind == "correct" and intervals:
            repo.correct(intervals[ev[1] % len(intervals)], ev[2], "c", at=t)
        elif kind == "withdraw" and declared:
            seq = declared.pop(ev[1] % len(declared))
            old = repo.record(seq)
            repo.append_records([{"kind": "withdrawal", "start": old.start, "end": old.end,
                                  "category": old.category, "pack": old.pack, "version": old.version,
                                  "data": {"withdraws": seq, "note": "w", "at": t}}])
        elif kind == "gap":
            repo.append_records([{"kind": "gap", "start": t, "end": t + ev[1], "run": 1,
                                  "data": {"reason": "silence", "note": ""}}])
            t += ev[1]
        elif kind == "payment":
            repo.append_records([{"kind": "payment", "start": t, "end": t, "pack": "a", "version": "1",
                                  "data": {"amount": round(ev[1], 2), "currency": "EUR", "lab": "Lab A", "note": ""}}])
        elif kind == "reject":
            repo.append_records([{"kind": "rejection", "start": t, "end": t, "pack": "a", "version": "1",
                                  "item": f"i{ev[1]}", "data": {"reason": "r", "paid": round(ev[2], 2)}}])
        elif kind == "pause":
            t += ev[1]
        elif kind == "midnight":
            d = date.fromtimestamp(t) + timedelta(days=1 + ev[1])
            t = datetime(d.year, d.month, d.day).timestamp()
    return t


def periods(last: float, tz):
    today = datetime.fromtimestamp(last, tz).date()
    firsts = [today, today - timedelta(days=today.weekday()), today.replace(day=1), today.replace(month=1, day=1),
              today - timedelta(days=3)]
    nxt = today + timedelta(days=1)
    out = [(None, None)]
    for d in firsts:
        out.append((datetime(d.year, d.month, d.day, tzinfo=tz).timestamp(),
                    datetime(nxt.year, nxt.month, nxt.day, tzinfo=tz).timestamp()))
    mid = date.fromtimestamp(T0 + 5 * 86400)
    out.append((datetime(mid.year, mid.month, mid.day, tzinfo=tz).timestamp(), None))  # an open end
    out.append((None, datetime(mid.year, mid.month, mid.day, 15, tzinfo=tz).timestamp()))  # an open start
    return out


def same(fast: dict, full: dict) -> None:
    fast, full = dict(fast), dict(full)
    for d in (fast, full):
        d.pop("generated_at")
        d["_intervals"] = [(a, b, e.row.seq, e.category) for a, b, e in d["_intervals"]]
    assert fast == full


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(events=st.lists(event, min_size=1, max_size=60),
       tz=st.sampled_from([None, ZoneInfo("America/New_York"), ZoneInfo("Asia/Kolkata")]),
       pack=st.sampled_from([None, "a"]))
def test_every_period_read_by_index_gives_the_full_computation(tmp_path_factory, events, tz, pack):
    with Store(tmp_path_factory.mktemp("ranges")) as store:
        last = write(store, events)
        full = FullScan(store)
        for start, end in periods(last, tz):
            same(compute(store, start=start, end=end, tz=tz, pack=pack),
                 compute(store, start=start, end=end, tz=tz, pack=pack, repo=full))


def test_an_outcome_recorded_before_the_period_is_not_counted_again_in_it(tmp_path):
    with Store(tmp_path) as store:
        last = write(store, [("outcome", 0, 1, "submitted", False), ("pause", 3 * 86400),
                             ("midnight", 0), ("payment", 10), ("midnight", 0),
                             ("outcome", 0, 1, "submitted", False), ("outcome", 0, 2, "submitted", False),
                             ("payment", 5), ("interval", 0, "work", 600)])
        today = periods(last, None)[1]
        sheet = compute(store, start=today[0], end=today[1])
        assert sheet["items"]["submitted"] == 1 and sheet["earnings"]["EUR"]["expected"] == 0.5
        assert [p["amount"] for p in sheet["payments"]] == [5.0]  # the one at midnight, on the period's edge
        same(sheet, compute(store, start=today[0], end=today[1], repo=FullScan(store)))


def test_records_with_an_open_start_or_end_are_read_as_the_or_query_read_them(tmp_path):
    with Store(tmp_path) as store:
        write(store, [("interval", 0, "work", 600), ("pause", 86400), ("payment", 3), ("interval", 1, "work", 60)])
        repo = MeterRepository(store)
        repo.append_records([{"kind": "payment", "start": None, "end": T0 + 100, "data": {"amount": 1}},
                             {"kind": "payment", "start": T0 + 50, "end": None, "data": {"amount": 2}},
                             {"kind": "payment", "start": None, "end": None, "data": {"amount": 3}},
                             {"kind": "payment", "start": None, "end": T0 - 100, "data": {"amount": 4}},
                             {"kind": "payment", "start": T0 + 10 * 86400, "end": None, "data": {"amount": 5}}])
        full = FullScan(store)
        for kinds in (None, ("payment",), ("interval", "payment")):
            for start, end in ((None, None), (T0, None), (None, T0 + 200), (T0, T0 + 200), (T0 + 86400, T0 + 2e5)):
                got = [r.seq for r in repo.rows(kinds=kinds, start=start, end=end)]
                assert got == [r.seq for r in full.rows(kinds=kinds, start=start, end=end)], (kinds, start, end)
