"""The tag list to filter by: a dock (``tagDock``) listing every tag with its number of books
(``tagList``); choosing one puts ``tag:NAME`` in the search box, "All books" takes it out.

It owns no search of its own: the search box's text stays the one filter, so the list, the
status bar and an export all see the same query (``core.domain.ordering`` parses it).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QLineEdit, QListWidget, QListWidgetItem, QWidget

from gui.bridge import BookImported, CatalogueBridge

REFRESH_DELAY_MS = 300
"""Tag changes arriving together (an import) refresh the list once."""
_TAG_WORD = re.compile(r'(?<!\S)tag:(?:"[^"]*"?|\S*)\s*')
_ALL = Qt.ItemDataRole.UserRole


def with_tag(search: str, tag: str | None) -> str:
    """``search`` filtering by ``tag`` instead of any tag it named (none: all books)."""
    words = _TAG_WORD.sub("", search).strip()
    if tag is None:
        return words
    token = f'tag:"{tag}"' if " " in tag else f"tag:{tag}"
    return f"{token} {words}".strip()


class TagFilterDock(QDockWidget):
    """Every tag in use; activating one filters the list by it through ``search_edit``."""

    def __init__(self, bridge: CatalogueBridge, search_edit: QLineEdit, parent: QWidget) -> None:
        super().__init__(self.tr("Tags"), parent)
        self.setObjectName("tagDock")
        self._bridge = bridge
        self._search_edit = search_edit
        self.tag_list = QListWidget(self)
        self.tag_list.setObjectName("tagList")
        self.tag_list.setAccessibleName(self.tr("Tags to filter by"))
        self.tag_list.itemActivated.connect(self._choose)
        self.tag_list.itemClicked.connect(self._choose)
        self.setWidget(self.tag_list)
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        for signal in (bridge.book_tags_changed, bridge.book_deleted):
            signal.connect(lambda _event: self._timer.start())
        bridge.book_registered.connect(self._on_registered)
        bridge.resync_requested.connect(self._timer.start)
        self.visibilityChanged.connect(lambda visible: visible and self._timer.start())

    def _on_registered(self, event: object) -> None:
        """An imported book brings its tags (a registration from the form has none)."""
        if isinstance(event, BookImported) and event.tags:
            self._timer.start()

    def refresh(self) -> None:
        """Read the tags in use again."""
        self._bridge.spawn(self._load())

    async def _load(self) -> None:
        tags = await self._bridge.tags_in_use()
        locale = QLocale()
        self.tag_list.clear()
        everything = QListWidgetItem(self.tr("All books"), self.tag_list)
        everything.setData(_ALL, None)
        for tag, count in tags:
            item = QListWidgetItem(f"{tag} ({locale.toString(count)})", self.tag_list)
            item.setData(_ALL, tag)

    def _choose(self, item: QListWidgetItem) -> None:
        tag = item.data(_ALL)
        self._search_edit.setText(with_tag(self._search_edit.text(), tag))
