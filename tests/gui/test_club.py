"""The club in the window: the book page with its reviews and "Review this book…", the
Rating and Reviews columns, the Members view, and two windows on one file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from core.bootstrap import open_catalogue
from core.domain.messages import ImportBook, ImportedReview
from gui.book_columns import RATING_COLUMN
from gui.book_page import BookPage
from gui.bridge import CatalogueBridge, RegisterMember, ReviewBook
from gui.main_window import MainWindow
from gui.members_view import MembersView
from tests.gui.actions import BOOKS, register_through_the_bus, settle
from tests.gui.conftest import close_window, open_window

RATING, REVIEWS = RATING_COLUMN, RATING_COLUMN + 1


def _page(window: MainWindow) -> BookPage:
    page = window.findChild(BookPage, "bookDetail")
    assert page is not None
    return page


def _cells(table: QTableWidget, column: int) -> list[str]:
    return [table.item(row, column).text() for row in range(table.rowCount())]  # type: ignore[union-attr]


def _select_first(qtbot: QtBot, window: MainWindow) -> BookPage:
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=5000)
    page = _page(window)
    window.table.setCurrentIndex(window.model.index(0, 0))
    qtbot.waitUntil(lambda: page.book is not None and not window.bridge.busy, timeout=5000)
    return page


def _review_from_the_page(
    qtbot: QtBot, window: MainWindow, nickname: str, rate: int, comment: str
) -> None:
    page = _page(window)
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=5000)
    dialog = page.dialog
    assert dialog is not None
    dialog.member_picker.setEditText("")
    qtbot.keyClicks(dialog.member_picker, nickname)
    dialog.rate_spin.setValue(rate)
    dialog.comment_edit.setPlainText(comment)
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    settle(qtbot, window)


def _members_view(window: MainWindow) -> MembersView:
    """The Members view, shown (View > Members)."""
    view = window.findChild(MembersView, "membersView")
    assert view is not None
    window.club.members_dock.toggleViewAction().trigger()
    return view


def _reviewed_by_alice(qtbot: QtBot, window: MainWindow) -> BookPage:
    """One book, reviewed 9 by Alice from its page (shown)."""
    register_through_the_bus(qtbot, window, BOOKS[:1])
    page = _select_first(qtbot, window)
    _review_from_the_page(qtbot, window, "Alice", 9, "")
    return page


def test_a_review_from_the_book_page_changes_the_rating_column(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A new nickname typed in the dialog joins the club; the review shows on the page and
    the row's Rating and Reviews change."""
    register_through_the_bus(qtbot, main_window, BOOKS[:1])
    page = _select_first(qtbot, main_window)
    assert main_window.model.index(0, RATING).data() == ""
    _review_from_the_page(qtbot, main_window, "Alice", 8, "Clear.\nDense.")
    qtbot.waitUntil(lambda: main_window.model.index(0, RATING).data() == "8.0", timeout=5000)
    assert main_window.model.index(0, REVIEWS).data() == "1"
    qtbot.waitUntil(lambda: page.review_table.rowCount() == 1, timeout=5000)
    assert _cells(page.review_table, 0) == ["Alice"]
    assert _cells(page.review_table, 1) == ["8"]
    assert "Dense." in _cells(page.review_table, 2)[0]
    _review_from_the_page(qtbot, main_window, "Bob", 5, "")
    qtbot.waitUntil(lambda: main_window.model.index(0, RATING).data() == "6.5", timeout=5000)
    assert main_window.model.index(0, REVIEWS).data() == "2"


