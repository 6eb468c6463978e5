"""The lab's first schema: bundles and their item results.

Revision ID: lab0001
Revises:
Create Date: 2026-11-24
"""
import sqlalchemy as sa
from alembic import op

revision = "lab0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lab_bundles",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("bundle_hash", sa.String(80), nullable=False, unique=True),
        sa.Column("pack_id", sa.String(100), nullable=False),
        sa.Column("pack_version", sa.String(50), nullable=False),
        sa.Column("content_hash", sa.String(80), nullable=False),
        sa.Column("kind", sa.String(100), nullable=False),
        sa.Column("pseudonym", sa.Text, nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("fingerprint", sa.String(32), nullable=False),
        sa.Column("created", sa.String(32)),
        sa.Column("tool_version", sa.String(32)),
        sa.Column("merged_at", sa.Float, nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("manifest", sa.JSON, nullable=False),
        sa.Column("timing", sa.JSON, nullable=False),
        sa.Column("manifest_text", sa.Text, nullable=False),
        sa.Column("signature", sa.String(100), nullable=False),
        sa.UniqueConstraint("pack_id", "pack_version", "public_key", name="uq_lab_bundles_worker_key"),
        sa.UniqueConstraint("pack_id", "pack_version", "pseudonym", name="uq_lab_bundles_worker_name"),
    )
    op.create_index("ix_lab_bundles_pack", "lab_bundles", ["pack_id", "pack_version"])
    op.create_table(
        "lab_records",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("bundle_pk", sa.Integer, sa.ForeignKey("lab_bundles.pk", ondelete="CASCADE"), nullable=False),
        sa.Column("item_id", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("work_seconds", sa.Float),
        sa.Column("record", sa.Text, nullable=False),
        sa.UniqueConstraint("bundle_pk", "item_id", name="uq_lab_records_bundle_item"),
    )


def downgrade() -> None:
    op.drop_table("lab_records")
    op.drop_index("ix_lab_bundles_pack", "lab_bundles")
    op.drop_table("lab_bundles")
