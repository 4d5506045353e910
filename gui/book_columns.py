"""The book list's columns paired with the core's sort orders, and its cells' texts for the
core's ``BookSummary``; the rules themselves are ``gui.book_cells``'s (which the start-up
shell shares without importing the core)."""

from __future__ import annotations

import functools

from gui import book_cells
from gui.book_cells import (
    AVAILABILITY_COLUMN,
    COLUMN_SORTS,
    COLUMN_TITLES,
    RATING_COLUMN,
    TAGS_COLUMN,
    cell_alignment,
    overdue,
    short_date,
    warning_color,
)
from gui.bridge import BookSort, BookSummary, hyphenated_isbn

__all__ = [
    "AVAILABILITY_COLUMN",
    "COLUMNS",
    "RATED_SORTS",
    "RATING_COLUMN",
    "TAGS_COLUMN",
    "cell_alignment",
    "cell_text",
    "overdue",
    "short_date",
    "warning_color",
]

COLUMNS: tuple[tuple[str, BookSort | None], ...] = tuple(
    (title, None if sort is None else BookSort(sort))
    for title, sort in zip(COLUMN_TITLES, COLUMN_SORTS, strict=True)
)
"""(title, sort) of each column, left to right (``None``: not sortable)."""
RATED_SORTS = (BookSort.rating, BookSort.reviews)
"""The orders a review can change a book's place in."""


SHOWN_ISBNS = 4096
"""How many hyphenated ISBNs the list keeps: python-stdnum takes about 40 µs to hyphenate
one, and every repaint of the list (a row inserted above, a scroll) shows most of them again."""
_shown_isbn = functools.lru_cache(maxsize=SHOWN_ISBNS)(hyphenated_isbn)


def cell_text(book: BookSummary, column: int) -> str:
    """What the list shows of ``book`` in ``column`` (``gui.book_cells``)."""
    return book_cells.cell_text(book, column, _shown_isbn)
