"""Planning a row's copies and open loan (``core.transfer.holdings``), without a catalogue:
which commands a row makes for its book, and what is left out and why."""

from __future__ import annotations

from datetime import date

from uuid_utils.compat import uuid7

from core.domain.member import nickname_key
from core.domain.messages import AddCopy, LendBook, RegisterMember
from core.transfer.csv_format import CsvRow, LoanRecord
from core.transfer.holdings import (
    LEFT_OUT_BAD_PATRONS,
    LEFT_OUT_EARLY_DUE,
    LEFT_OUT_FEWER_COPIES,
    LEFT_OUT_LENT_ELSEWHERE,
    Holding,
    HoldingsPlanner,
)

TODAY = date(2026, 11, 29)
BOOK = uuid7()
BOB = uuid7()


def row(copies: int | None = None, loan: LoanRecord | None = None) -> CsvRow:
    """A row of Dune saying how many copies and which loan."""
    return CsvRow(2, "Dune", "Frank Herbert", "9780441013593", 0, copies=copies, loan=loan)


def planner(left_out: dict[str, int]) -> HoldingsPlanner:
    """A planner whose club has one member, Bob."""
    return HoldingsPlanner({nickname_key("Bob"): BOB}, left_out, TODAY)


def test_a_count_above_the_books_copies_adds_the_difference_and_none_below() -> None:
    """3 copies for a book with 1: two AddCopy; then 3 again: nothing; 2: nothing, reported."""
    left_out: dict[str, int] = {}
    holding = Holding()
    plan = planner(left_out)
    made = plan.plan(BOOK, holding, row(copies=3))
    assert [kind for kind, _ in made] == ["copy", "copy"]
    assert all(isinstance(c, AddCopy) and c.book_id == BOOK for _, c in made)
    assert len({c.id for _, c in made}) == 2
    assert plan.plan(BOOK, holding, row(copies=3)) == []
    assert plan.plan(BOOK, holding, row(copies=0)) == []
    assert left_out == {}
    assert plan.plan(BOOK, holding, row(copies=2)) == []
    assert (holding.copies, left_out) == (3, {LEFT_OUT_FEWER_COPIES: 1})


def test_a_known_patron_borrows_without_registering_and_not_twice() -> None:
    """Bob (any case) is the club's member: one LendBook lent on the start, due on the end."""
    holding = Holding()
    plan = planner({})
    loan = LoanRecord("BOB", date(2026, 1, 2), date(2026, 1, 30))
    [(kind, lend)] = plan.plan(BOOK, holding, row(loan=loan))
    assert kind == "loan"
    assert isinstance(lend, LendBook)
    assert (lend.book_id, lend.member_id) == (BOOK, BOB)
    assert (lend.lent_on, lend.due_on) == (date(2026, 1, 2), date(2026, 1, 30))
    assert plan.plan(BOOK, holding, row(loan=loan)) == []


def test_a_new_patron_is_registered_once_and_dates_default_to_today_and_the_period() -> None:
    """A nickname the club does not know: RegisterMember, then the loan; no dates: lent today,
    due after the loan period; the same patron on another book is not registered again."""
    plan = planner({})
    made = plan.plan(BOOK, Holding(copies=2), row(copies=2, loan=LoanRecord("Carol")))
    kinds = [kind for kind, _ in made]
    assert kinds == ["member", "loan"]
    register, lend = made[0][1], made[1][1]
    assert isinstance(register, RegisterMember)
    assert isinstance(lend, LendBook)
    assert (register.nickname, lend.member_id) == ("Carol", register.id)
    assert (lend.lent_on, lend.due_on) == (TODAY, date(2026, 12, 20))
    other = plan.plan(uuid7(), Holding(), row(loan=LoanRecord("carol")))
    assert [kind for kind, _ in other] == ["loan"]


def test_a_loan_due_before_today_without_a_start_is_lent_on_its_due_date() -> None:
    """No Lending Start and a Lending End already past: lent and due that day (overdue)."""
    past = date(2026, 10, 1)
    [(_, lend)] = planner({}).plan(BOOK, Holding(), row(loan=LoanRecord("Bob", None, past)))
    assert isinstance(lend, LendBook)
    assert (lend.lent_on, lend.due_on) == (past, past)


def test_loans_the_copies_cannot_take_or_the_rules_refuse_are_left_out() -> None:
    """Every copy lent to someone else, a due date before the day lent, a patron's name too
    long for a nickname: no command, each counted with its reason."""
    left_out: dict[str, int] = {}
    plan = planner(left_out)
    lent = Holding(copies=1, borrowers=[BOB])
    assert plan.plan(BOOK, lent, row(loan=LoanRecord("Carol"))) == []
    early = LoanRecord("Bob", date(2026, 3, 1), date(2026, 2, 1))
    assert plan.plan(BOOK, Holding(), row(loan=early)) == []
    assert plan.plan(BOOK, Holding(), row(loan=LoanRecord("x" * 81))) == []
    assert left_out == {LEFT_OUT_LENT_ELSEWHERE: 1, LEFT_OUT_EARLY_DUE: 1, LEFT_OUT_BAD_PATRONS: 1}
