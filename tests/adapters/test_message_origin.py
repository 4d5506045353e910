"""Every stored message says who issued it and from which desktop, on SQLite and PostgreSQL:
one command, a batch, an import's pipelined batches; the history's text filter finds it."""

from __future__ import annotations

import getpass
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from core.bootstrap import Catalogue, open_catalogue
from core.domain.messages import RegisterBook
from core.domain.result import Ok
from core.service.origin import Origin
from core.service.views import HistoryFilter
from tests.adapters.conftest import SQL_BACKENDS
from tests.support.isbn import isbn13
from tests.support.postgres import empty_pg_catalogue

ALICE = Origin("alice", "club-laptop")


def _book(n: int) -> RegisterBook:
    return RegisterBook(title=f"Book {n}", author="Someone", isbn=isbn13(n))


@pytest.fixture(params=SQL_BACKENDS)
async def alices(
    request: pytest.FixtureRequest, sqlite_path: Path, pg_database: str
) -> AsyncIterator[Catalogue]:
    """An empty catalogue opened by alice on club-laptop (SQLite file or PostgreSQL)."""
    url = str(sqlite_path) if request.param == "sqlite" else pg_database
    async with open_catalogue(url, origin=ALICE) as opened:
        if request.param == "postgresql":
            await empty_pg_catalogue(pg_database)
        yield opened


async def _origins(catalogue: Catalogue) -> set[Origin | None]:
    return {entry.origin for entry in await catalogue.views.history(limit=1000)}


async def test_a_command_and_its_event_say_who_issued_them(alices: Catalogue) -> None:
    """One command in its own transaction: both stored messages carry alice on club-laptop."""
    assert await alices.execute(_book(1)) == Ok(...)
    assert await _origins(alices) == {ALICE}


async def test_a_batch_stores_its_origin_on_every_message(alices: Catalogue) -> None:
    """Commands run as one transaction: each message of the batch carries the origin."""
    assert await alices.execute_many([_book(n) for n in range(5)]) == [Ok(...)] * 5
    assert await _origins(alices) == {ALICE}


async def test_an_imports_pipelined_batches_store_the_origin(alices: Catalogue) -> None:
    """The import path (batches written while the next is handled) keeps it too, with the
    copies' policy messages."""
    async with alices.batches() as pipeline:
        futures = [await pipeline.submit([_book(n) for n in range(s, s + 300)]) for s in (0, 300)]
        assert [len(await future) for future in futures] == [300, 300]
    entries = await alices.views.history(limit=5000)
    assert len(entries) >= 1200
    assert {entry.origin for entry in entries} == {ALICE}


async def test_the_history_text_filter_matches_who_and_which_desktop(alices: Catalogue) -> None:
    """Filtering by the user's name or the host name keeps the messages issued there."""
    await alices.execute(_book(1))
    for text in ("ALICE", "club-lap"):
        found = await alices.views.history(filter=HistoryFilter(events_only=True, text=text))
        assert [entry.payload["title"] for entry in found] == ["Book 1"]
    assert await alices.views.history(filter=HistoryFilter(text="bob")) == []


async def test_a_catalogue_opened_as_usual_stores_this_user_and_host(
    catalogue: Catalogue,
) -> None:
    """Without an origin given, the opening takes this process's user and host name."""
    await catalogue.execute(_book(1))
    assert await _origins(catalogue) == {Origin(getpass.getuser(), socket.gethostname())}


@pytest.mark.parametrize(
    "origin", [ALICE, Origin("bob@corp", "desk-2"), Origin("", "kiosk"), Origin("carol", "")]
)
def test_an_origin_reads_back_from_its_stored_text(origin: Origin) -> None:
    """The stored ``user@host`` text gives the same origin back (a user may hold an ``@``)."""
    assert Origin.from_stored(origin.stored()) == origin


def test_an_unknown_origin_is_stored_as_nothing() -> None:
    """Neither user nor host known: NULL, as for messages stored before origins were kept."""
    assert Origin("", "").stored() is None
    assert Origin.from_stored(None) is None
