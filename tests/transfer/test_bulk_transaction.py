"""A bulk batch is one transaction even though SQLite starts writing it before it is handled
to the end (``BulkUnitOfWork.write_ahead``): a failure late in the batch keeps nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from core.adapters.bulk import WRITE_AHEAD, register_in_bulk
from core.bootstrap import open_catalogue
from core.bus import Message
from core.domain.messages import BookRegistered, RegisterBook
from core.domain.result import Ok
from core.service.uow import AbstractUnitOfWork
from tests.support.isbn import isbn13

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
