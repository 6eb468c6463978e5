"""Recorded traces through the engine, every category total compared with what a person would count."""
from __future__ import annotations

import pytest

from annotator.core.metering.engine import CATEGORIES, Gap, Interval, Outcome, run_engine, totals
from tests.core.metering.traces import Trace

P = "lab.pack"


def expect(records, **seconds):
    got = totals(records)
    want = dict.fromkeys(CATEGORIES, 0.0)
    want.update(seconds)
    assert {k: round(v, 3) for k, v in got.items()} == want


def gaps(records):
    return [r for r in records if isinstance(r, Gap)]


def working(tr: Trace, seconds: float, item: str = "i1") -> Trace:
    return tr.view("task", pack=P, item=item, phase="work").wait(seconds, input_every=3)


def test_a_plain_session_is_waiting_instructions_and_work():
    tr = Trace().view("library").wait(30, 5)
    tr.view("instructions", pack=P).wait(90, 10)
    working(tr, 300).quit()
    expect(run_engine(tr.signals), waiting=30, instructions=90, work=300)


def test_unfocused_worker_active_in_another_program_keeps_the_category():
    tr = Trace()
    working(tr, 60)
    tr.add("focus", focused=False)
    # ten minutes checking a fact in the browser: no input in the app, the system says 2 s idle
    tr.wait(600, system_idle=True)
    tr.add("focus", focused=True).wait(30, 3).quit()
    expect(run_engine(tr.signals), work=690)


def test_unfocused_without_system_idle_reports_becomes_away_after_the_threshold():
    tr = Trace()
    working(tr, 60)
    tr.add("focus", focused=False).wait(600)  # another OS: no idle time is known
    tr.add("focus", focused=True).wait(30, 3).quit()
    # away is back-dated to the focus change (the last activity), until focus comes back
    expect(run_engine(tr.signals), work=90, away=600)


def test_system_idle_back_dates_the_away_span_to_the_last_activity_elsewhere():
    tr = Trace()
    working(tr, 60)
    tr.add("focus", focused=False).wait(100, system_idle=True)
    for _ in range(60):  # the worker left the computer: idle time grows with each report
        tr.wait(5)
        tr.add("system_idle", seconds=tr.t - (1_764_000_000.0 + 160))
    tr.add("focus", focused=True).wait(30, 3).quit()
    records = run_engine(tr.signals)
    expect(records, work=190, away=300)


def test_instructions_read_without_input_for_four_minutes_count_as_instructions():
    tr = Trace().view("instructions", pack=P).add("input").wait(240).add("input")
    working(tr, 60).quit()
    expect(run_engine(tr.signals), instructions=240, work=60)


def test_instructions_untouched_for_six_minutes_are_away_from_the_last_input():
    tr = Trace().view("instructions", pack=P).add("input").wait(360).add("input")
    working(tr, 60).quit()
    expect(run_engine(tr.signals), away=360, work=60)


def test_media_playing_without_input_is_work():
    tr = Trace().view("task", pack=P, item="rec-1", phase="work").add("input")
    tr.add("media", playing=True).wait(400).add("media", playing=False)
    tr.wait(60, 3).quit()
    expect(run_engine(tr.signals), work=460)


def test_media_stopped_then_silence_is_away_from_when_it_stopped():
    tr = Trace().view("task", pack=P, item="rec-1", phase="work").add("input")
    tr.add("media", playing=True).wait(100).add("media", playing=False)
    tr.wait(200).add("input").wait(10, 2).quit()
    expect(run_engine(tr.signals), work=110, away=200)


def test_a_declared_break_is_break_however_long_and_silent():
    tr = Trace()
    working(tr, 120)
    tr.add("break", on=True).wait(1800).add("break", on=False)
    working(tr, 60).quit()
    expect(run_engine(tr.signals), work=180, **{"break": 1800})


def test_a_sleep_gap_is_not_counted_and_is_reported():
    tr = Trace()
    working(tr, 100)
    tr.jump(3600)  # the laptop slept for an hour: no heartbeat
    tr.add("heartbeat").add("input").wait(50, 3).quit()
    records = run_engine(tr.signals)
    expect(records, work=150)
    (gap,) = gaps(records)
    assert gap.reason == "sleep" and gap.end - gap.start == pytest.approx(3600, abs=5)


def test_a_clock_jumping_back_never_gives_negative_or_overlapping_time():
    tr = Trace()
    working(tr, 100)
    tr.jump(-3600)  # the clock is set back an hour
    working(tr, 3700)  # work goes on; the clock passes the old time after 3600 s
    tr.quit()
    records = run_engine(tr.signals)
    intervals = [r for r in records if isinstance(r, Interval)]
    assert all(iv.end > iv.start for iv in intervals)
    for a, b in zip(intervals, intervals[1:]):
        assert a.end <= b.start
    # the hour replayed under the old clock is not counted twice: 100 s before, ~100 s after catching up
    t = totals(records)
    assert t["work"] == pytest.approx(200, abs=5)
    assert [g.reason for g in gaps(records)] == ["clock_back"]


def test_a_clock_jumping_forward_is_a_gap():
    tr = Trace()
    working(tr, 100)
    tr.jump(7200)
    tr.add("heartbeat")
    working(tr, 100).quit()
    records = run_engine(tr.signals)
    expect(records, work=200)
    assert [g.reason for g in gaps(records)] == ["sleep"]


def test_a_crash_loses_at_most_one_heartbeat_period():
    tr = Trace()
    working(tr, 302)  # last heartbeat at 300 s, last input at 301 s; killed at 302 s
    tr.jump(600)
    tr.add("app_start").view("library").wait(20, 5).quit()
    records = run_engine(tr.signals)
    t = totals(records)
    assert 297 <= t["work"] <= 302
    assert t["waiting"] == 20
    (gap,) = gaps(records)
    assert gap.reason == "crash"


def test_item_outcomes_are_recorded_with_the_phase_of_the_item_shown():
    tr = Trace().view("task", pack=P, item="t1", phase="training").wait(10, 2)
    tr.add("item", outcome="submitted", pack=P, item="t1")
    tr.view("task", pack=P, item="w1", phase="work").wait(10, 2)
    tr.add("item", outcome="flagged", pack=P, item="w1").quit()
    outcomes = [r for r in run_engine(tr.signals) if isinstance(r, Outcome)]
    assert [(o.item, o.outcome, o.phase) for o in outcomes] == [("t1", "submitted", "training"),
                                                                ("w1", "flagged", "work")]


def test_admin_review_and_training_come_from_the_view():
    tr = Trace().view("timesheet").wait(30, 3).view("settings").wait(20, 3)
    tr.view("task", pack=P, item="a", phase="training").wait(40, 3)
    tr.view("task", pack=P, item="a", phase="review").wait(50, 3).quit()
    expect(run_engine(tr.signals), admin=50, training=40, review=50)


def test_thresholds_come_from_app_start_and_change_the_result():
    tr = Trace(thresholds={"instructions": 600}).view("instructions", pack=P).add("input").wait(400).add("input")
    tr.quit()
    expect(run_engine(tr.signals), instructions=400)


def test_intervals_say_how_they_were_decided():
    tr = Trace().view("instructions", pack=P).add("input").wait(400).add("input").quit()
    (iv,) = [r for r in run_engine(tr.signals) if isinstance(r, Interval)]
    assert iv.category == "away" and "300 s" in iv.rule and "instructions" in iv.rule
