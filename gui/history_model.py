"""The history's rows: the message store read page by page as the view scrolls (the whole
store, newest first, never all at once), told in words or shown raw."""

from __future__ import annotations

import json
from typing import Any, Protocol
from uuid import UUID

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from gui.bridge import CatalogueBridge, HistoryEntry, HistoryFilter, Message
from gui.describe import describe
from gui.i18n import datetime_text

PAGE_SIZE = 200
type Index = QModelIndex | QPersistentModelIndex


class Origin(Protocol):
    """Who made a change and on which desktop (a ``HistoryEntry``'s ``origin``)."""

    @property
    def user(self) -> str:
        """The operating-system user ("" when unknown)."""

    @property
    def host(self) -> str:
        """The desktop's host name ("" when unknown)."""


def local_time(entry: HistoryEntry) -> str:
    """When ``entry`` was stored, in local time as the user's locale writes it."""
    return datetime_text(entry.created_at, seconds=True)


def origin_text(origin: Origin | None) -> str:
    """Who made a change and on which desktop ("alice on club-laptop"), what is known of it
    (nothing for a change stored before that was kept)."""
    if origin is None:
        return ""
    if not (origin.user and origin.host):
        return origin.user or origin.host
    text = QCoreApplication.translate("HistoryModel", "{user} on {host}")
    return text.format(user=origin.user, host=origin.host)


class HistoryModel(QAbstractTableModel):
    """Stored messages, newest first, of those ``keep`` keeps; more are read when the view
    reaches the end (``canFetchMore``/``fetchMore``). ``raw`` shows every command and event
    with its type and JSON; otherwise one line per event, in words (``gui.describe``). The
    last column says who made it, on which desktop."""

    loaded = Signal()
    """A page arrived (or the first page of a new filter)."""

    def __init__(self, bridge: CatalogueBridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._entries: list[HistoryEntry] = []
        self._messages: dict[int, Message[Any] | None] = {}
        self._raw = False
        self._text = ""
        self._about: UUID | None = None
        self._generation = 0
        self._loading = False
        self._exhausted = True

    # -- Qt model interface -------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        """How many messages are loaded."""
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Time, what happened and who; raw: time, type, payload and who."""
        return 0 if parent.isValid() else (4 if self._raw else 3)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        """Column names."""
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        middle = (self.tr("Type"), self.tr("Payload")) if self._raw else (self.tr("What happened"),)
        return (self.tr("Time"), *middle, self.tr("Who"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The local time, then the line (or the type and JSON payload, raw), then who."""
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        entry = self._entries[index.row()]
        if index.column() == 0:
            return local_time(entry)
        if index.column() == self.columnCount() - 1:
            return origin_text(entry.origin)
        if not self._raw:
            return self.line(index.row())
        if index.column() == 1:
            return entry.type
        return json.dumps(entry.payload, ensure_ascii=False, default=str)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        """Whether older messages remain to be read (not once the window is closing)."""
        return (
            not parent.isValid()
            and not self._exhausted
            and not self._loading
            and not self._bridge.closed
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """Read the next page of older messages."""
        if self.canFetchMore(parent):
            self._fetch(self._generation, len(self._entries))

    # -- public API -----------------------------------------------------------------------
    def message(self, row: int) -> Message[Any] | None:
        """The message of ``row`` (``None`` if its type is no longer known)."""
        if row not in self._messages:
            try:
                self._messages[row] = self._entries[row].message()
            except (LookupError, ValueError):
                self._messages[row] = None
        return self._messages[row]

    def line(self, row: int) -> str:
        """``row`` in words."""
        message = self.message(row)
        return describe(message).line if message is not None else self._entries[row].type

    def who(self, row: int) -> str:
        """Who made ``row``'s change and on which desktop ("" when unknown)."""
        return origin_text(self._entries[row].origin)

    def lines(self) -> list[str]:
        """Every loaded row in words, newest first."""
        return [self.line(row) for row in range(len(self._entries))]

    def message_types(self) -> list[str]:
        """The type strings shown, newest first."""
        return [entry.type for entry in self._entries]

    @property
    def raw(self) -> bool:
        """Whether commands and events are shown as stored."""
        return self._raw

    def set_filter(
        self, *, raw: bool | None = None, text: str | None = None, about: UUID | bool | None = False
    ) -> None:
        """Change what is shown (``about=None`` shows every book) and read it again."""
        self._raw = self._raw if raw is None else raw
        self._text = self._text if text is None else text
        if about is not False:
            self._about = about if isinstance(about, UUID) else None
        self.reload()

    def reload(self) -> None:
        """Read the newest page again (what was read further is read again on scrolling)."""
        self._generation += 1
        self._fetch(self._generation, 0)

    # -- loading --------------------------------------------------------------------------
    def _fetch(self, generation: int, offset: int) -> None:
        self._loading = True
        keep = HistoryFilter(events_only=not self._raw, about=self._about, text=self._text)
        self._bridge.spawn(self._load(generation, offset, keep))

    async def _load(self, generation: int, offset: int, keep: HistoryFilter) -> None:
        try:
            entries = await self._bridge.history(offset, PAGE_SIZE, keep)
        finally:
            if generation == self._generation:
                self._loading = False
        if generation != self._generation:
            return
        if offset == 0:
            self.beginResetModel()
            self._entries, self._messages = entries, {}
            self.endResetModel()
        elif entries:
            first = len(self._entries)
            self.beginInsertRows(QModelIndex(), first, first + len(entries) - 1)
            self._entries.extend(entries)
            self.endInsertRows()
        self._exhausted = len(entries) < PAGE_SIZE
        self.loaded.emit()
