"""Reading CSV files of books: rows/s of ``CsvBooks.rows()`` for a plain file and a Goodreads
export, and of reading plus validating (``command_or_problem``) the plain file.

The plain file is a spreadsheet (Title, Authors, ISBN-13), the import's fast path; the Goodreads
file has the export's 31 columns, with ratings, shelves, dates, additional authors, ``="…"``
ISBNs and a review with ``<br/>`` and entities on every third row. Targets: the import runs at
20,000 books/s (plain) and 10,000 books/s (Goodreads), so reading must take a small part of
50 µs and 100 µs per row.

    python -m bench.csv_read [--rows 100000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench._report import median, report
from bench.persistence import isbn13
from core.transfer.csv_format import CsvBooks
from core.transfer.importer import command_or_problem

GOODREADS_HEADER = [
    *("Book Id", "Title", "Author", "Author l-f", "Additional Authors", "ISBN", "ISBN13"),
    *("My Rating", "Average Rating", "Publisher", "Binding", "Number of Pages"),
    *("Year Published", "Original Publication Year", "Date Read", "Date Added", "Bookshelves"),
    *("Bookshelves with positions", "Exclusive Shelf", "My Review", "Spoiler", "Private Notes"),
    *("Read Count", "Recommended For", "Recommended By", "Owned Copies"),
    *("Original Purchase Date", "Original Purchase Location", "Condition"),
    *("Condition Description", "BCID"),
]
_REVIEW = (
    "Slow to start, then I could not put it down.<br/><br/>The second half &amp; the ending "
    "are worth the wait; the translation reads well.<br/>Three stars for the middle &#8212; "
    "five for the rest."
)
_SHELVES = ("read", "to-read", "currently-reading")


def write_plain(path: Path, rows: int) -> Path:
    """A spreadsheet-style CSV of ``rows`` distinct valid books."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Title", "Authors", "ISBN-13"])
        writer.writerows((f"Title {i}", f"Author {i % 5000}", isbn13(i)) for i in range(rows))
    return path


def goodreads_row(i: int) -> list[str]:
    """One row of a Goodreads library export, shaped like the real thing."""
    shelf = _SHELVES[i % 3]
    isbn = isbn13(i)
    return [
        str(10_000_000 + i),
        f"Title {i} (Series, #{i % 7 + 1})",
        f"Author {i % 5000}",
        f"{i % 5000}, Author",
        f"Co Author {i % 300}, Translator {i % 50}" if i % 4 == 0 else "",
        f'="{isbn[3:12]}X"' if i % 10 else '=""',
        f'="{isbn}"' if i % 10 else '=""',
        str(i % 6),
        "3.92",
        "Ace Books",
        "Paperback",
        str(200 + i % 500),
        "2005",
        "1965",
        f"2023/{i % 12 + 1:02d}/{i % 28 + 1:02d}" if shelf == "read" else "",
        "2022/01/15",
        "sci-fi, favourites" if i % 2 else "",
        "sci-fi (#12), favourites (#3)" if i % 2 else "",
        shelf,
        _REVIEW if i % 3 == 0 else "",
        "",
        "",
        "1" if shelf == "read" else "0",
        "",
        "",
        str(i % 2),
        "",
        "",
        "",
        "",
        "",
    ]


def write_goodreads(path: Path, rows: int) -> Path:
    """A Goodreads library export (31 columns) of ``rows`` books."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(GOODREADS_HEADER)
        writer.writerows(goodreads_row(i) for i in range(rows))
    return path


def read_all(path: Path, each: Callable[[Any], object] | None = None) -> float:
    """Seconds to read every row of ``path`` (and call ``each`` on it)."""
    books = CsvBooks.open(path)
    try:
        start = time.perf_counter()
        if each is None:
            for _row in books.rows():
                pass
        else:
            for row in books.rows():
                each(row)
        return time.perf_counter() - start
    finally:
        books.close()


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Run the rounds and print the table and the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        plain = write_plain(Path(tmp) / "plain.csv", args.rows)
        goodreads = write_goodreads(Path(tmp) / "goodreads.csv", args.rows)
        times: dict[str, list[float]] = {"plain": [], "plain_validated": [], "goodreads": []}
        for _ in range(args.rounds):
            times["plain"].append(read_all(plain))
            times["plain_validated"].append(read_all(plain, command_or_problem))
            times["goodreads"].append(read_all(goodreads))
    figures: dict[str, Any] = {"rows": args.rows, "rounds": args.rounds}
    for name, seconds in times.items():
        figures[f"{name}_rows_per_s"] = round(args.rows / median(seconds))
        figures[f"{name}_us_per_row"] = round(median(seconds) / args.rows * 1e6, 2)
    report("csv_read", [(name, str(value)) for name, value in figures.items()], figures)
    return figures


if __name__ == "__main__":
    main()
