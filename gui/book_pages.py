"""How the book list reads its rows: pages of a SQL query, fetched on demand.

A mixin of ``BookTableModel`` (``gui/book_model.py``), apart from its Qt interface and from
the live updates (``gui/book_updates.py``) because each is a rule of its own: here, which
pages are loaded or on their way, and when an answer is stale. Every read carries the
model's generation, bumped by any change that moves rows; an answer read under an older
generation is dropped (a page is asked for again if it is still missing).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any
from uuid import UUID

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Signal

from gui.book_columns import COLUMNS
from gui.bridge import BookQuery, BookSummary, CatalogueBridge, Shelf

PAGE_SIZE = 200

if TYPE_CHECKING:
    _ModelBase = QAbstractTableModel
else:
    _ModelBase = object


class PagedRows(_ModelBase):
    """The loaded pages of the list's query, its count, and the reads that fill them."""

    counts_changed: Signal
    refreshed: Signal
    _bridge: CatalogueBridge
    _query: BookQuery
    _pages: dict[int, list[BookSummary]]
    _requested: set[int]
    _count: int
    _exact: bool
    """Whether ``_count`` is the SQL count (not just the first page's rows)."""
    _total: int
    _generation: int
    _first_page_pending: int | None
    _reread_after_first_page: bool
    _first_page_task: asyncio.Task[None] | None
    """The read of the latest search or order's first page and count, until it ends."""

    def _start_paging(self, bridge: CatalogueBridge) -> None:
        """Nothing loaded yet, over ``bridge``."""
        self._bridge = bridge
        self._query = BookQuery(limit=PAGE_SIZE)
        self._pages = {}
        self._requested = set()
        self._count = 0
        self._exact = True
        self._total = 0
        self._generation = 0
        self._first_page_pending = None
        self._reread_after_first_page = False
        self._first_page_task = None

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

    def _reload(self, **changes: Any) -> None:
        if self._first_page_task is not None:
            # The search typed past: stop its reads (SQLite stops the statement), so that a
            # one-letter scan of every row does not hold up the next keystroke's page.
            self._first_page_task.cancel()
        self._generation += 1
        self._query = BookQuery(**{**self._query_fields(), **changes})
        self._first_page_pending = self._generation
        self._first_page_task = self._bridge.read(
            self._load_first_page(self._generation, self._query)
        )

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

    def _request_page(self, number: int) -> None:
        if number in self._requested:
            return
        self._requested.add(number)
        self._bridge.read(self._load_page(self._generation, number))

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

    def _reload_pages(self) -> None:
        """The change's place is unknown: count again and fetch the loaded pages again."""
        self._generation += 1
        self._bridge.read(self._refetch(self._generation, sorted(self._pages) or [0]))

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
