"""The seed's chapter in its own shape: a unit of work that declares only ``books``, whose
repository implements exactly the tutorial's port (``add(self, model)``, ``by_id(self, id)``),
and a bus that scans only ``core.service.handlers`` — as code written against the tutorial
does, with ``messagebus`` replaced by ``core.bus``."""

from __future__ import annotations

from typing import Any

import pytest
from lastuuid.dummies import uuidgen

from core.bus import AsyncMessageBus
from core.domain.messages import RegisterBook
from core.domain.model import Book
from core.domain.result import Err, Ok
from core.service.repositories import (
    AbstractBookRepository,
    BookRepositoryError,
    BookRepositoryOperationResult,
    BookRepositoryResult,
)
from core.service.uow import AbstractUnitOfWork


class TutorialBookRepository(AbstractBookRepository):
    """The tutorial's in-memory repository: the two methods of its port, nothing more."""

    def __init__(self) -> None:
        super().__init__()
        self.books: dict[Any, Book] = {}
        self.ix_books_isbn: dict[str, Any] = {}

    async def add(self, model: Book) -> BookRepositoryOperationResult:
        if model.id in self.books or model.isbn in self.ix_books_isbn:
            return Err(BookRepositoryError.integrity_error)
        self.books[model.id] = model
        self.ix_books_isbn[model.isbn] = model.id
        return Ok(...)

    async def by_id(self, id: Any) -> BookRepositoryResult:
        if id not in self.books:
            return Err(BookRepositoryError.not_found)
        return Ok(self.books[id])


class TutorialUnitOfWork(AbstractUnitOfWork):
    """The tutorial's unit of work: books only, commit and rollback do nothing."""

    def __init__(self) -> None:
        self.books = TutorialBookRepository()  # type: ignore[assignment]

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...


@pytest.fixture
def tutorial_bus() -> AsyncMessageBus[Any]:
    """A bus scanning what the tutorial scans: the handlers, with the prefix changed."""
    bus: AsyncMessageBus[Any] = AsyncMessageBus()
    bus.scan("core.service.handlers")
    return bus


async def test_the_chapter_registers_a_book_through_the_bus(
    tutorial_bus: AsyncMessageBus[Any], register_book_cmd: RegisterBook
) -> None:
    """The bus runs our register_book handler against the tutorial's own repository."""
    uow = TutorialUnitOfWork()
    async with uow as transaction:
        await tutorial_bus.handle(register_book_cmd, transaction)
        book = await transaction.books.by_id(register_book_cmd.id)
        assert book.is_ok()
        assert book.unwrap() == Book(
            id=uuidgen(1),
            title="Domain Driven Design",
            author="Eric Evans",
            isbn="0-321-12521-5",
        )
        await transaction.commit()


async def test_the_chapter_sees_a_second_registration_refused(
    tutorial_bus: AsyncMessageBus[Any], register_book_cmd: RegisterBook
) -> None:
    """Registering the same book twice is the tutorial's integrity error."""
    uow = TutorialUnitOfWork()
    async with uow as transaction:
        assert await tutorial_bus.handle(register_book_cmd, transaction) == Ok(...)
        await transaction.commit()
    async with uow as transaction:
        again = await tutorial_bus.handle(register_book_cmd, transaction)
        assert again == Err(BookRepositoryError.integrity_error)
        await transaction.rollback()
