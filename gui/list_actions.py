"""What the user does to the books of the list: edit, delete (one or many), copy, the context
menu, and keeping the selection on the book a change was about."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import UTC, datetime
from uuid import UUID

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QWidget

from gui.book_form import BookForm
from gui.book_model import BookTableModel
from gui.book_table import BookTable
from gui.bridge import (
    BookDeleted,
    BookRegistered,
    BookRestored,
    BookSummary,
    BookUpdated,
    CatalogueBridge,
    Change,
    DeleteBook,
    RegisterBook,
    UpdateBook,
    hyphenated_isbn,
)
from gui.describe import elided
from gui.locate import locate_row

type Confirm = Callable[[QWidget, str], bool]
"""Asks the user a yes/no question; tests pass one that answers for them."""


class Unsaved(enum.Enum):
    """What to do with an edit in progress when another book is opened."""

    save = "save"
    discard = "discard"
    cancel = "cancel"


type Choose = Callable[[QWidget, str], Unsaved]
"""Asks save/discard/cancel about an unsaved edit; tests pass one that answers for them."""


def ask_with_message_box(parent: QWidget, question: str) -> bool:
    """A Yes/No message box, No by default."""
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("MainWindow", "Reading Club"),
        question,
        buttons.Yes | buttons.No,
        buttons.No,
    )
    return answer == buttons.Yes


def ask_save_discard_cancel(parent: QWidget, question: str) -> Unsaved:
    """Save / Discard / Cancel, Save by default."""
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("MainWindow", "Reading Club"),
        question,
        buttons.Save | buttons.Discard | buttons.Cancel,
        buttons.Save,
    )
    return {buttons.Save: Unsaved.save, buttons.Discard: Unsaved.discard}.get(
        answer, Unsaved.cancel
    )


class ListActions(QObject):
    """Edit, Delete and Copy for ``table``'s selection; the selection follows the book that
    was just registered, saved or brought back by an undo, scrolling a big list to it."""

    def __init__(
        self,
        window: QMainWindow,
        bridge: CatalogueBridge,
        table: BookTable,
        form: BookForm,
        confirm: Confirm,
        choose: Choose,
    ) -> None:
        super().__init__(window)
        self.window, self.bridge, self.table, self.form = window, bridge, table, form
        model = table.model()
        assert isinstance(model, BookTableModel)
        self.model = model
        self._confirm, self._choose = confirm, choose
        self._select_after: UUID | None = None
        self._open_after_save: BookSummary | None = None
        self._editing_book: BookSummary | None = None
        self.edit_action = self._action(self.tr("&Edit book"), "", self.edit_current)
        self.delete_action = self._action(self.tr("&Delete…"), "Del", self.delete_selected)
        self.copy_action = self._action(self.tr("&Copy rows"), "", self.copy_selected)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        table.addActions([self.copy_action, self.delete_action])
        table.doubleClicked.connect(self._edit_index)
        table.customContextMenuRequested.connect(self.context_menu)
        model.counts_changed.connect(self._select_pending)
        model.dataChanged.connect(self._select_pending)
        bridge.command_succeeded.connect(self._on_succeeded)
        bridge.command_failed.connect(lambda command, _message: self._on_failed(command))
        bridge.committed.connect(self._on_committed)

    def _action(self, text: str, keys: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.window)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        return action

    # -- editing --------------------------------------------------------------------------
    def edit_current(self) -> None:
        """Open the current book in the form."""
        index = self.table.currentIndex()
        book = self.model.book_at(index.row()) if index.isValid() else None
        if book is not None:
            self.edit_book(book)

    def _edit_index(self, index: QModelIndex) -> None:
        self.table.setCurrentIndex(index)
        self.edit_current()

    def edit_book(self, book: BookSummary) -> None:
        """Load ``book`` into the form; an unsaved edit of another book is asked about."""
        editing = self._editing_book
        if (
            editing is not None
            and self.form.editing == editing.id
            and editing.id != book.id
            and self._changed(editing)
        ):
            question = self.tr("Save your changes to “{title}” first?").format(
                title=elided(editing.title)
            )
            answer = self._choose(self.window, question)
            if answer is Unsaved.cancel:
                return
            if answer is Unsaved.save:
                self._open_after_save = book
                self.form.submit()
                return
        self._editing_book = book
        self.form.edit(book)

    def _changed(self, book: BookSummary) -> bool:
        form = self.form
        fields = (form.title_edit.text(), form.author_edit.text(), form.isbn_edit.text())
        return fields != (book.title, book.author, hyphenated_isbn(book.isbn))

    def _on_succeeded(self, command: object, _result: object) -> None:
        if isinstance(command, RegisterBook | UpdateBook):
            row = self.model.row_of(command.id)
            registered = self.model.book_at(row) if row is not None else None
            when = registered.registered_at if registered else datetime.now(UTC)
            self.select_book(
                BookSummary(command.id, command.title, command.author, command.isbn, when)
            )
        if isinstance(command, UpdateBook) and self._open_after_save is not None:
            book, self._open_after_save = self._open_after_save, None
            self._editing_book = book
            self.form.edit(book)

    def _on_failed(self, command: object) -> None:
        if isinstance(command, UpdateBook):
            self._open_after_save = None  # the form shows why; the edit stays open

    # -- deleting -------------------------------------------------------------------------
    def delete_selected(self) -> None:
        """Delete the selected books after asking; several make one undo step."""
        rows = self.table.selected_rows()
        books = [book for row in rows if (book := self.model.loaded_book_at(row))]
        if not books:
            return
        if len(books) == 1:
            book = books[0]
            question = self.tr("Delete “{title}” by {author}?").format(
                title=elided(book.title), author=elided(book.author, 40)
            )
        else:
            question = self.tr("Delete %Ln book(s)?", "", len(books))
        reviews = sum(book.reviews for book in books)
        if reviews and len(books) == 1:
            question += self.tr(" Its %n review(s) will be deleted too.", "", reviews)
        elif reviews:
            question += self.tr(" Their %n review(s) will be deleted too.", "", reviews)
        if not self._confirm(self.window, question):
            return
        if len(books) == 1:
            self.bridge.submit(DeleteBook(id=books[0].id))
        else:
            self.bridge.submit_many([DeleteBook(id=book.id) for book in books])

    def _on_committed(self, change: Change) -> None:
        deleted = [event for event in change.events if isinstance(event, BookDeleted)]
        if not deleted:
            return
        if len(deleted) == 1:
            text = self.tr("Deleted “{title}” — Ctrl+Z to undo").format(
                title=elided(deleted[0].title)
            )
        else:
            text = self.tr("Deleted %Ln book(s) — Ctrl+Z to undo", "", len(deleted))
        self.window.statusBar().showMessage(text, 8000)

    # -- copying and the menu -------------------------------------------------------------
    def copy_selected(self) -> None:
        """Copy the selected rows to the clipboard as tab-separated text."""
        lines = []
        for row in self.table.selected_rows():
            if self.model.loaded_book_at(row) is None:
                continue  # not loaded: asking for it would read every page of a big list
            cells = [
                self.model.index(row, column).data() for column in range(self.model.columnCount())
            ]
            lines.append("\t".join(str(cell or "") for cell in cells))
        if lines:
            QGuiApplication.clipboard().setText("\n".join(lines) + "\n")

    def context_menu(self, position: QPoint) -> QMenu | None:
        """Edit, Delete, Copy, and a search for the book's author."""
        index = self.table.indexAt(position)
        if not index.isValid():
            return None
        if index.row() not in self.table.selected_rows():
            self.table.setCurrentIndex(index)
        menu = QMenu(self.window)
        menu.setObjectName("bookContextMenu")
        menu.addAction(self.edit_action)
        menu.addAction(self.copy_action)
        book = self.model.book_at(index.row())
        if book is not None:
            author = menu.addAction(
                self.tr("Books by {author}").format(author=elided(book.author, 40))
            )
            author.triggered.connect(lambda: self.search_for(book.author))
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.popup(self.table.viewport().mapToGlobal(position))
        return menu

    def search_for(self, text: str) -> None:
        """Put ``text`` in the window's search box."""
        search = self.window.findChild(QObject, "searchEdit")
        if search is not None:
            search.setText(text)  # type: ignore[attr-defined]

    # -- selection ------------------------------------------------------------------------
    def select_change(self, change: Change) -> None:
        """Select the book an undo or redo brought back or changed."""
        for event in change.events:
            if isinstance(event, BookRegistered | BookRestored | BookUpdated):
                when = getattr(event, "registered_at", None) or event.created_at
                self.select_book(BookSummary(event.id, event.title, event.author, event.isbn, when))
                return

    def select_book(self, book: BookSummary) -> None:
        """Select ``book``'s row and scroll to it, finding it in SQL if it is not loaded."""
        self._select_after = book.id
        if not self._select_pending():
            self.bridge.spawn(self._locate(book))

    async def _locate(self, book: BookSummary) -> None:
        row = await locate_row(self.bridge, self.model, book)
        if row is not None and self._select_after == book.id:
            self.model.book_at(row)  # its page is asked for; selected once it arrives
            self._show_row(row)

    def _select_pending(self) -> bool:
        if self._select_after is None:
            return False
        row = self.model.row_of(self._select_after)
        if row is None:
            return False
        self._select_after = None
        self._show_row(row)
        return True

    def _show_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index, BookTable.ScrollHint.PositionAtCenter)
