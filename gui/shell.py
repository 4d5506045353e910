"""The window's first paint: a light stand-in shown before the database stack is imported.

Start-up (issue 14) paints this shell after importing only PySide6: the title, the saved
geometry, the register form's fields (disabled) and an empty list saying "Opening the
catalogue…"; right after that first paint, the catalogue's first page in the saved order
when it can be read without the database stack (``core.adapters.first_page``: the standard
``sqlite3`` module, read-only; otherwise the list keeps saying it). ``gui.app`` then imports
``gui.main_window`` (and with it the core), builds the real window over the same geometry
and puts it in the shell's place. This module must import nothing but PySide6 and light
modules of ``gui`` (``gui.book_cells``, ``gui.book_table``, ``gui.i18n``); its strings use
the real window's translation contexts, so they are translated by the same ``.qm`` entries.
Its list is read-only and takes no input (the real window takes over at the top of the same
rows).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.book_cells import (
    AVAILABILITY_COLUMN,
    COLUMN_SORTS,
    COLUMN_TITLES,
    ListedBook,
    cell_alignment,
    cell_text,
    overdue,
    warning_color,
)
from gui.book_table import BookTable

GEOMETRY_KEY = "mainWindow/geometry"
"""The same key ``gui.main_window`` saves its geometry under."""
HEADER_KEY = "bookTable/header"
"""The same key ``gui.main_window`` saves the list's columns and order under."""
DEFAULT_SIZE = (900, 640)

type Index = QModelIndex | QPersistentModelIndex


class FirstPage(Protocol):
    """The list's first page (``core.adapters.first_page.FirstPage``): its books, ISBNs
    hyphenated already, and the count of all books (``None``: unknown)."""

    @property
    def books(self) -> Sequence[ListedBook]: ...
    @property
    def total(self) -> int | None: ...


type FirstPageReader = Callable[[str, bool], FirstPage | None]
"""Reads the first page for (``BookSort`` value, descending), or ``None`` if it cannot."""


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _tr_count(context: str, text: str, count: int) -> str:
    return QCoreApplication.translate(context, text, "", count)


class FirstPageRows(QAbstractTableModel):
    """The shell's rows: the first page's books, shown as the real list shows them."""

    def __init__(self, books: Sequence[ListedBook], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.books = list(books)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        """The page's books (none under a valid parent: a flat table)."""
        return 0 if parent.isValid() else len(self.books)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """The real list's columns."""
        return 0 if parent.isValid() else len(COLUMN_TITLES)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        """The real list's column names."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr("BookTableModel", COLUMN_TITLES[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The cell's text, alignment and colour, as ``gui.book_model`` gives them."""
        book = self.books[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return cell_alignment(index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            late = index.column() == AVAILABILITY_COLUMN and overdue(book)
            return warning_color() if late else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell_text(book, index.column(), str)  # the ISBN is hyphenated already
        return None


def _first_page_table(parent: QWidget, read: FirstPageReader) -> tuple[BookTable, int] | None:
    """The list over its first page in the saved order, and the count of all books; ``None``
    when the page cannot be read or is empty (the real window says what an empty list
    means)."""
    table = BookTable(FirstPageRows([]), parent)
    table.setObjectName("startupBookTable")
    header = table.horizontalHeader()
    state = QSettings().value(HEADER_KEY, QByteArray(), type=QByteArray)
    if isinstance(state, QByteArray) and not state.isEmpty():
        header.restoreState(state)
    section = header.sortIndicatorSection()
    sort = COLUMN_SORTS[section] if 0 <= section < len(COLUMN_SORTS) else None
    descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    page = None if sort is None else read(sort, descending)
    if page is None or not page.books:
        table.deleteLater()
        return None
    rows = FirstPageRows(page.books, table)
    table.setModel(rows)
    header.setSortIndicatorShown(True)
    header.setSectionsClickable(False)
    header.setSectionsMovable(False)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return table, len(page.books) if page.total is None else page.total


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
        self.statusBar()  # the real window's: the count shows there
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
        shown = _first_page_table(self._central, read)
        if shown is None:
            return False
        self.table, total = shown
        self._layout.replaceWidget(self.list_area, self.table)
        self.list_area.deleteLater()
        self.list_area = self.table.viewport()
        self.statusBar().showMessage(_tr_count("MainWindow", "%Ln book(s)", total))
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
