"""Copies of the worker's store, made with SQLite's online backup API, and restoring one.

Backups live in ``DATA/backups/`` as ``annotator-YYYYMMDD-HHMMSS-KIND.sqlite3``, each a
complete single-file SQLite database (rollback journal, no WAL beside it) that any
SQLite tool opens. Kinds, and how many of each are kept (the oldest beyond that are
deleted after a new one is made):

* ``daily``: the first time something is written on a day (a window opening, a
  command writing), if the store holds anything; 7 kept;
* ``migration``: just before Alembic changes the store's schema; 3 kept;
* ``manual``: ``annotator backup``; 10 kept;
* ``replaced``: the store that ``annotator restore`` replaced; 5 kept.

The online backup API copies a consistent snapshot while the window keeps writing
(the WAL lets it read without blocking the writer). A backup is written to a
temporary file, checked, then renamed: a failed one (a full disk) leaves nothing.
Restoring checks the chosen backup opens, passes ``PRAGMA integrity_check`` and is
an annotator store no newer than this program, keeps the current store as a
``replaced`` backup, then moves the copy in place. See ``docs/adr/0612-store-backups.md``.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from annotator.core.errors import UserError, msg, storage_errors
from annotator.core.paths import BACKUPS_DIR, STORE_SIDECARS, sidecar, store_path

log = logging.getLogger("annotator.backup")

KINDS = ("daily", "migration", "manual", "replaced")
KEEP = {"daily": 7, "migration": 3, "manual": 10, "replaced": 5}
NAME_RE = re.compile(r"^annotator-(\d{8}-\d{6})(?:-(\d+))?-(daily|migration|manual|replaced)\.sqlite3$")


@dataclass(frozen=True)
class Backup:
    path: Path
    kind: str
    made_at: float
    size: int

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def day(self) -> str:
        return time.strftime("%Y-%m-%d", time.localtime(self.made_at))


@dataclass(frozen=True)
class StoreSummary:
    """What a store file holds, read to show or check a backup."""

    revision: str | None
    packs: int
    annotations: int
    records: int
    last_record: float | None


def backups_dir(data_dir: str | os.PathLike) -> Path:
    return Path(data_dir) / BACKUPS_DIR


def list_backups(data_dir: str | os.PathLike) -> list[Backup]:
    """The backups of a data folder, newest first."""
    folder = backups_dir(data_dir)
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            m = NAME_RE.match(path.name)
            if not m or not path.is_file():
                continue
            made = time.mktime(time.strptime(m.group(1), "%Y%m%d-%H%M%S"))
            st = path.stat()
            found.append((made, int(m.group(2) or 0), st.st_mtime_ns, Backup(path, m.group(3), made, st.st_size)))
    found.sort(key=lambda t: t[:3], reverse=True)  # two in one second: the later written first
    return [b for *_, b in found]


def _target(data_dir: Path, kind: str, now: float) -> Path:
    folder = backups_dir(data_dir)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    path = folder / f"annotator-{stamp}-{kind}.sqlite3"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"annotator-{stamp}-{n}-{kind}.sqlite3"
    return path


def _connect(path: Path, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        return sqlite3.connect(f"file:{path.absolute()}?mode=ro", uri=True, timeout=10)
    return sqlite3.connect(path, timeout=10)


def create(data_dir: str | os.PathLike, kind: str = "manual", *, source: Path | None = None,
           now: float | None = None) -> Backup:
    """Copy the store (or ``source``) into a new backup of ``kind``; prune that kind; return it."""
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    data_dir = Path(data_dir).absolute()
    src_path = Path(source) if source is not None else store_path(data_dir)
    if not src_path.is_file() or src_path.stat().st_size == 0:
        raise UserError(msg("there is no store to back up in {folder}", folder=data_dir))
    now = time.time() if now is None else now
    folder = backups_dir(data_dir)
    with storage_errors(folder, msg("back up the store")):
        folder.mkdir(parents=True, exist_ok=True)
        target = _target(data_dir, kind, now)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            src = _connect(src_path)
            try:
                dst = _connect(tmp)
                try:
                    src.backup(dst)  # one step: a consistent snapshot, the writer is not blocked (WAL)
                    dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
                    result = dst.execute("PRAGMA quick_check").fetchone()[0]
                finally:
                    dst.close()
            finally:
                src.close()
            if result != "ok":
                raise UserError(msg("the backup of {path} fails SQLite's check ({result}); the store may be "
                                    "damaged: keep a copy of the data folder and restore an earlier backup",
                                    path=src_path, result=result))
            os.chmod(tmp, 0o600)
            os.replace(tmp, target)
        except BaseException:
            _remove(tmp)
            raise
    backup = Backup(target, kind, now, target.stat().st_size)
    prune(data_dir, kind)
    log.info("backed up the store to %s", target)
    return backup


def _remove(path: Path) -> None:
    for p in (path, *(sidecar(path, s) for s in STORE_SIDECARS)):
        try:
            p.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:  # never hide the error that brought us here
            log.warning("could not remove %s: %s", p, exc)


def prune(data_dir: str | os.PathLike, kind: str) -> list[Path]:
    """Delete the backups of ``kind`` beyond the newest ``KEEP[kind]``."""
    removed = []
    for backup in [b for b in list_backups(data_dir) if b.kind == kind][KEEP[kind]:]:
        _remove(backup.path)
        removed.append(backup.path)
    return removed


def daily(data_dir: str | os.PathLike, now: float, has_content: Callable[[], bool]) -> Backup | None:
    """Today's ``daily`` backup: the one already made, or a new one; ``None`` while the store holds nothing."""
    today = time.strftime("%Y-%m-%d", time.localtime(now))
    for b in list_backups(data_dir):
        if b.kind == "daily" and b.day == today:
            return b
    if not has_content():
        return None
    return create(data_dir, "daily", now=now)


