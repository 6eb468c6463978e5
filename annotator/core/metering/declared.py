"""Time the worker declares: work the app could not see, kept apart from what it measured.

A ``declared`` record holds a span (start, end), a category among the working ones, the
platform or lab (``data.lab``), optionally a pack, a note, and optionally evidence kept by
its SHA-256 only (a file's bytes or a link's text: nothing is uploaded or kept but the hash).
Declared time is shown and exported as ``declared`` beside ``measured`` everywhere; it never
overlaps measured time (any interval of the chain, away and break included) nor another
declared entry still in force: an overlap is refused naming the conflicting span.

Entries are never edited: a ``withdrawal`` record withdraws one (``data.withdraws``), a
``correction`` (``data.amends``) changes its category or note, and new times are a
withdrawal and a new entry appended together (``data.replaces``).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, time as dtime
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from sqlalchemy import select

from annotator.core.errors import UserError
from annotator.core.metering.engine import COUNTED, MAX_PLATFORM
from annotator.core.metering.repository import MeterRepository, Row, _ms
from annotator.core.metering.tables import meter_records as R
from annotator.core.store import Store
from annotator.core.units import duration

#: the categories time can be declared in (break and away are not working time)
DECLARABLE = COUNTED
#: no declared entry is longer than this (a mistyped date would otherwise declare a month)
MAX_SECONDS = 24 * 3600.0
_DURATION = re.compile(r"^\s*(?:(\d+(?:\.\d+)?)\s*h)?\s*(?:(\d+(?:\.\d+)?)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*$", re.I)


@dataclass
class Entry:
    """A declared entry as it stands (latest correction applied), or withdrawn."""

    row: Row
    start: float
    end: float
    category: str
    lab: str | None
    pack: str | None
    note: str
    withdrawn: Row | None = None
    correction: Row | None = None

    @property
    def seq(self) -> int:
        return self.row.seq


# ---------------------------------------------------------------------- parsing what the worker types

def parse_when(text: str | float | None, *, today: date | None = None, what: str = "the start") -> float:
    """``YYYY-MM-DDTHH:MM[:SS]``, ``YYYY-MM-DD HH:MM`` or ``HH:MM`` (today) in local time, as epoch seconds."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    value = (text or "").strip()
    if not value:
        raise UserError(f"{what} is missing (YYYY-MM-DDTHH:MM, or HH:MM for today)")
    try:
        if re.fullmatch(r"\d{1,2}:\d{2}(:\d{2})?", value):
            return datetime.combine(today or date.today(), dtime.fromisoformat(value.zfill(5) if len(value) == 4
                                                                               else value)).timestamp()
        return datetime.fromisoformat(value.replace(" ", "T", 1)).timestamp()
    except ValueError:
        raise UserError(f"{what} is not a time: {value!r} (YYYY-MM-DDTHH:MM, or HH:MM for today)") from None


