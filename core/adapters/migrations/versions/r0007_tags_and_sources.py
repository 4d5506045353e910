"""Books without an ISBN, tags, and the ids books have in the files they were imported from.

Revision ID: 0007
Revises: 0003
Create Date: 2026-11-29

A book may have no ISBN (``""``): only a non-empty ISBN stays unique, by a partial unique
index (``WHERE isbn <> ''``) on both back-ends. PostgreSQL drops its unique constraint; SQLite
cannot drop an inline ``UNIQUE``, so ``books`` is rebuilt from its own stored definition
without it (same ``seq`` values, so the external-content search index stays valid) and its
indexes and triggers — whatever migrations made them — are made again from their stored SQL.

``book_tags`` holds each book's tags (``tag_key``: the tag folded, unique per book);
``book_sources`` maps an id in an imported file (Goodreads' Book Id...) to the book it became,
so that importing the file again finds it.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

_ISBN_UNIQUE = re.compile(r",\s*UNIQUE \(isbn\)")


def upgrade() -> None:
    """Make ISBNs unique only when given; create the tags and sources tables."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE books DROP CONSTRAINT IF EXISTS books_isbn_key")
    else:
        _rebuild_books_on_sqlite()
    op.create_index(
        "uq_books_isbn",
        "books",
        ["isbn"],
        unique=True,
        sqlite_where=sa.text("isbn <> ''"),
        postgresql_where=sa.text("isbn <> ''"),
    )
    _create_tables()


def _rebuild_books_on_sqlite() -> None:
    bind = op.get_bind()
    table_sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'books'"
    ).scalar_one()
    dependents = (
        bind.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'books'"
            " AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name"
        )
        .scalars()
        .all()
    )
    rebuilt = _ISBN_UNIQUE.sub("", table_sql, count=1)
    rebuilt = rebuilt.replace("CREATE TABLE books", "CREATE TABLE books_rebuilt", 1)
    # A table that refers to books by a foreign key sees it again once renamed back; checks
    # wait until commit meanwhile (a table with ON DELETE CASCADE would lose its rows).
    op.execute("PRAGMA defer_foreign_keys = ON")
    op.execute(rebuilt)
    op.execute("INSERT INTO books_rebuilt SELECT * FROM books")
    op.execute("DROP TABLE books")
    op.execute("ALTER TABLE books_rebuilt RENAME TO books")
    for statement in dependents:
        op.execute(statement)


def _create_tables() -> None:
    op.create_table(
        "book_tags",
        sa.Column("book_id", sa.Uuid(), sa.ForeignKey("books.id", ondelete="CASCADE")),
        sa.Column("tag", sa.String(), nullable=False),
        sa.Column("tag_key", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("book_id", "tag_key"),
    )
    op.create_index("ix_book_tags_tag_key", "book_tags", ["tag_key", "book_id"])
    op.create_table(
        "book_sources",
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("source_id", sa.String(), nullable=False),
        sa.Column(
            "book_id",
            sa.Uuid(),
            sa.ForeignKey("books.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("source", "source_id"),
    )
    op.create_index("ix_book_sources_book_id", "book_sources", ["book_id"])


def downgrade() -> None:
    """Not supported: books without an ISBN could not be kept (restore a backup instead)."""
    raise NotImplementedError("revision 0007 cannot be downgraded; restore a backup")