def summary(path: Path) -> StoreSummary:
    """Open a store file read-only and count what it holds; raise ``UserError`` if it is not one."""
    try:
        conn = _connect(path, readonly=True)
    except sqlite3.Error as exc:
        raise UserError(msg("{path} cannot be opened as a store: {error}", path=path, error=exc)) from None
    try:
        def one(sql: str, default=None):
            try:
                row = conn.execute(sql).fetchone()
            except sqlite3.OperationalError:
                return default
            return row[0] if row else default

        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "packs" not in tables or "alembic_version" not in tables:
            raise UserError(msg("{path} is not an annotator store (no packs table)", path=path))
        return StoreSummary(revision=one("SELECT version_num FROM alembic_version"),
                            packs=one("SELECT count(*) FROM packs", 0),
                            annotations=one("SELECT count(*) FROM annotations", 0),
                            records=one("SELECT count(*) FROM meter_records", 0),
                            last_record=one('SELECT max("end") FROM meter_records'))
    except sqlite3.DatabaseError as exc:
        raise UserError(msg("{path} is not a readable SQLite database ({error})", path=path, error=exc)) from None
    finally:
        conn.close()


def check(path: Path, head_revision: str) -> StoreSummary:
    """A copy of a store is whole (``PRAGMA integrity_check``) and an annotator store this program can open.

    ``path`` is a private copy: it is switched to a rollback journal (one self-contained file).
    """
    try:
        conn = _connect(path)
        try:
            conn.execute("PRAGMA journal_mode=DELETE")
            result = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise UserError(msg("{file} is damaged or not a database ({error}); nothing was changed",
                            file=path.name, error=exc)) from None
    if result != ["ok"]:
        raise UserError(msg("{file} fails SQLite's integrity check ({result}); nothing was changed",
                            file=path.name, result="; ".join(result[:3])))
    found = summary(path)
    if found.revision is None or _rev(found.revision) > _rev(head_revision):
        raise UserError(msg("{file} was made by a newer annotator (schema {found}, this one knows up to {known}); "
                            "install that version to restore it", file=path.name, found=found.revision, known=head_revision))
    return found


