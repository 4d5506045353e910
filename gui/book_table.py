"""The book list's view (``bookTable``): rows selected whole, a sentence when it is empty, and
Tab that moves on to the next widget instead of walking the cells."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

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
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        columns = self.horizontalHeader()
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
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
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
