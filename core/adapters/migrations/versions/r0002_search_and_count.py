"""Sort keys, the search index and the book counter.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02

``title_key``/``author_key`` (case-folded) and ``search_text`` (folded title, author, ISBN)
are computed in Python and back-filled here. SQLite gets an FTS5 trigram index over
``search_text`` kept in sync by triggers; PostgreSQL a pg_trgm GIN index when the extension
can be created (``LIKE`` still works without it, scanning). ``book_count`` holds the number
of books, kept by triggers, so the status bar never counts a million rows.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

from core.domain.ordering import SEARCH_SEPARATOR, fold

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

log = logging.getLogger(__name__)

_SQLITE = (
    "CREATE VIRTUAL TABLE books_fts USING fts5("
    "search_text, content='books', content_rowid='seq', tokenize='trigram')",
    "INSERT INTO books_fts(books_fts) VALUES ('rebuild')",
    "CREATE TRIGGER books_fts_insert AFTER INSERT ON books BEGIN "
    "INSERT INTO books_fts(rowid, search_text) VALUES (new.seq, new.search_text); END",
    "CREATE TRIGGER books_fts_delete AFTER DELETE ON books BEGIN "
    "INSERT INTO books_fts(books_fts, rowid, search_text) "
    "VALUES ('delete', old.seq, old.search_text); END",
    "CREATE TRIGGER books_fts_update AFTER UPDATE OF search_text ON books BEGIN "
    "INSERT INTO books_fts(books_fts, rowid, search_text) "
    "VALUES ('delete', old.seq, old.search_text); "
    "INSERT INTO books_fts(rowid, search_text) VALUES (new.seq, new.search_text); END",
    "CREATE TRIGGER books_count_insert AFTER INSERT ON books BEGIN "
    "UPDATE book_count SET n = n + 1; END",
    "CREATE TRIGGER books_count_delete AFTER DELETE ON books BEGIN "
    "UPDATE book_count SET n = n - 1; END",
)

_POSTGRESQL = (
    "CREATE FUNCTION book_count_add() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "UPDATE book_count SET n = n + (SELECT count(*) FROM changed); RETURN NULL; END $$",
    "CREATE FUNCTION book_count_remove() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "UPDATE book_count SET n = n - (SELECT count(*) FROM changed); RETURN NULL; END $$",
    "CREATE TRIGGER books_count_insert AFTER INSERT ON books REFERENCING NEW TABLE AS changed "
    "FOR EACH STATEMENT EXECUTE FUNCTION book_count_add()",
    "CREATE TRIGGER books_count_delete AFTER DELETE ON books REFERENCING OLD TABLE AS changed "
    "FOR EACH STATEMENT EXECUTE FUNCTION book_count_remove()",
)


def upgrade() -> None:
    """Add and fill the keys, index them, and create the search index and the counter."""
    postgres = op.get_bind().dialect.name == "postgresql"
    key_type = sa.String(collation="C") if postgres else sa.String()
    for name in ("title_key", "author_key", "search_text"):
        op.add_column("books", sa.Column(name, key_type, nullable=False, server_default=""))
    _backfill_keys()
    op.create_index("ix_books_title_key_id", "books", ["title_key", "id"])
    op.create_index("ix_books_author_key_id", "books", ["author_key", "id"])
    op.create_index("ix_books_registered_at_id", "books", ["registered_at", "id"])
    op.create_table("book_count", sa.Column("n", sa.Integer(), nullable=False))
    op.execute("INSERT INTO book_count (n) SELECT count(*) FROM books")
    for statement in _POSTGRESQL if postgres else _SQLITE:
        op.execute(statement)
    if postgres:
        _create_trigram_index()


def _backfill_keys() -> None:
    bind = op.get_bind()
    books = sa.table(
        "books",
        *(sa.column(name) for name in ("id", "title", "author", "isbn")),
        *(sa.column(name) for name in ("title_key", "author_key", "search_text")),
    )
    rows = bind.execute(sa.select(books.c.id, books.c.title, books.c.author, books.c.isbn))
    values = [
        {
            "book_id": row.id,
            "title_key": row.title.casefold(),
            "author_key": row.author.casefold(),
            "search_text": SEARCH_SEPARATOR.join((fold(row.title), fold(row.author), row.isbn)),
        }
        for row in rows
    ]
    if values:
        statement = sa.update(books).where(books.c.id == sa.bindparam("book_id"))
        bind.execute(statement, values)


def _create_trigram_index() -> None:
    bind = op.get_bind()
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except sa.exc.DBAPIError as error:
        log.warning("pg_trgm is not available (%s); searching scans the books", error.orig)
        return
    op.execute(
        "CREATE INDEX ix_books_search_text_trgm ON books USING gin (search_text gin_trgm_ops)"
    )


def downgrade() -> None:
    """Drop the counter, the search index and the keys."""
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute("DROP INDEX IF EXISTS ix_books_search_text_trgm")
        for name in ("books_count_insert", "books_count_delete"):
            op.execute(f"DROP TRIGGER {name} ON books")
        op.execute("DROP FUNCTION book_count_add()")
        op.execute("DROP FUNCTION book_count_remove()")
    else:
        for name in ("fts_insert", "fts_delete", "fts_update", "count_insert", "count_delete"):
            op.execute(f"DROP TRIGGER books_{name}")
        op.execute("DROP TABLE books_fts")
    op.drop_table("book_count")
    for name in ("ix_books_title_key_id", "ix_books_author_key_id", "ix_books_registered_at_id"):
        op.drop_index(name, table_name="books")
    for name in ("title_key", "author_key", "search_text"):
        op.drop_column("books", name)
