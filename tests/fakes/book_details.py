"""In-memory details of books: the repository (with the fake unit of work's undo log) and the
views over it."""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import partial

from core.domain.book_details import BookDetails
from core.domain.model import Book, BookId
from core.service.book_details import (
    AbstractBookDetailsRepository,
    AbstractBookDetailsViews,
    BookDetailsView,
    BookToFill,
)

type Undo = list[Callable[[], object]]


class InMemoryBookDetailsRepository(AbstractBookDetailsRepository):
    """Details by book id; every change is logged in ``undo``."""

    def __init__(self, undo: Undo) -> None:
        super().__init__()
        self.details: dict[BookId, BookDetails] = {}
        self._undo = undo

    async def of_book(self, book_id: BookId) -> BookDetails:
        return self.details.get(book_id) or BookDetails(book_id=book_id)

    async def put(self, details: BookDetails) -> None:
        previous = self.details.get(details.book_id)
        self._set(details.book_id, None if details.state.empty else details)
        self._undo.append(partial(self._set, details.book_id, previous))
        self.seen.append(details)

    def _set(self, book_id: BookId, details: BookDetails | None) -> None:
        if details is None:
            self.details.pop(book_id, None)
        else:
            self.details[book_id] = details


class InMemoryBookDetailsViews(AbstractBookDetailsViews):
    """The details views of the fake catalogue views (which give ``books`` and ``details``)."""

    books: Callable[[], dict[BookId, Book]]
    details: Callable[[], dict[BookId, BookDetails]]

    async def book_details(self, book_id: BookId) -> BookDetailsView | None:
        found = self.details().get(book_id)
        if found is None:
            return None
        return BookDetailsView(
            book_id,
            found.subtitle,
            found.publisher,
            found.year,
            found.pages,
            found.cover_id,
            found.source,
        )

    async def books_without_details(
        self, among: Collection[BookId] | None = None
    ) -> list[BookToFill]:
        details = self.details()
        return [
            BookToFill(book.id, book.isbn, book.title)
            for book in self.books().values()
            if book.isbn and book.id not in details and (among is None or book.id in among)
        ]
