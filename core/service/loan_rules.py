"""The shelf's rules that other use cases share: who has a copy (said to people), a member
who holds a copy cannot leave, a book goes with its copies but not while one is lent.

Kept apart from the handler modules so that the member and book handlers can ask without
importing each other's use cases.
"""

from __future__ import annotations

from core.domain.loan import Copy, Loan
from core.domain.member import MemberId
from core.domain.messages import CopyRemoved, CopyState
from core.domain.model import BookId
from core.domain.result import Err, Ok
from core.service.club_repositories import ClubError
from core.service.repositories import BookRepositoryError as Code
from core.service.uow import AbstractCatalogueUnitOfWork


async def who_has(loan: Loan, uow: AbstractCatalogueUnitOfWork) -> str:
    """``copy #2 of "Dune" is lent to Alice until 2026-12-12``: the open loan, for people."""
    member = await uow.members.by_id(loan.member_id, former=True)
    nickname = member.value.nickname if isinstance(member, Ok) else "a former member"
    until = f"is lent to {nickname} until {loan.due_on.isoformat()}"
    copy = await uow.copies.by_id(loan.copy_id)
    if isinstance(copy, Err):
        return f"the copy {until}"
    book = await uow.books.by_id(copy.value.book_id)
    title = book.value.title if isinstance(book, Ok) else "?"
    return f'copy #{copy.value.number} of "{title}" {until}'


async def lent_refusal(loan: Loan, uow: AbstractCatalogueUnitOfWork) -> Err[ClubError]:
    """The refusal of a change that a copy's open loan forbids (``integrity_error``)."""
    return Err(ClubError(Code.integrity_error, await who_has(loan, uow)))


async def holding_refusal(
    member_id: MemberId, uow: AbstractCatalogueUnitOfWork
) -> Err[ClubError] | None:
    """Why a member may not leave the club (they hold a copy), or ``None``."""
    held = await uow.loans.open_of_member(member_id)
    if not held:
        return None
    what = await who_has(held[0], uow)
    more = f" (and {len(held) - 1} more)" if len(held) > 1 else ""
    return Err(ClubError(Code.integrity_error, f"the member holds a copy: {what}{more}"))


async def remove_copies_of(
    book_id: BookId, uow: AbstractCatalogueUnitOfWork
) -> tuple[CopyState, ...] | Err[ClubError]:
    """Remove a book's copies with it (its deletion): what they were, for its event, or the
    refusal when one of them is lent (the book stays; return the copy first)."""
    copies: list[Copy] = await uow.copies.of_book(book_id)
    lent = await uow.loans.open_of_copies([c.id for c in copies])
    if lent:
        return await lent_refusal(lent[0], uow)
    events = []
    for copy in copies:
        await uow.copies.remove(copy)
        events.append(CopyState(id=copy.id, number=copy.number, added_on=copy.added_on))
    return tuple(events)


def copy_removed(copy: Copy) -> CopyRemoved:
    """The event of ``copy``'s removal."""
    return CopyRemoved(
        id=copy.id,
        book_id=copy.book_id,
        number=copy.number,
        added_on=copy.added_on,
    )
