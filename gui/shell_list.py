"""The start-up shell's list over the catalogue's first page (``gui.shell``), apart so that
the shell's first paint ("Opening the catalogue…") does not wait for its imports and classes
(about 10 ms): ``gui.shell`` imports it once it has painted. Like the shell, it imports nothing
but PySide6 and light modules of ``gui``: the rows are shown by ``gui.book_cells``, the rules
of the real list, in its table class ``gui.book_table.BookTable``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QWidget

from gui.book_cells import (
    AVAILABILITY_COLUMN,
    COLUMN_SORTS,
    COLUMN_TITLES,
    ListedBook,
    cell_alignment,
    cell_text,
    overdue,
    warning_color,
)
from gui.book_table import BookTable

HEADER_KEY = "bookTable/header"
"""The same key ``gui.main_window`` saves the list's columns and order under."""

type Index = QModelIndex | QPersistentModelIndex


class FirstPage(Protocol):
    """The list's first page (``core.adapters.first_page.FirstPage``): its books, ISBNs
    hyphenated already, and the count of all books (``None``: unknown)."""

    @property
    def books(self) -> Sequence[ListedBook]: ...
    @property
    def total(self) -> int | None: ...


type FirstPageReader = Callable[[str, bool], FirstPage | None]
"""Reads the first page for (``BookSort`` value, descending), or ``None`` if it cannot."""


class FirstPageRows(QAbstractTableModel):
    """The shell's rows: the first page's books, shown as the real list shows them."""

    def __init__(self, books: Sequence[ListedBook], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.books = list(books)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        """The page's books (none under a valid parent: a flat table)."""
        return 0 if parent.isValid() else len(self.books)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """The real list's columns."""
        return 0 if parent.isValid() else len(COLUMN_TITLES)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        """The real list's column names."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("BookTableModel", COLUMN_TITLES[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The cell's text, alignment and colour, as ``gui.book_model`` gives them."""
        book = self.books[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return cell_alignment(index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            late = index.column() == AVAILABILITY_COLUMN and overdue(book)
            return warning_color() if late else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell_text(book, index.column(), str)  # the ISBN is hyphenated already
        return None


def first_page_table(parent: QWidget, read: FirstPageReader) -> tuple[BookTable, int] | None:
    """The list over its first page in the saved order, and the count of all books; ``None``
    when the page cannot be read or is empty (the real window says what an empty list
    means)."""
    table = BookTable(FirstPageRows([]), parent)
    table.setObjectName("startupBookTable")
    header = table.horizontalHeader()
    state = QSettings().value(HEADER_KEY, QByteArray(), type=QByteArray)
    if isinstance(state, QByteArray) and not state.isEmpty():
        header.restoreState(state)
    section = header.sortIndicatorSection()
    sort = COLUMN_SORTS[section] if 0 <= section < len(COLUMN_SORTS) else None
    descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    page = None if sort is None else read(sort, descending)
    if page is None or not page.books:
        table.deleteLater()
        return None
    rows = FirstPageRows(page.books, table)
    table.setModel(rows)
    header.setSortIndicatorShown(True)
    header.setSectionsClickable(False)
    header.setSectionsMovable(False)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return table, len(page.books) if page.total is None else page.total
