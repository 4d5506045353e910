"""The availability read model: each book's copies, how many are available, the earliest due
date of its open loans and, when one copy is out, its borrower — kept from the copy and loan
events in the transaction that wrote them (the list's Availability column, sorted and
filtered in SQL). Copy #1 of a new book is counted by the policy that adds it.
"""

from __future__ import annotations

from core.bus import async_listen
from core.domain.messages import (
    CopyAdded,
    CopyLent,
    CopyRemoved,
    CopyRestored,
    CopyReturned,
    LoanCancelled,
    LoanRenewed,
    LoanReopened,
    LoanRestored,
    MemberUpdated,
)
from core.service.uow import AbstractCatalogueUnitOfWork

type ShelfEvent = (
    CopyAdded
    | CopyRemoved
    | CopyRestored
    | CopyLent
    | CopyReturned
    | LoanRenewed
    | LoanCancelled
    | LoanRestored
    | LoanReopened
)
SHELF_EVENTS = (
    CopyAdded,
    CopyRemoved,
    CopyRestored,
    CopyLent,
    CopyReturned,
    LoanRenewed,
    LoanCancelled,
    LoanRestored,
    LoanReopened,
)
"""The events that change a book's availability."""


async def _refresh(event: ShelfEvent, uow: AbstractCatalogueUnitOfWork) -> None:
    await uow.availability.refresh(event.book_id)


@async_listen
async def count_added_copy(event: CopyAdded, uow: AbstractCatalogueUnitOfWork) -> None:
    """Another copy: one more, available."""
    await _refresh(event, uow)


@async_listen
async def uncount_removed_copy(event: CopyRemoved, uow: AbstractCatalogueUnitOfWork) -> None:
    """A copy gone: one fewer."""
    await _refresh(event, uow)


@async_listen
async def count_restored_copy(event: CopyRestored, uow: AbstractCatalogueUnitOfWork) -> None:
    """A copy back."""
    await _refresh(event, uow)


@async_listen
async def count_lent_copy(event: CopyLent, uow: AbstractCatalogueUnitOfWork) -> None:
    """A copy out: one fewer available, maybe an earlier due date."""
    await _refresh(event, uow)


@async_listen
async def count_returned_copy(event: CopyReturned, uow: AbstractCatalogueUnitOfWork) -> None:
    """A copy back on the shelf."""
    await _refresh(event, uow)


@async_listen
async def count_renewed_loan(event: LoanRenewed, uow: AbstractCatalogueUnitOfWork) -> None:
    """A new due date."""
    await _refresh(event, uow)


@async_listen
async def count_cancelled_loan(event: LoanCancelled, uow: AbstractCatalogueUnitOfWork) -> None:
    """A lend undone."""
    await _refresh(event, uow)


@async_listen
async def count_restored_loan(event: LoanRestored, uow: AbstractCatalogueUnitOfWork) -> None:
    """A lend redone."""
    await _refresh(event, uow)


@async_listen
async def count_reopened_loan(event: LoanReopened, uow: AbstractCatalogueUnitOfWork) -> None:
    """A return undone."""
    await _refresh(event, uow)


@async_listen
async def rename_borrower(event: MemberUpdated, uow: AbstractCatalogueUnitOfWork) -> None:
    """The list names a borrower: a renamed member's borrowed books show the new name."""
    if event.nickname != event.old_nickname:
        await uow.availability.refresh_member(event.id)
