"""The book list's view (``bookTable``): rows selected whole, a sentence when it is empty, and
Tab that moves on to the next widget instead of walking the cells; and its search box
(``searchEdit``), which Escape empties."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView, QWidget

COLUMN_WIDTHS = (320, 220, 150)


class BookTable(QTableView):
    """A table of books; :meth:`set_placeholder` sets what an empty list says ("Opening the
    catalogue…", "No book matches…", how to add the first book)."""

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookTable")
        self.setAccessibleName(self.tr("Books"))
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the list, arrows move in it
        self.setAlternatingRowColors(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.verticalHeader()
        rows.setAccessibleName(self.tr("Rows"))
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        columns = self.horizontalHeader()
        columns.setAccessibleName(self.tr("Columns"))
        columns.setSectionsMovable(True)
        columns.setStretchLastSection(True)
        columns.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.setColumnWidth(column, width)
        self._placeholder = ""

    def placeholder(self) -> str:
        """What the list says while it has no rows."""
        return self._placeholder

    def set_placeholder(self, text: str) -> None:
        """Say ``text`` in the middle of the list while it has no rows."""
        if text != self._placeholder:
            self._placeholder = text
            self.viewport().update()

    def selected_rows(self) -> list[int]:
        """The selected rows, top to bottom (the current one when nothing is selected)."""
        chosen: set[int] = set()
        selection = self.selectionModel().selection()  # ranges: Ctrl+A on 1M rows is one
        for number in range(selection.count()):
            selected = selection.at(number)
            chosen.update(range(selected.top(), selected.bottom() + 1))
        rows = sorted(chosen)
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().row()]
        return rows

    def paintEvent(self, event: QPaintEvent) -> None:
        """The rows, or the placeholder sentence when there are none."""
        super().paintEvent(event)
        model = self.model()
        if self._placeholder and model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            area = self.viewport().rect().adjusted(16, 16, -16, -16)
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(area, int(flags), self._placeholder)
            painter.end()


class SearchEdit(QLineEdit):
    """The search box: words of the title, author or ISBN; Escape empties it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchEdit")
        self.setAccessibleName(self.tr("Search"))
        self.setPlaceholderText(self.tr("Search title, author or ISBN  (Ctrl+F)"))
        self.setClearButtonEnabled(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape clears the search (and shows every book again)."""
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)
