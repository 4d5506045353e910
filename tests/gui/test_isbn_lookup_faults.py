"""Every fault of the look-up, seen from the form: one quiet line naming what happened, the
fields left as they were, nothing written, and the form registering as before."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from tests.adapters.openlibrary_answers import FOX_EDITION, FOX_ISBN, serve_isbn_redirect
from tests.adapters.test_openlibrary import ten_megabytes
from tests.gui.actions import settle

ISBN_PATH = f"/isbn/{FOX_ISBN}.json"


def _status(status: int, headers: dict[str, str] | None = None) -> Callable[[HTTPServer], None]:
    def serve(server: HTTPServer) -> None:
        server.expect_request(ISBN_PATH).respond_with_data("", status=status, headers=headers)

    return serve


def _malformed(server: HTTPServer) -> None:
    serve_isbn_redirect(server, FOX_ISBN, FOX_EDITION)
    server.expect_request(f"{FOX_EDITION}.json").respond_with_data(
        '{"title": "Sabriel", ', content_type="application/json"
    )


def _ten_megabytes(server: HTTPServer) -> None:
    server.expect_request(ISBN_PATH).respond_with_handler(ten_megabytes(announced=False))


def _redirect_loop(server: HTTPServer) -> None:
    serve_isbn_redirect(server, FOX_ISBN, FOX_EDITION)
    server.expect_request(f"{FOX_EDITION}.json").respond_with_data(
        "", status=302, headers={"Location": ISBN_PATH}
    )


FAULTS = {
    "429": (_status(429, {"Retry-After": "3600"}), "asks us to slow down"),
    "403": (_status(403), "refused the look-up"),
    "503": (_status(503), "has a problem of its own"),
    "malformed-json": (_malformed, "cannot be read"),
    "10-mb": (_ten_megabytes, "cannot be read"),
    "redirect-loop": (_redirect_loop, "cannot be read"),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_fault_is_one_quiet_line_and_the_form_still_registers(
    qtbot: QtBot, lookup_window: MainWindow, httpserver: HTTPServer, fault: str
) -> None:
    """The note names the fault in one line; no error, no details; typed fields register."""
    serve, expected = FAULTS[fault]
    serve(httpserver)
    form = lookup_window.form
    form.isbn_edit.setFocus()
    qtbot.keyClicks(form.isbn_edit, FOX_ISBN)
    qtbot.waitUntil(lambda: expected in form.lookup_note.text(), timeout=5000)
    assert "\n" not in form.lookup_note.text()
    assert (form.title_edit.text(), form.author_edit.text(), form.message.text()) == ("", "", "")
    qtbot.keyClicks(form.title_edit, "Typed title")
    qtbot.keyClicks(form.author_edit, "Typed author")
    with qtbot.waitSignal(lookup_window.bridge.book_registered, timeout=5000):
        qtbot.keyClick(form.isbn_edit, Qt.Key.Key_Return)
    settle(qtbot, lookup_window)
    book = lookup_window.model.book_at(0)
    assert book is not None
    read = lookup_window.bridge.spawn(lookup_window.bridge.book_details(book.id))
    qtbot.waitUntil(read.done, timeout=5000)
    assert read.result() is None
