"""The lab's database: merged results bundles (SQLAlchemy Core; SQLite or PostgreSQL)."""
from __future__ import annotations

from sqlalchemy import (JSON, Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text,
                        UniqueConstraint)

metadata = MetaData()

bundles = Table(
    "lab_bundles", metadata,
    Column("pk", Integer, primary_key=True),
    Column("bundle_hash", String(80), nullable=False, unique=True),
    Column("pack_id", String(100), nullable=False),
    Column("pack_version", String(50), nullable=False),
    Column("content_hash", String(80), nullable=False),
    Column("kind", String(100), nullable=False),
    Column("pseudonym", Text, nullable=False),
    Column("public_key", String(64), nullable=False),
    Column("fingerprint", String(32), nullable=False),
    Column("created", String(32)),
    Column("tool_version", String(32)),
    Column("merged_at", Float, nullable=False),
    Column("source", Text),
    Column("manifest", JSON, nullable=False),
    Column("timing", JSON, nullable=False),
    #: bundle.json's exact text and its signature: the database can be re-verified
    Column("manifest_text", Text, nullable=False),
    Column("signature", String(100), nullable=False),
    UniqueConstraint("pack_id", "pack_version", "public_key", name="uq_lab_bundles_worker_key"),
    UniqueConstraint("pack_id", "pack_version", "pseudonym", name="uq_lab_bundles_worker_name"),
    Index("ix_lab_bundles_pack", "pack_id", "pack_version"),
)

records = Table(
    "lab_records", metadata,
    Column("pk", Integer, primary_key=True),
    Column("bundle_pk", Integer, ForeignKey("lab_bundles.pk", ondelete="CASCADE"), nullable=False),
    Column("item_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("state", String(20), nullable=False),
    Column("work_seconds", Float),
    #: the result line exactly as the worker signed it (id, state, reason, instructions hash, annotation)
    Column("record", Text, nullable=False),
    UniqueConstraint("bundle_pk", "item_id", name="uq_lab_records_bundle_item"),
)
