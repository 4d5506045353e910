"""Persistence costs on SQLite files, each compared with a baseline measured in the same run.

1. One ``RegisterBook`` through bus + SQLModel unit of work + message store, one transaction per
   command (``catalogue.execute``), against a bare async SQLAlchemy insert-and-commit of the same
   row (target: at most 3x).
2. First page (200 rows) sorted by each column, and a search matching about 1%, on a generated
   catalogue (target: at most 10 ms at 100,000 books, 50 ms at 1,000,000).

    python -m bench.persistence [--books 100000] [--commands 300] [--rounds 7]

The generated catalogue is cached outside the repository (platformdirs' user cache directory).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import platformdirs
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from stdnum import ean

from bench._report import median, report
from core.adapters.rows import book_values
from core.bootstrap import open_catalogue
from core.domain.member import nickname_key
from core.domain.messages import RegisterBook
from core.domain.model import Book
from core.service.views import BookQuery, BookSort

WORDS = [f"w{i:03d}x" for i in range(200)]  # two words per title: each matches ~1%


def isbn13(i: int) -> str:
    """The i-th valid ISBN-13 of the 978 prefix."""
    digits = f"978{i:09d}"
    return digits + ean.calc_check_digit(digits)


async def _bare_engine(path: Path) -> tuple[AsyncEngine, sa.Table]:
    engine = create_async_engine(f"sqlite+aiosqlite:///{path}")

    @sa.event.listens_for(engine.sync_engine, "connect")
    def _pragmas(connection: Any, _: Any) -> None:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")

    table = sa.Table(
        "books",
        sa.MetaData(),
        sa.Column("id", sa.Uuid, primary_key=True),
        *(sa.Column(name, sa.String) for name in ("title", "author")),
        sa.Column("isbn", sa.String, unique=True),
    )
    async with engine.begin() as connection:
        await connection.run_sync(table.metadata.create_all)
    return engine, table


async def per_command(commands: int, rounds: int) -> dict[str, float]:
    """Median µs per command through the full stack and per bare insert-and-commit."""
    numbers = iter(range(1, 10**9))
    full, bare = [], []
    with tempfile.TemporaryDirectory() as tmp:
        engine, table = await _bare_engine(Path(tmp) / "bare.sqlite3")
        async with open_catalogue(Path(tmp) / "catalogue.sqlite3") as catalogue:
            for _ in range(rounds):
                cmds = [
                    RegisterBook(title=f"Title {n}", author=f"Author {n}", isbn=isbn13(n))
                    for n in (next(numbers) for _ in range(commands))
                ]
                start = time.perf_counter()
                for cmd in cmds:
                    assert (await catalogue.execute(cmd)).is_ok()
                full.append((time.perf_counter() - start) / commands)
                rows = [
                    {
                        "id": uuid.uuid4(),
                        "title": f"Title {n}",
                        "author": f"Author {n}",
                        "isbn": isbn13(n),
                    }
                    for n in (next(numbers) for _ in range(commands))
                ]
                start = time.perf_counter()
                for row in rows:
                    async with engine.begin() as connection:
                        await connection.execute(sa.insert(table), row)
                bare.append((time.perf_counter() - start) / commands)
        await engine.dispose()
    ratios = [f / b for f, b in zip(full, bare, strict=True)]
    return {
        "execute_us": round(median(full) * 1e6),
        "bare_insert_commit_us": round(median(bare) * 1e6),
        "execute_vs_bare": round(median(ratios), 2),
    }


def cached_catalogue(name: str, fill: Callable[[sqlite3.Connection], None]) -> Path:
    """The catalogue ``name`` of the bench cache, made once: migrated to the newest schema by
    opening it, filled by ``fill`` in one transaction of a raw connection, and renamed into
    place only once complete."""
    path = platformdirs.user_cache_path("reading-club-bench") / name
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)

    async def migrate() -> None:
        async with open_catalogue(partial):
            pass

    asyncio.run(migrate())
    with closing(sqlite3.connect(partial)) as raw, raw:
        fill(raw)
    partial.rename(path)
    return path


def build_quickly(raw: sqlite3.Connection) -> None:
    """A build, not the app: a big page cache (indexes filled in random order) and no
    journal (the file is renamed into place only once complete)."""
    raw.execute("PRAGMA cache_size = -1000000")
    raw.execute("PRAGMA journal_mode = OFF")
    raw.execute("PRAGMA synchronous = OFF")


def insert_members(raw: sqlite3.Connection, count: int) -> None:
    """Members ``M0`` to ``M{count - 1}``, with the ids of :func:`member_id`."""
    raw.executemany(
        "INSERT INTO members (id, nickname, nickname_key, email, former) VALUES (?,?,?,?,0)",
        ((member_id(m).hex, f"M{m}", nickname_key(f"M{m}"), "") for m in range(count)),
    )


def member_id(number: int) -> uuid.UUID:
    """The id of generated member ``number``."""
    return uuid.UUID(int=(1 << 120) + number)


def generated_catalogue(books: int) -> Path:
    """A migrated catalogue of ``books`` seeded-random books, made once and cached."""

    def fill(raw: sqlite3.Connection) -> None:
        rnd, start = random.Random(1), datetime(2020, 1, 1, tzinfo=UTC)
        raw.executemany(
            "INSERT INTO books (id, title, author, isbn, registered_at, title_key, author_key,"
            " search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (_row(i, rnd, start) for i in range(books)),
        )

    return cached_catalogue(f"books-{books}-v2.sqlite3", fill)


def _row(i: int, rnd: random.Random, start: datetime) -> tuple[Any, ...]:
    title = f"{rnd.choice(WORDS)} {rnd.choice(WORDS)} book {i}"
    author = f"Author {rnd.randrange(50_000)}"
    book = Book.model_construct(id=uuid.UUID(int=i + 1), title=title, author=author, isbn=isbn13(i))
    v = book_values(book)
    registered = (start + timedelta(seconds=i)).strftime("%Y-%m-%d %H:%M:%S.%f")
    return (
        v["id"].hex,
        v["title"],
        v["author"],
        v["isbn"],
        registered,
        v["title_key"],
        v["author_key"],
        v["search_text"],
    )


async def reads(path: Path, rounds: int) -> dict[str, float]:
    """Median ms of each first-page query on the catalogue at ``path``."""
    queries = {f"first_page_by_{s.name}_ms": BookQuery(sort=s) for s in BookSort}
    queries["search_1pct_ms"] = BookQuery(search=WORDS[42])
    queries["search_1pct_by_registered_desc_ms"] = BookQuery(
        search=WORDS[42], sort=BookSort.registered_at, descending=True
    )
    figures: dict[str, float] = {}
    async with open_catalogue(path) as catalogue:
        figures["books"] = await catalogue.views.count_books()
        figures["search_matches"] = await catalogue.views.count_books(WORDS[42])
        for name, query in queries.items():
            times = []
            for _ in range(rounds):
                start = time.perf_counter()
                await catalogue.views.list_books(query)
                times.append(time.perf_counter() - start)
            figures[name] = round(median(times) * 1e3, 2)
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            await catalogue.views.count_books()
            times.append(time.perf_counter() - start)
        figures["count_all_ms"] = round(median(times) * 1e3, 2)
    return figures


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Run both measurements and print the table and the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--books", type=int, default=100_000)
    parser.add_argument("--commands", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    writes = asyncio.run(per_command(args.commands, args.rounds))
    figures: dict[str, Any] = {
        **writes,
        **asyncio.run(reads(generated_catalogue(args.books), args.rounds)),
    }
    rows = [(name, str(value)) for name, value in figures.items()]
    report("persistence", rows, figures)
    return figures


if __name__ == "__main__":
    main()
