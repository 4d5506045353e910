"""Use cases of the BookTags aggregate."""

from __future__ import annotations

from core.bus import async_listen
from core.domain.messages import BookTagsChanged, SetBookTags
from core.domain.model import BookId
from core.domain.result import Err, Ok
from core.domain.tags import BookTags, distinct_tags, same_tags
from core.service.repositories import BookRepositoryError, BookRepositoryOperationResult
from core.service.uow import AbstractCatalogueUnitOfWork


@async_listen
async def set_book_tags(
    cmd: SetBookTags, uow: AbstractCatalogueUnitOfWork
) -> BookRepositoryOperationResult:
    """Give the book these tags; ``Err(not_found)`` if it is not there, ``Err(stale)`` if its
    tags are no longer what ``if_unchanged`` says. The same tags again change nothing and
    raise no event."""
    if not await uow.books.exists(cmd.book_id):
        return Err(BookRepositoryError.not_found)
    current = await uow.tags.of(cmd.book_id)
    if cmd.if_unchanged is not None and not same_tags(current.tags, cmd.if_unchanged):
        return Err(BookRepositoryError.stale)
    if same_tags(current.tags, cmd.tags):
        return Ok(...)
    changed = BookTags(book_id=cmd.book_id, tags=distinct_tags(cmd.tags))
    changed.messages.append(
        BookTagsChanged(book_id=cmd.book_id, tags=changed.tags, old_tags=current.tags)
    )
    await uow.tags.save(changed)
    return Ok(...)


async def remove_tags_of(
    book_id: BookId, uow: AbstractCatalogueUnitOfWork
) -> list[BookTagsChanged]:
    """Take a book's tags off before the book is deleted; the event saying so (none for a
    book without tags), for the deleted book to raise before its ``BookDeleted`` (an undo
    restores the book first, then its tags)."""
    current = await uow.tags.of(book_id)
    if not current.tags:
        return []
    await uow.tags.save(BookTags(book_id=book_id, tags=[]))
    return [BookTagsChanged(book_id=book_id, tags=[], old_tags=current.tags)]
