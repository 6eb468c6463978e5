"""The metering tables of the worker's store (SQLAlchemy Core; created by migration ``0002``).

* ``meter_signals``: every signal as the UI sent it (inputs coalesced to the first
  and last of each heartbeat period), append-only, so anyone can replay them.
* ``meter_records``: the hash chain: intervals, gaps, item outcomes, packs and
  their pay terms, corrections, payments and rejections. Append-only: rows are
  never updated or deleted; each carries the hash of the one before.
"""
from __future__ import annotations

from sqlalchemy import Column, Float, Index, Integer, String, Table, Text

from annotator.core.schema import metadata

meter_signals = Table(
    "meter_signals", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("t", Float, nullable=False),
    Column("kind", String, nullable=False),
    Column("fields", Text),  # JSON object of the other fields, or NULL
    Index("ix_meter_signals_starts", "seq", sqlite_where=Column("kind") == "app_start"),
)

meter_records = Table(
    "meter_records", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("kind", String, nullable=False),  # interval gap outcome pack correction payment rejection
    Column("start", Float),
    Column("end", Float),
    Column("category", String),
    Column("pack", Text),
    Column("version", Text),
    Column("item", Text),
    Column("run", Integer),
    Column("data", Text),  # canonical JSON of the other fields (rule, note, amount, ...)
    Column("prev", String, nullable=False, unique=True),
    Column("hash", String, nullable=False),
    Index("ix_meter_records_start", "start"),
    Index("ix_meter_records_run", "run"),
    Index("ix_meter_records_end", "end"),  # migration 0003: finding time already counted
    # migration 0005: one period read by a seek per kind; an outcome's earlier twin found by one seek
    Index("ix_meter_records_kind_end", "kind", "end"),
    Index("ix_meter_records_outcome_item", "item", "pack", sqlite_where=Column("kind") == "outcome"),
)
