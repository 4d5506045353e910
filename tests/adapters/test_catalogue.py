"""Commands through a catalogue on SQLite and PostgreSQL: transactions, the message store,
subscribers and batches."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from core.bootstrap import Catalogue, CatalogueBusyError, open_catalogue
from core.bus import Message
from core.domain.messages import BookRegistered, DeleteBook, RegisterBook, UpdateBook
from core.domain.result import Err, Ok
from core.service.repositories import BookRepositoryError
from core.service.undo import undo_commands
from core.service.uow import AbstractUnitOfWork
from core.service.views import BookQuery

DDD = RegisterBook(title="Domain Driven Design", author="Eric Evans", isbn="0-321-12521-5")
REFACTORING = RegisterBook(title="Refactoring", author="Martin Fowler", isbn="0201485672")
PATTERNS = RegisterBook(title="Design Patterns", author="Erich Gamma", isbn="9780201633610")


class HandlerFailedError(Exception):
    """Raised by a handler on purpose."""


async def _fail(event: BookRegistered, uow: AbstractUnitOfWork) -> None:
    raise HandlerFailedError(event.title)


async def _types(catalogue: Catalogue) -> list[str]:
    return [stored.type for stored in await catalogue.views.history()]


async def test_a_committed_command_keeps_the_book_and_both_messages(catalogue: Catalogue) -> None:
    """After execute() the book is listed and the command and its event are stored."""
    assert await catalogue.execute(DDD) == Ok(...)
    assert [row.title for row in await catalogue.views.list_books(BookQuery())] == [DDD.title]
    assert await _types(catalogue) == ["book_registered_v1", "register_book_v1"]


async def test_an_explicit_rollback_keeps_nothing(catalogue: Catalogue) -> None:
    """A rolled-back transaction leaves no row, no stored message and no published event."""
    received: list[Message[Any]] = []
    catalogue.subscribe(received.append)
    async with catalogue.new_uow() as tx:
        await catalogue.bus.handle(DDD, tx)
        await tx.rollback()
    assert await catalogue.views.count_books() == 0
    assert await catalogue.views.history() == []
    assert received == []


async def test_a_failing_handler_keeps_nothing_and_the_next_command_works(
    catalogue: Catalogue,
) -> None:
    """A handler that raises: the error propagates, nothing is kept, the next command works."""
    received: list[Message[Any]] = []
    catalogue.subscribe(received.append)
    catalogue.bus.add_listener(BookRegistered, _fail)
    with pytest.raises(HandlerFailedError):
        await catalogue.execute(DDD)
    assert (await catalogue.views.count_books(), await catalogue.views.history(), received) == (
        0,
        [],
        [],
    )
    catalogue.bus.remove_listener(BookRegistered, _fail)
    assert await catalogue.execute(DDD) == Ok(...)
    assert await catalogue.views.count_books() == 1


async def test_an_err_result_rolls_the_command_back(catalogue: Catalogue) -> None:
    """A duplicate ISBN returns Err(integrity_error) and stores no message of its own."""
    await catalogue.execute(DDD)
    again = RegisterBook(title="Other", author="Someone", isbn="978-0-321-12521-7")
    assert await catalogue.execute(again) == Err(BookRepositoryError.integrity_error)
    assert await _types(catalogue) == ["book_registered_v1", "register_book_v1"]


async def test_subscribers_get_committed_events_in_commit_order(catalogue: Catalogue) -> None:
    """Subscribers receive each BookRegistered after its commit; unsubscribing stops it."""
    received: list[Message[Any]] = []
    unsubscribe = catalogue.subscribe(received.append)
    await catalogue.execute(DDD)
    await catalogue.execute(REFACTORING)
    unsubscribe()
    await catalogue.execute(PATTERNS)
    assert [type(event) for event in received] == [BookRegistered, BookRegistered]
    assert [event.isbn for event in received] == ["9780321125217", "9780201485677"]  # type: ignore[attr-defined]


async def test_every_processed_message_is_stored_newest_first(catalogue: Catalogue) -> None:
    """Commands and events of register, update and delete are stored with their type string."""
    await catalogue.execute(DDD)
    await catalogue.execute(UpdateBook(id=DDD.id, title="DDD", author="Evans", isbn=DDD.isbn))
    await catalogue.execute(DeleteBook(id=DDD.id))
    assert await _types(catalogue) == [
        "book_deleted_v1",
        "delete_book_v1",
        "book_updated_v1",
        "update_book_v1",
        "book_registered_v1",
        "register_book_v1",
    ]


async def test_history_is_paged_and_reads_back_as_messages(catalogue: Catalogue) -> None:
    """Pages of the history follow each other, and a stored message is the message again."""
    for command in (DDD, REFACTORING, PATTERNS):
        await catalogue.execute(command)
    whole = await catalogue.views.history()
    pages = [await catalogue.views.history(offset, 4) for offset in (0, 4)]
    assert pages[0] + pages[1] == whole
    assert [len(page) for page in pages] == [4, 2]
    assert whole[-1].message() == DDD
    assert whole[-1].message().message_id == DDD.message_id
    assert whole[-1].payload["title"] == "Domain Driven Design"


async def test_a_batch_keeps_the_good_commands_and_undoes_the_refused_one(
    catalogue: Catalogue,
) -> None:
    """execute_many runs in one transaction; an Err command is undone alone, with the
    command message it stored."""
    received: list[Message[Any]] = []
    catalogue.subscribe(received.append)
    clash = RegisterBook(title="Clash", author="Someone", isbn=DDD.isbn)
    results = await catalogue.execute_many([DDD, clash, REFACTORING])
    assert results == [Ok(...), Err(BookRepositoryError.integrity_error), Ok(...)]
    assert await catalogue.views.count_books() == 2
    assert sorted(await _types(catalogue)) == sorted(["register_book_v1", "book_registered_v1"] * 2)
    assert [event.title for event in received] == [DDD.title, REFACTORING.title]  # type: ignore[attr-defined]


async def test_the_isbn_10_of_a_book_is_stored_as_its_isbn_13(catalogue: Catalogue) -> None:
    """A book registered by its ISBN-10 is found by the ISBN-13 digits; others are not."""
    await catalogue.execute(RegisterBook(title=DDD.title, author=DDD.author, isbn="0321125215"))
    found = await catalogue.views.book_by_isbn("9780321125217")
    assert found is not None
    assert found.title == DDD.title
    assert await catalogue.views.book_by_isbn("9780201485677") is None


async def test_a_registered_book_survives_closing_and_reopening(tmp_path: Path) -> None:
    """Register on a SQLite file, close, reopen: the book and both messages are there."""
    path = tmp_path / "club" / "library.sqlite3"
    async with open_catalogue(path) as catalogue:
        assert await catalogue.execute(DDD) == Ok(...)
    async with open_catalogue(path) as catalogue:
        book = await catalogue.views.book_by_isbn("9780321125217")
        assert book is not None
        assert (book.id, book.title) == (DDD.id, DDD.title)
        assert await _types(catalogue) == ["book_registered_v1", "register_book_v1"]
        [row] = await catalogue.views.list_books(BookQuery())
        assert row.registered_at is not None
        assert row.registered_at.tzinfo is not None


async def test_search_ignores_accents_on_sql_back_ends(catalogue: Catalogue) -> None:
    """Searching "eric" finds "Éric", and "émile" finds "Emile"."""
    await catalogue.execute(RegisterBook(title="Émile", author="Éric Rohmer", isbn=DDD.isbn))
    assert await catalogue.views.count_books("eric") == 1
    assert [row.author for row in await catalogue.views.list_books(BookQuery(search="ÉMILE"))] == [
        "Éric Rohmer"
    ]


async def test_a_command_on_a_catalogue_another_program_holds_says_it_is_busy(
    tmp_path: Path,
) -> None:
    """Another program keeps the write lock past the busy timeout: the command fails with
    "busy ... try again" (not a rollback error hiding it), and runs once the lock is gone."""
    path = tmp_path / "library.sqlite3"
    async with open_catalogue(path) as catalogue:
        with closing(sqlite3.connect(path, autocommit=True)) as locker:
            locker.execute("BEGIN IMMEDIATE")
            with pytest.raises(CatalogueBusyError, match=r"busy .* try again"):
                await catalogue.execute(DDD)
            locker.execute("ROLLBACK")
        assert await catalogue.execute(DDD) == Ok(...)
        assert await catalogue.views.count_books() == 1


async def test_an_undone_delete_brings_the_book_back_registered_when_it_first_was(
    catalogue: Catalogue,
) -> None:
    """Delete then undo on SQLite and PostgreSQL: same id, fields and registration time; the
    history says it was restored, not registered again."""
    assert await catalogue.execute(DDD) == Ok(...)
    [before] = await catalogue.views.list_books(BookQuery())
    deleted = await catalogue.run(DeleteBook(id=DDD.id))
    assert (await catalogue.run_many(undo_commands(deleted.events))).result == [Ok(...)]
    assert await catalogue.views.list_books(BookQuery()) == [before]
    assert (await _types(catalogue))[:2] == ["book_restored_v1", "restore_book_v1"]


async def test_a_book_registered_elsewhere_while_a_registration_is_handled_refuses_it(
    catalogue: Catalogue, sqlite_path: Path, pg_database: str
) -> None:
    """Another program registers the same ISBN after the command looked it up and before it
    commits: the command is refused as a duplicate (not an error), nothing of it is stored,
    and the other program was never kept waiting for a write lock the command held."""
    url = pg_database if catalogue.shared else str(sqlite_path)
    twin = RegisterBook(title="Twin", author="Other", isbn=DDD.isbn)
    async with open_catalogue(url) as elsewhere:
        pending = [twin]

        async def register_elsewhere_once(event: BookRegistered, uow: AbstractUnitOfWork) -> None:
            while pending:  # while DDD is handled, before it is written
                assert await elsewhere.execute(pending.pop()) == Ok(...)

        catalogue.bus.add_listener(BookRegistered, register_elsewhere_once)
        try:
            result = await catalogue.execute(DDD)
        finally:
            catalogue.bus.remove_listener(BookRegistered, register_elsewhere_once)
    assert result == Err(BookRepositoryError.integrity_error)
    assert [row.title for row in await catalogue.views.list_books(BookQuery())] == ["Twin"]
    assert await _types(catalogue) == ["book_registered_v1", "register_book_v1"]
