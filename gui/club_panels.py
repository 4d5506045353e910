"""The club's panels in the main window: the book page docked beside the list, following the
selected row, and the Members view (View → Members), also docked. The window only creates a
:class:`ClubPanels`; everything else is wired here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu

from gui.book_page import BookPage
from gui.members_view import MembersView

if TYPE_CHECKING:
    from gui.main_window import MainWindow

BOOK_PAGE_WIDTH = 420
"""The book page's first width beside the list (the user's own is kept by the window)."""


class ClubPanels(QObject):
    """Adds ``bookDock`` (the :class:`BookPage`) and ``membersDock`` (the
    :class:`MembersView`, hidden at first) to ``window``, and the Members action to
    ``view_menu``."""

    def __init__(self, window: MainWindow, view_menu: QMenu) -> None:
        super().__init__(window)
        self._window = window
        self.book_page = BookPage(window.bridge)
        self.book_dock = self._dock("bookDock", self.tr("Book"), self.book_page)
        self.members_view = MembersView(window.bridge, window.confirm)
        self.members_dock = self._dock("membersDock", self.tr("Members"), self.members_view)
        self.members_dock.hide()
        members_action = self.members_dock.toggleViewAction()
        members_action.setText(self.tr("&Members"))
        members_action.setShortcut(QKeySequence("Ctrl+M"))
        view_menu.addAction(members_action)
        book_action = self.book_dock.toggleViewAction()
        book_action.setText(self.tr("&Book page"))
        view_menu.addAction(book_action)
        window.resizeDocks([self.book_dock], [BOOK_PAGE_WIDTH], Qt.Orientation.Horizontal)
        selection = window.table.selectionModel()
        selection.currentRowChanged.connect(self._row_changed)
        model = window.model
        model.refreshed.connect(self._follow_selection)
        # A review moves its row when the list is sorted by rating: removed, then inserted
        # elsewhere. The selection follows the page's book (and the page follows the
        # selection only once the model is done).
        model.rowsRemoved.connect(self._reselect)
        model.rowsInserted.connect(self._reselect)

    def _dock(self, name: str, title: str, widget: BookPage | MembersView) -> QDockWidget:
        dock = QDockWidget(title, self._window)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self._window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return dock

    def _reselect(self) -> None:
        shown = self.book_page.book
        row = self._window.model.row_of(shown.id) if shown is not None else None
        table = self._window.table
        if row is not None and table.currentIndex().row() != row:
            table.setCurrentIndex(self._window.model.index(row, 0))

    def _row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        # Later, not now: a row being moved is removed (the selection jumps to a neighbour)
        # and inserted again at once.
        QTimer.singleShot(0, self, self._follow_selection)

    def _follow_selection(self) -> None:
        """Show the book selected now (or none)."""
        current = self._window.table.currentIndex()
        book = self._window.model.book_at(current.row()) if current.isValid() else None
        shown = self.book_page.book
        if book is None or shown is None or book.id != shown.id:
            self.book_page.show_book(book)
