"""The worker's store: one SQLite file in the data directory, through SQLAlchemy.

WAL journal, foreign keys on, ``synchronous=NORMAL`` (a committed change survives
the process being killed; see ``docs/adr/0002-store-durability.md``), schema
migrations by Alembic from the first version. Every call commits before it
returns: there is no "unsaved" state anywhere.
"""
from __future__ import annotations

import json
import logging
import shutil
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import orjson
from sqlalchemy import Connection, Engine, String, create_engine, event, insert, select, text, type_coerce, update
from sqlalchemy.exc import DBAPIError

from annotator.core import backup, schema
from annotator.core.clock import Clock, system_clock
from annotator.core.errors import UserError, msg, storage_error_of, storage_errors
from annotator.core.lock import DataFolderLock
from annotator.core.paths import STORE_NAME
from annotator.core.store_missing import StoreMissing, existing_data, refuse_to_start_over  # noqa: F401
from annotator.plugin_api import ITEM_STATES, ExportRecord

log = logging.getLogger("annotator.store")

DB_NAME = STORE_NAME
#: the newest migration; the store skips Alembic entirely when the file is already there
HEAD_REVISION = "0006"
MIGRATIONS = Path(__file__).with_name("migrations")

DONE_STATES = ("submitted", "skipped", "flagged")


def _on_connect(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url_or_path: str | Path) -> Engine:
    url = str(url_or_path)
    if "://" not in url:
        url = f"sqlite:///{Path(url).absolute()}"
    engine = create_engine(url, json_serializer=_dumps)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _on_connect)
    return engine


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _annotation_text(value: Any) -> str:
    """An annotation as stored: :func:`_dumps`' JSON and refusals, made by orjson where it can.

    A saved edit serialises the whole annotation: 450 KB for a two-hour transcript, 12-20 ms with
    ``json``, about 1 ms with orjson (issue 17, ADR 0214). What orjson refuses (keys that are not
    text, integers beyond 64 bits, deep nesting, dataclasses, dates...) goes to ``json``, which
    stores or refuses it as before; orjson writes NaN and infinities as ``null``, so a text with a
    ``null`` is read back and must equal what was given, else ``json`` refuses it (``ValueError``).
    """
    try:
        made = orjson.dumps(value, option=orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME)
    except TypeError:
        return _dumps(value)
    if b"null" in made and orjson.loads(made) != value:
        return _dumps(value)
    return made.decode()


def current_revision(engine: Engine, version_table: str = "alembic_version") -> str | None:
    with engine.connect() as conn:
        try:
            row = conn.execute(text(f"SELECT version_num FROM {version_table}")).first()
        except Exception:
            return None
        return row[0] if row else None


def migrate(engine: Engine, target: str = "head", *, script_location: Path = MIGRATIONS,
            version_table: str = "alembic_version", head: str = HEAD_REVISION) -> None:
    """Bring a database's schema to ``target`` (the newest by default) with its Alembic scripts.

    Alembic is only imported when there is something to do: a store already at ``head``
    opens without it.
    """
    if target == "head" and current_revision(engine, version_table) == head:
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)


@dataclass(frozen=True)
class PackRow:
    pk: int
    pack_id: str
    version: str
    content_hash: str
    instructions_hash: str
    kind: str
    title: str
    lab: str
    manifest: Mapping[str, Any]
    folder: Path
    item_count: int
    training_count: int
    imported_at: float
    source: str | None
    terms_seen_at: float | None

    @property
    def label(self) -> str:
        return f"{self.pack_id} {self.version}"


@dataclass(frozen=True)
class ItemRow:
    pk: int
    pack_pk: int
    item_id: str
    position: int
    training: bool
    data: Mapping[str, Any]
    state: str
    reason: str | None


@dataclass(frozen=True)
class AnnotationRow:
    data: Mapping[str, Any]
    instructions_hash: str | None
    updated_at: float
    revision: int


