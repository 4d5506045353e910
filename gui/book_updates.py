"""How the book list follows the bus's events: one row inserted, moved, repainted or removed
when its place is known from the loaded pages; otherwise the loaded pages are read again.

A mixin of ``BookTableModel`` (``gui/book_model.py``), apart from its Qt interface and from
the reads (``gui/book_pages.py``): the rules for where a changed book goes live here.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any
from uuid import UUID

from PySide6.QtCore import QModelIndex

from gui.book_columns import (
    AVAILABILITY_COLUMN,
    COLUMNS,
    RATED_SORTS,
    RATING_COLUMN,
    TAGS_COLUMN,
)
from gui.book_pages import PAGE_SIZE, PagedRows
from gui.bridge import (
    BookDeleted,
    BookImported,
    BookRegistered,
    BookRestored,
    BookSort,
    BookSummary,
    BookTagsChanged,
    BookUpdated,
    ReviewEvent,
    Shelf,
    matches,
    mean_after,
    parse_search,
    sort_key,
    tally_change,
)


def _summary(
    event: BookRegistered | BookRestored | BookUpdated | BookDeleted,
    when: datetime | None,
    tags: tuple[str, ...] = (),
) -> BookSummary:
    # A new book has its copy #1, available.
    return BookSummary(
        event.id, event.title, event.author, event.isbn, when, tags, copies=1, available=1
    )


class LiveUpdates(PagedRows):
    """The event handlers of the book list (connected by ``BookTableModel``)."""

    _suspended: int

    def _on_registered(self, event: BookRegistered | BookRestored) -> None:
        if self._suspended:
            return  # a bulk import runs: it reloads once per committed batch
        self._total += 1
        imported = event if isinstance(event, BookImported) else None  # its tags and review
        tags = tuple(imported.tags) if imported is not None else ()
        book = _summary(event, event.registered_at or event.created_at, tags)
        if imported is not None and imported.review is not None:
            book = dataclasses.replace(book, rating=float(imported.review.rate), reviews=1)
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
        if row is not None:
            self._bridge.read(self._repaint(self._generation, event.book_id))

    def _on_member(self, _event: object) -> None:
        """A renamed member may be the borrower a row names."""
        if self._suspended:
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
