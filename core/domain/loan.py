"""The Copy and Loan aggregates: the club's shelf, and who has which copy until when.

A book has copies numbered 1, 2, 3... (shown "#2"); registering a book gives it copy #1. A loan
lends one copy to one member from ``lent_on`` until ``due_on`` (not before ``lent_on``); it is
open until ``returned_on``. A copy has at most one open loan.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Self
from uuid import UUID

from pydantic import Field, model_validator

from core.bus import Model

from .member import MemberId
from .model import BookId

CopyId = UUID
"""Identifier of a copy."""
LoanId = UUID
"""Identifier of a loan."""
DEFAULT_LOAN_DAYS = 21
"""The default loan period, in days (the window keeps its own setting, starting at this)."""


def default_due_on(lent_on: date, days: int = DEFAULT_LOAN_DAYS) -> date:
    """When a loan made on ``lent_on`` is due back by default."""
    return lent_on + timedelta(days=days)


class Copy(Model):
    """One physical copy of a book."""

    id: CopyId
    book_id: BookId
    number: int = Field(ge=1)
    added_on: datetime


class Loan(Model):
    """A copy lent to a member; open while ``returned_on`` is ``None``."""

    id: LoanId
    copy_id: CopyId
    member_id: MemberId
    lent_on: date
    due_on: date
    returned_on: date | None = None

    @model_validator(mode="after")
    def _due_after_lent(self) -> Self:
        if self.due_on < self.lent_on:
            raise ValueError("the due date is before the day the copy was lent")
        return self

    @property
    def is_open(self) -> bool:
        """Whether the copy has not come back yet."""
        return self.returned_on is None

    def overdue(self, today: date) -> bool:
        """Whether the loan is open and past its due date on ``today``."""
        return self.is_open and self.due_on < today
