"""The book details panel and "Fill in missing details…": the selected book's details and
cover (from the local server, then from the cover cache), and a fill with progress and
cancel, on the fake book information source."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QPushButton
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from core.domain.messages import SetBookDetails
from core.service.book_info import BookInfo
from gui.fill_details import FillDetails
from gui.main_window import MainWindow
from tests.fakes.book_info import FakeBookInformation
from tests.gui.actions import BOOKS, register_through_the_bus, settle
from tests.support.isbn import isbn13

COVER_ID = 990870


def jpeg(width: int = 180, height: int = 270) -> bytes:
    """A real JPEG image, as covers.openlibrary.org serves."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("darkred"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPG")
    return bytes(buffer.data().data())


def _info(n: int) -> BookInfo:
    return BookInfo(isbn=isbn13(n), title=f"Book {n}", publishers=(f"Press {n}",), pages=n + 1)


def _has_cover(lookup_window: MainWindow) -> bool:
    return not lookup_window.details.cover.pixmap().isNull()


def _select_row(qtbot: QtBot, lookup_window: MainWindow, row: int) -> None:
    qtbot.waitUntil(lambda: lookup_window.model.rowCount() > row, timeout=5000)
    lookup_window.table.setCurrentIndex(lookup_window.model.index(row, 0))


def test_the_panel_shows_the_selected_books_details_and_cover(
    qtbot: QtBot, lookup_window: MainWindow, httpserver: HTTPServer
) -> None:
    """Publisher, year, pages, source and the cover; the cover comes from the cache next."""
    httpserver.expect_request(f"/covers/b/id/{COVER_ID}-M.jpg").respond_with_data(
        jpeg(), content_type="image/jpeg"
    )
    register_through_the_bus(qtbot, lookup_window, BOOKS[:1])
    qtbot.waitUntil(lambda: lookup_window.model.rowCount() == 1, timeout=5000)
    book = lookup_window.model.book_at(0)
    assert book is not None
    details = SetBookDetails(
        book_id=book.id, publisher="Addison-Wesley", year=2003, pages=560, cover_id=COVER_ID
    )
    lookup_window.bridge.submit(details)
    settle(qtbot, lookup_window)
    _select_row(qtbot, lookup_window, 0)
    panel = lookup_window.details
    qtbot.waitUntil(lambda: _has_cover(lookup_window), timeout=5000)
    assert panel.objectName() == "bookDetails"
    assert panel.cover.objectName() == "bookCover"
    assert (panel.publisher.text(), panel.year.text(), panel.pages.text()) == (
        "Addison-Wesley",
        "2003",
        "560",
    )
    assert panel.source.text() == "typed by you"
    requests = len(httpserver.log)
    panel.show_book(None)
    assert panel.publisher.text() == ""
    panel.show_book(book.id)
    qtbot.waitUntil(lambda: _has_cover(lookup_window), timeout=5000)
    assert len(httpserver.log) == requests


def test_the_panel_follows_a_change_of_the_shown_books_details(
    qtbot: QtBot, lookup_window: MainWindow
) -> None:
    """Details set while the book is shown appear without selecting it again."""
    register_through_the_bus(qtbot, lookup_window, BOOKS[:1])
    _select_row(qtbot, lookup_window, 0)
    book = lookup_window.model.book_at(0)
    assert book is not None
    lookup_window.bridge.submit(SetBookDetails(book_id=book.id, subtitle="A Subtitle"))
    qtbot.waitUntil(lambda: lookup_window.details.subtitle.text() == "A Subtitle", timeout=5000)


