"""The main window: the register form over the live book list, menus and the history dock."""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib import resources
from uuid import UUID

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPoint,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.book_details import BookDetailsPanel
from gui.book_form import BookForm
from gui.book_model import BookTableModel
from gui.bridge import BookDeleted, CatalogueBridge, DeleteBook, RegisterBook, program_version
from gui.club_panels import ClubPanels
from gui.connection_status import ConnectionStatus
from gui.csv_actions import CsvActions
from gui.fill_details import FillDetails
from gui.history import HistoryDock
from gui.loan_panels import LoanPanels

log = logging.getLogger(__name__)

type Confirm = Callable[[QWidget, str], bool]
"""Asks the user a yes/no question; tests pass one that answers for them."""

SEARCH_DELAY_MS = 0
"""Typing coalesces within one event-loop turn; a query (~8 ms at 100k) needs no debounce,
and stale answers are dropped by the model."""
_GEOMETRY_KEY = "mainWindow/geometry"
_HEADER_KEY = "bookTable/header"


def ask_with_message_box(parent: QWidget, question: str) -> bool:
    """A Yes/No message box, No by default."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("MainWindow", "Reading Club"),
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def application_icon() -> QIcon:
    """The Reading Club icon from the ``resources`` package."""
    try:
        icon = resources.files("resources").joinpath("reading-club.svg").read_bytes()
    except (OSError, ValueError):  # e.g. an editable install made before resources/ existed
        log.warning("the application icon is missing; reinstall the package", exc_info=True)
        return QIcon()
    pixmap = QPixmap()
    pixmap.loadFromData(icon, "SVG")
    return QIcon(pixmap)


class MainWindow(QMainWindow):
    """The Reading Club window (``mainWindow``); every write goes through ``bridge``.

    ``confirm`` asks before a delete. ``closed`` is emitted once the window has closed and
    saved its geometry and column state.
    """

    closed = Signal()

    def __init__(self, bridge: CatalogueBridge, confirm: Confirm = ask_with_message_box) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Reading Club"))
        self.setWindowIcon(application_icon())
        self.bridge = bridge
        self._confirm = confirm
        self.confirm = confirm
        self._select_after: UUID | None = None
        self._deleting: set[UUID] = set()
        self._last_deleted: BookDeleted | None = None
        self._build_central()
        self._build_history()
        self._build_status()
        self._build_menus()
        self._build_shortcuts()
        self._connect()
        self._restore_settings()

    # -- building ---------------------------------------------------------------------------
    def _build_central(self) -> None:
        central = QWidget(self)
        self.form = BookForm(self.bridge, central)
        self.search_edit = QLineEdit(central)
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText(self.tr("Search title, author or ISBN  (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.model = BookTableModel(self.bridge, self)
        self.table = self._build_table(central)
        layout = QVBoxLayout(central)
        layout.addWidget(self.form)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.table, 1)
        self.details = BookDetailsPanel(self.bridge, central)
        layout.addWidget(self.details)
        self.setCentralWidget(central)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)

    def _build_table(self, parent: QWidget) -> QTableView:
        table = QTableView(parent)
        table.setObjectName("bookTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.setWordWrap(False)
        rows = table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        columns = table.horizontalHeader()
        columns.setSectionsMovable(True)
        columns.setStretchLastSection(True)
        columns.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        for column, width in enumerate((320, 220, 150)):
            table.setColumnWidth(column, width)
        return table

    def _build_history(self) -> None:
        self.history = HistoryDock(self.bridge, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.history)
        self.history.hide()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.csv = CsvActions(self, self.bridge, self.model)
        file_menu.addActions([self.csv.import_action, self.csv.export_action])
        file_menu.addSeparator()
        self.quit_action = self._action(file_menu, self.tr("&Quit"), "Ctrl+Q", self.close)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self._action(
            edit_menu, self.tr("&Undo delete"), "Ctrl+Z", self.undo_delete
        )
        self.undo_action.setEnabled(False)
        edit_menu.addSeparator()
        self.edit_action = self._action(edit_menu, self.tr("&Edit book"), "", self.edit_current)
        self.delete_action = self._action(
            edit_menu, self.tr("&Delete book…"), "Del", self.delete_current
        )
        self.fill_details = FillDetails(self, self.bridge, self._selected_ids)
        edit_menu.addAction(self.fill_details.action)
        view_menu = bar.addMenu(self.tr("&View"))
        history_action = self.history.toggleViewAction()
        history_action.setText(self.tr("&History"))
        history_action.setShortcut(QKeySequence("Ctrl+H"))
        view_menu.addAction(history_action)
        self.club = ClubPanels(self, view_menu)
        self.loans = LoanPanels(self, file_menu, view_menu)
        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&About Reading Club"), "", self._about)

    def _action(self, menu: QMenu, text: str, keys: str, slot: Callable[[], object]) -> QAction:
        action = menu.addAction(text)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        return action

    def _build_shortcuts(self) -> None:
        QShortcut(QKeySequence("Ctrl+N"), self, self.focus_form)
        QShortcut(QKeySequence("Ctrl+F"), self, self.search_edit.setFocus)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table, self.edit_current)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

    def _build_status(self) -> None:
        self.connection_status = ConnectionStatus(self.bridge, self.statusBar())
        self.statusBar().addPermanentWidget(self.connection_status)

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self._search_timer.timeout.connect(self._apply_search)
        self.model.counts_changed.connect(self._show_counts)
        self.model.counts_changed.connect(self._select_pending)
        self.table.doubleClicked.connect(self._edit_index)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.form.registered.connect(self._on_registered)
        self.bridge.book_deleted.connect(self._on_deleted)
        # After a reconnection, or events that could not be delivered: read everything again.
        self.bridge.resync_requested.connect(self.model.refresh)
        self.bridge.resync_requested.connect(self.history.refresh)

    # -- settings -------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value(_GEOMETRY_KEY, QByteArray(), type=QByteArray)
        assert isinstance(geometry, QByteArray)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(900, 640)
        header = settings.value(_HEADER_KEY, QByteArray(), type=QByteArray)
        assert isinstance(header, QByteArray)
        if not header.isEmpty():
            self.table.horizontalHeader().restoreState(header)
        # Sorting enabled last: it sorts by the restored column, which loads the first page.
        self.table.setSortingEnabled(True)

    def _save_settings(self) -> None:
        settings = QSettings()
        settings.setValue(_GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(_HEADER_KEY, self.table.horizontalHeader().saveState())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember geometry and columns, then close."""
        self._save_settings()
        super().closeEvent(event)
        self.closed.emit()

    # -- behaviour ------------------------------------------------------------------------
    def focus_form(self) -> None:
        """Put the cursor in the title field."""
        self.form.title_edit.setFocus()

    def _apply_search(self) -> None:
        self.model.set_search(self.search_edit.text())

    def _show_counts(self, matching: int, total: int) -> None:
        filtered = bool(self.model.query.search.strip())
        if filtered:
            text = self.tr("{matching} of %Ln book(s)", "", total).format(
                matching=QLocale().toString(matching)
            )
        else:
            text = self.tr("%Ln book(s)", "", total)
        self.statusBar().showMessage(text)

    def _current_row(self) -> int | None:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else None

    def _selected_ids(self) -> list[UUID]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        books = (self.model.book_at(row) for row in rows)
        return [book.id for book in books if book is not None]

    def _show_details(self, current: QModelIndex) -> None:
        book = self.model.book_at(current.row()) if current.isValid() else None
        self.details.show_book(book.id if book is not None else None)

    def edit_current(self) -> None:
        """Open the selected book in the form."""
        row = self._current_row()
        book = self.model.book_at(row) if row is not None else None
        if book is not None:
            self.form.edit(book)

    def _edit_index(self, index: QModelIndex) -> None:
        self.table.setCurrentIndex(index)
        self.edit_current()

    def delete_current(self) -> None:
        """Delete the selected book after asking."""
        row = self._current_row()
        book = self.model.book_at(row) if row is not None else None
        if book is None:
            return
        question = self.tr("Delete “{title}” by {author}?").format(
            title=book.title, author=book.author
        )
        if book.reviews:
            question += self.tr(" Its %n review(s) will be deleted too.", "", book.reviews)
        if self._confirm(self, question):
            self._deleting.add(book.id)
            self.bridge.submit(DeleteBook(id=book.id))

    def _on_deleted(self, event: BookDeleted) -> None:
        if event.id in self._deleting:
            self._deleting.discard(event.id)
            self._last_deleted = event
            self.undo_action.setEnabled(True)
            self.statusBar().showMessage(
                self.tr("Deleted “{title}” — Ctrl+Z to undo").format(title=event.title), 5000
            )

    def undo_delete(self) -> None:
        """Register again the book deleted last."""
        event, self._last_deleted = self._last_deleted, None
        self.undo_action.setEnabled(False)
        if event is not None:
            command = RegisterBook(
                id=event.id, title=event.title, author=event.author, isbn=event.isbn
            )
            self._select_after = command.id
            self.bridge.submit(command)

    def _on_registered(self, command: RegisterBook) -> None:
        self._select_after = command.id
        self._select_pending()

    def _select_pending(self) -> None:
        if self._select_after is None:
            return
        row = self.model.row_of(self._select_after)
        if row is not None:
            self._select_after = None
            index = self.model.index(row, 0)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def _context_menu(self, position: QPoint) -> None:
        index: QModelIndex = self.table.indexAt(position)
        if not index.isValid():
            return
        self.table.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.edit_action)
        menu.addAction(self.delete_action)
        menu.exec(self.table.viewport().mapToGlobal(position))

    def _about(self) -> None:
        """Help → About: the version and where the catalogue is (``aboutBox``, not modal)."""
        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setWindowTitle(self.tr("About Reading Club"))
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.setText(
            self.tr(
                "<b>Reading Club</b> {version}<br>A book catalogue for reading clubs.<br>"
                "Catalogue: {where}"
            ).format(version=program_version(), where=self.bridge.description)
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.about_box = box
