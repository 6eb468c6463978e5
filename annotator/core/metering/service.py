"""The live meter: stamps the UI's signals with the clock, logs them, runs the engine, appends the records.

``MeterService`` is the real :class:`annotator.core.metering.meter.Meter` of the app.
Inputs are the hot path (every key press and mouse move may end up here): they
only remember their time in memory, and are written as the first and the last
input of each heartbeat period when the next other signal arrives. Every other
signal is written at once with the records it finalises, in one transaction, so
killing the process loses at most one heartbeat period. On start, a run that
ended without ``app_quit`` is replayed from the log to rebuild the engine, and
the new ``app_start`` closes it as a crash at its last signal.
"""
from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from typing import Any, Callable, Iterable, Mapping

from annotator.core.clock import Clock, system_clock
from annotator.core.metering.engine import (CATEGORIES, HEARTBEAT, Engine, check_thresholds, run_id)
from annotator.core.metering.ledger import pack_record
from annotator.core.metering.meter import Meter
from annotator.core.metering.repository import MeterRepository, Row, record_columns
from annotator.core.progress import Progress, counted, silent
from annotator.core.store import Store

log = logging.getLogger("annotator.metering")

THRESHOLDS_KEY = "meter.thresholds"
#: inputs within this many seconds of the first one are kept as the first and the last only
COALESCE_SECONDS = HEARTBEAT


def day_bounds(t: float) -> tuple[float, float]:
    """The local day around ``t``: ``(midnight, next midnight)`` as epoch seconds (DST-aware)."""
    day = datetime.fromtimestamp(t).replace(hour=0, minute=0, second=0, microsecond=0)
    following = (day + timedelta(days=1, hours=2)).replace(hour=0)
    return day.timestamp(), following.timestamp()


