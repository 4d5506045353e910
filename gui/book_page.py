"""The book's page (``bookDetail``): the selected book, its rating and its reviews, and
"Review this book…". Its layout takes more panels (:meth:`BookPage.add_panel`: the details
and cover panel goes there). It refreshes from the bus's events, so a review written on
another desktop shows too."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.bridge import (
    BookDeleted,
    BookSummary,
    BookUpdated,
    CatalogueBridge,
    RegisterMember,
    ReviewBook,
    ReviewEvent,
    ReviewSummary,
    UpdateReview,
    mean_after,
    tally_change,
)
from gui.review_dialog import ReviewChoice, ReviewDialog

REVIEW_COLUMNS = ("Member", "Rate", "Comment", "Date")


def review_cells(review: ReviewSummary, first: str, former_text: str) -> list[str]:
    """The texts of a review's row: ``first`` (member or book), rate, comment, local date."""
    who = first + (former_text if review.former else "")
    local = review.written_at.astimezone()
    when = QLocale().toString(
        QDate(local.year, local.month, local.day), QLocale.FormatType.ShortFormat
    )
    return [who, QLocale().toString(review.rate), review.comment.replace("\n", " ⏎ "), when]


def fill_table(table: QTableWidget, rows: list[list[str]], tips: list[str]) -> None:
    """Replace the rows of a read-only table; each row's tooltip is its comment in full."""
    table.setRowCount(len(rows))
    for row, (cells, tip) in enumerate(zip(rows, tips, strict=True)):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(tip)
            table.setItem(row, column, item)


def review_table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    """A read-only, row-selecting table of reviews."""
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    return table


class BookPage(QWidget):
    """The selected book and its reviews; ``loaded`` after each read of the reviews."""

    loaded = Signal()

    def __init__(self, bridge: CatalogueBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookDetail")
        self._bridge = bridge
        self.book: BookSummary | None = None
        self.reviews: list[ReviewSummary] = []
        self.dialog: ReviewDialog | None = None
        self._generation = 0
        self.title_label = QLabel(self)
        self.title_label.setObjectName("bookTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.rating_label = QLabel(self)
        self.rating_label.setObjectName("bookRating")
        headers = [self.tr("Member"), self.tr("Rate"), self.tr("Comment"), self.tr("Date")]
        self.review_table = review_table(self, "reviewTable", headers)
        self.review_button = QPushButton(self.tr("Review this book…"), self)
        self.review_button.setObjectName("reviewButton")
        self.review_button.clicked.connect(self.start_review)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("reviewStatus")
        self.status_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in (self.title_label, self.rating_label, self.review_table):
            layout.addWidget(widget, 1 if widget is self.review_table else 0)
        layout.addWidget(self.review_button)
        layout.addWidget(self.status_label)
        bridge.review_changed.connect(self._on_review)
        bridge.member_changed.connect(self._on_member)
        bridge.book_updated.connect(self._on_book_updated)
        bridge.book_deleted.connect(self._on_book_deleted)
        bridge.command_failed.connect(self._on_failed)
        self.show_book(None)

    def add_panel(self, panel: QWidget, stretch: int = 0) -> None:
        """Add another panel of the book (details, cover) below the reviews."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(panel, stretch)

    # -- showing --------------------------------------------------------------------------
    def show_book(self, book: BookSummary | None) -> None:
        """Show ``book`` (``None``: nothing selected) and read its reviews."""
        self.book = book
        self.review_button.setEnabled(book is not None)
        self.status_label.clear()
        self._show_header()
        self.reload()

    def _show_header(self) -> None:
        book = self.book
        if book is None:
            self.title_label.setText(self.tr("No book selected"))
            self.rating_label.clear()
            return
        self.title_label.setText(
            self.tr("%1 by %2").replace("%1", book.title, 1).replace("%2", book.author, 1)
        )
        if book.rating is None:
            self.rating_label.setText(self.tr("Not reviewed yet"))
        else:
            mean = QLocale().toString(book.rating, "f", 1)
            if book.reviews == 1:
                text = self.tr("Rated %1 / 10 by one member")
            else:
                text = self.tr("Rated %1 / 10 by %2 members")
            count = QLocale().toString(book.reviews)
            self.rating_label.setText(text.replace("%1", mean).replace("%2", count))

    def reload(self) -> None:
        """Read the shown book's reviews again."""
        self._generation += 1
        if self.book is None:
            self._fill([])
            return
        self._bridge.spawn(self._load(self._generation, self.book))

    async def _load(self, generation: int, book: BookSummary) -> None:
        reviews = await self._bridge.reviews(book_id=book.id)
        if generation == self._generation:
            self._fill(reviews)

    def _fill(self, reviews: list[ReviewSummary]) -> None:
        self.reviews = reviews
        former = self.tr(" (former member)")
        rows = [review_cells(review, review.nickname, former) for review in reviews]
        fill_table(self.review_table, rows, [review.comment for review in reviews])
        self.loaded.emit()

    # -- events ---------------------------------------------------------------------------
    def _on_review(self, event: ReviewEvent) -> None:
        book = self.book
        if book is None or event.book_id != book.id:
            return
        _, added, rates = tally_change(event)
        rating = mean_after(book.rating, book.reviews, added, rates)
        self.book = replace(book, rating=rating, reviews=max(0, book.reviews + added))
        self._show_header()
        self.reload()

    def _on_member(self, _event: object) -> None:
        self.reload()  # a nickname may have changed

    def _on_book_updated(self, event: BookUpdated) -> None:
        book = self.book
        if book is not None and event.id == book.id:
            self.book = replace(book, title=event.title, author=event.author, isbn=event.isbn)
            self._show_header()

    def _on_book_deleted(self, event: BookDeleted) -> None:
        if self.book is not None and event.id == self.book.id:
            self.show_book(None)

    def _on_failed(self, command: Any, message: str) -> None:
        if isinstance(command, (ReviewBook, UpdateReview, RegisterMember)):
            self.status_label.setText(message)

    # -- reviewing ------------------------------------------------------------------------
    def start_review(self) -> None:
        """Open the review dialog for the shown book (window-modal, not blocking)."""
        if self.book is None:
            return
        self._bridge.spawn(self._open_dialog(self.book))

    async def _open_dialog(self, book: BookSummary) -> None:
        members = await self._bridge.members()
        if self.book is None or self.book.id != book.id:
            return
        self.dialog = ReviewDialog(book.title, members, self.reviews, self)
        self.dialog.accepted.connect(lambda: self._submit(book, self.dialog))
        self.dialog.open()

    def _submit(self, book: BookSummary, dialog: ReviewDialog | None) -> None:
        if dialog is None:
            return
        self.status_label.clear()
        try:
            commands = review_commands(book, dialog.choice())
        except ValueError as error:  # a pydantic ValidationError: a bad comment
            self.status_label.setText(str(error).splitlines()[-1])
            return
        self._bridge.submit_in_turn(commands)


def review_commands(book: BookSummary, choice: ReviewChoice) -> list[Any]:
    """The commands the dialog's choice means: a new review (after the new member, if the
    nickname is new), or an edit of the member's review of the book."""
    if choice.review_id is not None:
        return [UpdateReview(id=choice.review_id, rate=choice.rate, comment=choice.comment)]
    commands: list[Any] = []
    member_id = choice.member_id
    if member_id is None:
        join = RegisterMember(nickname=choice.nickname)
        commands.append(join)
        member_id = join.id
    review = ReviewBook(
        member_id=member_id, book_id=book.id, rate=choice.rate, comment=choice.comment
    )
    return [*commands, review]
