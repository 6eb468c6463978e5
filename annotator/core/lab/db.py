"""The lab's database of merged bundles: any SQLAlchemy URL, SQLite by default.

Every bundle goes in its own transaction, so a refused or failing bundle never
touches what was merged before. One bundle per worker (key) and pack version;
a pseudonym belongs to one key per pack version.
"""
from __future__ import annotations

import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import orjson
from sqlalchemy import Engine, func, insert, select

from annotator.core import store
from annotator.core.errors import UserError
from annotator.core.lab import schema
from annotator.core.lab.bundle import Bundle, BundleError
from annotator.core.store import make_engine

HEAD_REVISION = "lab0001"
MIGRATIONS = Path(__file__).with_name("migrations")
DEFAULT_NAME = "lab.sqlite3"


def migrate(engine: Engine) -> None:
    store.migrate(engine, script_location=MIGRATIONS, version_table="lab_alembic_version", head=HEAD_REVISION)


def _when(t: float) -> str:
    return datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


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

    def _conflict(self, conn, bundle: Bundle) -> str | None:
        b = schema.bundles.c
        pack_id, version, _ = bundle.pack_key
        row = conn.execute(select(b.merged_at, b.pseudonym).where(b.bundle_hash == bundle.bundle_hash)).first()
        if row is not None:
            return f"already merged on {_when(row.merged_at)} (the same bundle)"
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
        return None

    def add(self, bundle: Bundle, source: str | None = None) -> int:
        """Merge one verified bundle; raise :class:`BundleError` if it is a duplicate."""
        from annotator.core.keys import fingerprint_of

        pack_id, version, content_hash = bundle.pack_key
        per_item = bundle.timing.get("work_seconds_per_item") or {}
        with self.engine.begin() as conn:
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
            rows = []
            for position, (line, record) in enumerate(bundle.lines):
                seconds = per_item.get(record["id"])
                rows.append((pk, record["id"], position, str(record.get("state")), line,
                             float(seconds) if isinstance(seconds, (int, float)) else None))
            self._insert_records(conn, rows)
        return pk

    def _insert_records(self, conn, rows: list[tuple]) -> None:
        """Straight to the driver: PostgreSQL's COPY, or executemany (SQLAlchemy's per-row handling is
        most of the cost of a merge otherwise)."""
        columns = "bundle_pk, item_id, position, state, record, work_seconds"
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

    def count(self, pack_id: str, version: str) -> int:
        """How many item results of a pack version are merged."""
        b, r = schema.bundles.c, schema.records.c
        query = (select(func.count()).select_from(schema.records.join(schema.bundles, r.bundle_pk == b.pk))
                 .where(b.pack_id == pack_id, b.pack_version == version))
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar() or 0)

    def lines(self, pack_id: str, version: str) -> Iterator[tuple[str, str, str]]:
        """``(item id, worker, result line)`` of a pack version in pack order, not decoded."""
        b, r = schema.bundles.c, schema.records.c
        query = (select(r.item_id, b.pseudonym, r.record)
                 .select_from(schema.records.join(schema.bundles, r.bundle_pk == b.pk))
                 .where(b.pack_id == pack_id, b.pack_version == version, r.state == "submitted")
                 .order_by(r.position, b.pseudonym))
        with self.engine.connect() as conn:
            yield from conn.execution_options(yield_per=10000).execute(query)

    def records(self, pack_id: str, version: str) -> Iterator[dict[str, Any]]:
        """Every merged item result of a pack version, with its worker's pseudonym, in pack order."""
        b, r = schema.bundles.c, schema.records.c
        query = (select(b.pseudonym, r.record, r.work_seconds)
                 .select_from(schema.records.join(schema.bundles, r.bundle_pk == b.pk))
                 .where(b.pack_id == pack_id, b.pack_version == version)
                 .order_by(r.position, b.pseudonym))
        decode = orjson.loads
        with self.engine.connect() as conn:
            for worker, line, seconds in conn.execution_options(yield_per=10000).execute(query):
                record = decode(line)
                yield {"worker": worker, "id": record["id"], "state": record.get("state"),
                       "reason": record.get("reason"), "instructions_hash": record.get("instructions_hash"),
                       "annotation": record.get("annotation"), "training": record.get("training", False),
                       "work_seconds": seconds}
