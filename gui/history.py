"""The history panel: every stored command and event, newest first."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QHeaderView, QTableView, QWidget

from gui.bridge import CatalogueBridge, HistoryEntry
from gui.i18n import QT_TRANSLATE_NOOP, datetime_text

HISTORY_LIMIT = 500
_HEADERS = (
    QT_TRANSLATE_NOOP("HistoryModel", "Time"),
    QT_TRANSLATE_NOOP("HistoryModel", "Type"),
    QT_TRANSLATE_NOOP("HistoryModel", "Payload"),
)
type Index = QModelIndex | QPersistentModelIndex


class HistoryModel(QAbstractTableModel):
    """The newest stored messages (at most 500), read through the bridge when asked."""

    loaded = Signal()

    def __init__(self, bridge: CatalogueBridge) -> None:
        super().__init__()
        self._bridge = bridge
        self._messages: list[HistoryEntry] = []
        self._generation = 0

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        """How many messages are shown."""
        return 0 if parent.isValid() else len(self._messages)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Time, type and payload."""
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        """Column names."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("HistoryModel", _HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The time (local), type string or JSON payload of a message."""
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        message = self._messages[index.row()]
        if index.column() == 0:
            return datetime_text(message.created_at, seconds=True)
        if index.column() == 1:
            return message.type
        return json.dumps(message.payload, ensure_ascii=False, default=str)

    def message_types(self) -> list[str]:
        """The type strings shown, newest first."""
        return [message.type for message in self._messages]

    def reload(self) -> None:
        """Read the newest messages again."""
        self._generation += 1
        self._bridge.spawn(self._load(self._generation))

    async def _load(self, generation: int) -> None:
        messages = await self._bridge.history(0, HISTORY_LIMIT)
        if generation != self._generation:
            return
        self.beginResetModel()
        self._messages = messages
        self.endResetModel()
        self.loaded.emit()


class HistoryDock(QDockWidget):
    """A dock (``historyView``, hidden at first) over a table of the message store."""

    def __init__(self, bridge: CatalogueBridge, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("History"), parent)
        self.setObjectName("historyView")
        self.model = HistoryModel(bridge)
        self.table = self._build_table()
        self.setWidget(self.table)
        self.hide()
        self.visibilityChanged.connect(self._on_visibility)
        bridge.message_stored.connect(self._on_stored)

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("historyTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    def _on_visibility(self, visible: bool) -> None:
        if visible:
            self.model.reload()

    def _on_stored(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Read the history again if it is shown (it is read when it is shown anyway)."""
        if self.isVisible():
            self.model.reload()
