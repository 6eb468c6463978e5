"""Chain verify from a signed checkpoint (issue 17): one test per line of the threat model in
docs/security.md, "Metering: chain verify from a signed checkpoint"."""
from __future__ import annotations

import json

from annotator.core import keys
from annotator.core.metering import checkpoint, exports
from annotator.core.metering.repository import MeterRepository
from tests.core.metering.test_chain_and_exports import rewrite_chain, sql, worked  # noqa: F401 - the fixture
from tests.core.metering.test_service_and_cli import cli


def keyed(store):
    keys.load_or_create(store.data_dir)
    return store


def append_one(store):
    MeterRepository(store).append_records([{"kind": "payment", "start": 1.0, "end": 1.0,
                                            "data": {"amount": 1, "currency": "EUR", "note": ""}}])


def test_a_verified_chain_gets_a_signed_checkpoint_and_later_verifies_check_only_what_follows(worked):
    store = keyed(worked)
    n = MeterRepository(store).count()
    first = exports.verify_store(store)
    assert first.ok and "checkpoint" not in first.message and first.records == n
    assert checkpoint.read(store.data_dir)[0] == MeterRepository(store).head()
    append_one(store)
    again = exports.verify_store(store)
    assert again.ok and again.records == n + 1
    assert f"1 checked after the signed checkpoint at record {n}" in again.message
    assert checkpoint.read(store.data_dir)[0][0] == n + 1  # moved to the new head


def test_a_record_changed_after_the_checkpoint_is_named(worked):
    store = keyed(worked)
    n = MeterRepository(store).count()
    assert exports.verify_store(store).ok
    append_one(store)
    append_one(store)
    sql(store, "UPDATE meter_records SET start=2.0 WHERE seq=?", n + 1)
    verdict = exports.verify_store(store)
    assert not verdict.ok and f"record {n + 1}:" in verdict.message


def test_rewriting_the_whole_chain_is_caught_by_the_checkpoint_without_a_head_code(worked):
    store = keyed(worked)
    assert exports.verify_store(store).ok
    rows = rewrite_chain(store)
    verdict = exports.verify_store(store)
    assert not verdict.ok and f"record {rows[-1]['seq']} no longer holds the hash" in verdict.message


def test_a_checkpoint_not_signed_by_the_pinned_key_is_not_trusted(worked):
    store = keyed(worked)
    assert exports.verify_store(store).ok
    sql(store, "UPDATE meter_records SET category='work' WHERE seq=3")  # before the checkpoint
    path = store.data_dir / checkpoint.FILE
    doc = json.loads(path.read_text())
    # a forger's key signs a checkpoint and puts its own public key beside it: the key is never read from the file
    forger = keys.load_or_create(store.data_dir / "elsewhere")
    doc["public_key"] = forger.public_b64
    doc["signature"] = forger.sign(checkpoint.payload(doc["seq"], doc["hash"]))
    path.write_text(json.dumps(doc))
    verdict = exports.verify_store(store)
    assert not verdict.ok and "record 3:" in verdict.message  # every record checked again
    doc["seq"] = 2  # an edited record number: the signature no longer matches either
    path.write_text(json.dumps(doc))
    assert not exports.verify_store(store).ok
    path.write_text("{not json")
    assert not exports.verify_store(store).ok


def test_a_record_before_the_checkpoint_changed_in_place_needs_full(worked):
    """The stated limit: an edit before the checkpoint that leaves the rest of the chain alone is found
    by --full (and by any export's verification, which rechecks its records), not by the quick check."""
    store = keyed(worked)
    assert exports.verify_store(store).ok
    sql(store, "UPDATE meter_records SET category='work' WHERE seq=3")
    assert exports.verify_store(store).ok
    verdict = exports.verify_store(store, full=True)
    assert not verdict.ok and "record 3:" in verdict.message


def test_no_key_no_checkpoint_and_the_cli_has_full(tmp_path, worked):
    assert exports.verify_store(worked).ok
    assert not (worked.data_dir / checkpoint.FILE).exists()  # verify never makes a key
    assert not (worked.data_dir / keys.KEY_DIR).exists()
    r = cli("timesheet", "verify", "--full", data=worked.data_dir)
    assert r.returncode == 0 and "ok:" in r.stdout, r.stderr
