"""Copies and loans through the bus on every back-end: copy #1 with its book, one open loan
per copy, due dates, who holds what, availability in the list, and undo of every command."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from uuid_utils.compat import uuid7

from core.bootstrap import Catalogue
from core.domain.loan import DEFAULT_LOAN_DAYS, Loan
from core.domain.messages import (
    AddCopy,
    CopyAdded,
    CopyLent,
    DeleteBook,
    LendBook,
    LendCopy,
    RegisterBook,
    RemoveCopy,
    RemoveMember,
    RenewLoan,
    ReturnCopy,
    UpdateMember,
)
from core.domain.ordering import BookSort
from core.domain.result import Err, Ok
from core.service.repositories import BookRepositoryError as Code
from core.service.undo import undo_commands
from core.service.views import BookQuery, Shelf
from tests.club.conftest import ALICE, BOB, DUNE, HOBBIT
from tests.support.isbn import isbn13

TODAY = date(2026, 12, 1)


async def _copy(club: Catalogue, book: RegisterBook, number: int = 1) -> Any:
    copies = await club.views.copies(book.id)
    return next(c for c in copies if c.number == number)


async def _lend(club: Catalogue, member: Any = ALICE, **fields: Any) -> Any:
    copy = await _copy(club, DUNE)
    command = LendCopy(copy_id=copy.id, member_id=member.id, lent_on=TODAY, **fields)
    return command, await club.run(command)


async def _row(club: Catalogue, book: RegisterBook) -> Any:
    row = await club.views.book_by_id(book.id)
    assert row is not None
    return row


async def test_a_registered_book_has_copy_one_available(stocked: Catalogue) -> None:
    """Registering gives copy #1 in the same transaction; the list counts it available."""
    (copy,) = await stocked.views.copies(DUNE.id)
    assert (copy.number, copy.loan) == (1, None)
    row = await _row(stocked, DUNE)
    assert (row.copies, row.available, row.due_on, row.borrower) == (1, 1, None, None)


async def test_another_copy_gets_the_next_number(stocked: Catalogue) -> None:
    """AddCopy numbers after the last copy; the list says 2 copies, 2 available."""
    outcome = await stocked.run(AddCopy(book_id=DUNE.id))
    assert outcome.result == Ok(...)
    (event,) = outcome.events
    assert isinstance(event, CopyAdded)
    assert event.number == 2
    assert [c.number for c in await stocked.views.copies(DUNE.id)] == [1, 2]
    assert ((await _row(stocked, DUNE)).copies, (await _row(stocked, DUNE)).available) == (2, 2)


async def test_a_copy_of_an_unknown_book_is_not_found(stocked: Catalogue) -> None:
    """AddCopy of a book that is not there: Err(not_found)."""
    result = await stocked.execute(AddCopy(book_id=ALICE.id))
    assert isinstance(result, Err)
    assert result.error.code is Code.not_found


async def test_a_lend_is_due_after_the_default_period(stocked: Catalogue) -> None:
    """Without a due date, the loan is due 21 days after it was lent; the list names Alice."""
    _, outcome = await _lend(stocked)
    assert outcome.result == Ok(...)
    (event,) = outcome.events
    assert isinstance(event, CopyLent)
    assert event.due_on == TODAY + timedelta(days=DEFAULT_LOAN_DAYS)
    row = await _row(stocked, DUNE)
    assert (row.copies, row.available, row.due_on, row.borrower) == (1, 0, event.due_on, "Alice")
    (loan,) = await stocked.views.loans()
    assert (loan.title, loan.number, loan.nickname, loan.lent_on) == ("Dune", 1, "Alice", TODAY)


async def test_a_lent_copy_cannot_be_lent_again_and_the_refusal_names_who_has_it(
    stocked: Catalogue,
) -> None:
    """A second lend of the same copy: Err(integrity_error) naming Alice; one loan stays."""
    await _lend(stocked, due_on=date(2026, 12, 12))
    _, again = await _lend(stocked, BOB)
    assert isinstance(again.result, Err)
    assert again.result.error.code is Code.integrity_error
    assert again.result.error.message == 'copy #1 of "Dune" is lent to Alice until 2026-12-12'
    assert [loan.nickname for loan in await stocked.views.loans()] == ["Alice"]


async def test_a_due_date_before_the_lend_is_refused(stocked: Catalogue) -> None:
    """due_on before lent_on: refused with the two dates, nothing lent; a renewal too."""
    _, outcome = await _lend(stocked, due_on=TODAY - timedelta(days=1))
    assert isinstance(outcome.result, Err)
    assert "before" in outcome.result.error.message
    assert await stocked.views.loans() == []
    command, _ = await _lend(stocked)
    renewed = await stocked.execute(RenewLoan(loan_id=command.id, due_on=date(2026, 11, 1)))
    assert isinstance(renewed, Err)


