"""Members and reviews: a review repainting its row, and the list sorted by rating.

1. Review to repaint: in the real window (offscreen) on a catalogue of 100,000 books, a
   ``ReviewBook`` submitted through the bridge, timed to the finished paint of the book table
   showing the row's new Rating (target: median 16 ms at 100k).
2. First page (200 rows) sorted by rating (both directions) and by review count, on a
   catalogue of 1,000,000 books and 1,000,000 reviews (target: 50 ms); a book's reviews (the
   book page) and the member list for reference.

The catalogues are built once by bulk inserts (not through the bus), with the ratings tally
the projections would have kept, and cached outside the repository.

    python -m bench.club [--books 100000] [--reviews 40] [--big 1000000] [--rounds 7]
                         [--postgresql]
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
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench._report import median, report, times_in_window, verdict
from bench.persistence import _row, build_quickly, cached_catalogue, insert_members, member_id
from core.adapters.migrate import known_revisions
from core.bootstrap import open_catalogue
from core.domain.member import nickname_key
from core.service.views import BookQuery, BookSort

REPAINT_TARGET_MS = 16.0
FIRST_PAGE_TARGET_MS = 50.0
MEMBERS = 2_000


def club_catalogue(books: int, reviews: int) -> Path:
    """A migrated catalogue of ``books`` books, ``MEMBERS`` members and about ``reviews``
    reviews (skewed: a few books have many), with their tallies; made once and cached."""
    schema = "-".join(sorted(known_revisions()))  # another migration: another catalogue

    def fill(raw: sqlite3.Connection) -> None:
        rnd, start = random.Random(2), datetime(2020, 1, 1, tzinfo=UTC)
        pairs, tallies = _reviews(books, reviews, rnd)
        build_quickly(raw)
        raw.executemany(
            "INSERT INTO books (id, title, author, isbn, registered_at, title_key, author_key,"
            " search_text, review_count, rate_sum, rating) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (_rated_row(i, rnd, start, tallies.get(i)) for i in range(books)),
        )
        insert_members(raw, MEMBERS)
        raw.executemany(
            "INSERT INTO reviews (id, member_id, book_id, rate, comment, written_at)"
            " VALUES (?,?,?,?,?,?)",
            (
                (
                    uuid.UUID(int=(1 << 100) + n).hex,
                    member_id(member).hex,
                    uuid.UUID(int=book + 1).hex,
                    rate,
                    "",
                    (start + timedelta(minutes=n)).strftime("%Y-%m-%d %H:%M:%S.%f"),
                )
                for n, ((member, book), rate) in enumerate(pairs.items())
            ),
        )

    return cached_catalogue(f"club-{books}-{reviews}-{schema}.sqlite3", fill)


def _reviews(
    books: int, reviews: int, rnd: random.Random
) -> tuple[dict[tuple[int, int], int], dict[int, list[int]]]:
    """(member, book) → rate for about ``reviews`` reviews, and each book's [count, sum]."""
    pairs: dict[tuple[int, int], int] = {}
    while len(pairs) < reviews:
        book = int(books * rnd.random() ** 3)  # the first books get most reviews
        pairs.setdefault((rnd.randrange(MEMBERS), book), rnd.randrange(11))
    tallies: dict[int, list[int]] = {}
    for (_, book), rate in pairs.items():
        tally = tallies.setdefault(book, [0, 0])
        tally[0] += 1
        tally[1] += rate
    return pairs, tallies


async def postgresql_reads(books: int, reviews: int, rounds: int) -> dict[str, float]:
    """:func:`reads` on a throwaway PostgreSQL catalogue filled by COPY."""
    import asyncpg

    from tests.support.postgres import dsn, throwaway_pg_database

    async with throwaway_pg_database("reading_club_bench") as url:
        async with open_catalogue(url):
            pass
        rnd, start = random.Random(2), datetime(2020, 1, 1, tzinfo=UTC)
        pairs, tallies = _reviews(books, reviews, rnd)
        connection = await asyncpg.connect(dsn(url))
        try:
            book_rows = []
            for i in range(books):
                row = _rated_row(i, rnd, start, tallies.get(i))
                registered = datetime.fromisoformat(row[4]).replace(tzinfo=UTC)
                book_rows.append((uuid.UUID(row[0]), *row[1:4], registered, *row[5:]))
            await connection.copy_records_to_table("books", records=book_rows, columns=_BOOK)
            members = [(member_id(m), f"M{m}", nickname_key(f"M{m}")) for m in range(MEMBERS)]
            await connection.copy_records_to_table(
                "members", records=members, columns=("id", "nickname", "nickname_key")
            )
            review_rows = [
                (
                    uuid.UUID(int=(1 << 100) + n),
                    member_id(member),
                    uuid.UUID(int=book + 1),
                    rate,
                    start + timedelta(minutes=n),
                )
                for n, ((member, book), rate) in enumerate(pairs.items())
            ]
            await connection.copy_records_to_table("reviews", records=review_rows, columns=_REVIEW)
            await connection.execute("UPDATE book_count SET n = $1", books)
            await connection.execute("ANALYZE")
        finally:
            await connection.close()
        return await reads(url, rounds)


