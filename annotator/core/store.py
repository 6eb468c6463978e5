"""The worker's store: one SQLite file in the data directory, through SQLAlchemy.

WAL journal, foreign keys on, ``synchronous=NORMAL`` (a committed change survives
the process being killed; see ``docs/adr/0002-store-durability.md``), schema
migrations by Alembic from the first version. Every call commits before it
returns: there is no "unsaved" state anywhere.
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from sqlalchemy import Engine, String, create_engine, event, func, insert, select, text, type_coerce, update

from annotator.core import schema
from annotator.core.clock import Clock, system_clock
from annotator.core.errors import UserError
from annotator.plugin_api import ITEM_STATES, ExportRecord

DB_NAME = "annotator.sqlite3"
#: the newest migration; the store skips Alembic entirely when the file is already there
HEAD_REVISION = "0002"
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
    """The worker's data: packs, items, annotations and settings."""

    def __init__(self, data_dir: str | Path, clock: Clock = system_clock):
        self.data_dir = Path(data_dir).absolute()
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"cannot create the data folder {self.data_dir}: {exc.strerror}") from None
        self.path = self.data_dir / DB_NAME
        self.clock = clock
        self.engine = make_engine(self.path)
        self._lock = threading.RLock()
        try:
            migrate(self.engine)
        except Exception as exc:
            self.engine.dispose()
            raise UserError(f"cannot open the store {self.path}: {exc}") from None

    def close(self) -> None:
        self.engine.dispose()

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
            raise UserError(f"no pack #{pk} in the store")
        return self._pack_row(row)

    def find_pack(self, pack_id: str, version: str | None = None) -> PackRow | None:
        """The pack with this id (and version; if none is given, the highest version, never merely the
        last imported: ``annotator.core.packs.version_key``)."""
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
        """Record an imported pack and its items in one transaction."""
        now = self.clock()
        rel_folder = str(Path(folder).absolute().relative_to(self.data_dir))
        with self._lock, self.engine.begin() as conn:
            pk = conn.execute(insert(schema.packs).values(
                pack_id=pack_id, version=version, content_hash=content_hash,
                instructions_hash=instructions_hash, kind=kind, title=title, lab=lab,
                manifest=dict(manifest), folder=rel_folder, item_count=0, imported_at=now, source=source,
            )).inserted_primary_key[0]
            count = training = 0
            batch: list[dict] = []
            for position, item in enumerate(items):
                is_training = bool(item.get("training", False))
                training += is_training
                batch.append({"pack_pk": pk, "item_id": str(item["id"]), "position": position,
                              "training": is_training, "data": item, "state": "new"})
                if len(batch) >= 5000:
                    conn.execute(insert(schema.items), batch)
                    count += len(batch)
                    batch = []
            if batch:
                conn.execute(insert(schema.items), batch)
                count += len(batch)
            conn.execute(update(schema.packs).where(schema.packs.c.pk == pk)
                         .values(item_count=count, training_count=training))
        return self.pack(pk)

    def remove_pack(self, pk: int) -> None:
        with self._lock, self.engine.begin() as conn:
            conn.execute(schema.packs.delete().where(schema.packs.c.pk == pk))

    def mark_terms_seen(self, pack_pk: int) -> None:
        with self._lock, self.engine.begin() as conn:
            conn.execute(update(schema.packs).where(schema.packs.c.pk == pack_pk)
                         .values(terms_seen_at=self.clock()))

    def progress(self, pack_pk: int) -> dict[str, int]:
        """How many items are in each state."""
        counts = dict.fromkeys(ITEM_STATES, 0)
        with self.engine.connect() as conn:
            rows = conn.execute(select(schema.items.c.state, func.count())
                                .where(schema.items.c.pack_pk == pack_pk)
                                .group_by(schema.items.c.state))
            for state, n in rows:
                counts[state] = n
        return counts

    # ------------------------------------------------------------------ items

    @staticmethod
    def _item_row(row) -> ItemRow:
        m = row._mapping
        return ItemRow(pk=m["pk"], pack_pk=m["pack_pk"], item_id=m["item_id"], position=m["position"],
                       training=bool(m["training"]), data=m["data"], state=m["state"], reason=m["reason"])

    def _one_item(self, query) -> ItemRow | None:
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return None if row is None else self._item_row(row)

    def item(self, item_pk: int) -> ItemRow:
        row = self._one_item(select(schema.items).where(schema.items.c.pk == item_pk))
        if row is None:
            raise UserError(f"no item #{item_pk} in the store")
        return row

    def item_at(self, pack_pk: int, position: int) -> ItemRow | None:
        return self._one_item(select(schema.items).where(
            schema.items.c.pack_pk == pack_pk, schema.items.c.position == position))

    def item_by_id(self, pack_pk: int, item_id: str) -> ItemRow | None:
        return self._one_item(select(schema.items).where(
            schema.items.c.pack_pk == pack_pk, schema.items.c.item_id == str(item_id)))

    def neighbour(self, pack_pk: int, position: int, step: int) -> ItemRow | None:
        """The item before (``step < 0``) or after (``step > 0``) ``position``."""
        c = schema.items.c
        if step > 0:
            query = select(schema.items).where(c.pack_pk == pack_pk, c.position > position).order_by(c.position)
        else:
            query = select(schema.items).where(c.pack_pk == pack_pk, c.position < position).order_by(c.position.desc())
        return self._one_item(query.limit(1))

    def next_open(self, pack_pk: int, after_position: int = -1) -> ItemRow | None:
        """The next item still to do (new or in progress) after ``after_position``, wrapping round."""
        c = schema.items.c
        open_ = c.state.in_(("new", "in_progress"))
        found = self._one_item(select(schema.items).where(c.pack_pk == pack_pk, open_, c.position > after_position)
                               .order_by(c.position).limit(1))
        if found is None:
            found = self._one_item(select(schema.items).where(c.pack_pk == pack_pk, open_)
                                   .order_by(c.position).limit(1))
        return found

    def set_state(self, item_pk: int, state: str, reason: str | None = None) -> None:
        if state not in ITEM_STATES:
            raise ValueError(f"unknown item state {state!r}")
        with self._lock, self.engine.begin() as conn:
            conn.execute(update(schema.items).where(schema.items.c.pk == item_pk)
                         .values(state=state, reason=reason, state_changed_at=self.clock()))

    # ------------------------------------------------------------------ annotations

    def annotation(self, item_pk: int) -> AnnotationRow | None:
        a = schema.annotations
        with self.engine.connect() as conn:
            row = conn.execute(select(a).where(a.c.item_pk == item_pk)).first()
        if row is None:
            return None
        m = row._mapping
        return AnnotationRow(m["data"], m["instructions_hash"], m["updated_at"], m["revision"])

    def save_annotation(self, item_pk: int, data: Mapping[str, Any], instructions_hash: str | None) -> None:
        """Store an item's whole annotation now; a new item becomes ``in_progress``."""
        # serialised once: this refuses what is not plain JSON before touching the file, and the text
        # is what is stored (a long transcript costs milliseconds per dump, and this runs per keystroke)
        payload = type_coerce(_dumps(data), String)
        now = self.clock()
        a, i = schema.annotations, schema.items
        with self._lock, self.engine.begin() as conn:
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
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.settings.c.value).where(schema.settings.c.key == key)).first()
        return default if row is None or row[0] is None else row[0]

    def set(self, key: str, value: Any) -> None:
        s = schema.settings
        with self._lock, self.engine.begin() as conn:
            if not conn.execute(update(s).where(s.c.key == key).values(value=value)).rowcount:
                conn.execute(insert(s).values(key=key, value=value))
