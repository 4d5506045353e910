"""The window's search box given what broke it (issue 20): a NUL (item 5) and an ISBN typed
as the list shows it or as ISBN-10 (item 6)."""

from __future__ import annotations

import logging

import pytest
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from tests.gui.actions import BOOKS, column_texts, register_through_the_bus


def search_for(qtbot: QtBot, window: MainWindow, text: str, rows: int) -> None:
    """Put ``text`` in the search box and wait until the list shows ``rows`` rows for it."""
    window.search_edit.setText(text)
    qtbot.waitUntil(
        lambda: window.model.query.search == text and window.model.rowCount() == rows,
        timeout=5000,
    )


def test_a_nul_separates_words_and_alone_finds_nothing(
    qtbot: QtBot, main_window: MainWindow, caplog: pytest.LogCaptureFixture
) -> None:
    """A NUL pasted into the search box: alone it finds nothing ("0 of 4 books", not the
    whole list); between words it separates them; no error reaches the log."""
    register_through_the_bus(qtbot, main_window, BOOKS)
    qtbot.waitUntil(lambda: main_window.statusBar().currentMessage() == "4 books")

    search_for(qtbot, main_window, "\x00", 0)
    qtbot.waitUntil(lambda: main_window.statusBar().currentMessage() == "0 of 4 books")

    search_for(qtbot, main_window, "Refactoring\x00Fowler", 1)
    assert column_texts(main_window, 0) == ["Refactoring"]
    search_for(qtbot, main_window, "Fowler\x00Evans", 0)  # words, not one text with a NUL
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_an_isbn_is_found_as_shown_and_as_isbn10(qtbot: QtBot, main_window: MainWindow) -> None:
    """The hyphenated ISBN-13 the list shows, the ISBN-10 and its bare digits each find the
    book."""
    register_through_the_bus(qtbot, main_window, BOOKS)
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 4)
    for typed in ("978-0-321-12521-7", "0-321-12521-5", "0321125215"):
        search_for(qtbot, main_window, typed, 1)
        assert column_texts(main_window, 0) == ["Domain Driven Design"], typed
        search_for(qtbot, main_window, "", 4)
