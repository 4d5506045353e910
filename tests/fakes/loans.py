"""In-memory copies, loans and availability for :class:`tests.fakes.uow.InMemoryUnitOfWork`.

Every change is logged in the unit of work's undo log, so a rollback or an undone step
restores them like the books. The fake views count the availability from the loans
themselves, so the projection here only records which books it was asked to refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

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

type Undo = list[Callable[[], object]]


class _Logged[K, V]:
    def __init__(self, undo: Undo) -> None:
        super().__init__()
        self.items: dict[K, V] = {}
        self._undo = undo

    def _put(self, key: K, value: V | None) -> None:
        previous = self.items.get(key)
        if value is None:
            self.items.pop(key, None)
        else:
            self.items[key] = value
        if previous is None:
            self._undo.append(lambda: self.items.pop(key, None))
        else:
            self._undo.append(partial(self.items.__setitem__, key, previous))


class InMemoryCopyRepository(_Logged[CopyId, Copy], AbstractCopyRepository):
    """Copies by id."""

    async def add(self, model: Copy) -> StoreOperation:
        if model.id in self.items or any(
            (c.book_id, c.number) == (model.book_id, model.number) for c in self.items.values()
        ):
            return Err(Code.integrity_error)
        self._put(model.id, model)
        self.seen.append(model)
        return Ok(...)

    async def by_id(self, id: CopyId) -> StoreResult[Copy]:
        copy = self.items.get(id)
        return Err(Code.not_found) if copy is None else Ok(copy)

    async def of_book(self, book_id: BookId) -> list[Copy]:
        return sorted(
            (c for c in self.items.values() if c.book_id == book_id), key=lambda c: c.number
        )

    async def remove(self, model: Copy) -> StoreOperation:
        if model.id not in self.items:
            return Err(Code.not_found)
        self._put(model.id, None)
        self.seen.append(model)
        return Ok(...)


class InMemoryLoanRepository(_Logged[LoanId, Loan], AbstractLoanRepository):
    """Loans by id, and each loan's book."""

    def __init__(self, undo: Undo) -> None:
        super().__init__(undo)
        self.books: dict[LoanId, BookId] = {}

    async def add(self, model: Loan, book_id: BookId) -> StoreOperation:
        if model.id in self.items or await self.open_of_copies([model.copy_id]):
            return Err(Code.integrity_error)
        self.books[model.id] = book_id
        self._put(model.id, model)
        self.seen.append(model)
        return Ok(...)

    async def by_id(self, id: LoanId) -> StoreResult[Loan]:
        loan = self.items.get(id)
        return Err(Code.not_found) if loan is None else Ok(loan)

    def open_loans(self) -> list[Loan]:
        """Every open loan, by due date."""
        return sorted((lo for lo in self.items.values() if lo.is_open), key=lambda lo: lo.due_on)

    async def open_of_copies(self, copy_ids: list[CopyId]) -> list[Loan]:
        return [loan for loan in self.open_loans() if loan.copy_id in copy_ids]

    async def open_of_member(self, member_id: MemberId) -> list[Loan]:
        return [loan for loan in self.open_loans() if loan.member_id == member_id]

    async def update(self, model: Loan) -> StoreOperation:
        if model.id not in self.items:
            return Err(Code.not_found)
        self._put(model.id, model)
        self.seen.append(model)
        return Ok(...)

    async def remove(self, model: Loan) -> StoreOperation:
        if model.id not in self.items:
            return Err(Code.not_found)
        self._put(model.id, None)
        self.seen.append(model)
        return Ok(...)


class InMemoryAvailability(AbstractAvailabilityProjection):
    """Records the books and members it was told about (the views count for themselves)."""

    def __init__(self) -> None:
        self.refreshed: list[BookId | MemberId] = []

    async def first_copy(self, book_id: BookId) -> None:
        self.refreshed.append(book_id)

    async def refresh(self, book_id: BookId) -> None:
        self.refreshed.append(book_id)

    async def refresh_member(self, member_id: MemberId) -> None:
        self.refreshed.append(member_id)
