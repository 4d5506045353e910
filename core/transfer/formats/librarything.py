"""LibraryThing's export (tab-separated or CSV; 54 columns, 49 in older exports).

Primary Author is "Last, First"; Secondary Author holds more names separated by ``|``; ISBN is
in brackets (``[2070291340]``) and ISBNs lists the others; Rating is 0-5 in halves; dates are
bracketed (``[2007-05-08]``); Tags and Collections are comma-separated; paragraph breaks in a
review may be written ``[Return]``. The tab-separated export does not quote cells, so quotes
in a cell are kept as they are. Lending Patron, Status, Start and End describe a loan.
"""

from __future__ import annotations

import csv

from .cells import day, distinct, fit, index_of, plain_text, stars, tag_set, whole_number
from .rows import CsvRow, Layout, LoanRecord

NAME = "LibraryThing"
_SIGNATURE = frozenset({"bookid", "title", "primaryauthor", "isbn"})
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_RETURNED = ("return", "available", "checked in")
"""Words of a Lending Status that says the book is back (any other status is a loan)."""


def layout(cells: list[str], keys: list[str], delimiter: str) -> Layout | None:
    """The layout of a LibraryThing export's header, else ``None``."""
    if not _SIGNATURE.issubset(keys):
        return None
    rows = LibraryThingRows(keys).row
    if delimiter == "\t":
        return Layout(NAME, delimiter, rows, csv.QUOTE_NONE)
    return Layout(NAME, delimiter, rows)


def first_last(name: str) -> str:
    """ "Cortázar, Julio" -> "Julio Cortázar" ("King, Martin Luther, Jr." -> "Martin Luther
    King Jr."); a name in another shape is only trimmed."""
    parts = [part.strip() for part in name.split(",")]
    if len(parts) == 2 and all(parts):
        return f"{parts[1]} {parts[0]}"
    if len(parts) == 3 and all(parts) and parts[2].casefold() in _NAME_SUFFIXES:
        return f"{parts[1]} {parts[0]} {parts[2]}"
    return name.strip()


def first_isbn(bracketed: str, others: str) -> str:
    """The ISBN in brackets, else the first of the comma-separated others; ``""`` when none."""
    isbn = bracketed.strip().strip("[]").strip()
    return isbn or others.split(",", 1)[0].strip()


def open_loan(patron: str, status: str, start: str, end: str) -> LoanRecord | None:
    """The loan of a row whose Lending Patron is set and whose status does not say the book is
    back; Lending End is taken as the date it is due."""
    patron = patron.strip()
    if not patron or any(word in status.casefold() for word in _RETURNED):
        return None
    return LoanRecord(patron, day(start), day(end))


class LibraryThingRows:
    """Rows of a LibraryThing export whose header has ``keys``."""

    __slots__ = (
        "_book_id",
        "_collections",
        "_copies",
        "_date_read",
        "_isbn",
        "_isbns",
        "_lending_end",
        "_lending_start",
        "_lending_status",
        "_patron",
        "_primary",
        "_rating",
        "_review",
        "_secondary",
        "_tags",
        "_title",
        "_width",
    )

    def __init__(self, keys: list[str]) -> None:
        self._width = len(keys)
        self._book_id = index_of(keys, "bookid")
        self._title = index_of(keys, "title")
        self._primary = index_of(keys, "primaryauthor")
        self._secondary = index_of(keys, "secondaryauthor")
        self._isbn = index_of(keys, "isbn")
        self._isbns = index_of(keys, "isbns")
        self._rating = index_of(keys, "rating")
        self._review = index_of(keys, "review")
        self._date_read = index_of(keys, "dateread")
        self._tags = index_of(keys, "tags")
        self._collections = index_of(keys, "collections")
        self._copies = index_of(keys, "copies")
        self._patron = index_of(keys, "lendingpatron")
        self._lending_status = index_of(keys, "lendingstatus")
        self._lending_start = index_of(keys, "lendingstart")
        self._lending_end = index_of(keys, "lendingend")

    def row(self, cells: list[str], line: int, bytes_read: int) -> CsvRow:
        """The row of a data line's cells."""
        c = fit(cells, self._width)
        names = [c[self._primary], *c[self._secondary].split("|")]
        authors = distinct(first_last(name) for name in names)
        return CsvRow(
            line,
            c[self._title],
            ", ".join(authors),
            first_isbn(c[self._isbn], c[self._isbns]),
            bytes_read,
            authors,
            stars(c[self._rating]),
            plain_text(c[self._review].replace("[Return]", "\n")),
            day(c[self._date_read]),
            tag_set(c[self._tags], c[self._collections]),
            whole_number(c[self._copies]),
            open_loan(
                c[self._patron],
                c[self._lending_status],
                c[self._lending_start],
                c[self._lending_end],
            ),
            NAME,
            c[self._book_id].strip(),
        )
