"""Loans in the window: Lend… from the book page and the Availability column, Return from
the Loans view, overdue loans in the warning colour, the reminders file."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import icalendar
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.book_columns import AVAILABILITY_COLUMN, short_date, warning_color
from gui.bridge import LendCopy, MemberSummary, RegisterMember
from gui.main_window import MainWindow
from tests.gui.actions import BOOKS, register_through_the_bus, settle, type_and_press_enter

DUE = date.today() + timedelta(days=14)
LATE = date.today() - timedelta(days=2)


def _run(qtbot: QtBot, window: MainWindow, command: Any) -> None:
    task = window.bridge.spawn(window.bridge.catalogue.execute(command))
    qtbot.waitUntil(task.done, timeout=10000)
    assert task.result().is_ok()


def _one_book_and_alice(qtbot: QtBot, window: MainWindow) -> None:
    register_through_the_bus(qtbot, window, BOOKS[:1])
    _run(qtbot, window, RegisterMember(nickname="Alice"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=5000)
    settle(qtbot, window)


def _availability(window: MainWindow) -> str:
    return str(window.model.index(0, AVAILABILITY_COLUMN).data())


def _lend_from_the_page(qtbot: QtBot, window: MainWindow) -> None:
    def to_alice(_parent: object, members: list[MemberSummary]) -> tuple[MemberSummary, date]:
        return members[0], DUE

    panel = window.loans.copies
    panel._ask_lend = to_alice
    window.table.setCurrentIndex(window.model.index(0, 0))
    qtbot.waitUntil(lambda: panel.lend_button.isEnabled() and bool(panel.copies), timeout=5000)
    qtbot.mouseClick(panel.lend_button, Qt.MouseButton.LeftButton)


def test_lending_from_the_book_page_changes_the_availability(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A new book is "available"; lent from its page to Alice, its row says so with the due
    date and the page lists the copy as lent."""
    _one_book_and_alice(qtbot, main_window)
    assert _availability(main_window) == "available"
    _lend_from_the_page(qtbot, main_window)
    expected = f"lent to Alice, due {short_date(DUE)}"
    qtbot.waitUntil(lambda: _availability(main_window) == expected, timeout=5000)
    table = main_window.loans.copies.table
    qtbot.waitUntil(lambda: "Alice" in (table.item(0, 1) or table).text(), timeout=5000)  # type: ignore[union-attr]


def test_a_return_from_the_loans_view_makes_the_book_available(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """View → Loans lists Alice's loan; Return frees the copy and empties the view."""
    _one_book_and_alice(qtbot, main_window)
    _lend_from_the_page(qtbot, main_window)
    qtbot.waitUntil(lambda: _availability(main_window).startswith("lent"), timeout=5000)
    view = main_window.loans.loans_view
    main_window.loans.loans_dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=5000)
    assert view.table.item(0, 3).text() == "Alice"  # type: ignore[union-attr]
    view.table.selectRow(0)
    qtbot.mouseClick(view.return_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _availability(main_window) == "available", timeout=5000)
    qtbot.waitUntil(lambda: view.table.rowCount() == 0, timeout=5000)


def test_an_overdue_loan_is_shown_in_the_warning_colour(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A loan past its due date: the Availability cell and the Loans view row in warning red."""
    _one_book_and_alice(qtbot, main_window)
    lend = _late_lend(qtbot, main_window)
    _run(qtbot, main_window, lend)
    qtbot.waitUntil(lambda: _availability(main_window).startswith("lent"), timeout=5000)
    cell = main_window.model.index(0, AVAILABILITY_COLUMN)
    assert cell.data(Qt.ItemDataRole.ForegroundRole) == warning_color()
    view = main_window.loans.loans_view
    main_window.loans.loans_dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=5000)
    assert view.table.item(0, 0).foreground().color() == warning_color()  # type: ignore[union-attr]


def _late_lend(qtbot: QtBot, window: MainWindow) -> LendCopy:
    task = window.bridge.spawn(window.bridge.copies(window.model.book_at(0).id))  # type: ignore[union-attr]
    qtbot.waitUntil(task.done, timeout=5000)
    members = window.bridge.spawn(window.bridge.members())
    qtbot.waitUntil(members.done, timeout=5000)
    lent_on = LATE - timedelta(days=21)
    member = members.result()[0]
    return LendCopy(copy_id=task.result()[0].id, member_id=member.id, lent_on=lent_on, due_on=LATE)


def test_the_reminders_file_has_the_due_dates(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path
) -> None:
    """File → Export loan reminders… writes one VTODO per open loan, DUE its due date."""
    _one_book_and_alice(qtbot, main_window)
    _lend_from_the_page(qtbot, main_window)
    qtbot.waitUntil(lambda: _availability(main_window).startswith("lent"), timeout=5000)
    target = tmp_path / "loans.ics"
    main_window.loans._ask_path = lambda _parent: target
    main_window.loans.export_action.trigger()
    qtbot.waitUntil(target.exists, timeout=5000)
    settle(qtbot, main_window)
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    assert [todo.decoded("due") for todo in calendar.walk("VTODO")] == [DUE]


def test_a_members_page_lists_their_loans(qtbot: QtBot, main_window: MainWindow) -> None:
    """View → Members, Alice selected: her loan of the book, due when lent for."""
    _one_book_and_alice(qtbot, main_window)
    _lend_from_the_page(qtbot, main_window)
    qtbot.waitUntil(lambda: _availability(main_window).startswith("lent"), timeout=5000)
    main_window.club.members_dock.toggleViewAction().trigger()
    view = main_window.club.members_view
    qtbot.waitUntil(lambda: view.member_table.rowCount() == 1, timeout=5000)
    view.member_table.selectRow(0)
    table = main_window.loans.member_loans.table
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=5000)
    assert table.item(0, 0).text() == BOOKS[0][0]  # type: ignore[union-attr]


def test_a_registered_isbn_offers_another_copy(qtbot: QtBot, main_window: MainWindow) -> None:
    """The form refuses a registered ISBN and offers "Add another copy"; clicking it gives
    the book a second copy, both available."""
    _one_book_and_alice(qtbot, main_window)
    title, author, isbn = BOOKS[0]
    type_and_press_enter(qtbot, main_window, "Another title", author, isbn)
    offer = main_window.loans.another_copy
    qtbot.waitUntil(offer.isVisible, timeout=5000)
    assert title in offer.text()
    qtbot.mouseClick(offer, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _availability(main_window) == "2 of 2 available", timeout=5000)
    assert not offer.isVisible()
