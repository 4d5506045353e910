"""Use cases of the BookTags aggregate."""

from __future__ import annotations

from core.bus import async_listen
from core.domain.messages import BookTagsChanged, SetBookTags
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
    found = await uow.books.by_id(cmd.book_id)
    if found.is_err():
        return Err(found.unwrap_err())
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
