"""Dialogs of the loans: Lend… (a member and a due date, by default the loan period from
today) and the new due date of a renewal. Each returns what was chosen, or nothing."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QWidget,
)

from gui.bridge import DEFAULT_LOAN_DAYS, MemberSummary

PERIOD_SETTING = "loans/period_days"
"""The loan period in days (a setting; 21 unless changed)."""


def loan_period() -> int:
    """The loan period setting, in days."""
    value = QSettings().value(PERIOD_SETTING, DEFAULT_LOAN_DAYS)
    try:
        return max(1, int(str(value)))
    except ValueError:
        return DEFAULT_LOAN_DAYS


def default_due_on(today: date | None = None) -> date:
    """When a loan made today is due back: the loan period from today."""
    return (today or date.today()) + timedelta(days=loan_period())


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DueDateDialog(QDialog):
    """A due date, from today on."""

    def __init__(self, start: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Due date"))
        self.date_edit = QDateEdit(_qdate(start), self)
        self.date_edit.setObjectName("dueDateEdit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMinimumDate(_qdate(date.today()))
        self.form = QFormLayout(self)
        self.form.addRow(self.tr("Due on"), self.date_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)

    def due_on(self) -> date:
        """The date chosen."""
        chosen = self.date_edit.date()
        return date(chosen.year(), chosen.month(), chosen.day())


class LendDialog(DueDateDialog):
    """Lend a book: to which member (``lendMember``), until when (the loan period)."""

    def __init__(self, members: list[MemberSummary], parent: QWidget | None = None) -> None:
        super().__init__(default_due_on(), parent)
        self.setWindowTitle(self.tr("Lend"))
        self.members = members
        self.member_box = QComboBox(self)
        self.member_box.setObjectName("lendMember")
        for member in members:
            self.member_box.addItem(member.nickname)
        self.form.insertRow(0, self.tr("Member"), self.member_box)

    def member(self) -> MemberSummary | None:
        """The member chosen (``None`` when the club has none)."""
        index = self.member_box.currentIndex()
        return self.members[index] if 0 <= index < len(self.members) else None
