"""The timesheet's figures, hand-computed from the traces."""
from __future__ import annotations

from datetime import timezone

import pytest

from annotator.core.metering import category_totals, compute, work_seconds_per_item
from annotator.core.metering.ledger import add_payment, add_rejection
from annotator.core.metering.repository import MeterRepository
from tests.core.metering.helpers import add_pack, day_of_work, replay
from tests.core.metering.traces import T0, Trace

PAY = {"currency": "EUR", "per_item": 0.5, "estimated_seconds_per_item": 30, "instructions_paid": False,
       "training_paid": False, "rejection_policy": "never"}


@pytest.fixture
def sheet_store(tmp_path, store, registry):
    add_pack(tmp_path, store, registry, pay=PAY)
    tr = day_of_work(Trace(), "test.pack", ["item-0", "item-1", "item-2", "item-3"], per_item=90,
                     training=("item-0",))
    tr.quit()
    replay(store, tr)
    return store


def test_totals_items_earnings_and_wages(sheet_store):
    s = compute(sheet_store, tz=timezone.utc, reference=(12.0, "EUR"))
    # library 120 + 60, instructions 180, training 90, work 3 x 90
    assert s["totals"]["waiting"] == 180 and s["totals"]["instructions"] == 180
    assert s["totals"]["training"] == 90 and s["totals"]["work"] == 270
    assert s["counted_seconds"] == 720
    assert s["items"]["submitted"] == 4
    # training is unpaid: 3 paid items x 0.50
    assert s["earnings"]["EUR"]["expected"] == 1.5
    w = s["wages"]["EUR"]
    assert w["effective_hourly"] == pytest.approx(1.5 / (720 / 3600), abs=0.01)  # 7.50 EUR/h
    assert w["platform_hourly"] == pytest.approx(1.5 / (270 / 3600), abs=0.01)  # 20.00 EUR/h
    assert w["shortfall"] == pytest.approx(12 * 720 / 3600 - 1.5, abs=0.01)  # 0.90
    # unpaid: waiting 180 + instructions 180 + training 90 of 720
    assert s["ratios"]["unpaid_share"] == pytest.approx(450 / 720, abs=1e-3)
    assert s["ratios"]["waiting_to_work"] == pytest.approx(180 / 270, abs=1e-3)
    (pack,) = s["packs"]
    assert pack["seconds_per_item"] == 90 and pack["estimated_seconds_per_item"] == 30
    assert pack["lab"] == "Test lab"
    (day,) = s["days"]
    assert day["date"] == "2025-11-24" and day["earnings"] == {"EUR": 1.5}


def test_rejections_and_payments_are_records_and_change_the_figures(sheet_store):
    add_rejection(sheet_store, "test.pack", "item-2", reason="missed a car", paid=0.25)
    add_payment(sheet_store, "1.00", "EUR", pack="test.pack", note="first payout")
    add_payment(sheet_store, "3", "USD", lab="Other lab")
    s = compute(sheet_store)
    assert s["earnings"]["EUR"] == {"expected": 1.25, "received": 1.0, "outstanding": 0.25}
    assert s["earnings"]["USD"]["received"] == 3.0  # never converted, never mixed
    assert s["items"]["rejected"] == 1
    kinds = [r.kind for r in MeterRepository(sheet_store).rows()]
    assert kinds.count("rejection") == 1 and kinds.count("payment") == 2


def test_currencies_are_never_mixed(tmp_path, store, registry):
    add_pack(tmp_path, store, registry, "eur.pack", pay=PAY)
    add_pack(tmp_path, store, registry, "usd.pack", pay={**PAY, "currency": "USD", "per_item": 1.0})
    tr = day_of_work(Trace(), "eur.pack", ["item-0", "item-1"])
    day_of_work(tr, "usd.pack", ["item-0"]).quit()
    replay(store, tr)
    s = compute(store)
    assert s["earnings"]["EUR"]["expected"] == 1.0 and s["earnings"]["USD"]["expected"] == 1.0
    # with two currencies, library time belongs to neither
    assert not s["wages"]["EUR"]["includes_time_outside_packs"]
    assert s["wages"]["EUR"]["counted_hours"] == pytest.approx((180 + 120) / 3600, abs=1e-3)


def test_a_correction_is_a_new_record_and_the_timesheet_uses_it(sheet_store):
    repo = MeterRepository(sheet_store)
    waiting = next(r for r in repo.rows(kinds=("interval",)) if r.category == "waiting")
    before = repo.count()
    repo.correct(waiting.seq, "work", "phone call with the lab")
    assert repo.count() == before + 1 and repo.record(waiting.seq).category == "waiting"  # original kept
    s = compute(sheet_store)
    assert s["totals"]["waiting"] == 60 and s["totals"]["work"] == 390
    (c,) = s["corrections"]
    assert c["amends"] == waiting.seq and c["note"] == "phone call with the lab"


def test_days_split_at_midnight(tmp_path, store, registry):
    add_pack(tmp_path, store, registry, pay=PAY)
    tr = Trace(t=T0 + 8 * 3600 - 100)  # 23:58:20 UTC
    tr.view("task", pack="test.pack", item="item-1", phase="work").wait(200, input_every=3).quit()
    replay(store, tr)
    s = compute(store, tz=timezone.utc)
    assert [(d["date"], d["totals"]["work"]) for d in s["days"]] == [("2025-11-24", 100), ("2025-11-25", 100)]
    only_day2 = compute(store, tz=timezone.utc, start=T0 + 8 * 3600)
    assert only_day2["totals"]["work"] == 100


def test_the_api_for_results_bundles(sheet_store):
    pack = sheet_store.find_pack("test.pack")
    assert work_seconds_per_item(sheet_store, pack.pk) == {"item-1": 90, "item-2": 90, "item-3": 90}
    assert work_seconds_per_item(sheet_store, pack.pk, ("work", "training"))["item-0"] == 90
    totals = category_totals(sheet_store, pack.pk)
    assert totals["instructions"] == 180 and totals["training"] == 90 and totals["work"] == 270
    assert totals["waiting"] == 0  # the library is nobody's pack


def test_pay_terms_survive_the_pack_being_removed(sheet_store):
    sheet_store.remove_pack(sheet_store.find_pack("test.pack").pk)
    s = compute(sheet_store)
    assert s["earnings"]["EUR"]["expected"] == 1.5 and s["packs"][0]["lab"] == "Test lab"
