"""The book list: editing, deleting, searching, sorting and paging, all in SQL."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from core.domain.messages import UpdateBook
from gui.book_model import PAGE_SIZE
from gui.main_window import MainWindow
from tests.gui.actions import (
    BOOKS,
    column_texts,
    register_through_the_bus,
    select_row,
    settle,
    type_and_press_enter,
)
from tests.support.isbn import isbn13


def test_double_clicking_a_row_edits_the_book(qtbot: QtBot, main_window: MainWindow):
    """Double-click loads the book into the form; saving issues UpdateBook and the row follows."""
    register_through_the_bus(qtbot, main_window, BOOKS[:1])
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 1)
    rect = main_window.table.visualRect(main_window.model.index(0, 0))
    # A real double-click starts with a press; QTest's mouseDClick alone sends no press.
    qtbot.mousePress(main_window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(main_window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    form = main_window.form
    assert form.register_button.text() == "Save"
    assert form.isbn_edit.text() == "978-0-321-12521-7"

    form.title_edit.clear()
    qtbot.keyClicks(form.title_edit, "Domain-Driven Design")
    with qtbot.waitSignal(main_window.bridge.command_succeeded, timeout=5000) as outcome:
        qtbot.keyClick(form.title_edit, Qt.Key.Key_Return)
    settle(qtbot, main_window)

    assert isinstance(outcome.args[0], UpdateBook)
    assert column_texts(main_window, 0) == ["Domain-Driven Design"]
    assert form.register_button.text() == "Register"


def test_escape_cancels_editing(qtbot: QtBot, main_window: MainWindow):
    """Escape leaves edit mode with empty fields and nothing saved."""
    register_through_the_bus(qtbot, main_window, BOOKS[:1])
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 1)
    select_row(qtbot, main_window, 0)
    qtbot.keyClick(main_window.table, Qt.Key.Key_Return)
    assert main_window.form.editing is not None

    qtbot.keyClick(main_window.form.title_edit, Qt.Key.Key_Escape)

    assert main_window.form.editing is None
    assert main_window.form.title_edit.text() == ""
    assert main_window.form.register_button.text() == "Register"


def test_the_delete_key_deletes_the_selected_book_and_ctrl_z_brings_it_back(
    qtbot: QtBot, main_window: MainWindow
):
    """Delete (confirmed) removes the row through BookDeleted; Undo registers it again."""
    register_through_the_bus(qtbot, main_window, BOOKS[:2])
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 2)
    select_row(qtbot, main_window, 0)

    with qtbot.waitSignal(main_window.bridge.book_deleted, timeout=5000):
        qtbot.keyClick(main_window.table, Qt.Key.Key_Delete)
    assert column_texts(main_window, 0) == ["Refactoring"]
    assert main_window.statusBar().currentMessage().startswith("Deleted “Domain Driven Design”")

    with qtbot.waitSignal(main_window.bridge.book_registered, timeout=5000):
        main_window.undo.undo_action.trigger()
    settle(qtbot, main_window)
    assert column_texts(main_window, 0) == ["Domain Driven Design", "Refactoring"]


def test_searching_filters_the_list_and_the_status_bar_counts(qtbot: QtBot, main_window):
    """Typing in the search box filters in SQL (accents and case ignored); the status bar
    says how many of all books are shown."""
    register_through_the_bus(
        qtbot, main_window, [*BOOKS, ("Le Petit Prince", "Saint-Exupéry", "978-2-07-061275-8")]
    )
    qtbot.waitUntil(lambda: main_window.statusBar().currentMessage() == "5 books")

    qtbot.keyClicks(main_window.search_edit, "EXUPERY")
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 1)
    assert column_texts(main_window, 0) == ["Le Petit Prince"]
    assert main_window.statusBar().currentMessage() == "1 of 5 books"

    main_window.search_edit.clear()
    qtbot.waitUntil(lambda: main_window.statusBar().currentMessage() == "5 books")


def test_clicking_a_header_sorts_by_that_column(qtbot: QtBot, main_window: MainWindow):
    """A header click orders the list by that column in SQL; a second click reverses it."""
    register_through_the_bus(qtbot, main_window, BOOKS)
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 4)
    header = main_window.table.horizontalHeader()
    author_header = QPoint(header.sectionViewportPosition(1) + 10, header.height() // 2)

    with qtbot.waitSignal(main_window.model.refreshed, timeout=5000):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=author_header)
    authors = ["Andrew Hunt", "Eric Evans", "Martin Fowler", "Robert C. Martin"]
    assert column_texts(main_window, 1) == authors

    with qtbot.waitSignal(main_window.model.refreshed, timeout=5000):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=author_header)
    assert column_texts(main_window, 1) == authors[::-1]
    assert main_window.model.query.descending


def test_a_new_book_lands_in_its_sorted_place(qtbot: QtBot, main_window: MainWindow):
    """A registered book is inserted as one row at its place in the order, not reloaded."""
    register_through_the_bus(qtbot, main_window, [BOOKS[0], BOOKS[2]])
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 2)
    with qtbot.waitSignal(main_window.model.rowsInserted, timeout=5000) as inserted:
        type_and_press_enter(qtbot, main_window, *BOOKS[1])

    assert inserted.args[1:] == [1, 1]
    assert column_texts(main_window, 0) == [
        "Domain Driven Design",
        "Refactoring",
        "The Pragmatic Programmer",
    ]
    assert main_window.table.currentIndex().row() == 1


def test_the_list_fetches_pages_only_when_their_rows_are_shown(qtbot: QtBot, main_window):
    """With more books than a page, the count is known at once and later pages load on
    scrolling."""
    books = [(f"Book {n:04}", "Author", isbn13(n)) for n in range(PAGE_SIZE * 2 + 50)]
    register_through_the_bus(qtbot, main_window, books)
    with qtbot.waitSignal(main_window.model.refreshed, timeout=5000):
        main_window.model.refresh()
    assert main_window.model.rowCount() == len(books)
    assert main_window.model.book_at(PAGE_SIZE * 2 + 10) is None  # not loaded yet: requested

    main_window.table.scrollToBottom()
    qtbot.waitUntil(lambda: main_window.model.book_at(len(books) - 1) is not None)
    assert main_window.model.index(len(books) - 1, 0).data() == f"Book {len(books) - 1:04}"


def test_a_list_painted_while_its_window_closes_asks_for_no_page(
    qtbot: QtBot, main_window: MainWindow, qasync_loop: asyncio.AbstractEventLoop
):
    """The last frames of a closing window (the bridge closed first) show what is loaded and
    ask the closed bridge for nothing (it would raise inside Qt's paint event)."""
    books = [(f"Book {n:04}", "Author", isbn13(n)) for n in range(PAGE_SIZE + 10)]
    register_through_the_bus(qtbot, main_window, books)
    with qtbot.waitSignal(main_window.model.refreshed, timeout=5000):
        main_window.model.refresh()
    closing = qasync_loop.create_task(main_window.bridge.aclose())
    qtbot.waitUntil(closing.done, timeout=5000)

    assert main_window.model.book_at(len(books) - 1) is None
    main_window.model.refresh()
    main_window.table.scrollToBottom()
    main_window.table.viewport().grab()
    assert main_window.model.rowCount() == len(books)
    assert main_window.model.book_at(0) is not None
