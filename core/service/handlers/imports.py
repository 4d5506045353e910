"""Use case of an import: a new book with what the file says of it (its tags, its id in the
file's source, the importing member's review), in one step."""

from __future__ import annotations

from core.bus import async_listen
from core.bus.trusted import trusted_message, trusted_model
from core.domain.messages import BookTagsChanged, ImportBook
from core.domain.sources import BookSource
from core.domain.tags import BookTags, distinct_tags
from core.service.club_repositories import ClubResult
from core.service.handlers.book import add_book, book_from
from core.service.handlers.review import checked_review, write_review
from core.service.repositories import BookRepositoryOperationResult
from core.service.uow import AbstractCatalogueUnitOfWork


def tags_from(cmd: ImportBook) -> BookTags:
    """The new book's tags with their ``BookTagsChanged`` (from none). The command's tags
    passed the tag rules: they are not validated again (``core.bus.trusted``)."""
    kept = distinct_tags(cmd.tags)
    tags = trusted_model(BookTags, {"book_id": cmd.id, "tags": kept})
    changed = {"book_id": cmd.id, "tags": kept, "old_tags": []}
    tags.messages.append(trusted_message(BookTagsChanged, changed))
    return tags


def source_from(cmd: ImportBook) -> BookSource:
    """The link of the new book to its id in the file's source (not validated again)."""
    fields = {"book_id": cmd.id, "source": cmd.source, "source_id": cmd.source_id}
    return trusted_model(BookSource, fields)


@async_listen
async def import_book(
    cmd: ImportBook, uow: AbstractCatalogueUnitOfWork
) -> BookRepositoryOperationResult | ClubResult:
    """Register the book (``Err(integrity_error)`` if its id or ISBN is taken), give it its
    tags (``BookTagsChanged`` from none), remember its id in the file's source and add the
    member's review (``BookReviewed``; ``Err(not_found)``, the book not added, if the member
    has left the club meanwhile). The link raises no event of its own: the stored command
    says where the book came from."""
    operation = await add_book(book_from(cmd), uow, cmd.registered_at)
    if operation.is_err():
        return operation
    if cmd.tags:
        await uow.tags.save(tags_from(cmd))
    if cmd.source_id:
        await uow.sources.save(source_from(cmd))
    if cmd.review is not None:
        review = checked_review(cmd.review, cmd.id, cmd.created_at)
        refused = await write_review(review, uow)
        if refused is not None:
            return refused
    return operation
