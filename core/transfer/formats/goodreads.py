"""Goodreads' library export (``goodreads_library_export.csv``, 24 or 31 columns).

ISBN cells come as ``="0451524934"`` (``=""`` when there is none); My Rating is 1-5 stars and
0 when unrated; My Review is HTML with ``<br/>``; Bookshelves and Additional Authors are
comma-separated; dates are written 2023/05/14.
"""

from __future__ import annotations

from .cells import day, distinct, fit, index_of, isbn_text, plain_text, stars, tag_set, whole_number
from .rows import CsvRow, Layout

NAME = "Goodreads"
_SIGNATURE = frozenset({"bookid", "title", "author", "authorlf", "myrating", "exclusiveshelf"})


def layout(cells: list[str], keys: list[str], delimiter: str) -> Layout | None:
    """The layout of a Goodreads export's header, else ``None``."""
    if not _SIGNATURE.issubset(keys):
        return None
    return Layout(NAME, delimiter, GoodreadsRows(keys).row)


class GoodreadsRows:
    """Rows of a Goodreads export whose header has ``keys``."""

    __slots__ = (
        "_additional",
        "_author",
        "_book_id",
        "_copies",
        "_date_read",
        "_isbn",
        "_isbn13",
        "_rating",
        "_review",
        "_shelf",
        "_shelves",
        "_title",
        "_width",
    )

    def __init__(self, keys: list[str]) -> None:
        self._width = len(keys)
        self._book_id = index_of(keys, "bookid")
        self._title = index_of(keys, "title")
        self._author = index_of(keys, "author")
        self._additional = index_of(keys, "additionalauthors")
        self._isbn = index_of(keys, "isbn")
        self._isbn13 = index_of(keys, "isbn13")
        self._rating = index_of(keys, "myrating")
        self._review = index_of(keys, "myreview")
        self._date_read = index_of(keys, "dateread")
        self._shelf = index_of(keys, "exclusiveshelf")
        self._shelves = index_of(keys, "bookshelves")
        self._copies = index_of(keys, "ownedcopies")

    def row(self, cells: list[str], line: int, bytes_read: int) -> CsvRow:
        """The row of a data line's cells."""
        c = fit(cells, self._width)
        authors = distinct([c[self._author], *c[self._additional].split(",")])
        rating = stars(c[self._rating])
        return CsvRow(
            line,
            c[self._title],
            ", ".join(authors),
            isbn_text(c[self._isbn13]).strip() or isbn_text(c[self._isbn]).strip(),
            bytes_read,
            authors,
            rating or None,  # 0 stars: not rated
            plain_text(c[self._review]),
            day(c[self._date_read]),
            tag_set(c[self._shelf], c[self._shelves]),
            whole_number(c[self._copies]),
            None,
            NAME,
            c[self._book_id].strip(),
        )