_BOOK = (
    "id",
    "title",
    "author",
    "isbn",
    "registered_at",
    "title_key",
    "author_key",
    "search_text",
    "review_count",
    "rate_sum",
    "rating",
)
_REVIEW = ("id", "member_id", "book_id", "rate", "written_at")


def _rated_row(i: int, rnd: random.Random, start: datetime, tally: list[int] | None) -> Any:
    count, total = tally or (0, 0)
    return (*_row(i, rnd, start), count, total, total / count if count else None)


async def reads(path: Path | str, rounds: int) -> dict[str, float]:
    """Median ms of the first pages sorted by rating and reviews, and of two club views."""
    queries = {
        "first_page_by_rating_ms": BookQuery(sort=BookSort.rating),
        "first_page_by_rating_desc_ms": BookQuery(sort=BookSort.rating, descending=True),
        "first_page_by_reviews_desc_ms": BookQuery(sort=BookSort.reviews, descending=True),
    }
    figures: dict[str, float] = {}
    async with open_catalogue(path) as catalogue:
        views = catalogue.views
        figures["books"] = await views.count_books()
        top = (await views.list_books(BookQuery(sort=BookSort.reviews, descending=True)))[0]
        figures["most_reviews"] = top.reviews
        calls = {name: (lambda q=query: views.list_books(q)) for name, query in queries.items()}
        calls["reviews_of_the_most_reviewed_book_ms"] = lambda: views.reviews(book_id=top.id)
        calls["members_ms"] = views.members
        for name, call in calls.items():
            times = []
            for _ in range(rounds):
                started = time.perf_counter()
                await call()
                times.append(time.perf_counter() - started)
            figures[name] = round(median(times) * 1e3, 2)
    return figures


def repaint_times(path: Path, reviews: int) -> list[float]:
    """ms from a review submitted in the window to the finished paint of its new rating."""

    async def timed() -> list[float]:
        from bench.club_window import timed_reviews

        return await timed_reviews(path, reviews)

    return times_in_window("bench-club", timed)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Measure both parts, print the table and the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--books", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=40, help="reviews timed in the window")
    parser.add_argument("--big", type=int, default=1_000_000, help="books and reviews")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument(
        "--postgresql", action="store_true", help="also the first pages on PostgreSQL"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rc-bench-club-") as tmp:
        copy = Path(tmp) / "catalogue.sqlite3"
        shutil.copyfile(club_catalogue(args.books, args.books), copy)
        times = repaint_times(copy, args.reviews)
    read = asyncio.run(reads(club_catalogue(args.big, args.big), args.rounds))
    if args.postgresql:
        pg = asyncio.run(postgresql_reads(args.big, args.big, args.rounds))
        read.update({f"postgresql_{name}": value for name, value in pg.items()})
    repaint = round(median(times), 1)
    first_page = max(read[name] for name in read if name.startswith("first_page"))
    figures: dict[str, Any] = {
        "books_window": args.books,
        "review_repaint_ms": repaint,
        "review_repaint_max_ms": round(max(times), 1),
        "reviews_timed": len(times),
        **read,
        "review_repaint_target": verdict(repaint, REPAINT_TARGET_MS),
        "first_page_by_rating_target": verdict(first_page, FIRST_PAGE_TARGET_MS),
    }
    if args.postgresql:
        pg_first = max(read[name] for name in read if name.startswith("postgresql_first"))
        figures["postgresql_first_page_by_rating_target"] = verdict(pg_first, FIRST_PAGE_TARGET_MS)
    rows = [(name, str(value)) for name, value in figures.items()]
    report("club", rows, figures)
    return figures


if __name__ == "__main__":
    main()
