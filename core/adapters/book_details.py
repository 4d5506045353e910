"""The SQL side of the BookDetails aggregate: the repository (within a transaction's
:class:`SqlWrites`) and the views (on connections that only read)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.domain.book_details import BookDetails
from core.domain.model import BookId
from core.service.book_details import (
    AbstractBookDetailsRepository,
    AbstractBookDetailsViews,
    BookDetailsView,
    BookToFill,
)

from .tables import BOOK_DETAILS, BOOKS
from .writes import SqlWrites

_FIELDS = ("subtitle", "publisher", "year", "pages", "cover_id", "source")
_DETAILS_COLUMNS = tuple(BOOK_DETAILS.c[name] for name in ("book_id", *_FIELDS))
_AMONG_CHUNK = 5000
"""Book ids per query when asking about chosen books (well within every parameter limit)."""


class SqlBookDetailsRepository(AbstractBookDetailsRepository):
    """Details in the ``book_details`` table: read on the transaction's session, written
    through it (after the buffered new books, inside the command's step)."""

    def __init__(self, writes: SqlWrites) -> None:
        super().__init__()
        self.writes = writes

    async def of_book(self, book_id: BookId) -> BookDetails:
        """The stored details, or empty ones."""
        statement = sa.select(*_DETAILS_COLUMNS).where(BOOK_DETAILS.c.book_id == book_id)
        row = (await self.writes.session.execute(statement)).first()
        if row is None:
            return BookDetails(book_id=book_id)
        # Rows were validated when written; reading must not fail on a rule changed since.
        return BookDetails.model_construct(**row._asdict())

    async def put(self, details: BookDetails) -> None:
        """Replace the book's row (delete, then insert unless the details are empty)."""
        await self.writes.before_write()
        session = self.writes.session
        key = BOOK_DETAILS.c.book_id == details.book_id
        await session.execute(sa.delete(BOOK_DETAILS).where(key))
        if not details.state.empty:
            values: dict[str, Any] = {name: getattr(details, name) for name in _FIELDS}
            await session.execute(sa.insert(BOOK_DETAILS).values(book_id=details.book_id, **values))
        self.seen.append(details)


class SqlBookDetailsViews(AbstractBookDetailsViews):
    """The details views of :class:`~core.adapters.views.SqlCatalogueViews` (which gives the
    read-only ``_sessions``)."""

    _sessions: async_sessionmaker[AsyncSession]

    async def book_details(self, book_id: BookId) -> BookDetailsView | None:
        """The book's details, or ``None``."""
        statement = sa.select(*_DETAILS_COLUMNS).where(BOOK_DETAILS.c.book_id == book_id)
        async with self._sessions() as session:
            row = (await session.execute(statement)).first()
        return None if row is None else BookDetailsView(*row)

    async def books_without_details(
        self, among: Collection[BookId] | None = None
    ) -> list[BookToFill]:
        """Books with an ISBN and without a details row, in registration order
        (``books.seq``)."""
        base = (
            sa.select(BOOKS.c.id, BOOKS.c.isbn, BOOKS.c.title, BOOKS.c.seq)
            .outerjoin(BOOK_DETAILS, BOOK_DETAILS.c.book_id == BOOKS.c.id)
            .where(BOOK_DETAILS.c.book_id.is_(None), BOOKS.c.isbn != "")
        )
        chosen = list(among) if among is not None else None
        statements = (
            [base]
            if chosen is None
            else [
                base.where(BOOKS.c.id.in_(chosen[start : start + _AMONG_CHUNK]))
                for start in range(0, len(chosen), _AMONG_CHUNK)
            ]
        )
        found: list[tuple[int, BookToFill]] = []
        async with self._sessions() as session:
            for statement in statements:
                for book_id, isbn, title, seq in await session.execute(statement):
                    found.append((seq, BookToFill(book_id, isbn, title)))
        return [book for _, book in sorted(found, key=lambda pair: pair[0])]
