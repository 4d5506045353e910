"""Write ports of the shelf: copies, loans, and the availability read model of the books.

They answer like the club's repositories: ``Ok(...)`` or ``Err`` with a
:class:`~core.service.repositories.BookRepositoryError` code, which the handlers turn into a
:class:`~core.service.club_repositories.ClubError` saying it to people.
"""

from __future__ import annotations

import abc

from core.bus import AsyncAbstractRepository
from core.domain.loan import Copy, CopyId, Loan, LoanId
from core.domain.member import MemberId
from core.domain.model import BookId

from .club_repositories import StoreOperation, StoreResult


class AbstractCopyRepository(AsyncAbstractRepository[Copy]):
    """Copies: numbered 1, 2, 3... within their book."""

    @abc.abstractmethod
    async def add(self, model: Copy) -> StoreOperation:
        """Add a copy; ``Err(integrity_error)`` if its id or its number in the book is taken."""

    @abc.abstractmethod
    async def by_id(self, id: CopyId) -> StoreResult[Copy]:
        """The copy with this id, or ``Err(not_found)``."""

    @abc.abstractmethod
    async def of_book(self, book_id: BookId) -> list[Copy]:
        """The book's copies by number."""

    @abc.abstractmethod
    async def remove(self, model: Copy) -> StoreOperation:
        """Remove a copy."""


class AbstractLoanRepository(AsyncAbstractRepository[Loan]):
    """Loans, open and returned: at most one open loan per copy."""

    @abc.abstractmethod
    async def add(self, model: Loan, book_id: BookId) -> StoreOperation:
        """Add a loan of a copy of ``book_id``; ``Err(integrity_error)`` if its id is taken or
        the copy has an open loan already (the database says so too, for two desktops)."""

    @abc.abstractmethod
    async def by_id(self, id: LoanId) -> StoreResult[Loan]:
        """The loan with this id, or ``Err(not_found)``."""

    @abc.abstractmethod
    async def open_of_copies(self, copy_ids: list[CopyId]) -> list[Loan]:
        """The open loans of these copies."""

    @abc.abstractmethod
    async def open_of_member(self, member_id: MemberId) -> list[Loan]:
        """The member's open loans."""

    @abc.abstractmethod
    async def update(self, model: Loan) -> StoreOperation:
        """Replace a loan's due and return dates."""

    @abc.abstractmethod
    async def remove(self, model: Loan) -> StoreOperation:
        """Forget a loan (an undone lend)."""


class AbstractAvailabilityProjection(abc.ABC):
    """Each book's availability, as the list shows and sorts it: how many copies, how many
    of them available, the earliest due date of its open loans, and the borrower's nickname
    when exactly one copy is out."""

    @abc.abstractmethod
    async def first_copy(self, book_id: BookId) -> None:
        """A book just registered got its copy #1 (cheap: no query during an import)."""

    @abc.abstractmethod
    async def refresh(self, book_id: BookId) -> None:
        """Count the book's copies and loans again (after any other change)."""

    @abc.abstractmethod
    async def refresh_member(self, member_id: MemberId) -> None:
        """The member's nickname changed: refresh the books they borrowed."""