async def test_lending_a_book_picks_an_available_copy(stocked: Catalogue) -> None:
    """LendBook takes copy #2 when #1 is out; a third lend says who has both."""
    assert await stocked.execute(AddCopy(book_id=DUNE.id)) == Ok(...)
    await _lend(stocked)
    lend = LendBook(book_id=DUNE.id, member_id=BOB.id, lent_on=TODAY)
    assert await stocked.execute(lend) == Ok(...)
    numbers = {loan.nickname: loan.number for loan in await stocked.views.loans()}
    assert numbers == {"Alice": 1, "Bob": 2}
    row = await _row(stocked, DUNE)
    assert (row.copies, row.available, row.borrower) == (2, 0, None)
    third = await stocked.execute(LendBook(book_id=DUNE.id, member_id=BOB.id))
    assert isinstance(third, Err)
    assert "Alice" in third.error.message
    assert "Bob" in third.error.message


async def test_a_member_holding_a_copy_cannot_be_removed(stocked: Catalogue) -> None:
    """RemoveMember while Alice holds Dune: refused with the reason; after the return, done."""
    command, _ = await _lend(stocked)
    refused = await stocked.execute(RemoveMember(id=ALICE.id))
    assert isinstance(refused, Err)
    assert refused.error.code is Code.integrity_error
    assert "holds" in refused.error.message
    assert '"Dune"' in refused.error.message
    assert await stocked.execute(ReturnCopy(loan_id=command.id)) == Ok(...)
    assert await stocked.execute(RemoveMember(id=ALICE.id)) == Ok(...)


async def test_a_lent_copy_and_a_last_copy_cannot_be_removed(stocked: Catalogue) -> None:
    """RemoveCopy of a lent copy names the borrower; of the last copy, says it goes with the
    book; of a spare copy, is done."""
    await _lend(stocked)
    lent = await _copy(stocked, DUNE)
    refused = await stocked.execute(RemoveCopy(id=lent.id))
    assert isinstance(refused, Err)
    assert "Alice" in refused.error.message
    hobbit = await _copy(stocked, HOBBIT)
    last = await stocked.execute(RemoveCopy(id=hobbit.id))
    assert isinstance(last, Err)
    assert "last copy" in last.error.message
    assert await stocked.execute(AddCopy(book_id=HOBBIT.id)) == Ok(...)
    assert await stocked.execute(RemoveCopy(id=hobbit.id)) == Ok(...)
    assert [c.number for c in await stocked.views.copies(HOBBIT.id)] == [2]


async def test_a_book_with_a_lent_copy_is_not_deleted(stocked: Catalogue) -> None:
    """DeleteBook while a copy is out: refused naming who has it; the book stays."""
    await _lend(stocked)
    refused = await stocked.execute(DeleteBook(id=DUNE.id))
    assert isinstance(refused, Err)
    assert "Alice" in str(refused.error)
    assert await stocked.views.book_by_id(DUNE.id) is not None


async def test_a_deleted_book_takes_its_copies_and_undo_brings_them_back(
    stocked: Catalogue,
) -> None:
    """Deleting Dune with two copies removes both; undo restores the book and both copies."""
    assert await stocked.execute(AddCopy(book_id=DUNE.id)) == Ok(...)
    before = await stocked.views.copies(DUNE.id)
    deleted = await stocked.run(DeleteBook(id=DUNE.id))
    assert deleted.result == Ok(...)
    assert await stocked.views.copies(DUNE.id) == []
    undone = await stocked.run_many(undo_commands(deleted.events))
    assert undone.result == [Ok(...)]
    assert await stocked.views.copies(DUNE.id) == before
    row = await _row(stocked, DUNE)
    assert (row.copies, row.available) == (2, 2)


async def test_return_and_renew_change_the_loan_and_the_list(stocked: Catalogue) -> None:
    """Renew moves the due date; return frees the copy; a second return is stale."""
    command, _ = await _lend(stocked)
    new_due = date(2027, 1, 31)
    assert await stocked.execute(RenewLoan(loan_id=command.id, due_on=new_due)) == Ok(...)
    assert (await _row(stocked, DUNE)).due_on == new_due
    assert await stocked.execute(ReturnCopy(loan_id=command.id)) == Ok(...)
    row = await _row(stocked, DUNE)
    assert (row.available, row.due_on, row.borrower) == (1, None, None)
    again = await stocked.execute(ReturnCopy(loan_id=command.id))
    assert isinstance(again, Err)
    assert again.error.code is Code.stale
    assert await stocked.views.loans() == []


