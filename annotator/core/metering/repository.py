"""Reading and appending the metering tables. Append-only: nothing here updates or deletes a row."""
from __future__ import annotations

import heapq
import json
import time
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Iterable, Iterator, Mapping, Sequence

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError

from annotator.core.errors import UserError
from annotator.core.metering import chain
from annotator.core.metering.engine import CATEGORIES, Gap, Interval, Outcome, Record
from annotator.core.metering.tables import meter_records as R
from annotator.core.metering.tables import meter_signals as S
from annotator.core.store import Store, _dumps

ENGINE_KINDS = ("interval", "gap", "outcome")
#: the columns of ``meter_records`` in the order of :class:`Row`
_COLS = 'seq, kind, start, "end", category, pack, version, item, run, data, prev, hash'


@dataclass(frozen=True)
class Row:
    """One record of the chain, as stored."""

    seq: int
    kind: str
    start: float | None
    end: float | None
    category: str | None
    pack: str | None
    version: str | None
    item: str | None
    run: int | None
    data_text: str | None
    prev: str
    hash: str

    @cached_property
    def data(self) -> dict[str, Any]:
        return json.loads(self.data_text) if self.data_text else {}

    def as_dict(self, raw_data: bool = False) -> dict[str, Any]:
        out = {"seq": self.seq, "kind": self.kind, "start": self.start, "end": self.end,
               "category": self.category, "pack": self.pack, "version": self.version, "item": self.item,
               "run": self.run, "data": self.data_text,
               "prev": self.prev, "hash": self.hash}
        if not raw_data:
            out["data"] = dict(self.data)
        return out


def _ms(t: float | None) -> float | None:
    return None if t is None else round(float(t), 3)


def record_columns(record: Record) -> dict[str, Any]:
    """The columns of an engine record (before ``seq``, ``prev`` and ``hash``)."""
    if isinstance(record, Interval):
        data = {"rule": record.rule} if record.lab is None else {"rule": record.rule, "lab": record.lab}
        return {"kind": "interval", "start": _ms(record.start), "end": _ms(record.end),
                "category": record.category, "pack": record.pack, "version": record.version,
                "item": record.item, "run": record.run, "data": data}
    if isinstance(record, Gap):
        return {"kind": "gap", "start": _ms(record.start), "end": _ms(record.end), "run": record.run,
                "data": {"reason": record.reason, "note": record.note}}
    if isinstance(record, Outcome):
        return {"kind": "outcome", "start": _ms(record.t), "end": _ms(record.t), "pack": record.pack,
                "version": record.version, "item": record.item, "run": record.run,
                "data": {"outcome": record.outcome, "phase": record.phase}}
    raise TypeError(f"not an engine record: {record!r}")


