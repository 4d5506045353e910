"""Write ports: where handlers find and keep aggregates.

``AbstractBookRepository`` is the tutorial's port, exactly: ``add(model)`` and ``by_id(id)``,
so the tutorial's own in-memory repository runs against our handlers. The catalogue's
repositories implement :class:`AbstractEditableBookRepository`, which adds what editing needs.
What the screens show is read through the views (``core.service.views``), never from here.
"""

from __future__ import annotations

import abc
import enum
from collections.abc import Iterable
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
    stale = "stale"
    """The book changed since the change an undo would revert (elsewhere, or by another
    command): the undo is not applied over it."""


type BookRepositoryResult = Result[Book, BookRepositoryError]
"""A book, or why there is none."""
type BookRepositoryOperationResult = Result[EllipsisType, BookRepositoryError]
"""``Ok(...)`` when the write was done, otherwise why not."""


class AbstractBookRepository(AsyncAbstractRepository[Book]):
    """The tutorial's book repository: add a book, find it by id. Written books go to
    ``seen`` so that the bus collects the events raised on them."""

    @abc.abstractmethod
    async def add(self, model: Book) -> BookRepositoryOperationResult:
        """Add a new book; ``Err(integrity_error)`` if its id or ISBN is taken."""

    @abc.abstractmethod
    async def by_id(self, id: BookId) -> BookRepositoryResult:
        """The book with this id, or ``Err(not_found)``."""


class AbstractEditableBookRepository(AbstractBookRepository):
    """The catalogue's book repository: also by ISBN, update and remove.

    Every method sees the writes made before it in the same transaction.
    """

    async def exists(self, id: BookId) -> bool:
        """Whether a book has this id (what a handler of another aggregate asks of a book)."""
        return (await self.by_id(id)).is_ok()

    @abc.abstractmethod
    async def by_isbn(self, isbn: str) -> BookRepositoryResult:
        """The book with this canonical ISBN-13, or ``Err(not_found)``."""

    @abc.abstractmethod
    async def update(self, model: Book) -> BookRepositoryOperationResult:
        """Replace a stored book; ``Err(not_found)`` or ``Err(integrity_error)``."""

    @abc.abstractmethod
    async def remove(self, model: Book) -> BookRepositoryOperationResult:
        """Remove a stored book; ``Err(not_found)`` if it is not there."""

    async def expect(
        self,
        keys: Iterable[tuple[BookId, str]],
        pending: Iterable[tuple[BookId, str]] = (),
    ) -> None:
        """A hint before a batch: books with these (id, ISBN) ``keys`` are about to be added;
        those of ``pending`` are being added by earlier transactions that will commit first.

        A repository may look the keys up at once so that each ``add`` decides without a
        query, and refuse the ``pending`` keys at once (without the hint they would be
        refused when this transaction commits after those). Does nothing by default.
        """
