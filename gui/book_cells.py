"""What each cell of the book list says, for any row that has a book's shown fields.

Apart from ``gui.book_columns`` (which pairs the columns with the core's sort orders) so that
the start-up shell (``gui.shell``) shows its first page by the same rules without importing
the core: this module imports only PySide6 and ``gui.i18n``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from gui.i18n import QT_TRANSLATE_NOOP, datetime_text

COLUMN_TITLES = (
    QT_TRANSLATE_NOOP("BookTableModel", "Title"),
    QT_TRANSLATE_NOOP("BookTableModel", "Author"),
    QT_TRANSLATE_NOOP("BookTableModel", "ISBN"),
    QT_TRANSLATE_NOOP("BookTableModel", "Registered"),
    QT_TRANSLATE_NOOP("BookTableModel", "Tags"),
    QT_TRANSLATE_NOOP("BookTableModel", "Rating"),
    QT_TRANSLATE_NOOP("BookTableModel", "Reviews"),
    QT_TRANSLATE_NOOP("BookTableModel", "Availability"),
)
"""The columns' titles, left to right."""
COLUMN_SORTS = (
    "title",
    "author",
    "isbn",
    "registered_at",
    None,  # not an order: a book has several tags
    "rating",
    "reviews",
    "availability",
)
"""The ``BookSort`` value each column sorts by, left to right (``None``: not sortable)."""
TAGS_COLUMN = 4
RATING_COLUMN = 5
"""Rating then Reviews: the columns a review repaints."""
AVAILABILITY_COLUMN = 7
"""The column a lend, a return or a copy repaints."""
AVAILABLE = QT_TRANSLATE_NOOP("BookTableModel", "available")
LENT_TO = QT_TRANSLATE_NOOP("BookTableModel", "lent to {member}, due {date}")
SOME_AVAILABLE = QT_TRANSLATE_NOOP("BookTableModel", "{available} of {copies} available")


class ListedBook(Protocol):
    """What a row of the list shows of a book (``BookSummary``, or the shell's rows)."""

    @property
    def title(self) -> str: ...
    @property
    def author(self) -> str: ...
    @property
    def isbn(self) -> str: ...
    @property
    def registered_at(self) -> datetime | None: ...
    @property
    def tags(self) -> Sequence[str]: ...
    @property
    def rating(self) -> float | None: ...
    @property
    def reviews(self) -> int: ...
    @property
    def copies(self) -> int: ...
    @property
    def available(self) -> int: ...
    @property
    def due_on(self) -> date | None: ...
    @property
    def borrower(self) -> str | None: ...


def cell_text(book: ListedBook, column: int, shown_isbn: Callable[[str], str]) -> str:
    """What the list shows of ``book`` in ``column`` (the ISBN as ``shown_isbn`` writes it;
    the rating with one decimal, none without reviews; dates and numbers in the user's
    locale)."""
    if column == 0:
        return book.title
    if column == 1:
        return book.author
    if column == 2:
        return shown_isbn(book.isbn)
    if column == 3:
        return datetime_text(book.registered_at)
    if column == TAGS_COLUMN:
        return ", ".join(book.tags)
    if column == RATING_COLUMN:
        return "" if book.rating is None else QLocale().toString(book.rating, "f", 1)
    if column == AVAILABILITY_COLUMN:
        return availability_text(book)
    return QLocale().toString(book.reviews)


def _tr(text: str) -> str:
    return QCoreApplication.translate("BookTableModel", text)


def short_date(day: date) -> str:
    """A due date as the list shows it: day and month in the user's locale ("12 Dec")."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM")


def availability_text(book: ListedBook) -> str:
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


def overdue(book: ListedBook, today: date | None = None) -> bool:
    """Whether one of the book's loans is past its due date."""
    return book.due_on is not None and book.due_on < (today or date.today())


def warning_color() -> QColor:
    """The colour overdue loans are shown in: a red that reads on the palette's base."""
    base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    return QColor("#ff6b6b") if base.lightness() < 128 else QColor("#b3261e")


_NUMBER_ALIGNMENT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def cell_alignment(column: int) -> int | None:
    """Numbers are aligned right; text as the style wants (``None``)."""
    return _NUMBER_ALIGNMENT if column in (RATING_COLUMN, RATING_COLUMN + 1) else None
