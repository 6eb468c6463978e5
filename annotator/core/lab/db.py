"""The lab's database of merged bundles: any SQLAlchemy URL, SQLite by default.

Every bundle goes in its own transaction, so a refused or failing bundle never
touches what was merged before. One bundle per worker (key) and pack version;
a pseudonym belongs to one key per pack version.
"""
from __future__ import annotations

import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Mapping

import orjson
from sqlalchemy import Engine, func, insert, select

from annotator.core import store
from annotator.core.errors import UserError
from annotator.core.lab import schema
from annotator.core.lab.bundle import Bundle, BundleError, collector_paused, file_key
from annotator.core.store import make_engine

HEAD_REVISION = "lab0001"
MIGRATIONS = Path(__file__).with_name("migrations")
DEFAULT_NAME = "lab.sqlite3"


def migrate(engine: Engine) -> None:
    store.migrate(engine, script_location=MIGRATIONS, version_table="lab_alembic_version", head=HEAD_REVISION)


def _when(t: float) -> str:
    return datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


class AlreadyMerged(BundleError):
    """The very same bundle is already in the database: nothing to do, not an error."""


class LabDB:
    def __init__(self, url: str, clock=time.time):
        self.url = url
        self.clock = clock
        try:
            self.engine = make_engine(url)
            migrate(self.engine)
        except UserError:
            raise
        except Exception as exc:
            raise UserError(f"cannot open the lab database {self.display_url}: {exc.__class__.__name__}: "
                            f"{str(exc).splitlines()[0]}") from None

    @property
    def display_url(self) -> str:
        try:
            return self.engine.url.render_as_string(hide_password=True)
        except AttributeError:
            return self.url

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "LabDB":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ bundles

    def merged_on(self, bundle: Bundle, conn=None) -> float | None:
        """When the very same bundle was merged, or ``None``."""
        b = schema.bundles.c
        query = select(b.merged_at).where(b.bundle_hash == bundle.bundle_hash)
        if conn is not None:
            return conn.execute(query).scalar()
        with self.engine.connect() as conn:
            return conn.execute(query).scalar()

    def _conflict(self, conn, bundle: Bundle) -> str | None:
        b = schema.bundles.c
        pack_id, version, _ = bundle.pack_key
        row = conn.execute(select(b.merged_at, b.pseudonym, b.fingerprint).where(
            b.pack_id == pack_id, b.pack_version == version, b.public_key == bundle.public_key)).first()
        if row is not None:
            return (f"a duplicate: this worker (key {row.fingerprint}, \"{row.pseudonym}\") already has a bundle "
                    f"for {pack_id} {version}, merged on {_when(row.merged_at)}; one bundle per worker and "
                    f"pack version")
        row = conn.execute(select(b.fingerprint).where(
            b.pack_id == pack_id, b.pack_version == version, b.pseudonym == bundle.pseudonym)).first()
        if row is not None:
            return (f"the pseudonym \"{bundle.pseudonym}\" is already used by another worker (key {row.fingerprint}) "
                    f"for {pack_id} {version}")
        key = file_key(bundle.pseudonym)
        for other in conn.execute(select(b.pseudonym).where(b.pack_id == pack_id, b.pack_version == version)).scalars():
            if file_key(other) == key:
                return (f"the pseudonym \"{bundle.pseudonym}\" would share file names with \"{other}\", already "
                        f"merged for {pack_id} {version} (exports name files after workers: letters and digits "
                        f"count, case and other characters do not); the worker must choose another")
        return None

    def add(self, bundle: Bundle, source: str | None = None, positions: Mapping[str, int] | None = None) -> int:
        """Merge one verified and checked bundle in its own transaction.

        ``positions`` are the items' places in the pack (item id -> index): results are kept in
        pack order whatever order the bundle lists them in (else the bundle's order).

        Raise :class:`AlreadyMerged` when the very same bundle is in, :class:`BundleError` when it
        is a duplicate or the database refuses it; nothing of it is stored then.
        """
        try:
            with collector_paused():  # 10,000 rows built at once: see bundle.collector_paused
                return self._add(bundle, source, positions)
        except BundleError:
            raise
        except Exception as exc:  # the database refused it (a constraint, a value): this bundle only
            first = (str(exc).splitlines() or [""])[0][:300]
            raise BundleError(f"{bundle.path.name}: refused: the database did not take it "
                              f"({type(exc).__name__}: {first})") from None

    def _add(self, bundle: Bundle, source: str | None, positions: Mapping[str, int] | None) -> int:
        from annotator.core.keys import fingerprint_of

        pack_id, version, content_hash = bundle.pack_key
        per_item = bundle.timing.get("work_seconds_per_item") or {}
        with self.engine.begin() as conn:
            when = self.merged_on(bundle, conn)
            if when is not None:
                raise AlreadyMerged(f"{bundle.path.name}: already in (merged on {_when(when)})")
            problem = self._conflict(conn, bundle)
            if problem:
                raise BundleError(f"{bundle.path.name}: refused: {problem}")
            pk = conn.execute(insert(schema.bundles).values(
                bundle_hash=bundle.bundle_hash, pack_id=pack_id, pack_version=version, content_hash=content_hash,
                kind=bundle.pack["kind"], pseudonym=bundle.pseudonym, public_key=bundle.public_key,
                fingerprint=fingerprint_of(bundle.public_key), created=str(bundle.manifest.get("created", "")),
                tool_version=str(bundle.manifest.get("tool", {}).get("version", "")), merged_at=self.clock(),
                source=source, manifest=bundle.manifest, timing=bundle.timing,
                manifest_text=bundle.manifest_bytes.decode("utf-8"), signature=bundle.signature,
            )).inserted_primary_key[0]
            if bundle.rows is not None:  # made where the bundle was read and checked
                rows = [(pk, *row) for row in bundle.rows]
            else:
                rows = []
                for n, (line, record) in enumerate(bundle.lines):
                    seconds = per_item.get(record["id"])
                    position = n if positions is None else positions[record["id"]]
                    rows.append((pk, record["id"], position, str(record.get("state")), line,
                                 float(seconds) if isinstance(seconds, (int, float)) else None))
            self._insert_records(conn, rows)
        return pk

    def _insert_records(self, conn, rows: list[tuple]) -> None:
        """Straight to the driver: PostgreSQL's COPY, or executemany (SQLAlchemy's per-row handling is
        most of the cost of a merge otherwise)."""
        columns = "bundle_pk, item_id, position, state, record, work_seconds"  # the order of Bundle.rows
        if self.engine.dialect.name == "postgresql" and self.engine.dialect.driver == "psycopg":
            cursor = conn.connection.driver_connection.cursor()
            with cursor.copy(f"COPY lab_records ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        mark = "?" if self.engine.dialect.paramstyle == "qmark" else "%s"
        sql = f"INSERT INTO lab_records ({columns}) VALUES ({', '.join([mark] * 6)})"
        for start in range(0, len(rows), 10000):
            conn.exec_driver_sql(sql, rows[start:start + 10000])

    def bundles(self, pack_id: str | None = None, version: str | None = None) -> list[dict[str, Any]]:
        b = schema.bundles.c
        query = select(schema.bundles).order_by(b.pack_id, b.pack_version, b.pseudonym)
        if pack_id is not None:
            query = query.where(b.pack_id == pack_id)
        if version is not None:
            query = query.where(b.pack_version == version)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    @staticmethod
    def _of(query, pack_id: str, version: str, content_hash: str | None):
        b = schema.bundles.c
        query = query.where(b.pack_id == pack_id, b.pack_version == version)
        return query if content_hash is None else query.where(b.content_hash == content_hash)

    def count(self, pack_id: str, version: str, content_hash: str | None = None) -> int:
        """How many item results of a pack version (with this content) are merged."""
        b, r = schema.bundles.c, schema.records.c
        query = self._of(select(func.count()).select_from(schema.records.join(schema.bundles, r.bundle_pk == b.pk)),
                         pack_id, version, content_hash)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar() or 0)

    def lines(self, pack_id: str, version: str, content_hash: str | None = None) -> Iterator[tuple[str, str, str]]:
        """``(item id, worker, result line)`` of the submitted items of a pack version in pack order, not decoded."""
        b, r = schema.bundles.c, schema.records.c
        query = self._of(select(r.item_id, b.pseudonym, r.record)
                         .select_from(schema.records.join(schema.bundles, r.bundle_pk == b.pk))
                         .where(r.state == "submitted"), pack_id, version, content_hash).order_by(r.position, b.pseudonym)
        yield from self._stream(query)

    def raw_records(self, pack_id: str, version: str, content_hash: str | None = None) -> Iterator[tuple[str, str]]:
        """``(worker, result line)`` of every merged item result of a pack version, in pack order, not decoded."""
        b, r = schema.bundles.c, schema.records.c
        query = self._of(select(b.pseudonym, r.record).select_from(schema.records.join(schema.bundles, r.bundle_pk == b.pk)),
                         pack_id, version, content_hash).order_by(r.position, b.pseudonym)
        yield from self._stream(query)

    def _stream(self, query, batch: int = 10_000) -> Iterator[tuple]:
        """A query's rows as plain tuples straight from the driver, a batch at a time.

        SQLAlchemy's rows cost more than reading them (a lab's merge reads 500,000 result lines
        twice); on PostgreSQL a server-side cursor keeps the client's memory bounded.
        """
        compiled = query.compile(dialect=self.engine.dialect)
        params = compiled.params
        args = tuple(params[name] for name in compiled.positiontup) if compiled.positional else params
        with self.engine.connect() as conn:
            driver = conn.connection.driver_connection
            server_side = self.engine.dialect.name == "postgresql" and self.engine.dialect.driver == "psycopg"
            cursor = driver.cursor(name="lab_stream") if server_side else driver.cursor()
            try:
                cursor.execute(str(compiled), args)
                while rows := cursor.fetchmany(batch):
                    yield from rows
            finally:
                cursor.close()

    def records(self, pack_id: str, version: str, content_hash: str | None = None) -> Iterator[dict[str, Any]]:
        """Every merged item result of a pack version, with its worker's pseudonym, in pack order."""
        decode = orjson.loads
        for worker, line in self.raw_records(pack_id, version, content_hash):
            record = decode(line)
            yield {"worker": worker, "id": record["id"], "state": record.get("state"),
                   "reason": record.get("reason"), "instructions_hash": record.get("instructions_hash"),
                   "annotation": record.get("annotation"), "training": record.get("training", False)}
