"""The Members view (``membersView``): the club's members (``memberTable``) with Add, Rename
and Remove, and the reviews of the selected member (``memberReviewTable``). Refreshes from
the bus's events (members, reviews, books), on other desktops' changes too."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.book_page import fill_table, name_views, review_cells, review_table
from gui.bridge import (
    BookImported,
    CatalogueBridge,
    MemberSummary,
    RegisterMember,
    RemoveMember,
    ReviewSummary,
    UpdateMember,
)

type AskText = Callable[[QWidget, str, str], str | None]
"""Asks for a line of text (title, current text): the answer, or ``None`` if cancelled."""
type Confirm = Callable[[QWidget, str], bool]


def ask_with_input_dialog(parent: QWidget, title: str, text: str) -> str | None:
    """A one-line input dialog."""
    answer, accepted = QInputDialog.getText(parent, title, title, text=text)
    return answer if accepted else None


class MembersView(QWidget):
    """Members and the selected member's reviews; ``loaded`` after each read."""

    loaded = Signal()

    def __init__(
        self,
        bridge: CatalogueBridge,
        confirm: Confirm,
        ask_text: AskText = ask_with_input_dialog,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("membersView")
        self._bridge = bridge
        self._confirm = confirm
        self._ask_text = ask_text
        self.members: list[MemberSummary] = []
        self.reviews: list[ReviewSummary] = []
        self._generation = 0
        self._stale = True
        self.member_table = QTableWidget(0, 3, self)
        self.member_table.setObjectName("memberTable")
        name_views(self.member_table, self.tr("Members"))
        self.member_table.setHorizontalHeaderLabels(
            [self.tr("Nickname"), self.tr("Email"), self.tr("Reviews")]
        )
        self.member_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.member_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.member_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.member_table.verticalHeader().hide()
        self.member_table.horizontalHeader().setStretchLastSection(True)
        headers = [self.tr("Book"), self.tr("Rate"), self.tr("Comment"), self.tr("Date")]
        self.review_table = review_table(
            self, "memberReviewTable", headers, self.tr("The member's reviews")
        )
        self.add_button = self._button("addMemberButton", self.tr("&Add…"), self.add_member)
        self.rename_button = self._button(
            "renameMemberButton", self.tr("Re&name…"), self.rename_member
        )
        self.remove_button = self._button(
            "removeMemberButton", self.tr("&Remove…"), self.remove_member
        )
        self.status_label = QLabel(self)
        self.status_label.setObjectName("memberStatus")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.rename_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.member_table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        layout.addWidget(QLabel(self.tr("Their reviews:"), self))
        layout.addWidget(self.review_table, 1)
        self.member_table.currentCellChanged.connect(self._load_reviews)
        for signal in (
            bridge.member_changed,
            bridge.review_changed,
            bridge.book_updated,
            bridge.book_deleted,
        ):
            signal.connect(self._on_change)
        bridge.book_registered.connect(self._on_registered)
        bridge.resync_requested.connect(self.reload)
        bridge.command_failed.connect(self._on_failed)
        self.reload()

    def _button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def current_member(self) -> MemberSummary | None:
        """The selected member."""
        row = self.member_table.currentRow()
        return self.members[row] if 0 <= row < len(self.members) else None

    # -- reading --------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the members (and the selected one's reviews) again; while hidden, only once
        shown again."""
        self._generation += 1
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self._bridge.spawn(self._load(self._generation))

    def showEvent(self, event: QShowEvent) -> None:
        """Read what changed while hidden."""
        super().showEvent(event)
        if self._stale:
            self.reload()

    async def _load(self, generation: int) -> None:
        members = await self._bridge.members()
        if generation != self._generation:
            return
        selected = self.current_member()
        self.members = members
        self.member_table.blockSignals(True)
        self.member_table.setRowCount(len(members))
        for row, member in enumerate(members):
            cells = (member.nickname, member.email, QLocale().toString(member.reviews))
            for column, text in enumerate(cells):
                self.member_table.setItem(row, column, QTableWidgetItem(text))
        ids = [member.id for member in members]
        if selected is not None and selected.id in ids:
            self.member_table.selectRow(ids.index(selected.id))
        self.member_table.blockSignals(False)
        await self._read_reviews(generation)

    def _on_change(self, _event: object) -> None:
        self.reload()

    def _on_registered(self, event: object) -> None:
        """An imported book may bring a member's review (one from the form brings none)."""
        if isinstance(event, BookImported) and event.review is not None:
            self.reload()

    def _load_reviews(self, *_cell: int) -> None:
        self._generation += 1
        self._bridge.spawn(self._read_reviews(self._generation))

    async def _read_reviews(self, generation: int) -> None:
        member = self.current_member()
        reviews = [] if member is None else await self._bridge.reviews(member_id=member.id)
        if generation != self._generation:
            return
        self.reviews = reviews
        rows = [review_cells(review, review.title, "") for review in reviews]
        fill_table(self.review_table, rows, [review.comment for review in reviews])
        self.loaded.emit()

    # -- changing -------------------------------------------------------------------------
    def add_member(self) -> None:
        """Ask a nickname and register the member."""
        nickname = self._ask_text(self, self.tr("New member's nickname"), "")
        if nickname is not None:
            self._submit(lambda: RegisterMember(nickname=nickname))

    def rename_member(self) -> None:
        """Ask the selected member's new nickname."""
        member = self.current_member()
        if member is None:
            return
        nickname = self._ask_text(self, self.tr("Nickname"), member.nickname)
        if nickname is not None and nickname != member.nickname:
            self._submit(lambda: UpdateMember(id=member.id, nickname=nickname, email=member.email))

    def remove_member(self) -> None:
        """Remove the selected member after asking (their reviews stay)."""
        member = self.current_member()
        if member is None:
            return
        question = self.tr("Remove %1 from the club? Their reviews stay.").replace(
            "%1", member.nickname
        )
        if self._confirm(self, question):
            self._submit(lambda: RemoveMember(id=member.id))

    def _submit(self, build: Callable[[], Any]) -> None:
        self.status_label.clear()
        try:
            command = build()
        except ValueError as error:  # a pydantic ValidationError: a bad nickname
            self.status_label.setText(str(error).splitlines()[-1])
            return
        self._bridge.submit(command)

    def _on_failed(self, command: Any, message: str) -> None:
        if isinstance(command, (RegisterMember, UpdateMember, RemoveMember)):
            self.status_label.setText(message)
