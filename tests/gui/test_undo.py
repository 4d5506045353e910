"""Edit → Undo/Redo in the window: every change, many levels, in order, refused when stale."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from core.domain.messages import RegisterBook, UpdateBook
from core.service.views import BookQuery
from gui.main_window import MainWindow
from tests.gui.actions import (
    BOOKS,
    column_texts,
    register_through_the_bus,
    select_row,
    settle,
    type_and_press_enter,
)


def registration_times(qtbot: QtBot, window: MainWindow) -> dict[str, object]:
    """Title → registration time, read from the database."""
    task = window.bridge.spawn(window.bridge.list_books(BookQuery()))
    qtbot.waitUntil(task.done, timeout=5000)
    return {book.title: book.registered_at for book in task.result()}


def delete_row(qtbot: QtBot, window: MainWindow, row: int) -> None:
    """Select a row and press Delete (confirmations say yes), waiting until it is gone."""
    select_row(qtbot, window, row)
    with qtbot.waitSignal(window.bridge.book_deleted, timeout=5000):
        qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    settle(qtbot, window)


def edit_title(qtbot: QtBot, window: MainWindow, row: int, title: str) -> None:
    """Enter on a row, a new title, Enter: saved."""
    select_row(qtbot, window, row)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    window.form.title_edit.clear()
    qtbot.keyClicks(window.form.title_edit, title)
    qtbot.keyClick(window.form.title_edit, Qt.Key.Key_Return)
    settle(qtbot, window)


def undo(qtbot: QtBot, window: MainWindow) -> None:
    """Edit → Undo, waiting until it is applied."""
    window.undo.undo_action.trigger()
    qtbot.waitUntil(lambda: not window.undo.busy, timeout=5000)
    settle(qtbot, window)


def redo(qtbot: QtBot, window: MainWindow) -> None:
    """Edit → Redo, waiting until it is applied."""
    window.undo.redo_action.trigger()
    qtbot.waitUntil(lambda: not window.undo.busy, timeout=5000)
    settle(qtbot, window)


def test_two_deletes_undone_bring_both_back_with_their_registration_times(
    qtbot: QtBot, main_window: MainWindow
):
    """Delete A, delete B, undo twice: both are back, registered when they first were."""
    register_through_the_bus(qtbot, main_window, BOOKS[:3])
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 3)
    before = registration_times(qtbot, main_window)

    delete_row(qtbot, main_window, 0)
    delete_row(qtbot, main_window, 0)
    assert column_texts(main_window, 0) == ["The Pragmatic Programmer"]
    assert main_window.undo.undo_action.text() == "&Undo Delete “Refactoring”"

    undo(qtbot, main_window)
    assert main_window.undo.undo_action.text() == "&Undo Delete “Domain Driven Design”"
    assert main_window.undo.redo_action.text() == "&Redo Delete “Refactoring”"
    undo(qtbot, main_window)

    assert column_texts(main_window, 0) == [title for title, _a, _i in BOOKS[:3]]
    assert registration_times(qtbot, main_window) == before
    assert not main_window.undo.undo_action.isEnabled()


def test_delete_then_edit_are_undone_in_reverse_order(qtbot: QtBot, main_window: MainWindow):
    """Delete one book, edit another: the first undo reverts the edit, the second the delete."""
    register_through_the_bus(qtbot, main_window, BOOKS[:2])
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 2)
    delete_row(qtbot, main_window, 0)
    edit_title(qtbot, main_window, 0, "Refactoring, 2nd ed.")
    assert column_texts(main_window, 0) == ["Refactoring, 2nd ed."]

    undo(qtbot, main_window)
    assert column_texts(main_window, 0) == ["Refactoring"]
    undo(qtbot, main_window)
    assert column_texts(main_window, 0) == ["Domain Driven Design", "Refactoring"]


def test_an_edit_is_undone_and_redone(qtbot: QtBot, main_window: MainWindow):
    """Undo puts the old title back, Redo the new one; both are commands through the bus."""
    type_and_press_enter(qtbot, main_window, *BOOKS[0])
    edit_title(qtbot, main_window, 0, "DDD")
    assert main_window.undo.undo_action.text() == "&Undo Edit “DDD”"

    undo(qtbot, main_window)
    assert column_texts(main_window, 0) == ["Domain Driven Design"]
    assert main_window.statusBar().currentMessage() == "Undone: Edit “DDD”"
    redo(qtbot, main_window)
    assert column_texts(main_window, 0) == ["DDD"]
    assert main_window.statusBar().currentMessage() == "Redone: Edit “DDD”"
    undo(qtbot, main_window)
    undo(qtbot, main_window)  # the registration itself
    assert main_window.model.rowCount() == 0
    redo(qtbot, main_window)
    assert column_texts(main_window, 0) == ["Domain Driven Design"]


def test_an_undo_of_a_book_changed_elsewhere_is_refused_and_the_stack_stays_usable(
    qtbot: QtBot, main_window: MainWindow
):
    """Another desktop edits the book after our edit: our undo is refused with a sentence,
    the step is dropped, and the earlier step can still be undone."""
    type_and_press_enter(qtbot, main_window, *BOOKS[0])
    edit_title(qtbot, main_window, 0, "DDD")
    book = main_window.model.book_at(0)
    assert book is not None
    other = UpdateBook(id=book.id, title="Blue Book", author=book.author, isbn=book.isbn)
    task = main_window.bridge.spawn(main_window.bridge.catalogue.execute(other))
    qtbot.waitUntil(task.done, timeout=5000)
    settle(qtbot, main_window)

    with qtbot.waitSignal(main_window.undo.refused, timeout=5000) as refused:
        main_window.undo.undo_action.trigger()
    settle(qtbot, main_window)

    assert refused.args[0].startswith("Cannot undo Edit “DDD”: it was changed since")
    assert main_window.statusBar().currentMessage().startswith("Cannot undo Edit “DDD”")
    assert column_texts(main_window, 0) == ["Blue Book"]
    assert main_window.undo.undo_action.text() == "&Undo Register “Domain Driven Design”"
    assert not main_window.undo.redo_action.isEnabled()


def test_a_bulk_delete_is_one_undo_step(qtbot: QtBot, main_window: MainWindow):
    """Select three rows, Delete once, Undo once: all three are back."""
    register_through_the_bus(qtbot, main_window, BOOKS)
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 4)
    select_row(qtbot, main_window, 0)
    for row in (1, 2):
        rect = main_window.table.visualRect(main_window.model.index(row, 0))
        qtbot.mouseClick(
            main_window.table.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.ControlModifier,
            rect.center(),
        )
    qtbot.keyClick(main_window.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 1, timeout=5000)
    settle(qtbot, main_window)
    assert main_window.undo.undo_action.text() == "&Undo Delete 3 books"
    assert main_window.statusBar().currentMessage().startswith("Deleted 3 books")

    undo(qtbot, main_window)
    assert main_window.model.rowCount() == 4
    assert main_window.undo.stack.count() == 1


def test_a_change_made_while_an_undo_runs_becomes_the_newest_step(
    qtbot: QtBot, main_window: MainWindow
):
    """Register B while the undo of A's edit is on its way: the undo reverts the edit (not
    B), and B is then the step Undo names."""
    type_and_press_enter(qtbot, main_window, *BOOKS[0])
    edit_title(qtbot, main_window, 0, "DDD")
    bridge = main_window.bridge
    gate = asyncio.Event()
    perform = bridge.perform

    async def gated(commands: Any) -> Any:
        await gate.wait()
        return await perform(commands)

    bridge.perform = gated  # the undo waits at the gate until B has committed
    main_window.undo.undo_action.trigger()
    assert main_window.undo.busy
    with qtbot.waitSignal(bridge.committed, timeout=5000):
        bridge.submit(RegisterBook(title=BOOKS[1][0], author=BOOKS[1][1], isbn=BOOKS[1][2]))
    gate.set()
    qtbot.waitUntil(lambda: not main_window.undo.busy, timeout=5000)
    settle(qtbot, main_window)

    assert column_texts(main_window, 0) == ["Domain Driven Design", "Refactoring"]
    assert main_window.undo.undo_action.text() == "&Undo Register “Refactoring”"
    assert not main_window.undo.redo_action.isEnabled()
