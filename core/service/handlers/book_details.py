"""Use cases of the BookDetails aggregate: setting a book's details, from whatever source."""

from __future__ import annotations

from core.bus import async_listen
from core.domain.book_details import BookDetails
from core.domain.messages import BookDetailsChanged, SetBookDetails
from core.domain.result import Err, Ok
from core.service.repositories import BookRepositoryError, BookRepositoryOperationResult
from core.service.uow import AbstractCatalogueUnitOfWork


@async_listen
async def set_book_details(
    cmd: SetBookDetails, uow: AbstractCatalogueUnitOfWork
) -> BookRepositoryOperationResult:
    """Replace the book's details; ``Err(not_found)`` if the book is gone, ``Err(stale)`` if
    they are no longer what ``if_unchanged`` says. Details equal to the stored ones change
    nothing and raise no event."""
    found = await uow.books.by_id(cmd.book_id)
    if found.is_err():
        return Err(found.unwrap_err())
    old = await uow.book_details.of_book(cmd.book_id)
    if cmd.if_unchanged is not None and old.state != cmd.if_unchanged:
        return Err(BookRepositoryError.stale)
    if old.state == cmd.state:
        return Ok(...)
    details = BookDetails(book_id=cmd.book_id, source=cmd.source, **cmd.state.model_dump())
    await uow.book_details.put(details)
    details.messages.append(
        BookDetailsChanged(
            book_id=cmd.book_id,
            source=cmd.source,
            before=old.state,
            **cmd.state.model_dump(),
        )
    )
    return Ok(...)
