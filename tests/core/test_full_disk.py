"""A full disk (ENOSPC), a used-up quota (EDQUOT) or a read-only folder (EROFS) on every write path of
the core: a clear StorageError naming the folder and the free space, nothing half-written, and the
next write works once there is room. Real SQLite files; the OS calls fail, not a mock store."""
from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event

from annotator.cli import main
from annotator.core import backup
from annotator.core.errors import StorageError
from annotator.core.library import import_pack
from annotator.core.metering.service import MeterService
from annotator.core.session import WorkSession
from annotator.plugin_api import write_bytes_atomic
from tests.packs import png_bytes, write_pack

ROOT = Path(__file__).resolve().parents[2]


def disk_fills_after(monkeypatch, budget: int, err: int = errno.ENOSPC) -> None:
    """``os.write`` (and ``os.sendfile``, which ``shutil.copyfile`` uses) write ``budget`` bytes, then fail."""
    real_write = os.write
    left = [budget]

    def write(fd, data):
        if fd in (1, 2):  # the terminal is not the full disk
            return real_write(fd, data)
        if left[0] <= 0:
            raise OSError(err, os.strerror(err))
        n = min(len(data), left[0])
        left[0] -= n
        return real_write(fd, bytes(memoryview(data)[:n]))  # a short write first, like a real disk

    def sendfile(*_a, **_k):
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(os, "write", write)
    monkeypatch.setattr(os, "sendfile", sendfile)


class PageLimit:
    """SQLite's own size limit (``PRAGMA max_page_count``) on every connection of a store: its disk is full."""

    def __init__(self, store):
        self.store = store
        self.limit: int | None = None
        event.listen(store.engine, "connect", self._apply)

    def _apply(self, dbapi_conn, _record) -> None:
        if self.limit is not None:
            dbapi_conn.execute(f"PRAGMA max_page_count={self.limit}")

    def full(self, extra_pages: int = 1) -> None:
        with self.store.engine.connect() as conn:
            self.limit = conn.exec_driver_sql("PRAGMA page_count").scalar() + extra_pages
        self.store.engine.dispose()

    def room(self) -> None:
        self.limit = 1 << 30
        self.store.engine.dispose()


@pytest.mark.parametrize("err, words", [(errno.ENOSPC, "the disk is full"), (errno.EDQUOT, "disk quota"),
                                        (errno.EROFS, "is read-only")])
def test_an_atomic_write_on_a_full_disk_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch, err, words):
    out = tmp_path / "export" / "results.json"
    out.parent.mkdir()
    out.write_bytes(b"the previous export")
    disk_fills_after(monkeypatch, 70_000, err)
    with pytest.raises(StorageError) as caught:
        write_bytes_atomic(out, b"x" * 300_000)
    monkeypatch.undo()
    assert words in str(caught.value) and str(out.parent) in str(caught.value)
    assert caught.value.folder == out.parent and (err == errno.EROFS or "free" in str(caught.value))
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in out.parent.iterdir()) == ["results.json"]
    write_bytes_atomic(out, b"room again")
    assert out.read_bytes() == b"room again"


def test_importing_a_folder_pack_onto_a_full_disk_is_one_line_and_leaves_nothing(tmp_path, capsys, monkeypatch):
    data = tmp_path / "data"
    pack = write_pack(tmp_path / "src", n=3)
    assert main(["--data-dir", str(data), "pack", "list"]) == 0
    before = sorted(str(p.relative_to(data)) for p in data.rglob("*"))
    capsys.readouterr()
    disk_fills_after(monkeypatch, 2000)
    code = main(["--data-dir", str(data), "pack", "import", str(pack)])
    monkeypatch.undo()
    _, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("annotator: cannot import src: the disk is full in ") and "free" in err
    after = sorted(str(p.relative_to(data)) for p in data.rglob("*") if "backups" not in p.parts)
    assert [p for p in after if p.startswith(("packs/", "tmp/"))] == []  # nothing copied is left
    assert set(after) - set(before) <= {"packs", "annotator.lock", "annotator.sqlite3-shm", "annotator.sqlite3-wal"}
    assert main(["--data-dir", str(data), "pack", "import", str(pack)]) == 0  # room again: it imports


def test_exporting_onto_a_full_disk_is_one_line_and_leaves_no_file(tmp_path, capsys, monkeypatch, registry):
    data = tmp_path / "data"
    main(["--data-dir", str(data), "pack", "import", str(write_pack(tmp_path / "src", n=40))])
    out = tmp_path / "out.json"
    capsys.readouterr()
    disk_fills_after(monkeypatch, 1000)
    # every item (none is submitted yet): the default --states submitted would write only the header
    code = main(["--data-dir", str(data), "export", "test.pack", "--format", "json", "--states", "all",
                 "-o", str(out)])
    monkeypatch.undo()
    _, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1 and "the disk is full" in err
    assert list(tmp_path.glob("*out.json*")) == []


