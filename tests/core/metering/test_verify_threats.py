"""The threat model of the timesheet (docs/security.md, "The timesheet and its verification"):
one test per line, each building the forged file the way a forger would."""
from __future__ import annotations

import csv
import io
import shutil

import pytest

from annotator.cli import main
from annotator.core import keys
from annotator.core.metering import exports, verify
from annotator.core.metering.chain import head_code
from annotator.core.metering.ledger import add_payment, add_rejection
from annotator.core.metering.repository import MeterRepository
from annotator.core.registry import installed
from annotator.core.store import Store
from tests.core.metering.forge import Forger, read, rechain, write
from tests.core.metering.helpers import add_pack, day_of_work, replay
from tests.core.metering.traces import T0, Trace

PAY = {"currency": "EUR", "per_item": 0.5, "estimated_seconds_per_item": 30, "instructions_paid": False,
       "training_paid": False, "rejection_policy": "never"}


@pytest.fixture(scope="module")
def worker(tmp_path_factory):
    """A worker's data folder after two days on a paid pack, a payment and a rejection, and its exports."""
    root = tmp_path_factory.mktemp("worker")
    store = Store(root / "data")
    add_pack(root, store, installed(), pay=PAY)
    tr = day_of_work(Trace(), "test.pack", ["item-0", "item-1", "item-2"], per_item=90).quit()
    tr.jump(86400 - (tr.t - T0))
    tr.add("app_start")
    day_of_work(tr, "test.pack", ["item-3"], per_item=120).quit()
    replay(store, tr)
    add_rejection(store, "test.pack", "item-2", reason="missed a car", when=T0 + 7200)
    add_payment(store, "1.00", "EUR", pack="test.pack", when=T0 + 9000)
    out = root / "exports"
    out.mkdir()
    exports.write_export(store, out / "t.json", "json", tz_name="UTC", tz=_utc())
    exports.write_export(store, out / "t.csv", "csv", tz_name="UTC", tz=_utc())
    exports.write_export(store, out / "day2.json", "json", tz_name="UTC", tz=_utc(), start=T0 + 43200)
    yield store, out
    store.close()


def _utc():
    from datetime import timezone

    return timezone.utc


@pytest.fixture
def files(worker, tmp_path):
    store, out = worker
    for f in out.iterdir():
        shutil.copy(f, tmp_path / f.name)
    return store, tmp_path, keys.Pin.installation(store.data_dir)


def fails(path, pin, *needles, head=None):
    verdict = verify.verify_file(path, pin=pin, head=head)
    assert not verdict.ok, verdict.message
    for needle in needles:
        assert needle in verdict.message, verdict.message
    return verdict.message


# -- T1: the worker's own exports verify, against this installation's key or the fingerprint they give

def test_t1_an_untouched_export_verifies_against_the_pinned_key(files):
    store, d, pin = files
    assert verify.verify_file(d / "t.json", pin=pin).ok
    assert verify.verify_file(d / "t.csv", pin=pin).ok
    fingerprint = keys.fingerprint_of(keys.load_public(store.data_dir))
    for text in (fingerprint, keys.sha256_of(keys.load_public(store.data_dir)),
                 str(store.data_dir / "keys" / "ed25519.pub.pem")):
        verdict = verify.verify_file(d / "t.json", pin=keys.Pin.parse(text))
        assert verdict.ok and fingerprint in verdict.message


# -- T2: a record edited, removed or moved in the file is named

def test_t2_an_edited_removed_or_moved_record_is_named(files):
    _, d, pin = files
    doc = read(d / "t.json")
    doc["integrity"]["records"][3]["end"] += 3600
    write(d / "t.json", doc)
    fails(d / "t.json", pin, "record 4:", "changed")
    doc["integrity"]["records"][3]["end"] -= 3600
    doc["integrity"]["records"].pop(5)
    write(d / "t.json", doc)
    fails(d / "t.json", pin, "record 7:", "record 6 is missing")


# -- T3: a figure edited without the records (JSON totals, a day, a wage, earnings) is named

