"""The availability read model: each book's copies, how many are available, the earliest due
date of its open loans and, when one copy is out, its borrower — kept from the copy and loan
events in the transaction that wrote them (the list's Availability column, sorted and
filtered in SQL). Copy #1 of a new book is counted by the policy that adds it.
"""

from __future__ import annotations

import typing

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
SHELF_EVENTS: tuple[type[ShelfEvent], ...] = typing.get_args(ShelfEvent.__value__)
"""The events that change a book's availability."""


@async_listen
async def recount_shelf(event: ShelfEvent, uow: AbstractCatalogueUnitOfWork) -> None:
    """A copy added, removed or restored, lent, returned or renewed, a lend or a return
    undone: count the book's copies, available copies and earliest due date again."""
    await uow.availability.refresh(event.book_id)


@async_listen
async def rename_borrower(event: MemberUpdated, uow: AbstractCatalogueUnitOfWork) -> None:
    """The list names a borrower: a renamed member's borrowed books show the new name."""
    if event.nickname != event.old_nickname:
        await uow.availability.refresh_member(event.id)
