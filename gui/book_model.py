"""``BookTableModel``: the book list as pages of a SQL query, kept live by the bus's events."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Coroutine
from datetime import datetime
from typing import Any
from uuid import UUID

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
    RATED_SORTS,
    RATING_COLUMN,
    TAGS_COLUMN,
    cell_alignment,
    cell_text,
    overdue,
    warning_color,
)
from gui.bridge import (
    BookDeleted,
    BookQuery,
    BookRegistered,
    BookRestored,
    BookSort,
    BookSummary,
    BookTagsChanged,
    BookUpdated,
    CatalogueBridge,
    ReviewEvent,
    Shelf,
    matches,
    mean_after,
    parse_search,
    sort_key,
    tally_change,
)

log = logging.getLogger(__name__)

PAGE_SIZE = 200
type Index = QModelIndex | QPersistentModelIndex


def _summary(
    event: BookRegistered | BookRestored | BookUpdated | BookDeleted,
    when: datetime | None,
    tags: tuple[str, ...] = (),
) -> BookSummary:
    # A new book has its copy #1, available.
    return BookSummary(
        event.id, event.title, event.author, event.isbn, when, tags, copies=1, available=1
    )


class BookTableModel(QAbstractTableModel):
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
        self._bridge = bridge
        self._query = BookQuery(limit=PAGE_SIZE)
        self._pages: dict[int, list[BookSummary]] = {}
        self._requested: set[int] = set()
        self._count = 0
        self._exact = True  # whether _count is the SQL count (not just the first page's rows)
        self._total = 0
        self._generation = 0
        self._suspended = 0
        self._first_page_pending: int | None = None
        self._reread_after_first_page = False
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

    def book_at(self, row: int) -> BookSummary | None:
        """The book on ``row``, or ``None`` (and its page requested) if not loaded yet."""
        book = self.loaded_book_at(row)
        if book is None and row // PAGE_SIZE not in self._pages and 0 <= row < self._count:
            self._request_page(row // PAGE_SIZE)
        return book

    def loaded_book_at(self, row: int) -> BookSummary | None:
        """The book on ``row`` if its page is loaded; nothing is requested (a selection of
        every row of a big list acts on what is loaded, not on thousands of pages)."""
        page = self._pages.get(row // PAGE_SIZE)
        offset = row % PAGE_SIZE
        return page[offset] if page is not None and offset < len(page) else None

    def row_of(self, book_id: UUID) -> int | None:
        """The row of a loaded book."""
        for number, page in self._pages.items():
            for offset, book in enumerate(page):
                if book.id == book_id:
                    return number * PAGE_SIZE + offset
        return None

    # -- loading --------------------------------------------------------------------------
    def _reload(self, **changes: Any) -> None:
        self._generation += 1
        self._query = BookQuery(**{**self._query_fields(), **changes})
        self._first_page_pending = self._generation
        self._read(self._load_first_page(self._generation, self._query))

    def _query_fields(self) -> dict[str, Any]:
        query = self._query
        return {
            "search": query.search,
            "sort": query.sort,
            "descending": query.descending,
            "shelf": query.shelf,
        }

    async def _load_first_page(self, generation: int, query: BookQuery) -> None:
        """Show the first page at once; a search's count follows (it may scan every row)."""
        searching = bool(query.search.strip()) or query.shelf is not Shelf.all
        # All books are counted by a counter (cheap); a search is counted after its page.
        try:
            total = None if searching else await self._bridge.count_books("")
            first = await self._bridge.list_books(query)
        finally:
            if self._first_page_pending == generation:
                self._first_page_pending = None
        if generation != self._generation:
            return
        exact = total is not None or len(first) < PAGE_SIZE  # a short page is all there is
        self.beginResetModel()
        self._count, self._exact = total if total is not None else len(first), exact
        self._pages = {0: first}
        self._requested = set()
        self.endResetModel()
        if exact:
            self._total = self._total if total is None else total
            self.counts_changed.emit(self._count, self._total)
        self.refreshed.emit()
        if self._reread_after_first_page:
            self._reread_after_first_page = False
            self._reload_pages()
            return
        if searching:
            await self._load_counts(generation, query)

    async def _load_counts(self, generation: int, query: BookQuery) -> None:
        """The SQL count (unless exact already) and the total, for the rows shown."""
        count = None if self._exact else await self._bridge.count_books(query.search, query.shelf)
        filtered = query.search.strip() or query.shelf is not Shelf.all
        total = await self._bridge.count_books("") if filtered else count
        if query is not self._query:
            return  # another search or order: it counts for itself
        if generation != self._generation:
            # Rows were inserted or removed meanwhile: this answer may predate them.
            if not self._exact:
                await self._load_counts(self._generation, query)
            return
        if count is not None:
            self._resize(count)
            self._exact = True
        self._total = total if total is not None else self._total
        self.counts_changed.emit(self._count, self._total)

    def _read(self, coroutine: Coroutine[Any, Any, None]) -> None:
        """Run a read, unless the window is closing: its last frames show what is loaded
        and ask the closed bridge for nothing (it would raise inside a paint event)."""
        if self._bridge.closed:
            coroutine.close()
        else:
            self._bridge.spawn(coroutine)

    def _request_page(self, number: int) -> None:
        if number in self._requested:
            return
        self._requested.add(number)
        self._read(self._load_page(self._generation, number))

    async def _load_page(self, generation: int, number: int) -> None:
        query = BookQuery(**self._query_fields(), offset=number * PAGE_SIZE, limit=PAGE_SIZE)
        rows = await self._bridge.list_books(query)
        if generation != self._generation:
            self._requested.discard(number)
            if number not in self._pages:
                self._request_page(number)  # read before a change: read it again
            return
        self._pages[number] = rows
        last = min(self._count, (number + 1) * PAGE_SIZE) - 1
        if rows and last >= number * PAGE_SIZE:
            self.dataChanged.emit(
                self.index(number * PAGE_SIZE, 0), self.index(last, len(COLUMNS) - 1)
            )

    # -- live updates ---------------------------------------------------------------------
    def _on_registered(self, event: BookRegistered | BookRestored) -> None:
        if self._suspended:
            return  # a bulk import runs: it reloads once per committed batch
        self._total += 1
        book = _summary(event, event.registered_at or event.created_at)
        if self._shows(book):
            self._insert(book)
        self.counts_changed.emit(self._count, self._total)

    def _on_updated(self, event: BookUpdated) -> None:
        if self._suspended:
            return  # a bulk import runs: it reloads once per committed batch
        row = self.row_of(event.id)
        old = self.book_at(row) if row is not None else None
        registered = old.registered_at if old is not None else None
        book = _summary(event, registered)
        if old is not None:  # its tags, rating and reviews stay
            book = dataclasses.replace(old, title=book.title, author=book.author, isbn=book.isbn)
        if row is None:
            # Not loaded: its old and new places are both unknown from here.
            self._reload_pages()
            return
        self._remove(row)
        if self._shows(book):
            self._insert(book)
        self.counts_changed.emit(self._count, self._total)

    def _on_deleted(self, event: BookDeleted) -> None:
        if self._suspended:
            return  # a bulk import runs: it reloads once per committed batch
        self._total -= 1
        row = self.row_of(event.id)
        if row is not None:
            self._remove(row)
        elif self._shows(_summary(event, None)):
            self._reload_pages()
        self.counts_changed.emit(self._count, self._total)

    def _on_tags_changed(self, event: BookTagsChanged) -> None:
        if self._suspended:
            return  # a bulk import runs: it reloads once per committed batch
        if parse_search(self._query.search).tags:
            self._reload_pages()  # the book may come into or leave the list
            return
        row = self.row_of(event.book_id)
        page = self._pages.get(row // PAGE_SIZE) if row is not None else None
        if row is None or page is None:
            return
        book = page[row % PAGE_SIZE]
        page[row % PAGE_SIZE] = dataclasses.replace(book, tags=tuple(event.tags))
        cell = self.index(row, TAGS_COLUMN)
        self.dataChanged.emit(cell, cell)

    def _on_rated(self, event: ReviewEvent) -> None:
        """A review changed a book's tally: repaint its row, or move it when the list is
        sorted by rating or reviews."""
        if self._suspended:
            return
        book_id, added, rates = tally_change(event)
        row = self.row_of(book_id)
        old = self.book_at(row) if row is not None else None
        if row is None or old is None:
            if self._query.sort in RATED_SORTS:
                self._reload_pages()  # it may move into the loaded rows
            return
        rating = mean_after(old.rating, old.reviews, added, rates)
        book = dataclasses.replace(old, rating=rating, reviews=max(0, old.reviews + added))
        if self._query.sort in RATED_SORTS:
            self._remove(row)
            self._insert(book)
            return
        self._pages[row // PAGE_SIZE][row % PAGE_SIZE] = book
        self.dataChanged.emit(self.index(row, RATING_COLUMN), self.index(row, len(COLUMNS) - 1))

    def _on_shelf(self, event: Any) -> None:
        """A copy or a loan changed a book's availability: read its row again and repaint
        it, or the loaded pages when the list is sorted or filtered by availability."""
        if self._suspended:
            return
        if self._query.sort is BookSort.availability or self._query.shelf is not Shelf.all:
            self._reload_pages()
            return
        row = self.row_of(event.book_id)
        if row is not None and not self._bridge.closed:
            self._read(self._repaint(self._generation, event.book_id))

    def _on_member(self, _event: object) -> None:
        """A renamed member may be the borrower a row names."""
        if self._suspended or self._bridge.closed:
            return
        if any(book.borrower for book in self._loaded_rows().values()):
            self._reload_pages()

    async def _repaint(self, generation: int, book_id: UUID) -> None:
        book = await self._bridge.book(book_id)
        row = self.row_of(book_id)
        if book is None or row is None or generation != self._generation:
            return
        self._pages[row // PAGE_SIZE][row % PAGE_SIZE] = book
        column = AVAILABILITY_COLUMN
        self.dataChanged.emit(self.index(row, column), self.index(row, column))

    def set_shelf(self, shelf: Shelf) -> None:
        """Show all books, or those available, lent or overdue."""
        self._reload(shelf=shelf)

    def _shows(self, book: BookSummary) -> bool:
        """Whether the current search finds ``book`` (the rule the SQL views follow)."""
        if self._query.shelf not in (Shelf.all, Shelf.available):
            return False  # a book registered or edited here has no loan it did not have
        search = parse_search(self._query.search)
        return matches(search, book.title, book.author, book.isbn, book.tags)

    def _insert(self, book: BookSummary) -> None:
        row = self._place_of(book)
        if row is None:
            self._reload_pages()
            return
        self.beginInsertRows(QModelIndex(), row, row)
        self._shift(row, +1, book)
        self._count += 1
        self.endInsertRows()

    def _remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        self._shift(row, -1)
        self._count -= 1
        self.endRemoveRows()

    def _loaded_rows(self) -> dict[int, BookSummary]:
        return {
            number * PAGE_SIZE + offset: book
            for number, page in self._pages.items()
            for offset, book in enumerate(page)
        }

    def _place_of(self, book: BookSummary) -> int | None:
        """Where ``book`` goes, if the loaded rows around that place are known."""
        if self._count == 0:
            return 0
        query, loaded = self._query, self._loaded_rows()
        key = sort_key(query.sort, book)

        def before(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
            return a > b if query.descending else a < b

        for row in sorted(loaded):
            if before(key, sort_key(query.sort, loaded[row])):
                if row == 0 or (
                    row - 1 in loaded and before(sort_key(query.sort, loaded[row - 1]), key)
                ):
                    return row
                return None
        return self._count if self._exact and self._count - 1 in loaded else None

    def _shift(self, at: int, delta: int, book: BookSummary | None = None) -> None:
        """Move the loaded rows from ``at`` on by ``delta``; keep only complete pages."""
        shifted: dict[int, BookSummary] = {}
        for row, loaded in self._loaded_rows().items():
            if delta < 0 and row == at:
                continue
            shifted[row + delta if row >= at else row] = loaded
        if book is not None:
            shifted[at] = book
        count = self._count + delta
        self._pages = {}
        for number in {row // PAGE_SIZE for row in shifted}:
            rows = range(number * PAGE_SIZE, min(count, (number + 1) * PAGE_SIZE))
            if all(row in shifted for row in rows):
                self._pages[number] = [shifted[row] for row in rows]
        self._requested = set(self._pages)
        self._generation += 1  # pages on their way were read before this change

    def _reload_pages(self) -> None:
        """The change's place is unknown: count again and fetch the loaded pages again."""
        self._generation += 1
        self._read(self._refetch(self._generation, sorted(self._pages) or [0]))

    async def _refetch(self, generation: int, numbers: list[int]) -> None:
        fields = self._query_fields()
        count = await self._bridge.count_books(self._query.search, self._query.shelf)
        filtered = self._query.search.strip() or self._query.shelf is not Shelf.all
        total = await self._bridge.count_books("") if filtered else count
        pages = {
            number: await self._bridge.list_books(
                BookQuery(**fields, offset=number * PAGE_SIZE, limit=PAGE_SIZE)
            )
            for number in numbers
        }
        if generation != self._generation:
            return
        self._resize(count)
        self._exact, self._total = True, total
        self._pages = {number: rows for number, rows in pages.items() if rows}
        self._requested = set(self._pages)
        if self._count:
            last = len(COLUMNS) - 1
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, last))
        self.counts_changed.emit(self._count, self._total)

    def _resize(self, count: int) -> None:
        if count > self._count:
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()
        elif count < self._count:
            self.beginRemoveRows(QModelIndex(), count, self._count - 1)
            self._count = count
            self.endRemoveRows()
