"""The Loans view (``loansView``): the open loans (``loanTable``) by due date, overdue first
and in the warning colour, with Return and Renew; read again after every change of a copy,
a loan or a member, on other desktops' changes too."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.book_columns import warning_color
from gui.bridge import DEFAULT_LOAN_DAYS, CatalogueBridge, LoanSummary, RenewLoan, ReturnCopy

type AskDate = Callable[[QWidget, date], date | None]
"""Asks for a new due date (starting from the one given): the answer, or ``None``."""


def ask_with_date_dialog(parent: QWidget, start: date) -> date | None:
    """A small dialog with a calendar date editor."""
    from gui.lend_dialog import DueDateDialog

    dialog = DueDateDialog(start, parent)
    return dialog.due_on() if dialog.exec() else None


def date_text(day: date) -> str:
    """A date in the user's locale, short form."""
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


class LoansView(QWidget):
    """Open loans with Return and Renew; ``loaded`` after each read."""

    loaded = Signal()

    def __init__(
        self,
        bridge: CatalogueBridge,
        ask_date: AskDate = ask_with_date_dialog,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loansView")
        self._bridge = bridge
        self._ask_date = ask_date
        self.loans: list[LoanSummary] = []
        self._generation = 0
        self.table = self._build_table()
        self.return_button = self._button("returnButton", self.tr("&Return"), self.return_loan)
        self.renew_button = self._button("renewButton", self.tr("Re&new…"), self.renew_loan)
        buttons = QHBoxLayout()
        buttons.addWidget(self.return_button)
        buttons.addWidget(self.renew_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        for signal in (bridge.shelf_changed, bridge.member_changed, bridge.book_updated):
            signal.connect(self._changed)
        bridge.resync_requested.connect(self.reload)

    def _build_table(self) -> QTableWidget:
        table = QTableWidget(0, 5, self)
        table.setObjectName("loanTable")
        table.setHorizontalHeaderLabels(
            [self.tr("Due"), self.tr("Book"), self.tr("Copy"), self.tr("Member"), self.tr("Lent")]
        )
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def showEvent(self, event: QShowEvent) -> None:
        """Read the loans when shown."""
        super().showEvent(event)
        self.reload()

    def _changed(self, _event: object) -> None:
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        """Read the open loans again."""
        self._generation += 1
        self._bridge.read(self._load(self._generation))

    async def _load(self, generation: int) -> None:
        loans = await self._bridge.loans()
        if generation == self._generation:
            self._fill(loans)

    def _fill(self, loans: list[LoanSummary]) -> None:
        self.loans = loans
        fill_loans(self.table, loans, _loan_cells, overdue_tip=self.tr("Overdue"))
        self.loaded.emit()

    def selected(self) -> LoanSummary | None:
        """The loan of the selected row."""
        row = self.table.currentRow()
        return self.loans[row] if 0 <= row < len(self.loans) else None

    def return_loan(self) -> None:
        """The selected loan's copy is back today."""
        loan = self.selected()
        if loan is not None:
            self._bridge.submit(ReturnCopy(loan_id=loan.id))

    def renew_loan(self) -> None:
        """Ask for a new due date (a loan period from today by default) and renew."""
        loan = self.selected()
        if loan is None:
            return
        start = max(loan.due_on, date.today()) + timedelta(days=DEFAULT_LOAN_DAYS)
        due_on = self._ask_date(self, start)
        if due_on is not None:
            self._bridge.submit(RenewLoan(loan_id=loan.id, due_on=due_on))


def _loan_cells(loan: LoanSummary) -> tuple[str, ...]:
    return (
        date_text(loan.due_on),
        loan.title,
        f"#{loan.number}",
        loan.nickname,
        date_text(loan.lent_on),
    )


def fill_loans(
    table: QTableWidget,
    loans: list[LoanSummary],
    cells: Callable[[LoanSummary], tuple[str, ...]],
    overdue_tip: str | None = None,
) -> None:
    """One row of ``cells`` a loan; an overdue loan's in the warning colour (with
    ``overdue_tip``)."""
    today = date.today()
    table.setRowCount(len(loans))
    for row, loan in enumerate(loans):
        late = loan.overdue(today)
        for column, text in enumerate(cells(loan)):
            item = QTableWidgetItem(text)
            if late:
                item.setForeground(warning_color())
                if overdue_tip is not None:
                    item.setToolTip(overdue_tip)
            table.setItem(row, column, item)
