"""The worker's store: table definitions (SQLAlchemy Core).

The live schema is built by the Alembic migrations in ``annotator/core/migrations``;
these definitions are what the code queries, and ``tests/core/test_store.py``
checks that the migrated database matches them.
"""
from __future__ import annotations

from sqlalchemy import (JSON, Boolean, Column, Float, ForeignKey, Index, Integer, MetaData,
                        PrimaryKeyConstraint, String, Table, Text, UniqueConstraint)

metadata = MetaData()

packs = Table(
    "packs", metadata,
    Column("pk", Integer, primary_key=True),
    Column("pack_id", String, nullable=False),
    Column("version", String, nullable=False),
    Column("content_hash", String, nullable=False),
    Column("instructions_hash", String, nullable=False),
    Column("kind", String, nullable=False),
    Column("title", Text, nullable=False),
    Column("lab", Text, nullable=False),
    Column("manifest", JSON, nullable=False),
    Column("folder", Text, nullable=False),
    Column("item_count", Integer, nullable=False),
    Column("training_count", Integer, nullable=False, server_default="0"),
    Column("imported_at", Float, nullable=False),
    Column("source", Text),
    Column("terms_seen_at", Float),
    UniqueConstraint("pack_id", "version", name="uq_packs_id_version"),
)

items = Table(
    "items", metadata,
    Column("pk", Integer, primary_key=True),
    Column("pack_pk", Integer, ForeignKey("packs.pk", ondelete="CASCADE"), nullable=False),
    Column("item_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("training", Boolean, nullable=False, server_default="0"),
    Column("data", JSON, nullable=False),
    Column("state", String, nullable=False, server_default="new"),
    Column("reason", Text),
    Column("state_changed_at", Float),
    UniqueConstraint("pack_pk", "item_id", name="uq_items_pack_item"),
    UniqueConstraint("pack_pk", "position", name="uq_items_pack_position"),
    Index("ix_items_pack_state_position", "pack_pk", "state", "position"),  # migration 0005: next item to do
)

# how many items of each pack are in each state, kept exact by triggers and by the import (migration 0004,
# ADR 0021): reading a pack's progress no longer counts its items
pack_progress = Table(
    "pack_progress", metadata,
    Column("pack_pk", Integer, ForeignKey("packs.pk", ondelete="CASCADE"), nullable=False),
    Column("state", String, nullable=False),
    Column("n_items", Integer, nullable=False),
    PrimaryKeyConstraint("pack_pk", "state"),
    sqlite_with_rowid=False,
)

annotations = Table(
    "annotations", metadata,
    Column("item_pk", Integer, ForeignKey("items.pk", ondelete="CASCADE"), primary_key=True),
    Column("data", JSON, nullable=False),
    Column("instructions_hash", String),
    Column("updated_at", Float, nullable=False),
    Column("revision", Integer, nullable=False, server_default="1"),
)

settings = Table(
    "settings", metadata,
    Column("key", String, primary_key=True),
    Column("value", JSON),
)

# pack folders being imported or removed: the start-up cleaning deletes only these (migration 0003)
pack_folders = Table(
    "pack_folders", metadata,
    Column("folder", Text, primary_key=True),  # relative to the data folder, with /
    Column("state", String, nullable=False),  # importing | removing
    Column("since", Float, nullable=False),
)
