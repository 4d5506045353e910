"""The seed's scenarios: registering a book through its handler and through the bus."""

from __future__ import annotations

from typing import Any

from lastuuid.dummies import uuidgen

from core.bus import AsyncMessageBus
from core.domain.messages import BookRegistered, RegisterBook
from core.domain.model import Book
from core.domain.result import Err, Ok
from core.service.handlers.book import register_book
from core.service.repositories import BookRepositoryError
from tests.fakes.uow import EventstreamTransport, InMemoryUnitOfWork

DDD = Book(id=uuidgen(1), title="Domain Driven Design", author="Eric Evans", isbn="0-321-12521-5")


async def test_registering_a_book_stores_it_and_raises_book_registered(
    register_book_cmd: RegisterBook, uow: InMemoryUnitOfWork
) -> None:
    """The handler adds the book and leaves a BookRegistered event on it."""
    async with uow as transaction:
        operation = await register_book(register_book_cmd, transaction)
        book = await transaction.books.by_id(register_book_cmd.id)
        await transaction.commit()
    assert operation == Ok(...)
    assert book.unwrap() == DDD
    assert book.unwrap().messages == [
        BookRegistered(
            id=uuidgen(1), title="Domain Driven Design", author="Eric Evans", isbn="9780321125217"
        )
    ]


async def test_registering_a_known_isbn_is_an_integrity_error(
    register_book_cmd: RegisterBook, uow: InMemoryUnitOfWork
) -> None:
    """A second book with the same ISBN is refused with Err(integrity_error)."""
    async with uow as transaction:
        await register_book(register_book_cmd, transaction)
        await transaction.commit()
    again = RegisterBook(title="Other", author="Someone", isbn="978-0-321-12521-7")
    async with uow as transaction:
        operation = await register_book(again, transaction)
        await transaction.rollback()
    assert operation == Err(BookRepositoryError.integrity_error)
    assert operation.unwrap_err() == BookRepositoryError.integrity_error


async def test_the_bus_registers_the_book_and_publishes_the_event(
    bus: AsyncMessageBus[Any],
    register_book_cmd: RegisterBook,
    uow: InMemoryUnitOfWork,
    transport: EventstreamTransport,
) -> None:
    """Through the bus the book is readable, its events drained, both messages stored."""
    async with uow as transaction:
        await bus.handle(register_book_cmd, transaction)
        book = await transaction.books.by_id(register_book_cmd.id)
        assert book.is_ok()
        assert book.unwrap() == DDD
        assert book.unwrap().messages == []
        await transaction.commit()

    assert uow.messagestore.messages == [
        register_book_cmd,
        BookRegistered(
            id=uuidgen(1), title="Domain Driven Design", author="Eric Evans", isbn="9780321125217"
        ),
    ]
    assert [event["type"] for event in transport.events] == ["book_registered_v1"]
    assert transport.events[0]["payload"] == (
        f'{{"id":"{uuidgen(1)}","title":"Domain Driven Design",'
        '"author":"Eric Evans","isbn":"9780321125217","registered_at":null}'
    )