def test_a_save_on_a_full_disk_raises_storage_error_and_the_next_save_recovers(tmp_path, store, registry):
    row = import_pack(write_pack(tmp_path / "src"), store, registry).pack
    session = WorkSession(store, row)
    session.start()
    session.save(session.item, {"note": "kept"})
    disk = PageLimit(store)
    disk.full()
    with pytest.raises(StorageError, match="the disk is full") as caught:
        session.save(session.item, {"note": "x" * 200_000})
    assert str(store.data_dir) in str(caught.value) and "nothing was half-written" in str(caught.value)
    assert store.annotation(session.item.pk).data == {"note": "kept"}  # the last saved state, whole
    with pytest.raises(StorageError):
        store.set("language", "fr" * 100_000)
    disk.room()
    session.save(session.item, {"note": "x" * 200_000})
    assert store.annotation(session.item.pk).data == {"note": "x" * 200_000}
    import sqlite3

    assert sqlite3.connect(store.path).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_meter_on_a_full_disk_keeps_the_app_running_and_never_counts_twice(tmp_path, store):
    from annotator.core.clock import ManualClock
    from annotator.core.metering.repository import MeterRepository

    clock = ManualClock(1_000_000.0)
    meter = MeterService(store, clock=clock)
    meter.signal("app_start")
    disk = PageLimit(store)
    disk.full(0)
    for _ in range(10):
        clock.advance(5)
        meter.signal("heartbeat")  # logged, not raised
    disk.room()
    clock.advance(5)
    meter.signal("app_quit")
    rows = [r for r in MeterRepository(store).rows(kinds=("interval",))]
    spans = sorted((r.start, r.end) for r in rows)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_a_backup_on_a_full_disk_leaves_no_partial_copy(tmp_path, store, registry, monkeypatch):
    import sqlite3

    import_pack(write_pack(tmp_path / "src"), store, registry)

    class FullDisk(sqlite3.Connection):
        def backup(self, target, *a, **k):  # SQLite's own answer when the copy cannot grow
            target.execute("CREATE TABLE half_written (x)")
            raise sqlite3.OperationalError("database or disk is full")

    real = backup._connect
    monkeypatch.setattr(backup, "_connect", lambda path, readonly=False: sqlite3.connect(path, factory=FullDisk))
    with pytest.raises(StorageError, match="cannot back up the store: the disk is full"):
        backup.create(store.data_dir, "manual")
    monkeypatch.setattr(backup, "_connect", real)
    assert list((store.data_dir / "backups").iterdir()) == []


def _can_mount_tmpfs() -> bool:
    if not shutil.which("unshare") or sys.platform != "linux":
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
                           capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount_tmpfs(), reason="needs a private mount namespace (unshare -rm) for a tmpfs")
def test_a_real_full_filesystem_every_write_path(tmp_path):
    """A 2 MB tmpfs that really fills: import, save, backup and export, then room again."""
    rng = __import__("numpy").random.default_rng(7)
    from PIL import Image

    big = {}
    for i in range(3):
        img = Image.fromarray(rng.integers(0, 255, (700, 700, 3), dtype="uint8"))
        path = tmp_path / f"noise{i}.png"
        img.save(path)
        big[f"media/img-{i}.png"] = path.read_bytes()
    big_pack = write_pack(tmp_path / "big", n=3, media=big)
    small_pack = write_pack(tmp_path / "small", n=2, media={f"media/img-{i}.png": png_bytes() for i in range(2)},
                            pack_id="small.pack")
    mount = tmp_path / "mnt"
    mount.mkdir()
    script = (f"mount -t tmpfs -o size=2m tmpfs {mount} && "
              f"exec {sys.executable} {ROOT / 'tests' / 'core' / 'full_disk_driver.py'} {mount} {big_pack} {small_pack}")
    proc = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": f"{ROOT}:{ROOT / 'plugins'}"})
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    imp = out["import"]
    assert imp["code"] == 2 and imp["stderr"].count("\n") == 1 and "the disk is full" in imp["stderr"], imp
    assert [f for f in imp["files"] if f.startswith(("packs/test.pack", "tmp/"))] == []
    assert imp["packs"] == ["small.pack 1.0.0"] and imp["marks"] == []
    assert out["save_full"].startswith("StorageError: ") and "the disk is full" in out["save_full"], out
    assert out["after_failed_save"] == {"note": "before the disk filled"}
    assert out["backup_full"].startswith("StorageError: "), out
    assert [f for f in out["backups_left"] if "manual" in f or f.endswith(".tmp")] == []
    assert out["export_full"].startswith("StorageError: ") and out["export_left"] == []
    assert out["save_after_room"] == "ok" and out["after_room"] == {"note": "after there was room again"}
    assert out["open_full"].startswith("StorageError: cannot open the store: the disk is full"), out
