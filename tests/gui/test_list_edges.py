"""The book list's rough edges (issue 14, Why 5, 7, 8, 10, 12): selection after a change,
unsaved edits, searching, copying, the context menu, empty lists and accessible names."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from gui.book_model import PAGE_SIZE
from gui.list_actions import Unsaved
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


def open_in_form(qtbot: QtBot, window: MainWindow, row: int) -> None:
    """Double-click a row (a press first, as a real double-click)."""
    rect = window.table.visualRect(window.model.index(row, 0))
    qtbot.mousePress(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_selection_stays_on_the_edited_book_after_saving(qtbot: QtBot, main_window):
    """Renaming the first book so that it sorts last keeps it selected, at its new row."""
    register_through_the_bus(qtbot, main_window, BOOKS)
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 4)
    select_row(qtbot, main_window, 0)  # Clean Architecture
    qtbot.keyClick(main_window.table, Qt.Key.Key_Return)
    main_window.form.title_edit.clear()
    qtbot.keyClicks(main_window.form.title_edit, "Zen of Architecture")
    qtbot.keyClick(main_window.form.title_edit, Qt.Key.Key_Return)
    settle(qtbot, main_window)

    qtbot.waitUntil(lambda: main_window.table.currentIndex().row() == 3)
    assert main_window.table.currentIndex().data() == "Zen of Architecture"
    assert main_window.table.selected_rows() == [3]


def test_a_book_registered_into_a_big_list_is_scrolled_to_and_selected(qtbot: QtBot, main_window):
    """1,000 books: one registered at the far end is found in SQL, scrolled to, selected."""
    books = [(f"Book {n:04}", "Someone", isbn13(n)) for n in range(1000)]
    register_through_the_bus(qtbot, main_window, books)
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 1000, timeout=10000)
    settle(qtbot, main_window)

    type_and_press_enter(qtbot, main_window, "Book 0987½", "Someone Else", isbn13(5000))

    qtbot.waitUntil(lambda: main_window.table.currentIndex().data() == "Book 0987½", timeout=10000)
    row = main_window.table.currentIndex().row()
    assert row == 988
    assert (
        main_window.table.viewport()
        .rect()
        .intersects(main_window.table.visualRect(main_window.model.index(row, 0)))
    )


def test_a_resync_keeps_the_selected_row_and_its_page(qtbot: QtBot, main_window):
    """Events maybe missed (the feed's burst after a big transaction): the list reads its rows
    again in place; the selected book stays selected, shown, and its page loaded."""
    books = [(f"Book {n:04}", "Someone", isbn13(n)) for n in range(1000)]
    register_through_the_bus(qtbot, main_window, books)
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 1000, timeout=10000)
    type_and_press_enter(qtbot, main_window, "Book 0987½", "Someone Else", isbn13(5000))
    qtbot.waitUntil(lambda: main_window.table.currentIndex().data() == "Book 0987½", timeout=10000)

    main_window.bridge.resync_requested.emit()
    settle(qtbot, main_window)

    assert main_window.table.currentIndex().row() == 988
    assert main_window.table.currentIndex().data() == "Book 0987½"
    assert main_window.model.rowCount() == 1001


def test_opening_another_book_during_an_edit_asks_before_discarding(qtbot: QtBot, main_window):
    """Cancel keeps the edit; Save saves it then opens the other book; Discard just opens it."""
    answers: list[Unsaved] = []
    main_window.actions_._choose = lambda _parent, _question: answers.pop(0)
    register_through_the_bus(qtbot, main_window, BOOKS[:2])
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 2)
    form = main_window.form
    open_in_form(qtbot, main_window, 0)
    qtbot.keyClicks(form.title_edit, "Domain-Driven Design")

    answers.append(Unsaved.cancel)
    open_in_form(qtbot, main_window, 1)
    assert form.title_edit.text() == "Domain-Driven Design"

    answers.append(Unsaved.save)
    open_in_form(qtbot, main_window, 1)
    settle(qtbot, main_window)
    qtbot.waitUntil(lambda: form.title_edit.text() == "Refactoring")
    assert column_texts(main_window, 0) == ["Domain-Driven Design", "Refactoring"]

    qtbot.keyClicks(form.title_edit, " (2nd ed.)")
    answers.append(Unsaved.discard)
    open_in_form(qtbot, main_window, 0)
    assert form.title_edit.text() == "Domain-Driven Design"
    assert column_texts(main_window, 0) == ["Domain-Driven Design", "Refactoring"]
    assert answers == []


def search(qtbot: QtBot, window: MainWindow, text: str, rows: int) -> None:
    """Type ``text`` in an empty search box and wait for ``rows`` rows."""
    window.search_edit.clear()
    qtbot.keyClicks(window.search_edit, text)
    qtbot.waitUntil(lambda: window.model.rowCount() == rows and not window.bridge.busy)


def test_words_in_any_order_and_isbns_in_any_form_find_the_book(qtbot: QtBot, main_window):
    """ "evans eric", the hyphenated ISBN-13 and the ISBN-10 all find Domain Driven Design."""
    register_through_the_bus(qtbot, main_window, BOOKS)
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 4)
    for text in ("evans eric", "978-0-321-12521-7", "0321125215", "ISBN 0-321-12521-5"):
        search(qtbot, main_window, text, 1)
        assert column_texts(main_window, 0) == ["Domain Driven Design"], text


def test_a_search_without_result_and_an_empty_catalogue_say_so(qtbot: QtBot, main_window):
    """The empty list tells how to add a book; a search finding nothing says so."""
    qtbot.waitUntil(lambda: "No books yet" in main_window.table.placeholder())
    register_through_the_bus(qtbot, main_window, BOOKS[:1])
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 1)
    search(qtbot, main_window, "tolkien", 0)
    qtbot.waitUntil(lambda: main_window.table.placeholder() == "No book matches “tolkien”.")
    main_window.activateWindow()
    main_window.search_edit.setFocus()
    qtbot.keyClick(main_window.search_edit, Qt.Key.Key_Escape)
    assert main_window.search_edit.text() == ""
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 1)
    assert main_window.table.placeholder() == ""


def test_ctrl_c_copies_the_selected_rows_as_tab_separated_text(qtbot: QtBot, main_window):
    """Two selected rows: two lines of the list's columns (title, author, ISBN...)."""
    register_through_the_bus(qtbot, main_window, BOOKS[:3])
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 3)
    select_row(qtbot, main_window, 0)
    main_window.table.selectionModel().select(
        main_window.model.index(2, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    main_window.table.setFocus()
    qtbot.keyClick(main_window.table, "c", Qt.KeyboardModifier.ControlModifier)

    lines = QGuiApplication.clipboard().text().splitlines()
    assert [line.split("\t")[:3] for line in lines] == [
        ["Domain Driven Design", "Eric Evans", "978-0-321-12521-7"],
        ["The Pragmatic Programmer", "Andrew Hunt", "978-0-13-595705-9"],
    ]
    columns = main_window.model.columnCount()  # registration time, tags... as the list shows
    assert all(len(line.split("\t")) == columns for line in lines)


def test_the_context_menu_offers_edit_copy_the_author_and_delete(qtbot: QtBot, main_window):
    """Right-click on a row: Edit, Copy, books by the same author, Delete."""
    register_through_the_bus(qtbot, main_window, BOOKS[:2])
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 2)
    position = main_window.table.visualRect(main_window.model.index(1, 0)).center()
    menu = main_window.actions_.context_menu(position)
    assert menu is not None
    texts = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert texts == ["&Edit book", "&Copy rows", "Books by Martin Fowler", "&Delete…"]
    menu.actions()[2].trigger()
    assert main_window.search_edit.text() == "Martin Fowler"
    menu.close()


def test_tab_leaves_the_list(qtbot: QtBot, main_window: MainWindow):
    """Tab in the list moves the focus on instead of walking the cells."""
    register_through_the_bus(qtbot, main_window, BOOKS[:2])
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 2)
    main_window.activateWindow()
    main_window.table.setFocus()
    select_row(qtbot, main_window, 0)
    qtbot.keyClick(main_window.table, Qt.Key.Key_Tab)
    assert not main_window.table.hasFocus()


