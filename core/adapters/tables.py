"""SQLModel table classes and the mapping between rows and the domain.

The domain classes are never tables: ``BookRow`` and ``MessageRow`` are the storage shape.
``title_key``, ``author_key`` and ``search_text`` are derived in Python (:func:`fold`) so that
sorting and searching behave the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel

from core.domain.model import Book

SEARCH_SEPARATOR = "\x1f"
"""Joins the folded fields of ``search_text``; a control character, so never in a title."""


class UtcDateTime(sa.TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every back-end (SQLite keeps no zone)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Store UTC; a naive datetime is taken to be UTC already."""
        if value is None or value.tzinfo is None:
            return value
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Read back a timezone-aware UTC datetime."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class BookRow(SQLModel, table=True):
    """A book as stored: the domain fields plus the registration time and search keys.

    ``seq`` is a stable integer key for the SQLite full-text index (an implicit rowid could
    change on VACUUM); the domain identity is ``id``.
    """

    __tablename__ = "books"

    seq: int | None = Field(default=None, primary_key=True)
    id: UUID = Field(sa_type=sa.Uuid, unique=True, nullable=False)
    title: str = Field(nullable=False)
    author: str = Field(nullable=False)
    isbn: str = Field(unique=True, nullable=False)
    registered_at: datetime | None = Field(default=None, sa_type=UtcDateTime, nullable=True)
    title_key: str = Field(nullable=False)
    author_key: str = Field(nullable=False)
    search_text: str = Field(nullable=False)


class MessageRow(SQLModel, table=True):
    """A message the bus processed: when, what type, its metadata and payload."""

    __tablename__ = "messages"

    id: UUID = Field(sa_type=sa.Uuid, primary_key=True)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    type: str = Field(nullable=False)
    message_metadata: dict[str, Any] = Field(sa_column=sa.Column("metadata", sa.JSON))
    payload: dict[str, Any] = Field(sa_type=sa.JSON, nullable=False)


BOOKS: sa.Table = BookRow.__table__  # type: ignore[attr-defined]
MESSAGES: sa.Table = MessageRow.__table__  # type: ignore[attr-defined]


def fold(text: str) -> str:
    """Text for case- and accent-insensitive comparison: no combining marks, case-folded."""
    if text.isascii():  # nothing to decompose, and casefold() is lower() there
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", bare.casefold())


def book_values(book: Book) -> dict[str, Any]:
    """The column values of ``book``'s row, search keys included (not the registration)."""
    return {
        "id": book.id,
        "title": book.title,
        "author": book.author,
        "isbn": book.isbn,
        "title_key": book.title.casefold(),
        "author_key": book.author.casefold(),
        "search_text": SEARCH_SEPARATOR.join((fold(book.title), fold(book.author), book.isbn)),
    }


def book_from_row(row: sa.Row[Any, Any, Any, Any]) -> Book:
    """The domain book of a selected row (id, title, author, isbn)."""
    # Rows were validated when written; reading must not fail on a rule that changed since.
    return Book.model_construct(id=row.id, title=row.title, author=row.author, isbn=row.isbn)
