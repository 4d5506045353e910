"""The history read from the message store: the columns of an entry, and the WHERE clauses of
a page, per back-end (see ``HistoryFilter``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa

from core.service.origin import Origin
from core.service.views import HistoryEntry, HistoryFilter

from .tables import MESSAGES

HISTORY_COLUMNS = (
    MESSAGES.c.id,
    MESSAGES.c.created_at,
    MESSAGES.c.type,
    MESSAGES.c.metadata,
    MESSAGES.c.payload,
    MESSAGES.c.origin,
)
"""What a :class:`HistoryEntry` is read from, in :func:`history_entry`'s order."""


def history_entry(row: Sequence[Any]) -> HistoryEntry:
    """The entry of a row of :data:`HISTORY_COLUMNS`."""
    message_id, created_at, kind, metadata, payload, origin = row
    return HistoryEntry(message_id, created_at, kind, metadata, payload, Origin.from_stored(origin))


def _text(column: sa.ColumnElement[object]) -> sa.ColumnElement[str]:
    """A JSON column as its text, to search it as text."""
    return sa.cast(column, sa.Text)


def _field(name: str, dialect: str) -> sa.ColumnElement[str]:
    """A field of the payload, as text."""
    payload = MESSAGES.c.payload
    if dialect == "postgresql":
        return sa.literal_column(f"payload ->> '{name}'", sa.Text)
    return sa.func.json_extract(payload, f"$.{name}")


def history_conditions(dialect: str, keep: HistoryFilter) -> Iterator[sa.ColumnElement[bool]]:
    """What a message must satisfy to be shown."""
    if keep.events_only:
        yield _text(MESSAGES.c.metadata).like('%"published":true%')
    if keep.about is not None:
        wanted = str(keep.about)  # as the payload's JSON writes it
        yield sa.or_(*(_field(name, dialect) == wanted for name in ("id", "book_id")))
    if keep.text.strip():
        escaped = keep.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        yield sa.or_(
            _text(MESSAGES.c.payload).ilike(pattern, escape="\\"),
            MESSAGES.c.origin.ilike(pattern, escape="\\"),
        )
