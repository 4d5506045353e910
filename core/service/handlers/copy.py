"""Use cases of the Copy aggregate: add a copy, remove one (not while lent, never the last),
restore one (undo). Copy #1 comes with its book (``core.service.policies.copies``)."""

from __future__ import annotations

from core.bus import async_listen
from core.domain.loan import Copy, CopyId
from core.domain.messages import AddCopy, CopyAdded, CopyRestored, RemoveCopy, RestoreCopy
from core.domain.model import BookId
from core.domain.result import Err, Ok
from core.service.club_repositories import ClubError, ClubResult
from core.service.loan_rules import copy_removed, lent_refusal
from core.service.repositories import BookRepositoryError as Code
from core.service.uow import AbstractCatalogueUnitOfWork


def unknown_book(book_id: BookId) -> Err[ClubError]:
    """The refusal of a command naming a book that is not (or no longer) in the catalogue."""
    return Err(ClubError(Code.not_found, f"no book has the id {book_id}"))


def unknown_copy(copy_id: CopyId) -> Err[ClubError]:
    """The refusal of a command naming a copy that is not (or no longer) on the shelf."""
    return Err(ClubError(Code.not_found, f"no copy has the id {copy_id}"))


async def _add(copy: Copy, uow: AbstractCatalogueUnitOfWork) -> Err[ClubError] | None:
    if (await uow.books.by_id(copy.book_id)).is_err():
        return unknown_book(copy.book_id)
    if (await uow.copies.add(copy)).is_err():
        return Err(ClubError(Code.integrity_error, f"the book has a copy #{copy.number} already"))
    return None


@async_listen
async def add_copy(cmd: AddCopy, uow: AbstractCatalogueUnitOfWork) -> ClubResult:
    """Add another copy of a book, numbered after its last one; ``Err(not_found)`` for an
    unknown book."""
    numbers = [c.number for c in await uow.copies.of_book(cmd.book_id)]
    copy = Copy(
        id=cmd.id, book_id=cmd.book_id, number=max(numbers, default=0) + 1, added_on=cmd.created_at
    )
    refused = await _add(copy, uow)
    if refused is not None:
        return refused
    copy.messages.append(
        CopyAdded(id=copy.id, book_id=copy.book_id, number=copy.number, added_on=copy.added_on)
    )
    return Ok(...)


@async_listen
async def remove_copy(cmd: RemoveCopy, uow: AbstractCatalogueUnitOfWork) -> ClubResult:
    """Remove a copy; refused (``integrity_error``, saying why) while it is lent or when it
    is its book's last copy (which goes only with the book)."""
    found = await uow.copies.by_id(cmd.id)
    if isinstance(found, Err):
        return unknown_copy(cmd.id)
    copy = found.value
    lent = await uow.loans.open_of_copies([copy.id])
    if lent:
        return await lent_refusal(lent[0], uow)
    if len(await uow.copies.of_book(copy.book_id)) <= 1:
        message = "the last copy of a book goes only with the book: delete the book instead"
        return Err(ClubError(Code.integrity_error, message))
    if (await uow.copies.remove(copy)).is_err():
        return unknown_copy(cmd.id)
    copy.messages.append(copy_removed(copy))
    return Ok(...)


@async_listen
async def restore_copy(cmd: RestoreCopy, uow: AbstractCatalogueUnitOfWork) -> ClubResult:
    """Bring a removed copy back with its number (an undo)."""
    copy = Copy(id=cmd.id, book_id=cmd.book_id, number=cmd.number, added_on=cmd.added_on)
    refused = await _add(copy, uow)
    if refused is not None:
        return refused
    copy.messages.append(
        CopyRestored(
            id=copy.id,
            book_id=copy.book_id,
            number=copy.number,
            added_on=copy.added_on,
        )
    )
    return Ok(...)
