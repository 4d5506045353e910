"""The SQL views of the shelf: open loans (with their book's title, copy number and member's
nickname) and a book's copies, read on connections that only read; and the book list's
filter by copies (``Shelf``)."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.domain.member import MemberId
from core.domain.model import BookId
from core.domain.ordering import Shelf
from core.service.loan_views import AbstractLoanViews, CopySummary, LoanSummary

from .tables import BOOKS, COPIES, LOANS, MEMBERS

_LOAN_COLUMNS = (
    LOANS.c.id,
    LOANS.c.copy_id,
    LOANS.c.book_id,
    BOOKS.c.title,
    COPIES.c.number,
    LOANS.c.member_id,
    MEMBERS.c.nickname,
    LOANS.c.lent_on,
    LOANS.c.due_on,
    LOANS.c.returned_on,
)


def _open_loans() -> sa.Select[Any]:
    return (
        sa.select(*_LOAN_COLUMNS)
        .join(COPIES, COPIES.c.id == LOANS.c.copy_id)
        .join(BOOKS, BOOKS.c.id == LOANS.c.book_id)
        .join(MEMBERS, MEMBERS.c.id == LOANS.c.member_id)
        .where(LOANS.c.returned_on.is_(None))
    )


def shelf_filter(shelf: Shelf, today: date) -> sa.ColumnElement[bool] | None:
    """The condition on the books' availability columns (``None``: every book)."""
    if shelf is Shelf.available:
        return BOOKS.c.available > 0
    if shelf is Shelf.lent:
        return BOOKS.c.available < BOOKS.c.copy_count
    if shelf is Shelf.overdue:
        return BOOKS.c.due_on < today
    return None


class SqlLoanViews(AbstractLoanViews):
    """Loans and copies; a mixin of ``SqlCatalogueViews`` (which sets ``_sessions``)."""

    _sessions: async_sessionmaker[AsyncSession]

    async def loans(
        self,
        *,
        overdue_on: date | None = None,
        member_id: MemberId | None = None,
        book_id: BookId | None = None,
    ) -> list[LoanSummary]:
        """Open loans by due date, then id."""
        statement = _open_loans().order_by(LOANS.c.due_on, LOANS.c.id)
        if overdue_on is not None:
            statement = statement.where(LOANS.c.due_on < overdue_on)
        if member_id is not None:
            statement = statement.where(LOANS.c.member_id == member_id)
        if book_id is not None:
            statement = statement.where(LOANS.c.book_id == book_id)
        async with self._sessions() as session:
            return [LoanSummary(*row) for row in await session.execute(statement)]

    async def copies(self, book_id: BookId) -> list[CopySummary]:
        """The book's copies by number, each with its open loan."""
        statement = (
            sa.select(COPIES.c.id, COPIES.c.book_id, COPIES.c.number, COPIES.c.added_on)
            .where(COPIES.c.book_id == book_id)
            .order_by(COPIES.c.number)
        )
        async with self._sessions() as session:
            copies = list(await session.execute(statement))
        lent = {loan.copy_id: loan for loan in await self.loans(book_id=book_id)}
        return [CopySummary(*row, lent.get(row.id)) for row in copies]
