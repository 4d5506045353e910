"""The SQL repositories of copies and loans, and the availability projection.

A new book's copy #1 is buffered with the book (``SqlWrites.add_rows``) and written with it,
in the same multi-row statement or COPY batch; every other write goes through the session
like the club's (``club_repository``). A loan refused by the unique index over open loans
(two desktops lending one copy) is an ``Err(integrity_error)`` undoing only itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from core.domain.loan import Copy, CopyId, Loan, LoanId
from core.domain.member import MemberId
from core.domain.model import BookId
from core.domain.result import Err, Ok
from core.service.club_repositories import StoreOperation, StoreResult
from core.service.loan_repositories import (
    AbstractAvailabilityProjection,
    AbstractCopyRepository,
    AbstractLoanRepository,
)
from core.service.repositories import BookRepositoryError as Code

from .club_repository import SqlRepository
from .rows import AVAILABLE, COPY_COUNT, copy_row, from_raw_time, raw_uuid
from .tables import BOOKS, COPIES, LOANS, MEMBERS
from .writes import SqlWrites

_COPY_COLUMNS = (COPIES.c.id, COPIES.c.book_id, COPIES.c.number, COPIES.c.added_on)
_LOAN_COLUMNS = (
    LOANS.c.id,
    LOANS.c.copy_id,
    LOANS.c.member_id,
    LOANS.c.lent_on,
    LOANS.c.due_on,
    LOANS.c.returned_on,
)
_OPEN = LOANS.c.returned_on.is_(None)


class SqlCopyRepository(SqlRepository, AbstractCopyRepository):
    """Copies in the ``copies`` table (unique number within a book)."""

    async def add(self, model: Copy) -> StoreOperation:
        """Buffer the copy of a book added in this transaction; insert any other."""
        writes = self.writes
        if model.book_id in writes.new_books:
            writes.add_rows("copies", [copy_row(writes.dialect, model)])
            self.seen.append(model)
            return Ok(...)
        values = {column.name: getattr(model, column.name) for column in _COPY_COLUMNS}
        return await self._write(sa.insert(COPIES).values(values), model)

    async def _rows(self, condition: sa.ColumnElement[bool]) -> list[Copy]:
        if self.writes.new_rows["copies"]:
            await self.writes.before_write()
        statement = sa.select(*_COPY_COLUMNS).where(condition).order_by(COPIES.c.number)
        return [_copy(row) for row in await self.writes.session.execute(statement)]

    async def by_id(self, id: CopyId) -> StoreResult[Copy]:
        """The copy with this id."""
        found = await self._rows(COPIES.c.id == id)
        return Ok(found[0]) if found else Err(Code.not_found)

    async def of_book(self, book_id: BookId) -> list[Copy]:
        """The book's copies by number; those of a book added in this transaction are read
        from the buffer (an import adding copies to its new books writes nothing between)."""
        if book_id in self.writes.new_books:
            return buffered_copies(self.writes, book_id)
        return await self._rows(COPIES.c.book_id == book_id)

    async def remove(self, model: Copy) -> StoreOperation:
        """Delete the copy."""
        return await self._write(sa.delete(COPIES).where(COPIES.c.id == model.id), model)


def buffered_copies(writes: SqlWrites, book_id: BookId) -> list[Copy]:
    """The copies of a book whose row is still buffered: all in the buffer too (a copy is
    buffered while its book is; anything written through writes the books first)."""
    rows = writes.rows_of_book("copies", raw_uuid(writes.dialect, book_id))
    return sorted((_raw_copy(writes.dialect, book_id, row) for row in rows), key=_number)


def _raw_copy(dialect: str, book_id: BookId, row: Sequence[Any]) -> Copy:
    added_on = from_raw_time(dialect, row[3])
    assert added_on is not None  # a copy row always has its date
    copy_id = row[0] if isinstance(row[0], UUID) else UUID(row[0])
    return Copy.model_construct(
        id=copy_id, book_id=book_id, number=row[2], added_on=added_on, messages=[]
    )


def _number(copy: Copy) -> int:
    return copy.number


def _copy(row: Any) -> Copy:
    return Copy.model_construct(
        id=row.id, book_id=row.book_id, number=row.number, added_on=row.added_on, messages=[]
    )


class SqlLoanRepository(SqlRepository, AbstractLoanRepository):
    """Loans in the ``loans`` table, with their copy's book (for the availability)."""

    async def add(self, model: Loan, book_id: BookId) -> StoreOperation:
        """Insert the loan; the unique index over open loans may refuse it."""
        values = {column.name: getattr(model, column.name) for column in _LOAN_COLUMNS}
        return await self._write(sa.insert(LOANS).values({**values, "book_id": book_id}), model)

    async def _rows(self, *conditions: sa.ColumnElement[bool]) -> list[Loan]:
        statement = sa.select(*_LOAN_COLUMNS).where(*conditions).order_by(LOANS.c.due_on)
        return [_loan(row) for row in await self.writes.session.execute(statement)]

    async def by_id(self, id: LoanId) -> StoreResult[Loan]:
        """The loan with this id."""
        found = await self._rows(LOANS.c.id == id)
        return Ok(found[0]) if found else Err(Code.not_found)

    async def open_of_copies(self, copy_ids: list[CopyId]) -> list[Loan]:
        """The open loans of these copies."""
        if not copy_ids:
            return []
        return await self._rows(LOANS.c.copy_id.in_(copy_ids), _OPEN)

    async def open_of_member(self, member_id: MemberId) -> list[Loan]:
        """The member's open loans, by due date."""
        return await self._rows(LOANS.c.member_id == member_id, _OPEN)

    async def update(self, model: Loan) -> StoreOperation:
        """Change the due and return dates."""
        statement = (
            sa.update(LOANS)
            .where(LOANS.c.id == model.id)
            .values(due_on=model.due_on, returned_on=model.returned_on)
        )
        return await self._write(statement, model)

    async def remove(self, model: Loan) -> StoreOperation:
        """Delete the loan."""
        return await self._write(sa.delete(LOANS).where(LOANS.c.id == model.id), model)


