"""The one row builder: the stored columns of a book and of a message, and their raw form.

Every write of a book or a message — one command or a batch of thousands — goes through
these functions: :func:`book_values` gives a book's column values (search keys from
``core.domain.ordering``), :func:`book_row` and :func:`message_row` the raw rows the driver
takes, converted exactly as SQLAlchemy's column types would (tests/adapters compare the two),
so that many rows are written in one multi-row statement or COPY without SQLAlchemy's
per-value work, and once: when the row is made, not when it is written.
"""

from __future__ import annotations

import functools
import json
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from core.bus import Message
from core.domain.loan import Copy
from core.domain.model import Book
from core.domain.ordering import book_keys

json_text = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
"""How the JSON columns are written (the engines' ``json_serializer``): compact UTF-8, the
same text as pydantic's ``model_dump_json``."""

BOOK_FIELDS = (
    "id",
    "title",
    "author",
    "isbn",
    "registered_at",
    "title_key",
    "author_key",
    "search_text",
)
"""The columns of a book's own fields and keys (what an update writes)."""
BOOK_COLUMNS = (*BOOK_FIELDS, "copy_count", "available")
"""The columns a new book's row is written with (``seq`` is the database's): its fields and
keys, and its copies as the availability projection counts them (see ``COPY_COUNT``)."""
COPY_COLUMNS = ("id", "book_id", "number", "added_on")
"""The columns a new copy's row is written with."""
MESSAGE_COLUMNS = ("id", "created_at", "type", "metadata", "payload", "tx", "origin")
"""The columns a stored message's row is written with (``seq`` is the database's)."""
RATED_BOOK_COLUMNS = (*BOOK_COLUMNS, "review_count", "rate_sum", "rating")
"""The columns of a new book reviewed in its own transaction (an import): its tally too."""
BOOK_TAG_COLUMNS = ("book_id", "tag", "tag_key")
REVIEW_COLUMNS = ("id", "member_id", "book_id", "rate", "comment", "written_at")
BOOK_SOURCE_COLUMNS = ("source", "source_id", "book_id")
ROW_TABLES: dict[str, tuple[str, ...]] = {
    "book_tags": BOOK_TAG_COLUMNS,
    "book_sources": BOOK_SOURCE_COLUMNS,
    "reviews": REVIEW_COLUMNS,
    "copies": COPY_COLUMNS,
}
"""The tables whose new rows a transaction buffers besides books (``SqlWrites.add_rows``),
written after the books they refer to, in this order."""
_NOT_PAYLOAD = {"message_id", "created_at", "metadata"}


def _book_fields(book: Book) -> list[Any]:
    """The values of ``book``'s row in ``BOOK_COLUMNS`` order (no registration time)."""
    title, author, isbn = book.title, book.author, book.isbn
    return [book.id, title, author, isbn, None, *book_keys(title, author, isbn)]


def book_values(book: Book) -> dict[str, Any]:
    """The column values of ``book``'s row, search keys included (for updates)."""
    return dict(zip(BOOK_FIELDS, _book_fields(book), strict=True))


def book_row(dialect: str, book: Book) -> list[Any]:
    """The raw row of a new ``book`` in ``BOOK_COLUMNS`` order (registration time unknown yet:
    ``book_row[REGISTERED_AT]`` is set by the projection, with :func:`raw_time`)."""
    row = _book_fields(book)
    row[ID] = raw_uuid(dialect, book.id)
    row += (0, 0)  # no copy yet: the policy giving copy #1 counts it
    return row


def copy_row(dialect: str, copy: Copy) -> list[Any]:
    """The raw row of a new ``copy`` in ``COPY_COLUMNS`` order."""
    return [
        raw_uuid(dialect, copy.id),
        raw_uuid(dialect, copy.book_id),
        copy.number,
        raw_time(dialect, copy.added_on),
    ]


ID, TITLE, AUTHOR, ISBN, REGISTERED_AT, COPY_COUNT, AVAILABLE = (
    BOOK_COLUMNS.index(name)
    for name in ("id", "title", "author", "isbn", "registered_at", "copy_count", "available")
)
"""Where these columns are in a :func:`book_row` (the text columns are stored as they are)."""

_METADATA: dict[int, tuple[object, str, str]] = {}
"""Per metadata object (frozen, one per message class): it, its type string, its JSON."""


def message_row(
    dialect: str, message: Message[Any], raw_tx: Any, origin: str | None = None
) -> tuple[Any, ...]:
    """The raw row of ``message`` in ``MESSAGE_COLUMNS`` order; JSON columns as text.

    ``raw_tx`` (:func:`raw_uuid` of the transaction's id) names the transaction that stored it:
    other desktops read a transaction's events by it. ``origin``: who issued it, from where
    (``Origin.stored()``, one text for the whole transaction).
    """
    metadata = message.metadata
    cached = _METADATA.get(id(metadata))
    if cached is None or cached[0] is not metadata:
        cached = (metadata, metadata.type_string, json_text(metadata.model_dump()))
        _METADATA[id(metadata)] = cached
    return (
        raw_uuid(dialect, message.message_id),
        raw_time(dialect, message.created_at),
        cached[1],
        cached[2],
        payload_json(message),
        raw_tx,
        origin,
    )


def payload_json(message: Message[Any]) -> str:
    """The JSON text of ``message``'s payload column, as :data:`json_text` writes it."""
    return message.__pydantic_serializer__.to_json(message, exclude=_NOT_PAYLOAD).decode()


def raw_uuid(dialect: str, value: UUID | None) -> Any:
    """A UUID as the driver takes it: hex text on SQLite (SQLAlchemy's ``Uuid`` there)."""
    if dialect != "sqlite" or value is None:
        return value
    return value.int.to_bytes(16).hex()  # UUID.hex, without its "%032x" formatting


def raw_time(dialect: str, moment: datetime | None) -> Any:
    """A time as the driver takes it: SQLAlchemy's text on SQLite, an aware datetime else."""
    return sqlite_time(moment) if dialect == "sqlite" else _postgres_time(moment)


def from_raw_time(dialect: str, raw: Any) -> datetime | None:
    """A time back from :func:`raw_time`'s form (timezone-aware UTC)."""
    if raw is None or dialect != "sqlite":
        return raw  # type: ignore[no-any-return]
    return datetime.fromisoformat(raw).replace(tzinfo=UTC)


_last_time: tuple[datetime | None, str | None] = (None, None)
"""The last time :func:`sqlite_time` wrote, and its text: a new book's registration, its copy
#1 and its ``BookRegistered`` are usually one and the same ``datetime`` object."""


def sqlite_time(moment: datetime | None) -> str | None:
    """A time as SQLAlchemy stores ``UtcDateTime`` on SQLite (UTC, no zone, microseconds)."""
    global _last_time
    last = _last_time  # one read: another thread may replace it meanwhile
    if moment is last[0]:
        return last[1]
    text = _sqlite_time(moment)
    _last_time = (moment, text)
    return text


def _sqlite_time(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is not UTC and moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    # A naive time formats several times faster than an aware one (no offset to compute);
    # without a timespec, isoformat leaves out a zero microsecond part.
    text = moment.replace(tzinfo=None).isoformat(" ")
    return text if moment.microsecond else text + ".000000"


def _postgres_time(moment: datetime | None) -> datetime | None:
    return moment if moment is None or moment.tzinfo is not None else moment.replace(tzinfo=UTC)
