"""Issue 15 item 6: the lab report card, made, verified and merged; and item 8: show warns on a broken chain."""
from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from annotator.cli import main
from annotator.core.metering import card as cards
from annotator.core.metering.ledger import add_payment, add_rejection
from annotator.core.registry import installed
from annotator.core.store import Store
from tests.core.metering.helpers import add_pack, day_of_work, replay
from tests.core.metering.traces import T0, Trace


def _worker(root, name, per_item_seconds, lab="Acme labs", pay=0.5):
    store = Store(root / name)
    add_pack(root / f"{name}-packs", store, installed(), lab=lab,
             pay={"currency": "EUR", "per_item": pay, "estimated_seconds_per_item": 60, "instructions_paid": False,
                  "training_paid": False, "rejection_policy": "never"})
    replay(store, day_of_work(Trace(), "test.pack", ["item-0", "item-1", "item-2"], per_item=per_item_seconds).quit())
    add_rejection(store, "test.pack", "item-1", reason="wrong label", when=T0 + 3600)
    add_payment(store, "0.50", "EUR", pack="test.pack", when=T0 + 3 * 86400)
    store.close()
    return root / name


@pytest.fixture(scope="module")
def workers(tmp_path_factory):
    root = tmp_path_factory.mktemp("workers")
    (root / "a-packs").mkdir()
    (root / "b-packs").mkdir()
    (root / "c-packs").mkdir()
    out = {"a": _worker(root, "a", 60), "b": _worker(root, "b", 120), "c": _worker(root, "c", 90, lab="=HYPERLINK(1)")}
    made = root / "cards"
    made.mkdir()
    for who, data in out.items():
        assert main(["timesheet", "card", "-o", str(made / f"{who}.json"), "--data-dir", str(data)]) == 0
    assert main(["timesheet", "card", "-o", str(made / "a.md"), "--data-dir", str(out["a"])]) == 0
    assert main(["timesheet", "card", "-o", str(made / "b-private.json"), "--no-records", "--share", "wage,rejections",
                 "--data-dir", str(out["b"])]) == 0
    return out, made


def test_a_card_has_the_figures_of_the_workers_timesheet(workers):
    _, made = workers
    card = json.loads((made / "a.json").read_text())
    (section,) = card["labs"]
    f = section["figures"]
    assert section["lab"] == "Acme labs" and f["items_submitted"] == 3
    # 3 items x 0.50, one rejected (pays 0): 1.00 EUR for 60 + 180 + 3 x 60 + 60... of counted time on the pack
    assert f["wage"]["EUR"]["expected"] == 1.0
    assert f["wage"]["EUR"]["effective_hourly"] == round(1.0 / (f["wage"]["EUR"]["counted_seconds"] / 3600), 2)
    assert f["rejections"] == {"rejected": 1, "rate": round(1 / 3, 4), "pay_lost": {"EUR": 0.5}}
    assert f["time_per_item"][0]["ratio"] == 1.0  # 60 s per item against the lab's 60 s
    assert f["unpaid"]["by_category"] == {"instructions": f["unpaid"]["share"]}
    assert f["payment_delay"]["EUR"] == {"median_days": 3, "paid": 0.5, "not_yet_paid": 0.5}
    assert cards.check(card, "a.json")[0] is not None


def test_the_worker_chooses_what_to_share(workers):
    _, made = workers
    card = json.loads((made / "b-private.json").read_text())
    assert card["share"] == ["wage", "rejections"]
    assert set(card["labs"][0]["figures"]) == {"packs", "counted_seconds", "items_submitted", "wage", "rejections"}
    assert "records" not in card["labs"][0]


def test_cards_merge_gives_median_and_spread_per_lab(workers, capsys):
    _, made = workers
    assert main(["timesheet", "cards", "merge", str(made / "a.json"), str(made / "b.json"), str(made / "c.json"),
                 "--format", "json"]) == 0
    merged = json.loads(capsys.readouterr().out)
    acme = merged["labs"]["Acme labs"]
    assert acme["cards"] == 2 and acme["cards_with_records"] == 2
    wages = [json.loads((made / f"{w}.json").read_text())["labs"][0]["figures"]["wage"]["EUR"]["effective_hourly"]
             for w in "ab"]
    assert acme["effective_hourly"]["EUR"]["median"] == pytest.approx(sum(wages) / 2)
    assert (acme["effective_hourly"]["EUR"]["min"], acme["effective_hourly"]["EUR"]["max"]) == (min(wages), max(wages))
    assert acme["time_per_item_ratio"]["min"] == 1.0 and acme["time_per_item_ratio"]["max"] == 2.0
    assert main(["timesheet", "cards", "merge", str(made / "a.json"), str(made / "c.json")]) == 0
    text = capsys.readouterr().out
    assert "=HYPERLINK(1): 1 cards" in text and "Acme labs: 1 cards" in text


def test_a_tampered_card_and_a_duplicate_are_refused_and_the_others_merged(workers, tmp_path, capsys):
    data, made = workers
    doc = json.loads((made / "a.json").read_text())
    doc["labs"][0]["figures"]["wage"]["EUR"]["effective_hourly"] = 40.0
    (tmp_path / "forged.json").write_text(json.dumps(doc))
    # re-signed by the worker's own key: the figures must still follow from the records it carries
    resigned = dict(doc)
    resigned.pop("signature")
    from annotator.core import keys
    from annotator.core.metering import chain

    key = keys.load_or_create(data["a"])
    resigned["signature"] = key.sign(chain.canonical(resigned).encode())
    (tmp_path / "resigned.json").write_text(json.dumps(resigned))
    shutil.copy(made / "b.json", tmp_path / "b-again.json")
    assert main(["timesheet", "cards", "merge", str(made / "b.json"), str(tmp_path / "forged.json"),
                 str(tmp_path / "resigned.json"), str(tmp_path / "b-again.json"), str(made / "b-private.json"),
                 str(made / "c.json"), "--format", "json"]) == 1
    captured = capsys.readouterr()
    err = captured.err.strip().splitlines()
    assert len(err) == 4
    assert "forged.json: the signature does not match" in err[0]
    assert "resigned.json: 'Acme labs': the figures do not follow from its records" in err[1]
    assert "b-again.json: a second card from the worker" in err[2] and "b-private.json: a second card" in err[3]
    merged = json.loads(captured.out)
    assert merged["cards"] == 2 and merged["labs"]["Acme labs"]["cards"] == 1


def test_a_markdown_card_is_escaped_and_signed_over_its_text(workers):
    _, made = workers
    text = (made / "a.md").read_text()
    assert text.startswith("# Lab report card") and "Effective hourly wage" in text
    assert cards.check_markdown(text) == ""
    assert cards.check_markdown(text.replace("Effective hourly wage: ", "Effective hourly wage: 9")) != ""


def test_show_warns_in_one_line_when_the_chain_does_not_verify(workers, tmp_path, capsys):
    data, _ = workers
    copy = tmp_path / "copy"
    shutil.copytree(data["a"], copy)
    assert main(["timesheet", "show", "--data-dir", str(copy)]) == 0
    assert capsys.readouterr().err == ""
    with sqlite3.connect(copy / "annotator.sqlite3") as conn:
        conn.execute("UPDATE meter_records SET category='work' WHERE seq=3")
    assert main(["timesheet", "show", "--data-dir", str(copy)]) == 0
    captured = capsys.readouterr()
    (line,) = captured.err.strip().splitlines()
    assert line.startswith("annotator: warning: the timesheet was tampered with: record 3:")
    assert "time per category" in captured.out
