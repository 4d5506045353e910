"""The book repository port, and the read query behind the book list."""

from __future__ import annotations

import abc
import enum
from dataclasses import dataclass
from datetime import datetime
from types import EllipsisType

from core.bus import AsyncAbstractRepository
from core.domain.model import Book, BookId
from core.domain.result import Result


class BookRepositoryError(enum.Enum):
    """Why a repository operation failed."""

    integrity_error = "integrity_error"
    """Another book already has this id or ISBN."""
    not_found = "not_found"
    """No book has this id (or ISBN)."""


type BookRepositoryResult = Result[Book, BookRepositoryError]
"""A book, or why there is none."""
type BookRepositoryOperationResult = Result[EllipsisType, BookRepositoryError]
"""``Ok(...)`` when the write was done, otherwise why not."""


class BookSort(enum.Enum):
    """The columns the book list sorts by."""

    title = "title"
    author = "author"
    isbn = "isbn"
    registered_at = "registered_at"


@dataclass(frozen=True, slots=True)
class BookQuery:
    """One page of the book list: filter, order and window.

    ``search`` matches title, author or ISBN, ignoring case (and accents where the back-end
    can); an empty search matches every book.
    """

    search: str = ""
    sort: BookSort = BookSort.title
    descending: bool = False
    offset: int = 0
    limit: int = 200


@dataclass(frozen=True, slots=True)
class BookSummary:
    """A row of the book list."""

    id: BookId
    title: str
    author: str
    isbn: str
    registered_at: datetime | None


class AbstractBookRepository(AsyncAbstractRepository[Book]):
    """Where handlers find and keep books. Writes go to ``seen`` so the bus gets their events."""

    @abc.abstractmethod
    async def add(
        self, model: Book, registered_at: datetime | None = None
    ) -> BookRepositoryOperationResult:
        """Add a new book; ``Err(integrity_error)`` if its id or ISBN is taken.

        ``registered_at`` is kept for the list (the ``BookRegistered`` event's time).
        """

    @abc.abstractmethod
    async def by_id(self, id: BookId) -> BookRepositoryResult:
        """The book with this id, or ``Err(not_found)``."""

    @abc.abstractmethod
    async def by_isbn(self, isbn: str) -> BookRepositoryResult:
        """The book with this canonical ISBN-13, or ``Err(not_found)``."""

    @abc.abstractmethod
    async def update(self, model: Book) -> BookRepositoryOperationResult:
        """Replace a stored book; ``Err(not_found)`` or ``Err(integrity_error)``."""

    @abc.abstractmethod
    async def remove(self, model: Book) -> BookRepositoryOperationResult:
        """Remove a stored book; ``Err(not_found)`` if it is not there."""

    @abc.abstractmethod
    async def list_books(self, query: BookQuery) -> list[BookSummary]:
        """One page of books matching ``query.search``, ordered by ``query.sort``.

        Ties are broken by id, so pages never overlap or skip a book.
        """

    @abc.abstractmethod
    async def count_books(self, search: str = "") -> int:
        """How many books match ``search`` (all books when it is empty)."""
