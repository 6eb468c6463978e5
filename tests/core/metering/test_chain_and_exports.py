"""The chain: verify passes on what the app wrote and names the first record that was changed,
removed or moved, in the store and in export files."""
from __future__ import annotations

import json
import sqlite3

import pytest

from annotator.core.metering import exports
from annotator.core.metering.chain import head_code
from annotator.core.metering.repository import MeterRepository
from tests.core.metering.helpers import add_pack, day_of_work, replay
from tests.core.metering.traces import Trace


@pytest.fixture
def worked(tmp_path, store, registry):
    add_pack(tmp_path, store, registry)
    tr = day_of_work(Trace(), "test.pack", ["item-0", "item-1", "item-2"])
    tr.view("task", pack="test.pack", item="item-3", phase="work").wait(400).add("input").wait(10, 2).quit()
    replay(store, tr)
    return store


def sql(store, query, *args):
    with sqlite3.connect(store.path) as conn:
        conn.execute(query, args)


def test_the_chain_of_a_replayed_trace_verifies(worked):
    verdict = exports.verify_store(worked)
    assert verdict.ok and verdict.records == MeterRepository(worked).count() > 5


def test_changing_a_record_is_named(worked):
    sql(worked, "UPDATE meter_records SET category='work' WHERE seq=4")
    verdict = exports.verify_store(worked)
    assert not verdict.ok and "record 4:" in verdict.message and "changed" in verdict.message


def test_deleting_a_record_is_named(worked):
    sql(worked, "DELETE FROM meter_records WHERE seq=5")
    verdict = exports.verify_store(worked)
    assert not verdict.ok and "record 6:" in verdict.message and "record 5 is missing" in verdict.message


def test_reordering_records_is_named(worked):
    sql(worked, "UPDATE meter_records SET seq=-1 WHERE seq=3")
    sql(worked, "UPDATE meter_records SET seq=3 WHERE seq=4")
    sql(worked, "UPDATE meter_records SET seq=4 WHERE seq=-1")
    verdict = exports.verify_store(worked)
    assert not verdict.ok and "record 3:" in verdict.message


def test_a_recomputed_hash_still_breaks_the_link_to_the_next_record(worked):
    from annotator.core.metering.chain import record_hash

    repo = MeterRepository(worked)
    row = next(r for r in repo.raw_rows() if r["seq"] == 4)
    row["category"] = "work"
    row["hash"] = record_hash(row)
    sql(worked, "UPDATE meter_records SET category='work', hash=? WHERE seq=4", row["hash"])
    verdict = exports.verify_store(worked)
    assert not verdict.ok and "record 5:" in verdict.message and "does not follow record 4" in verdict.message


def rewrite_chain(store) -> list[dict]:
    """Record 2 changed and every later hash recomputed, as a forger holding the store would."""
    from annotator.core.metering.chain import record_hash

    rows = list(MeterRepository(store).raw_rows())
    rows[1]["category"] = "work"
    prev = rows[0]["hash"]
    for r in rows[1:]:
        r["prev"] = prev
        r["hash"] = prev = record_hash(r)
    with sqlite3.connect(store.path) as conn:
        conn.execute("DELETE FROM meter_records")
        conn.executemany("INSERT INTO meter_records (seq, kind, start, \"end\", category, pack, version, item, run, "
                         "data, prev, hash) VALUES (:seq, :kind, :start, :end, :category, :pack, :version, :item, "
                         ":run, :data, :prev, :hash)", rows)
    return rows


def test_the_head_code_proves_later_edits_of_older_records(worked):
    code = head_code(*MeterRepository(worked).head())
    assert exports.verify_store(worked, code).ok
    # rewriting the whole chain from record 2 on (every hash recomputed) cannot keep the noted head
    rows = rewrite_chain(worked)
    assert exports.verify_store(worked).ok  # a consistent forgery...
    verdict = exports.verify_store(worked, code)
    assert not verdict.ok and f"record {rows[-1]['seq']}" in verdict.message  # ...is caught by the noted head


@pytest.fixture
def exported(worked, tmp_path):
    path = tmp_path / "timesheet.json"
    exports.write_export(worked, path, "json")
    return path


def edit(path, change):
    doc = json.loads(path.read_text())
    change(doc)
    path.write_text(json.dumps(doc))


def test_a_json_export_verifies_and_carries_what_the_issue_asks(exported, worked):
    doc = json.loads(exported.read_text())
    for key in ("totals", "intervals", "days", "earnings", "wages", "rules", "integrity"):
        assert key in doc
    assert doc["integrity"]["public_key"] and doc["integrity"]["head"]["code"].startswith("#")
    assert doc["rules"]["idle_thresholds_seconds"]["instructions"] == 300
    assert exports.verify_file(exported, worked).ok


def test_changing_a_record_in_a_json_export_is_named(exported, worked):
    def change(doc):
        doc["integrity"]["records"][3]["category"] = "work"
    edit(exported, change)
    verdict = exports.verify_file(exported, worked)
    assert not verdict.ok and "record 4:" in verdict.message


def test_deleting_a_record_in_a_json_export_is_named(exported, worked):
    edit(exported, lambda doc: doc["integrity"]["records"].pop(4))
    verdict = exports.verify_file(exported, worked)
    assert not verdict.ok and "record 6:" in verdict.message and "missing" in verdict.message


def test_reordering_records_in_a_json_export_is_named(exported, worked):
    def change(doc):
        r = doc["integrity"]["records"]
        r[2], r[3] = r[3], r[2]
    edit(exported, change)
    verdict = exports.verify_file(exported, worked)
    # record 4 now stands where record 3 belongs: it is the first bad one
    assert not verdict.ok and "record 4:" in verdict.message and "reordered" in verdict.message


def test_changing_an_interval_or_a_total_in_a_json_export_is_caught(exported, worked):
    original = exported.read_text()

    def change(doc):
        doc["intervals"][1]["category"] = "work"
    edit(exported, change)
    verdict = exports.verify_file(exported, worked)
    assert not verdict.ok and "intervals[1].category: the file says 'work'" in verdict.message
    exported.write_text(original)
    edit(exported, lambda doc: doc["totals"].update(work=99999))
    verdict = exports.verify_file(exported, worked)
    assert not verdict.ok and "totals.work: the file says 99999" in verdict.message and "signature" in verdict.message


def test_a_csv_export_has_spreadsheet_columns_and_a_signed_sidecar(worked, tmp_path):
    path = tmp_path / "t.csv"
    written = exports.write_export(worked, path, "csv")
    assert [p.name for p in written] == ["t.csv", "t.csv.sig"]
    lines = path.read_text().splitlines()
    assert lines[0].startswith("kind,source,start,end,timezone,date,hours,seconds,category,paid")
    assert any(",away," in line for line in lines)
    assert exports.verify_file(path, worked).ok
    n = next(i for i, line in enumerate(lines) if ",instructions," in line)
    lines[n] = lines[n].replace(",instructions,", ",work,", 1)
    path.write_text("\r\n".join(lines) + "\r\n")
    verdict = exports.verify_file(path, worked)
    assert not verdict.ok and "changed after export" in verdict.message and f"line {n + 1}:" in verdict.message


def test_the_key_is_private_to_the_worker(worked):
    from annotator.core import keys

    key = keys.load_or_create(worked.data_dir)
    assert (key.path.stat().st_mode & 0o777) == 0o600
    assert keys.load_or_create(worked.data_dir).public_b64 == key.public_b64
    sig = key.sign(b"hello")
    assert keys.verify(key.public_b64, b"hello", sig) and not keys.verify(key.public_b64, b"hellO", sig)