class MeterService(Meter):
    """Signals in, records out, into the store's signal log and chain."""

    def __init__(self, store: Store, clock: Clock = system_clock, thresholds: Mapping[str, Any] | None = None):
        self.store = store
        self.clock = clock
        self.repo = MeterRepository(store)
        saved = thresholds if thresholds is not None else (store.get(THRESHOLDS_KEY) or {})
        try:
            self.thresholds = check_thresholds(saved)
        except ValueError as exc:
            log.warning("ignoring bad idle thresholds in the settings: %s", exc)
            self.thresholds = check_thresholds({})
        self.listeners: list[Callable[[list[Row]], None]] = []
        self._first: float | None = None
        self._last: float | None = None
        self._known = self.repo.known_packs()
        self._unknown_terms: set[tuple[str, str | None]] = set()
        self._day: tuple[float, float] | None = None
        self._day_totals: dict[str, float] = {}
        #: today's declared time per category (the live view shows measured time; declared is shown beside it)
        self.declared_today: dict[str, float] = dict.fromkeys(CATEGORIES, 0.0)
        self._recover()

    # ------------------------------------------------------------------ Meter API

    def signal(self, kind: str, **fields: Any) -> None:
        t = self.clock()
        if kind == "input":  # the hot path: no allocation, no I/O
            first = self._first
            if first is None:
                self._first = t
                if self.engine.idle_passed(t):  # back after an away span: write it now, so it is asked at once
                    self._last = t
                    self._write(self._batch(None, None, None))
                    return
            elif not first <= t <= first + COALESCE_SECONDS:  # a new window (or the clock stepped back)
                self._write(self._batch(None, None, None))
                self._first = t
            self._last = t
            return
        self._write(self._batch(t, kind, fields))

    def flush(self) -> None:
        """Write coalesced inputs now (they are otherwise written with the next signal)."""
        if self._first is not None:
            self._write(self._batch(None, None, None))

    # ------------------------------------------------------------------ live view

    def live(self, now: float | None = None) -> tuple[str, dict[str, float]]:
        """``(current category, today's seconds per category)`` including what is not final yet."""
        now = self.clock() if now is None else now
        start, end = day_bounds(now)
        if self._day != (start, end):
            self._load_day(start, end)
        totals = dict(self._day_totals)
        tentative, current = self.engine.tentative(now, self._last)
        for iv in tentative:
            a, b = max(iv.start, start), min(iv.end, end)
            if b > a:
                totals[iv.category] += b - a
        return current, totals

    def tentative_rows(self, now: float | None = None) -> list[Row]:
        """The intervals not final yet, as record-like rows numbered 0 (for the app's timesheet view)."""
        now = self.clock() if now is None else now
        intervals, _ = self.engine.tentative(now, self._last)
        out = []
        for iv in intervals:
            cols = record_columns(iv)
            cols["data"] = {"rule": cols["data"]["rule"] + " (not final yet)"}
            out.append(Row(seq=0, kind="interval", start=cols["start"], end=cols["end"], category=iv.category,
                           pack=iv.pack, version=iv.version, item=iv.item, run=iv.run,
                           data_text=json.dumps(cols["data"]), prev="", hash=""))
        return out

    @property
    def availability(self) -> str | None:
        """The platform availability mode is on for, or ``None``."""
        return self.engine.state.avail if self.engine.running else None

    def pending_spans(self) -> list[tuple[float, float, str]]:
        """The time counted but not written yet, as ``(start, end, category)``: declared time may not overlap it."""
        self.flush()
        return [(r.start, r.end, r.category) for r in self.tentative_rows()]

    def declare(self, **fields: Any) -> Row:
        """Append declared time (:func:`annotator.core.metering.declared.declare`), checked against the time
        this meter is counting now too."""
        from annotator.core.metering.declared import declare

        row = declare(self.store, pending=self.pending_spans, **fields)
        self._day = None
        self._notify([row])
        return row

    def correct(self, seq: int, category: str | None, note: str = "") -> Row:
        row = self.repo.correct(seq, category, note, at=self.clock())
        self._day = None  # recount today
        self._notify([row])
        return row

    # ------------------------------------------------------------------ internals

    def _batch(self, t: float | None, kind: str | None, fields: Mapping[str, Any] | None) -> list[dict[str, Any]]:
        batch: list[dict[str, Any]] = []
        if self._first is not None:
            batch.append({"t": self._first, "kind": "input"})
            if self._last != self._first:
                batch.append({"t": self._last, "kind": "input"})
            self._first = self._last = None
        if kind is not None:
            sig: dict[str, Any] = {"t": t, "kind": kind}
            sig.update({k: v for k, v in fields.items() if k not in ("t", "kind")})
            if kind == "app_start":
                sig.setdefault("thresholds", self.thresholds)
                sig.setdefault("heartbeat", HEARTBEAT)
            if sig.get("pack") and "version" not in sig:
                pack = self.store.find_pack(str(sig["pack"]))
                sig["version"] = pack.version if pack is not None else None
            batch.append(sig)
        return batch

    def _write(self, batch: list[dict[str, Any]]) -> list[Row]:
        records = []
        for sig in batch:
            records.extend(self._pack_records(sig))
            records.extend(record_columns(r) for r in self.engine.feed(sig))
        try:
            _, rows = self.repo.append(batch, records)
        except Exception:  # the meter never takes the app down; the log says what happened
            log.exception("could not write %d metering signals", len(batch))
            return []
        self._notify(rows)
        return rows

    def _pack_records(self, sig: Mapping[str, Any]) -> list[dict[str, Any]]:
        pack_id = sig.get("pack")
        if not pack_id or sig.get("kind") not in ("view", "item"):
            return []
        key = (str(pack_id), sig.get("version"))
        if key in self._known and key not in self._unknown_terms:
            return []
        row = self.store.find_pack(key[0], key[1]) if key[1] else self.store.find_pack(key[0])
        if key in self._unknown_terms and row is None:
            return []
        rec = pack_record(key[0], key[1], row, float(sig["t"]))
        self._known.add(key)
        if row is None:
            self._unknown_terms.add(key)
        else:
            self._unknown_terms.discard(key)
        return [rec]

    def _notify(self, rows: list[Row]) -> None:
        if not rows:
            return
        if self._day is not None:
            start, end = self._day
            for row in rows:
                if row.kind == "interval":
                    a, b = max(row.start, start), min(row.end, end)
                    if b > a:
                        self._day_totals[row.category] += b - a
                elif row.kind == "correction":
                    self._day = None
        for listener in list(self.listeners):
            try:
                listener(rows)
            except Exception:
                log.exception("a metering listener failed")

    def _load_day(self, start: float, end: float) -> None:
        from annotator.core.metering.timesheet import effective_intervals

        totals = dict.fromkeys(CATEGORIES, 0.0)
        declared = dict.fromkeys(CATEGORIES, 0.0)
        rows = self.repo.rows(kinds=("interval", "correction", "declared", "withdrawal"), start=start, end=end)
        for iv in effective_intervals(rows):
            a, b = max(iv.start, start), min(iv.end, end)
            if b > a:
                (declared if iv.source == "declared" else totals)[iv.category] += b - a
        self._day = (start, end)
        self._day_totals = totals
        self.declared_today = declared

    def _recover(self) -> None:
        """Rebuild the engine; replay a run that ended without ``app_quit`` (a crash)."""
        start_seq = self.repo.last_start()
        last = self.repo.last_signal()
        if start_seq is None or last is None or last["kind"] == "app_quit":
            self.engine = Engine(self.thresholds, floor=self.repo.counted_until())
            return
        signals = list(self.repo.signals(after_seq=start_seq - 1))
        run = run_id(signals[0]["t"])
        self.engine = Engine(self.thresholds, floor=self.repo.counted_until(before_run=run))
        produced = []
        for sig in signals:
            produced.extend(self.engine.feed(sig))
        missing = self.repo.unwritten(run, [record_columns(r) for r in produced])
        if missing:  # normally none: records are written with their signal (intervals already counted are left out)
            self.repo.append_records(missing)
        log.info("resumed an unfinished run of %d signals (%d records)", len(signals), len(produced))


def replay_into(store: Store, signals: Iterable[Mapping[str, Any]], progress: Progress = silent) -> dict[str, Any]:
    """Feed a recorded trace through the engine into the store (``annotator meter replay``).

    The trace's signals are appended to the signal log and its records to the
    chain, exactly as if the app had sent them. A trace that does not end with
    ``app_quit`` is closed at its last signal (an ``app_quit`` marked
    ``"replay_end": true`` is logged, so the store stays consistent).
    """
    service = MeterService(store, clock=lambda: 0.0)
    service.flush()
    if service.engine.running:  # the store's own last run never ended: close it before the trace
        last = service.repo.last_signal()
        service._write([{"t": last["t"], "kind": "app_quit", "replay_end": True}])
    floor = service.repo.counted_until()
    count = 0
    batch: list[dict[str, Any]] = []
    last_t = None
    written = 0
    for sig in counted(signals, progress, "replaying signals"):
        if count == 0 and floor is not None and float(sig["t"]) < floor:
            raise ValueError(f"the trace starts at {sig['t']}, before the end of what this store already "
                             f"holds ({floor}); replay it into another data folder")
        sig = {k: v for k, v in sig.items() if k != "seq"}
        batch.append(sig)
        last_t = float(sig["t"])
        count += 1
        if len(batch) >= 2000:
            written += len(service._write(batch))
            batch = []
    if batch:
        written += len(service._write(batch))
    if service.engine.running:
        written += len(service._write([{"t": last_t, "kind": "app_quit", "replay_end": True}]))
    return {"signals": count, "records": written}
