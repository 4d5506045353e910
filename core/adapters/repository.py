"""The SQL book repository: Core statements through the unit of work's session."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from core.domain.model import Book, BookId
from core.domain.result import Err, Ok
from core.service.repositories import (
    AbstractBookRepository,
    BookQuery,
    BookRepositoryError,
    BookRepositoryOperationResult,
    BookRepositoryResult,
    BookSummary,
)

from .search import (
    capped_count_statement,
    count_statement,
    is_common,
    needle,
    order_by,
    search_filter,
)
from .tables import BOOKS, book_from_row, book_values

_BOOK_COLUMNS = (BOOKS.c.id, BOOKS.c.title, BOOKS.c.author, BOOKS.c.isbn)
_SUMMARY_COLUMNS = (*_BOOK_COLUMNS, BOOKS.c.registered_at)
_COUNT_ALL = sa.text("SELECT n FROM book_count")
# Built once: constructing an INSERT for every registration cost a quarter of its time.
_INSERTS = {
    "sqlite": sqlite.insert(BOOKS).on_conflict_do_nothing(),
    "postgresql": postgresql.insert(BOOKS).on_conflict_do_nothing(),
}


class SqlModelBookRepository(AbstractBookRepository):
    """Books in the ``books`` table, read and written inside ``session``'s transaction.

    Writes return ``Err`` instead of raising: a taken id or ISBN is ``integrity_error``, a
    missing row ``not_found``. Added, updated and removed books go to ``seen``.
    """

    def __init__(self, session: AsyncSession) -> None:
        super().__init__()
        self.session = session
        self.dialect = session.bind.dialect.name if session.bind is not None else ""

    async def add(
        self, model: Book, registered_at: datetime | None = None
    ) -> BookRepositoryOperationResult:
        """Insert the book; ``ON CONFLICT DO NOTHING`` keeps a PostgreSQL transaction usable."""
        statement = _INSERTS.get(self.dialect, _INSERTS["sqlite"])
        values = {**book_values(model), "registered_at": registered_at}
        result = await self.session.execute(statement, values)
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return Err(BookRepositoryError.integrity_error)
        self.seen.append(model)
        return Ok(...)

    async def by_id(self, id: BookId) -> BookRepositoryResult:
        """The book with this id, or ``Err(not_found)``."""
        return await self._one(BOOKS.c.id == id)

    async def by_isbn(self, isbn: str) -> BookRepositoryResult:
        """The book with this canonical ISBN-13, or ``Err(not_found)``."""
        return await self._one(BOOKS.c.isbn == isbn)

    async def _one(self, condition: sa.ColumnElement[bool]) -> BookRepositoryResult:
        result = await self.session.execute(sa.select(*_BOOK_COLUMNS).where(condition))
        row = result.first()
        if row is None:
            return Err(BookRepositoryError.not_found)
        return Ok(book_from_row(row))

    async def update(self, model: Book) -> BookRepositoryOperationResult:
        """Replace the book's fields inside a savepoint, so a taken ISBN undoes only this."""
        statement = sa.update(BOOKS).where(BOOKS.c.id == model.id).values(book_values(model))
        try:
            async with self.session.begin_nested():
                result = await self.session.execute(statement)
        except IntegrityError:
            return Err(BookRepositoryError.integrity_error)
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return Err(BookRepositoryError.not_found)
        self.seen.append(model)
        return Ok(...)

    async def remove(self, model: Book) -> BookRepositoryOperationResult:
        """Delete the book; ``Err(not_found)`` if it is not there."""
        result = await self.session.execute(sa.delete(BOOKS).where(BOOKS.c.id == model.id))
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return Err(BookRepositoryError.not_found)
        self.seen.append(model)
        return Ok(...)

    async def list_books(self, query: BookQuery) -> list[BookSummary]:
        """One page, filtered, sorted and windowed in SQL; ties broken by id."""
        statement = sa.select(*_SUMMARY_COLUMNS).order_by(*order_by(self.dialect, query))
        folded = needle(query.search)
        if folded:
            capped = capped_count_statement(self.dialect, folded)
            matches = int((await self.session.execute(capped)).scalar_one())
            if matches == 0:
                return []
            statement = statement.where(search_filter(self.dialect, folded, is_common(matches)))
        statement = statement.offset(query.offset).limit(query.limit)
        result = await self.session.execute(statement)
        return [BookSummary(*row) for row in result]

    async def count_books(self, search: str = "") -> int:
        """How many books match; all books come from a counter kept by triggers."""
        folded = needle(search)
        statement = count_statement(self.dialect, folded) if folded else _COUNT_ALL
        return int((await self.session.execute(statement)).scalar_one())
