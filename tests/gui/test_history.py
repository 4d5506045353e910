"""The history for people: lines in words, newest first, paged through the whole store,
filtered by text and by book, raw one click away, and "Restore this book"."""

from __future__ import annotations

from uuid import uuid4

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from core.domain.messages import BookDetailsChanged, BookTagsChanged
from core.service.views import BookQuery
from gui.describe import describe
from gui.history_model import PAGE_SIZE
from gui.main_window import MainWindow
from tests.gui.actions import register_through_the_bus, select_row, settle, type_and_press_enter
from tests.support.isbn import isbn13


def show_history(qtbot: QtBot, window: MainWindow) -> None:
    """View → History, waiting for its first page."""
    with qtbot.waitSignal(window.history.model.loaded, timeout=5000):
        window.history.toggleViewAction().trigger()


def test_each_change_is_one_line_in_words_newest_first(qtbot: QtBot, main_window: MainWindow):
    """Register, edit, delete: three lines saying what happened, with a local time."""
    type_and_press_enter(qtbot, main_window, "Dune", "Frank Herbert", "9780441013593")
    select_row(qtbot, main_window, 0)
    qtbot.keyClick(main_window.table, Qt.Key.Key_Return)
    qtbot.keyClicks(main_window.form.title_edit, "Dune Messiah")
    qtbot.keyClick(main_window.form.title_edit, Qt.Key.Key_Return)
    settle(qtbot, main_window)
    select_row(qtbot, main_window, 0)
    qtbot.keyClick(main_window.table, Qt.Key.Key_Delete)
    settle(qtbot, main_window)

    show_history(qtbot, main_window)

    model = main_window.history.model
    assert model.lines() == [
        "Deleted “Dune Messiah” by Frank Herbert",
        "Edited title: Dune → Dune Messiah",
        "Registered “Dune” by Frank Herbert",
    ]
    assert model.index(0, 0).data()  # the local time, as the locale writes it
    assert model.columnCount() == 3  # time, what happened, who and on which desktop


def test_the_history_pages_through_the_whole_store(qtbot: QtBot, main_window: MainWindow):
    """More than two pages of events: the view reads further as it reaches the end."""
    books = [(f"Book {n}", "Someone", isbn13(n)) for n in range(2 * PAGE_SIZE + 50)]
    register_through_the_bus(qtbot, main_window, books)
    show_history(qtbot, main_window)
    model = main_window.history.model
    assert model.rowCount() == PAGE_SIZE
    while model.canFetchMore():
        with qtbot.waitSignal(model.loaded, timeout=5000):
            main_window.history.table.scrollToBottom()
            model.fetchMore()
    assert model.rowCount() == len(books)
    assert model.lines()[-1] == "Registered “Book 0” by Someone"


def test_filter_by_text_and_by_book(qtbot: QtBot, main_window: MainWindow):
    """A word keeps the lines that mention it; "Only …" keeps the selected book's."""
    register_through_the_bus(
        qtbot,
        main_window,
        [("Dune", "Frank Herbert", "9780441013593"), ("Emma", "Jane Austen", isbn13(7))],
    )
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 2)
    show_history(qtbot, main_window)
    history = main_window.history
    with qtbot.waitSignal(history.model.loaded, timeout=5000):
        qtbot.keyClicks(history.filter_edit, "austen")
    assert history.model.lines() == ["Registered “Emma” by Jane Austen"]
    with qtbot.waitSignal(history.model.loaded, timeout=5000):
        history.filter_edit.clear()

    select_row(qtbot, main_window, 0)  # Dune
    assert history.book_only.isEnabled()
    with qtbot.waitSignal(history.model.loaded, timeout=5000):
        history.book_only.click()
    assert history.model.lines() == ["Registered “Dune” by Frank Herbert"]


def test_restore_this_book_brings_a_deleted_book_back(qtbot: QtBot, main_window: MainWindow):
    """Select the deletion, Restore: the book is back with its registration time, and the
    restore itself can be undone."""
    type_and_press_enter(qtbot, main_window, "Dune", "Frank Herbert", "9780441013593")
    before = main_window.model.book_at(0)
    select_row(qtbot, main_window, 0)
    qtbot.keyClick(main_window.table, Qt.Key.Key_Delete)
    settle(qtbot, main_window)
    show_history(qtbot, main_window)
    history = main_window.history
    assert not history.restore_button.isEnabled()
    history.table.selectRow(0)
    assert history.restore_button.isEnabled()

    with qtbot.waitSignal(history.said, timeout=5000) as said:
        history.restore_button.click()
    settle(qtbot, main_window)

    assert said.args[0].startswith("Restored “Dune”")
    task = main_window.bridge.spawn(main_window.bridge.list_books(BookQuery()))
    qtbot.waitUntil(task.done)
    assert before is not None
    assert [(b.id, b.registered_at) for b in task.result()] == [(before.id, before.registered_at)]
    assert main_window.undo.undo_action.text() == "&Undo Restore “Dune”"


def test_details_and_tags_changes_are_told_in_words(qapp: object) -> None:
    """The events other parts of the window publish have lines of their own."""
    book = uuid4()
    tags = BookTagsChanged(book_id=book, tags=["sf", "classic"], old_tags=["sf"])
    assert describe(tags).line == "Tags: sf → sf, classic"
    details = BookDetailsChanged(book_id=book, publisher="Ace", year=1965, source="you")
    assert describe(details).line == "Details changed: publisher: none → Ace; year: none → 1965"
    assert describe(details).action == "Change details"
