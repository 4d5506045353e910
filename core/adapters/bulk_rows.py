"""The raw SQLite rows the bulk path writes: exactly what the SQL unit of work stores for the
same book and messages (tests/transfer/test_bulk_rows.py compares them), computed without
SQLAlchemy's per-value conversions."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from core.bus import Message
from core.domain.model import Book

from .messagestore import json_text, message_row_values, payload_json
from .tables import SEARCH_SEPARATOR, fold

BOOK_COLUMNS = (
    "id",
    "title",
    "author",
    "isbn",
    "registered_at",
    "title_key",
    "author_key",
    "search_text",
)
"""The columns of :func:`book_row`, in order."""
MESSAGE_COLUMNS = ("id", "created_at", "type", "metadata", "payload")
"""The columns of :func:`message_row`, in order."""


def sqlite_time(moment: datetime | None) -> str | None:
    """A time as SQLAlchemy stores ``UtcDateTime`` on SQLite (UTC, no zone, microseconds)."""
    if moment is None:
        return None
    if moment.tzinfo is not UTC and moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    # A naive time formats several times faster than an aware one (no offset to compute);
    # without a timespec, isoformat leaves out a zero microsecond part.
    text = moment.replace(tzinfo=None).isoformat(" ")
    return text if moment.microsecond else text + ".000000"


def book_row(book: Book, registered_at: datetime | None) -> tuple[Any, ...]:
    """The SQLite row of ``book`` in ``BOOK_COLUMNS`` order: the values of ``book_values``
    converted as SQLAlchemy would (id as hex, UTC time as text), computed more cheaply."""
    title, author, isbn = book.title, book.author, book.isbn
    search = SEARCH_SEPARATOR.join((fold(title), fold(author), isbn))
    moment = sqlite_time(registered_at)
    return (book.id.hex, title, author, isbn, moment, title.casefold(), author.casefold(), search)


_METADATA: dict[int, tuple[object, str, str]] = {}
"""Per metadata object (frozen, one per message class): it, its type string, its JSON."""


def message_row(message: Message[Any]) -> tuple[Any, ...]:
    """The SQLite row of ``message`` in ``MESSAGE_COLUMNS`` order: ``message_row_values``
    converted as SQLAlchemy would (JSON text, id as hex, UTC time as text)."""
    metadata = message.metadata
    cached = _METADATA.get(id(metadata))
    if cached is None or cached[0] is not metadata:
        values = message_row_values(message)
        cached = (metadata, values["type"], json_text(values["metadata"]))
        _METADATA[id(metadata)] = cached
    return (
        message.message_id.hex,
        sqlite_time(message.created_at),
        cached[1],
        cached[2],
        payload_json(message),
    )
