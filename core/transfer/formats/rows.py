"""What reading a book file gives, whatever its format: rows, and how to make them.

A format module (``goodreads``, ``librarything``...) turns the header into a :class:`Layout`;
the layout's ``to_row`` turns the cells of each data line into a :class:`CsvRow`.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal


class CsvFormatError(ValueError):
    """The file cannot be read as a CSV of books; the message says why, for the user."""


@dataclass(frozen=True, slots=True)
class LoanRecord:
    """A loan the file says is open: who has the book, since when and until when (each date
    ``None`` when the file does not give it)."""

    patron: str
    lent_on: date | None = None
    due_on: date | None = None


@dataclass(slots=True)
class CsvRow:
    """One data row: the line it starts on, the book, the bytes read up to its end, and what
    else the file says of the book (each with a default: plain files fill only the first few).

    ``author`` is ``", ".join(authors)``; ``isbn`` is ``""`` when the row has none; ``rating``
    is on a 0-10 scale; ``review`` is plain text; ``tags`` are trimmed, at most 50 characters,
    distinct ignoring case; ``source`` names the format and ``source_id`` the book's id there.
    """

    line: int
    title: str
    author: str
    isbn: str
    bytes_read: int
    authors: tuple[str, ...] = ()
    rating: int | None = None
    review: str = ""
    read_on: date | None = None
    tags: tuple[str, ...] = ()
    copies: int | None = None
    loan: LoanRecord | None = None
    source: str = ""
    source_id: str = ""
    registered_at: datetime | None = None


type RowMaker = Callable[[list[str], int, int], CsvRow]
"""Makes the row of a data line from its cells (a list the maker may change), its line number
and the bytes read so far."""


@dataclass(frozen=True, slots=True)
class Layout:
    """How to read the data lines of a recognised file."""

    format: str
    """The format's name, for the user: "Goodreads", "spreadsheet"..."""
    delimiter: str
    to_row: RowMaker
    quoting: Literal[0, 1, 2, 3, 4, 5] = csv.QUOTE_MINIMAL
    """One of ``csv``'s ``QUOTE_*``: ``QUOTE_NONE`` for a file whose cells are never quoted."""
