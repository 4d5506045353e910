"""Ports of the BookDetails aggregate: where handlers keep details, how screens read them.

Details live apart from the books (a row per book that has any); a book without a row has
empty details. The write side (:class:`AbstractBookDetailsRepository`) is reached through the
unit of work, the read side (:class:`AbstractBookDetailsViews`) through the catalogue's views.
"""

from __future__ import annotations

import abc
from collections.abc import Collection
from dataclasses import dataclass

from core.bus import AsyncAbstractRepository
from core.domain.book_details import BookDetails
from core.domain.model import BookId


class AbstractBookDetailsRepository(AsyncAbstractRepository[BookDetails]):
    """The details of books, within one transaction; a changed aggregate goes to ``seen``."""

    @abc.abstractmethod
    async def of_book(self, book_id: BookId) -> BookDetails:
        """The book's details (empty, with an empty source, when it has none)."""

    @abc.abstractmethod
    async def put(self, details: BookDetails) -> None:
        """Keep ``details`` for its book, replacing what was there; empty details remove
        the book's row."""


@dataclass(frozen=True, slots=True)
class BookDetailsView:
    """A book's details as the book page shows them; ``source`` of the last change."""

    book_id: BookId
    subtitle: str
    publisher: str
    year: int | None
    pages: int | None
    cover_id: int | None
    source: str


@dataclass(frozen=True, slots=True)
class BookToFill:
    """A book that has no details yet, and its ISBN-13 to look up."""

    id: BookId
    isbn: str
    title: str


class AbstractBookDetailsViews(abc.ABC):
    """Reads of the details, each on committed data."""

    @abc.abstractmethod
    async def book_details(self, book_id: BookId) -> BookDetailsView | None:
        """The book's details, or ``None`` when it has none."""

    @abc.abstractmethod
    async def books_without_details(
        self, among: Collection[BookId] | None = None
    ) -> list[BookToFill]:
        """The books (of ``among``, or all) that have an ISBN to look up and no details, in
        registration order."""
