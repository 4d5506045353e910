"""The book list's read model in SQL: columns of the ``books`` row kept by the projections."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from core.domain.model import BookId
from core.service.read_models import AbstractBookListProjection

from .rows import REGISTERED_AT, from_raw_time, raw_time
from .tables import BOOKS
from .writes import SqlWrites


class SqlBookListProjection(AbstractBookListProjection):
    """Completes a new book's buffered row, or updates the stored one."""

    def __init__(self, writes: SqlWrites) -> None:
        self.writes = writes

    async def book_registered(self, book_id: BookId, registered_at: datetime) -> None:
        """Set the book's registration time."""
        row = self.writes.new_books.get(book_id)
        if row is not None:
            row[REGISTERED_AT] = raw_time(self.writes.dialect, registered_at)
            return
        await self.writes.before_write()
        statement = sa.update(BOOKS).where(BOOKS.c.id == book_id)
        await self.writes.session.execute(statement.values(registered_at=registered_at))

    async def registration_time(self, book_id: BookId) -> datetime | None:
        """The registration time of a buffered or stored book."""
        row = self.writes.new_books.get(book_id)
        if row is not None:
            return from_raw_time(self.writes.dialect, row[REGISTERED_AT])
        statement = sa.select(BOOKS.c.registered_at).where(BOOKS.c.id == book_id)
        found: datetime | None = (await self.writes.session.execute(statement)).scalar()
        return found