def _rev(revision: str) -> int:
    try:
        return int(revision)
    except ValueError:
        return 1 << 30


def find(data_dir: str | os.PathLike, name: str) -> Backup | Path:
    """A backup named by its file name (as listed), its number in the list (1 = newest) or a path."""
    backups = list_backups(data_dir)
    if name.isdigit() and 1 <= int(name) <= len(backups):
        return backups[int(name) - 1]
    for b in backups:
        if b.name == name:
            return b
    path = Path(name).expanduser()
    if path.is_file():
        return path
    listed = ", ".join(b.name for b in backups[:3]) or "none yet"
    raise UserError(f"no backup {name!r} (newest: {listed}; see 'annotator backup --list')")


@dataclass(frozen=True)
class Restored:
    source: Path
    summary: StoreSummary
    replaced: Path | None
    """Where the store that was replaced is kept (``None``: there was none, or it was empty)."""


def keep_current(data_dir: Path, now: float) -> Path | None:
    """Keep the current store (and its WAL) as a ``replaced`` backup before it is replaced."""
    path = store_path(data_dir)
    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        return create(data_dir, "replaced", now=now).path
    except UserError:
        pass  # damaged: keep its files exactly as they are
    folder = backups_dir(data_dir)
    with storage_errors(folder, "keep the damaged store"):
        folder.mkdir(parents=True, exist_ok=True)
        target = _target(data_dir, "replaced", now)
        shutil.copy2(path, target)
        for suffix in STORE_SIDECARS[:1]:
            if sidecar(path, suffix).is_file():
                shutil.copy2(sidecar(path, suffix), sidecar(target, suffix))
    return target


def restore(data_dir: str | os.PathLike, chosen: Backup | Path, head_revision: str,
            now: float | None = None) -> Restored:
    """Replace the store by a checked copy of ``chosen``; the data-folder lock must be held."""
    data_dir = Path(data_dir).absolute()
    src = chosen.path if isinstance(chosen, Backup) else Path(chosen)
    now = time.time() if now is None else now
    path = store_path(data_dir)
    tmp = path.with_name(f".{path.name}.restore-{os.getpid()}.tmp")
    with storage_errors(data_dir, "restore the store"):
        try:
            shutil.copyfile(src, tmp)
            found = check(tmp, head_revision)
            replaced = keep_current(data_dir, now)
            for suffix in STORE_SIDECARS:  # the old WAL must never be replayed into the restored file
                sidecar(path, suffix).unlink(missing_ok=True)
            os.replace(tmp, path)
        except BaseException:
            _remove(tmp)
            raise
    log.info("restored the store from %s (the replaced one is kept as %s)", src, replaced)
    return Restored(src, found, replaced)


def start_empty(data_dir: str | os.PathLike, now: float | None = None) -> Path | None:
    """Set the current store aside (kept as a ``replaced`` backup) so that an empty one is made; the lock must be held."""
    data_dir = Path(data_dir).absolute()
    now = time.time() if now is None else now
    path = store_path(data_dir)
    replaced = keep_current(data_dir, now)
    with storage_errors(data_dir, "set the store aside"):
        for suffix in ("", *STORE_SIDECARS):
            target = sidecar(path, suffix)
            if target.exists() and suffix == "-wal" and replaced is None and target.stat().st_size:
                # a WAL without its database: keep it with the backups, it may hold the last changes
                backups_dir(data_dir).mkdir(parents=True, exist_ok=True)
                os.replace(target, _target(data_dir, "replaced", now).with_suffix(".sqlite3-wal"))
            else:
                target.unlink(missing_ok=True)
    return replaced
