"""Working through a pack: order, submit/skip/flag, resume, without Qt."""
from __future__ import annotations

import pytest

from annotator.core.errors import UserError
from annotator.core.library import import_pack
from annotator.core.session import RecordingMeter, WorkSession
from tests.packs import write_pack


@pytest.fixture
def pack(tmp_path, store, registry):
    return import_pack(write_pack(tmp_path / "p", n=5), store, registry).pack


def test_submit_skip_flag_move_to_the_next_open_item_and_wrap(store, pack):
    meter = RecordingMeter()
    session = WorkSession(store, pack, meter)
    assert session.start().item_id == "item-0" and session.phase == "training"
    session.go_to(3)
    assert session.submit().item_id == "item-4"
    assert session.skip("unreadable").item_id == "item-0"  # wraps round to the first open item
    assert session.flag("blank image").item_id == "item-1"
    assert session.progress() == {"new": 2, "in_progress": 0, "submitted": 1, "skipped": 1, "flagged": 1}
    assert store.item_by_id(pack.pk, "item-4").reason == "unreadable"
    assert store.item_by_id(pack.pk, "item-0").reason == "blank image"
    assert [(s["outcome"], s["item"]) for s in meter.signals] == [
        ("submitted", "item-3"), ("skipped", "item-4"), ("flagged", "item-0")]
    session.submit()
    assert session.submit() is None  # every item done
    assert session.item is None


def test_skip_and_flag_need_a_reason(store, pack):
    session = WorkSession(store, pack)
    session.start()
    with pytest.raises(UserError, match="needs a reason"):
        session.skip("  ")
    with pytest.raises(UserError, match="needs a note"):
        session.flag("")
    assert session.progress()["new"] == 5


def test_previous_and_next_stop_at_the_ends(store, pack):
    session = WorkSession(store, pack)
    session.start()
    assert session.previous().item_id == "item-0"
    for _ in range(10):
        session.next()
    assert session.item.item_id == "item-4"


def test_a_new_session_resumes_where_the_worker_was(store, pack):
    first = WorkSession(store, pack)
    first.start()
    first.go_to(2)
    first.save({"note": "half done"})
    again = WorkSession(store, pack)
    assert again.start().item_id == "item-2"
    assert again.annotation() == {"note": "half done"}


def test_upcoming_names_what_submit_then_next_would_show(store, pack):
    session = WorkSession(store, pack)
    session.start()
    session.go_to(1)
    assert [i.item_id for i in session.upcoming()] == ["item-2"]  # submit and next agree
    store.set_state(store.item_by_id(pack.pk, "item-2").pk, "submitted")
    assert [i.item_id for i in session.upcoming()] == ["item-3", "item-2"]  # submit skips done items
    session.go_to(4)
    assert [i.item_id for i in session.upcoming()] == ["item-0"]  # wraps round; nothing after the last
    for item_id in ("item-0", "item-1", "item-3"):
        store.set_state(store.item_by_id(pack.pk, item_id).pk, "submitted")
    assert session.upcoming() == []  # only the item on screen is left
