"""A shared catalogue's connection killed during an import (issue 20, item 11): the batch is
tried once more on a fresh connection; killed again, the import stops with a plain sentence.

Another connection ends the import's server process with ``pg_terminate_backend`` while the
batch is handled, before its commit (the pid comes from the batch's own transaction).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest
import sqlalchemy as sa

from core.bootstrap import Catalogue, open_catalogue
from core.domain.messages import BookRegistered
from core.service.uow import AbstractUnitOfWork
from core.transfer.catalogue_files import open_import
from tests.support.isbn import isbn13
from tests.support.postgres import dsn, empty_pg_catalogue, throwaway_pg_database
from tests.transfer.conftest import books_csv

pytestmark = pytest.mark.postgres

BATCH = 10


class Killer:
    """Ends the server process of the transaction registering ``isbn``, the first ``times``
    times it is handled; :attr:`listener` is the ``BookRegistered`` handler doing it."""

    def __init__(self, admin: asyncpg.Connection, isbn: str, times: int) -> None:
        self.killed: list[int] = []
        left = [times]

        async def kill(event: BookRegistered, uow: AbstractUnitOfWork) -> None:
            if event.isbn != isbn or not left[0]:
                return
            left[0] -= 1
            session = uow.writes.session  # type: ignore[attr-defined]
            pid = (await session.execute(sa.text("SELECT pg_backend_pid()"))).scalar_one()
            assert await admin.fetchval("SELECT pg_terminate_backend($1)", pid)
            self.killed.append(pid)

        self.listener = kill


@pytest.fixture(scope="module")
async def pg_url() -> AsyncIterator[str]:
    """A throwaway database for this module."""
    async with throwaway_pg_database() as url:
        yield url


@pytest.fixture
async def shared(pg_url: str) -> AsyncIterator[tuple[Catalogue, asyncpg.Connection]]:
    """An empty shared catalogue, and an administrator's connection to its server."""
    async with open_catalogue(pg_url) as catalogue:
        await empty_pg_catalogue(pg_url)
        admin = await asyncpg.connect(dsn(pg_url))
        try:
            yield catalogue, admin
        finally:
            await admin.close()


async def test_a_connection_killed_once_is_replaced_and_the_import_finishes(
    shared: tuple[Catalogue, asyncpg.Connection], tmp_path: Path
) -> None:
    """One kill during the import: the batch runs again on a fresh connection; every book
    is imported once, with its command and event."""
    catalogue, admin = shared
    killer = Killer(admin, isbn13(BATCH + 1), times=1)  # in the second batch
    catalogue.bus.add_listener(BookRegistered, killer.listener)
    try:
        report = await open_import(
            catalogue, books_csv(tmp_path / "b.csv", 3 * BATCH), batch_size=BATCH
        ).run()
    finally:
        catalogue.bus.remove_listener(BookRegistered, killer.listener)
    assert len(killer.killed) == 1, report.error
    assert (report.imported, report.error, report.skipped) == (3 * BATCH, "", [])
    assert await catalogue.views.count_books() == 3 * BATCH
    assert len(await catalogue.views.history(limit=1000)) == 2 * 3 * BATCH


async def test_a_connection_killed_twice_stops_the_import_with_a_plain_sentence(
    shared: tuple[Catalogue, asyncpg.Connection], tmp_path: Path
) -> None:
    """Killed again on the fresh connection: the import stops at that batch with one plain
    sentence (no SQLAlchemy text, no SQL); the books imported before are kept; the catalogue
    works after."""
    catalogue, admin = shared
    source = books_csv(tmp_path / "b.csv", 3 * BATCH)
    imported = await open_import(catalogue, books_csv(tmp_path / "a.csv", BATCH, 1000)).run()
    assert imported.imported == BATCH
    killer = Killer(admin, isbn13(0), times=2)  # the first batch, and its second try
    catalogue.bus.add_listener(BookRegistered, killer.listener)
    try:
        report = await open_import(catalogue, source, batch_size=BATCH).run()
    finally:
        catalogue.bus.remove_listener(BookRegistered, killer.listener)
    assert report.imported == 0
    assert report.error == (
        "line 2 onwards not imported: the shared catalogue's server did not answer (the"
        " connection was lost); nothing was saved"
    )
    for raw in ("sqlalche.me", "SELECT", "INSERT", "asyncpg", "Error"):
        assert raw not in report.error
    again = await open_import(catalogue, source, batch_size=BATCH).run()
    assert (again.imported, again.error) == (3 * BATCH, "")
