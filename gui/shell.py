"""The window's first paint: a light stand-in shown before the database stack is imported.

Start-up (issue 14) paints this shell after importing only PySide6: the title, the saved
geometry, the register form's fields (disabled) and an empty list saying "Opening the
catalogue…"; right after that first paint, the catalogue's first page in the saved order
when it can be read without the database stack (``core.adapters.first_page``: the standard
``sqlite3`` module, read-only; otherwise the list keeps saying it). ``gui.app`` then imports
``gui.main_window`` (and with it the core), builds the real window over the same geometry
and puts it in the shell's place. This module must import nothing but PySide6 (the list
over the first page, ``gui.shell_list``, once the shell has painted); its strings use the
real window's translation contexts, so they are translated by the same ``.qm`` entries. Its
list is read-only and takes no input (the real window takes over at the top of the same
rows).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from gui.book_table import BookTable
    from gui.shell_list import FirstPageReader

GEOMETRY_KEY = "mainWindow/geometry"
"""The same key ``gui.main_window`` saves its geometry under."""
DEFAULT_SIZE = (900, 640)


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class StartupShell(QMainWindow):
    """The stand-in window (``startupWindow``); ``closed`` if the user closes it before the
    real window replaces it. Its list says "Opening the catalogue…" until
    :meth:`show_first_page`; ``list_area`` is the list's widget that paints."""

    closed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("startupWindow")
        self.setWindowTitle(_tr("MainWindow", "Reading Club"))
        self.replaced = False
        central = QWidget(self)
        form = QFormLayout()
        for label in ("&Title", "&Author", "&ISBN"):
            edit = QLineEdit(central)
            edit.setEnabled(False)
            form.addRow(_tr("BookForm", label), edit)
        register = QPushButton(_tr("BookForm", "Register"), central)
        register.setEnabled(False)
        search = QLineEdit(central)
        search.setEnabled(False)
        layout = self._layout = QVBoxLayout(central)
        self._central = central
        layout.addLayout(form)
        layout.addWidget(register, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(search)
        self.table: BookTable | None = None
        self.list_area: QWidget = self._build_placeholder(central)
        layout.addWidget(self.list_area, 1)
        self.setCentralWidget(central)
        geometry = QSettings().value(GEOMETRY_KEY, QByteArray(), type=QByteArray)
        if (
            not isinstance(geometry, QByteArray)
            or geometry.isEmpty()
            or not self.restoreGeometry(geometry)
        ):
            self.resize(*DEFAULT_SIZE)

    def _build_placeholder(self, central: QWidget) -> QLabel:
        placeholder = QLabel(_tr("MainWindow", "Opening the catalogue…"), central)
        placeholder.setObjectName("startupPlaceholder")
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setAutoFillBackground(True)
        placeholder.setBackgroundRole(QPalette.ColorRole.Base)
        return placeholder

    def show_first_page(self, read: FirstPageReader) -> bool:
        """Show the catalogue's first page in the saved order instead of "Opening the
        catalogue…", with the count of all books; whether it could (``read`` answered a page
        with books)."""
        from gui.shell_list import first_page_table  # after the first paint

        shown = first_page_table(self._central, read)
        if shown is None:
            return False
        self.table, total = shown
        self._layout.replaceWidget(self.list_area, self.table)
        self.list_area.deleteLater()
        self.list_area = self.table.viewport()
        count = QCoreApplication.translate("MainWindow", "%Ln book(s)", "", total)
        self.statusBar().showMessage(count)  # where the real window shows it
        return True

    @property
    def shows_rows(self) -> bool:
        """Whether the list shows the catalogue's first page (not "Opening the catalogue…")."""
        return self.table is not None

    def hand_over(self, window: QMainWindow) -> None:
        """Put ``window`` where the shell is, show it, and close the shell (no flash: both
        happen before the event loop paints again)."""
        window.setGeometry(self.geometry())
        if self.isMaximized():
            window.showMaximized()
        else:
            window.show()
        self.replaced = True
        self.close()
        self.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closed before the real window replaced it: remember the geometry, as the real
        window does, and say so (start-up stops)."""
        super().closeEvent(event)
        if not self.replaced:
            settings = QSettings()
            settings.setValue(GEOMETRY_KEY, self.saveGeometry())
            settings.sync()
            self.closed.emit()
