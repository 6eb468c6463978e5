"""Issue 15 items 1-3: declared time, availability mode and payouts, kept apart from measured time.

Declared entries are chain records shown as ``declared`` beside ``measured`` in every figure and
export, never overlapping measured or other declared time; availability mode counts waiting for a
platform; imported payouts make the received wage. Old exports (format 2) still verify and old
traces replay to the same records."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.cli import main
from annotator.core import keys
from annotator.core.errors import UserError
from annotator.core.metering import declared, exports, formats
from annotator.core.metering.engine import run_engine
from annotator.core.metering.ledger import import_payments
from annotator.core.metering.repository import MeterRepository, record_columns
from annotator.core.metering.signals import read_trace
from annotator.core.metering.timesheet import compute, effective_intervals
from annotator.core.metering.verify import verify_file
from annotator.core.metering.zones import zone
from annotator.core.store import Store
from tests.core.metering.helpers import replay
from tests.core.metering.traces import T0, Trace

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "timesheet-v2"
UTC = zone("UTC")


def worked(store, minutes=30):
    tr = Trace()
    tr.view("library").wait(minutes * 60, input_every=3).quit()
    replay(store, tr)


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "data")
    s.clock = lambda: T0 + 10 * 86400
    yield s
    s.close()


def test_declared_time_is_counted_apart_and_an_overlap_names_the_conflict(store):
    worked(store)  # measured waiting T0 .. T0 + 30 min
    row = declared.declare(store, start=T0 - 7200, length="1h30m", category="training", lab="Prolific",
                           note="qualification test")
    with pytest.raises(UserError) as exc:  # 30 min into the measured time
        declared.declare(store, start=T0 - 600, length="20m", category="work")
    assert "overlaps measured time" in str(exc.value) and "(waiting, record" in str(exc.value)
    with pytest.raises(UserError, match=r"overlaps declared time .* \(training, record %d\)" % row.seq):
        declared.declare(store, start=T0 - 3600, length="10m", category="work")
    n = MeterRepository(store).count()
    sheet = compute(store, tz=UTC)
    assert sheet["sources"]["declared"]["totals"]["training"] == 5400
    assert sheet["sources"]["measured"]["totals"]["waiting"] == 1800
    assert sheet["totals"]["training"] == 5400 and sheet["counted_seconds"] == 7200
    assert [d["declared_seconds"] for d in sheet["days"]] == [5400]
    assert {lab["lab"]: lab["declared_seconds"] for lab in sheet["labs"]} == {"Prolific": 5400}
    assert MeterRepository(store).count() == n  # refused entries wrote nothing


def test_withdrawing_and_correcting_go_through_the_chain(store):
    row = declared.declare(store, start=T0, length=3600, category="admin", note="emails")
    corrected = declared.correct(store, row.seq, category="instructions")
    assert compute(store)["totals"]["instructions"] == 3600
    moved = declared.correct(store, row.seq, start=T0 + 7200)  # new times: withdrawn and declared again
    kinds = [r.kind for r in MeterRepository(store).rows()]
    assert kinds == ["declared", "correction", "withdrawal", "declared"]
    assert moved.start == T0 + 7200 and moved.end == T0 + 10800 and moved.category == "instructions"
    assert moved.data["replaces"] == row.seq and corrected.data["amends"] == row.seq
    declared.withdraw(store, moved.seq, "entered twice")
    sheet = compute(store)
    assert sheet["counted_seconds"] == 0 and len(sheet["withdrawals"]) == 2
    assert [e.seq for e in declared.entries(store, include_withdrawn=True)] == [row.seq, moved.seq]
    with pytest.raises(UserError, match="already withdrawn"):
        declared.withdraw(store, moved.seq)
    # the withdrawn span is free again
    declared.declare(store, start=T0, length=3600, category="work")


def test_declared_time_is_refused_in_the_future_longer_than_a_day_or_outside_the_categories(store):
    with pytest.raises(UserError, match="in the future"):
        declared.declare(store, start=store.clock() - 60, length="1h", category="work")
    with pytest.raises(UserError, match="at most 24 hours"):
        declared.declare(store, start=T0, length="25h", category="work")
    with pytest.raises(UserError, match="unknown category 'break'"):
        declared.declare(store, start=T0, length="1h", category="break")
    with pytest.raises(UserError, match="after the start"):
        declared.declare(store, start=T0, end=T0 - 5, category="work")


def test_the_meter_never_counts_over_declared_time(store):
    declared.declare(store, start=T0 + 600, length="10m", category="work", lab="Toloka")
    worked(store)  # the app measured T0 .. T0 + 30 min, written after the declared entry
    eff = sorted(effective_intervals(MeterRepository(store).rows()), key=lambda e: e.start)
    for a, b in zip(eff, eff[1:]):
        assert a.end <= b.start  # no second counted twice
    assert compute(store)["counted_seconds"] == 1800


def test_every_export_says_declared_and_verifies(store, tmp_path):
    worked(store, 10)
    declared.declare(store, start=T0 - 3600, length="45m", category="work", lab="Prolific", note="survey",
                     evidence=declared.evidence_of(link="https://example.org/study/1"))
    keys.load_or_create(store.data_dir)
    pin = keys.Pin.installation(store.data_dir)
    for fmt, name in (("csv", "t.csv"), ("toggl", "toggl.csv"), ("clockify", "c.csv"), ("ics", "t.ics"),
                      ("json", "t.json")):
        exports.write_export(store, tmp_path / name, fmt, tz=UTC, tz_name="UTC",
                             options={"email": "ann@example.org"})
        assert verify_file(tmp_path / name, pin=pin).ok, fmt
    rows = list(csv.DictReader(io.StringIO((tmp_path / "t.csv").read_text())))
    assert {(r["source"], r["category"], r["lab"]) for r in rows} == {("declared", "work", "Prolific"),
                                                                      ("measured", "waiting", "")}
    toggl = list(csv.DictReader(io.StringIO((tmp_path / "toggl.csv").read_text())))
    assert "survey (declared)" in {r["Description"] for r in toggl}
    assert "(declared)" in (tmp_path / "t.ics").read_text()
    doc = json.loads((tmp_path / "t.json").read_text())
    assert doc["format"] == "annotator-timesheet/3" and doc["rules"]["version"] == "annotator-metering/2"
    ev = json.loads(next(r["data"] for r in doc["integrity"]["records"] if r["kind"] == "declared"))["evidence"]
    assert ev["kind"] == "link" and len(ev["sha256"]) == 64 and "example.org" not in json.dumps(doc)
    # an added hour of declared time in the file is caught
    doc["sources"]["declared"]["counted_seconds"] += 3600
    (tmp_path / "t.json").write_text(json.dumps(doc))
    verdict = verify_file(tmp_path / "t.json", pin=pin)
    assert not verdict.ok and "sources.declared.counted_seconds" in verdict.message


@pytest.mark.parametrize("name", ["t.json", "t.csv", "t.ics"])
def test_an_export_made_before_declared_time_still_verifies(name):
    doc = json.loads((FIXTURE / "t.json").read_text())
    assert doc["format"] == "annotator-timesheet/2"
    verdict = verify_file(FIXTURE / name, pin=keys.Pin.parse(doc["integrity"]["fingerprint"]))
    assert verdict.ok, verdict.message


def test_a_trace_made_before_rules_2_replays_to_the_same_records():
    doc = json.loads((FIXTURE / "t.json").read_text())
    made = [(r["kind"], r["start"], r["end"], r["category"], r["item"], r["data"])
            for r in doc["integrity"]["records"] if r["kind"] in ("interval", "gap", "outcome")]
    again = []
    for rec in run_engine(read_trace(FIXTURE / "trace.jsonl")):
        cols = record_columns(rec)
        again.append((cols["kind"], cols["start"], cols["end"], cols.get("category"), cols.get("item"),
                      json.dumps(cols["data"], sort_keys=True, separators=(",", ":"), ensure_ascii=False)))
    assert again == made


def test_availability_counts_waiting_for_the_platform_until_a_task_view_opens():
    tr = Trace()
    tr.view("library").add("focus", focused=False).add("availability", on=True, platform="Prolific")
    tr.wait(600, system_idle=True)  # active in the browser
    tr.wait(1200)  # no activity at all: away by the waiting threshold (900 s)
    tr.add("input").add("focus", focused=True)
    tr.view("task", pack="p", item="i1", phase="work").wait(60, input_every=3).quit()
    ivs = [r for r in run_engine(tr.signals) if type(r).__name__ == "Interval"]
    waiting = [iv for iv in ivs if iv.rule.startswith("availability")]
    assert waiting and all(iv.lab == "Prolific" and iv.category == "waiting" for iv in waiting)
    away = [iv for iv in ivs if iv.category == "away"]
    assert away and away[0].lab == "Prolific"
    assert ivs[-1].category == "work" and ivs[-1].lab is None  # the task view ended the mode


def test_reading_time_raises_the_idle_threshold_of_the_view():
    def away_after(reading):
        tr = Trace()
        tr.view("task", pack="p", item="i1", phase="work", **({"reading_seconds": reading} if reading else {}))
        tr.wait(200).add("input").quit()  # 200 s of silent reading
        return [r for r in run_engine(tr.signals) if getattr(r, "category", None) == "away"]

    assert away_after(None)  # 200 s > the 120 s threshold of work
    assert not away_after(240.0)  # the item takes 240 s to read: still work
    rule = away_after(150.0)[0].rule
    assert rule == "no activity for more than 150 s (work, the reading time of what it shows)"


def test_payouts_imported_from_csv_make_the_received_wage(store, tmp_path):
    worked(store, 60)
    path = tmp_path / "payouts.csv"
    path.write_text("Transaction ID;Paid on;Amount;Currency\nT1;2025-11-25;6,00 €;EUR\nT2;2025-11-26;3,00;EUR\n")
    result = import_payments(store, path, amount="Amount", date_column="Paid on", currency="Currency",
                             lab_name="Prolific", ident="Transaction ID", decimal=",")
    assert len(result["added"]) == 2
    again = import_payments(store, path, amount="Amount", date_column="Paid on", currency="Currency",
                            lab_name="Prolific", ident="Transaction ID", decimal=",")
    assert again == {"added": [], "skipped": 2}
    wages = compute(store)["wages"]["EUR"]
    assert wages["received_hourly"] == 9.0 and compute(store)["earnings"]["EUR"]["received"] == 9.0
    path.write_text("Paid on,Amount,Currency\n2025-11-27,1.5,EUR\nyesterday,2,EUR\n")
    n = MeterRepository(store).count()
    with pytest.raises(UserError, match=r"payouts.csv:3: not a date"):
        import_payments(store, path, amount="Amount", date_column="Paid on", currency="Currency")
    assert MeterRepository(store).count() == n  # a bad row imports nothing


def test_the_cli_adds_lists_and_withdraws(tmp_path, capsys):
    data = str(tmp_path / "data")
    assert main(["timesheet", "add", "--start", "2025-11-20T09:00", "--duration", "1h", "--category", "work",
                 "--lab", "Prolific", "--data-dir", data]) == 0
    assert main(["timesheet", "add", "--start", "2025-11-20T09:30", "--duration", "1h", "--category", "work",
                 "--data-dir", data]) == 2
    err = capsys.readouterr().err
    assert "overlaps declared time 2025-11-20 09:00:00–10:00:00 (work, record 1)" in err and "Traceback" not in err
    assert main(["timesheet", "declared", "list", "--data-dir", data]) == 0
    assert "Prolific" in capsys.readouterr().out
    assert main(["timesheet", "declared", "withdraw", "1", "--data-dir", data]) == 0
    assert main(["timesheet", "show", "--data-dir", data]) == 0
    assert "counted         0:00:00" in capsys.readouterr().out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(st.tuples(st.floats(-20_000, 20_000), st.floats(60, 7200),
                                  st.sampled_from(["work", "waiting", "training"])), max_size=8),
       minutes=st.integers(1, 60))
def test_no_second_is_counted_twice_across_measured_and_declared_time(tmp_path_factory, entries, minutes):
    s = Store(tmp_path_factory.mktemp("p") / "data")
    s.clock = lambda: T0 + 86400
    try:
        for start, length, cat in entries[: len(entries) // 2]:
            try:
                declared.declare(s, start=T0 + start, length=length, category=cat)
            except UserError:
                pass
        worked(s, minutes)
        for start, length, cat in entries[len(entries) // 2:]:
            try:
                declared.declare(s, start=T0 + start, length=length, category=cat)
            except UserError:
                pass
        eff = sorted(effective_intervals(MeterRepository(s).rows()), key=lambda e: e.start)
        for a, b in zip(eff, eff[1:]):
            assert a.end <= b.start
        sheet = compute(s)
        assert sheet["counted_seconds"] == sheet["sources"]["measured"]["counted_seconds"] + \
            sheet["sources"]["declared"]["counted_seconds"]
        assert sheet == compute(s) | {"generated_at": sheet["generated_at"], "_intervals": sheet["_intervals"]}
    finally:
        s.close()