class Store:
    """The worker's data: packs, items, annotations and settings.

    Opening never replaces a missing or empty store beside existing data
    (:class:`StoreMissing`). Writing takes the data folder's lock
    (:mod:`annotator.core.lock`; ``writer=True`` takes it at once, as the window does),
    makes the day's backup the first time, and turns a full disk into
    :class:`~annotator.core.errors.StorageError` with nothing half-written.
    """

    def __init__(self, data_dir: str | Path, clock: Clock = system_clock, *, writer: bool = False,
                 holder: str = "annotator", lock_wait: float | None = None, allow_new: bool = False,
                 lock: DataFolderLock | None = None):
        self.data_dir = Path(data_dir).absolute()
        with storage_errors(self.data_dir, msg("create the data folder")):
            try:
                self.data_dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                if storage_error_of(exc, self.data_dir):
                    raise
                raise UserError(msg("cannot create the data folder {folder}: {reason}", folder=self.data_dir,
                                    reason=exc.strerror)) from None
        self.path = self.data_dir / DB_NAME
        self.clock = clock
        self.folder_lock = lock if lock is not None else DataFolderLock(self.data_dir)
        self._owns_lock = lock is None  # a lock handed in (by ``annotator restore``) stays its caller's
        self.holder = holder
        self.lock_wait = lock_wait
        self._lock = threading.RLock()
        # the window (``writer=True``) makes its daily backup in the background
        # (:meth:`daily_backup_in_background`); a command makes it at its first write
        self._daily_checked = writer
        self._backup_thread: threading.Thread | None = None
        if writer:
            self.folder_lock.acquire(lock_wait, holder)
        try:
            if not allow_new:
                refuse_to_start_over(self.data_dir)
            self.engine = make_engine(self.path)
        except BaseException:
            if self._owns_lock:
                self.folder_lock.release()
            raise
        try:
            self._migrate()
        except BaseException as exc:
            self.close()
            if isinstance(exc, UserError) or not isinstance(exc, Exception):
                raise
            raise storage_error_of(exc, self.data_dir, msg("open the store")) or \
                UserError(msg("cannot open the store {path}: {error}", path=self.path, error=exc)) from None

    def _migrate(self) -> None:
        revision = current_revision(self.engine)
        if revision == HEAD_REVISION:
            return
        self.ensure_writer(backup_first=False)
        revision = current_revision(self.engine)  # another process may have done it meanwhile
        if revision == HEAD_REVISION:
            return
        if revision is not None:
            self.engine.dispose()  # the backup reads the file through its own connection
            backup.create(self.data_dir, "migration", now=self.clock())
        migrate(self.engine)

    def close(self) -> None:
        thread = self._backup_thread
        if thread is not None:
            thread.join()  # a backup under way finishes: never half a copy
        self.engine.dispose()
        if self._owns_lock:
            self.folder_lock.release()

    # ------------------------------------------------------------------ writing

    def ensure_writer(self, backup_first: bool = True) -> None:
        """Take the data folder's lock if this store does not hold it yet (waits ``lock_wait`` at most).

        Raises :class:`annotator.core.lock.FolderInUse` when a window or another command holds it.
        """
        if not self.folder_lock.held:
            self.folder_lock.acquire(self.lock_wait, self.holder)
        if backup_first and not self._daily_checked:
            self.daily_backup()

    def daily_backup(self) -> "backup.Backup | None":
        """Make today's automatic backup unless it exists (a failure is logged, never raised).

        Checked at the first write of a process, again at each write while the store is
        still empty, and every hour by the window.
        """
        try:
            made = backup.daily(self.data_dir, self.clock(), self._has_content)
        except Exception as exc:  # a backup that fails must not stop the worker's work
            log.warning("the daily backup failed: %s", exc)
            self._daily_checked = True
            return None
        self._daily_checked = made is not None
        return made

    def daily_backup_in_background(self) -> threading.Thread | None:
        """:meth:`daily_backup` in a thread (the window's: a large store takes seconds to copy and check).

        The writes go on meanwhile (SQLite's WAL lets the copy read a snapshot); :meth:`close` waits for it.
        """
        if self._backup_thread is not None and self._backup_thread.is_alive():
            return None
        self._backup_thread = threading.Thread(target=self.daily_backup, name="annotator-backup", daemon=True)
        self._backup_thread.start()
        return self._backup_thread

    def _has_content(self) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(schema.packs.c.pk).limit(1)).first() is not None or \
                conn.execute(text("SELECT 1 FROM meter_records LIMIT 1")).first() is not None

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One write transaction: the folder's lock held, committed on exit, a full disk a ``StorageError``."""
        self.ensure_writer()
        with self._lock:
            try:
                with self.engine.begin() as conn:
                    yield conn
            except DBAPIError as exc:
                err = storage_error_of(exc, self.data_dir, msg("save"))
                if err is None:
                    raise
                raise err from exc

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def packs_dir(self) -> Path:
        return self.data_dir / "packs"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    # ------------------------------------------------------------------ packs

    def _pack_row(self, row) -> PackRow:
        m = row._mapping
        return PackRow(
            pk=m["pk"], pack_id=m["pack_id"], version=m["version"], content_hash=m["content_hash"],
            instructions_hash=m["instructions_hash"], kind=m["kind"], title=m["title"], lab=m["lab"],
            manifest=m["manifest"], folder=self.data_dir / m["folder"], item_count=m["item_count"],
            training_count=m["training_count"], imported_at=m["imported_at"], source=m["source"],
            terms_seen_at=m["terms_seen_at"],
        )

    def packs(self) -> list[PackRow]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(schema.packs).order_by(schema.packs.c.imported_at, schema.packs.c.pk))
            return [self._pack_row(r) for r in rows]

    def pack(self, pk: int) -> PackRow:
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.packs).where(schema.packs.c.pk == pk)).first()
        if row is None:
            raise UserError(msg("no pack #{pk} in the store", pk=pk))
        return self._pack_row(row)

    def find_pack(self, pack_id: str, version: str | None = None) -> PackRow | None:
        """The pack with this id (and version; the highest version if none is given).

        The highest version, not the latest imported: importing an old version after a
        newer one must not silently make it the target of commands that name only the id
        (``annotator.core.packs.manifest.version_key`` orders them).
        """
        from annotator.core.packs.manifest import version_key

        query = select(schema.packs).where(schema.packs.c.pack_id == pack_id)
        if version is not None:
            query = query.where(schema.packs.c.version == version)
        query = query.order_by(schema.packs.c.imported_at.desc(), schema.packs.c.pk.desc())
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        rows.sort(key=lambda r: version_key(r._mapping["version"]), reverse=True)  # stable: ties by import
        return self._pack_row(rows[0]) if rows else None

    def resolve_pack(self, ref: str) -> PackRow:
        """A pack named on the command line: ``ID`` or ``ID@VERSION``."""
        pack_id, _, version = ref.partition("@")
        row = self.find_pack(pack_id, version or None)
        if row is None:
            known = sorted({p.pack_id for p in self.packs()})
            hint = f"; imported packs: {', '.join(known)}" if known else "; no pack is imported yet"
            raise UserError(f"no imported pack {ref!r}{hint}")
        return row

    def add_pack(self, *, pack_id: str, version: str, content_hash: str, instructions_hash: str,
                 kind: str, title: str, lab: str, manifest: Mapping[str, Any], folder: Path,
                 items: Iterable[Mapping[str, Any]], source: str | None = None) -> PackRow:
        """Record an imported pack, its items and its progress counts in one transaction."""
        now = self.clock()
        rel_folder = str(Path(folder).absolute().relative_to(self.data_dir))
        with self.writing() as conn:
            pk = conn.execute(insert(schema.packs).values(
                pack_id=pack_id, version=version, content_hash=content_hash,
                instructions_hash=instructions_hash, kind=kind, title=title, lab=lab,
                manifest=dict(manifest), folder=rel_folder, item_count=0, imported_at=now, source=source,
            )).inserted_primary_key[0]
            count = training = 0
            batch: list[tuple] = []
            for position, item in enumerate(items):
                is_training = bool(item.get("training", False))
                training += is_training
                batch.append((pk, str(item["id"]), position, is_training, _dumps(item)))
                if len(batch) >= 5000:
                    count += self._insert_items(conn, batch)
                    batch = []
            if batch:
                count += self._insert_items(conn, batch)
            conn.execute(update(schema.packs).where(schema.packs.c.pk == pk)
                         .values(item_count=count, training_count=training))
            if count:  # every item starts "new"; the triggers keep the counts from here (ADR 0021)
                conn.execute(insert(schema.pack_progress).values(pack_pk=pk, state="new", n_items=count))
            conn.execute(schema.pack_folders.delete().where(schema.pack_folders.c.folder == Path(rel_folder).as_posix()))
        return self.pack(pk)

    #: the import's insert, through the driver: SQLAlchemy's per-row parameter processing (and the JSON
    #: type's own serialising) cost more than SQLite's insert itself (``bench/scale.py store``)
    _INSERT_ITEMS = ("INSERT INTO items (pack_pk, item_id, position, training, data, state) "
                     "VALUES (?, ?, ?, ?, ?, 'new')")

    def _insert_items(self, conn: Connection, rows: list[tuple]) -> int:
        conn.exec_driver_sql(self._INSERT_ITEMS, rows)
        return len(rows)

    def remove_pack(self, pk: int) -> None:
        """Remove a pack, its items and annotations, then its folder.

        The folder is marked ``removing`` in the same transaction, so a crash before it is
        deleted leaves a mark that the start-up cleaning finishes (``library.clean_orphans``).
        """
        row = self.pack(pk)
        with self.writing() as conn:
            conn.execute(schema.packs.delete().where(schema.packs.c.pk == pk))
            self._mark(conn, row.folder, "removing")
        shutil.rmtree(row.folder, ignore_errors=True)
        if not row.folder.exists():
            self.unmark_folder(row.folder)

    # pack folders the store marked: only those are ever deleted by the start-up cleaning

    def _rel(self, folder: Path) -> str:
        return Path(folder).absolute().relative_to(self.data_dir).as_posix()

    def _mark(self, conn: Connection, folder: Path, state: str) -> None:
        f = schema.pack_folders
        rel = self._rel(folder)
        conn.execute(f.delete().where(f.c.folder == rel))
        conn.execute(insert(f).values(folder=rel, state=state, since=self.clock()))

    def mark_folder(self, folder: Path, state: str) -> None:
        """Record that ``folder`` (under ``packs/``) is being imported or removed, before touching it."""
        if state not in ("importing", "removing"):
            raise ValueError(f"unknown folder state {state!r}")
        with self.writing() as conn:
            self._mark(conn, folder, state)

    def unmark_folder(self, folder: Path) -> None:
        f = schema.pack_folders
        with self.writing() as conn:
            conn.execute(f.delete().where(f.c.folder == self._rel(folder)))

    def marked_folders(self) -> dict[Path, str]:
        """``{folder: "importing" | "removing"}``."""
        f = schema.pack_folders
        with self.engine.connect() as conn:
            return {self.data_dir / r.folder: r.state for r in conn.execute(select(f.c.folder, f.c.state))}

    def mark_terms_seen(self, pack_pk: int) -> None:
        with self.writing() as conn:
            conn.execute(update(schema.packs).where(schema.packs.c.pk == pack_pk)
                         .values(terms_seen_at=self.clock()))

    # The reads of the window's item steps (next item, prefetch, header, the editor's host) run through
    # the driver with fixed SQL: SQLAlchemy building and compiling each ``select()`` cost ten times
    # the query itself (ADR 0022, ``bench/scale.py store``).

    def _rows(self, sql: str, params: tuple) -> list[tuple]:
        """The rows of one read statement, on a pooled connection, straight through the driver.

        A driver error comes out as SQLAlchemy's (``DBAPIError``), as from every other read.
        """
        conn = self.engine.raw_connection()
        try:
            cursor = conn.cursor()
            try:
                return cursor.execute(sql, params).fetchall()
            finally:
                cursor.close()
        except self.engine.dialect.loaded_dbapi.Error as exc:
            raise DBAPIError.instance(sql, params, exc, self.engine.dialect.loaded_dbapi.Error) from exc
        finally:
            conn.close()

    def progress(self, pack_pk: int) -> dict[str, int]:
        """How many items are in each state, from the pack's counters (no item is counted; ADR 0021)."""
        counts = dict.fromkeys(ITEM_STATES, 0)
        counts.update(self._rows("SELECT state, n_items FROM pack_progress WHERE pack_pk = ?", (pack_pk,)))
        return counts

    # ------------------------------------------------------------------ items

    _ITEM = "SELECT pk, pack_pk, item_id, position, training, data, state, reason FROM items "

    def _one_item(self, where: str, params: tuple) -> ItemRow | None:
        rows = self._rows(self._ITEM + where, params)
        if not rows:
            return None
        pk, pack_pk, item_id, position, training, data, state, reason = rows[0]
        return ItemRow(pk=pk, pack_pk=pack_pk, item_id=item_id, position=position, training=bool(training),
                       data=json.loads(data), state=state, reason=reason)

    def item(self, item_pk: int) -> ItemRow:
        row = self._one_item("WHERE pk = ?", (item_pk,))
        if row is None:
            raise UserError(msg("no item #{pk} in the store", pk=item_pk))
        return row

    def item_at(self, pack_pk: int, position: int) -> ItemRow | None:
        return self._one_item("WHERE pack_pk = ? AND position = ?", (pack_pk, position))

    def item_by_id(self, pack_pk: int, item_id: str) -> ItemRow | None:
        return self._one_item("WHERE pack_pk = ? AND item_id = ?", (pack_pk, str(item_id)))

    def neighbour(self, pack_pk: int, position: int, step: int) -> ItemRow | None:
        """The item before (``step < 0``) or after (``step > 0``) ``position``."""
        if step > 0:
            return self._one_item("WHERE pack_pk = ? AND position > ? ORDER BY position LIMIT 1", (pack_pk, position))
        return self._one_item("WHERE pack_pk = ? AND position < ? ORDER BY position DESC LIMIT 1", (pack_pk, position))

    def next_open(self, pack_pk: int, after_position: int = -1) -> ItemRow | None:
        """The next item still to do (new or in progress) after ``after_position``, wrapping round.

        Asked after every item shown (the prefetch) and every submit, so it never walks the
        pack: the counts answer when nothing is left to do, else one seek per open state in
        ``(pack_pk, state, position)`` (migration 0005). Walking in pack order cost 0.2 s a step
        when reviewing a finished 100,000-item pack.
        """
        counts = self.progress(pack_pk)
        if not (counts["new"] or counts["in_progress"]):
            return None
        found = self._one_item(self._NEXT_OPEN, (pack_pk, pack_pk, after_position, pack_pk, after_position))
        if found is None and after_position >= 0:
            found = self._one_item(self._NEXT_OPEN, (pack_pk, pack_pk, -1, pack_pk, -1))
        return found

    _NEXT_OPEN = ("WHERE pack_pk = ? AND position = (SELECT min(p) FROM ("
                  "SELECT min(position) AS p FROM items WHERE pack_pk = ? AND state = 'new' AND position > ? "
                  "UNION ALL "
                  "SELECT min(position) FROM items WHERE pack_pk = ? AND state = 'in_progress' AND position > ?))")

    def set_state(self, item_pk: int, state: str, reason: str | None = None) -> None:
        if state not in ITEM_STATES:
            raise ValueError(f"unknown item state {state!r}")
        with self.writing() as conn:
            conn.execute(update(schema.items).where(schema.items.c.pk == item_pk)
                         .values(state=state, reason=reason, state_changed_at=self.clock()))

    # ------------------------------------------------------------------ annotations

    def annotation(self, item_pk: int) -> AnnotationRow | None:
        rows = self._rows("SELECT data, instructions_hash, updated_at, revision FROM annotations WHERE item_pk = ?",
                          (item_pk,))
        if not rows:
            return None
        data, instructions_hash, updated_at, revision = rows[0]
        return AnnotationRow(json.loads(data), instructions_hash, updated_at, revision)

    def save_annotation(self, item_pk: int, data: Mapping[str, Any], instructions_hash: str | None) -> None:
        """Store an item's whole annotation now; a new item becomes ``in_progress``."""
        # serialised once: this refuses what is not plain JSON before touching the file, and the text
        # is what is stored (a long transcript costs milliseconds per dump, and this runs per keystroke)
        payload = type_coerce(_annotation_text(data), String)
        now = self.clock()
        a, i = schema.annotations, schema.items
        with self.writing() as conn:
            changed = conn.execute(update(a).where(a.c.item_pk == item_pk).values(
                data=payload, instructions_hash=instructions_hash, updated_at=now,
                revision=a.c.revision + 1)).rowcount
            if not changed:
                conn.execute(insert(a).values(item_pk=item_pk, data=payload,
                                              instructions_hash=instructions_hash, updated_at=now, revision=1))
            conn.execute(update(i).where(i.c.pk == item_pk, i.c.state == "new")
                         .values(state="in_progress", state_changed_at=now))

    def iter_records(self, pack_pk: int, worker: str | None = None) -> Iterator[ExportRecord]:
        """Every item of a pack with its annotation, in pack order (streamed)."""
        i, a = schema.items, schema.annotations
        query = (select(i.c.data, i.c.state, i.c.reason, a.c.data.label("annotation"),
                        a.c.instructions_hash, a.c.updated_at)
                 .select_from(i.outerjoin(a, a.c.item_pk == i.c.pk))
                 .where(i.c.pack_pk == pack_pk).order_by(i.c.position))
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=2000).execute(query):
                yield ExportRecord(item=row.data, annotation=row.annotation, state=row.state,
                                   reason=row.reason, instructions_hash=row.instructions_hash,
                                   updated_at=row.updated_at, worker=worker)

    # ------------------------------------------------------------------ settings

    def get(self, key: str, default: Any = None) -> Any:
        rows = self._rows('SELECT value FROM settings WHERE "key" = ?', (key,))
        raw = rows[0][0] if rows else None
        # the column's affinity is NUMERIC (declared JSON): SQLite keeps the text "1.75" as the number 1.75
        value = json.loads(raw) if isinstance(raw, (str, bytes)) else raw
        return default if value is None else value

    def set(self, key: str, value: Any) -> None:
        with self.writing() as conn:
            conn.exec_driver_sql('INSERT INTO settings ("key", value) VALUES (?, ?) '
                                 'ON CONFLICT ("key") DO UPDATE SET value = excluded.value', (key, _dumps(value)))
