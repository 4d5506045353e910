"""One write path: books registered one command per transaction and the same books registered
as an import's batch leave exactly the same rows, in every column of every table (read from
the database's own table definitions), on SQLite and PostgreSQL.

Only what differs from run to run by nature is set aside, each with its reason: the events'
ids and times (made when the handler runs), the transaction ids, and the registration time,
which must then equal its own ``BookRegistered`` event's time.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Awaitable, Callable
from contextlib import closing
from pathlib import Path
from typing import Any
from uuid import UUID

import asyncpg
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.bootstrap import Catalogue, open_catalogue
from core.domain.messages import RegisterBook
from core.domain.result import Ok
from tests.support.isbn import isbn13
from tests.support.postgres import dsn, empty_pg_catalogue

type Snapshot = dict[str, list[dict[str, Any]]]

NOT_COMPARED = {"books_fts", "alembic_version", "sqlite_sequence"}
"""SQLite's full-text index keeps its own segment layout (checked by searching instead) and
the schema revision is the same by construction."""
EVENT_IDENTITY = ("id", "created_at")
"""An event's id and time are made when its handler runs: they differ between two runs."""
EVENT_TYPES = {"book_registered_v1"}

text = st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=40).filter(
    str.strip
)
books = st.lists(
    st.tuples(text, text, st.integers(0, 999_999).map(isbn13)),
    min_size=1,
    max_size=25,
    unique_by=lambda book: book[2],
)


def _commands(generated: list[tuple[str, str, str]]) -> list[RegisterBook]:
    return [RegisterBook(title=t, author=a, isbn=i) for t, a, i in generated]


async def _one_by_one(catalogue: Catalogue, commands: list[RegisterBook]) -> None:
    for command in commands:
        assert await catalogue.execute(command) == Ok(...)


async def _as_a_batch(catalogue: Catalogue, commands: list[RegisterBook]) -> None:
    async with catalogue.batches() as batches:
        assert await (await batches.submit(commands)) == [Ok(...)] * len(commands)


def _normalised(snapshot: Snapshot) -> Snapshot:
    """Set aside the run-dependent values, after checking what they must agree with."""
    registered = {}
    for row in snapshot["messages"]:
        row["tx"] = "a transaction"
        if row["type"] in EVENT_TYPES:
            registered[str(json.loads(row["payload"])["id"])] = row["created_at"]
            row.update({name: "the event's" for name in EVENT_IDENTITY})
    for row in snapshot["books"]:
        assert row["registered_at"] == registered[str(UUID(str(row["id"])))]
        row["registered_at"] = "its event's time"
    for row in snapshot.get("copies", []):
        assert row["added_on"] == registered[str(UUID(str(row["book_id"])))]
        row.update({"id": "a new copy id", "added_on": "its book's registration time"})
    return {name: sorted(rows, key=repr) for name, rows in snapshot.items()}


def _sqlite_snapshot(path: Path) -> Snapshot:
    with closing(sqlite3.connect(path)) as raw:
        raw.row_factory = sqlite3.Row
        names = [
            row["name"]
            for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not any(row["name"].startswith(skipped) for skipped in NOT_COMPARED)
        ]
        return {
            name: [dict(row) for row in raw.execute(f'SELECT * FROM "{name}"')] for name in names
        }


async def _postgres_snapshot(url: str) -> Snapshot:
    connection = await asyncpg.connect(dsn(url))
    try:
        names = await connection.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        )
        snapshot = {}
        for (name,) in names:
            if name not in NOT_COMPARED:
                rows = await connection.fetch(f'SELECT * FROM "{name}"')
                snapshot[name] = [dict(row) for row in rows]
        return snapshot
    finally:
        await connection.close()


type Write = Callable[[Catalogue, list[RegisterBook]], Awaitable[None]]


async def _sqlite_rows(commands: list[RegisterBook], write: Write) -> Snapshot:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "library.sqlite3"
        async with open_catalogue(path) as catalogue:
            await write(catalogue, commands)
            assert await catalogue.views.count_books(commands[0].title) >= 1
        return _normalised(_sqlite_snapshot(path))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated=books)
async def test_sqlite_rows_of_a_batch_equal_rows_of_single_commands(
    generated: list[tuple[str, str, str]],
) -> None:
    """Every table of a SQLite catalogue holds the same rows either way."""
    commands = _commands(generated)
    single = await _sqlite_rows(commands, _one_by_one)
    batched = await _sqlite_rows(commands, _as_a_batch)
    assert batched == single


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated=books)
async def test_postgresql_rows_of_a_batch_equal_rows_of_single_commands(
    generated: list[tuple[str, str, str]], pg_database: str
) -> None:
    """Every table of a PostgreSQL catalogue holds the same rows either way."""
    commands = _commands(generated)
    snapshots = []
    async with open_catalogue(pg_database) as catalogue:
        for write in (_one_by_one, _as_a_batch):
            await empty_pg_catalogue(pg_database)
            await write(catalogue, commands)
            assert await catalogue.views.count_books(commands[0].title) >= 1
            snapshots.append(_normalised(await _postgres_snapshot(pg_database)))
    assert snapshots[1] == snapshots[0]
