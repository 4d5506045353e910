"""The member's loans on the Members view (``memberLoanTable``): what the selected member
has borrowed, until when (overdue in the warning colour). Read again with the member's
reviews and after every change of a loan."""

from __future__ import annotations

from uuid import UUID

from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from gui.bridge import CatalogueBridge, LoanSummary
from gui.loans_view import date_text, fill_loans
from gui.members_view import MembersView


class MemberLoansPanel(QWidget):
    """The loans of the member selected in ``view``, added below their reviews."""

    def __init__(self, bridge: CatalogueBridge, view: MembersView) -> None:
        super().__init__(view)
        self._bridge = bridge
        self._view = view
        self._generation = 0
        self.loans: list[LoanSummary] = []
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("memberLoanTable")
        self.table.setHorizontalHeaderLabels([self.tr("Book"), self.tr("Copy"), self.tr("Due")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Their loans:"), self))
        layout.addWidget(self.table, 1)
        view_layout = view.layout()
        assert isinstance(view_layout, QVBoxLayout)
        view_layout.addWidget(self, 1)
        view.loaded.connect(self.reload)
        bridge.shelf_changed.connect(self._changed)

    def _changed(self, _event: object) -> None:
        if self._view.isVisible():
            self.reload()

    def reload(self) -> None:
        """Read the selected member's open loans."""
        self._generation += 1
        member = self._view.current_member()
        if member is None:
            self._fill([])
        else:
            self._bridge.read(self._load(self._generation, member.id))

    async def _load(self, generation: int, member_id: UUID) -> None:
        loans = await self._bridge.loans(member_id=member_id)
        if generation == self._generation:
            self._fill(loans)

    def _fill(self, loans: list[LoanSummary]) -> None:
        self.loans = loans
        fill_loans(self.table, loans, _loan_cells)


def _loan_cells(loan: LoanSummary) -> tuple[str, ...]:
    return (loan.title, f"#{loan.number}", date_text(loan.due_on))
