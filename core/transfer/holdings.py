"""What a row's copies and open loan become (club.md, Imports that keep everything): the copies
the book lacks (``AddCopy``; its registration gave it copy #1), and a loan of one of its copies
to the lending patron (``LendBook``), the patron registered first when the club does not know
the nickname (``RegisterMember``, in the same batch).

Nothing is added twice: a book keeps the copies it has when the file says as many or fewer
(fewer is reported: no copy is removed), and a loan already open for that member and book is
not lent again. A loan whose book has every copy lent to others is left out, saying why. The
book's copies and borrowers are known before the batch is written (``KnownBook``: the
catalogue's, from the import's look-up, kept up to date as rows are planned).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pydantic import ValidationError

from core.domain.loan import default_due_on
from core.domain.member import MemberId, nickname_key
from core.domain.messages import AddCopy, LendBook, RegisterMember
from core.domain.model import BookId

from .csv_format import CsvRow, LoanRecord

LEFT_OUT_FEWER_COPIES = "copy counts below the copies the catalogue has: no copy is removed"
LEFT_OUT_LENT_ELSEWHERE = "lending patrons whose copy is lent to someone else"
LEFT_OUT_BAD_PATRONS = "lending patrons whose name cannot be a member's nickname"
LEFT_OUT_EARLY_DUE = "loans due before the day they were lent"

type Planned = list[tuple[str, AddCopy | RegisterMember | LendBook]]
"""Commands and what each is: "copy", "member" or "loan"."""


@dataclass(slots=True)
class Holding:
    """A book's copies and the borrower of each of its open loans, as they will be."""

    copies: int = 1
    borrowers: list[MemberId] = field(default_factory=list)


class HoldingsPlanner:
    """Plans the copies and loans of an import's rows. ``members`` are the club's, by
    nickname key; the patrons it registers join them. ``left_out`` counts, by reason, what
    is not imported; ``today`` is the day lent of a loan that does not say (or its due
    date, when that is earlier: an overdue loan)."""

    def __init__(self, members: dict[str, MemberId], left_out: dict[str, int], today: date):
        self._members = members
        self._left_out = left_out
        self._today = today

    def plan(self, book_id: BookId, holding: Holding, row: CsvRow) -> Planned:
        """The commands the row's copy count and loan make for the book (``holding``, which
        they update)."""
        planned: Planned = []
        wanted = row.copies or 0
        if wanted > holding.copies:
            planned += [("copy", AddCopy(book_id=book_id)) for _ in range(wanted - holding.copies)]
            holding.copies = wanted
        elif wanted and wanted < holding.copies:
            self._leave_out(LEFT_OUT_FEWER_COPIES)
        if row.loan is not None:
            planned += self._plan_loan(book_id, holding, row.loan)
        return planned

    def _plan_loan(self, book_id: BookId, holding: Holding, loan: LoanRecord) -> Planned:
        lent_on = loan.lent_on or min(self._today, loan.due_on or self._today)
        due_on = loan.due_on or default_due_on(lent_on)
        if due_on < lent_on:
            self._leave_out(LEFT_OUT_EARLY_DUE)
            return []
        key = nickname_key(loan.patron)
        member_id = self._members.get(key)
        if member_id is not None and member_id in holding.borrowers:
            return []  # lent to them already
        if len(holding.borrowers) >= holding.copies:
            self._leave_out(LEFT_OUT_LENT_ELSEWHERE)
            return []
        planned: Planned = []
        if member_id is None:
            try:
                register = RegisterMember(nickname=loan.patron)
            except ValidationError:
                self._leave_out(LEFT_OUT_BAD_PATRONS)
                return []
            member_id = self._members[key] = register.id
            planned.append(("member", register))
        lend = LendBook(book_id=book_id, member_id=member_id, lent_on=lent_on, due_on=due_on)
        holding.borrowers.append(member_id)
        return [*planned, ("loan", lend)]

    def _leave_out(self, reason: str) -> None:
        self._left_out[reason] = self._left_out.get(reason, 0) + 1
