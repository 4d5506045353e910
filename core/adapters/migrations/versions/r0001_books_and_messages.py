"""Create the books and messages tables.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Books (with a stable integer key) and the message store, indexed newest first."""
    op.create_table(
        "books",
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("id", sa.Uuid(), nullable=False, unique=True),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("isbn", sa.String(), nullable=False, unique=True),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "messages",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("metadata", sa.JSON(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
    )
    op.create_index("ix_messages_created_at_id", "messages", ["created_at", "id"])


def downgrade() -> None:
    """Drop both tables."""
    op.drop_index("ix_messages_created_at_id", table_name="messages")
    op.drop_table("messages")
    op.drop_table("books")
