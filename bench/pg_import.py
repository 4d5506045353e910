"""The same CSV file imported into a PostgreSQL catalogue and into a SQLite one, side by side.

Each round imports a generated file through the bus (batches of 2,000, pipelined, COPY on
PostgreSQL, multi-row INSERTs on SQLite) into a fresh PostgreSQL database on 127.0.0.1:5432
and a fresh SQLite file, in alternating order. Targets (quality.md): at least 20,000 books/s
on PostgreSQL and at least 0.5x the SQLite rate of the same file in the same run.

Baseline, in the same round: the server's share alone. The rows the import writes (each book,
its copy #1, its two messages), made before timing, COPY'd into a fresh migrated catalogue
2,000 books a transaction with one NOTIFY each, one transaction after the other as the
import's commits are: no file, no bus, no application. The import cannot be faster than
that on the same machine; ``postgresql_vs_raw_copy`` says how close it comes.

    python -m bench.pg_import [--rows 100000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg

from bench._report import median, report
from bench.csv_import import import_through_the_bus, write_csv
from bench.persistence import isbn13
from core.adapters.rows import (
    AVAILABLE,
    BOOK_COLUMNS,
    COPY_COLUMNS,
    COPY_COUNT,
    MESSAGE_COLUMNS,
    REGISTERED_AT,
    book_row,
    copy_row,
    message_row,
)
from core.bootstrap import open_catalogue
from core.bus.ids import uuid7
from core.domain.loan import Copy
from core.domain.messages import BookRegistered, RegisterBook
from core.domain.model import Book
from core.transfer.importer import BATCH_SIZE
from tests.support.postgres import dsn, throwaway_pg_database

DIALECT = "postgresql"
ORIGIN = "bench@localhost"
"""Who stored the messages (``Origin.stored()`` gives a text of this kind)."""
type Batch = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]


def raw_batches(rows: int) -> list[Batch]:
    """The rows the import writes for ``rows`` books (each book with its copy #1 counted, the
    copy, its ``RegisterBook`` and ``BookRegistered``), made by the import's own row builders
    (``core.adapters.rows``) before timing, 2,000 books a transaction."""
    now = datetime.now(UTC)
    batches: list[Batch] = []
    for first in range(0, rows, BATCH_SIZE):
        books, copies, messages = [], [], []
        tx = uuid7()
        for i in range(first, min(first + BATCH_SIZE, rows)):
            command = RegisterBook(title=f"Title {i}", author=f"Author {i % 5000}", isbn=isbn13(i))
            fields = {"id": command.id, "title": command.title, "author": command.author}
            fields["isbn"] = command.isbn
            book = book_row(DIALECT, Book(**fields))
            book[REGISTERED_AT], book[COPY_COUNT], book[AVAILABLE] = now, 1, 1
            books.append(tuple(book))
            copy = Copy(id=uuid7(), book_id=command.id, number=1, added_on=now)
            copies.append(tuple(copy_row(DIALECT, copy)))
            event = BookRegistered(**fields, registered_at=now)
            messages += [message_row(DIALECT, m, tx, ORIGIN) for m in (command, event)]
        batches.append((books, copies, messages))
    return batches


async def raw_copy(batches: list[Batch]) -> float:
    """Seconds to COPY ``batches`` into a fresh migrated catalogue, one transaction each."""
    async with throwaway_pg_database("reading_club_bench") as url:
        async with open_catalogue(url):
            pass  # migrated
        connection = await asyncpg.connect(dsn(url))
        try:
            start = time.perf_counter()
            for books, copies, messages in batches:
                async with connection.transaction():
                    for table, columns, records in (
                        ("books", BOOK_COLUMNS, books),
                        ("copies", COPY_COLUMNS, copies),
                        ("messages", MESSAGE_COLUMNS, messages),
                    ):
                        await connection.copy_records_to_table(
                            table, records=records, columns=columns
                        )
                    await connection.execute("SELECT pg_notify('bench', 'batch')")
            return time.perf_counter() - start
        finally:
            await connection.close()


async def one_round(
    folder: Path, source: Path, batches: list[Batch], rows: int, number: int
) -> dict[str, float]:
    """Books/s into PostgreSQL and into SQLite, in alternating order, then the raw COPY."""
    seconds: dict[str, float] = {}
    for backend in ("postgresql", "sqlite") if number % 2 else ("sqlite", "postgresql"):
        if backend == "sqlite":
            database = folder / f"round{number}.sqlite3"
            seconds[backend] = await import_through_the_bus(database, source)
        else:
            async with throwaway_pg_database("reading_club_bench") as url:
                seconds[backend] = await import_through_the_bus(url, source)
    seconds["raw_copy"] = await raw_copy(batches)
    return {backend: rows / elapsed for backend, elapsed in seconds.items()}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Run the rounds and print the table and the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = write_csv(folder / "books.csv", args.rows)
        batches = raw_batches(args.rows)
        rounds = [
            asyncio.run(one_round(folder, source, batches, args.rows, n))
            for n in range(args.rounds)
        ]
    figures: dict[str, Any] = {
        "rows": args.rows,
        "rounds": args.rounds,
        "postgresql_books_per_s": round(median([r["postgresql"] for r in rounds])),
        "sqlite_books_per_s": round(median([r["sqlite"] for r in rounds])),
        "postgresql_vs_sqlite": round(median([r["postgresql"] / r["sqlite"] for r in rounds]), 2),
        "raw_copy_books_per_s": round(median([r["raw_copy"] for r in rounds])),
        "postgresql_vs_raw_copy": round(
            median([r["postgresql"] / r["raw_copy"] for r in rounds]), 2
        ),
    }
    report("pg_import", [(name, str(value)) for name, value in figures.items()], figures)
    return figures


if __name__ == "__main__":
    main()
