"""Property-based typing in the register form: every submission either registers the book
exactly as typed (trimmed) or names the field at fault; the window never crashes."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from core.domain.isbn import MAX_TEXT_LENGTH
from core.domain.messages import RegisterBook
from core.domain.ordering import BookSort
from core.service.views import AbstractCatalogueViews, BookQuery, BookSummary
from gui.main_window import MainWindow
from tests.gui.actions import settle
from tests.support.isbn import isbn13

EXAMPLES = int(os.environ.get("READING_CLUB_FORM_EXAMPLES", "1000"))
"""Cases typed through the form (the SQLite property test runs the other 9,000)."""
FIELD_NAMES = ("Title ", "Author ", "ISBN ")

typed_text = st.one_of(
    st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=30),
    st.text(max_size=20),
    st.sampled_from(["'; DROP TABLE books; --", "=1+1", "@SUM(A1)", "\u202eevil", "e\u0301"]),
    st.text(min_size=MAX_TEXT_LENGTH - 1, max_size=MAX_TEXT_LENGTH + 1),
)
typed_isbn = st.one_of(
    st.integers(0, 999_999).map(isbn13),
    st.integers(0, 999_999).map(lambda number: isbn13(number)[:-1] + "0"),
    st.text("0123456789-X ", max_size=17),
    st.text(max_size=15),
)


def _submit(qtbot: QtBot, window: MainWindow, title: str, author: str, isbn: str) -> None:
    form = window.form
    for edit, text in (
        (form.title_edit, title),
        (form.author_edit, author),
        (form.isbn_edit, isbn),
    ):
        edit.setText(text)
    qtbot.keyClick(form.isbn_edit, Qt.Key.Key_Return)
    settle(qtbot, window)


def _stored(qtbot: QtBot, window: MainWindow, isbn: str) -> tuple[str, str] | None:
    """The book registered with ``isbn``; without an ISBN (many books may have none), the book
    registered last."""
    views = window.bridge.catalogue.views
    newest = BookQuery(sort=BookSort.registered_at, descending=True, limit=1)
    task = window.bridge.spawn(views.book_by_isbn(isbn) if isbn else _first(views, newest))
    qtbot.waitUntil(task.done, timeout=5000)
    book = task.result()
    return None if book is None else (book.title, book.author)


async def _first(views: AbstractCatalogueViews, query: BookQuery) -> BookSummary | None:
    page = await views.list_books(query)
    return page[0] if page else None


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(title=typed_text, author=typed_text, isbn=typed_isbn)
def test_whatever_is_typed_is_registered_exactly_or_its_field_is_named(
    qtbot: QtBot, main_window: MainWindow, title: str, author: str, isbn: str
) -> None:
    """Enter either registers the fields' text (trimmed) exactly, says the ISBN is taken,
    or shows a sentence starting with the faulty field's name and stores nothing."""
    form = main_window.form
    count_before = main_window.model.rowCount()
    _submit(qtbot, main_window, title, author, isbn)
    typed = (form.title_edit.text(), form.author_edit.text(), form.isbn_edit.text())
    message = form.message.text()
    if message.startswith("Registered"):
        command = RegisterBook(title=title, author=author, isbn=isbn)
        assert _stored(qtbot, main_window, command.isbn) == (title.strip(), author.strip())
        assert typed == ("", "", "")
        return
    assert message.startswith(FIELD_NAMES), message
    if "already registered" not in message:
        try:
            RegisterBook(title=typed[0], author=typed[1], isbn=typed[2])
        except ValidationError:
            pass
        else:
            raise AssertionError(f"a valid book was refused: {message}")
    assert main_window.model.rowCount() == count_before
