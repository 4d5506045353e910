"""What a user does in the window, and seeding the catalogue through the bus."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from core.domain.messages import RegisterBook
from gui.main_window import MainWindow

BOOKS = [
    ("Domain Driven Design", "Eric Evans", "0-321-12521-5"),
    ("Refactoring", "Martin Fowler", "978-0-13-475759-9"),
    ("The Pragmatic Programmer", "Andrew Hunt", "978-0-13-595705-9"),
    ("Clean Architecture", "Robert C. Martin", "978-0-13-449416-6"),
]


def fill_form(qtbot: QtBot, window: MainWindow, title: str, author: str, isbn: str) -> None:
    """Type the three fields, replacing what they held."""
    form = window.form
    for edit, text in (
        (form.title_edit, title),
        (form.author_edit, author),
        (form.isbn_edit, isbn),
    ):
        edit.clear()
        qtbot.keyClicks(edit, text)


def type_and_press_enter(
    qtbot: QtBot, window: MainWindow, title: str, author: str, isbn: str
) -> None:
    """Fill the form and press Enter in the ISBN field, waiting until everything settled."""
    fill_form(qtbot, window, title, author, isbn)
    qtbot.keyClick(window.form.isbn_edit, Qt.Key.Key_Return)
    settle(qtbot, window)


def settle(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until no command or read of the window is running."""
    qtbot.waitUntil(lambda: not window.bridge.busy, timeout=5000)


def register_through_the_bus(
    qtbot: QtBot, window: MainWindow, books: Iterable[tuple[str, str, str]]
) -> list[Any]:
    """Register books with one ``execute_many`` (as another client would) and wait."""
    commands = [RegisterBook(title=t, author=a, isbn=i) for t, a, i in books]
    task = window.bridge.spawn(window.bridge.catalogue.execute_many(commands))
    qtbot.waitUntil(task.done, timeout=10000)
    return task.result()


def column_texts(window: MainWindow, column: int) -> list[str]:
    """The loaded texts of a column, top to bottom."""
    model = window.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def select_row(qtbot: QtBot, window: MainWindow, row: int) -> None:
    """Click a row of the list."""
    rect = window.table.visualRect(window.model.index(row, 0))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
