"""Use cases of the BookSource aggregate."""

from __future__ import annotations

from core.bus import async_listen
from core.domain.messages import BookSourceLinked, LinkBookSource
from core.domain.result import Err, Ok
from core.domain.sources import BookSource
from core.service.repositories import BookRepositoryOperationResult
from core.service.uow import AbstractCatalogueUnitOfWork


@async_listen
async def link_book_source(
    cmd: LinkBookSource, uow: AbstractCatalogueUnitOfWork
) -> BookRepositoryOperationResult:
    """Remember the book's id in an imported file; ``Err(not_found)`` if the book is not
    there."""
    found = await uow.books.by_id(cmd.book_id)
    if found.is_err():
        return Err(found.unwrap_err())
    link = BookSource(book_id=cmd.book_id, source=cmd.source, source_id=cmd.source_id)
    link.messages.append(
        BookSourceLinked(book_id=cmd.book_id, source=cmd.source, source_id=cmd.source_id)
    )
    await uow.sources.save(link)
    return Ok(...)
