"""The register form: typing a book and pressing Enter, and the errors it can show."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from tests.gui.actions import BOOKS, column_texts, fill_form, settle, type_and_press_enter


def test_typing_a_book_and_pressing_enter_registers_it(qtbot: QtBot, main_window: MainWindow):
    """Enter in the form registers the book; its row arrives through the event, selected."""
    fill_form(qtbot, main_window, "Domain Driven Design", "Eric Evans", "0-321-12521-5")
    with qtbot.waitSignal(main_window.bridge.book_registered, timeout=5000) as event:
        qtbot.keyClick(main_window.form.isbn_edit, Qt.Key.Key_Return)
    settle(qtbot, main_window)

    assert event.args[0].title == "Domain Driven Design"
    assert main_window.model.rowCount() == 1
    assert column_texts(main_window, 2) == ["978-0-321-12521-7"]
    assert main_window.table.currentIndex().row() == 0
    form = main_window.form
    assert [form.title_edit.text(), form.author_edit.text(), form.isbn_edit.text()] == ["", "", ""]
    assert form.title_edit.hasFocus()
    assert main_window.statusBar().currentMessage() == "1 book"


def test_a_known_isbn_names_the_book_that_holds_it(qtbot: QtBot, main_window: MainWindow):
    """Registering a taken ISBN says which book has it, and the fields keep their text."""
    type_and_press_enter(qtbot, main_window, *BOOKS[0])
    type_and_press_enter(qtbot, main_window, "Another title", "Someone", "978-0-321-12521-7")

    assert main_window.form.message.text() == (
        'ISBN 978-0-321-12521-7 is already registered for "Domain Driven Design" by Eric Evans'
    )
    assert main_window.form.title_edit.text() == "Another title"
    assert main_window.form.isbn_edit.text() == "978-0-321-12521-7"
    assert main_window.model.rowCount() == 1


def test_the_isbn_10_of_a_registered_isbn_13_is_a_duplicate(qtbot: QtBot, main_window):
    """ISBN-10 and ISBN-13 forms of one number are the same book."""
    type_and_press_enter(qtbot, main_window, "DDD", "Eric Evans", "9780321125217")
    type_and_press_enter(qtbot, main_window, "DDD again", "Eric Evans", "0321125215")

    assert 'is already registered for "DDD"' in main_window.form.message.text()
    assert main_window.model.rowCount() == 1


def test_a_wrong_check_digit_is_named_and_focuses_the_isbn_field(qtbot: QtBot, main_window):
    """A bad ISBN is refused before the bus, with the field named and focused."""
    type_and_press_enter(qtbot, main_window, "Domain Driven Design", "Eric Evans", "0-321-12521-6")

    assert main_window.form.message.text() == "ISBN has a wrong check digit"
    assert main_window.form.isbn_edit.hasFocus()
    assert main_window.form.isbn_edit.text() == "0-321-12521-6"
    assert main_window.model.rowCount() == 0


def test_an_empty_title_is_named_and_focuses_the_title_field(qtbot: QtBot, main_window):
    """A blank title is reported as required and the cursor goes to it."""
    type_and_press_enter(qtbot, main_window, "   ", "Eric Evans", "0-321-12521-5")

    assert main_window.form.message.text() == "Title is required"
    assert main_window.form.title_edit.hasFocus()
    assert main_window.form.author_edit.text() == "Eric Evans"


def test_pressing_enter_twice_registers_once(qtbot: QtBot, main_window: MainWindow):
    """A second Enter while the command runs is ignored: one book, no duplicate error."""
    fill_form(qtbot, main_window, *BOOKS[0])
    qtbot.keyClick(main_window.form.isbn_edit, Qt.Key.Key_Return)
    assert not main_window.form.register_button.isEnabled()
    qtbot.keyClick(main_window.form.isbn_edit, Qt.Key.Key_Return)
    settle(qtbot, main_window)

    assert main_window.model.rowCount() == 1
    assert main_window.form.message.text() == "Registered “Domain Driven Design”."
    assert main_window.form.register_button.isEnabled()
