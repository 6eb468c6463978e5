"""A pack's progress counts (``pack_progress``, ADR 0021) stay exactly what counting its items gives.

On a real SQLite file, after random sequences of everything that changes an item's state or the
set of items: import, the first save, submit, skip, flag, reopen, removal, a failed import,
restore from a backup, a process killed in the middle of an import, and the migration that
fills the counts of a store made before they existed.
"""
from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from annotator.core import backup, schema
from annotator.core.library import ImportCancelled, import_pack
from annotator.core.lock import DataFolderLock
from annotator.core.store import HEAD_REVISION, Store, make_engine, migrate
from annotator.plugin_api import ITEM_STATES
from tests.packs import write_pack


def counted(store: Store) -> dict[int, dict[str, int]]:
    """Every pack's items counted one by one (what the counts replace)."""
    i = schema.items
    with store.engine.connect() as conn:
        rows = conn.execute(select(i.c.pack_pk, i.c.state, func.count()).group_by(i.c.pack_pk, i.c.state)).all()
    out: dict[int, dict[str, int]] = {p.pk: dict.fromkeys(ITEM_STATES, 0) for p in store.packs()}
    for pack_pk, state, n in rows:
        out[pack_pk][state] = n
    return out


def kept(store: Store) -> dict[int, dict[str, int]]:
    return {p.pk: store.progress(p.pk) for p in store.packs()}


def items_of(store: Store) -> list[int]:
    with store.engine.connect() as conn:
        return [r[0] for r in conn.execute(select(schema.items.c.pk).order_by(schema.items.c.pk))]


OPS = st.lists(st.tuples(
    st.sampled_from(["import", "save", "submit", "skip", "flag", "reopen", "new", "remove", "cancelled_import",
                     "backup", "restore", "rolled_back"]),
    st.integers(min_value=0, max_value=10_000)), min_size=1, max_size=25)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(OPS)
def test_the_counts_equal_a_full_count_after_any_sequence_of_changes(registry, ops):
    work = Path(tempfile.mkdtemp(prefix="progress-"))
    data = work / "data"
    store = Store(data, allow_new=True)
    imported = 0
    made_backup = False
    try:
        for op, n in ops:
            pks = items_of(store)
            pick = pks[n % len(pks)] if pks else None
            if op == "import" or (op == "cancelled_import"):
                imported += 1
                source = write_pack(work / f"src{imported}", kind="rating", n=1 + n % 7,
                                    pack_id=f"test.p{imported}")
                if op == "import":
                    import_pack(source, store, registry)
                else:  # the worker cancels while the items are being recorded: nothing is kept
                    def cancel(stage, done, total):
                        if stage == "record":
                            raise ImportCancelled()
                    with pytest.raises(ImportCancelled):
                        import_pack(source, store, registry, progress=cancel)
            elif op == "save" and pick is not None:
                store.save_annotation(pick, {"n": n}, None)
            elif op in ("submit", "skip", "flag") and pick is not None:
                store.set_state(pick, {"submit": "submitted", "skip": "skipped", "flag": "flagged"}[op],
                                None if op == "submit" else "why")
            elif op in ("reopen", "new") and pick is not None:
                store.set_state(pick, "in_progress" if op == "reopen" else "new")
            elif op == "remove" and store.packs():
                packs = store.packs()
                store.remove_pack(packs[n % len(packs)].pk)
            elif op == "backup":
                backup.create(data, "manual")
                made_backup = True
            elif op == "restore" and made_backup:
                store.close()
                lock = DataFolderLock(data)
                lock.acquire(0, "test")
                try:
                    backup.restore(data, backup.list_backups(data)[0], HEAD_REVISION)
                finally:
                    lock.release()
                store = Store(data)
            elif op == "rolled_back" and pick is not None:
                # a change that fails after the state changed: the transaction, counts included, is undone
                with pytest.raises(RuntimeError), store.writing() as conn:
                    conn.execute(schema.items.update().where(schema.items.c.pk == pick).values(state="flagged"))
                    raise RuntimeError("the disk went away")
            assert kept(store) == counted(store), (op, n)
    finally:
        store.close()
        shutil.rmtree(work, ignore_errors=True)


