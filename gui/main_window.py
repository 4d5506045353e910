"""The main window: the register form over the live book list, menus and the history dock.

What the user does to the list lives in ``gui.list_actions``, undo/redo in ``gui.undo``, files
in ``gui.csv_actions``; this module builds the window and wires them together.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit
from uuid import UUID

from PySide6.QtCore import QByteArray, QLocale, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import QMainWindow, QMessageBox, QVBoxLayout, QWidget

from gui.book_details import BookDetailsPanel
from gui.book_form import BookForm
from gui.book_model import BookTableModel
from gui.book_table import BookTable, SearchEdit
from gui.bridge import CatalogueBridge, program_version
from gui.club_panels import ClubPanels
from gui.connection_status import ConnectionStatus
from gui.csv_actions import CsvActions, importable
from gui.describe import elided
from gui.duplicate_check import DuplicateGuard
from gui.failure_notice import show_background_failures
from gui.fill_details import FillDetails
from gui.help_menu import HelpMenu, application_icon
from gui.history import HistoryDock
from gui.i18n import ensure_translations
from gui.language_menu import LanguageMenu
from gui.list_actions import (
    Choose,
    Confirm,
    ListActions,
    ask_save_discard_cancel,
    ask_with_message_box,
)
from gui.loan_panels import LoanPanels
from gui.tag_filter import TagFilterDock
from gui.undo import UndoHistory

log = logging.getLogger(__name__)

__all__ = ["Choose", "Confirm", "MainWindow", "ask_with_message_box", "friendly_name"]

SEARCH_DELAY_MS = 0
"""Typing coalesces within one event-loop turn; a query (~8 ms at 100k) needs no debounce,
and stale answers are dropped by the model."""
_GEOMETRY_KEY = "mainWindow/geometry"
_HEADER_KEY = "bookTable/header"


def friendly_name(description: str) -> str:
    """Where the catalogue is, for people: a file's path, or a shared database's name and
    host — never a URL (nor a password)."""
    if "://" not in description:
        return description
    parts = urlsplit(description)
    database = parts.path.lstrip("/") or "?"
    return f"“{database}” on {parts.hostname or 'localhost'}"


class MainWindow(QMainWindow):
    """The Reading Club window (``mainWindow``); every write goes through ``bridge``.

    ``confirm`` asks before a delete, ``choose`` what to do with an unsaved edit. ``closed``
    is emitted once the window has closed and saved its geometry and column state.
    """

    closed = Signal()

    def __init__(
        self,
        bridge: CatalogueBridge,
        confirm: Confirm = ask_with_message_box,
        choose: Choose = ask_save_discard_cancel,
    ) -> None:
        super().__init__()
        ensure_translations()
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Reading Club"))
        self.setWindowIcon(application_icon())
        self.setAcceptDrops(True)
        self.bridge = bridge
        self._confirm = confirm
        self.confirm = confirm
        self._build_central()
        self.actions_ = ListActions(self, bridge, self.table, self.form, confirm, choose)
        self.undo = UndoHistory(bridge, self)
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
        self.form.duplicate_guard = DuplicateGuard(
            self.bridge, lambda parent, question: self._confirm(parent, question), self
        )
        self.search_edit = SearchEdit(central)
        self.model = BookTableModel(self.bridge, self)
        self.table = BookTable(self.model, central)
        self.table.set_placeholder(self.tr("Opening the catalogue…"))
        layout = QVBoxLayout(central)
        layout.addWidget(self.form)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.table, 1)
        self.details = BookDetailsPanel(self.bridge, central)
        layout.addWidget(self.details)
        self.setCentralWidget(central)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)

    def _build_history(self) -> None:
        self.history = HistoryDock(self.bridge, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.history)
        self.history.hide()
        self.tag_filter = TagFilterDock(self.bridge, self.search_edit, self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.tag_filter)
        self.tag_filter.hide()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.csv = CsvActions(self, self.bridge, self.model)
        file_menu.addActions([self.csv.import_action, self.csv.export_action])
        file_menu.addSeparator()
        self.quit_action = file_menu.addAction(self.tr("&Quit"))
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo.undo_action, self.undo.redo_action])
        edit_menu.addSeparator()
        self.edit_action = self.actions_.edit_action
        self.delete_action = self.actions_.delete_action
        edit_menu.addActions([self.edit_action, self.delete_action, self.actions_.copy_action])
        self.fill_details = FillDetails(self, self.bridge, self._selected_ids)
        edit_menu.addAction(self.fill_details.action)
        view_menu = bar.addMenu(self.tr("&View"))
        history_action = self.history.toggleViewAction()
        history_action.setText(self.tr("&History"))
        history_action.setShortcut(QKeySequence("Ctrl+H"))
        view_menu.addAction(history_action)
        self.club = ClubPanels(self, view_menu)
        self.loans = LoanPanels(self, file_menu, view_menu)
        view_menu.addAction(self.tag_filter.toggleViewAction())
        self.language_menu = LanguageMenu(self)
        self.language_menu.chosen.connect(self._language_chosen)
        view_menu.addMenu(self.language_menu)
        self.help_menu = HelpMenu(
            self, program_version(), lambda: friendly_name(self.bridge.description)
        )
        bar.addMenu(self.help_menu)

    def _build_shortcuts(self) -> None:
        QShortcut(QKeySequence("Ctrl+N"), self, self.focus_form)
        QShortcut(QKeySequence("Ctrl+F"), self, self.search_edit.setFocus)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table, self.actions_.edit_current)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

    def _build_status(self) -> None:
        self.connection_status = ConnectionStatus(self.bridge, self.statusBar())
        self.statusBar().addPermanentWidget(self.connection_status)
        show_background_failures(self.bridge, self.statusBar())

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self._search_timer.timeout.connect(self._apply_search)
        self.model.counts_changed.connect(self._show_counts)
        self.model.refreshed.connect(self._update_placeholder)
        self.undo.refused.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.undo.told.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.undo.applied.connect(self.actions_.select_change)
        self.history.said.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        # After a reconnection, or events that could not be delivered: read everything again.
        self.bridge.resync_requested.connect(self.model.reload_in_place)
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

    # -- files dropped on the window ------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept one CSV or TSV file."""
        urls = event.mimeData().urls()
        if len(urls) == 1 and importable(Path(urls[0].toLocalFile())):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Import the dropped file."""
        urls = event.mimeData().urls()
        if len(urls) == 1 and importable(path := Path(urls[0].toLocalFile())):
            event.acceptProposedAction()
            self.csv.import_csv(path)

    # -- behaviour ------------------------------------------------------------------------
    def focus_form(self) -> None:
        """Put the cursor in the title field."""
        self.form.title_edit.setFocus()

    def edit_current(self) -> None:
        """Open the selected book in the form."""
        self.actions_.edit_current()

    def delete_current(self) -> None:
        """Delete the selected books after asking."""
        self.actions_.delete_selected()

    def _current_changed(self, current: QModelIndex) -> None:
        book = self.model.book_at(current.row()) if current.isValid() else None
        self.history.show_book(book.id if book else None, book.title if book else "")
        self.details.show_book(book.id if book is not None else None)

    def _selected_ids(self) -> list[UUID]:
        books = (self.model.book_at(row) for row in self.table.selected_rows())
        return [book.id for book in books if book is not None]

    def _apply_search(self) -> None:
        self.model.set_search(self.search_edit.text())

    def _show_counts(self, matching: int, total: int) -> None:
        if self.model.query.search.strip():
            text = self.tr("{matching} of %Ln book(s)", "", total).format(
                matching=QLocale().toString(matching)
            )
        else:
            text = self.tr("%Ln book(s)", "", total)
        self.statusBar().showMessage(text)
        self._update_placeholder()

    def _update_placeholder(self) -> None:
        search = self.model.query.search.strip()
        if search:
            text = self.tr("No book matches “{search}”.").format(search=elided(search))
        elif self.model.total == 0:
            text = self.tr(
                "No books yet. Register one with the form above, "
                "or drop a CSV file here to import it (File → Import CSV…)."
            )
        else:
            text = ""
        self.table.set_placeholder(text)

    def about(self) -> QMessageBox:
        """Help → About (``aboutBox``, not modal): the version, and which catalogue is open,
        by name (never a URL or a password)."""
        return self.help_menu.about()

    def _language_chosen(self, _code: str) -> None:
        self.statusBar().showMessage(self.tr("The new language is used from the next start"))
