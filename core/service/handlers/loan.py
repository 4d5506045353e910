"""Use cases of the Loan aggregate: lend a copy (or "a book": any available copy), return
it, renew a loan; and the inverses an undo sends (cancel, restore, reopen).

A copy has at most one open loan: the handler checks, and the database's unique index over
open loans decides between two desktops lending at the same moment; either way the refusal
names who has the copy.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from core.bus import async_listen
from core.domain.loan import Copy, Loan, LoanId, default_due_on
from core.domain.messages import (
    CancelLoan,
    CopyLent,
    CopyReturned,
    LendBook,
    LendCopy,
    LoanCancelled,
    LoanRenewed,
    LoanReopened,
    LoanRestored,
    RenewLoan,
    ReopenLoan,
    RestoreLoan,
    ReturnCopy,
)
from core.domain.result import Err, Ok
from core.service.club_repositories import ClubError, ClubResult
from core.service.handlers.copy import unknown_book, unknown_copy
from core.service.handlers.member import unknown_member
from core.service.loan_rules import lent_refusal, who_has
from core.service.repositories import BookRepositoryError as Code
from core.service.uow import AbstractCatalogueUnitOfWork


def _unknown_loan(loan_id: LoanId) -> Err[ClubError]:
    return Err(ClubError(Code.not_found, f"no loan has the id {loan_id}"))


def _fields(loan: Loan, copy: Copy) -> dict[str, Any]:
    return {
        "id": loan.id,
        "copy_id": loan.copy_id,
        "book_id": copy.book_id,
        "number": copy.number,
        "member_id": loan.member_id,
        "lent_on": loan.lent_on,
        "due_on": loan.due_on,
        "returned_on": loan.returned_on,
    }


def _early_due(due_on: date, lent_on: date) -> Err[ClubError]:
    message = f"the due date {due_on.isoformat()} is before the day lent, {lent_on.isoformat()}"
    return Err(ClubError(Code.integrity_error, message))


async def _lend(
    cmd: LendCopy | LendBook, copy: Copy, uow: AbstractCatalogueUnitOfWork
) -> ClubResult:
    if (await uow.members.by_id(cmd.member_id)).is_err():
        return unknown_member(cmd.member_id)
    lent_on = cmd.lent_on or cmd.created_at.date()
    due_on = cmd.due_on or default_due_on(lent_on)
    if due_on < lent_on:
        return _early_due(due_on, lent_on)
    loan = Loan(id=cmd.id, copy_id=copy.id, member_id=cmd.member_id, lent_on=lent_on, due_on=due_on)
    return await _add(loan, copy, uow, CopyLent)


async def _add(
    loan: Loan,
    copy: Copy,
    uow: AbstractCatalogueUnitOfWork,
    event: type[CopyLent | LoanRestored],
) -> ClubResult:
    """Add the open loan unless the copy has one (checked, then enforced by the index)."""
    lent = await uow.loans.open_of_copies([copy.id])
    if lent:
        return await lent_refusal(lent[0], uow)
    if (await uow.loans.add(loan, copy.book_id)).is_err():
        # Another desktop lent it meanwhile (its commit is visible now), or the id is taken.
        lent = await uow.loans.open_of_copies([copy.id])
        if lent:
            return await lent_refusal(lent[0], uow)
        return Err(ClubError(Code.integrity_error, f"a loan has the id {loan.id} already"))
    loan.messages.append(event(**_fields(loan, copy)))
    return Ok(...)


@async_listen
async def lend_copy(cmd: LendCopy, uow: AbstractCatalogueUnitOfWork) -> ClubResult:
    """Lend a copy to a current member; ``Err(integrity_error)`` naming who has it if it is
    lent, or if the due date is before the day lent; ``Err(not_found)`` for an unknown copy
    or member."""
    found = await uow.copies.by_id(cmd.copy_id)
    if isinstance(found, Err):
        return unknown_copy(cmd.copy_id)
    return await _lend(cmd, found.value, uow)


@async_listen
async def lend_book(cmd: LendBook, uow: AbstractCatalogueUnitOfWork) -> ClubResult:
    """Lend the book's available copy with the lowest number; refused naming who has them
    when every copy is lent."""
    copies = await uow.copies.of_book(cmd.book_id)
    if not copies:
        return unknown_book(cmd.book_id)
    lent = await uow.loans.open_of_copies([c.id for c in copies])
    out = {loan.copy_id for loan in lent}
    free = [c for c in copies if c.id not in out]
    if not free:
        names = "; ".join([await who_has(loan, uow) for loan in lent])
        return Err(ClubError(Code.integrity_error, f"every copy is lent: {names}"))
    return await _lend(cmd, free[0], uow)


async def _open_loan(
    loan_id: LoanId, if_due: date | None, uow: AbstractCatalogueUnitOfWork, is_open: bool = True
) -> tuple[Loan, Copy] | Err[ClubError]:
    """The loan (open, or returned with ``is_open=False``) and its copy, if still due on
    ``if_due`` (an undo)."""
    found = await uow.loans.by_id(loan_id)
    if isinstance(found, Err):
        return _unknown_loan(loan_id)
    loan = found.value
    if loan.is_open != is_open:
        state = "returned already" if is_open else "not returned"
        return Err(ClubError(Code.stale, f"the loan is {state}"))
    if if_due is not None and loan.due_on != if_due:
        return Err(ClubError(Code.stale, "the loan was renewed since"))
    copy = await uow.copies.by_id(loan.copy_id)
    if isinstance(copy, Err):
        return unknown_copy(loan.copy_id)
    return loan, copy.value


async def _change(
    loan: Loan, copy: Copy, uow: AbstractCatalogueUnitOfWork, event: Any, **extra: Any
) -> ClubResult:
    loan.messages = []  # a copy of the stored loan: not its list
    if (await uow.loans.update(loan)).is_err():
        return _unknown_loan(loan.id)
    loan.messages.append(event(**_fields(loan, copy), **extra))
    return Ok(...)


@async_listen
async def return_copy(cmd: ReturnCopy, uow: AbstractCatalogueUnitOfWork) -> ClubResult:
    """The copy is back (today unless said); ``Err(stale)`` if it was returned already."""
    found = await _open_loan(cmd.loan_id, None, uow)
    if isinstance(found, Err):
        return found
    loan, copy = found
    returned_on = max(cmd.returned_on or cmd.created_at.date(), loan.lent_on)
    returned = loan.model_copy(update={"returned_on": returned_on})
    return await _change(returned, copy, uow, CopyReturned)


@async_listen
async def renew_loan(cmd: RenewLoan, uow: AbstractCatalogueUnitOfWork) -> ClubResult:
    """Give an open loan a new due date, not before the day it was lent."""
    found = await _open_loan(cmd.loan_id, cmd.if_due, uow)
    if isinstance(found, Err):
        return found
    loan, copy = found
    if cmd.due_on < loan.lent_on:
        return _early_due(cmd.due_on, loan.lent_on)
    renewed = loan.model_copy(update={"due_on": cmd.due_on})
    return await _change(renewed, copy, uow, LoanRenewed, old_due_on=loan.due_on)


@async_listen
async def cancel_loan(cmd: CancelLoan, uow: AbstractCatalogueUnitOfWork) -> ClubResult:
    """Forget an open loan (the undo of a lend)."""
    found = await _open_loan(cmd.loan_id, cmd.if_due, uow)
    if isinstance(found, Err):
        return found
    loan, copy = found
    if (await uow.loans.remove(loan)).is_err():
        return _unknown_loan(loan.id)
    loan.messages.append(LoanCancelled(**_fields(loan, copy)))
    return Ok(...)


@async_listen
async def restore_loan(cmd: RestoreLoan, uow: AbstractCatalogueUnitOfWork) -> ClubResult:
    """Bring a forgotten loan back (the redo of a lend), unless its copy is lent meanwhile."""
    found = await uow.copies.by_id(cmd.copy_id)
    if isinstance(found, Err):
        return unknown_copy(cmd.copy_id)
    if (await uow.members.by_id(cmd.member_id, former=True)).is_err():
        return unknown_member(cmd.member_id)
    loan = Loan(
        id=cmd.id,
        copy_id=cmd.copy_id,
        member_id=cmd.member_id,
        lent_on=cmd.lent_on,
        due_on=cmd.due_on,
    )
    return await _add(loan, found.value, uow, LoanRestored)


@async_listen
async def reopen_loan(cmd: ReopenLoan, uow: AbstractCatalogueUnitOfWork) -> ClubResult:
    """A return undone: the loan is open again, unless its copy is lent meanwhile."""
    found = await _open_loan(cmd.loan_id, None, uow, is_open=False)
    if isinstance(found, Err):
        return found
    loan, copy = found
    lent = await uow.loans.open_of_copies([copy.id])
    if lent:
        return await lent_refusal(lent[0], uow)
    reopened = loan.model_copy(update={"returned_on": None})
    reopened.messages = []
    if (await uow.loans.update(reopened)).is_err():
        return _unknown_loan(loan.id)
    reopened.messages.append(LoanReopened(**_fields(loan, copy)))
    return Ok(...)
