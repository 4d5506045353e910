"""``BookTableModel``: the book list as pages of a SQL query, kept live by the bus's events.

This module is the model's Qt interface and its public API; how pages are read is in
``gui/book_pages.py`` and how events change the rows in ``gui/book_updates.py`` (mixins of
this class, split off to keep each rule in a module of readable size).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from gui.book_columns import (
    AVAILABILITY_COLUMN,
    COLUMNS,
    TAGS_COLUMN,
    cell_alignment,
    cell_text,
    overdue,
    warning_color,
)
from gui.book_pages import PAGE_SIZE
from gui.book_updates import LiveUpdates
from gui.bridge import BookQuery, CatalogueBridge, Shelf

__all__ = ["PAGE_SIZE", "TAGS_COLUMN", "BookTableModel"]

type Index = QModelIndex | QPersistentModelIndex


class BookTableModel(LiveUpdates, QAbstractTableModel):
    """Books matching the search, sorted in SQL, fetched 200 rows at a time on demand.

    A new search or order shows its first page at once, with ``rowCount`` the page's rows
    (exact when shorter than a page); the SQL count follows and grows the list to it
    (``counts_changed``). ``data`` never waits: a missing page is requested on the bus
    bridge's loop and ``dataChanged`` announces it. Events insert, update or remove one row
    when its place is known from the loaded pages; otherwise the loaded pages are fetched
    again.
    """

    counts_changed = Signal(int, int)
    """(matching books, all books) after any change."""
    refreshed = Signal()
    """The first page of a new search or order is shown (its count may still follow)."""

    def __init__(self, bridge: CatalogueBridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._start_paging(bridge)
        self._suspended = 0
        bridge.book_registered.connect(self._on_registered)
        bridge.book_updated.connect(self._on_updated)
        bridge.book_deleted.connect(self._on_deleted)
        bridge.book_tags_changed.connect(self._on_tags_changed)
        bridge.review_changed.connect(self._on_rated)
        bridge.shelf_changed.connect(self._on_shelf)
        bridge.member_changed.connect(self._on_member)

    # -- Qt model interface -------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        """How many books match (0 under a valid parent: this is a flat table)."""
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Title, Author, ISBN, Registered, Tags, Rating, Reviews, Availability."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        """Column names; rows have no header text."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("BookTableModel", COLUMNS[section][0])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The cell's text, or ``None`` while its page is on its way."""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return cell_alignment(index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            book = self.book_at(index.row())
            late = index.column() == AVAILABILITY_COLUMN and book is not None and overdue(book)
            return warning_color() if late else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        book = self.book_at(index.row())
        return None if book is None else cell_text(book, index.column())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order by a column, in SQL (not by tags)."""
        sort = COLUMNS[column][1]
        if sort is not None:
            self._reload(sort=sort, descending=order == Qt.SortOrder.DescendingOrder)

    # -- public API -----------------------------------------------------------------------
    @property
    def query(self) -> BookQuery:
        """The search and order shown."""
        return self._query

    @property
    def total(self) -> int:
        """All books of the catalogue."""
        return self._total

    def set_search(self, search: str) -> None:
        """Show only the books matching ``search`` (SQL)."""
        if search != self._query.search:
            self._reload(search=search)

    def refresh(self) -> None:
        """Load the count and the first page again."""
        self._reload()

    def suspend_live_updates(self) -> None:
        """Ignore single-book events until :meth:`resume_live_updates` (a bulk import: one
        row insert per book would be thousands of updates a second)."""
        self._suspended += 1

    def resume_live_updates(self) -> None:
        """Apply events again, after reloading what they changed meanwhile."""
        self._suspended = max(0, self._suspended - 1)
        self.reload_in_place()

    def reload_in_place(self) -> None:
        """Count again and read the loaded pages again where they are (events may have been
        missed): the rows stay, and so do the selection and the scroll position, which a
        first page (a model reset) would lose. If a first page is on its way, once it is shown
        (it may have been read before the change)."""
        if self._first_page_pending is None:
            self._reload_pages()
        else:
            self._reread_after_first_page = True

    def reload_loaded(self) -> None:
        """Count again and fetch the loaded pages again (e.g. after a committed batch); not
        while a new search's first page is on its way (it reads the batch too): a stream of
        batches would otherwise discard every first page until the import ends."""
        if self._first_page_pending is None:
            self._reload_pages()

    def set_shelf(self, shelf: Shelf) -> None:
        """Show all books, or those available, lent or overdue."""
        self._reload(shelf=shelf)