@pytest.mark.parametrize("change, named", [
    (lambda doc: doc["totals"].update(work=doc["totals"]["work"] + 36000), "totals.work"),
    (lambda doc: doc["days"][0]["totals"].update(waiting=0), "days[0].totals.waiting"),
    (lambda doc: doc["wages"]["EUR"].update(effective_hourly=25.0), "wages.EUR.effective_hourly"),
    (lambda doc: doc["earnings"]["EUR"].update(expected=99.0), "earnings.EUR.expected"),
    (lambda doc: doc["intervals"][2].update(category="break"), "intervals[2].category"),
    (lambda doc: doc.update(bonus=100), "bonus is in the file but no record gives it"),
])
def test_t3_an_edited_figure_is_named_even_when_re_signed_with_the_workers_own_key(files, change, named):
    store, d, pin = files
    doc = read(d / "t.json")
    change(doc)
    write(d / "t.json", doc)
    fails(d / "t.json", pin, "figures do not follow from the records", named, "signature does not match")
    # the worker holds the key and can sign anything: the recomputation still refuses it
    write(d / "t.json", Forger.with_key_of(store.data_dir).resign(doc))
    message = fails(d / "t.json", pin, named)
    assert "signature" not in message


# -- T4: a row added to the CSV (or a cell changed) is named by its line, re-signed or not

def test_t4_a_row_added_to_the_csv_is_named_by_its_line(files):
    store, d, pin = files
    lines = (d / "t.csv").read_text().splitlines()
    row = next(csv.reader([lines[3]]))
    row[5] = "14400"  # a 4 h row
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(row)
    forged = "\n".join(lines[:4] + [buf.getvalue().strip()] + lines[4:]) + "\n"
    (d / "t.csv").write_text(forged)
    fails(d / "t.csv", pin, "t.csv was changed after export", "line 5:")
    Forger.with_key_of(store.data_dir).resign_file(d / "t.csv", forged.encode())
    fails(d / "t.csv", pin, "t.csv does not follow from the records: line 5:")


# -- T5: re-signed with a fresh key, keeping the worker's fingerprint text: refused, naming the key

def test_t5_a_forgery_re_signed_with_a_fresh_key_keeping_the_fingerprint_text_is_refused(files):
    store, d, pin = files
    worker_fp = keys.fingerprint_of(keys.load_public(store.data_dir))
    forger = Forger()
    doc = read(d / "t.json")
    write(d / "t.json", forger.resign(doc))
    message = fails(d / "t.json", pin, f"names the key fingerprint '{worker_fp}'",
                    keys.fingerprint_of(forger.public_b64), "not by the key you trust")
    assert "figures" not in message  # records and figures untouched: the key alone is named
    # 10 h added to the JSON: the figures and the key are both named
    doc["totals"]["work"] += 36000
    write(d / "t.json", forger.resign(doc))
    fails(d / "t.json", pin, "totals.work", "not by the key you trust")
    # the CSV and its sidecar, re-signed the same way
    forger.resign_file(d / "t.csv", (d / "t.csv").read_bytes())
    fails(d / "t.csv", pin, f"names the key fingerprint '{worker_fp}'", "not by the key you trust")


# -- T6: a consistent forgery under the forger's own key and fingerprint: only the pin refuses it

def test_t6_a_consistent_forgery_under_another_key_is_refused_by_the_pin_alone(files):
    _, d, pin = files
    forger = Forger()
    write(d / "t.json", forger.resign(read(d / "t.json"), keep_fingerprint=False))
    fails(d / "t.json", pin, "not by the key you trust")
    assert verify.verify_file(d / "t.json", pin=keys.Pin.parse(keys.fingerprint_of(forger.public_b64))).ok


# -- T7: with no key to check against, nothing is said to be the worker's (exit 2)

def test_t7_without_a_pinned_key_verify_refuses_to_say_who_signed(files, capsys, tmp_path):
    _, d, _ = files
    with pytest.raises(Exception) as info:
        verify.verify_file(d / "t.json", pin=None)
    assert "give --key" in str(info.value)
    assert main(["timesheet", "verify", str(d / "t.json"), "--data-dir", str(tmp_path / "someone-else")]) == 2
    err = capsys.readouterr().err
    assert "give --key" in err and len(err.strip().splitlines()) == 1


# -- T8: someone else's installation (a lab's) does not take its own key for the worker's

def test_t8_another_installation_checks_against_its_own_key_unless_given_the_workers(files, capsys, tmp_path):
    store, d, _ = files
    lab = tmp_path / "lab"
    keys.load_or_create(lab)
    assert main(["timesheet", "verify", str(d / "t.json"), "--data-dir", str(lab)]) == 1
    assert "not by the key you trust" in capsys.readouterr().err
    fingerprint = keys.fingerprint_of(keys.load_public(store.data_dir))
    assert main(["timesheet", "verify", str(d / "t.json"), "--key", fingerprint, "--data-dir", str(lab)]) == 0
    assert fingerprint in capsys.readouterr().out


