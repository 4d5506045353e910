"""Use case of an import: a new book with what the file says of it, in one step."""

from __future__ import annotations

from core.bus import async_listen
from core.domain.messages import BookTagsChanged, ImportBook
from core.domain.sources import BookSource
from core.domain.tags import BookTags, distinct_tags
from core.service.handlers.book import add_book, book_from
from core.service.repositories import BookRepositoryOperationResult
from core.service.uow import AbstractCatalogueUnitOfWork


@async_listen
async def import_book(
    cmd: ImportBook, uow: AbstractCatalogueUnitOfWork
) -> BookRepositoryOperationResult:
    """Register the book (``Err(integrity_error)`` if its id or ISBN is taken), give it its
    tags (``BookTagsChanged`` from none) and remember its id in the file's source. The link
    raises no event of its own: the stored command says where the book came from."""
    operation = await add_book(book_from(cmd), uow, cmd.registered_at)
    if operation.is_err():
        return operation
    if cmd.tags:
        tags = BookTags(book_id=cmd.id, tags=distinct_tags(cmd.tags))
        tags.messages.append(BookTagsChanged(book_id=cmd.id, tags=tags.tags, old_tags=[]))
        await uow.tags.save(tags)
    if cmd.source_id:
        link = BookSource(book_id=cmd.id, source=cmd.source, source_id=cmd.source_id)
        await uow.sources.save(link)
    return operation