class TestFillMissingDetails:
    """Edit → Fill in missing details…, on the fake source."""

    @pytest.fixture
    def book_info_source(self) -> FakeBookInformation:
        """A source that knows the five books of the test."""
        return FakeBookInformation.knowing(*(_info(n) for n in range(5)))

    def _seed(self, qtbot: QtBot, lookup_window: MainWindow) -> None:
        books = [(f"Book {n}", f"Author {n}", isbn13(n)) for n in range(5)]
        register_through_the_bus(qtbot, lookup_window, books)
        qtbot.waitUntil(lambda: lookup_window.model.rowCount() == 5, timeout=5000)

    def test_all_books_are_filled_and_the_changes_are_in_the_history(
        self, qtbot: QtBot, lookup_window: MainWindow
    ) -> None:
        """With nothing selected: every book, one change each from Open Library."""
        self._seed(qtbot, lookup_window)
        lookup_window.table.clearSelection()
        with qtbot.waitSignal(lookup_window.fill_details.finished, timeout=10000) as finished:
            lookup_window.fill_details.action.trigger()
        report = finished.args[0]
        assert (report.filled, report.cancelled) == (5, False)
        assert lookup_window.statusBar().currentMessage() == "Details filled in for 5 of 5 books."
        assert lookup_window.fill_details.dialog is None
        read = lookup_window.bridge.spawn(lookup_window.bridge.history(0, 50))
        qtbot.waitUntil(read.done, timeout=5000)
        changes = [e for e in read.result() if e.type == "book_details_changed_v1"]
        assert [e.payload["source"] for e in changes] == ["Open Library"] * 5

    def test_only_the_selected_book_when_asked(
        self, qtbot: QtBot, lookup_window: MainWindow
    ) -> None:
        """The chooser answers "selected": one book is looked up."""
        self._seed(qtbot, lookup_window)
        second = lookup_window.model.book_at(1)
        assert second is not None
        fill = FillDetails(
            lookup_window, lookup_window.bridge, lambda: [second.id], lambda _w, _n: "selected"
        )
        with qtbot.waitSignal(fill.finished, timeout=10000) as finished:
            fill.start()
        assert finished.args[0].filled == 1

    def test_cancel_stops_and_keeps_what_was_looked_up(
        self, qtbot: QtBot, lookup_window: MainWindow, book_info_source: FakeBookInformation
    ) -> None:
        """Cancel while the third book is looked up: two books filled, the dialog gone."""
        self._seed(qtbot, lookup_window)
        lookup_window.table.clearSelection()
        book_info_source.gates[isbn13(2)] = asyncio.Event()  # opened only if the cancel fails
        dialog = None
        try:
            with qtbot.waitSignal(lookup_window.fill_details.finished, timeout=10000) as finished:
                lookup_window.fill_details.action.trigger()
                qtbot.waitUntil(book_info_source.waiting.is_set, timeout=5000)
                dialog = lookup_window.fill_details.dialog
                assert dialog is not None
                shown = (dialog.objectName(), dialog.value(), dialog.maximum())
                dialog.findChild(QPushButton).click()  # its Cancel button
        finally:
            book_info_source.gates[isbn13(2)].set()
        assert shown == ("fillDetailsProgress", 2, 5)
        report = finished.args[0]
        assert report.cancelled
        assert report.filled == 2
        assert lookup_window.statusBar().currentMessage().startswith("Cancelled: ")

    def test_a_fill_is_one_undo_step(self, qtbot: QtBot, lookup_window: MainWindow) -> None:
        """Edit → Undo after a fill takes every book's new details off again (the changes are
        commands like any other: undone through the bus, in the history)."""
        self._seed(qtbot, lookup_window)
        lookup_window.table.clearSelection()
        with qtbot.waitSignal(lookup_window.fill_details.finished, timeout=10000):
            lookup_window.fill_details.action.trigger()
        undo = lookup_window.undo
        assert undo.stack.canUndo()
        assert undo.undo_action.text() == "&Undo Change the details of 5 books"
        undo.undo()
        qtbot.waitUntil(lambda: undo.stack.canRedo() and not undo.busy, timeout=10000)
        first = lookup_window.model.book_at(0)
        assert first is not None
        read = lookup_window.bridge.spawn(lookup_window.bridge.book_details(first.id))
        qtbot.waitUntil(read.done, timeout=5000)
        assert read.result() is None  # as before the fill: no details at all
