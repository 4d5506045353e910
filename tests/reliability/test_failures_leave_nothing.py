"""A failure in the middle of a command leaves nothing behind, and the next command works;
a failure to deliver events after the commit loses no committed book."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Mapping
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from lastuuid import uuid7
from sqlalchemy.exc import IntegrityError

from core.bootstrap import Catalogue, open_catalogue
from core.bus import (
    AsyncAbstractEventstreamTransport,
    Command,
    EventstreamDeliveryError,
    Message,
    Metadata,
    async_listen,
)
from core.domain.isbn import canonical_isbn
from core.domain.messages import BookRegistered, RegisterBook
from core.domain.model import Book
from core.domain.result import Ok
from core.service.uow import AbstractUnitOfWork
from tests.reliability.conftest import integrity_check, read_rows

DDD = ("Domain Driven Design", "Eric Evans", "0-321-12521-5")
REFACTORING = ("Refactoring", "Martin Fowler", "978-0-13-475759-9")


class HandlerFailure(Exception):
    """Raised on purpose by a handler of these tests."""


class RegisterBookThenFail(Command):
    """Writes a book, then its handler raises."""

    title: str
    author: str
    isbn: str
    metadata: Metadata = Metadata(name="reliability_register_then_fail", schema_version=1)


@async_listen
async def register_then_fail(cmd: RegisterBookThenFail, uow: AbstractUnitOfWork) -> None:
    """Insert the row (and queue its event), then raise."""
    book = Book(
        id=uuid7(),
        title=cmd.title,
        author=cmd.author,
        isbn=cmd.isbn,
    )
    assert (await uow.books.add(book)).is_ok()
    book.messages.append(
        BookRegistered(id=book.id, title=cmd.title, author=cmd.author, isbn=book.isbn)
    )
    raise HandlerFailure("the disk said no after the row was written")


async def fail_on_registered(event: BookRegistered, uow: AbstractUnitOfWork) -> None:
    """An event handler that raises after the book's row was written."""
    raise HandlerFailure("the event handler failed")


def published(catalogue: Catalogue) -> list[Message[Any]]:
    """Every event the catalogue publishes from now on."""
    events: list[Message[Any]] = []
    catalogue.subscribe(events.append)
    return events


async def nothing_stored(catalogue: Catalogue, path: Path) -> None:
    """No book, no stored message, a zero counter, a sound file."""
    assert await catalogue.views.count_books() == 0
    assert await catalogue.views.history() == []
    assert read_rows(path, "SELECT count(*) FROM books") == [(0,)]
    assert read_rows(path, "SELECT n FROM book_count") == [(0,)]
    assert integrity_check(path) == "ok"


async def next_command_works(catalogue: Catalogue, events: list[Message[Any]]) -> None:
    """A normal registration after the failure commits and publishes."""
    assert (
        await catalogue.execute(
            RegisterBook(title=REFACTORING[0], author=REFACTORING[1], isbn=REFACTORING[2])
        )
    ).is_ok()
    assert await catalogue.views.count_books() == 1
    assert [type(event) for event in events] == [BookRegistered]
    assert len(await catalogue.views.history()) == 2


@pytest.fixture
async def catalogue(tmp_path: Path) -> AsyncIterator[Catalogue]:
    """A fresh SQLite catalogue whose bus also knows the failing handler of these tests."""
    async with open_catalogue(tmp_path / "library.sqlite3") as opened:
        opened.bus.add_listener(RegisterBookThenFail, register_then_fail)
        yield opened


async def test_a_handler_raising_after_writing_a_row_leaves_nothing(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    """The exception reaches the caller; no row, no stored message, no event; then a normal
    registration works."""
    events = published(catalogue)
    with pytest.raises(HandlerFailure):
        await catalogue.execute(RegisterBookThenFail(title=DDD[0], author=DDD[1], isbn=DDD[2]))

    await nothing_stored(catalogue, tmp_path / "library.sqlite3")
    assert events == []
    await next_command_works(catalogue, events)


async def test_an_event_handler_raising_leaves_nothing(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    """An event handler of ``BookRegistered`` raising undoes the registration itself."""
    catalogue.bus.add_listener(BookRegistered, fail_on_registered)
    events = published(catalogue)
    with pytest.raises(HandlerFailure):
        await catalogue.execute(RegisterBook(title=DDD[0], author=DDD[1], isbn=DDD[2]))

    await nothing_stored(catalogue, tmp_path / "library.sqlite3")
    assert events == []
    catalogue.bus.remove_listener(BookRegistered, fail_on_registered)
    await next_command_works(catalogue, events)


async def test_a_message_store_failing_at_commit_leaves_nothing(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    """The message store's INSERT refused by the database (a trigger aborting it, as a full
    disk would) rolls back the book written before it; once it works again, so do commands.
    The refusal is the driver's that wrote the transaction: SQLAlchemy's through a session,
    ``sqlite3``'s when the writer wrote it in one call (``core/adapters/sqlite_writer.py``)."""
    database = tmp_path / "library.sqlite3"
    with closing(sqlite3.connect(database, autocommit=True)) as raw:
        raw.execute(
            "CREATE TRIGGER refuse_messages BEFORE INSERT ON messages "
            "BEGIN SELECT RAISE(ABORT, 'message store unavailable'); END"
        )
    events = published(catalogue)
    refused = (IntegrityError, sqlite3.IntegrityError)
    with pytest.raises(refused, match="message store unavailable"):
        await catalogue.execute(RegisterBook(title=DDD[0], author=DDD[1], isbn=DDD[2]))

    await nothing_stored(catalogue, tmp_path / "library.sqlite3")
    assert events == []
    with closing(sqlite3.connect(database, autocommit=True)) as raw:
        raw.execute("DROP TRIGGER refuse_messages")
    await next_command_works(catalogue, events)


class BrokenTransport(AsyncAbstractEventstreamTransport):
    """An event stream whose every delivery fails (a subscriber process gone)."""

    async def send_message_serialized(self, message: Mapping[str, Any]) -> None:
        """Fail."""
        raise ConnectionResetError("the event stream is gone")


async def test_an_event_delivery_failure_after_commit_keeps_the_committed_book(
    catalogue: Catalogue,
) -> None:
    """``EventstreamDeliveryError`` after the commit: the book and its stored messages stay,
    readable by a fresh read, and the next command works."""
    publisher = catalogue.feed.publisher  # type: ignore[attr-defined]
    working, publisher.transport = publisher.transport, BrokenTransport()
    uow = catalogue.new_uow()
    command = RegisterBook(title=DDD[0], author=DDD[1], isbn=DDD[2])

    async def register_and_commit() -> None:
        async with uow as tx:
            assert isinstance(await catalogue.bus.handle(command, tx), Ok)
            await tx.commit()

    with pytest.raises(EventstreamDeliveryError):
        await register_and_commit()
    publisher.transport = working

    book = await catalogue.views.book_by_isbn(canonical_isbn(DDD[2]))
    assert book is not None
    assert (book.id, book.title, book.author) == (command.id, DDD[0], DDD[1])
    assert [stored.type for stored in await catalogue.views.history()] == [
        "book_registered_v1",
        "register_book_v1",
    ]
    assert (
        await catalogue.execute(
            RegisterBook(title=REFACTORING[0], author=REFACTORING[1], isbn=REFACTORING[2])
        )
    ).is_ok()
    assert await catalogue.views.count_books() == 2
