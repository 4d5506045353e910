"""Commands and events of the club's copies and loans (re-exported by
``core.domain.messages``).

Each event carries what undoing it needs (the whole copy or loan, or the ``old_*`` field).
A book's copies go and come back with it inside its own events (``BookDeleted.copies``,
``RestoreBook.copies``: :class:`CopyState`).
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from core.bus import Command, Event, Field, Metadata
from core.bus.ids import uuid7

from .loan import CopyId, LoanId
from .member import MemberId
from .model import BookId

# --- Copies and loans (the Copy and Loan aggregates) ------------------------------------------


class CopyState(BaseModel):
    """A copy of a book as its book's deletion removed it (and its restoration brings back)."""

    model_config = ConfigDict(frozen=True)

    id: CopyId
    number: int
    added_on: datetime


class AddCopy(Command):
    """Add another copy of a registered book; it gets the next number."""

    id: CopyId = Field(default_factory=uuid7)
    book_id: BookId
    metadata: Metadata = Metadata(name="add_copy", schema_version=1)


class CopyFields(Event):
    """What every copy event says: the copy (a base class, never sent itself)."""

    id: CopyId
    book_id: BookId
    number: int
    added_on: datetime


class CopyAdded(CopyFields):
    """Another copy joined the shelf (copy #1 comes with its book's registration)."""

    metadata: Metadata = Metadata(name="copy_added", schema_version=1, published=True)


class RemoveCopy(Command):
    """Remove a copy: refused while it is lent, or if it is its book's last copy."""

    id: CopyId
    metadata: Metadata = Metadata(name="remove_copy", schema_version=1)


class CopyRemoved(CopyFields):
    """A copy left the shelf."""

    metadata: Metadata = Metadata(name="copy_removed", schema_version=1, published=True)


class RestoreCopy(Command):
    """Bring a removed copy back with its number (an undo)."""

    id: CopyId
    book_id: BookId
    number: int
    added_on: datetime
    metadata: Metadata = Metadata(name="restore_copy", schema_version=1)


class CopyRestored(CopyFields):
    """A removed copy is back."""

    metadata: Metadata = Metadata(name="copy_restored", schema_version=1, published=True)


class LendCopy(Command):
    """Lend a copy to a current member until ``due_on`` (by default the loan period after
    ``lent_on``, which is today unless given)."""

    id: LoanId = Field(default_factory=uuid7)
    copy_id: CopyId
    member_id: MemberId
    due_on: date | None = None
    lent_on: date | None = None
    metadata: Metadata = Metadata(name="lend_copy", schema_version=1)


class LendBook(Command):
    """Lend "a book": whichever of its copies is available (the lowest number)."""

    id: LoanId = Field(default_factory=uuid7)
    book_id: BookId
    member_id: MemberId
    due_on: date | None = None
    lent_on: date | None = None
    metadata: Metadata = Metadata(name="lend_book", schema_version=1)


class LoanFields(Event):
    """What every loan event says: the whole loan, its copy's book and number (a base
    class, never sent itself)."""

    id: LoanId
    copy_id: CopyId
    book_id: BookId
    number: int
    member_id: MemberId
    lent_on: date
    due_on: date
    returned_on: date | None = None


class CopyLent(LoanFields):
    """A copy was lent to a member."""

    metadata: Metadata = Metadata(name="copy_lent", schema_version=1, published=True)


class ReturnCopy(Command):
    """The borrower brought the copy back (today unless ``returned_on`` says when)."""

    loan_id: LoanId
    returned_on: date | None = None
    metadata: Metadata = Metadata(name="return_copy", schema_version=1)


class CopyReturned(LoanFields):
    """A lent copy came back on ``returned_on``."""

    metadata: Metadata = Metadata(name="copy_returned", schema_version=1, published=True)


class RenewLoan(Command):
    """Give an open loan a new due date (not before the day it was lent); with ``if_due``
    (an undo), only while it is still due then."""

    loan_id: LoanId
    due_on: date
    if_due: date | None = None
    metadata: Metadata = Metadata(name="renew_loan", schema_version=1)


class LoanRenewed(LoanFields):
    """An open loan is due on ``due_on`` now, ``old_due_on`` before."""

    old_due_on: date
    metadata: Metadata = Metadata(name="loan_renewed", schema_version=1, published=True)


class CancelLoan(Command):
    """Forget an open loan as if it was never made (the undo of a lend)."""

    loan_id: LoanId
    if_due: date | None = None
    metadata: Metadata = Metadata(name="cancel_loan", schema_version=1)


class LoanCancelled(LoanFields):
    """A loan was forgotten (undone)."""

    metadata: Metadata = Metadata(name="loan_cancelled", schema_version=1, published=True)


class RestoreLoan(Command):
    """Bring a forgotten loan back as it was (the redo of a lend)."""

    id: LoanId
    copy_id: CopyId
    member_id: MemberId
    lent_on: date
    due_on: date
    metadata: Metadata = Metadata(name="restore_loan", schema_version=1)


class LoanRestored(LoanFields):
    """A forgotten loan is open again."""

    metadata: Metadata = Metadata(name="loan_restored", schema_version=1, published=True)


class ReopenLoan(Command):
    """A return recorded by mistake: the loan is open again (the undo of a return)."""

    loan_id: LoanId
    metadata: Metadata = Metadata(name="reopen_loan", schema_version=1)


class LoanReopened(LoanFields):
    """A returned loan is open again; ``returned_on`` says when it had been returned."""

    metadata: Metadata = Metadata(name="loan_reopened", schema_version=1, published=True)
