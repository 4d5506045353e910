"""Use cases of the Book aggregate."""

from __future__ import annotations

from datetime import datetime

from core.bus import async_listen
from core.bus.trusted import trusted_message, trusted_model
from core.domain.messages import (
    BookDeleted,
    BookRegistered,
    BookRestored,
    BookState,
    BookUpdated,
    DeleteBook,
    ImportBook,
    RegisterBook,
    RegisterBookV2,
    RestoreBook,
    UpdateBook,
)
from core.domain.model import Book
from core.domain.result import Err
from core.service.club_repositories import ClubResult
from core.service.handlers.review import remove_reviews_of
from core.service.handlers.tags import remove_tags_of
from core.service.loan_rules import remove_copies_of
from core.service.repositories import BookRepositoryError, BookRepositoryOperationResult
from core.service.uow import AbstractCatalogueUnitOfWork, AbstractUnitOfWork


def book_from(cmd: RegisterBook | RegisterBookV2 | UpdateBook | RestoreBook | ImportBook) -> Book:
    """The book a validated command describes, not validated again: each of these commands
    declares ``id``, ``title``, ``author`` and ``isbn`` with the book's own types (``BookId``,
    ``BookText``, ``Isbn``), and ``RegisterBookV2``'s joined authors keep the text rule (each
    part is clean, the length of the whole is checked). 2.5 µs a book less on an import."""
    fields = {"id": cmd.id, "title": cmd.title, "author": cmd.author, "isbn": cmd.isbn}
    return trusted_model(Book, fields)


async def add_book(
    book: Book, uow: AbstractUnitOfWork, registered_at: datetime | None = None
) -> BookRepositoryOperationResult:
    """Add ``book`` and raise its ``BookRegistered`` (registered at ``registered_at`` if
    known); ``Err(integrity_error)`` if its id or ISBN is taken."""
    operation = await uow.books.add(book)
    if operation.is_ok():
        # The book's fields are valid (``str`` is all the event asks): not validated again.
        fields = {
            "id": book.id,
            "title": book.title,
            "author": book.author,
            "isbn": book.isbn,
            "registered_at": registered_at,
        }
        book.messages.append(trusted_message(BookRegistered, fields))
    return operation


@async_listen
async def register_book(
    cmd: RegisterBook, uow: AbstractUnitOfWork
) -> BookRepositoryOperationResult:
    """Add the book; ``Err(integrity_error)`` if its id or ISBN is already registered."""
    return await add_book(book_from(cmd), uow, cmd.registered_at)


@async_listen
async def register_book_v2(
    cmd: RegisterBookV2, uow: AbstractUnitOfWork
) -> BookRepositoryOperationResult:
    """Add a book by several authors, stored as one author string joined by ", "."""
    return await add_book(book_from(cmd), uow)


def _unchanged(book: Book, expected: BookState | None) -> bool:
    """Whether ``book`` is still what an undo expects (always, when nothing is expected)."""
    if expected is None:
        return True
    return (book.title, book.author, book.isbn) == (
        expected.title,
        expected.author,
        expected.isbn,
    )


@async_listen
async def update_book(cmd: UpdateBook, uow: AbstractUnitOfWork) -> BookRepositoryOperationResult:
    """Change a book; ``Err(not_found)`` if it is gone, ``Err(integrity_error)`` if the new
    ISBN belongs to another book, ``Err(stale)`` if it is no longer what ``if_unchanged``
    says."""
    found = await uow.books.by_id(cmd.id)
    if found.is_err():
        return Err(found.unwrap_err())
    old = found.unwrap()
    if not _unchanged(old, cmd.if_unchanged):
        return Err(BookRepositoryError.stale)
    book = book_from(cmd)
    operation = await uow.books.update(book)
    if operation.is_ok():
        book.messages.append(
            BookUpdated(
                id=book.id,
                title=book.title,
                author=book.author,
                isbn=book.isbn,
                old_title=old.title,
                old_author=old.author,
                old_isbn=old.isbn,
            )
        )
    return operation


@async_listen
async def delete_book(
    cmd: DeleteBook, uow: AbstractCatalogueUnitOfWork
) -> BookRepositoryOperationResult | ClubResult:
    """Remove a book, its tags, its reviews and its copies; ``Err(not_found)`` if it is
    already gone, ``Err(stale)`` if it is no longer what ``if_unchanged`` says, and a
    ``ClubError`` (``integrity_error``, naming who has it) while one of its copies is lent: the
    book stays until the copy is back. The event carries the registration time and the
    copies, for undo; a ``BookTagsChanged`` taking its tags off and one ``ReviewDeleted`` per
    review come before it (an undo restores the book first, then its reviews and tags)."""
    found = await uow.books.by_id(cmd.id)
    if found.is_err():
        return Err(found.unwrap_err())
    book = found.unwrap()
    if not _unchanged(book, cmd.if_unchanged):
        return Err(BookRepositoryError.stale)
    copies_removed = await remove_copies_of(book.id, uow)
    if isinstance(copies_removed, Err):
        return copies_removed
    registered_at = await uow.book_list.registration_time(book.id)
    tags_removed = await remove_tags_of(book.id, uow)
    reviews_deleted = await remove_reviews_of(book.id, uow)
    operation = await uow.books.remove(book)
    if operation.is_ok():
        book.messages.extend(tags_removed)
        book.messages.extend(reviews_deleted)
        book.messages.append(
            BookDeleted(
                id=book.id,
                title=book.title,
                author=book.author,
                isbn=book.isbn,
                registered_at=registered_at,
                copies=copies_removed,
            )
        )
    return operation


@async_listen
async def restore_book(cmd: RestoreBook, uow: AbstractUnitOfWork) -> BookRepositoryOperationResult:
    """Bring a deleted book back with its id, fields and registration time;
    ``Err(integrity_error)`` if its id or ISBN is taken meanwhile."""
    book = book_from(cmd)
    operation = await uow.books.add(book)
    if operation.is_ok():
        book.messages.append(
            BookRestored(
                id=book.id,
                title=book.title,
                author=book.author,
                isbn=book.isbn,
                registered_at=cmd.registered_at,
                copies=cmd.copies,
            )
        )
    return operation
