"""SQLModel table classes: the storage shape of books and messages (never the domain classes).

``title_key``, ``author_key`` and ``search_text`` are derived in Python by the rules of
``core.domain.ordering`` (see ``rows.book_values``), so that sorting and searching behave the
same on SQLite, PostgreSQL and in the in-memory fake. The migrations create the tables; these
classes describe them for queries.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel


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
    """A book as stored: the domain fields, the list's read-model columns and search keys.

    ``seq`` is a stable integer key for the SQLite full-text index (an implicit rowid could
    change on VACUUM); the domain identity is ``id``. ``registered_at`` is kept by the
    book-list projection from the ``BookRegistered`` event; ``review_count``, ``rate_sum``
    and their mean ``rating`` by the ratings projection from the review events;
    ``copy_count``, ``available``, the earliest ``due_on`` of its open loans and the
    ``borrower`` of a single one by the availability projection.
    """

    __tablename__ = "books"

    seq: int | None = Field(default=None, primary_key=True)
    id: UUID = Field(sa_type=sa.Uuid, unique=True, nullable=False)
    title: str = Field(nullable=False)
    author: str = Field(nullable=False)
    isbn: str = Field(nullable=False)
    """Unique when not empty (a partial unique index): books without an ISBN share ``""``."""
    registered_at: datetime | None = Field(default=None, sa_type=UtcDateTime, nullable=True)
    title_key: str = Field(nullable=False)
    author_key: str = Field(nullable=False)
    search_text: str = Field(nullable=False)
    review_count: int = Field(default=0, nullable=False)
    rate_sum: int = Field(default=0, nullable=False)
    rating: float | None = Field(default=None, nullable=True)
    copy_count: int = Field(default=0, nullable=False)
    available: int = Field(default=0, nullable=False)
    due_on: date | None = Field(default=None, nullable=True)
    borrower: str | None = Field(default=None, nullable=True)


class MemberRow(SQLModel, table=True):
    """A member, current or ``former`` (kept for their reviews); ``nickname_key`` is the
    folded nickname, unique among current members."""

    __tablename__ = "members"

    id: UUID = Field(sa_type=sa.Uuid, primary_key=True)
    nickname: str = Field(nullable=False)
    nickname_key: str = Field(nullable=False)
    email: str = Field(default="", nullable=False)
    former: bool = Field(default=False, nullable=False)


class ReviewRow(SQLModel, table=True):
    """A review: one per member and book."""

    __tablename__ = "reviews"

    id: UUID = Field(sa_type=sa.Uuid, primary_key=True)
    member_id: UUID = Field(sa_type=sa.Uuid, nullable=False)
    book_id: UUID = Field(sa_type=sa.Uuid, nullable=False)
    rate: int = Field(nullable=False)
    comment: str = Field(default="", nullable=False)
    written_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class CopyRow(SQLModel, table=True):
    """A copy of a book, numbered within it."""

    __tablename__ = "copies"

    id: UUID = Field(sa_type=sa.Uuid, primary_key=True)
    book_id: UUID = Field(sa_type=sa.Uuid, nullable=False)
    number: int = Field(nullable=False)
    added_on: datetime = Field(sa_type=UtcDateTime, nullable=False)


class LoanRow(SQLModel, table=True):
    """A loan of a copy (of ``book_id``) to a member; open while ``returned_on`` is NULL (a
    unique partial index allows one open loan per copy)."""

    __tablename__ = "loans"

    id: UUID = Field(sa_type=sa.Uuid, primary_key=True)
    copy_id: UUID = Field(sa_type=sa.Uuid, nullable=False)
    book_id: UUID = Field(sa_type=sa.Uuid, nullable=False)
    member_id: UUID = Field(sa_type=sa.Uuid, nullable=False)
    lent_on: date = Field(nullable=False)
    due_on: date = Field(nullable=False)
    returned_on: date | None = Field(default=None, nullable=True)


class MessageRow(SQLModel, table=True):
    """A message the bus processed: when, what type, its metadata and payload.

    ``seq`` numbers the stored messages in commit order on SQLite (the change feed other
    processes read); ``tx`` names the transaction that stored it; ``origin`` who issued it and
    from which desktop (``user@host``, ``core.service.origin``; NULL: unknown).
    """

    __tablename__ = "messages"

    seq: int | None = Field(default=None, primary_key=True)
    id: UUID = Field(sa_type=sa.Uuid, unique=True, nullable=False)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    type: str = Field(nullable=False)
    message_metadata: dict[str, Any] = Field(sa_column=sa.Column("metadata", sa.JSON))
    payload: dict[str, Any] = Field(sa_type=sa.JSON, nullable=False)
    tx: UUID | None = Field(default=None, sa_type=sa.Uuid, nullable=True)
    origin: str | None = Field(default=None, nullable=True)


class BookTagRow(SQLModel, table=True):
    """One tag of a book, as written and folded (``tag_key``: unique per book)."""

    __tablename__ = "book_tags"

    book_id: UUID = Field(sa_type=sa.Uuid, primary_key=True)
    tag: str = Field(nullable=False)
    tag_key: str = Field(primary_key=True)


class BookSourceRow(SQLModel, table=True):
    """The id a book has in a file it was imported from (``source``: the file's format)."""

    __tablename__ = "book_sources"

    source: str = Field(primary_key=True)
    source_id: str = Field(primary_key=True)
    book_id: UUID = Field(sa_type=sa.Uuid, nullable=False)


BOOKS: sa.Table = BookRow.__table__  # type: ignore[attr-defined]
BOOK_TAGS: sa.Table = BookTagRow.__table__  # type: ignore[attr-defined]
BOOK_SOURCES: sa.Table = BookSourceRow.__table__  # type: ignore[attr-defined]
MESSAGES: sa.Table = MessageRow.__table__  # type: ignore[attr-defined]


class BookDetailsRow(SQLModel, table=True):
    """A book's details (``core.domain.book_details``); only books that have any have a
    row. ``source`` is where their last change came from."""

    __tablename__ = "book_details"

    book_id: UUID = Field(sa_type=sa.Uuid, primary_key=True)
    subtitle: str = Field(default="", nullable=False)
    publisher: str = Field(default="", nullable=False)
    year: int | None = Field(default=None, nullable=True)
    pages: int | None = Field(default=None, nullable=True)
    cover_id: int | None = Field(default=None, sa_type=sa.BigInteger, nullable=True)
    source: str = Field(default="", nullable=False)


BOOK_DETAILS: sa.Table = BookDetailsRow.__table__  # type: ignore[attr-defined]
MEMBERS: sa.Table = MemberRow.__table__  # type: ignore[attr-defined]
REVIEWS: sa.Table = ReviewRow.__table__  # type: ignore[attr-defined]
COPIES: sa.Table = CopyRow.__table__  # type: ignore[attr-defined]
LOANS: sa.Table = LoanRow.__table__  # type: ignore[attr-defined]