def _loan(row: Any) -> Loan:
    return Loan.model_construct(
        id=row.id,
        copy_id=row.copy_id,
        member_id=row.member_id,
        lent_on=row.lent_on,
        due_on=row.due_on,
        returned_on=row.returned_on,
        messages=[],
    )


def _book_open_loans() -> Any:
    return sa.and_(LOANS.c.book_id == BOOKS.c.id, _OPEN)


def _availability() -> dict[str, Any]:
    """The availability columns of a book's row, counted again by correlated subqueries."""
    copies = sa.select(sa.func.count()).where(COPIES.c.book_id == BOOKS.c.id).scalar_subquery()
    out = sa.select(sa.func.count()).where(_book_open_loans()).scalar_subquery()
    due = sa.select(sa.func.min(LOANS.c.due_on)).where(_book_open_loans()).scalar_subquery()
    borrower = (
        sa.select(MEMBERS.c.nickname)
        .join(LOANS, LOANS.c.member_id == MEMBERS.c.id)
        .where(_book_open_loans())
        .limit(1)
        .scalar_subquery()
    )
    return {
        "copy_count": copies,
        "available": copies - out,
        "due_on": due,
        "borrower": sa.case((out == 1, borrower)),
    }


class SqlAvailabilityProjection(AbstractAvailabilityProjection):
    """The availability columns of the book's row: counted in the buffered row of a new book,
    counted again by one UPDATE otherwise."""

    def __init__(self, writes: SqlWrites) -> None:
        self.writes = writes

    async def first_copy(self, book_id: BookId) -> None:
        """One copy, available: in the buffered row (a batch queries nothing)."""
        row = self.writes.new_books.get(book_id)
        if row is None:
            await self.refresh(book_id)
            return
        row[COPY_COUNT] += 1
        row[AVAILABLE] += 1

    async def refresh(self, book_id: BookId) -> None:
        """Count the book's copies and open loans again: in the buffered row of a book added
        in this transaction (it has no loan yet: a loan's insert writes the books first)."""
        row = self.writes.new_books.get(book_id)
        if row is not None:
            row[COPY_COUNT] = row[AVAILABLE] = len(buffered_copies(self.writes, book_id))
            return
        await self.writes.before_write()
        statement = sa.update(BOOKS).where(BOOKS.c.id == book_id).values(_availability())
        await self.writes.session.execute(statement)

    async def refresh_member(self, member_id: MemberId) -> None:
        """Count again the books the member has borrowed (their nickname is shown)."""
        await self.writes.before_write()
        books = sa.select(LOANS.c.book_id).where(LOANS.c.member_id == member_id, _OPEN)
        statement = sa.update(BOOKS).where(BOOKS.c.id.in_(books)).values(_availability())
        await self.writes.session.execute(statement)
