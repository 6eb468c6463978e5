"""Metering: indexes for reading one period of the chain (issue 17, timesheet at scale).

* ``ix_meter_records_kind_end`` on ``(kind, end)``: a period's intervals, corrections, gaps,
  declared entries and payments are read by ``kind IN (...) AND end >= from AND start < to``
  (``MeterRepository.rows``), a seek per kind instead of a scan of the whole chain;
  ``kind = 'pack'`` (the pay terms) and ``kind = 'rejection'`` become seeks too.
* ``ix_meter_records_outcome_item`` on ``(item, pack)`` for ``kind = 'outcome'`` only: an
  item's outcome counts once (its first one in the chain); checking that an outcome of the
  period had no earlier twin is one seek per outcome instead of reading every outcome since
  the first day (``MeterRepository.first_outcomes``).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_meter_records_kind_end", "meter_records", ["kind", "end"])
    op.create_index("ix_meter_records_outcome_item", "meter_records", ["item", "pack"],
                    sqlite_where=sa.text("kind = 'outcome'"), postgresql_where=sa.text("kind = 'outcome'"))


def downgrade() -> None:
    op.drop_index("ix_meter_records_outcome_item", "meter_records")
    op.drop_index("ix_meter_records_kind_end", "meter_records")
