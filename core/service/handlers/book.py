"""Use cases of the Book aggregate."""

from __future__ import annotations

from core.bus import async_listen
from core.domain.messages import (
    BookDeleted,
    BookRegistered,
    BookUpdated,
    DeleteBook,
    RegisterBook,
    RegisterBookV2,
    UpdateBook,
)
from core.domain.model import Book
from core.domain.result import Err
from core.service.repositories import BookRepositoryOperationResult
from core.service.uow import AbstractUnitOfWork


def _book_from(cmd: RegisterBook | RegisterBookV2 | UpdateBook) -> Book:
    # Validated again (the aggregate keeps its own rules): cheaper than model_construct.
    return Book(id=cmd.id, title=cmd.title, author=cmd.author, isbn=cmd.isbn)


async def _register(book: Book, uow: AbstractUnitOfWork) -> BookRepositoryOperationResult:
    operation = await uow.books.add(book)
    if operation.is_ok():
        book.messages.append(
            BookRegistered(id=book.id, title=book.title, author=book.author, isbn=book.isbn)
        )
    return operation


@async_listen
async def register_book(
    cmd: RegisterBook, uow: AbstractUnitOfWork
) -> BookRepositoryOperationResult:
    """Add the book; ``Err(integrity_error)`` if its id or ISBN is already registered."""
    return await _register(_book_from(cmd), uow)


@async_listen
async def register_book_v2(
    cmd: RegisterBookV2, uow: AbstractUnitOfWork
) -> BookRepositoryOperationResult:
    """Add a book by several authors, stored as one author string joined by ", "."""
    return await _register(_book_from(cmd), uow)


@async_listen
async def update_book(cmd: UpdateBook, uow: AbstractUnitOfWork) -> BookRepositoryOperationResult:
    """Change a book; ``Err(not_found)`` if it is gone, ``Err(integrity_error)`` if the new
    ISBN belongs to another book."""
    found = await uow.books.by_id(cmd.id)
    if found.is_err():
        return Err(found.unwrap_err())
    book = _book_from(cmd)
    operation = await uow.books.update(book)
    if operation.is_ok():
        book.messages.append(
            BookUpdated(id=book.id, title=book.title, author=book.author, isbn=book.isbn)
        )
    return operation


@async_listen
async def delete_book(cmd: DeleteBook, uow: AbstractUnitOfWork) -> BookRepositoryOperationResult:
    """Remove a book; ``Err(not_found)`` if it is already gone."""
    found = await uow.books.by_id(cmd.id)
    if found.is_err():
        return Err(found.unwrap_err())
    book = found.unwrap()
    operation = await uow.books.remove(book)
    if operation.is_ok():
        book.messages.append(
            BookDeleted(id=book.id, title=book.title, author=book.author, isbn=book.isbn)
        )
    return operation
