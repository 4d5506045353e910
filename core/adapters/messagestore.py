"""The SQL message store: every message the bus processes, written at commit with the rest."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from core.bus import AsyncAbstractMessageStoreRepository, AsyncEventstreamPublisher, Message

from .rows import MESSAGE_COLUMNS, message_row, raw_uuid
from .writes import SqlWrites, insert_rows


class SqlMessageStoreRepository(AsyncAbstractMessageStoreRepository):
    """Keeps each message's row until the unit of work commits; :meth:`flush` writes them all
    in one statement (or COPY). ``tx`` tags the rows with their transaction, ``origin`` (the
    stored text of ``core.service.origin.Origin``, or ``None``) with who issued them, and
    from which desktop: one value for the whole transaction, decided when the catalogue was
    opened."""

    def __init__(
        self,
        writes: SqlWrites,
        tx: UUID,
        publisher: AsyncEventstreamPublisher | None = None,
        origin: str | None = None,
    ) -> None:
        super().__init__(publisher)
        self.writes = writes
        self.tx = tx
        self._raw_tx = raw_uuid(writes.dialect, tx)
        self._origin = origin
        self.pending: list[tuple[Any, ...]] = []

    async def _add(self, message: Message[Any]) -> None:
        """Queue the message's raw row for this transaction."""
        row = message_row(self.writes.dialect, message, self._raw_tx, self._origin)
        self.pending.append(row)

    def take(self) -> list[tuple[Any, ...]]:
        """The queued rows, taken out of the queue (someone else writes them)."""
        rows, self.pending = self.pending, []
        return rows

    async def flush(self) -> None:
        """Write the queued rows inside the current transaction."""
        rows = self.take()
        writes = self.writes
        await insert_rows(writes.session, writes.dialect, "messages", MESSAGE_COLUMNS, rows)

    def mark(self) -> tuple[int, int]:
        """Where the queued rows and the unpublished buffer end now, for :meth:`undo_to`."""
        return len(self.pending), len(self.stream_buffer)

    def undo_to(self, mark: tuple[int, int]) -> None:
        """Forget what was queued after ``mark`` (a command's step undone)."""
        del self.pending[mark[0] :]
        del self.stream_buffer[mark[1] :]
