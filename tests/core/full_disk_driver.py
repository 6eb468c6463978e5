"""Run by test_full_disk.py inside a private mount namespace, on a small real tmpfs that fills up.

``python full_disk_driver.py MOUNTPOINT BIG_PACK`` does every write path of the core on
that filesystem, full, and prints one JSON object saying what each did and what it left.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core import backup  # noqa: E402
from annotator.core.errors import StorageError  # noqa: E402
from annotator.core.library import import_pack  # noqa: E402
from annotator.core.registry import installed  # noqa: E402
from annotator.core.session import WorkSession  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from annotator.plugin_api import write_bytes_atomic  # noqa: E402


def fill(folder: Path) -> Path:
    """Fill the filesystem up to the last byte with one file."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as fh:
        chunk = b"\0" * 4096
        try:
            while True:
                fh.write(chunk)
        except OSError:
            pass
        try:
            while True:
                fh.write(b"\0")
        except OSError:
            pass
    return filler


def files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def attempt(fn) -> str:
    try:
        fn()
    except StorageError as exc:
        return f"StorageError: {exc}"
    except Exception as exc:  # what the test must never see
        return f"{type(exc).__name__}: {exc}"
    return "ok"


def main(mount: str, big_pack: str, small_pack: str) -> None:
    mount_dir = Path(mount)
    data = mount_dir / "data"
    out: dict = {}
    registry = installed()
    with Store(data) as store:
        row = import_pack(small_pack, store, registry).pack
        session = WorkSession(store, row)
        session.start()
        session.save(session.item, {"note": "before the disk filled"})
    before = files(data)

    # 1. importing a folder pack bigger than the disk, through the command line
    proc = subprocess.run([sys.executable, "-m", "annotator", "--data-dir", str(data), "pack", "import", big_pack],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])})
    out["import"] = {"code": proc.returncode, "stderr": proc.stderr, "files": files(data), "before": before}
    with Store(data) as store:
        out["import"]["packs"] = [p.label for p in store.packs()]
        out["import"]["marks"] = [str(m) for m in store.marked_folders()]

    with Store(data) as store:
        session = WorkSession(store, store.packs()[0])
        session.start()
        filler = fill(mount_dir)
        # 2. saving an annotation on the full disk, then again once there is room
        out["save_full"] = attempt(lambda: session.save(session.item, {"note": "x" * 300_000}))
        out["after_failed_save"] = dict(store.annotation(session.item.pk).data)
        # 3. a backup on the full disk
        out["backup_full"] = attempt(lambda: backup.create(data, "manual"))
        out["backups_left"] = files(data / "backups") if (data / "backups").exists() else []
        # 4. an export through the plugin API's atomic writer
        out["export_full"] = attempt(lambda: write_bytes_atomic(mount_dir / "out" / "results.json", b"y" * 200_000))
        out["export_left"] = files(mount_dir / "out") if (mount_dir / "out").exists() else []
        filler.unlink()
        out["save_after_room"] = attempt(
            lambda: session.save(session.item, {"note": "after there was room again"}))
        out["after_room"] = dict(store.annotation(session.item.pk).data)
    # 5. opening the store on a full disk (SQLite cannot grow its WAL index)
    out["wal_left"] = [f for f in files(data) if f.endswith(("-wal", "-shm"))]
    filler = fill(mount_dir)
    out["open_full"] = attempt(lambda: Store(data).close())
    filler.unlink()
    print(json.dumps(out))


if __name__ == "__main__":
    main(*sys.argv[1:4])
