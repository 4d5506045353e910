"""The loans in the main window: the Loans view docked (View → Loans), the copies panel on
the book page, the list's filter by availability (``shelfFilter``: all, available, lent,
overdue), the form's "Add another copy" and File → Export loan reminders… (an iCalendar
file). The window only creates a
:class:`LoanPanels`; everything else is wired here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QDockWidget, QFileDialog, QMenu, QVBoxLayout, QWidget

from gui.another_copy import AnotherCopyOffer
from gui.book_copies import BookCopiesPanel
from gui.bridge import Shelf
from gui.loans_view import LoansView
from gui.member_loans import MemberLoansPanel

if TYPE_CHECKING:
    from gui.main_window import MainWindow

type AskPath = Callable[[QWidget], Path | None]
"""Asks where to write the reminders: the path, or ``None`` if cancelled."""


def ask_reminders_path(parent: QWidget) -> Path | None:
    """A save dialog for the iCalendar file."""
    name, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("LoanPanels", "Export loan reminders"),
        "loans.ics",
        QCoreApplication.translate("LoanPanels", "iCalendar files (*.ics)"),
    )
    return Path(name) if name else None


class LoanPanels(QObject):
    """Adds ``loansDock`` (hidden at first), the book page's ``bookCopies``, the
    ``shelfFilter`` above the list and the reminders export to ``window``."""

    def __init__(
        self,
        window: MainWindow,
        file_menu: QMenu,
        view_menu: QMenu,
        ask_path: AskPath = ask_reminders_path,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._ask_path = ask_path
        self.loans_view = LoansView(window.bridge)
        self.loans_dock = QDockWidget(self.tr("Loans"), window)
        self.loans_dock.setObjectName("loansDock")
        self.loans_dock.setWidget(self.loans_view)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.loans_dock)
        self.loans_dock.hide()
        loans_action = self.loans_dock.toggleViewAction()
        loans_action.setText(self.tr("&Loans"))
        loans_action.setShortcut(QKeySequence("Ctrl+L"))
        view_menu.addAction(loans_action)
        self.copies = BookCopiesPanel(window.bridge, window.club.book_page)
        self.member_loans = MemberLoansPanel(window.bridge, window.club.members_view)
        self.another_copy = AnotherCopyOffer(window.bridge, window.form)
        self.shelf_filter = self._build_filter()
        self.export_action = QAction(self.tr("Export loan &reminders…"), window)
        self.export_action.triggered.connect(self.export_reminders)
        file_menu.insertAction(window.quit_action, self.export_action)

    def _build_filter(self) -> QComboBox:
        box = QComboBox(self._window.search_edit.parentWidget())
        box.setObjectName("shelfFilter")
        box.setAccessibleName(self.tr("Show books"))
        labels = {
            Shelf.all: self.tr("All books"),
            Shelf.available: self.tr("Available"),
            Shelf.lent: self.tr("Lent"),
            Shelf.overdue: self.tr("Overdue"),
        }
        for shelf, label in labels.items():
            box.addItem(label, shelf)
        box.currentIndexChanged.connect(
            lambda index: self._window.model.set_shelf(box.itemData(index))
        )
        central = self._window.centralWidget()
        layout = central.layout() if central is not None else None
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self._window.search_edit) + 1, box)
        return box

    def export_reminders(self) -> None:
        """Ask where, then write one reminder per open loan."""
        path = self._ask_path(self._window)
        if path is not None:
            self._window.bridge.spawn(self._export(path))

    async def _export(self, path: Path) -> None:
        try:
            count = await self._window.bridge.export_reminders(path)
        except OSError as error:
            text = self.tr("Export failed, nothing written to {name}: {reason}")
            message = text.format(name=path.name, reason=error.strerror or error)
        else:
            text = self.tr("Exported %n loan reminder(s) to {name}", "", count)
            message = text.format(name=path.name)
        self._window.statusBar().showMessage(message)
