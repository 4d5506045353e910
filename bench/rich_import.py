"""A Goodreads library export of 100,000 rows — ratings, reviews, shelves, some rows without an
ISBN — imported through the bus into a fresh SQLite catalogue, with the plain path (a
three-column spreadsheet of the same count, ``bench.csv_import``'s file) measured side by side
in the same round. Targets: ≥ 10,000 books/s for the Goodreads file, ≥ 20,000 for the plain one.

    python -m bench.rich_import [--rows 100000] [--rounds 3] [--member NAME]
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._report import median, report
from bench.csv_import import write_csv as write_plain_csv
from bench.persistence import isbn13
from core.bootstrap import open_catalogue
from core.transfer.catalogue_files import open_import
from core.transfer.importer import ImportReport
from core.tuning import ImportTuning

GOODREADS_HEADER = [
    *("Book Id", "Title", "Author", "Author l-f", "Additional Authors", "ISBN", "ISBN13"),
    *("My Rating", "Average Rating", "Publisher", "Binding", "Number of Pages"),
    *("Year Published", "Original Publication Year", "Date Read", "Date Added", "Bookshelves"),
    *("Bookshelves with positions", "Exclusive Shelf", "My Review", "Spoiler", "Private Notes"),
    *("Read Count", "Recommended For", "Recommended By", "Owned Copies"),
    *("Original Purchase Date", "Original Purchase Location", "Condition"),
    *("Condition Description", "BCID"),
]
"""Goodreads' 31 columns, in their order."""
SHELVES = ("classics", "sci-fi", "fantasy", "history", "poetry", "book-club", "favourites")
MEMBER = "reader"
"""The member the file's ratings and reviews are imported as."""
NO_ISBN_EVERY = 20
"""One row in 20 has no ISBN (``=""``: Kindle editions): matched by title and author."""


def goodreads_row(n: int, owned: int | None = None) -> list[str]:
    """Row ``n`` of the export: real cell shapes (``="..."`` ISBNs, HTML reviews); ``owned``
    copies of each book (0 and 1 in turn by default)."""
    isbn = "" if n % NO_ISBN_EVERY == 0 else isbn13(n)
    shelves = f"{SHELVES[n % 7]}, {SHELVES[(n // 7) % 7]}"
    rating = str(n % 6)
    review = f"Book {n} was <i>fine</i>.<br/><br/>Would read again &amp; again." if n % 3 else ""
    cells = dict.fromkeys(GOODREADS_HEADER, "")
    cells.update(
        {
            "Book Id": str(1_000_000 + n),
            "Title": f"Title {n}",
            "Author": f"Author {n % 5000}",
            "Author l-f": f"{n % 5000}, Author",
            "ISBN": '=""',
            "ISBN13": f'="{isbn}"',
            "My Rating": rating,
            "Date Read": f"2023/{1 + n % 12:02d}/{1 + n % 28:02d}" if n % 2 else "",
            "Date Added": "2022/12/01",
            "Bookshelves": shelves,
            "Exclusive Shelf": "read" if n % 2 else "to-read",
            "My Review": review,
            "Owned Copies": str(n % 2 if owned is None else owned),
        }
    )
    return list(cells.values())


def write_goodreads(path: Path, rows: int, owned: int | None = None) -> Path:
    """A Goodreads library export of ``rows`` books."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(GOODREADS_HEADER)
        writer.writerows(goodreads_row(n, owned) for n in range(rows))
    return path


async def timed_import(
    database: Path, source: Path, member: str = ""
) -> tuple[float, ImportReport]:
    """Seconds to import ``source`` (ratings and reviews as ``member``) into a fresh catalogue
    at ``database``, and the report."""
    async with open_catalogue(database) as catalogue:
        job = open_import(catalogue, source, tuning=ImportTuning(), member=member)
        start = time.perf_counter()
        result = await job.run()
        elapsed = time.perf_counter() - start
    assert not result.failed, result.as_text()[:2000]
    assert not result.error, result.error
    return elapsed, result


def one_round(folder: Path, rich: Path, plain: Path, rows: int, n: int) -> dict[str, float]:
    """Books/s of both imports, one after the other in the same round."""
    rich_s, rich_report = asyncio.run(timed_import(folder / f"rich{n}.sqlite3", rich, MEMBER))
    plain_s, _ = asyncio.run(timed_import(folder / f"plain{n}.sqlite3", plain))
    return {
        "rich": rich_report.imported / rich_s,
        "plain": rows / plain_s,
        "tagged": rich_report.tagged,
        "reviews": rich_report.reviews,
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Run the rounds and print the table and the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--owned", type=int, help="Owned Copies of every row (default 0/1)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rich = write_goodreads(folder / "goodreads_library_export.csv", args.rows, args.owned)
        plain = write_plain_csv(folder / "books.csv", args.rows)
        rounds = [one_round(folder, rich, plain, args.rows, n) for n in range(args.rounds)]
    figures: dict[str, Any] = {
        "rows": args.rows,
        "rounds": args.rounds,
        "owned_copies": "0/1" if args.owned is None else args.owned,
        "goodreads_books_per_s": round(median([r["rich"] for r in rounds])),
        "plain_books_per_s": round(median([r["plain"] for r in rounds])),
        "goodreads_vs_plain": round(median([r["rich"] / r["plain"] for r in rounds]), 3),
        "books_tagged": int(rounds[0]["tagged"]),
        "reviews": int(rounds[0]["reviews"]),
    }
    report("rich_import", [(name, str(value)) for name, value in figures.items()], figures)
    return figures


if __name__ == "__main__":
    main()
