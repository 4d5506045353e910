"""Book details: subtitle, publisher, year, pages and cover of a book, with their source.

Revision ID: 0005
Revises: 0007
Create Date: 2026-11-29

One row per book that has details (most books have none until they are looked up). No
foreign key to ``books``: a deleted book's details stay, so that undoing the deletion (the
book comes back with the same id) brings them back too; the reads join with ``books``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create the ``book_details`` table."""
    op.create_table(
        "book_details",
        sa.Column("book_id", sa.Uuid(), primary_key=True),
        sa.Column("subtitle", sa.String(), nullable=False, server_default=""),
        sa.Column("publisher", sa.String(), nullable=False, server_default=""),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("cover_id", sa.BigInteger(), nullable=True),
        sa.Column("source", sa.String(), nullable=False, server_default=""),
    )


def downgrade() -> None:
    """Drop the ``book_details`` table."""
    op.drop_table("book_details")
