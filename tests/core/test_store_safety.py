"""Never start over silently: a missing or empty store is refused, pack folders are deleted only when
marked, backups are made (daily, before a migration, by hand) and restored after a check."""
from __future__ import annotations

import sqlite3
import time

import pytest

from annotator.cli import main
from annotator.core import backup, keys
from annotator.core.clock import ManualClock
from annotator.core.errors import UserError
from annotator.core.library import clean_orphans, import_pack
from annotator.core.session import WorkSession
from annotator.core.store import HEAD_REVISION, Store, StoreMissing, current_revision, make_engine, migrate
from tests.packs import write_pack

DAY = 86400.0


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def tree(folder) -> dict[str, int]:
    """Every file under ``folder`` with its size: what "nothing was deleted" compares."""
    return {str(p.relative_to(folder)): p.stat().st_size for p in sorted(folder.rglob("*")) if p.is_file()
            and p.parts[-1] not in ("annotator.lock", "annotator.lock.json") and "logs" not in p.parts}


@pytest.fixture
def worked(tmp_path, registry):
    """A data folder as a worker leaves it: a pack imported, an annotation saved, a signing key."""
    data = tmp_path / "data"
    with Store(data) as store:
        row = import_pack(write_pack(tmp_path / "src"), store, registry).pack
        session = WorkSession(store, row)
        session.start()
        session.save(session.item, {"boxes": [[1, 2, 3, 4]]})
        pack_folder = row.folder
    keys.load_or_create(data)
    return data, pack_folder


@pytest.mark.parametrize("damage", ["truncated", "removed"])
def test_a_missing_or_empty_store_beside_packs_and_keys_is_refused_and_nothing_is_deleted(
        worked, capsys, damage, registry):
    data, pack_folder = worked
    store_file = data / "annotator.sqlite3"
    for side in ("-wal", "-shm"):
        (data / f"annotator.sqlite3{side}").unlink(missing_ok=True)
    if damage == "truncated":
        store_file.write_bytes(b"")
    else:
        store_file.unlink()
    before = tree(data)
    for args in (["pack", "list"], ["timesheet", "verify"], ["pack", "import", pack_folder], ["export", "test.pack", "--format", "list"]):
        code, out, err = run(capsys, "--data-dir", data, *args)
        assert code == 2, args
        assert err.count("\n") == 1 and "Traceback" not in err
        assert "was not replaced by an empty one" in err and "annotator restore --empty" in err
    # the window's start-up path refuses the same way, before its orphan cleaning could run
    from annotator.ui.app import build_context

    with pytest.raises(StoreMissing):
        build_context(data)
    assert tree(data) == before  # nothing deleted, nothing created, the empty file not replaced
    assert pack_folder.is_dir()


def test_a_wal_without_its_store_is_refused(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "annotator.sqlite3-wal").write_bytes(b"\x37\x7f\x06\x82" + bytes(28))
    with pytest.raises(StoreMissing, match="write-ahead log"):
        Store(data)


def test_a_new_data_folder_still_starts_with_an_empty_store(tmp_path):
    with Store(tmp_path / "fresh") as store:
        assert store.packs() == []


def test_the_refusal_offers_the_latest_backup(worked, capsys):
    data, _ = worked
    made = backup.create(data, "manual")
    (data / "annotator.sqlite3").write_bytes(b"")
    code, _, err = run(capsys, "--data-dir", data, "pack", "list")
    assert code == 2 and f"restore the latest backup ({made.name})" in err and "--latest" in err


def test_orphan_cleaning_deletes_only_folders_the_store_marked(tmp_path, store, registry):
    row = import_pack(write_pack(tmp_path / "src"), store, registry).pack
    assert store.marked_folders() == {}  # the import's mark went with its commit
    unknown = store.packs_dir / "restored.elsewhere" / "1.0.0-0123456789ab"
    unknown.mkdir(parents=True)
    (unknown / "pack.toml").write_text("kept")
    interrupted = store.packs_dir / "half.imported" / "1.0.0-aaaaaaaaaaaa"
    store.mark_folder(interrupted, "importing")
    interrupted.mkdir(parents=True)
    removed = clean_orphans(store)
    assert interrupted in removed and not interrupted.exists()
    assert unknown.is_dir() and row.folder.is_dir()  # not marked: left alone
    assert store.marked_folders() == {}


def test_removing_a_pack_marks_its_folder_first_so_a_crash_is_finished_at_start_up(tmp_path, store, registry,
                                                                                  monkeypatch):
    import shutil

    row = import_pack(write_pack(tmp_path / "src"), store, registry).pack
    monkeypatch.setattr(shutil, "rmtree", lambda *a, **k: None)  # the process dies before deleting the folder
    store.remove_pack(row.pk)
    monkeypatch.undo()
    assert row.folder.is_dir() and store.marked_folders() == {row.folder: "removing"}
    assert row.folder in clean_orphans(store) and not row.folder.exists()
    assert store.marked_folders() == {}


