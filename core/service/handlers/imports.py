"""Use case of an import: a new book with what the file says of it (its tags, its id in the
file's source, the importing member's review), in one step and one event, ``BookImported``.

Three events a book (``BookRegistered``, ``BookTagsChanged``, ``BookReviewed``) were each
created, dispatched, stored and delivered: a Goodreads import spent a quarter of its time on
the last two (80-83 against 102-108 µs of event loop a book without them, side by side).
"""

from __future__ import annotations

from core.bus import async_listen
from core.bus.trusted import trusted, trusted_message, trusted_model
from core.domain.messages import BookImported, ImportBook, ImportedReview
from core.domain.sources import BookSource
from core.domain.tags import BookTags, distinct_tags
from core.service.club_repositories import ClubResult
from core.service.handlers.book import book_from
from core.service.handlers.review import add_review, checked_review
from core.service.repositories import BookRepositoryOperationResult
from core.service.uow import AbstractCatalogueUnitOfWork

_REVIEW_FIELDS = tuple(ImportedReview.model_fields)


def tags_from(cmd: ImportBook) -> BookTags:
    """The new book's tags (they go in its ``BookImported``). The command's tags passed the
    tag rules: they are not validated again (``core.bus.trusted``)."""
    kept = distinct_tags(cmd.tags)
    return trusted_model(BookTags, {"book_id": cmd.id, "tags": kept})


def source_from(cmd: ImportBook) -> BookSource:
    """The link of the new book to its id in the file's source (not validated again)."""
    fields = {"book_id": cmd.id, "source": cmd.source, "source_id": cmd.source_id}
    return trusted_model(BookSource, fields)


@async_listen
async def import_book(
    cmd: ImportBook, uow: AbstractCatalogueUnitOfWork
) -> BookRepositoryOperationResult | ClubResult:
    """Register the book (``Err(integrity_error)`` if its id or ISBN is taken), give it its
    tags, remember its id in the file's source and add the member's review (``Err(not_found)``,
    the book not added, if the member has left the club meanwhile); then raise its
    ``BookImported``, with the tags and the review. The link raises no event of its own: the
    stored command says where the book came from."""
    book = book_from(cmd)
    operation = await uow.books.add(book)
    if operation.is_err():
        return operation
    tags: list[str] = []
    if cmd.tags:
        kept = tags_from(cmd)
        await uow.tags.save(kept)
        tags = kept.tags
    if cmd.source_id:
        await uow.sources.save(source_from(cmd))
    review = None
    if cmd.review is not None:
        written = checked_review(cmd.review, cmd.id, cmd.created_at)
        refused = await add_review(written, uow)
        if refused is not None:
            return refused
        values = {name: getattr(written, name) for name in _REVIEW_FIELDS}
        review = trusted(ImportedReview, values, _REVIEW_FIELDS)  # its time resolved
    fields = {
        "id": book.id,
        "title": book.title,
        "author": book.author,
        "isbn": book.isbn,
        "registered_at": cmd.registered_at,
        "tags": tags,
        "review": review,
    }
    book.messages.append(trusted_message(BookImported, fields))
    return operation
