"""Copies, loans and the books' availability.

Revision ID: 0006
Revises: 0004
Create Date: 2026-11-29

Every book already registered gets its copy #1. ``loans`` has a unique partial index over the
open loans (``returned_on IS NULL``) on ``copy_id``: two desktops lending the same copy at the
same moment cannot both succeed. The books get the availability read model (``copy_count``,
``available``, the earliest ``due_on`` of the open loans, the ``borrower`` of a single one),
indexed with ``id`` so that a page sorted by availability is read from the index, and by due
date for the overdue filter.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

_OPEN = "returned_on IS NULL"


def upgrade() -> None:
    """Create copies and loans, give every book its copy #1, add the availability columns."""
    postgres = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        "copies",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("book_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("added_on", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("book_id", "number", name="uq_copies_book_number"),
    )
    op.create_table(
        "loans",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("copy_id", sa.Uuid(), nullable=False),
        sa.Column("book_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("lent_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("returned_on", sa.Date(), nullable=True),
    )
    for name, column, unique in (
        ("ux_loans_open_copy", "copy_id", True),
        ("ix_loans_open_member", "member_id", False),
        ("ix_loans_open_due_on", "due_on", False),
    ):
        op.create_index(
            name,
            "loans",
            [column],
            unique=unique,
            sqlite_where=sa.text(_OPEN),
            postgresql_where=sa.text(_OPEN),
        )
    op.create_index("ix_loans_book_id", "loans", ["book_id"])
    for name in ("copy_count", "available"):
        op.add_column(
            "books", sa.Column(name, sa.Integer(), nullable=False, server_default=sa.text("0"))
        )
    op.add_column("books", sa.Column("due_on", sa.Date(), nullable=True))
    op.add_column("books", sa.Column("borrower", sa.String(), nullable=True))
    new_id = "gen_random_uuid()" if postgres else "lower(hex(randomblob(16)))"
    now = "now()" if postgres else "strftime('%Y-%m-%d %H:%M:%f000', 'now')"
    op.execute(
        f"INSERT INTO copies (id, book_id, number, added_on) "
        f"SELECT {new_id}, id, 1, COALESCE(registered_at, {now}) FROM books"
    )
    op.execute("UPDATE books SET copy_count = 1, available = 1")
    op.create_index("ix_books_available_id", "books", ["available", "id"])
    due = "due_on NULLS FIRST" if postgres else "due_on"
    op.create_index("ix_books_due_on_id", "books", [sa.text(due), sa.text("id")])


def downgrade() -> None:
    """Drop the availability, the loans and the copies."""
    for index in ("ix_books_due_on_id", "ix_books_available_id"):
        op.drop_index(index, table_name="books")
    for name in ("borrower", "due_on", "available", "copy_count"):
        op.drop_column("books", name)
    op.drop_table("loans")
    op.drop_table("copies")
