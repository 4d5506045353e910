"""The SQL message store: every message the bus processes, and the history read back."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.bus import (
    AsyncAbstractMessageStoreRepository,
    AsyncEventstreamPublisher,
    Message,
    MessageSerializer,
)

from .tables import MESSAGES

_NOT_PAYLOAD = {"message_id", "created_at", "metadata"}

json_text = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
"""How the JSON columns are written (the engines' ``json_serializer``): compact UTF-8, the
same text as pydantic's ``model_dump_json``, so the bulk path can let pydantic write it."""
_HISTORY_COLUMNS = (
    MESSAGES.c.id,
    MESSAGES.c.created_at,
    MESSAGES.c.type,
    MESSAGES.c.metadata,
    MESSAGES.c.payload,
)


@dataclass(frozen=True, slots=True)
class StoredMessage:
    """A message of the history: when it was created, its type string and its fields."""

    id: UUID
    created_at: datetime
    type: str
    metadata: dict[str, Any]
    payload: dict[str, Any]

    def message(self) -> Message[Any]:
        """The message object again (``LookupError`` if its type is no longer known)."""
        return MessageSerializer().deserialize_message(
            {
                "id": str(self.id),
                "created_at": self.created_at.isoformat(),
                "type": self.type,
                "payload": json.dumps(self.payload),
            }
        )


def payload_json(message: Message[Any]) -> str:
    """The JSON text of ``message``'s payload column, as :data:`json_text` writes it."""
    return message.__pydantic_serializer__.to_json(message, exclude=_NOT_PAYLOAD).decode()


def message_row_values(message: Message[Any]) -> dict[str, Any]:
    """The column values of ``message``'s stored row (before the back-end's conversion)."""
    return {
        "id": message.message_id,
        "created_at": message.created_at,
        "type": message.metadata.type_string,
        "metadata": message.metadata.model_dump(),
        "payload": message.model_dump(mode="json", exclude=_NOT_PAYLOAD),
    }


class SqlMessageStoreRepository(AsyncAbstractMessageStoreRepository):
    """Writes each message as a ``MessageRow`` in the unit of work's transaction.

    Rows are written together by :meth:`flush`, which the unit of work calls just before it
    commits: one statement per transaction instead of one per message.
    """

    def __init__(
        self, session: AsyncSession, publisher: AsyncEventstreamPublisher | None = None
    ) -> None:
        super().__init__(publisher)
        self.session = session
        self.pending: list[dict[str, Any]] = []

    async def _add(self, message: Message[Any]) -> None:
        """Queue the message's row for this transaction."""
        self.pending.append(message_row_values(message))

    async def flush(self) -> None:
        """Write the queued rows inside the current transaction."""
        if self.pending:
            rows, self.pending = self.pending, []
            await self.session.execute(sa.insert(MESSAGES), rows)

    def mark(self) -> tuple[int, int]:
        """Where the queued rows and the unpublished buffer end now, for :meth:`undo_to`."""
        return len(self.pending), len(self.stream_buffer)

    def undo_to(self, mark: tuple[int, int]) -> None:
        """Forget what was queued after ``mark`` (a command undone by its savepoint)."""
        del self.pending[mark[0] :]
        del self.stream_buffer[mark[1] :]

    async def by_id(self, message_id: UUID) -> StoredMessage | None:
        """The stored message with this id, or ``None``."""
        result = await self.session.execute(
            sa.select(*_HISTORY_COLUMNS).where(MESSAGES.c.id == message_id)
        )
        row = result.first()
        return None if row is None else StoredMessage(*row)

    async def history(self, offset: int = 0, limit: int = 200) -> list[StoredMessage]:
        """Stored messages, newest first, one page."""
        statement = (
            sa.select(*_HISTORY_COLUMNS)
            .order_by(MESSAGES.c.created_at.desc(), MESSAGES.c.id.desc())
            .offset(offset)
            .limit(limit)
        )
        result = await self.session.execute(statement)
        return [StoredMessage(*row) for row in result]
