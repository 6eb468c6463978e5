"""Per-pack progress counters (how many items are in each state), kept by the database itself.

Reading a pack's progress counted every item of the pack (44 ms at 1,000,000 items, on every
item change in the window); the counts now live in ``pack_progress`` (ADR 0021):

* a trigger moves an item from one count to the other whenever its state changes, in the
  statement that changes it (submit, skip, flag, reopen, the first save, any later path);
* a trigger takes a deleted item off its count (removal deletes them by cascade, and the
  pack's counts go with the pack);
* items are only ever inserted by ``Store.add_pack``, which counts them in the same
  transaction (an insert trigger doubled the cost of importing, see the ADR);
* this migration fills the counts of every pack already in the store from a full count.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

#: a state that changes moves one item from the old state's count to the new one's
STATE_CHANGED = """
CREATE TRIGGER pack_progress_state_changed AFTER UPDATE OF state, pack_pk ON items
WHEN OLD.state IS NOT NEW.state OR OLD.pack_pk IS NOT NEW.pack_pk
BEGIN
    UPDATE pack_progress SET n_items = n_items - 1 WHERE pack_pk = OLD.pack_pk AND state = OLD.state;
    INSERT INTO pack_progress (pack_pk, state, n_items) VALUES (NEW.pack_pk, NEW.state, 1)
        ON CONFLICT (pack_pk, state) DO UPDATE SET n_items = n_items + 1;
END
"""

#: a deleted item leaves its count (a removed pack's counts are deleted with it by cascade)
ITEM_DELETED = """
CREATE TRIGGER pack_progress_item_deleted AFTER DELETE ON items
BEGIN
    UPDATE pack_progress SET n_items = n_items - 1 WHERE pack_pk = OLD.pack_pk AND state = OLD.state;
END
"""

FILL = """
INSERT INTO pack_progress (pack_pk, state, n_items)
SELECT pack_pk, state, count(*) FROM items GROUP BY pack_pk, state
"""


def upgrade() -> None:
    op.create_table(
        "pack_progress",
        sa.Column("pack_pk", sa.Integer, sa.ForeignKey("packs.pk", ondelete="CASCADE"), nullable=False),
        sa.Column("state", sa.String, nullable=False),
        sa.Column("n_items", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("pack_pk", "state"),
        sqlite_with_rowid=False,
    )
    op.execute(FILL)
    op.execute(STATE_CHANGED)
    op.execute(ITEM_DELETED)


def downgrade() -> None:
    op.execute("DROP TRIGGER pack_progress_item_deleted")
    op.execute("DROP TRIGGER pack_progress_state_changed")
    op.drop_table("pack_progress")
