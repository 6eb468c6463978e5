"""The items still to do found by a seek: index ``(pack_pk, state, position)`` (ADR 0022).

``Store.next_open`` (asked after every item shown, for the prefetch, and after every submit)
walked the pack's items in order from the current one until one still to do: reviewing the
done first half of a half-done pack read every done item after the one shown, 76 ms a step at
100,000 items. With the position in the state index it is one seek per open state. The index
replaces ``(pack_pk, state)``, of which it is an extension (the same lookups use it).

(Named for what it indexes: another branch adds a metering migration at the same time; if
both land, this one is renumbered after it, nothing else changes.)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_items_pack_state_position", "items", ["pack_pk", "state", "position"])
    op.drop_index("ix_items_pack_state", "items")


def downgrade() -> None:
    op.create_index("ix_items_pack_state", "items", ["pack_pk", "state"])
    op.drop_index("ix_items_pack_state_position", "items")
