"""Metering: the signal log and the hash-chained records of the timesheet.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meter_signals",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("t", sa.Float, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("fields", sa.Text),
    )
    op.create_index("ix_meter_signals_starts", "meter_signals", ["seq"],
                    sqlite_where=sa.text("kind = 'app_start'"), postgresql_where=sa.text("kind = 'app_start'"))
    op.create_table(
        "meter_records",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("start", sa.Float),
        sa.Column("end", sa.Float),
        sa.Column("category", sa.String),
        sa.Column("pack", sa.Text),
        sa.Column("version", sa.Text),
        sa.Column("item", sa.Text),
        sa.Column("run", sa.Integer),
        sa.Column("data", sa.Text),
        sa.Column("prev", sa.String, nullable=False),
        sa.Column("hash", sa.String, nullable=False),
        sa.UniqueConstraint("prev", name="uq_meter_records_prev"),
    )
    op.create_index("ix_meter_records_start", "meter_records", ["start"])
    op.create_index("ix_meter_records_run", "meter_records", ["run"])


def downgrade() -> None:
    op.drop_index("ix_meter_records_run", "meter_records")
    op.drop_index("ix_meter_records_start", "meter_records")
    op.drop_table("meter_records")
    op.drop_index("ix_meter_signals_starts", "meter_signals")
    op.drop_table("meter_signals")
