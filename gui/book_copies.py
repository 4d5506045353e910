"""The book page's copies panel (``bookCopies``): each copy ("#2") and who has it until
when (``copyTable``), Lend… (a member and a due date) and Add another copy. Read again when
the page shows another book and after every change of a copy or a loan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

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
from gui.book_page import BookPage, name_views
from gui.bridge import AddCopy, CatalogueBridge, CopySummary, LendBook, MemberSummary
from gui.lend_dialog import LendDialog
from gui.loans_view import date_text

type Lending = tuple[MemberSummary, date]
type AskLend = Callable[[QWidget, list[MemberSummary]], Lending | None]
"""Asks whom to lend to and until when: the answer, or ``None`` if cancelled."""


def ask_with_lend_dialog(parent: QWidget, members: list[MemberSummary]) -> Lending | None:
    """The Lend dialog."""
    dialog = LendDialog(members, parent)
    member = dialog.member() if dialog.exec() else None
    return None if member is None else (member, dialog.due_on())


class BookCopiesPanel(QWidget):
    """The copies of the book ``page`` shows, with Lend… and Add another copy."""

    def __init__(
        self, bridge: CatalogueBridge, page: BookPage, ask_lend: AskLend = ask_with_lend_dialog
    ) -> None:
        super().__init__(page)
        self.setObjectName("bookCopies")
        self._bridge = bridge
        self._page = page
        self._ask_lend = ask_lend
        self._generation = 0
        self.copies: list[CopySummary] = []
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("copyTable")
        self.table.setHorizontalHeaderLabels([self.tr("Copy"), self.tr("Loan")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        name_views(self.table, self.tr("Copies of the book"))
        self.lend_button = QPushButton(self.tr("&Lend…"), self)
        self.lend_button.setObjectName("lendButton")
        self.lend_button.clicked.connect(self.start_lend)
        self.add_button = QPushButton(self.tr("Add another &copy"), self)
        self.add_button.setObjectName("addCopyButton")
        self.add_button.clicked.connect(self.add_copy)
        buttons = QHBoxLayout()
        buttons.addWidget(self.lend_button)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        page.loaded.connect(self.reload)
        bridge.shelf_changed.connect(self._changed)
        page.add_panel(self, 1)
        self.reload()

    def _changed(self, event: object) -> None:
        book = self._page.book
        if book is not None and getattr(event, "book_id", None) == book.id:
            self.reload()

    def reload(self) -> None:
        """Read the shown book's copies again."""
        self._generation += 1
        book = self._page.book
        for button in (self.lend_button, self.add_button):
            button.setEnabled(book is not None)
        if book is None:
            self._fill([])
            return
        # The page's last read may end while the window closes: then nothing is read.
        self._bridge.read(self._load(self._generation, book.id))

    async def _load(self, generation: int, book_id: UUID) -> None:
        copies = await self._bridge.copies(book_id)
        if generation == self._generation:
            self._fill(copies)

    def _fill(self, copies: list[CopySummary]) -> None:
        self.copies = copies
        self.table.setRowCount(len(copies))
        today = date.today()
        for row, copy in enumerate(copies):
            loan = copy.loan
            if loan is None:
                text = self.tr("available")
            else:
                text = self.tr("lent to {member} on {lent}, due {due}").format(
                    member=loan.nickname, lent=date_text(loan.lent_on), due=date_text(loan.due_on)
                )
            status = QTableWidgetItem(text)
            if loan is not None and loan.overdue(today):
                status.setForeground(warning_color())
            self.table.setItem(row, 0, QTableWidgetItem(f"#{copy.number}"))
            self.table.setItem(row, 1, status)

    def start_lend(self) -> None:
        """Ask whom to lend the book to, then lend an available copy."""
        if self._page.book is not None:
            self._bridge.spawn(self._lend(self._page.book.id))

    async def _lend(self, book_id: UUID) -> None:
        members = await self._bridge.members()
        chosen = self._ask_lend(self, members)
        if chosen is not None:
            member, due_on = chosen
            self._bridge.submit(LendBook(book_id=book_id, member_id=member.id, due_on=due_on))

    def add_copy(self) -> None:
        """Another copy of the shown book."""
        if self._page.book is not None:
            self._bridge.submit(AddCopy(book_id=self._page.book.id))
