"""One rounding rule and one formatter (issue 15 item 5): totals equal the sum of the rows as shown."""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime, timezone

from hypothesis import given, settings, strategies as st

from annotator.cli import main
from annotator.core import units
from annotator.core.metering import compute
from annotator.core.metering.engine import COUNTED
from annotator.core.metering.formats import csv_text
from tests.core.metering.helpers import replay
from tests.core.metering.traces import T0, Trace


def test_durations_are_whole_seconds_in_one_clock_format_and_in_words():
    assert units.duration(583.4) == "0:09:43" and units.duration(583.5) == "0:09:44"
    assert units.duration(43205) == "12:00:05" and units.duration(-61) == "-0:01:01"
    assert units.duration(None) == "—"
    assert [units.duration(s, "words") for s in (45, 150, 120, 3929, 3930)] == \
        ["45 s", "2 min 30 s", "2 min", "1 h 05 min", "1 h 06 min"]


def test_money_is_rounded_to_the_cent_halves_up_on_the_decimal_value():
    assert units.cents(2.675) == 2.68 and round(2.675, 2) == 2.67  # what the old code did
    assert units.money(1234.5, "EUR", group_separator=",") == "1,234.50 EUR"
    assert units.money(1234.5, "EUR", decimal_point=",", group_separator="\u202f") == "1\u202f234,50 EUR"
    assert units.money(7.33333, "EUR") == "7.33 EUR" and units.money(-0.004, "EUR") == "0.00 EUR"
    assert units.money(0.125, "EUR", stated=True) == "0.125 EUR" and units.money(0.125, "EUR") == "0.13 EUR"
    assert units.money(None, "EUR") == "—" and units.money(3, None) == "—"
    assert units.decimal_text(1.5, 6, ",") == "1,500000"


@given(st.lists(st.floats(min_value=0.001, max_value=900, allow_nan=False), min_size=1, max_size=60),
       st.floats(min_value=0, max_value=1))
@settings(max_examples=200, deadline=None)
def test_rounding_never_adds_up_along_consecutive_intervals(steps, offset):
    bounds = [T0 + offset]
    for s in steps:
        bounds.append(round(bounds[-1] + s, 3))
    spans = [units.span(a, b) for a, b in zip(bounds, bounds[1:])]
    assert sum(spans) == units.span(bounds[0], bounds[-1])
    assert abs(sum(spans) - (bounds[-1] - bounds[0])) <= 1


def _odd_trace() -> Trace:
    """Views changing at fractional seconds, as a real app does."""
    tr = Trace(t=T0 + 0.4)
    for i, (view, secs) in enumerate([("library", 33.7), ("instructions", 47.45), ("library", 21.3),
                                      ("settings", 18.65), ("library", 59.55), ("timesheet", 44.44)] * 3):
        tr.view(view, pack="x" if view == "instructions" else None).wait(secs, input_every=2.9)
    return tr.quit()


def test_show_csv_and_json_give_the_same_figures_and_totals_are_the_sums_of_their_rows(tmp_path, store, capsys):
    replay(store, _odd_trace())
    data = ["--data-dir", str(store.data_dir), "--timezone", "UTC"]
    assert main(["timesheet", "show", *data]) == 0
    text = capsys.readouterr().out
    shown = dict(re.findall(r"^  (\w+)\s+(\d+:\d\d:\d\d)", text, re.M))

    def secs(hms):
        h, m, s = map(int, hms.split(":"))
        return h * 3600 + m * 60 + s

    assert secs(shown["counted"]) == sum(secs(shown[c]) for c in COUNTED)
    assert main(["timesheet", "show", "--format", "json", *data]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert all(secs(shown[c]) == doc["totals"][c] for c in COUNTED)
    assert doc["counted_seconds"] == sum(d["counted_seconds"] for d in doc["days"])
    assert doc["counted_seconds"] == sum(e["seconds"] for e in doc["intervals"] if e["category"] in COUNTED)
    rows = list(csv.DictReader(io.StringIO(csv_text(compute(store, tz=timezone.utc), timezone.utc))))
    assert sum(int(r["seconds"]) for r in rows if r["category"] in COUNTED) == doc["counted_seconds"]
    for r in rows:  # each row's duration is its end minus its start as printed
        a, b = datetime.fromisoformat(r["start"]), datetime.fromisoformat(r["end"])
        assert (b - a).total_seconds() == int(r["seconds"])
