"""The book list's read model: when each book was registered."""

from __future__ import annotations

from core.bus import async_listen
from core.domain.messages import BookRegistered
from core.service.uow import AbstractCatalogueUnitOfWork


@async_listen
async def keep_registration_time(event: BookRegistered, uow: AbstractCatalogueUnitOfWork) -> None:
    """The list shows a book's registration time: its ``BookRegistered`` event's time."""
    await uow.book_list.book_registered(event.id, event.created_at)
