"""Copies and loans in the history and in Edit → Undo: every event has its own words."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import uuid4

from PySide6.QtWidgets import QApplication

from core.domain import loan_messages as loans
from gui.describe import describe, describe_step
from gui.i18n import install_translations

LOAN = {
    "id": uuid4(),
    "copy_id": uuid4(),
    "book_id": uuid4(),
    "number": 2,
    "member_id": uuid4(),
    "lent_on": date(2026, 11, 1),
    "due_on": date(2026, 11, 22),
}
COPY = {
    "id": uuid4(),
    "book_id": uuid4(),
    "number": 3,
    "added_on": datetime(2026, 11, 1, tzinfo=UTC),
}


def test_every_copy_and_loan_event_has_a_line_and_an_undo_name() -> None:
    """No event of the shelf falls back to its type string (``copy_lent_v1``)."""
    events = [
        loans.CopyAdded(**COPY),
        loans.CopyRemoved(**COPY),
        loans.CopyRestored(**COPY),
        loans.CopyLent(**LOAN),
        loans.CopyReturned(**LOAN, returned_on=date(2026, 11, 20)),
        loans.LoanRenewed(**LOAN, old_due_on=date(2026, 11, 15)),
        loans.LoanCancelled(**LOAN),
        loans.LoanReopened(**LOAN),
        loans.LoanRestored(**LOAN),
    ]
    for event in events:
        said = describe(event)
        assert "_v1" not in said.line, said
        assert "_v1" not in said.action, said
        assert "#" in said.line, said


def test_lending_says_the_copy_and_the_due_date(qapp: QApplication) -> None:
    """The line names the copy number and the due date; Undo names the copy (with the English
    plural forms installed, as the window has them)."""
    install_translations(qapp, "en")
    lent = describe(loans.CopyLent(**LOAN))
    assert lent.line.startswith("Lent copy #2, due ")
    assert lent.action == "Lend copy #2"
    assert describe_step([loans.CopyAdded(**COPY), loans.CopyAdded(**COPY)]) == "Add 2 copies"
