"""A registered book is on the shelf: it gets copy #1 in the transaction that registers it;
a restored book gets its copies back.

No event of its own (the book's ``BookRegistered`` says it): an import of 100,000 books
stores 100,000 messages, not 200,000, and its copies are buffered and written with its
books (``SqlWrites``).
"""

from __future__ import annotations

from core.bus import async_listen
from core.bus.ids import uuid7
from core.bus.trusted import trusted_model
from core.domain.loan import Copy
from core.domain.messages import BookImported, BookRegistered, BookRestored
from core.service.uow import AbstractCatalogueUnitOfWork


async def _first_copy(
    event: BookRegistered | BookImported | BookRestored, uow: AbstractCatalogueUnitOfWork
) -> None:
    # Not validated (core.bus.trusted): a new id, the event's validated book id and time,
    # and number 1 are what validating them gives.
    added_on = event.registered_at or event.created_at
    fields = {"id": uuid7(), "book_id": event.id, "number": 1, "added_on": added_on}
    copy = trusted_model(Copy, fields)
    await uow.copies.add(copy)
    await uow.availability.first_copy(event.id)


@async_listen
async def give_first_copy(
    event: BookRegistered | BookImported, uow: AbstractCatalogueUnitOfWork
) -> None:
    """Copy #1 of the new book, added when it was registered."""
    await _first_copy(event, uow)


@async_listen
async def bring_copies_back(event: BookRestored, uow: AbstractCatalogueUnitOfWork) -> None:
    """A restored book's copies come back with it; a book deleted before copies existed
    gets a copy #1."""
    if not event.copies:
        await _first_copy(event, uow)
        return
    for state in event.copies:
        copy = Copy(id=state.id, book_id=event.id, number=state.number, added_on=state.added_on)
        await uow.copies.add(copy)
    await uow.availability.refresh(event.id)