def parse_duration(text: str | float) -> float:
    """``1h30m``, ``90m``, ``45min``, ``1:30`` (hours:minutes), ``2h``, or seconds as a number."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    value = (text or "").strip()
    m = re.fullmatch(r"(\d+):(\d{2})", value)
    if m:
        return int(m.group(1)) * 3600 + int(m.group(2)) * 60.0
    m = _DURATION.match(value)
    if value and m and any(m.groups()):
        h, mi, s = (float(g) if g else 0.0 for g in m.groups())
        return h * 3600 + mi * 60 + s
    raise UserError(f"not a duration: {value!r} (like 1h30m, 45m or 1:30)")


def evidence_of(file: str | Path | None = None, link: str | None = None) -> dict[str, Any] | None:
    """The evidence of an entry, by its SHA-256 only: ``{"kind": "file"|"link", "sha256", ["bytes"]}``."""
    if file and link:
        raise UserError("give a file or a link as evidence, not both")
    if file:
        path = Path(file)
        digest = hashlib.sha256()
        size = 0
        try:
            with open(path, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(chunk)
                    size += len(chunk)
        except OSError as exc:
            raise UserError(f"cannot read the evidence {path.name}: {exc.strerror or exc}") from None
        return {"kind": "file", "sha256": digest.hexdigest(), "bytes": size}
    if link:
        text = link.strip()
        if not text:
            return None
        return {"kind": "link", "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
    return None


# ---------------------------------------------------------------------- the chain

def entries(store_or_repo, *, include_withdrawn: bool = False) -> list[Entry]:
    """Every declared entry, oldest first, with its latest correction; withdrawn ones only if asked."""
    repo = store_or_repo if hasattr(store_or_repo, "rows") else MeterRepository(store_or_repo)
    found: dict[int, Entry] = {}
    late: list[Row] = []
    for r in repo.rows(kinds=("declared", "correction", "withdrawal")):
        if r.kind == "declared":
            found[r.seq] = Entry(r, r.start, r.end, r.category, r.data.get("lab"), r.pack, r.data.get("note", ""))
        else:
            late.append(r)
    for r in late:
        target = found.get(r.data.get("withdraws") if r.kind == "withdrawal" else r.data.get("amends"))
        if target is None:
            continue
        if r.kind == "withdrawal":
            target.withdrawn = r
        else:
            target.category = r.category or target.category
            target.correction = r
            if r.data.get("note"):
                target.note = r.data["note"]
    out = sorted(found.values(), key=lambda e: e.seq)
    return out if include_withdrawn else [e for e in out if e.withdrawn is None]


def _span_text(start: float, end: float) -> str:
    a, b = datetime.fromtimestamp(start), datetime.fromtimestamp(end)
    right = b.strftime("%H:%M:%S") if a.date() == b.date() else b.strftime("%Y-%m-%d %H:%M:%S")
    return f"{a.strftime('%Y-%m-%d %H:%M:%S')}–{right}"


def conflict(conn, start: float, end: float, ignore: Iterable[int] = (),
             pending: Iterable[tuple[float, float, str]] = ()) -> str | None:
    """Why ``[start, end)`` cannot be declared (the first span it overlaps), or ``None``.

    Looks at measured intervals (every category), declared entries still in force, and
    ``pending``: the live meter's time not written yet, as ``(start, end, category)``."""
    ignore = set(ignore)
    for a, b, cat in pending:
        if a < end and b > start:
            return (f"it overlaps time the app is measuring now ({_span_text(a, b)}, {cat}): declare time that "
                    "the app did not see")
    rows = conn.execute(select(R.c.seq, R.c.kind, R.c.start, R.c.end, R.c.category).where(
        R.c.kind.in_(("interval", "declared")), R.c.end > start, R.c.start < end).order_by(R.c.start)).all()
    if not rows:
        return None
    withdrawn = {int(w) for (w,) in conn.execute(select(R.c.data).where(R.c.kind == "withdrawal")).all()
                 for w in [_withdraws(w)] if w is not None}
    for seq, kind, a, b, cat in rows:
        if seq in ignore or (kind == "declared" and seq in withdrawn):
            continue
        if kind == "interval":
            hint = f"; to count it as {'other work' if cat == 'away' else 'something else'}, correct that " \
                   f"interval instead (annotator meter correct {seq} --category work)" if cat in ("away", "break") \
                else ""
            return f"it overlaps measured time {_span_text(a, b)} ({cat}, record {seq}){hint}"
        return f"it overlaps declared time {_span_text(a, b)} ({cat}, record {seq})"
    return None


def _withdraws(data_text: str | None) -> int | None:
    import json

    try:
        value = json.loads(data_text or "{}").get("withdraws")
    except ValueError:
        return None
    return value if isinstance(value, int) else None


def _check_span(start: float, end: float, now: float) -> None:
    if not end > start:
        raise UserError("the end must come after the start")
    if end - start > MAX_SECONDS:
        raise UserError(f"one entry is at most 24 hours ({duration(end - start)} given): declare each day apart")
    if end > now + 1:
        raise UserError("declared time is time that has passed: the end is in the future")


def _fields(category: str, lab: str | None, note: str, pack: str | None, store: Store
            ) -> tuple[str, str | None, str, str | None, str | None]:
    category = (category or "").strip().lower()
    if category not in DECLARABLE:
        raise UserError(f"unknown category {category!r} for declared time (one of: {', '.join(DECLARABLE)})")
    lab = " ".join((lab or "").split())[:MAX_PLATFORM] or None
    note = " ".join((note or "").split())[:500]
    pack_id = version = None
    if pack:
        row = store.resolve_pack(pack)
        pack_id, version = row.pack_id, row.version
        lab = lab or row.lab
    return category, lab, note, pack_id, version