def test_backup_and_restore_round_trip(worked, capsys):
    data, _ = worked
    code, out, err = run(capsys, "--data-dir", data, "backup")
    assert code == 0 and "1 packs, 1 annotations" in out, err
    with Store(data) as store:  # work goes on after the backup
        row = store.packs()[0]
        session = WorkSession(store, row)
        session.go_to(1)
        session.save(session.item, {"boxes": [[5, 6, 7, 8]]})
    code, out, _ = run(capsys, "--data-dir", data, "backup", "--list")
    assert code == 0 and "manual" in out
    code, out, err = run(capsys, "--data-dir", data, "restore", "1")
    assert code == 0 and "restored annotator-" in out and "replaced is kept as" in out, err
    with Store(data) as store:
        assert store.annotation(store.item_at(store.packs()[0].pk, 1).pk) is None  # back to the backup
        assert store.annotation(store.item_at(store.packs()[0].pk, 0).pk) is not None
    replaced = [b for b in backup.list_backups(data) if b.kind == "replaced"]
    assert len(replaced) == 1 and backup.summary(replaced[0].path).annotations == 2  # the replaced store is kept
    # restoring that one brings the later work back
    code, _, err = run(capsys, "--data-dir", data, "restore", replaced[0].name)
    assert code == 0, err
    with Store(data) as store:
        assert store.annotation(store.item_at(store.packs()[0].pk, 1).pk) is not None


def test_a_damaged_backup_is_refused_before_anything_is_replaced(worked, capsys):
    data, _ = worked
    made = backup.create(data, "manual")
    conn = sqlite3.connect(made.path)
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'items'").fetchone()[0]
    conn.close()
    raw = bytearray(made.path.read_bytes())
    raw[(root - 1) * page] = 0xFF  # the items table's page is no b-tree page any more
    made.path.write_bytes(bytes(raw))
    before = (data / "annotator.sqlite3").read_bytes()
    code, _, err = run(capsys, "--data-dir", data, "restore", made.name)
    assert code == 2 and err.count("\n") == 1 and "nothing was changed" in err
    assert (data / "annotator.sqlite3").read_bytes() == before
    (tmp := data / "not-a-store.sqlite3").write_bytes(b"hello")
    code, _, err = run(capsys, "--data-dir", data, "restore", tmp)
    assert code == 2 and "nothing was changed" in err


def test_restore_empty_starts_over_on_purpose_and_keeps_everything(worked, capsys):
    data, pack_folder = worked
    (data / "annotator.sqlite3").write_bytes(b"")
    code, out, err = run(capsys, "--data-dir", data, "restore", "--empty")
    assert code == 0 and "started over with an empty store" in out, err
    code, out, _ = run(capsys, "--data-dir", data, "pack", "list")
    assert code == 0 and pack_folder.is_dir()  # the old pack folder stays, to import again


def test_a_store_at_an_older_schema_is_backed_up_before_its_migration(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    engine = make_engine(data / "annotator.sqlite3")
    migrate(engine, "0002")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO settings (key, value) VALUES ('language', '\"fr\"')")
    engine.dispose()
    with Store(data) as store:
        assert current_revision(store.engine) == HEAD_REVISION
    [made] = backup.list_backups(data)
    assert made.kind == "migration"
    assert backup.check(made.path, HEAD_REVISION).revision == "0002"
    assert sqlite3.connect(made.path).execute("SELECT value FROM settings").fetchone() == ('"fr"',)


def test_a_backup_from_a_newer_annotator_is_refused(worked, capsys):
    data, _ = worked
    made = backup.create(data, "manual")
    with sqlite3.connect(made.path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    code, _, err = run(capsys, "--data-dir", data, "restore", made.name)
    assert code == 2 and "newer annotator" in err


def test_one_daily_backup_a_day_and_only_the_last_seven_kept(tmp_path, registry):
    data = tmp_path / "data"
    clock = ManualClock(time.mktime((2026, 3, 2, 9, 0, 0, 0, 0, -1)))
    with Store(data, clock=clock) as store:
        row = import_pack(write_pack(tmp_path / "src"), store, registry).pack
    for day in range(9):
        for _ in range(2):  # two processes on one day: one backup
            with Store(data, clock=clock) as store:
                store.set_state(store.item_at(row.pk, 0).pk, "in_progress")
        clock.advance(DAY)
    daily = [b for b in backup.list_backups(data) if b.kind == "daily"]
    assert len(daily) == backup.KEEP["daily"] == 7
    assert len({b.day for b in daily}) == 7
    assert daily[0].day == time.strftime("%Y-%m-%d", time.localtime(clock() - DAY))


def test_restore_is_refused_while_the_window_holds_the_folder(worked, capsys, monkeypatch):
    data, _ = worked
    backup.create(data, "manual")
    monkeypatch.setenv("ANNOTATOR_LOCK_WAIT", "0")
    with Store(data, writer=True, holder="window", lock_wait=0):
        code, _, err = run(capsys, "--data-dir", data, "restore", "--latest")
    assert code == 2 and "in use by the annotator window" in err


def test_a_command_naming_only_the_id_takes_the_highest_version_not_the_latest_imported(tmp_path, store,
                                                                                       registry):
    from tests.packs import manifest

    for version in ("1.10.0", "1.9.0", "1.10.0-rc1"):
        folder = write_pack(tmp_path / version, manifest_doc=manifest(version=version))
        import_pack(folder, store, registry)
    assert store.resolve_pack("test.pack").version == "1.10.0"
    assert store.resolve_pack("test.pack@1.9.0").version == "1.9.0"


def test_backup_of_a_missing_store_is_refused(tmp_path, capsys):
    code, _, err = run(capsys, "--data-dir", tmp_path / "nothing", "backup")
    assert code == 2 and "no store to back up" in err
    with pytest.raises(UserError):
        backup.create(tmp_path / "nothing")
