"""The same CSV file imported into a PostgreSQL catalogue and into a SQLite one, side by side.

Each round imports a generated file through the bus (batches of 2,000, pipelined, COPY on
PostgreSQL, multi-row INSERTs on SQLite) into a fresh PostgreSQL database on 127.0.0.1:5432
and a fresh SQLite file, in alternating order. Targets (quality.md): at least 20,000 books/s
on PostgreSQL and at least 0.5x the SQLite rate of the same file in the same run.

    python -m bench.pg_import [--rows 100000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path
from typing import Any

from bench._report import median, report
from bench.csv_import import import_through_the_bus, write_csv
from tests.support.postgres import throwaway_pg_database


async def one_round(folder: Path, source: Path, rows: int, number: int) -> dict[str, float]:
    """Books/s into PostgreSQL and into SQLite, in alternating order."""
    seconds: dict[str, float] = {}
    for backend in ("postgresql", "sqlite") if number % 2 else ("sqlite", "postgresql"):
        if backend == "sqlite":
            database = folder / f"round{number}.sqlite3"
            seconds[backend] = await import_through_the_bus(database, source)
        else:
            async with throwaway_pg_database("reading_club_bench") as url:
                seconds[backend] = await import_through_the_bus(url, source)
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
        rounds = [asyncio.run(one_round(folder, source, args.rows, n)) for n in range(args.rounds)]
    figures: dict[str, Any] = {
        "rows": args.rows,
        "rounds": args.rounds,
        "postgresql_books_per_s": round(median([r["postgresql"] for r in rounds])),
        "sqlite_books_per_s": round(median([r["sqlite"] for r in rounds])),
        "postgresql_vs_sqlite": round(median([r["postgresql"] / r["sqlite"] for r in rounds]), 2),
    }
    report("pg_import", [(name, str(value)) for name, value in figures.items()], figures)
    return figures


if __name__ == "__main__":
    main()
