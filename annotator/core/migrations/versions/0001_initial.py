"""The first schema: packs, items, annotations, settings.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "packs",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("pack_id", sa.String, nullable=False),
        sa.Column("version", sa.String, nullable=False),
        sa.Column("content_hash", sa.String, nullable=False),
        sa.Column("instructions_hash", sa.String, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("lab", sa.Text, nullable=False),
        sa.Column("manifest", sa.JSON, nullable=False),
        sa.Column("folder", sa.Text, nullable=False),
        sa.Column("item_count", sa.Integer, nullable=False),
        sa.Column("training_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("imported_at", sa.Float, nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("terms_seen_at", sa.Float),
        sa.UniqueConstraint("pack_id", "version", name="uq_packs_id_version"),
    )
    op.create_table(
        "items",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("pack_pk", sa.Integer, sa.ForeignKey("packs.pk", ondelete="CASCADE"), nullable=False),
        sa.Column("item_id", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("training", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("state", sa.String, nullable=False, server_default="new"),
        sa.Column("reason", sa.Text),
        sa.Column("state_changed_at", sa.Float),
        sa.UniqueConstraint("pack_pk", "item_id", name="uq_items_pack_item"),
        sa.UniqueConstraint("pack_pk", "position", name="uq_items_pack_position"),
    )
    op.create_index("ix_items_pack_state", "items", ["pack_pk", "state"])
    op.create_table(
        "annotations",
        sa.Column("item_pk", sa.Integer, sa.ForeignKey("items.pk", ondelete="CASCADE"), primary_key=True),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("instructions_hash", sa.String),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.JSON),
    )


def downgrade() -> None:
    op.drop_table("settings")
    op.drop_table("annotations")
    op.drop_index("ix_items_pack_state", "items")
    op.drop_table("items")
    op.drop_table("packs")
