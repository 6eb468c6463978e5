"""Never start over silently: a missing or empty store beside existing data is refused.

A sync tool or a bad restore can leave ``annotator.sqlite3`` at 0 bytes, or remove it,
beside the worker's packs, signing key, write-ahead log or backups. Opening a store
there would give an empty one (and, before, an orphan cleaning that deleted every pack).
:func:`refuse_to_start_over` raises :class:`StoreMissing` instead, with both ways out:
restore the latest backup, or start over with an empty store on purpose. A new, empty
folder still starts with an empty store. See ``docs/adr/0612-store-backups-and-never-starting-over.md``.
"""
from __future__ import annotations

import shlex
from pathlib import Path

from annotator.core import backup
from annotator.core.errors import UserError
from annotator.core.paths import KEYS_DIR, PACKS_DIR, STORE_NAME, sidecar

DB_NAME = STORE_NAME

#: what in a data folder shows a store was there, and how the refusal names it
DATA_SIGNS = {"packs": "imported packs (packs/)", "keys": "a signing key (keys/)",
              "wal": f"the store's write-ahead log ({STORE_NAME}-wal)", "backups": "backups (backups/)"}


class StoreMissing(UserError):
    """The store is missing or empty beside data that needs it: refused, never replaced silently."""

    def __init__(self, data_dir: Path, codes: list[str], latest: "backup.Backup | None"):
        self.data_dir = data_dir
        self.codes = codes
        self.latest = latest
        state = "missing" if not (data_dir / DB_NAME).exists() else "empty (0 bytes)"
        where = shlex.quote(str(data_dir))
        if latest is not None:
            fix = (f"restore the latest backup ({latest.name}) with 'annotator restore --latest --data-dir {where}'"
                   f", or start over with an empty store on purpose with 'annotator restore --empty --data-dir {where}'")
        else:
            fix = (f"there is no backup: put the file back if you can (from the sync tool or the system's backup), or "
                   f"start over with an empty store on purpose with 'annotator restore --empty --data-dir {where}'")
        super().__init__(f"the store {data_dir / DB_NAME} is {state} but the folder still holds "
                         f"{', '.join(DATA_SIGNS[c] for c in codes)}; it was not replaced by an empty one: {fix}")


def existing_data(data_dir: Path) -> list[str]:
    """What in a data folder shows that a store was there (keys of :data:`DATA_SIGNS`)."""
    found = []

    def has_files(folder: Path) -> bool:
        try:
            return folder.is_dir() and any(folder.iterdir())
        except OSError:
            return False

    if has_files(data_dir / PACKS_DIR):
        found.append("packs")
    if has_files(data_dir / KEYS_DIR):
        found.append("keys")
    wal = sidecar(data_dir / DB_NAME, "-wal")
    if wal.is_file() and wal.stat().st_size > 0:
        found.append("wal")
    if backup.list_backups(data_dir):
        found.append("backups")
    return found


def refuse_to_start_over(data_dir: Path) -> None:
    """Raise :class:`StoreMissing` if the store is missing or empty beside data that needs it."""
    path = data_dir / DB_NAME
    try:
        if path.stat().st_size > 0:
            return
    except FileNotFoundError:
        pass
    found = existing_data(data_dir)
    if found:
        backups = backup.list_backups(data_dir)
        raise StoreMissing(data_dir, found, backups[0] if backups else None)