def test_a_pack_s_counts_are_its_items_and_leave_with_it(tmp_path, store, registry):
    row = import_pack(write_pack(tmp_path / "p", kind="rating", n=5), store, registry).pack
    assert store.progress(row.pk) == {**dict.fromkeys(ITEM_STATES, 0), "new": 5}
    first = store.item_at(row.pk, 0)
    store.save_annotation(first.pk, {"x": 1}, None)
    store.save_annotation(first.pk, {"x": 2}, None)  # a second save changes no state
    store.set_state(store.item_at(row.pk, 1).pk, "skipped", "unclear")
    assert store.progress(row.pk) == {**dict.fromkeys(ITEM_STATES, 0), "new": 3, "in_progress": 1, "skipped": 1}
    store.remove_pack(row.pk)
    with store.engine.connect() as conn:
        assert conn.execute(select(schema.pack_progress)).all() == []


def _import_then_die(data: str, source: str) -> None:
    """A child process: import a pack, and be killed (no clean-up at all) in the middle of recording it."""
    from annotator.core.registry import installed

    def die(stage, done, total):
        if stage == "record" and done >= 6000:  # after the first 5,000 rows went in
            os._exit(9)
    store = Store(data)
    import_pack(source, store, installed(), progress=die)


def test_a_process_killed_in_the_middle_of_an_import_leaves_exact_counts(tmp_path, registry):
    data = tmp_path / "data"
    with Store(data, allow_new=True) as store:
        kept_row = import_pack(write_pack(tmp_path / "first", kind="rating", n=4, pack_id="test.first"),
                               store, registry).pack
        store.set_state(store.item_at(kept_row.pk, 0).pk, "submitted")
    big = write_pack(tmp_path / "big", kind="rating", n=8000, pack_id="test.big")
    child = multiprocessing.get_context("spawn").Process(target=_import_then_die, args=(str(data), str(big)))
    child.start()
    child.join(600)
    assert child.exitcode == 9  # it really died half-way, its transaction open
    with Store(data) as store:
        assert [p.pack_id for p in store.packs()] == ["test.first"]
        assert kept(store) == counted(store)
        assert store.progress(kept_row.pk)["submitted"] == 1


def test_the_migration_fills_the_counts_of_a_store_made_before_them(tmp_path, registry):
    """A store at schema 0003 with worked packs: opening it backs it up, then counts every pack once."""
    data = tmp_path / "data"
    with Store(data, allow_new=True) as store:
        a = import_pack(write_pack(tmp_path / "a", kind="rating", n=6, pack_id="test.a"), store, registry).pack
        b = import_pack(write_pack(tmp_path / "b", kind="rating", n=3, pack_id="test.b"), store, registry).pack
        store.set_state(store.item_at(a.pk, 0).pk, "submitted")
        store.set_state(store.item_at(a.pk, 1).pk, "flagged", "broken")
        store.save_annotation(store.item_at(b.pk, 2).pk, {"x": 1}, None)
    engine = make_engine(data / "annotator.sqlite3")
    with engine.begin() as conn:  # back to the schema before the counts, as an older annotator left it
        conn.exec_driver_sql("DROP TRIGGER pack_progress_state_changed")
        conn.exec_driver_sql("DROP TRIGGER pack_progress_item_deleted")
        conn.exec_driver_sql("DROP TABLE pack_progress")
        conn.exec_driver_sql("DROP INDEX ix_items_pack_state_position")  # migration 0005's
        conn.exec_driver_sql("CREATE INDEX ix_items_pack_state ON items (pack_pk, state)")
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0003'")
    engine.dispose()
    with Store(data) as store:
        assert "migration" in [b.kind for b in backup.list_backups(data)]
        assert kept(store) == counted(store)
        assert store.progress(a.pk) == {"new": 4, "in_progress": 0, "submitted": 1, "skipped": 0, "flagged": 1}
        store.set_state(store.item_at(a.pk, 2).pk, "skipped", "no")  # and the triggers run from then on
        assert kept(store) == counted(store)


def test_an_old_store_migrated_from_the_first_schema_has_counts(data_dir):
    engine = make_engine(data_dir / "annotator.sqlite3")
    migrate(engine, "0001")
    engine.dispose()
    with Store(data_dir) as store:
        assert kept(store) == counted(store) == {}
