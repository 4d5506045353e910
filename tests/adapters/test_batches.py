"""An import's batches on SQLite and PostgreSQL: one transaction each, nothing kept of a batch
that fails, a batch whose ISBN another program took meanwhile decided again command by
command, a refused row leaving no message, a locked file stopping the import with its reason."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from core.bootstrap import Catalogue, open_catalogue
from core.bus import Message
from core.domain.messages import BookRegistered, RegisterBook
from core.domain.result import Err, Ok
from core.service import batches
from core.service.repositories import BookRepositoryError
from core.service.uow import AbstractUnitOfWork
from core.transfer.catalogue_files import open_import
from tests.support.isbn import isbn13
from tests.transfer.conftest import books_csv

FAILING_TITLE = "Fails on purpose"


class HandlerFailedError(Exception):
    """Raised by an event handler on purpose."""


async def _fail_on_purpose(event: BookRegistered, uow: AbstractUnitOfWork) -> None:
    if event.title == FAILING_TITLE:
        raise HandlerFailedError(event.title)


def _commands(count: int, first: int = 0) -> list[RegisterBook]:
    return [
        RegisterBook(title=f"Book {i}", author="Someone", isbn=isbn13(i))
        for i in range(first, first + count)
    ]


async def _register(catalogue: Catalogue, *batches: list[RegisterBook]) -> list[list[Any]]:
    async with catalogue.batches() as pipeline:
        futures = [await pipeline.submit(batch) for batch in batches]
        return [await future for future in futures]


async def test_a_failure_late_in_a_batch_keeps_nothing_of_it(catalogue: Catalogue) -> None:
    """A handler raising at the 1,300th command: no row, no message, no event of the batch;
    the next batch is imported whole."""
    commands = _commands(1500)
    commands.insert(1300, RegisterBook(title=FAILING_TITLE, author="X", isbn="9780441013593"))
    received: list[Message[Any]] = []
    catalogue.subscribe(received.append)
    catalogue.bus.add_listener(BookRegistered, _fail_on_purpose)
    with pytest.raises(HandlerFailedError):
        await _register(catalogue, commands)
    assert await catalogue.views.count_books() == 0
    assert (await catalogue.views.history(), received) == ([], [])

    catalogue.bus.remove_listener(BookRegistered, _fail_on_purpose)
    again = _commands(1500, first=10_000)
    assert await _register(catalogue, again) == [[Ok(...)] * len(again)]
    assert await catalogue.views.count_books() == len(again)
    assert len(received) == len(again)


async def test_a_refused_row_leaves_no_message_of_its_own(catalogue: Catalogue) -> None:
    """Two rows repeating an ISBN in a batch: the history holds the command and event of each
    book registered, and nothing of the refused rows (as for a single refused command)."""
    commands = _commands(3)
    repeats = [RegisterBook(title="Again", author="Someone", isbn=commands[0].isbn)] * 2
    results = await _register(catalogue, [*commands, *repeats])
    refused = Err(BookRepositoryError.integrity_error)
    assert results == [[Ok(...)] * 3 + [refused, refused]]
    types = [entry.type for entry in await catalogue.views.history()]
    assert sorted(types) == sorted(["register_book_v1", "book_registered_v1"] * 3)


async def test_a_batch_whose_isbn_is_taken_meanwhile_is_decided_command_by_command(
    catalogue: Catalogue, sqlite_path: Path, pg_database: str
) -> None:
    """Another program registers one of the batch's ISBNs after the batch looked them up and
    before it commits: that batch runs again command by command, and only that ISBN is
    refused; the batch behind it is imported whole and events arrive in order."""
    url = pg_database if catalogue.shared else str(sqlite_path)
    first, second = _commands(10), _commands(10, first=100)
    taken_elsewhere = first[5].isbn
    received: list[Message[Any]] = []
    catalogue.subscribe(received.append)
    async with open_catalogue(url) as elsewhere:
        pending = [RegisterBook(title="Elsewhere", author="Other", isbn=taken_elsewhere)]

        async def register_elsewhere_once(event: BookRegistered, uow: AbstractUnitOfWork) -> None:
            while pending:  # while the first batch is handled, before it is written
                assert await elsewhere.execute(pending.pop()) == Ok(...)

        catalogue.bus.add_listener(BookRegistered, register_elsewhere_once)
        results = await _register(catalogue, first, second)
        catalogue.bus.remove_listener(BookRegistered, register_elsewhere_once)
    assert results == [
        [Ok(...)] * 5 + [Err(BookRepositoryError.integrity_error)] + [Ok(...)] * 4,
        [Ok(...)] * 10,
    ]
    assert await catalogue.views.count_books() == 20
    mine = [e.isbn for e in received if isinstance(e, BookRegistered) and e.title != "Elsewhere"]
    assert mine == [c.isbn for c in [*first, *second] if c.isbn != taken_elsewhere]


async def test_a_locked_database_stops_the_import_with_a_clear_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program holds the write lock for longer than the import's patience (here no
    more than one busy timeout): nothing is written, the report says from which line and
    why, and the catalogue is usable after."""
    monkeypatch.setattr(batches, "BUSY_PATIENCE_S", 0.0)
    path = tmp_path / "bulk.sqlite3"
    async with open_catalogue(path) as catalogue:
        with closing(sqlite3.connect(path, autocommit=True)) as locker:
            locker.execute("BEGIN IMMEDIATE")
            report = await open_import(
                catalogue, books_csv(tmp_path / "b.csv", 30), batch_size=10
            ).run()
            locker.execute("ROLLBACK")
        assert report.imported == 0
        assert report.error.startswith("line 2 onwards not imported: ")
        assert report.error.endswith("the catalogue is busy (locked by another program); try again")
        assert await catalogue.views.count_books() == 0
        assert await catalogue.views.history() == []
        again = await open_import(catalogue, books_csv(tmp_path / "b.csv", 30), batch_size=10).run()
        assert (again.imported, await catalogue.views.count_books()) == (30, 30)


async def test_cancelling_a_batch_future_does_not_stop_the_batch(catalogue: Catalogue) -> None:
    """Whoever submitted a batch may stop waiting for it; the batch is still committed whole
    with its events."""
    received: list[Message[Any]] = []
    catalogue.subscribe(received.append)
    async with catalogue.batches() as pipeline:
        future = await pipeline.submit(_commands(2000))
        future.cancel()
    assert await catalogue.views.count_books() == 2000
    assert len(received) == 2000
