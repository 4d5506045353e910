"""The book list's columns: their titles, the order each sorts by, and each cell's text."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt

from gui.bridge import BookSort, BookSummary, hyphenated_isbn
from gui.i18n import QT_TRANSLATE_NOOP, datetime_text

COLUMNS: tuple[tuple[str, BookSort], ...] = (
    (QT_TRANSLATE_NOOP("BookTableModel", "Title"), BookSort.title),
    (QT_TRANSLATE_NOOP("BookTableModel", "Author"), BookSort.author),
    (QT_TRANSLATE_NOOP("BookTableModel", "ISBN"), BookSort.isbn),
    (QT_TRANSLATE_NOOP("BookTableModel", "Registered"), BookSort.registered_at),
    (QT_TRANSLATE_NOOP("BookTableModel", "Rating"), BookSort.rating),
    (QT_TRANSLATE_NOOP("BookTableModel", "Reviews"), BookSort.reviews),
)
"""(title, sort) of each column, left to right."""
RATING_COLUMN = 4
"""Rating then Reviews: the columns a review repaints."""
RATED_SORTS = (BookSort.rating, BookSort.reviews)
"""The orders a review can change a book's place in."""
_NUMBER_ALIGNMENT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def cell_text(book: BookSummary, column: int) -> str:
    """What the list shows of ``book`` in ``column`` (the rating with one decimal, none
    without reviews; dates and numbers in the user's locale)."""
    if column == 0:
        return book.title
    if column == 1:
        return book.author
    if column == 2:
        return hyphenated_isbn(book.isbn)
    if column == 3:
        return datetime_text(book.registered_at)
    if column == RATING_COLUMN:
        return "" if book.rating is None else QLocale().toString(book.rating, "f", 1)
    return QLocale().toString(book.reviews)


def cell_alignment(column: int) -> int | None:
    """Numbers are aligned right; text as the style wants (``None``)."""
    return _NUMBER_ALIGNMENT if column >= RATING_COLUMN else None
