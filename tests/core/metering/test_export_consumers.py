"""Issue 15 item 4: each export read back by its real consumer, and the same figures everywhere.

One worker's data: a pack paying per item (training and instructions unpaid), work crossing
midnight in Paris, a gap, a correction, a payment and a rejection; exported once through the
command line in every format, then read by csv, pandas (German and French settings), the
icalendar package, pdftotext, pyHanko's validator, poppler's pdfsig, openssl and the
third-party Python recipe of docs/metering.md."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core import keys
from annotator.core.metering.engine import COUNTED
from annotator.core.metering.ledger import add_payment, add_rejection
from annotator.core.metering.repository import MeterRepository
from annotator.core.registry import installed
from annotator.core.store import Store
from annotator.core.units import duration
from tests.core.metering.helpers import add_pack, day_of_work, replay
from tests.core.metering.traces import T0, Trace

ROOT = Path(__file__).resolve().parents[3]
PAY = {"currency": "EUR", "per_item": 0.5, "estimated_seconds_per_item": 30, "instructions_paid": False,
       "training_paid": False, "rejection_policy": "never"}
ZONE = "Europe/Paris"
#: the documented importers (sources in annotator/core/metering/formats.py)
TOGGL_ALLOWED = {"User", "Email", "Client", "Project", "Task", "Description", "Billable", "Start date", "Start time",
                 "Duration", "Tags"}
TOGGL_TIME_ENTRY = {"Email", "Start date", "Start time", "Duration"}
CLOCKIFY_ALLOWED = {"Project", "Client", "Description", "Task", "Email", "Tags", "Billable", "Start date",
                    "Start time", "Duration"}
CLOCKIFY_REQUIRED = {"Email", "Start date", "Start time", "Duration"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    root = tmp_path_factory.mktemp("consumers")
    data = root / "data"
    store = Store(data)
    add_pack(root, store, installed(), pay=PAY, title="Street scenes, boxes")
    tr = Trace(t=T0 + 7 * 3600 - 1500.4)  # 23:35 in Paris
    day_of_work(tr, "test.pack", ["item-0", "item-1", "item-2", "item-3"], per_item=500.3, training=("item-0",))
    tr.jump(1200)  # the laptop slept: a gap
    tr.view("library").wait(90.6, input_every=3).quit()
    replay(store, tr)
    repo = MeterRepository(store)
    waiting = next(r for r in repo.rows(kinds=("interval",)) if r.category == "waiting")
    repo.correct(waiting.seq, "work", "the lab's chat")
    add_rejection(store, "test.pack", "item-2", reason="missed a car", paid=0.25, when=T0 + 86400)
    add_payment(store, "1.00", "EUR", pack="test.pack", when=T0 + 90000, note="first payout")
    store.close()
    common = ["--data-dir", str(data), "--timezone", ZONE]
    assert main(["timesheet", "settings", "--email", "ann@example.org", "--worker", "Ann L.", "--data-dir",
                 str(data)]) == 0
    out = root / "out"
    out.mkdir()
    for args in (["-o", str(out / "t.csv")], ["-o", str(out / "de.csv"), "--decimal", ",", "--delimiter", ";", "--bom"],
                 ["-o", str(out / "toggl.csv"), "--format", "toggl"],
                 ["-o", str(out / "clockify.csv"), "--format", "clockify"],
                 ["-o", str(out / "clockify24.csv"), "--format", "clockify", "--clockify-time", "24h",
                  "--clockify-date", "DD.MM.YYYY"],
                 ["-o", str(out / "t.ics")], ["-o", str(out / "t.pdf")], ["-o", str(out / "t.json")]):
        assert main(["timesheet", "export", *args, *common]) == 0, args
    return data, out


@pytest.fixture(scope="module")
def shown(exported):
    data, out = exported
    buf = io.StringIO()
    from contextlib import redirect_stdout

    with redirect_stdout(buf):
        assert main(["timesheet", "show", "--format", "json", "--data-dir", str(data), "--timezone", ZONE]) == 0
    return json.loads(buf.getvalue())


def secs(hms: str) -> int:
    h, m, s = map(int, hms.split(":"))
    return h * 3600 + m * 60 + s


def test_toggl_csv_has_the_documented_columns_and_formats_and_the_same_time(exported, shown):
    _, out = exported
    raw = (out / "toggl.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # UTF-8, no BOM: the header is read as "Email"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    header = set(rows[0])
    assert header <= TOGGL_ALLOWED and TOGGL_TIME_ENTRY <= header
    for r in rows:
        assert r["Email"] == "ann@example.org"
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", r["Start date"]) and re.fullmatch(r"\d\d:\d\d:\d\d", r["Start time"])
        assert re.fullmatch(r"\d\d:\d\d:\d\d", r["Duration"]) and r["Billable"] in ("Yes", "No")
        assert r["Tags"] in COUNTED  # break and away are left out
    assert {r["Client"] for r in rows if r["Project"]} == {"Test lab"}
    assert {r["Description"] for r in rows if r["Tags"] == "work"} >= {"item-1", "item-2", "item-3"}
    assert all(r["Billable"] == ("Yes" if r["Tags"] == "work" and r["Project"] else "No") for r in rows)
    assert sum(secs(r["Duration"]) for r in rows) == shown["counted_seconds"]
    starts = [(r["Start date"], r["Start time"]) for r in rows]
    assert len(set(starts)) == len(starts)  # Toggl merges entries with identical data and start


def test_clockify_csv_has_the_documented_columns_and_the_account_formats(exported, shown):
    _, out = exported
    rows = list(csv.DictReader(io.StringIO((out / "clockify.csv").read_text(encoding="utf-8"))))
    assert set(rows[0]) <= CLOCKIFY_ALLOWED and CLOCKIFY_REQUIRED <= set(rows[0])
    for r in rows:
        datetime.strptime(r["Start date"], "%m/%d/%Y")
        assert re.fullmatch(r"1?\d:\d\d (AM|PM)", r["Start time"])
    assert sum(secs(r["Duration"]) for r in rows) == shown["counted_seconds"]
    rows24 = list(csv.DictReader(io.StringIO((out / "clockify24.csv").read_text(encoding="utf-8"))))
    assert all(re.fullmatch(r"\d\d:\d\d", r["Start time"]) for r in rows24)
    assert {r["Start date"] for r in rows24} >= {"24.11.2025", "25.11.2025"}


def test_the_spreadsheet_csv_read_by_the_csv_module(exported, shown):
    _, out = exported
    rows = list(csv.DictReader(io.StringIO((out / "t.csv").read_text(encoding="utf-8"))))
    intervals = [r for r in rows if r["kind"] == "interval"]
    for r in intervals:
        a, b = datetime.fromisoformat(r["start"]), datetime.fromisoformat(r["end"])
        assert a.utcoffset() == timedelta(hours=1) and r["timezone"] == ZONE
        assert a.date().isoformat() == r["date"] and (b - a).total_seconds() == int(r["seconds"])
        assert b.date() == a.date() or b.time().isoformat() == "00:00:00"  # split at local midnight
        assert abs(float(r["hours"]) * 3600 - int(r["seconds"])) < 0.01
        assert r["source"] == "measured"
        assert r["paid"] == ("" if r["category"] in ("break", "away") else
                             "paid" if r["category"] == "work" and r["pack"] else "unpaid")
    assert sum(int(r["seconds"]) for r in intervals if r["category"] in COUNTED) == shown["counted_seconds"]
    for day in shown["days"]:
        assert sum(int(r["seconds"]) for r in intervals if r["date"] == day["date"] and r["category"] in COUNTED) \
            == day["counted_seconds"]
    kinds = {r["kind"] for r in rows}
    assert kinds == {"interval", "gap", "payment", "rejection"}
    assert any(r["correction"] and r["note"] == "the lab's chat" and r["measured_category"] == "waiting"
               for r in intervals)
    (payment,) = [r for r in rows if r["kind"] == "payment"]
    assert payment["amount"] == "1.00" and payment["currency"] == "EUR"


@pytest.mark.parametrize("thousands", [".", " "])  # German, French
def test_the_spreadsheet_csv_read_by_pandas_with_german_and_french_settings(exported, shown, thousands):
    pd = pytest.importorskip("pandas")
    _, out = exported
    assert (out / "de.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(out / "de.csv", sep=";", decimal=",", thousands=thousands, encoding="utf-8-sig",
                        dtype={"version": str, "item": str, "note": str})
    assert list(frame.columns)[:3] == ["kind", "source", "start"]
    assert frame["hours"].dtype == float and frame["seconds"].dtype == float  # numbers, not text
    counted = frame[(frame["kind"] == "interval") & frame["category"].isin(COUNTED)]
    assert counted["seconds"].sum() == shown["counted_seconds"]
    assert abs(counted["hours"].sum() - shown["counted_seconds"] / 3600) < 1e-4
    assert frame.loc[frame["kind"] == "rejection", "amount"].tolist() == [0.25]


def test_the_ics_read_by_icalendar(exported, shown):
    from icalendar import Calendar

    _, out = exported
    cal = Calendar.from_ical((out / "t.ics").read_bytes())
    events = list(cal.walk("VEVENT"))
    assert events and any(tz["TZID"] == ZONE for tz in cal.walk("VTIMEZONE"))
    total = sum((e.decoded("dtend") - e.decoded("dtstart")).total_seconds() for e in events)
    assert total == shown["counted_seconds"]
    assert all(e.decoded("dtstart").tzinfo is not None and e.decoded("dtstamp").utcoffset() == timedelta(0)
               for e in events)
    assert len({str(e["uid"]) for e in events}) == len(events)
    assert any("Street scenes, boxes" in str(e["summary"]) for e in events)


def _pdftotext(path: Path, layout: bool = True) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: tools/system-deps test installs poppler-utils")
    return subprocess.run(["pdftotext", *(["-layout"] if layout else []), str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_the_pdf_shows_the_per_day_table_the_zone_and_the_same_totals(exported, shown):
    _, out = exported
    text = _pdftotext(out / "t.pdf")
    assert f"Time zone: {ZONE}" in text and "Worker: Ann L." in text and "lab@example.org" in text
    lines = text.splitlines()
    for day in shown["days"]:
        (line,) = [ln for ln in lines if ln.strip().startswith(day["date"])
                   and len(re.findall(r"\d+:\d\d:\d\d", ln)) > 10]
        tokens = re.findall(r"\d+:\d\d:\d\d", line)[2:]  # after the first start and the last end
        expected = [duration(day["totals"][c]) for c in COUNTED] + [duration(day["counted_seconds"])] * 2 + \
            ["0:00:00"] + [duration(day["totals"][c]) for c in ("break", "away")]
        assert tokens == expected, line
    (total,) = [ln for ln in lines if ln.strip().startswith("Total ")]
    assert re.findall(r"\d+:\d\d:\d\d", total)[len(COUNTED)] == duration(shown["counted_seconds"])
    flowing = " ".join(_pdftotext(out / "t.pdf", layout=False).split())  # each cell's text in one piece
    for header in ("First start", "Last end", "instructions", "Measured", "Declared", "Effective hourly wage",
                   "Shortfall against the reference wage", "Payments received", "Rejections", "Corrections by the "
                   "worker", "How to check this timesheet", "missed a car", "first payout"):
        assert header in flowing, header  # headers whole, never cut


def test_the_pdf_signature_inside_is_validated_by_pyhanko_and_shown_by_poppler(exported):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    data_dir, out = exported
    public = keys.load_public(data_dir)
    (sig,) = PdfFileReader(io.BytesIO((out / "t.pdf").read_bytes())).embedded_signatures
    root = next(c for c in sig.other_embedded_certs if c.public_key.algorithm == "ed25519")
    assert bytes(root.public_key["public_key"]) == keys.raw_public(public)  # the chain ends at the worker's key
    status = validate_pdf_signature(sig, ValidationContext(trust_roots=[root]))
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    if shutil.which("pdfsig"):
        report = subprocess.run(["pdfsig", str(out / "t.pdf")], capture_output=True, text=True).stdout
        assert "Signature is Valid" in report and "Ann L." in report and "Total document signed" in report


def test_every_export_verifies_and_the_pdf_alone_carries_its_signature(exported, tmp_path, capsys):
    data, out = exported
    for name in ("t.csv", "de.csv", "toggl.csv", "clockify.csv", "clockify24.csv", "t.ics", "t.pdf", "t.json"):
        assert main(["timesheet", "verify", str(out / name), "--data-dir", str(data)]) == 0, name
    shutil.copy(out / "t.pdf", tmp_path / "alone.pdf")
    fingerprint = keys.fingerprint_of(keys.load_public(data))
    assert main(["timesheet", "verify", str(tmp_path / "alone.pdf"), "--key", fingerprint]) == 0
    assert "signed inside by" in capsys.readouterr().out
    pdf = bytearray((out / "t.pdf").read_bytes())
    at = pdf.index(b"Timesheet")
    pdf[at:at + 9] = b"Timeshxet"
    (tmp_path / "alone.pdf").write_bytes(bytes(pdf))
    assert main(["timesheet", "verify", str(tmp_path / "alone.pdf"), "--key", fingerprint]) == 1


def test_output_names_are_checked_against_the_format(exported, tmp_path, capsys):
    data, _ = exported
    for args in (["-o", str(tmp_path / "t.txt")], ["-o", str(tmp_path / "t.csv"), "--format", "pdf"],
                 ["-o", str(tmp_path / "t.json"), "--format", "toggl"]):
        assert main(["timesheet", "export", *args, "--data-dir", str(data)]) == 2
        assert "Traceback" not in capsys.readouterr().err
    assert not list(tmp_path.iterdir())  # nothing written


def _recipe(kind: str) -> str:
    doc = (ROOT / "docs" / "metering.md").read_text(encoding="utf-8")
    section = doc[doc.index("### Checking an export without the app"):]
    return re.search(rf"```{kind}\n(.*?)```", section, re.S).group(1)


def test_the_third_party_recipes_of_the_docs_run_with_openssl_and_plain_python(exported, tmp_path):
    data, out = exported
    for name in ("t.json", "t.csv", "t.csv.sig"):
        shutil.copy(out / name, tmp_path / name)
    pem = tmp_path / "worker.pub.pem"
    pem.write_text(keys.public_pem(keys.load_public(data)))
    shell = subprocess.run(["bash", "-e", "-c", _recipe("sh")], cwd=tmp_path, capture_output=True, text=True)
    assert shell.returncode == 0, shell.stderr
    assert keys.sha256_of(keys.load_public(data)) in shell.stdout
    assert "Signature Verified Successfully" in shell.stdout
    script = tmp_path / "check.py"
    script.write_text(_recipe("python"))
    assert len(_recipe("python").strip().splitlines()) <= 20
    for argv in (["t.json", "worker.pub.pem"], ["t.csv.sig", "worker.pub.pem", "t.csv"]):
        run = subprocess.run([sys.executable, str(script), *argv], cwd=tmp_path, capture_output=True, text=True)
        assert run.returncode == 0 and "check out" in run.stdout, run.stderr
    # a changed CSV fails both
    (tmp_path / "t.csv").write_bytes((tmp_path / "t.csv").read_bytes().replace(b"work", b"wOrk", 1))
    assert subprocess.run(["bash", "-e", "-c", _recipe("sh")], cwd=tmp_path, capture_output=True).returncode != 0
    run = subprocess.run([sys.executable, str(script), "t.csv.sig", "worker.pub.pem", "t.csv"], cwd=tmp_path,
                         capture_output=True, text=True)
    assert run.returncode != 0 and "InvalidSignature" in run.stderr
    # a JSON export with 10 h added fails the script
    doc = json.loads((tmp_path / "t.json").read_text())
    doc["totals"]["work"] += 36000
    (tmp_path / "t.json").write_text(json.dumps(doc))
    assert subprocess.run([sys.executable, str(script), "t.json", "worker.pub.pem"], cwd=tmp_path,
                          capture_output=True).returncode != 0