def test_every_input_and_view_has_an_accessible_name(main_window: MainWindow):
    """Screen readers can name each field and list."""
    widgets: list[QWidget] = [
        *main_window.findChildren(QLineEdit),
        *main_window.findChildren(QAbstractItemView),
    ]
    unnamed = [
        w.objectName() for w in widgets if w.isVisibleTo(main_window) and not w.accessibleName()
    ]
    assert unnamed == []


def test_the_list_sorts_as_people_read(qtbot: QtBot, main_window: MainWindow):
    """Accents and case do not decide the order: "Émile" comes before "Xavier"."""
    register_through_the_bus(
        qtbot,
        main_window,
        [("Xavier", "B", isbn13(1)), ("Émile", "C", isbn13(2)), ("alpha", "A", isbn13(3))],
    )
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 3)
    assert column_texts(main_window, 0) == ["alpha", "Émile", "Xavier"]


def test_select_all_acts_on_the_loaded_rows_without_reading_every_page(
    qtbot: QtBot, main_window: MainWindow
):
    """Ctrl+A then Ctrl+C in a list of 1,000 books copies the rows that are loaded and asks
    the database for no page (at 1M rows that would be 5,000 page reads)."""
    register_through_the_bus(
        qtbot, main_window, [(f"B{n:04}", "A", isbn13(n)) for n in range(1000)]
    )
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 1000 and not main_window.bridge.busy)
    bridge = main_window.bridge
    reads: list[object] = []
    list_books = bridge.list_books

    async def counted(query: object) -> object:
        reads.append(query)
        return await list_books(query)  # type: ignore[arg-type]

    bridge.list_books = counted  # type: ignore[method-assign]
    main_window.table.setFocus()
    main_window.table.selectAll()
    assert len(main_window.table.selected_rows()) == 1000
    loaded = [row for row in range(1000) if main_window.model.loaded_book_at(row) is not None]
    main_window.actions_.copy_selected()
    lines = QGuiApplication.clipboard().text().splitlines()
    settle(qtbot, main_window)

    assert len(lines) == len(loaded)
    pages = {row // PAGE_SIZE for row in loaded}  # a refresh may read those again, no others
    assert all(query.offset // PAGE_SIZE in pages for query in reads), reads  # type: ignore[attr-defined]
