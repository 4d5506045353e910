"""Read-model ports: what the projections keep up to date, in the transaction of the write."""

from __future__ import annotations

import abc
from datetime import datetime

from core.domain.model import BookId


class AbstractBookListProjection(abc.ABC):
    """The book list's own columns, which come from events rather than from the aggregate."""

    @abc.abstractmethod
    async def book_registered(self, book_id: BookId, registered_at: datetime) -> None:
        """The book was registered at ``registered_at`` (its event's time)."""

    @abc.abstractmethod
    async def registration_time(self, book_id: BookId) -> datetime | None:
        """When the book was registered, as the list shows it (``None`` if unknown)."""
