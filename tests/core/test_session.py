"""Working through a pack: order, submit/skip/flag, resume, without Qt."""
from __future__ import annotations

import pytest
from sqlalchemy import event

from annotator.core.errors import UserError
from annotator.core.library import import_pack
from annotator.core.session import ItemHost, RecordingMeter, WorkSession, done_count, report_view
from tests.packs import write_pack
from tests.storefail import BIG, full_disk


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
    first.save(first.item, {"note": "half done"})
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


def saved(store, pack, item_id):
    row = store.annotation(store.item_by_id(pack.pk, item_id).pk)
    return None if row is None else dict(row.data)


def test_a_late_save_lands_on_the_editors_own_item_never_on_the_one_shown_now(store, pack):
    session = WorkSession(store, pack)
    session.start()
    host = session.host()  # the editor got item-0
    session.next()  # the session moved on (a slow timer of the editor has not fired yet)
    assert session.item.item_id == "item-1"
    host.save({"note": "written on item-0"})
    assert saved(store, pack, "item-0") == {"note": "written on item-0"}
    assert saved(store, pack, "item-1") is None
    host.close()  # the editor left its item: anything later is refused, not written anywhere
    host.save({"note": "too late"})
    assert saved(store, pack, "item-0") == {"note": "written on item-0"}
    assert saved(store, pack, "item-1") is None


def test_save_takes_the_item_explicitly_and_only_of_its_own_pack(tmp_path, store, pack, registry):
    session = WorkSession(store, pack)
    session.start()
    with pytest.raises(TypeError):
        session.save({"note": "which item?"})  # noqa - the old call names no item
    other = import_pack(write_pack(tmp_path / "q", n=2, pack_id="test.other"), store, registry).pack
    with pytest.raises(UserError, match="not in"):
        session.save(store.item_at(other.pk, 0), {"note": "wrong pack"})
    session.save(store.item_at(pack.pk, 3), {"note": "named"})
    assert saved(store, pack, "item-3") == {"note": "named"}
    assert session.item.item_id == "item-0"  # saving does not move the session


class Events:
    def __init__(self):
        self.seen = []

    def saved(self, host):
        self.seen.append("saved")

    def save_failed(self, host, message):
        self.seen.append(("failed", message))

    def bad_annotation(self, host, message):
        self.seen.append(("bad", message))

    def notify(self, message):
        self.seen.append(("notify", message))


def test_a_save_the_full_disk_refuses_is_kept_and_written_by_a_retry(store, pack):
    session = WorkSession(store, pack)
    session.start()
    events = Events()
    host = session.host(events)
    host.save({"note": "fits"})
    with full_disk(store):
        host.save({"note": BIG})  # a real SQLITE_FULL from the real file
        assert host.unsaved == {"note": BIG} and host.annotation == {"note": BIG}
        kind, message = events.seen[-1]
        assert kind == "failed" and "full" in message  # the store's StorageError, or SQLite's own words
        assert not host.retry()  # still full
    assert saved(store, pack, "item-0") == {"note": "fits"}  # the store kept the last good save, whole
    assert host.retry()  # room again: the kept change is written
    assert host.unsaved is None and host.error == ""
    assert saved(store, pack, "item-0") == {"note": BIG}
    assert events.seen[-1] == "saved"


def test_an_annotation_that_is_not_json_is_a_plugin_error_not_an_unsaved_state(store, pack):
    session = WorkSession(store, pack)
    session.start()
    events = Events()
    host = session.host(events)
    host.save({"points": {1, 2}})
    assert events.seen[-1][0] == "bad" and host.unsaved is None
    assert saved(store, pack, "item-0") is None


def test_done_counts_and_view_signals_have_one_rule(store, pack):
    assert done_count({"new": 2, "in_progress": 1, "submitted": 3, "skipped": 1, "flagged": 2}) == 6
    meter = RecordingMeter()
    session = WorkSession(store, pack, meter)
    session.start()
    report_view(meter, "library")
    report_view(meter, "instructions", pack)
    report_view(meter, "task", session=session)
    for _ in range(5):
        session.submit()
    report_view(meter, "task", session=session)
    views = [s for s in meter.signals if s["kind"] == "view"]
    assert views == [
        {"kind": "view", "view": "library"},
        {"kind": "view", "view": "instructions", "pack": "test.pack", "reading_seconds": 1.2},  # rules 2
        {"kind": "view", "view": "task", "pack": "test.pack", "item": "item-0", "phase": "training"},
        {"kind": "view", "view": "task", "pack": "test.pack", "item": None, "phase": "review"},
    ]
    assert isinstance(ItemHost, type)


def test_reviewing_a_finished_pack_never_walks_its_items_for_the_next_one_to_do(store, pack):
    """Each item shown asks for the next one to do (the prefetch); on a finished pack the counts
    answer, without reading the pack's items one by one (0.2 s a step at 100,000 items)."""
    session = WorkSession(store, pack)
    session.start()
    while session.submit() is not None:
        pass
    session.go_to(0)  # review from the start
    statements: list[str] = []

    def trace(dbapi_connection, _record, _proxy):  # every statement on every connection the store takes
        dbapi_connection.set_trace_callback(statements.append)

    event.listen(store.engine.pool, "checkout", trace)
    try:
        assert session.upcoming() == [store.item_at(pack.pk, 1)]  # only the next in the pack is left to show
        assert store.next_open(pack.pk) is None
    finally:
        event.remove(store.engine.pool, "checkout", trace)
        store.engine.dispose()
    searches = [s for s in statements if "state = 'new'" in s]
    assert statements and not searches, statements


def test_a_store_made_before_the_open_items_index_finds_the_next_item_to_do_by_a_seek(tmp_path, registry):
    """Migration 0005: a store at 0004 gets ``(pack_pk, state, position)``; the next item to do is
    the same as before, and SQLite finds it with that index, not by walking the pack in order."""
    from annotator.core import backup
    from annotator.core.store import Store, make_engine

    data = tmp_path / "data"
    with Store(data, allow_new=True) as store:
        pack = import_pack(write_pack(tmp_path / "p", n=6), store, registry).pack
        for position in (0, 1, 2, 4):
            store.set_state(store.item_at(pack.pk, position).pk, "submitted")
        store.save_annotation(store.item_at(pack.pk, 5).pk, {"x": 1}, None)  # in progress
    engine = make_engine(data / "annotator.sqlite3")
    with engine.begin() as conn:  # the schema as annotator left it before migration 0005
        conn.exec_driver_sql("DROP INDEX ix_items_pack_state_position")
        conn.exec_driver_sql("CREATE INDEX ix_items_pack_state ON items (pack_pk, state)")
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0004'")
    engine.dispose()
    with Store(data) as store:
        assert "migration" in [b.kind for b in backup.list_backups(data)]
        found = [store.next_open(pack.pk, after) for after in (-1, 0, 3, 4, 5)]
        assert [f.position for f in found] == [3, 3, 5, 5, 3]  # in progress counts, and it wraps round
        with store.engine.connect() as conn:
            plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT * FROM items " + store._NEXT_OPEN, (pack.pk, pack.pk, 0, pack.pk, 0)))
            indexes = {row[1] for row in conn.exec_driver_sql("PRAGMA index_list(items)")}
    assert "ix_items_pack_state_position" in plan, plan
    assert "ix_items_pack_state_position" in indexes and "ix_items_pack_state" not in indexes
