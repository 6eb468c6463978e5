"""Pack folders marked before they are imported or removed; an index to find time already counted.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pack_folders",
        sa.Column("folder", sa.Text, primary_key=True),
        sa.Column("state", sa.String, nullable=False),
        sa.Column("since", sa.Float, nullable=False),
    )
    op.create_index("ix_meter_records_end", "meter_records", ["end"])


def downgrade() -> None:
    op.drop_index("ix_meter_records_end", "meter_records")
    op.drop_table("pack_folders")
