"""Copies and loans: a lend repainting its row, and the list sorted by availability.

1. Lend to repaint: in the real window (offscreen) on a catalogue of 100,000 books with two
   copies each and 100,000 open loans (copy #1 of every book), a ``LendCopy`` of a visible
   row's copy #2 submitted through the bridge, timed to the finished paint of the book table
   showing the row's new Availability (target: median 16 ms).
2. First page (200 rows) sorted by availability, both directions, and filtered to the lent
   and overdue books, at 100,000 books (target 10 ms) and at 1,000,000 books (target 50 ms).

The catalogues are built once by bulk inserts (not through the bus), with the availability
the projections would have kept, and cached outside the repository.

    python -m bench.loans [--books 100000] [--big 1000000] [--lends 40] [--rounds 7]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench._report import median, report, times_in_window, verdict
from bench.persistence import _row, build_quickly, cached_catalogue, insert_members, member_id
from core.bootstrap import open_catalogue
from core.service.views import BookQuery, BookSort, Shelf

REPAINT_TARGET_MS = 16.0
FIRST_PAGE_TARGET_MS = 10.0
BIG_FIRST_PAGE_TARGET_MS = 50.0
MEMBERS = 2_000
TODAY = date.today()


def loans_catalogue(books: int) -> Path:
    """A migrated catalogue of ``books`` books with copies #1 and #2, copy #1 of each lent
    (a tenth of the loans overdue); made once and cached."""

    def fill(raw: sqlite3.Connection) -> None:
        rnd, start = random.Random(3), datetime(2020, 1, 1, tzinfo=UTC)
        build_quickly(raw)
        insert_members(raw, MEMBERS)
        raw.executemany(
            "INSERT INTO books (id, title, author, isbn, registered_at, title_key, author_key,"
            " search_text, copy_count, available, due_on, borrower)"
            " VALUES (?,?,?,?,?,?,?,?,2,1,?,?)",
            ((*_row(i, rnd, start), _due(i).isoformat(), f"M{i % MEMBERS}") for i in range(books)),
        )
        raw.executemany(
            "INSERT INTO copies (id, book_id, number, added_on) VALUES (?,?,?,?)",
            _copies(books, start),
        )
        raw.executemany(
            "INSERT INTO loans (id, copy_id, book_id, member_id, lent_on, due_on)"
            " VALUES (?,?,?,?,?,?)",
            (
                (
                    uuid.UUID(int=(3 << 100) + i).hex,
                    _copy_id(i, 1).hex,
                    _book_id(i).hex,
                    member_id(i % MEMBERS).hex,
                    (_due(i) - timedelta(days=21)).isoformat(),
                    _due(i).isoformat(),
                )
                for i in range(books)
            ),
        )
        raw.execute("ANALYZE")

    return cached_catalogue(f"loans-{books}-v1.sqlite3", fill)


def _due(i: int) -> date:
    return TODAY + timedelta(days=(i % 40) - 4)  # a tenth overdue


def _copies(books: int, start: datetime) -> Iterator[tuple[Any, ...]]:
    added = start.strftime("%Y-%m-%d %H:%M:%S.%f")
    for i in range(books):
        for number in (1, 2):
            yield _copy_id(i, number).hex, _book_id(i).hex, number, added


def _book_id(i: int) -> uuid.UUID:
    return uuid.UUID(int=i + 1)


def _copy_id(i: int, number: int) -> uuid.UUID:
    return uuid.UUID(int=(number << 110) + i)


async def first_pages(path: Path, rounds: int) -> dict[str, float]:
    """Median ms of the first pages by availability (both ways) and of two filters."""
    queries = {
        "by_availability_ms": BookQuery(sort=BookSort.availability),
        "by_availability_desc_ms": BookQuery(sort=BookSort.availability, descending=True),
        "lent_by_title_ms": BookQuery(shelf=Shelf.lent),
        "overdue_by_availability_ms": BookQuery(sort=BookSort.availability, shelf=Shelf.overdue),
    }
    figures: dict[str, float] = {}
    async with open_catalogue(path) as catalogue:
        views = catalogue.views
        for name, query in queries.items():
            times = []
            for _ in range(rounds):
                started = time.perf_counter()
                await views.list_books(query)
                times.append(time.perf_counter() - started)
            figures[name] = round(median(times) * 1e3, 2)
    return figures


def repaint_times(path: Path, lends: int) -> list[float]:
    """ms from a lend submitted in the window to the finished paint of its availability."""

    async def timed() -> list[float]:
        from bench.loans_window import timed_lends

        return await timed_lends(path, lends)

    return times_in_window("bench-loans", timed)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Measure both parts, print the table and the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--books", type=int, default=100_000)
    parser.add_argument("--big", type=int, default=1_000_000)
    parser.add_argument("--lends", type=int, default=40, help="lends timed in the window")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rc-bench-loans-") as tmp:
        copy = Path(tmp) / "catalogue.sqlite3"
        shutil.copyfile(loans_catalogue(args.books), copy)
        times = repaint_times(copy, args.lends)
    small = asyncio.run(first_pages(loans_catalogue(args.books), args.rounds))
    big = asyncio.run(first_pages(loans_catalogue(args.big), args.rounds)) if args.big else {}
    repaint = round(median(times), 1)
    figures: dict[str, Any] = {
        "books": args.books,
        "open_loans": args.books,
        "lend_repaint_ms": repaint,
        "lend_repaint_max_ms": round(max(times), 1),
        "lends_timed": len(times),
        **{f"first_page_{name}": value for name, value in small.items()},
        **{f"big_first_page_{name}": value for name, value in big.items()},
        "lend_repaint_target": verdict(repaint, REPAINT_TARGET_MS),
        "first_page_target": verdict(max(small.values()), FIRST_PAGE_TARGET_MS),
    }
    if big:
        figures["big_books"] = args.big
        figures["big_first_page_target"] = verdict(max(big.values()), BIG_FIRST_PAGE_TARGET_MS)
    report("loans", [(name, str(value)) for name, value in figures.items()], figures)
    return figures


if __name__ == "__main__":
    main()
