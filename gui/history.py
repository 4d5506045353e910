"""The history panel (``historyView``): what happened to the catalogue, for people.

One line per change in words ("Registered “Dune” by Frank Herbert"), local time, newest
first, read page by page through the whole message store; a filter by text, one book's
history, the raw commands and events one click away, and "Restore this book" on a deletion.
"""

from __future__ import annotations

from uuid import UUID

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.bridge import BookDeleted, CatalogueBridge, RestoreBook
from gui.describe import elided
from gui.history_model import HistoryModel

__all__ = ["HistoryDock", "HistoryModel"]


class HistoryDock(QDockWidget):
    """A dock (hidden at first) over the history; read when shown, and again after each
    change while it is shown. ``said(sentence)``: how a restore went, for the status bar."""

    said = Signal(str)

    def __init__(self, bridge: CatalogueBridge, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("History"), parent)
        self.setObjectName("historyView")
        self._bridge = bridge
        self._book: UUID | None = None
        self.model = HistoryModel(bridge, self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("historyFilter")
        self.filter_edit.setAccessibleName(self.tr("Filter the history"))
        self.filter_edit.setPlaceholderText(self.tr("Filter: a title, an author, an ISBN, who…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.book_only = QCheckBox(self.tr("Selected book only"), self)
        self.book_only.setObjectName("historyBookOnly")
        self.book_only.setEnabled(False)
        self.raw_box = QCheckBox(self.tr("Commands and events as stored"), self)
        self.raw_box.setObjectName("historyRaw")
        self.restore_button = QPushButton(self.tr("&Restore this book"), self)
        self.restore_button.setObjectName("historyRestore")
        self.restore_button.setEnabled(False)
        self.table = self._build_table()
        self._build_layout()
        self.hide()
        self.visibilityChanged.connect(self._on_visibility)
        bridge.message_stored.connect(self.refresh)
        self.filter_edit.textChanged.connect(lambda text: self.model.set_filter(text=text))
        self.book_only.toggled.connect(self._apply_book)
        self.raw_box.toggled.connect(lambda raw: self.model.set_filter(raw=raw))
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self._restoring: RestoreBook | None = None
        bridge.command_succeeded.connect(self._on_succeeded)
        bridge.command_failed.connect(self._on_failed)

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("historyTable")
        table.setAccessibleName(self.tr("History"))
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setWordWrap(False)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        table.selectionModel().selectionChanged.connect(lambda *_: self._update_restore())
        self.model.modelReset.connect(self._update_restore)
        return table

    def _build_layout(self) -> None:
        body = QWidget(self)
        bar = QHBoxLayout()
        label = QLabel(self.tr("&Filter:"), body)
        label.setBuddy(self.filter_edit)
        for widget in (label, self.filter_edit, self.book_only, self.raw_box, self.restore_button):
            bar.addWidget(widget, 1 if widget is self.filter_edit else 0)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.setWidget(body)

    # -- what is shown --------------------------------------------------------------------
    def show_book(self, book_id: UUID | None, title: str = "") -> None:
        """The book "Selected book only" keeps (the list's current book)."""
        self._book = book_id
        self.book_only.setEnabled(book_id is not None)
        self.book_only.setText(
            self.tr("Only “{title}”").format(title=elided(title, 30))
            if book_id is not None
            else self.tr("Selected book only")
        )
        if self.book_only.isChecked():
            self._apply_book()

    def _apply_book(self) -> None:
        keep = self._book if self.book_only.isChecked() else None
        self.model.set_filter(about=keep)

    def _on_visibility(self, visible: bool) -> None:
        if visible:
            self.model.reload()

    def refresh(self) -> None:
        """Read the history again if it is shown (it is read when it is shown anyway)."""
        if self.isVisible():
            self.model.reload()

    # -- restoring ------------------------------------------------------------------------
    def deletion_at(self, row: int) -> BookDeleted | None:
        """The deletion on ``row``, if it is one."""
        if self.model.raw or not 0 <= row < self.model.rowCount():
            return None
        message = self.model.message(row)
        return message if isinstance(message, BookDeleted) else None

    def _selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _update_restore(self) -> None:
        self.restore_button.setEnabled(self.deletion_at(self._selected_row()) is not None)

    def restore_selected(self) -> None:
        """Bring back the book whose deletion is selected (an undoable change)."""
        event = self.deletion_at(self._selected_row())
        if event is not None:
            self._restoring = RestoreBook(
                id=event.id,
                title=event.title,
                author=event.author,
                isbn=event.isbn,
                registered_at=event.registered_at,
            )
            self._bridge.submit(self._restoring)

    def _on_succeeded(self, command: object, _result: object) -> None:
        if command is self._restoring and self._restoring is not None:
            title = elided(self._restoring.title)
            self.said.emit(self.tr("Restored “{title}” — Ctrl+Z to undo").format(title=title))
            self._restoring = None

    def _on_failed(self, command: object, message: str) -> None:
        if command is self._restoring and self._restoring is not None:
            title = elided(self._restoring.title)
            self.said.emit(
                self.tr("Cannot restore “{title}”: {why}").format(title=title, why=message)
            )
            self._restoring = None

    def _context_menu(self, position: QPoint) -> QMenu | None:
        index = self.table.indexAt(position)
        if not index.isValid() or self.deletion_at(index.row()) is None:
            return None
        self.table.selectRow(index.row())
        menu = QMenu(self)
        menu.addAction(self.restore_button.text()).triggered.connect(self.restore_selected)
        menu.popup(self.table.viewport().mapToGlobal(position))
        return menu
