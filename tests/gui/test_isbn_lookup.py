"""The form's ISBN look-up, against a local server answering like Open Library (and the fake
source where a look-up must be held in flight): fields fill, what the user typed is kept,
and a source that cannot answer leaves the form working as before."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from core.domain.messages import RegisterBook
from core.service.book_info import AbstractBookInformation
from gui.main_window import MainWindow
from tests.adapters.openlibrary_answers import (
    FOX_ISBN,
    UNKNOWN_ISBN,
    closed_port_url,
    serve_fox,
    serve_not_found,
)
from tests.adapters.openlibrary_answers.local import FOX, LocalOpenLibrary
from tests.fakes.book_info import FakeBookInformation
from tests.gui.actions import settle

FOX_TITLE, FOX_AUTHOR = FOX.title, FOX.authors[0]


def _type_isbn(qtbot: QtBot, lookup_window: MainWindow, isbn: str) -> None:
    lookup_window.form.isbn_edit.setFocus()
    qtbot.keyClicks(lookup_window.form.isbn_edit, isbn)


def _type_while_looking_up(
    qtbot: QtBot,
    lookup_window: MainWindow,
    source: FakeBookInformation,
    fields: tuple[str, str],
) -> None:
    """The Fox ISBN typed, then, while its look-up waits at the gate, a title and author."""
    _type_isbn(qtbot, lookup_window, FOX_ISBN)
    qtbot.waitUntil(source.waiting.is_set, timeout=5000)
    lookup_window.form.title_edit.setFocus()
    qtbot.keyClicks(lookup_window.form.title_edit, fields[0])
    qtbot.keyClicks(lookup_window.form.author_edit, fields[1])


def _texts(lookup_window: MainWindow) -> tuple[str, str]:
    return lookup_window.form.title_edit.text(), lookup_window.form.author_edit.text()


def test_typing_an_isbn_fills_title_and_author(
    qtbot: QtBot, lookup_window: MainWindow, httpserver: HTTPServer
) -> None:
    """A valid ISBN typed: the empty fields fill, with "from Open Library" beside them."""
    serve_fox(httpserver)
    _type_isbn(qtbot, lookup_window, FOX_ISBN)
    qtbot.waitUntil(lambda: _texts(lookup_window) == (FOX_TITLE, FOX_AUTHOR), timeout=5000)
    assert lookup_window.form.lookup_note.text() == "Title and author from Open Library"


def test_a_pasted_isbn_10_fills_title_and_author(
    qtbot: QtBot, lookup_window: MainWindow, httpserver: HTTPServer
) -> None:
    """Ctrl+V of a hyphenated ISBN-10 looks up its ISBN-13 at once."""
    serve_fox(httpserver)
    QApplication.clipboard().setText("2-85940-637-9")
    lookup_window.form.isbn_edit.setFocus()
    qtbot.keyClick(lookup_window.form.isbn_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _texts(lookup_window) == (FOX_TITLE, FOX_AUTHOR), timeout=5000)


def test_registering_a_looked_up_book_keeps_its_details(
    qtbot: QtBot, lookup_window: MainWindow, httpserver: HTTPServer
) -> None:
    """Enter registers the book, and its publisher, year and cover come with it."""
    serve_fox(httpserver)
    _type_isbn(qtbot, lookup_window, FOX_ISBN)
    qtbot.waitUntil(lambda: _texts(lookup_window) == (FOX_TITLE, FOX_AUTHOR), timeout=5000)
    with qtbot.waitSignal(lookup_window.bridge.book_details_changed, timeout=5000) as changed:
        qtbot.keyClick(lookup_window.form.isbn_edit, Qt.Key.Key_Return)
    settle(qtbot, lookup_window)
    event = changed.args[0]
    assert (event.publisher, event.year, event.cover_id) == ("Phébus", 1999, 990870)
    assert event.source == "Open Library"
    assert lookup_window.model.rowCount() == 1


def test_a_title_typed_first_is_kept(
    qtbot: QtBot, lookup_window: MainWindow, httpserver: HTTPServer
) -> None:
    """Only the empty author is filled; the note says so."""
    serve_fox(httpserver)
    qtbot.keyClicks(lookup_window.form.title_edit, "My own title")
    _type_isbn(qtbot, lookup_window, FOX_ISBN)
    qtbot.waitUntil(lambda: lookup_window.form.author_edit.text() == FOX_AUTHOR, timeout=5000)
    assert lookup_window.form.title_edit.text() == "My own title"
    assert lookup_window.form.lookup_note.text() == "Author from Open Library"


def test_a_scanned_isbn_and_enter_look_up_without_registering(
    qtbot: QtBot, lookup_window: MainWindow, httpserver: HTTPServer
) -> None:
    """A scanner types the digits and Enter: the fields fill, nothing is registered until
    the user presses Enter again."""
    serve_fox(httpserver)
    _type_isbn(qtbot, lookup_window, FOX_ISBN)
    qtbot.keyClick(lookup_window.form.isbn_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _texts(lookup_window) == (FOX_TITLE, FOX_AUTHOR), timeout=5000)
    settle(qtbot, lookup_window)
    assert lookup_window.model.rowCount() == 0
    with qtbot.waitSignal(lookup_window.bridge.book_registered, timeout=5000):
        qtbot.keyClick(lookup_window.form.isbn_edit, Qt.Key.Key_Return)


def test_an_unknown_isbn_is_one_quiet_line(
    qtbot: QtBot, lookup_window: MainWindow, httpserver: HTTPServer
) -> None:
    """Not found: the note says so, the fields stay empty, no error is shown."""
    serve_not_found(httpserver)
    _type_isbn(qtbot, lookup_window, UNKNOWN_ISBN)
    qtbot.waitUntil(lambda: "knows no book" in lookup_window.form.lookup_note.text(), timeout=5000)
    assert _texts(lookup_window) == ("", "")
    assert lookup_window.form.message.text() == ""


def test_a_wrong_check_digit_sends_nothing(
    qtbot: QtBot, lookup_window: MainWindow, httpserver: HTTPServer
) -> None:
    """An ISBN whose check digit is wrong is never looked up."""
    _type_isbn(qtbot, lookup_window, FOX_ISBN[:-1] + "1")
    settle(qtbot, lookup_window)
    assert httpserver.log == []
    assert lookup_window.form.lookup_note.text() == ""


class TestServerDown:
    """Open Library unreachable: one line, and the form registers as before."""

    @pytest.fixture
    def book_info_source(self, local_openlibrary: LocalOpenLibrary) -> AbstractBookInformation:
        """Open Library at a port where nobody listens."""
        return local_openlibrary.make(api_url=closed_port_url(), covers_url=closed_port_url())

    def test_the_form_still_registers(self, qtbot: QtBot, lookup_window: MainWindow) -> None:
        """The note says Open Library cannot be reached; typed fields register the book."""
        _type_isbn(qtbot, lookup_window, FOX_ISBN)
        qtbot.waitUntil(
            lambda: "cannot be reached" in lookup_window.form.lookup_note.text(), timeout=5000
        )
        lookup_window.form.title_edit.setFocus()
        qtbot.keyClicks(lookup_window.form.title_edit, "Typed title")
        qtbot.keyClicks(lookup_window.form.author_edit, "Typed author")
        with qtbot.waitSignal(lookup_window.bridge.book_registered, timeout=5000) as registered:
            qtbot.keyClick(lookup_window.form.isbn_edit, Qt.Key.Key_Return)
        assert registered.args[0].title == "Typed title"


class TestLookUpInFlight:
    """With the fake source, whose answer waits for a gate."""

    @pytest.fixture
    def book_info_source(self) -> FakeBookInformation:
        """A source that knows the Fox book and answers only when its gate opens."""
        fake = FakeBookInformation.knowing(FOX)
        fake.gate = asyncio.Event()
        return fake

    def test_text_typed_while_the_look_up_runs_is_kept(
        self, qtbot: QtBot, lookup_window: MainWindow, book_info_source: FakeBookInformation
    ) -> None:
        """A title typed before the answer arrives is not overwritten; the author fills."""
        _type_isbn(qtbot, lookup_window, FOX_ISBN)
        qtbot.waitUntil(book_info_source.waiting.is_set, timeout=5000)
        assert lookup_window.form.lookup_note.text() == "Looking up on Open Library…"
        qtbot.keyClicks(lookup_window.form.title_edit, "Typed meanwhile")
        assert book_info_source.gate is not None
        book_info_source.gate.set()
        qtbot.waitUntil(lambda: lookup_window.form.author_edit.text() == FOX_AUTHOR, timeout=5000)
        assert lookup_window.form.title_edit.text() == "Typed meanwhile"

    def test_the_window_is_not_blocked_while_the_look_up_runs(
        self, qtbot: QtBot, lookup_window: MainWindow, book_info_source: FakeBookInformation
    ) -> None:
        """A book registers while a look-up waits for its answer."""
        _type_while_looking_up(qtbot, lookup_window, book_info_source, ("Quick", "Typist"))
        with qtbot.waitSignal(lookup_window.bridge.book_registered, timeout=5000):
            qtbot.keyClick(lookup_window.form.author_edit, Qt.Key.Key_Return)
        assert book_info_source.gate is not None
        book_info_source.gate.set()
        settle(qtbot, lookup_window)

    @staticmethod
    def _refused_while_looking_up(
        qtbot: QtBot, lookup_window: MainWindow, source: FakeBookInformation
    ) -> None:
        """Its ISBN held by another book, "Typed" by "Myself" is registered with Enter while
        the look-up of that ISBN waits at the gate: refused, the fields keep their text."""
        holder = RegisterBook(title="Held", author="Holder", isbn=FOX_ISBN)
        with qtbot.waitSignal(lookup_window.bridge.book_registered, timeout=5000):
            lookup_window.bridge.submit(holder)
        _type_while_looking_up(qtbot, lookup_window, source, ("Typed", "Myself"))
        with qtbot.waitSignal(lookup_window.bridge.command_failed, timeout=5000):
            qtbot.keyClick(lookup_window.form.isbn_edit, Qt.Key.Key_Return)

    def test_a_registration_stops_a_look_up_that_could_fill_nothing(
        self, qtbot: QtBot, lookup_window: MainWindow, book_info_source: FakeBookInformation
    ) -> None:
        """Title and author typed and Enter while the look-up waits: it stops at once (its
        "Looking up…" note goes) and its answer never comes; here the ISBN is taken, so the
        form keeps what was typed."""
        self._refused_while_looking_up(qtbot, lookup_window, book_info_source)
        assert lookup_window.form.lookup_note.text() == ""
        assert book_info_source.gate is not None
        book_info_source.gate.set()
        settle(qtbot, lookup_window)
        assert lookup_window.form.lookup_note.text() == ""
        assert _texts(lookup_window) == ("Typed", "Myself")

    def test_enter_after_a_stopped_look_up_with_a_field_emptied_looks_up_again(
        self, qtbot: QtBot, lookup_window: MainWindow, book_info_source: FakeBookInformation
    ) -> None:
        """After a refused registration stopped the look-up, the author emptied and Enter in
        the ISBN field: the look-up runs again and fills the author; nothing is registered."""
        self._refused_while_looking_up(qtbot, lookup_window, book_info_source)
        assert book_info_source.gate is not None
        book_info_source.gate.set()
        lookup_window.form.author_edit.clear()
        qtbot.keyClick(lookup_window.form.isbn_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: _texts(lookup_window) == ("Typed", FOX_AUTHOR), timeout=5000)
        settle(qtbot, lookup_window)
        assert lookup_window.model.rowCount() == 1
        assert book_info_source.calls == [("by_isbn", FOX.isbn)] * 2