def declare(store: Store, *, start: str | float, end: str | float | None = None, length: str | float | None = None,
            category: str, lab: str | None = None, note: str = "", pack: str | None = None,
            evidence: Mapping[str, Any] | None = None, pending: Callable[[], list] | None = None,
            replaces: int | None = None) -> Row:
    """Append a declared entry; refused (``UserError``) when it overlaps measured or declared time."""
    now = store.clock()
    a = parse_when(start, what="the start")
    if (end is None) == (length is None):
        raise UserError("give the end or the duration (not both)")
    b = parse_when(end, today=datetime.fromtimestamp(a).date(), what="the end") if end is not None \
        else a + parse_duration(length)
    a, b = _ms(a), _ms(b)
    _check_span(a, b, now)
    category, lab, note, pack_id, version = _fields(category, lab, note, pack, store)
    data: dict[str, Any] = {"lab": lab, "note": note, "at": _ms(now)}
    if evidence:
        data["evidence"] = dict(evidence)
    records: list[dict[str, Any]] = []
    ignore: list[int] = []
    if replaces is not None:
        old = _entry(store, replaces)
        ignore.append(replaces)
        data["replaces"] = replaces
        records.append({"kind": "withdrawal", "start": old.start, "end": old.end, "category": old.category,
                        "pack": old.pack, "version": old.row.version, "data": {"withdraws": replaces, "note": f"replaced by new times ({note})" if note
                                 else "replaced by new times", "at": _ms(now)}})
    if pack_id:
        from annotator.core.metering.ledger import _terms_if_new

        records.extend(_terms_if_new(MeterRepository(store), store.resolve_pack(pack), a))
    records.append({"kind": "declared", "start": a, "end": b, "category": category, "pack": pack_id,
                    "version": version, "data": data})
    spans = list(pending()) if pending is not None else []

    def guard(conn):
        why = conflict(conn, a, b, ignore, spans)
        if why:
            raise UserError(f"{_span_text(a, b)} cannot be declared: {why}")

    return MeterRepository(store).append_records(records, guard=guard)[-1]


def _entry(store: Store, seq: int) -> Entry:
    for e in entries(store, include_withdrawn=True):
        if e.seq == seq:
            if e.withdrawn is not None:
                raise UserError(f"declared entry {seq} was already withdrawn (record {e.withdrawn.seq})")
            return e
    raise UserError(f"record {seq} is not declared time (annotator timesheet declared list shows them)")


def withdraw(store: Store, seq: int, note: str = "") -> Row:
    """Withdraw a declared entry: a ``withdrawal`` record; the entry stays in the chain, counted no more."""
    e = _entry(store, seq)
    return MeterRepository(store).append_records([{
        "kind": "withdrawal", "start": e.start, "end": e.end, "category": e.category, "pack": e.pack,
        "version": e.row.version, "data": {"withdraws": seq, "note": " ".join((note or "").split())[:500], "at": _ms(store.clock())}}])[0]


def correct(store: Store, seq: int, *, category: str | None = None, note: str = "", start=None, end=None,
            length=None, pending: Callable[[], list] | None = None) -> Row:
    """Correct a declared entry: a new category or note (a ``correction``), or new times (withdrawn and
    declared again, in one transaction)."""
    e = _entry(store, seq)
    if start is not None or end is not None or length is not None:
        a = start if start is not None else e.start
        b = end if end is not None or length is not None else (e.end if start is None else None)
        if b is None and length is None:
            length = e.end - e.start
        return declare(store, start=a, end=b, length=length, category=category or e.category, lab=e.lab,
                       note=note or e.note, pack=e.pack, evidence=e.row.data.get("evidence"), pending=pending,
                       replaces=seq)
    if category is not None:
        category = category.strip().lower()
        if category not in DECLARABLE:
            raise UserError(f"unknown category {category!r} for declared time (one of: {', '.join(DECLARABLE)})")
    note = " ".join((note or "").split())[:500]
    if category is None and not note:
        raise UserError("a correction needs a new category, a note, or new times")
    return MeterRepository(store).append_records([{
        "kind": "correction", "start": e.start, "end": e.end, "category": category or e.category, "pack": e.pack,
        "version": e.row.version, "data": {"amends": seq, "note": note, "at": _ms(store.clock())}}])[0]


__all__ = ["DECLARABLE", "Entry", "declare", "withdraw", "correct", "entries", "conflict", "evidence_of",
           "parse_when", "parse_duration"]
