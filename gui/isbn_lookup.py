"""The form's ISBN look-up: once a valid ISBN is typed, pasted or scanned, empty title and
author fields are filled from the book information source, with a note saying so.

Never blocks the window (the look-up is a task on the qasync loop) and never overwrites what
the user typed, even while the look-up ran: a field is filled only if it is empty when the
answer arrives (or still holds what an earlier look-up put there). An ISBN with a wrong check
digit is never sent; offline, not found or refused is one quiet line, and the form works as
before. A scanner types the digits and Enter: that Enter starts the look-up at once instead
of registering, the user presses Enter again to register.
"""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit

from gui.bridge import BookInfo, BookInfoUnavailable, CatalogueBridge, canonical_isbn

log = logging.getLogger(__name__)

PREFIX_DELAY_MS = 400
"""Wait before looking up a valid ISBN-10 that starts like an ISBN-13 (978/979): it is more
likely the first ten digits of an ISBN-13 being typed."""


class IsbnLookup(QObject):
    """Watches ``isbn_edit`` and fills ``title_edit``/``author_edit``; ``note`` (objectName
    ``lookupNote``) says what happened. Does nothing without a book information source, or
    while :attr:`paused` (a book is being edited)."""

    def __init__(
        self,
        bridge: CatalogueBridge,
        edits: tuple[QLineEdit, QLineEdit, QLineEdit],
        note: QLabel,
    ) -> None:
        super().__init__(note)
        self._bridge = bridge
        self._title, self._author, self._isbn = edits
        self._note = note
        self.paused = False
        self._filled: dict[QLineEdit, str] = {}
        self._isbn13 = ""
        self._task: asyncio.Task[None] | None = None
        self._answered = False
        self._found: BookInfo | None = None
        self._timer = QTimer(self, singleShot=True, interval=PREFIX_DELAY_MS)
        self._timer.timeout.connect(self._start)
        self._isbn.textChanged.connect(self._on_isbn_changed)

    def found_for(self, isbn13: str) -> BookInfo | None:
        """What the look-up found for ``isbn13`` (``None`` if it was not looked up or found)."""
        found = self._found
        return found if found is not None and found.isbn == isbn13 else None

    def takes_enter(self) -> bool:
        """Enter was pressed in the ISBN field: whether it belongs to the look-up (a scan
        with title or author still empty) rather than to registering."""
        if not self._isbn13 or self._answered or self._bridge.book_info is None or self.paused:
            return False
        if self._title.text().strip() and self._author.text().strip():
            return False
        if self._task is None:  # waiting for the prefix delay, or stopped by a submit
            self._timer.stop()
            self._start()
        return True

    def stop(self) -> None:
        """The form was submitted with its title and author: a look-up not answered yet could
        only fill fields the user filled, so it stops (its note goes); Enter in the ISBN field
        with a field emptied again starts it anew."""
        self._timer.stop()
        if self._task is not None:
            self._task.cancel()
            self._task = None
            self._note.clear()

    def forget(self) -> None:
        """The form was cleared (registered, or edit cancelled): start afresh."""
        self._filled.clear()
        self._found = None
        self._note.clear()

    def _on_isbn_changed(self, text: str) -> None:
        self._timer.stop()
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._isbn13, self._answered = "", False
        if self.paused or self._bridge.book_info is None:
            return
        try:
            self._isbn13 = canonical_isbn(text)
        except ValueError:  # not an ISBN (yet), or a wrong check digit: nothing is sent
            self._note.clear()
            return
        digits = "".join(char for char in text if char.isalnum())
        if len(digits) == 10 and digits.startswith(("978", "979")):
            self._timer.start()
        else:
            self._start()

    def _start(self) -> None:
        if self._isbn13 and self._task is None:
            self._note.setText(self.tr("Looking up on %s…") % self._source_name())
            self._task = self._bridge.spawn(self._look_up(self._isbn13))

    async def _look_up(self, isbn13: str) -> None:
        source = self._bridge.book_info
        assert source is not None
        try:
            info = await source.by_isbn(isbn13)
        except BookInfoUnavailable as error:
            self._finish(isbn13, str(error))
            return
        except Exception:  # a bug must not leave "Looking up…" for ever
            log.exception("looking %s up failed", isbn13)
            self._finish(isbn13, self.tr("The look-up failed; see the log."))
            return
        if info is None:
            self._finish(isbn13, self.tr("%s knows no book with this ISBN.") % source.name)
            return
        self._finish(isbn13, self._apply(info))

    def _finish(self, isbn13: str, note: str) -> None:
        if isbn13 != self._isbn13:
            return
        self._task, self._answered = None, True
        self._note.setText(note)

    def _apply(self, info: BookInfo) -> str:
        """Fill the free fields; the note naming what was filled."""
        self._found = info
        title = bool(info.title) and self._fill(self._title, info.title)
        author = bool(info.authors) and self._fill(self._author, ", ".join(info.authors))
        if title and author:
            return self.tr("Title and author from %s") % info.source
        if title or author:
            return (self.tr("Title from %s") if title else self.tr("Author from %s")) % info.source
        return ""

    def _fill(self, edit: QLineEdit, value: str) -> bool:
        text = edit.text()
        if text.strip() and text != self._filled.get(edit):
            return False  # the user's
        edit.setText(value)
        self._filled[edit] = value
        return True

    def _source_name(self) -> str:
        source = self._bridge.book_info
        return source.name if source is not None else ""
