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
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # IF NOT EXISTS: a store taken back to an older revision by hand (tests do) keeps its indexes
    op.execute('CREATE INDEX IF NOT EXISTS ix_meter_records_kind_end ON meter_records (kind, "end")')
    op.execute("CREATE INDEX IF NOT EXISTS ix_meter_records_outcome_item ON meter_records (item, pack) "
               "WHERE kind = 'outcome'")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_meter_records_outcome_item")
    op.execute("DROP INDEX IF EXISTS ix_meter_records_kind_end")