async def test_every_loan_command_is_undone_and_redone(stocked: Catalogue) -> None:
    """Lend, renew, return, add a copy: each undone restores the state before, and undoing
    the undo does it again."""
    command, lent = await _lend(stocked)
    renew = await stocked.run(RenewLoan(loan_id=command.id, due_on=date(2027, 2, 1)))
    returned = await stocked.run(ReturnCopy(loan_id=command.id))
    added = await stocked.run(AddCopy(book_id=DUNE.id))
    for outcome in (added, returned, renew, lent):
        undone = await stocked.run_many(undo_commands(outcome.events))
        assert all(result == Ok(...) for result in undone.result)
    assert await stocked.views.loans() == []
    assert (await _row(stocked, DUNE)).copies == 1
    redo = await stocked.run_many(undo_commands(undone.events))
    assert redo.result == [Ok(...)]
    assert [loan.nickname for loan in await stocked.views.loans()] == ["Alice"]
    reopened = await stocked.run(ReturnCopy(loan_id=command.id))
    undo_return = await stocked.run_many(undo_commands(reopened.events))
    assert undo_return.result == [Ok(...)]
    assert len(await stocked.views.loans()) == 1


async def test_a_renamed_borrower_is_named_in_the_list(stocked: Catalogue) -> None:
    """Alice renamed Alicia: the list's borrower follows."""
    await _lend(stocked)
    assert await stocked.execute(UpdateMember(id=ALICE.id, nickname="Alicia")) == Ok(...)
    assert (await _row(stocked, DUNE)).borrower == "Alicia"


async def test_the_list_filters_and_sorts_by_availability(stocked: Catalogue) -> None:
    """Dune lent and overdue: the lent and overdue filters keep it, available keeps the
    Hobbit; sorted by availability, Dune (0 available) comes first."""
    await _lend(stocked, due_on=TODAY + timedelta(days=1))
    later = TODAY + timedelta(days=5)

    async def titles(shelf: Shelf) -> list[str]:
        rows = await stocked.views.list_books(BookQuery(shelf=shelf, today=later))
        return [row.title for row in rows]

    assert await titles(Shelf.lent) == ["Dune"]
    assert await titles(Shelf.overdue) == ["Dune"]
    assert await titles(Shelf.available) == ["The Hobbit"]
    assert await titles(Shelf.all) == ["Dune", "The Hobbit"]
    assert await stocked.views.count_books(shelf=Shelf.lent) == 1
    by_availability = await stocked.views.list_books(BookQuery(sort=BookSort.availability))
    assert [row.title for row in by_availability] == ["Dune", "The Hobbit"]
    overdue = await stocked.views.loans(overdue_on=later)
    assert [loan.title for loan in overdue] == ["Dune"]


async def test_the_store_refuses_a_second_open_loan_of_a_copy(stocked: Catalogue) -> None:
    """Past the handler's check (two desktops at once), the store itself refuses a second
    open loan of a copy: Err(integrity_error), the first loan kept (a unique index over the
    open loans in SQL)."""
    copy = await _copy(stocked, DUNE)
    loans = [
        Loan(id=uuid7(), copy_id=copy.id, member_id=member.id, lent_on=TODAY, due_on=TODAY)
        for member in (ALICE, BOB)
    ]
    async with stocked.new_uow() as tx:
        assert await tx.loans.add(loans[0], DUNE.id) == Ok(...)
        assert await tx.loans.add(loans[1], DUNE.id) == Err(Code.integrity_error)
        await tx.commit()
    assert [loan.nickname for loan in await stocked.views.loans()] == ["Alice"]


async def test_copies_added_to_a_book_registered_in_the_same_batch(club: Catalogue) -> None:
    """An import's batch: a new book, two more copies of it, and a copy of a book that is not
    there (refused alone): numbers 1 to 3, the list says 3 copies, 3 available."""
    book = RegisterBook(title="Emma", author="Jane Austen", isbn=isbn13(41))
    unknown = AddCopy(book_id=uuid7())
    commands = [book, AddCopy(book_id=book.id), unknown, AddCopy(book_id=book.id)]
    async with club.batches() as batches:
        results = await (await batches.submit(commands))
    assert [result.is_ok() for result in results] == [True, True, False, True]
    assert [c.number for c in await club.views.copies(book.id)] == [1, 2, 3]
    row = await _row(club, book)
    assert (row.copies, row.available) == (3, 3)
