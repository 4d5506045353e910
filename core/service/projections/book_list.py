"""The book list's read model: when each book was registered."""

from __future__ import annotations

from core.bus import async_listen
from core.domain.messages import BookImported, BookRegistered, BookRestored
from core.service.uow import AbstractCatalogueUnitOfWork


@async_listen
async def keep_registration_time(
    event: BookRegistered | BookImported, uow: AbstractCatalogueUnitOfWork
) -> None:
    """The list shows a book's registration time: its ``BookRegistered`` event's time, or the
    earlier time it brought (an imported export)."""
    await uow.book_list.book_registered(event.id, event.registered_at or event.created_at)


@async_listen
async def keep_original_registration_time(
    event: BookRestored, uow: AbstractCatalogueUnitOfWork
) -> None:
    """A restored book keeps its first registration time (the restore's own time if it was
    never known)."""
    await uow.book_list.book_registered(event.id, event.registered_at or event.created_at)