def test_sorted_by_rating_a_reviewed_book_moves_and_stays_on_its_page(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """Sorted by Rating, best first: reviewing the last book moves it to the top; the page
    and the selection stay with it."""
    register_through_the_bus(qtbot, main_window, BOOKS[:3])
    main_window.table.sortByColumn(RATING, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: main_window.model.query.sort.name == "rating", timeout=5000)
    settle(qtbot, main_window)
    qtbot.waitUntil(lambda: main_window.model.book_at(2) is not None, timeout=5000)
    last = main_window.model.book_at(2)
    assert last is not None
    page = _page(main_window)
    main_window.table.setCurrentIndex(main_window.model.index(2, 0))
    qtbot.waitUntil(lambda: page.book is not None and page.book.id == last.id, timeout=5000)
    _review_from_the_page(qtbot, main_window, "Alice", 6, "")
    qtbot.waitUntil(lambda: main_window.model.index(0, RATING).data() == "6.0", timeout=5000)
    assert main_window.model.index(0, 0).data() == last.title
    assert page.book is not None
    assert page.book.id == last.id
    assert main_window.table.currentIndex().row() == 0


def test_a_member_who_reviewed_the_book_edits_their_review(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """Picking Alice again opens her review: the dialog says so, and OK changes it."""
    register_through_the_bus(qtbot, main_window, BOOKS[:1])
    page = _select_first(qtbot, main_window)
    _review_from_the_page(qtbot, main_window, "Alice", 8, "first")
    qtbot.waitUntil(lambda: page.review_table.rowCount() == 1, timeout=5000)
    _review_from_the_page(qtbot, main_window, "alice", 3, "second thoughts")
    qtbot.waitUntil(lambda: main_window.model.index(0, RATING).data() == "3.0", timeout=5000)
    qtbot.waitUntil(lambda: _cells(page.review_table, 2) == ["second thoughts"], timeout=5000)
    assert page.status_label.text() == ""


def test_renaming_a_member_shows_in_the_reviews(qtbot: QtBot, main_window: MainWindow) -> None:
    """Members view: rename Alice to Alicia; the book page's review says Alicia."""
    page = _reviewed_by_alice(qtbot, main_window)
    view = _members_view(main_window)
    qtbot.waitUntil(lambda: view.member_table.rowCount() == 1, timeout=5000)
    view.member_table.selectRow(0)
    qtbot.waitUntil(lambda: view.review_table.rowCount() == 1, timeout=5000)
    assert _cells(view.review_table, 0) == [BOOKS[0][0]]
    view._ask_text = lambda _parent, _title, _text: "Alicia"
    qtbot.mouseClick(view.rename_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _cells(page.review_table, 0) == ["Alicia"], timeout=5000)
    qtbot.waitUntil(lambda: _cells(view.member_table, 0) == ["Alicia"], timeout=5000)


def test_removing_a_member_keeps_their_review_as_a_former_members(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """Remove Alice (confirmed): her review stays, "Alice (former member)"."""
    page = _reviewed_by_alice(qtbot, main_window)
    view = _members_view(main_window)
    qtbot.waitUntil(lambda: view.member_table.rowCount() == 1, timeout=5000)
    view.member_table.selectRow(0)
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.member_table.rowCount() == 0, timeout=5000)
    qtbot.waitUntil(lambda: _cells(page.review_table, 0) == ["Alice (former member)"], timeout=5000)


def test_deleting_a_reviewed_book_says_how_many_reviews_go(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """The confirmation names the count; the page empties once the book is gone."""
    page = _reviewed_by_alice(qtbot, main_window)
    qtbot.waitUntil(lambda: main_window.model.index(0, REVIEWS).data() == "1", timeout=5000)
    main_window.table.setCurrentIndex(main_window.model.index(0, 0))
    asked: list[str] = []

    def confirm(_parent: QWidget, question: str) -> bool:
        asked.append(question)
        return True

    main_window.actions_._confirm = confirm
    main_window.actions_.delete_selected()
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 0, timeout=5000)
    assert asked[0].endswith("Its 1 review will be deleted too.")
    assert page.book is None


@pytest.fixture
async def two_windows(
    qtbot: QtBot, tmp_path: Path, qasync_loop: qasync.QEventLoop
) -> AsyncIterator[tuple[MainWindow, MainWindow]]:
    """Two windows, each on its own catalogue of one SQLite file (two programs)."""
    path = tmp_path / "shared.sqlite3"
    async with open_catalogue(path) as first, open_catalogue(path) as second:
        bridges = CatalogueBridge(first), CatalogueBridge(second)
        windows = [await open_window(qtbot, bridge) for bridge in bridges]
        yield windows[0], windows[1]
        for bridge, window in zip(bridges, windows, strict=True):
            await bridge.aclose()
            close_window(window)


def test_a_review_in_one_window_shows_live_in_the_other(
    qtbot: QtBot, two_windows: tuple[MainWindow, MainWindow]
) -> None:
    """Reviewed in one window: the other's Rating column and book page follow."""
    first, other = two_windows
    register_through_the_bus(qtbot, first, BOOKS[:1])
    page = _select_first(qtbot, other)
    member = RegisterMember(nickname="Alice")
    book_id = page.book.id  # type: ignore[union-attr]
    review = ReviewBook(member_id=member.id, book_id=book_id, rate=7, comment="Live")
    task = first.bridge.submit_in_turn([member, review])
    qtbot.waitUntil(task.done, timeout=5000)
    qtbot.waitUntil(lambda: other.model.index(0, RATING).data() == "7.0", timeout=5000)
    qtbot.waitUntil(lambda: _cells(page.review_table, 2) == ["Live"], timeout=5000)
    assert page.rating_label.text() == "Rated 7.0 / 10 by one member"


def test_the_history_and_undo_speak_of_members_and_reviews() -> None:
    """Each club event has its line and its Undo name."""
    from gui.bridge import BookReviewed, MemberRegistered, MemberUpdated
    from gui.describe import describe

    joined = MemberRegistered(id=RegisterMember(nickname="Alice").id, nickname="Alice")
    assert describe(joined).line == "Alice joined the club"
    renamed = MemberUpdated(id=joined.id, nickname="Alicia", old_nickname="Alice")
    assert describe(renamed).line == "Member Alice is now Alicia"
    book_id = RegisterMember(nickname="x").id
    reviewed = BookReviewed(id=book_id, member_id=joined.id, book_id=book_id, rate=8)
    assert (describe(reviewed).line, describe(reviewed).action) == (
        "Review written: 8 / 10",
        "Review a book",
    )


def test_a_book_deleted_with_its_reviews_is_one_undo_step_named_after_the_book() -> None:
    """Its reviews go along: Undo says "Delete “Dune”", not "3 changes"."""
    from gui.bridge import BookDeleted, ReviewDeleted
    from gui.describe import describe_step

    book_id = RegisterMember(nickname="x").id
    gone = [
        ReviewDeleted(id=book_id, member_id=book_id, book_id=book_id, rate=rate) for rate in (3, 9)
    ]
    deleted = BookDeleted(id=book_id, title="Dune", author="Frank Herbert", isbn="9780441013593")
    assert describe_step([*gone, deleted]) == describe_step([deleted])
    assert describe_step(gone[:1]) == "Delete a review"


def test_an_imported_review_counts_in_the_members_view(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A book imported with Alice's review (one ``BookImported``): her review count in the
    Members view goes from 0 to 1."""
    member = RegisterMember(nickname="Alice")
    with qtbot.waitSignal(main_window.bridge.member_changed, timeout=5000):
        main_window.bridge.submit(member)
    view = _members_view(main_window)
    qtbot.waitUntil(lambda: _cells(view.member_table, 2) == ["0"], timeout=5000)
    imported = ImportBook(
        title="Dune",
        author="Frank Herbert",
        isbn="9780441013593",
        source="Goodreads",
        source_id="234225",
        review=ImportedReview(member_id=member.id, rate=8),
    )
    main_window.bridge.submit(imported)
    qtbot.waitUntil(lambda: _cells(view.member_table, 2) == ["1"], timeout=5000)
