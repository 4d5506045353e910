"""The inverses of the shelf's events (copies and loans), registered with
:func:`core.service.undo.inverse_of`; imported by ``core.service.undo``.
"""

from __future__ import annotations

from core.domain.messages import (
    CancelLoan,
    CopyAdded,
    CopyLent,
    CopyRemoved,
    CopyRestored,
    CopyReturned,
    LoanCancelled,
    LoanRenewed,
    LoanReopened,
    LoanRestored,
    RemoveCopy,
    RenewLoan,
    ReopenLoan,
    RestoreCopy,
    RestoreLoan,
    ReturnCopy,
)
from core.service.undo import Command, inverse_of


@inverse_of(CopyAdded)
def _unadd_copy(event: CopyAdded) -> list[Command]:
    return [RemoveCopy(id=event.id)]


@inverse_of(CopyRestored)
def _unrestore_copy(event: CopyRestored) -> list[Command]:
    return [RemoveCopy(id=event.id)]


@inverse_of(CopyRemoved)
def _unremove_copy(event: CopyRemoved) -> list[Command]:
    return [
        RestoreCopy(
            id=event.id,
            book_id=event.book_id,
            number=event.number,
            added_on=event.added_on,
        )
    ]


@inverse_of(CopyLent)
def _unlend(event: CopyLent) -> list[Command]:
    return [CancelLoan(loan_id=event.id, if_due=event.due_on)]


@inverse_of(LoanRestored)
def _unrestore_loan(event: LoanRestored) -> list[Command]:
    return [CancelLoan(loan_id=event.id, if_due=event.due_on)]


@inverse_of(LoanCancelled)
def _uncancel_loan(event: LoanCancelled) -> list[Command]:
    return [
        RestoreLoan(
            id=event.id,
            copy_id=event.copy_id,
            member_id=event.member_id,
            lent_on=event.lent_on,
            due_on=event.due_on,
        )
    ]


@inverse_of(CopyReturned)
def _unreturn(event: CopyReturned) -> list[Command]:
    return [ReopenLoan(loan_id=event.id)]


@inverse_of(LoanReopened)
def _unreopen(event: LoanReopened) -> list[Command]:
    return [ReturnCopy(loan_id=event.id, returned_on=event.returned_on)]


@inverse_of(LoanRenewed)
def _unrenew(event: LoanRenewed) -> list[Command]:
    return [RenewLoan(loan_id=event.id, due_on=event.old_due_on, if_due=event.due_on)]
