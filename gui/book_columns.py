"""The book list's columns: their titles, the order each sorts by, and each cell's text."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from gui.bridge import BookSort, BookSummary, hyphenated_isbn
from gui.i18n import QT_TRANSLATE_NOOP, datetime_text

COLUMNS: tuple[tuple[str, BookSort | None], ...] = (
    (QT_TRANSLATE_NOOP("BookTableModel", "Title"), BookSort.title),
    (QT_TRANSLATE_NOOP("BookTableModel", "Author"), BookSort.author),
    (QT_TRANSLATE_NOOP("BookTableModel", "ISBN"), BookSort.isbn),
    (QT_TRANSLATE_NOOP("BookTableModel", "Registered"), BookSort.registered_at),
    (QT_TRANSLATE_NOOP("BookTableModel", "Tags"), None),  # not an order: a book has several
    (QT_TRANSLATE_NOOP("BookTableModel", "Rating"), BookSort.rating),
    (QT_TRANSLATE_NOOP("BookTableModel", "Reviews"), BookSort.reviews),
    (QT_TRANSLATE_NOOP("BookTableModel", "Availability"), BookSort.availability),
)
"""(title, sort) of each column, left to right (``None``: not sortable)."""
TAGS_COLUMN = 4
RATING_COLUMN = 5
"""Rating then Reviews: the columns a review repaints."""
AVAILABILITY_COLUMN = 7
"""The column a lend, a return or a copy repaints."""
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
    if column == TAGS_COLUMN:
        return ", ".join(book.tags)
    if column == RATING_COLUMN:
        return "" if book.rating is None else QLocale().toString(book.rating, "f", 1)
    if column == AVAILABILITY_COLUMN:
        return availability_text(book)
    return QLocale().toString(book.reviews)


AVAILABLE = QT_TRANSLATE_NOOP("BookTableModel", "available")
LENT_TO = QT_TRANSLATE_NOOP("BookTableModel", "lent to {member}, due {date}")
SOME_AVAILABLE = QT_TRANSLATE_NOOP("BookTableModel", "{available} of {copies} available")


def _tr(text: str) -> str:
    return QCoreApplication.translate("BookTableModel", text)


def short_date(day: date) -> str:
    """A due date as the list shows it: day and month in the user's locale ("12 Dec")."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM")


def availability_text(book: BookSummary) -> str:
    """ "available", "2 of 3 available", or "lent to Alice, due 12 Dec"."""
    if book.copies == 0:
        return ""
    if book.available == book.copies == 1:
        return _tr(AVAILABLE)
    if book.available == 0 and book.borrower is not None and book.due_on is not None:
        text = _tr(LENT_TO)
        return text.format(member=book.borrower, date=short_date(book.due_on))
    text = _tr(SOME_AVAILABLE)
    return text.format(
        available=QLocale().toString(book.available), copies=QLocale().toString(book.copies)
    )


def overdue(book: BookSummary, today: date | None = None) -> bool:
    """Whether one of the book's loans is past its due date."""
    return book.due_on is not None and book.due_on < (today or date.today())


def warning_color() -> QColor:
    """The colour overdue loans are shown in: a red that reads on the palette's base."""
    base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    return QColor("#ff6b6b") if base.lightness() < 128 else QColor("#b3261e")


def cell_alignment(column: int) -> int | None:
    """Numbers are aligned right; text as the style wants (``None``)."""
    return _NUMBER_ALIGNMENT if column in (RATING_COLUMN, RATING_COLUMN + 1) else None
