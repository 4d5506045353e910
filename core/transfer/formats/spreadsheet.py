"""Generic spreadsheets: title, author and ISBN columns found by their usual names, in any
language we know, with any of the usual delimiters; cells as our own export writes them."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass

from .cells import header_key, isbn_text, moment, tag_set, unquote_cell, whole_number
from .rows import CsvFormatError, CsvRow, Layout

NAME = "spreadsheet"
FIELDS = ("title", "author", "isbn")
DELIMITERS = (",", ";", "\t")
SYNONYMS = {
    "title": {"title", "booktitle", "name", "titre", "titel", "titulo"},
    "author": {"author", "authors", "authorname", "writer", "writers", "by", "auteur", "autor"},
    "isbn": {"isbn13", "isbn", "ean", "ean13", "isbn10"},
}
_ISBN_PREFERENCE = ("isbn13", "ean13", "isbn", "ean", "isbn10")
_KNOWN = set().union(*SYNONYMS.values())


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Where each field is: one column for title and author, ISBN columns by preference."""

    title: int
    author: int
    isbns: tuple[int, ...]

    def pick(self, cells: Sequence[str]) -> tuple[str, str, str]:
        """(title, author, isbn) of a row; a missing cell is empty."""
        count = len(cells)
        title = cells[self.title] if self.title < count else ""
        author = cells[self.author] if self.author < count else ""
        isbn = next((cells[i] for i in self.isbns if i < count and cells[i].strip()), "")
        return unquote_cell(title), unquote_cell(author), isbn_text(isbn)


class SpreadsheetRows:
    """Rows of a spreadsheet: title, author and ISBN (the import's fast path: one call, no
    format rules)."""

    __slots__ = ("_author", "_isbns", "_source", "_title")

    def __init__(self, columns: ColumnMap, source: str) -> None:
        self._title, self._author, self._isbns = columns.title, columns.author, columns.isbns
        self._source = source

    def row(self, cells: list[str], line: int, bytes_read: int) -> CsvRow:
        """The row of a data line's cells (:meth:`ColumnMap.pick` inlined)."""
        count = len(cells)
        title = unquote_cell(cells[self._title]) if self._title < count else ""
        author = unquote_cell(cells[self._author]) if self._author < count else ""
        isbn = next((cells[i] for i in self._isbns if i < count and cells[i].strip()), "")
        # Every field by position: keywords cost a third of the row's making.
        return CsvRow(
            line,
            title,
            author,
            isbn_text(isbn),
            bytes_read,
            (author,) if author else (),
            None,
            "",
            None,
            (),
            None,
            None,
            self._source,
        )


class RegisteredRows(SpreadsheetRows):
    """Rows of our own export: a spreadsheet's, with the time each book was registered, its
    tags (comma-separated) and its copies (exports made before tags or copies lack them)."""

    __slots__ = ("_copies", "_registered", "_tags")

    def __init__(
        self,
        columns: ColumnMap,
        source: str,
        registered: int,
        tags: int | None = None,
        copies: int | None = None,
    ) -> None:
        super().__init__(columns, source)
        self._registered = registered
        self._tags = tags
        self._copies = copies

    def row(self, cells: list[str], line: int, bytes_read: int) -> CsvRow:
        """The row of a data line's cells."""
        made = super().row(cells, line, bytes_read)
        if self._registered < len(cells):
            made.registered_at = moment(cells[self._registered])
        if self._tags is not None and self._tags < len(cells):
            made.tags = tag_set(unquote_cell(cells[self._tags]))
        if self._copies is not None and self._copies < len(cells):
            made.copies = whole_number(cells[self._copies])
        return made


def map_header(cells: Sequence[str]) -> ColumnMap:
    """Find title, author and ISBN columns; ``CsvFormatError`` naming what is missing."""
    keys = [header_key(cell) for cell in cells]
    found: dict[str, int] = {}
    for field in ("title", "author"):
        index = next((i for i, key in enumerate(keys) if key in SYNONYMS[field]), None)
        if index is not None:
            found[field] = index
    isbns = tuple(i for name in _ISBN_PREFERENCE for i, key in enumerate(keys) if key == name)
    missing = [f for f in FIELDS if (f not in found if f != "isbn" else not isbns)]
    if missing:
        shown = ", ".join(cell.strip() for cell in cells if cell.strip()) or "nothing"
        raise CsvFormatError(
            f"the first line must name the columns title, author and isbn; "
            f"no {' or '.join(missing)} column among: {shown}"
        )
    return ColumnMap(found["title"], found["author"], isbns)


def header_cells(header_line: str, delimiter: str) -> list[str]:
    """The cells of the header line split by ``delimiter``."""
    return next(csv.reader([header_line], delimiter=delimiter, strict=False), [])


def layout(header_line: str) -> Layout:
    """The delimiter whose split of the header names the most fields, and the columns found;
    ``CsvFormatError`` when title, author or ISBN is missing."""
    best: tuple[int, str] = (-1, ",")
    for delimiter in DELIMITERS:
        cells = header_cells(header_line, delimiter)
        known = {header_key(c) for c in cells} & _KNOWN
        score = len(known) * 100 + len(cells)
        if score > best[0]:
            best = (score, delimiter)
    columns = map_header(header_cells(header_line, best[1]))
    return Layout(NAME, best[1], SpreadsheetRows(columns, NAME).row)
