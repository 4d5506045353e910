"""Tags in the window: the Tags column follows tag changes, and the tag list filters by them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from core.domain.messages import ImportBook, ImportedReview, RegisterMember, SetBookTags
from gui.book_model import TAGS_COLUMN
from gui.main_window import MainWindow
from gui.tag_filter import with_tag
from tests.gui.actions import BOOKS, column_texts, register_through_the_bus, settle


def _tag(qtbot: QtBot, window: MainWindow, row: int, tags: list[str]) -> None:
    book = window.model.book_at(row)
    assert book is not None
    with qtbot.waitSignal(window.bridge.book_tags_changed, timeout=5000):
        window.bridge.submit(SetBookTags(book_id=book.id, tags=tags))
    settle(qtbot, window)


def test_the_tags_column_shows_a_books_tags_as_they_change(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """Setting tags updates the row's Tags cell, sorted as read."""
    register_through_the_bus(qtbot, main_window, BOOKS[:2])
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 2)
    _tag(qtbot, main_window, 0, ["software", "Design"])
    assert column_texts(main_window, TAGS_COLUMN) == ["Design, software", ""]
    assert main_window.model.headerData(TAGS_COLUMN, Qt.Orientation.Horizontal) == "Tags"


def test_choosing_a_tag_in_the_list_filters_the_books(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """The tag list counts the books per tag; choosing one searches ``tag:NAME``; "All books"
    shows them all again."""
    register_through_the_bus(qtbot, main_window, BOOKS[:3])
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 3)
    _tag(qtbot, main_window, 0, ["classic"])
    _tag(qtbot, main_window, 1, ["classic", "refactoring"])
    dock = main_window.tag_filter
    dock.show()
    dock.refresh()
    qtbot.waitUntil(lambda: dock.tag_list.count() == 3)
    texts = [dock.tag_list.item(n).text() for n in range(dock.tag_list.count())]
    assert texts == ["All books", "classic (2)", "refactoring (1)"]

    dock.tag_list.itemClicked.emit(dock.tag_list.item(2))
    assert main_window.search_edit.text() == "tag:refactoring"
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 1)
    assert column_texts(main_window, 0) == ["Refactoring"]

    dock.tag_list.itemClicked.emit(dock.tag_list.item(0))
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 3)


def test_a_chosen_tag_replaces_the_one_searched_and_keeps_the_words() -> None:
    """Only the ``tag:`` part of the search changes."""
    assert with_tag("tag:a dune", "b") == "tag:b dune"
    assert with_tag('tag:"two words" dune', None) == "dune"
    assert with_tag("dune", "science fiction") == 'tag:"science fiction" dune'


def test_an_imported_book_shows_its_tags_and_rating_and_joins_the_tag_list(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """One ``BookImported`` (from this desktop's import or another's): the new row has its
    tags and the member's rating at once, and the tag list counts its tags."""
    dock = main_window.tag_filter
    dock.show()
    qtbot.waitUntil(lambda: dock.tag_list.count() == 1)  # "All books": read, nothing tagged
    member = RegisterMember(nickname="alice")
    with qtbot.waitSignal(main_window.bridge.member_changed, timeout=5000):
        main_window.bridge.submit(member)
    imported = ImportBook(
        title="Dune",
        author="Frank Herbert",
        isbn="9780441013593",
        tags=["sf", "classic"],
        source="Goodreads",
        source_id="234225",
        review=ImportedReview(member_id=member.id, rate=8),
    )
    with qtbot.waitSignal(main_window.bridge.book_registered, timeout=5000):
        main_window.bridge.submit(imported)
    settle(qtbot, main_window)
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 1)
    book = main_window.model.book_at(0)
    assert book is not None
    assert (book.tags, book.rating, book.reviews) == (("classic", "sf"), 8.0, 1)
    assert column_texts(main_window, TAGS_COLUMN) == ["classic, sf"]
    qtbot.waitUntil(lambda: dock.tag_list.count() == 3)
    texts = [dock.tag_list.item(n).text() for n in range(dock.tag_list.count())]
    assert texts == ["All books", "classic (1)", "sf (1)"]
