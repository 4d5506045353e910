"""A bulk batch is one transaction even though SQLite starts writing it before it is handled
to the end (``BulkUnitOfWork.write_ahead``): a failure late in the batch keeps nothing. A
batch SQLite refuses runs again command by command; a database locked for good stops the
import with its reason."""

from __future__ import annotations

import gc
import sqlite3
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from core.adapters.bulk import (
    GC_YOUNG_THRESHOLD,
    SWITCH_INTERVAL_S,
    WRITE_AHEAD,
    BulkRegistration,
    register_in_bulk,
)
from core.bootstrap import open_catalogue
from core.bus import Message
from core.domain.messages import BookRegistered, RegisterBook
from core.domain.result import Err, Ok
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


async def test_a_failure_after_rows_were_written_ahead_keeps_nothing(tmp_path: Path) -> None:
    """Rows written ahead are rolled back with the batch; no event reaches subscribers; the
    next batch is imported whole."""
    commands = _commands(WRITE_AHEAD + 500)
    commands.insert(
        WRITE_AHEAD + 300, RegisterBook(title=FAILING_TITLE, author="X", isbn="9780441013593")
    )
    received: list[Message[Any]] = []
    async with open_catalogue(tmp_path / "bulk.sqlite3") as catalogue:
        catalogue.subscribe(received.append)
        catalogue.bus.add_listener(BookRegistered, _fail_on_purpose)
        with pytest.raises(HandlerFailedError):
            await register_in_bulk(catalogue, commands)
        assert (await catalogue.count_books(), await catalogue.history(), received) == (0, [], [])

        catalogue.bus.remove_listener(BookRegistered, _fail_on_purpose)
        again = _commands(WRITE_AHEAD + 500, first=10_000)
        assert await register_in_bulk(catalogue, again) == [Ok(...)] * len(again)
        assert await catalogue.count_books() == len(again)
        assert len(received) == len(again)


async def test_a_batch_sqlite_refuses_runs_command_by_command_and_so_does_the_next(
    tmp_path: Path,
) -> None:
    """Another program registers one of the batch's ISBNs after the batch looked them up:
    SQLite refuses the batch; it and the batch submitted behind it run command by command, in
    order, and only that ISBN is refused."""
    path = tmp_path / "bulk.sqlite3"
    first, second = _commands(10), _commands(10, first=100)
    taken_elsewhere = first[5].isbn
    received: list[Message[Any]] = []
    async with open_catalogue(path) as catalogue, open_catalogue(path) as elsewhere:
        catalogue.subscribe(received.append)
        pending = [RegisterBook(title="Elsewhere", author="Other", isbn=taken_elsewhere)]

        async def register_elsewhere_once(event: BookRegistered, uow: AbstractUnitOfWork) -> None:
            while pending:  # while the first batch is handled, before SQLite writes it
                assert await elsewhere.execute(pending.pop()) == Ok(...)

        catalogue.bus.add_listener(BookRegistered, register_elsewhere_once)
        async with BulkRegistration(catalogue) as bulk:
            one = await bulk.submit(first)
            two = await bulk.submit(second)
            results = [await one, await two]
        assert results == [
            [Ok(...)] * 5 + [Err(BookRepositoryError.integrity_error)] + [Ok(...)] * 4,
            [Ok(...)] * 10,
        ]
        assert await catalogue.count_books() == 20
        registered = [e.isbn for e in received if isinstance(e, BookRegistered)]
        assert registered == [c.isbn for c in [*first, *second] if c.isbn != taken_elsewhere]


async def test_a_locked_database_stops_the_import_with_a_clear_reason(tmp_path: Path) -> None:
    """Another program holds the write lock for longer than the busy timeout: nothing is
    written, the report says from which line and why, and the catalogue is usable after."""
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
        assert (await catalogue.count_books(), await catalogue.history()) == (0, [])
        again = await open_import(catalogue, books_csv(tmp_path / "b.csv", 30), batch_size=10).run()
        assert (again.imported, await catalogue.count_books()) == (30, 30)


async def test_cancelling_a_batch_future_does_not_stop_the_batch(tmp_path: Path) -> None:
    """Whoever submitted a batch may stop waiting for it; the batch is still committed whole
    with its events (it is not cut between its writes)."""
    received: list[Message[Any]] = []
    async with open_catalogue(tmp_path / "bulk.sqlite3") as catalogue:
        catalogue.subscribe(received.append)
        async with BulkRegistration(catalogue) as bulk:
            future = await bulk.submit(_commands(2 * WRITE_AHEAD))
            future.cancel()
        assert await catalogue.count_books() == 2 * WRITE_AHEAD
        assert len(received) == 2 * WRITE_AHEAD


async def test_the_process_settings_come_back_when_the_last_registration_ends(
    tmp_path: Path,
) -> None:
    """Switch interval, GC threshold and frozen objects are tuned while registrations run,
    overlapping ones included, and restored when the last one ends."""
    before = (sys.getswitchinterval(), gc.get_threshold(), gc.get_freeze_count())
    async with open_catalogue(tmp_path / "bulk.sqlite3") as catalogue:
        first, second = BulkRegistration(catalogue), BulkRegistration(catalogue)
        await first.__aenter__()
        await second.__aenter__()
        tuned = (sys.getswitchinterval(), gc.get_threshold()[0])
        await first.__aexit__(None, None, None)  # not in reverse order
        still = (sys.getswitchinterval(), gc.get_threshold()[0])
        await second.__aexit__(None, None, None)
    assert tuned == still == (SWITCH_INTERVAL_S, GC_YOUNG_THRESHOLD)
    assert (sys.getswitchinterval(), gc.get_threshold(), gc.get_freeze_count()) == before
