"""The book details panel (``bookDetails``): subtitle, publisher, year, pages and cover of one
book, and where they came from.

Self-contained: give it a book with :meth:`BookDetailsPanel.show_book` and it reads the details
through the bridge, then the cover from the book information source (its disk cache first),
decoding the image on a worker thread so that scrolling never waits; it follows changes of the
book's details (another command, another desktop, an undo).
"""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QWidget

from gui.bridge import DETAILS_BY_UNDO as UNDO
from gui.bridge import DETAILS_BY_YOU as YOU
from gui.bridge import (
    BookDetailsChanged,
    BookDetailsView,
    BookId,
    BookInfoUnavailable,
    CatalogueBridge,
)

log = logging.getLogger(__name__)

COVER_SIZE = "M"
"""Open Library's medium covers: about 180 pixels wide."""
COVER_WIDTH = 120


def decode_cover(data: bytes) -> QImage:
    """The image in ``data`` scaled to the panel (null if it cannot be decoded); runs on a
    worker thread (QImage, unlike QPixmap, may be made off the GUI thread)."""
    image = QImage.fromData(data)
    if image.isNull():
        return image
    return image.scaledToWidth(COVER_WIDTH, Qt.TransformationMode.SmoothTransformation)


class BookDetailsPanel(QWidget):
    """The details of the book last given to :meth:`show_book` (nothing shown for ``None``)."""

    def __init__(self, bridge: CatalogueBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookDetails")
        self._bridge = bridge
        self._book: BookId | None = None
        self._generation = 0
        self._build()
        bridge.book_details_changed.connect(self._on_changed)
        bridge.resync_requested.connect(self.reload)

    def _build(self) -> None:
        self.cover = QLabel(self)
        self.cover.setObjectName("bookCover")
        self.cover.setFixedWidth(COVER_WIDTH)
        self.cover.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.subtitle = self._value("detailSubtitle")
        self.publisher = self._value("detailPublisher")
        self.year = self._value("detailYear")
        self.pages = self._value("detailPages")
        self.source = self._value("detailSource")
        self.source.setEnabled(False)
        fields = QFormLayout()
        for text, value in (
            (self.tr("Subtitle"), self.subtitle),
            (self.tr("Publisher"), self.publisher),
            (self.tr("Year"), self.year),
            (self.tr("Pages"), self.pages),
            ("", self.source),
        ):
            fields.addRow(text, value)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.cover)
        layout.addLayout(fields, 1)

    def _value(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    @property
    def book(self) -> BookId | None:
        """The book shown."""
        return self._book

    def show_book(self, book_id: BookId | None) -> None:
        """Show the details of ``book_id`` (read now, without blocking), or nothing."""
        self._book = book_id
        self.reload()

    def reload(self) -> None:
        """Read the shown book's details again."""
        self._generation += 1
        self._show(None)
        if self._book is not None:
            self._bridge.spawn(self._load(self._book, self._generation))

    def _on_changed(self, event: BookDetailsChanged) -> None:
        if event.book_id == self._book:
            self.reload()

    async def _load(self, book_id: BookId, generation: int) -> None:
        details = await self._bridge.book_details(book_id)
        if generation != self._generation:
            return
        self._show(details)
        source = self._bridge.book_info
        if details is None or details.cover_id is None or source is None:
            return
        try:
            data = await source.cover(details.cover_id, COVER_SIZE)
        except BookInfoUnavailable as error:
            log.info("no cover for %s: %s", book_id, error)
            return
        image = await asyncio.to_thread(decode_cover, data) if data else QImage()
        if generation == self._generation and not image.isNull():
            self.cover.setPixmap(QPixmap.fromImage(image))

    def _show(self, details: BookDetailsView | None) -> None:
        self.cover.clear()
        if details is None:
            for label in (self.subtitle, self.publisher, self.year, self.pages, self.source):
                label.clear()
            return
        locale = QLocale()
        self.subtitle.setText(details.subtitle)
        self.publisher.setText(details.publisher)
        self.year.setText("" if details.year is None else str(details.year))
        self.pages.setText("" if details.pages is None else locale.toString(details.pages))
        self.source.setText(self._source_text(details.source))

    def _source_text(self, source: str) -> str:
        if source == YOU:
            return self.tr("typed by you")
        if source == UNDO:
            return self.tr("brought back by an undo")
        return self.tr("from %s") % source if source else ""