class MeterRepository:
    """The signal log and the record chain of one store."""

    def __init__(self, store: Store):
        self.store = store
        self.engine = store.engine

    # ------------------------------------------------------------------ writing

    def append(self, signals: Sequence[Mapping[str, Any]] = (), records: Sequence[Mapping[str, Any]] = (),
               on_seq=None, guard=None) -> tuple[list[int], list[Row]]:
        """Append signals and records in one transaction.

        ``signals`` are dicts with ``t`` and ``kind``; ``records`` dicts of columns
        (``data`` a dict). ``on_seq(signal_index, seq)`` is told each signal's
        number before the records are written (the engine needs it for runs).
        Retries when another process appended at the same moment. ``guard(conn)`` runs first in the
        same transaction (a :class:`UserError` it raises writes nothing): the overlap check of
        declared time sees exactly the chain it is appended to.
        """
        for attempt in range(20):
            try:
                return self._append(signals, records, guard)
            except (IntegrityError, OperationalError):
                if attempt == 19:
                    raise
                time.sleep(0.01 * (attempt + 1))
        raise AssertionError("unreachable")

    def _append(self, signals, records, guard=None) -> tuple[list[int], list[Row]]:
        with self.store.writing() as conn:
            if guard is not None:
                guard(conn)
            seqs: list[int] = []
            if signals:
                last = conn.execute(select(func.max(S.c.seq))).scalar() or 0
                rows = []
                for i, s in enumerate(signals):
                    extra = {k: v for k, v in s.items() if k not in ("t", "kind", "seq")}
                    rows.append({"seq": last + 1 + i, "t": _ms(s["t"]), "kind": s["kind"],
                                 "fields": _dumps(extra) if extra else None})
                    seqs.append(last + 1 + i)
                conn.execute(insert(S), rows)
            written: list[Row] = []
            records = _not_counted_yet(conn, records) if records else []
            if records:
                head = conn.execute(select(R.c.seq, R.c.hash).order_by(R.c.seq.desc()).limit(1)).first()
                seq, prev = (head[0], head[1]) if head else (0, chain.GENESIS)
                rows = []
                for rec in records:
                    seq += 1
                    row = {c: rec.get(c) for c in chain.COLUMNS}
                    data = rec.get("data") or None
                    row.update(seq=seq, prev=prev, data=chain.canonical(data) if data else None)
                    row["hash"] = chain.record_hash(row)
                    prev = row["hash"]
                    rows.append(row)
                    written.append(_row(row))
                conn.execute(insert(R), rows)
            return seqs, written

    def append_records(self, records: Sequence[Mapping[str, Any]], guard=None) -> list[Row]:
        return self.append((), records, guard=guard)[1]

    # ------------------------------------------------------------------ reading

    def head(self) -> tuple[int, str]:
        """``(seq, hash)`` of the newest record (``(0, GENESIS)`` for an empty chain)."""
        with self.engine.connect() as conn:
            row = conn.execute(select(R.c.seq, R.c.hash).order_by(R.c.seq.desc()).limit(1)).first()
        return (row[0], row[1]) if row else (0, chain.GENESIS)

    def rows(self, kinds: Iterable[str] | None = None, start: float | None = None, end: float | None = None,
             after_seq: int | None = None) -> Iterator[Row]:
        """Records in chain order; ``start``/``end`` keep those that touch ``[start, end)``.

        A period is read through the indexes (migration 0005): rows whose ``start`` and ``end``
        are both set by ``kind IN (...) AND end >= start AND start < end`` (a seek per kind on
        ``(kind, end)``), the few rows with an open ``start`` or ``end`` apart, the two merged in
        chain order. The rows kept are exactly those the one ``OR`` query kept.
        """
        where: list[str] = []
        params: list[Any] = []
        if kinds is not None:
            kinds = list(kinds)
            where.append(f"kind IN ({', '.join('?' * len(kinds))})")
            params += kinds
        if after_seq is not None:
            where.append("seq > ?")
            params.append(after_seq)
        if start is None and end is None:
            yield from self._select(where, params)
            return
        # both ends set (the rows of every engine and ledger kind) ...
        closed, closed_p = list(where), list(params)
        if start is not None:
            closed.append('"end" >= ?')
            closed_p.append(start)
        if end is not None:
            closed.append("start < ?")
            closed_p.append(end)
        if start is None:
            closed.append('"end" IS NOT NULL')
        if end is None:
            closed.append("start IS NOT NULL")
        # ... those with an open end, and those with an open start: kept as the OR query kept them,
        # each found by an index (an OR of the two would read every row of the kinds)
        no_end, no_end_p = list(where) + ['"end" IS NULL'], list(params)
        if end is not None:
            no_end.append("(start < ? OR start IS NULL)")
            no_end_p.append(end)
        no_start, no_start_p = list(where) + ["start IS NULL", '"end" IS NOT NULL'], list(params)
        if start is not None:
            no_start.append('+"end" >= ?')
            no_start_p.append(start)
        yield from heapq.merge(self._select(closed, closed_p), self._select(no_end, no_end_p),
                               self._select(no_start, no_start_p, "ix_meter_records_start"), key=lambda r: r.seq)

    def _select(self, where: Sequence[str], params: Sequence[Any], index: str | None = None) -> Iterator[Row]:
        sql = f"SELECT {_COLS} FROM meter_records" + (f" INDEXED BY {index}" if index else "")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY seq"
        with self.engine.connect() as conn:
            cursor = conn.connection.dbapi_connection.cursor()
            try:
                cursor.execute(sql, tuple(params))
                while True:
                    batch = cursor.fetchmany(5000)
                    if not batch:
                        break
                    for t in batch:
                        yield Row(*t)
            finally:
                cursor.close()

    def first_outcomes(self, start: float, end: float | None, outcomes: Sequence[str],
                       pack: str | None = None) -> Iterator[Row]:
        """The outcomes of ``[start, end)`` that are the first of their item and kind in the chain.

        An item's outcome counts once: its first record (in chain order) among the outcomes before
        ``end``. Each outcome of the period is checked for an earlier twin (same pack, version, item
        and outcome, recognised in ``data`` exactly as the timesheet recognises it) by one seek on
        ``ix_meter_records_outcome_item``, instead of reading every outcome since the first day.
        """
        which = "CASE " + " ".join(f"WHEN instr({{t}}.data, '\"outcome\":\"{o}\"') > 0 THEN '{o}'"
                                   for o in outcomes) + " END"
        mine, twin = which.replace("{t}", "o"), which.replace("{t}", "p")
        hi = "" if end is None else " AND o.start < :end"
        hi_p = "" if end is None else " AND p.start < :end"
        only = "" if pack is None else " AND o.pack = :pack"
        cols = ", ".join(f"o.{c}" if c != '"end"' else 'o."end"' for c in _COLS.split(", "))
        sql = (f"SELECT {cols} FROM meter_records AS o INDEXED BY ix_meter_records_start WHERE o.kind = 'outcome' AND o.start >= :start{hi}{only} "
               f"AND ({mine}) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM meter_records AS p "
               f"INDEXED BY ix_meter_records_outcome_item WHERE p.kind = 'outcome' AND p.item IS o.item "
               f"AND p.pack IS o.pack AND p.version IS o.version AND p.seq < o.seq{hi_p} AND ({twin}) = ({mine})) "
               f"ORDER BY o.seq")
        with self.engine.connect() as conn:
            for t in conn.exec_driver_sql(sql, {"start": start, "end": end, "pack": pack}):
                yield Row(*t)

    def raw_rows(self, after_seq: int = 0) -> Iterator[dict[str, Any]]:
        """Every record (after ``after_seq``) exactly as stored (``data`` as its JSON text), for verification."""
        query = select(R).where(R.c.seq > after_seq).order_by(R.c.seq)
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=5000).execute(query):
                yield dict(row._mapping)

    def raw_record(self, seq: int) -> dict[str, Any] | None:
        """Record ``seq`` exactly as stored, for verification."""
        with self.engine.connect() as conn:
            row = conn.execute(select(R).where(R.c.seq == seq)).first()
        return None if row is None else dict(row._mapping)

    def record(self, seq: int) -> Row | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(R).where(R.c.seq == seq)).first()
        return None if row is None else _row(row._mapping)

    def count(self, kind: str | None = None, run: int | None = None) -> int:
        query = select(func.count()).select_from(R)
        if kind is not None:
            query = query.where(R.c.kind == kind)
        if run is not None:
            query = query.where(R.c.run == run)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar() or 0)

    def engine_records_of_run(self, run: int) -> int:
        query = select(func.count()).select_from(R).where(R.c.run == run, R.c.kind.in_(ENGINE_KINDS))
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar() or 0)

    def unwritten(self, run: int, records: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
        """The engine records of ``run`` (as columns) that the chain does not hold yet.

        Gaps and outcomes are matched by kind, times and item, each stored one once; intervals
        are all returned: appending them leaves out every second already counted.
        """
        from collections import Counter

        def key(r) -> tuple:
            return (r["kind"], _ms(r.get("start")), _ms(r.get("end")), r.get("item"))

        query = select(R).where(R.c.run == run, R.c.kind.in_(("gap", "outcome")))
        with self.engine.connect() as conn:
            stored = Counter(key(dict(row._mapping)) for row in conn.execute(query))
        out = []
        for rec in records:
            if rec["kind"] != "interval":
                k = key(rec)
                if stored[k] > 0:
                    stored[k] -= 1
                    continue
            out.append(rec)
        return out

    def counted_until(self, before_run: int | None = None) -> float | None:
        """The latest end of any interval or gap (of runs before ``before_run``)."""
        query = select(func.max(R.c.end)).where(R.c.kind.in_(("interval", "gap")))
        if before_run is not None:
            query = query.where(R.c.run < before_run)
        with self.engine.connect() as conn:
            return conn.execute(query).scalar()

    def known_packs(self) -> set[tuple[str, str | None]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(R.c.pack, R.c.version).where(R.c.kind == "pack"))
            return {(r[0], r[1]) for r in rows}

    def signals(self, after_seq: int = 0) -> Iterator[dict[str, Any]]:
        """Signals with ``seq > after_seq`` as dicts ``{"t", "kind", ...}`` (with ``seq``)."""
        query = select(S).where(S.c.seq > after_seq).order_by(S.c.seq)
        with self.engine.connect() as conn:
            for seq, t, kind, fields in conn.execution_options(yield_per=10000).execute(query):
                out = {"t": t, "kind": kind}
                if fields:
                    out.update(json.loads(fields))
                out["seq"] = seq
                yield out

    def last_start(self) -> int | None:
        """The number of the newest ``app_start`` signal."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.max(S.c.seq)).where(S.c.kind == "app_start")).scalar()

    def last_signal(self) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(S).order_by(S.c.seq.desc()).limit(1)).first()
        if row is None:
            return None
        m = row._mapping
        return {"seq": m["seq"], "t": m["t"], "kind": m["kind"]}

    def signal_count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(S)).scalar() or 0)

    # ------------------------------------------------------------------ worker's records

    def correct(self, seq: int, category: str | None, note: str = "", at: float | None = None) -> Row:
        """A correction of interval ``seq``: a new category (``None`` keeps it) and a note."""
        target = self.record(seq)
        if target is None or target.kind != "interval":
            raise UserError(f"record {seq} is not a measured interval, so it cannot be corrected")
        if category is not None and category not in CATEGORIES:
            raise UserError(f"unknown category {category!r} (one of: {', '.join(CATEGORIES)})")
        note = (note or "").strip()
        if category is None and not note:
            raise UserError("a correction needs a new category or a note")
        return self.append_records([{
            "kind": "correction", "start": target.start, "end": target.end,
            "category": category or target.category, "pack": target.pack, "version": target.version,
            "item": target.item,
            "data": {"amends": seq, "note": note, "at": _ms(at if at is not None else self.store.clock())},
        }])[0]


def _not_counted_yet(conn, records: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """``records`` with every second some interval already in the chain counts left out.

    One run never counts a second twice (the engine's rules); this keeps it true when two
    runs write into one store (two windows on one data folder despite its lock, a
    crashed run replayed): checked in the same transaction as the append, so under any
    interleaving of the writers each second is counted by whoever wrote it first.
    """
    spans = [(r["start"], r["end"]) for r in records if r.get("kind") == "interval"]
    if not spans:
        return list(records)
    lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
    taken = sorted(conn.execute(select(R.c.start, R.c.end).where(
        R.c.kind.in_(("interval", "declared")), R.c.end > lo, R.c.start < hi)).all())
    out: list[Mapping[str, Any]] = []
    for rec in records:
        if rec.get("kind") != "interval":
            out.append(rec)
            continue
        pieces = _subtract(rec["start"], rec["end"], taken)
        if pieces == [(rec["start"], rec["end"])]:
            out.append(rec)
        else:
            data = dict(rec.get("data") or {})
            data["note"] = "time already counted by another run was left out"
            out.extend({**rec, "start": a, "end": b, "data": data} for a, b in pieces)
        taken = sorted(taken + pieces)
    return out


def _subtract(start: float, end: float, taken: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """The parts of ``[start, end]`` outside every span of ``taken`` (sorted by start)."""
    pieces = []
    at = start
    for a, b in taken:
        if b <= at:
            continue
        if a >= end:
            break
        if a > at:
            pieces.append((at, a))
        at = max(at, b)
        if at >= end:
            break
    if at < end:
        pieces.append((at, end))
    return pieces


def _row(m: Mapping[str, Any]) -> Row:
    return Row(seq=m["seq"], kind=m["kind"], start=m["start"], end=m["end"], category=m["category"],
               pack=m["pack"], version=m["version"], item=m["item"], run=m["run"],
               data_text=m["data"], prev=m["prev"], hash=m["hash"])
