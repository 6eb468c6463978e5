"""The worker's store: a real SQLite file, WAL, foreign keys, migrations, every change committed."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import inspect

from annotator.core import schema
from annotator.core.clock import ManualClock
from annotator.core.library import import_pack
from annotator.core.session import WorkSession
from annotator.core.store import HEAD_REVISION, Store, current_revision, migrate
from tests.packs import write_pack


def test_a_new_store_is_migrated_to_the_newest_schema(data_dir):
    with Store(data_dir) as store:
        assert current_revision(store.engine) == HEAD_REVISION
        tables = set(inspect(store.engine).get_table_names())
    assert set(schema.metadata.tables) <= tables
    raw = sqlite3.connect(data_dir / "annotator.sqlite3")
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_migrations_build_exactly_the_schema_the_code_queries(data_dir):
    """Alembic's own comparison: the migrated database and schema.py agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import annotator.core.metering.tables  # noqa: F401  (its tables join schema.metadata)

    with Store(data_dir) as store, store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    assert diff == []


def test_head_revision_constant_matches_the_migration_scripts():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from annotator.core.store import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


def test_foreign_keys_are_enforced_and_deleting_a_pack_removes_its_items(tmp_path, store, registry):
    row = import_pack(write_pack(tmp_path / "p"), store, registry).pack
    with store.engine.begin() as conn:
        with pytest.raises(Exception, match="FOREIGN KEY"):
            conn.execute(schema.items.insert().values(pack_pk=999, item_id="x", position=0, data={}, state="new"))
    store.remove_pack(row.pk)
    with store.engine.connect() as conn:
        assert conn.execute(schema.items.select()).fetchall() == []


def test_every_save_is_committed_and_visible_to_another_connection(tmp_path, store, registry):
    clock = ManualClock(1000.0)
    store.clock = clock
    row = import_pack(write_pack(tmp_path / "p"), store, registry).pack
    session = WorkSession(store, row)
    item = session.start()
    session.save(session.item, {"note": "first"})
    clock.advance(5)
    session.save(session.item, {"note": "second"})
    raw = sqlite3.connect(store.path)  # a second, plain connection sees it at once
    data, revision, updated, ihash = raw.execute(
        "SELECT data, revision, updated_at, instructions_hash FROM annotations WHERE item_pk=?", (item.pk,)).fetchone()
    assert data == '{"note":"second"}' and revision == 2 and updated == 1005.0
    assert ihash == row.instructions_hash


def test_saving_something_that_is_not_json_is_refused_and_keeps_the_old_value(tmp_path, store, registry):
    row = import_pack(write_pack(tmp_path / "p"), store, registry).pack
    session = WorkSession(store, row)
    session.start()
    session.save(session.item, {"ok": 1})
    for bad in ({"x": float("nan")}, {"x": object()}):
        with pytest.raises((ValueError, TypeError)):
            session.save(session.item, bad)
    assert session.annotation() == {"ok": 1}


def test_settings_round_trip_json_values(store):
    assert store.get("missing", 7) == 7
    store.set("reference_wage", {"amount": 11.88, "currency": "EUR"})
    store.set("reference_wage", {"amount": 12.0, "currency": "EUR"})
    store.set("language", "fr")
    assert store.get("reference_wage") == {"amount": 12.0, "currency": "EUR"}
    assert store.get("language") == "fr"
    # numbers and strings that look like numbers (the column keeps numeric text as a number)
    for key, value in {"speed": 1.75, "zoom": 3, "code": "2", "flag": True, "list": [1, "2"]}.items():
        store.set(key, value)
        assert store.get(key) == value and type(store.get(key)) is type(value)


def test_an_old_store_is_upgraded_in_place(data_dir):
    from annotator.core.store import make_engine

    engine = make_engine(data_dir / "annotator.sqlite3")
    migrate(engine, "0001")
    engine.dispose()
    with Store(data_dir) as store:
        assert current_revision(store.engine) == HEAD_REVISION


def test_an_unwritable_data_folder_is_a_user_error(tmp_path):
    from annotator.core.errors import UserError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UserError, match="cannot create the data folder"):
        Store(blocker / "data")
