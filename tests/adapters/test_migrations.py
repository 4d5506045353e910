"""Schema migrations: new and old databases reach the head revision with their data."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from core.adapters.engine import create_engine
from core.adapters.migrate import HEAD, current_revision, head_revision, upgrade
from core.adapters.rows import sqlite_time
from core.bootstrap import database_url, open_catalogue
from core.domain.messages import BookRegistered
from core.service.views import BookQuery
from tests.support.postgres import throwaway_pg_database

OLD_BOOK = {
    "id": "0190c2a6b7d27a3f8a11d1c7e2d3a4b5",
    "title": "Les Misérables",
    "author": "Victor Hugo",
    "isbn": "9780140444308",
}


def _insert_old_book(connection: Connection) -> None:
    columns = [sa.column(name) for name in OLD_BOOK if name != "id"]
    books = sa.table("books", sa.column("id", sa.Uuid()), *columns)
    connection.execute(sa.insert(books).values(dict(OLD_BOOK, id=uuid.UUID(OLD_BOOK["id"]))))


async def _database_at(url: str, revision: str, fill: Callable[[Connection], None]) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(upgrade, revision)
            await connection.run_sync(fill)
    finally:
        await engine.dispose()


async def _database_at_first_revision(url: str) -> None:
    await _database_at(url, "0001", _insert_old_book)


OLD_EVENT = BookRegistered(
    id=uuid.UUID(OLD_BOOK["id"]), title="Les Misérables", author="Victor Hugo", isbn="9780140444308"
)


def _insert_old_message(connection: Connection) -> None:
    columns = ("created_at", "type", "metadata", "payload")
    messages = sa.table("messages", sa.column("id", sa.Uuid()), *map(sa.column, columns))
    row = {
        "id": OLD_EVENT.message_id,
        "created_at": sqlite_time(OLD_EVENT.created_at),
        "type": "book_registered_v1",
        "metadata": OLD_EVENT.metadata.model_dump_json(),
        "payload": OLD_EVENT.model_dump_json(exclude={"message_id", "created_at", "metadata"}),
    }
    if connection.dialect.name == "postgresql":
        row["created_at"] = OLD_EVENT.created_at  # type: ignore[assignment]
    connection.execute(sa.insert(messages).values(row))


async def _old_message_survives_without_origin(url: str) -> None:
    await _database_at(url, "0006", _insert_old_message)
    async with open_catalogue(url) as catalogue:
        [entry] = await catalogue.views.history()
        assert (entry.id, entry.origin) == (OLD_EVENT.message_id, None)
        assert entry.message() == OLD_EVENT
    assert await _revision(url) == head_revision()


async def test_a_sqlite_files_old_messages_keep_no_origin(tmp_path: Path) -> None:
    """Messages stored before revision 0008 survive it, their origin unknown (NULL)."""
    await _old_message_survives_without_origin(database_url(tmp_path / "old.sqlite3"))


async def test_a_postgresql_databases_old_messages_keep_no_origin() -> None:
    """The same on PostgreSQL: the old message is read back, with no origin."""
    async with throwaway_pg_database() as url:
        await _old_message_survives_without_origin(url)


async def _revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(current_revision)
    finally:
        await engine.dispose()


async def test_an_empty_file_becomes_a_catalogue_at_head(tmp_path: Path) -> None:
    """Opening an empty (zero-byte) file migrates it to the newest revision."""
    path = tmp_path / "library.sqlite3"
    path.touch()
    async with open_catalogue(path) as catalogue:
        assert await catalogue.views.count_books() == 0
    assert await _revision(database_url(path)) == head_revision()


async def test_a_sqlite_file_at_the_first_revision_reaches_head_with_its_books(
    tmp_path: Path,
) -> None:
    """A revision-0001 file keeps its book, which becomes searchable and counted."""
    url = database_url(tmp_path / "old.sqlite3")
    await _database_at_first_revision(url)
    async with open_catalogue(url) as catalogue:
        assert await catalogue.views.count_books() == 1
        [row] = await catalogue.views.list_books(BookQuery(search="miserables"))
        assert (row.title, row.author, row.isbn) == (
            "Les Misérables",
            "Victor Hugo",
            OLD_BOOK["isbn"],
        )
        assert (row.copies, row.available) == (1, 1)  # revision 0006 gave it its copy #1
        [copy] = await catalogue.views.copies(row.id)
        assert (copy.number, copy.loan) == (1, None)
    assert await _revision(url) == head_revision()
    with closing(sqlite3.connect(tmp_path / "old.sqlite3")) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)


async def test_a_postgresql_database_at_the_first_revision_reaches_head_with_its_books() -> None:
    """The same upgrade on PostgreSQL keeps the book and makes it searchable and counted."""
    async with throwaway_pg_database() as url:
        await _database_at_first_revision(url)
        async with open_catalogue(url) as catalogue:
            assert await catalogue.views.count_books() == 1
            assert await catalogue.views.count_books("hugo") == 1
            [copy] = await catalogue.views.copies(uuid.UUID(OLD_BOOK["id"]))
            assert copy.number == 1
        assert await _revision(url) == head_revision()


async def test_the_sqlite_pragmas_are_set_on_every_connection(tmp_path: Path) -> None:
    """WAL, synchronous=NORMAL, foreign keys and a busy timeout are in force."""
    engine = create_engine(database_url(tmp_path / "library.sqlite3"))
    try:
        async with engine.connect() as connection:
            values = [
                (await connection.exec_driver_sql(f"PRAGMA {name}")).scalar_one()
                for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
            ]
    finally:
        await engine.dispose()
    assert values == ["wal", 1, 1, 5000]


def test_the_head_the_app_checks_without_alembic_is_alembics_head() -> None:
    """``migrate.HEAD`` (read at every start instead of importing Alembic) is the newest
    script's revision."""
    assert head_revision() == HEAD


def test_opening_an_up_to_date_catalogue_does_not_import_alembic(tmp_path: Path) -> None:
    """A catalogue at the head opens without loading Alembic (start-up time)."""
    path = tmp_path / "library.sqlite3"
    program = (
        "import asyncio, sys\n"
        "from core.bootstrap import open_catalogue\n"
        "async def main():\n"
        f"    async with open_catalogue({str(path)!r}):\n"
        "        pass\n"
        "asyncio.run(main())\n"
        "print('alembic' in sys.modules)\n"
    )
    first = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    again = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert (first.stdout.strip(), again.stdout.strip()) == ("True", "False"), again.stderr
