"""The one row builder: the stored columns of a book and of a message, and their raw form.

Every write of a book or a message — one command or a batch of thousands — goes through
these functions: :func:`book_values` / :func:`message_values` give the column values (search
keys from ``core.domain.ordering``), :func:`raw_rows` converts them for the back-end's driver
exactly as SQLAlchemy's column types would (tests/adapters compare the two), so that many
rows can be written in one multi-row statement or COPY without SQLAlchemy's per-value work.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from core.bus import Message
from core.domain.model import Book
from core.domain.ordering import search_text, text_key

json_text = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
"""How the JSON columns are written (the engines' ``json_serializer``): compact UTF-8, the
same text as pydantic's ``model_dump_json``."""

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
"""The columns a new book's row is written with (``seq`` is the database's)."""
MESSAGE_COLUMNS = ("id", "created_at", "type", "metadata", "payload", "tx")
"""The columns a stored message's row is written with (``seq`` is the database's)."""
_UUIDS = frozenset({"id", "tx"})
_TIMES = frozenset({"registered_at", "created_at"})
_NOT_PAYLOAD = {"message_id", "created_at", "metadata"}


def book_values(book: Book, registered_at: datetime | None = None) -> dict[str, Any]:
    """The column values of ``book``'s row, search keys included."""
    return {
        "id": book.id,
        "title": book.title,
        "author": book.author,
        "isbn": book.isbn,
        "registered_at": registered_at,
        "title_key": text_key(book.title),
        "author_key": text_key(book.author),
        "search_text": search_text(book.title, book.author, book.isbn),
    }


_METADATA: dict[int, tuple[object, str, str]] = {}
"""Per metadata object (frozen, one per message class): it, its type string, its JSON."""


def message_values(message: Message[Any], tx: UUID) -> dict[str, Any]:
    """The column values of ``message``'s stored row; JSON columns as text.

    ``tx`` names the transaction that stored it (other desktops read a transaction's events
    by it).
    """
    metadata = message.metadata
    cached = _METADATA.get(id(metadata))
    if cached is None or cached[0] is not metadata:
        cached = (metadata, metadata.type_string, json_text(metadata.model_dump()))
        _METADATA[id(metadata)] = cached
    return {
        "id": message.message_id,
        "created_at": message.created_at,
        "type": cached[1],
        "metadata": cached[2],
        "payload": payload_json(message),
        "tx": tx,
    }


def payload_json(message: Message[Any]) -> str:
    """The JSON text of ``message``'s payload column, as :data:`json_text` writes it."""
    return message.__pydantic_serializer__.to_json(message, exclude=_NOT_PAYLOAD).decode()


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


def _sqlite_uuid(value: UUID | None) -> str | None:
    return None if value is None else value.hex


def _postgres_time(moment: datetime | None) -> datetime | None:
    return moment if moment is None or moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@functools.cache
def _converters(dialect: str, columns: tuple[str, ...]) -> tuple[Any, ...]:
    uuid: Callable[[UUID | None], Any] | None = _sqlite_uuid
    time: Callable[[datetime | None], Any] = sqlite_time
    if dialect != "sqlite":
        uuid, time = None, _postgres_time  # asyncpg takes UUIDs and aware datetimes as they are
    return tuple(uuid if c in _UUIDS else time if c in _TIMES else None for c in columns)


def raw_rows(
    dialect: str, columns: tuple[str, ...], rows: Iterable[dict[str, Any]]
) -> list[tuple[Any, ...]]:
    """``rows`` as the driver takes them, in ``columns`` order: on SQLite UUIDs as hex and
    times as SQLAlchemy's text; on PostgreSQL the values themselves."""
    convert = _converters(dialect, columns)
    pairs = list(zip(columns, convert, strict=True))
    return [tuple(row[name] if to is None else to(row[name]) for name, to in pairs) for row in rows]
