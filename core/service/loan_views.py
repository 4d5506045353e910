"""Read ports of the shelf: loans and copies as the screens and the command line show them
(the book list's Availability is on ``BookSummary``)."""

from __future__ import annotations

import abc
from dataclasses import dataclass
from datetime import date, datetime

from core.domain.loan import CopyId, LoanId
from core.domain.member import MemberId
from core.domain.model import BookId


@dataclass(frozen=True, slots=True)
class LoanSummary:
    """A loan with its book's title, its copy's number and its member's nickname."""

    id: LoanId
    copy_id: CopyId
    book_id: BookId
    title: str
    number: int
    member_id: MemberId
    nickname: str
    lent_on: date
    due_on: date
    returned_on: date | None

    def overdue(self, today: date) -> bool:
        """Whether the loan is open and past its due date on ``today``."""
        return self.returned_on is None and self.due_on < today


@dataclass(frozen=True, slots=True)
class CopySummary:
    """A copy of a book, and its open loan if it is lent."""

    id: CopyId
    book_id: BookId
    number: int
    added_on: datetime
    loan: LoanSummary | None


class AbstractLoanViews(abc.ABC):
    """Loans and copies, read on their own (committed data)."""

    @abc.abstractmethod
    async def loans(
        self,
        *,
        overdue_on: date | None = None,
        member_id: MemberId | None = None,
        book_id: BookId | None = None,
    ) -> list[LoanSummary]:
        """The open loans by due date (overdue ones first), ties by id: all, or only those
        overdue on ``overdue_on``, or one member's, or one book's."""

    @abc.abstractmethod
    async def copies(self, book_id: BookId) -> list[CopySummary]:
        """The book's copies by number, each with its open loan."""