# -- T9: the worker rewrites their chain and re-signs: only a head code noted earlier catches it

def test_t9_a_rewritten_chain_re_signed_by_the_worker_is_caught_by_a_head_noted_earlier(files):
    store, d, pin = files
    code = head_code(*MeterRepository(store).head())
    doc = read(d / "t.json")
    records = doc["integrity"]["records"]
    first = next(i for i, r in enumerate(records) if r["kind"] == "interval" and r["category"] == "waiting")
    records[first]["category"] = "work"
    rechain(records, first)
    last = records[-1]
    doc["integrity"]["head"] = {"seq": last["seq"], "hash": last["hash"], "code": head_code(last["seq"], last["hash"])}
    from annotator.core.metering.verify import recompute

    _, body, _ = recompute(doc, records)
    doc.update({k: v for k, v in body.items()})
    write(d / "t.json", Forger.with_key_of(store.data_dir).resign(doc))
    assert verify.verify_file(d / "t.json", pin=pin).ok  # consistent: nothing in the file can tell
    fails(d / "t.json", pin, f"record {last['seq']} is not the one of the head", head=code)


# -- T10: an older export replayed as the current one, under a newer head

def test_t10_an_older_export_under_a_newer_head_is_refused(files, tmp_path):
    store, d, pin = files
    shutil.copytree(store.data_dir, tmp_path / "later")
    with Store(tmp_path / "later") as later:
        add_payment(later, "2.00", "EUR", pack="test.pack", when=T0 + 90000)  # the chain moves on
        code = head_code(*MeterRepository(later).head())
    fails(d / "t.json", pin, "was made at record", "before the head", head=code)


# -- T11: a filtered export proves less, and says so

def test_t11_a_filtered_export_says_it_is_filtered_and_cannot_prove_a_head_it_lacks(files):
    store, d, pin = files
    verdict = verify.verify_file(d / "day2.json", pin=pin)
    assert verdict.ok and "(filtered)" in verdict.message
    doc = read(d / "day2.json")
    seqs = {r["seq"] for r in doc["integrity"]["records"]}
    missing = next(s for s in range(1, 50) if s not in seqs)
    row = MeterRepository(store).record(missing)
    fails(d / "day2.json", pin, f"does not contain record {missing}", head=head_code(missing, row.hash))


# -- T12: malformed files: one line, exit 2, no traceback

@pytest.mark.parametrize("content", [
    "[" * 100000 + "]" * 100000,
    '{"format": "annotator-timesheet/2", "integrity": {"records": [{"seq": NaN}]}}',
    '{"format": "annotator-timesheet/2", "totals": {"work": Infinity}}',
    '{"format": "annotator-timesheet/2", "totals": {"work": 1e999}}',
    '{"format": "annotator-timesheet/2", "integrity": {"records": "x"}}',
    "\xff\xfe not text",
    "{" + '"a":' * 5000 + "1" + "}" * 5000,
])
def test_t12_malformed_files_are_one_line_exit_2(files, capsys, content):
    _, d, _ = files
    path = d / "bad.json"
    path.write_bytes(content.encode("latin-1") if content.startswith("\xff") else content.encode())
    assert main(["timesheet", "verify", str(path), "--key", "AAAA:BBBB:CCCC:DDDD"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_t12_records_of_the_wrong_types_are_named_exit_1(files, capsys):
    _, d, pin = files
    doc = read(d / "t.json")
    doc["integrity"]["records"][2]["start"] = "yesterday"
    write(d / "t.json", doc)
    fails(d / "t.json", pin, "record 3 of the records has a 'start' that is not a number")


# -- T13: what the file says is printed as data: control characters are shown, not obeyed

def test_t13_strings_from_the_file_are_printed_without_control_characters(files, capsys):
    store, d, _ = files
    doc = read(d / "t.json")
    doc["integrity"]["fingerprint"] = "\x1b]0;owned\x07ABCD"
    write(d / "t.json", doc)
    assert main(["timesheet", "verify", str(d / "t.json"), "--data-dir", str(store.data_dir)]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\x1b" in err
