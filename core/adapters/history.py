"""The WHERE clauses of a page of the history, per back-end (see ``HistoryFilter``)."""

from __future__ import annotations

from collections.abc import Iterator

import sqlalchemy as sa

from core.service.views import HistoryFilter

from .tables import MESSAGES


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
        yield _text(MESSAGES.c.payload).ilike(f"%{escaped}%", escape="\\")
