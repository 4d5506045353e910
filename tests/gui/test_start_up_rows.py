"""The start-up shell's first page (issue 14): the real window's first rows, read before the
database stack is imported, read-only, and "Opening the catalogue…" whenever in doubt."""

from __future__ import annotations

import functools
import hashlib
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from core.adapters.first_page import KNOWN_REVISIONS, read_first_page
from core.adapters.migrate import head_revision
from core.domain.club_messages import RegisterMember, ReviewBook
from core.domain.loan_messages import AddCopy, LendBook
from core.domain.messages import SetBookTags
from gui.book_pages import PAGE_SIZE
from gui.main_window import MainWindow
from gui.shell import StartupShell
from tests.gui.actions import BOOKS, register_through_the_bus, settle

MORE_BOOKS = [
    ("émile", "Jean-Jacques Rousseau", ""),
    ("Zazie dans le métro", "Raymond Queneau", "978-2-07-036103-8"),
    ("amok", "Stefan Zweig", ""),
]


def _run(qtbot: QtBot, window: MainWindow, command: Any) -> None:
    task = window.bridge.spawn(window.bridge.catalogue.execute(command))
    qtbot.waitUntil(task.done, timeout=10000)
    assert task.result().is_ok()


def _fill(qtbot: QtBot, window: MainWindow) -> None:
    """Books with and without ISBNs, accents, tags, a review, copies and a late loan."""
    books = register_through_the_bus(qtbot, window, [*BOOKS, *MORE_BOOKS])
    qtbot.waitUntil(lambda: window.model.rowCount() == len(books), timeout=5000)
    first, second = (window.model.book_at(row) for row in (0, 1))
    assert first is not None
    assert second is not None
    alice = RegisterMember(nickname="Alice")
    _run(qtbot, window, alice)
    _run(qtbot, window, SetBookTags(book_id=first.id, tags=["software", "Design", "écoles"]))
    _run(qtbot, window, ReviewBook(member_id=alice.id, book_id=first.id, rate=7))
    for _ in range(2):
        _run(qtbot, window, AddCopy(book_id=second.id))
    late = date.today() - timedelta(days=3)
    lent_on = late - timedelta(days=21)
    _run(
        qtbot, window, LendBook(book_id=first.id, member_id=alice.id, lent_on=lent_on, due_on=late)
    )
    settle(qtbot, window)


def _texts(model: Any, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> list[list[Any]]:
    rows = min(model.rowCount(), PAGE_SIZE)
    return [
        [model.index(row, column).data(role) for column in range(model.columnCount())]
        for row in range(rows)
    ]


def _reader(database: Path | str) -> Any:
    return functools.partial(read_first_page, str(database))


def _shell(qtbot: QtBot) -> StartupShell:
    shell = StartupShell()
    qtbot.addWidget(shell)
    return shell


@pytest.mark.parametrize(
    ("column", "order"),
    [
        (0, Qt.SortOrder.AscendingOrder),  # the default order
        (1, Qt.SortOrder.DescendingOrder),
        (2, Qt.SortOrder.AscendingOrder),
        (3, Qt.SortOrder.DescendingOrder),
        (5, Qt.SortOrder.DescendingOrder),
        (6, Qt.SortOrder.AscendingOrder),
        (7, Qt.SortOrder.DescendingOrder),
    ],
)
def test_the_shell_shows_the_real_windows_first_page_in_the_saved_order(
    qtbot: QtBot,
    main_window: MainWindow,
    app_database_path: Path,
    column: int,
    order: Qt.SortOrder,
) -> None:
    """The shell's rows (texts, alignment, overdue colour) and sort indicator are the real
    window's, in the order the real window saved, with the count of all books."""
    _fill(qtbot, main_window)
    with qtbot.waitSignal(main_window.model.refreshed, timeout=5000):
        main_window.table.sortByColumn(column, order)
    settle(qtbot, main_window)
    expected = _texts(main_window.model)
    colours = _texts(main_window.model, Qt.ItemDataRole.ForegroundRole)
    alignments = _texts(main_window.model, Qt.ItemDataRole.TextAlignmentRole)
    headers = main_window.table.horizontalHeader()
    main_window.close()  # saves the order, as at the end of the last session
    shell = _shell(qtbot)
    assert shell.show_first_page(_reader(app_database_path))
    assert shell.shows_rows
    assert shell.table is not None
    shown = shell.table.model()
    assert _texts(shown) == expected
    assert _texts(shown, Qt.ItemDataRole.ForegroundRole) == colours
    assert _texts(shown, Qt.ItemDataRole.TextAlignmentRole) == alignments
    assert shell.table.horizontalHeader().sortIndicatorSection() == headers.sortIndicatorSection()
    assert shell.table.horizontalHeader().sortIndicatorOrder() == order
    assert shell.statusBar().currentMessage() == f"{len(BOOKS) + len(MORE_BOOKS)} books"
    assert shell.list_area is shell.table.viewport()


def test_the_shells_rows_are_not_selectable_and_its_header_not_clickable(
    qtbot: QtBot, main_window: MainWindow, app_database_path: Path
) -> None:
    """The shell's list is read-only: the real window takes over at the top of its rows."""
    _fill(qtbot, main_window)
    main_window.close()
    shell = _shell(qtbot)
    assert shell.show_first_page(_reader(app_database_path))
    assert shell.table is not None
    assert shell.table.selectionMode() == shell.table.SelectionMode.NoSelection
    assert not shell.table.horizontalHeader().sectionsClickable()


def _placeholder_kept(qtbot: QtBot, database: Path | str) -> None:
    shell = _shell(qtbot)
    assert not shell.show_first_page(_reader(database))
    assert not shell.shows_rows
    placeholder = shell.findChild(QLabel, "startupPlaceholder")
    assert placeholder is not None
    assert placeholder.text() == "Opening the catalogue…"


def test_an_empty_catalogue_keeps_the_placeholder(
    qtbot: QtBot, main_window: MainWindow, app_database_path: Path
) -> None:
    """No book: the real window says how to add one; the shell keeps "Opening the
    catalogue…" rather than an empty list."""
    main_window.close()
    _placeholder_kept(qtbot, app_database_path)


def test_a_missing_file_keeps_the_placeholder_and_is_not_created(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A catalogue not made yet: nothing is read, and no file appears."""
    missing = tmp_path / "new" / "library.sqlite3"
    _placeholder_kept(qtbot, missing)
    assert not missing.exists()
    assert not missing.parent.exists()


def test_a_file_that_is_not_sqlite_keeps_the_placeholder(qtbot: QtBot, tmp_path: Path) -> None:
    """A text file given as the catalogue is neither read nor changed."""
    text = tmp_path / "notes.sqlite3"
    text.write_text("title,author\nEmma,Jane Austen\n")
    _placeholder_kept(qtbot, text)
    assert text.read_text() == "title,author\nEmma,Jane Austen\n"


def test_a_postgresql_url_keeps_the_placeholder(qtbot: QtBot) -> None:
    """A shared catalogue is read by the real window only."""
    _placeholder_kept(qtbot, "postgresql://club@localhost:1/club")


@pytest.mark.parametrize("revision", ["9999", "0008"], ids=["newer", "older"])
def test_another_schema_revision_keeps_the_placeholder(
    qtbot: QtBot, main_window: MainWindow, app_database_path: Path, tmp_path: Path, revision: str
) -> None:
    """A catalogue migrated by a newer version (its columns may mean something else), or one
    the real window will migrate first, is not read."""
    _fill(qtbot, main_window)
    main_window.close()
    other = tmp_path / "other.sqlite3"
    _copy(app_database_path, other, f"UPDATE alembic_version SET version_num = '{revision}'")
    _placeholder_kept(qtbot, other)


def test_a_locked_catalogue_keeps_the_placeholder(
    qtbot: QtBot, main_window: MainWindow, app_database_path: Path, tmp_path: Path
) -> None:
    """A catalogue another program holds an exclusive lock on is not waited for."""
    _fill(qtbot, main_window)
    main_window.close()
    locked = _copy(app_database_path, tmp_path / "locked.sqlite3")
    holder = sqlite3.connect(locked, isolation_level=None)
    try:
        holder.execute("PRAGMA journal_mode = DELETE")
        holder.execute("BEGIN EXCLUSIVE")
        _placeholder_kept(qtbot, locked)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def _copy(source: Path, target: Path, change: str | None = None) -> Path:
    """A copy of the catalogue at ``source`` (WAL mode, as the application keeps it), with
    ``change`` made to it."""
    reading, writing = sqlite3.connect(source), sqlite3.connect(target)
    try:
        reading.backup(writing)
        if change is not None:
            writing.execute(change)
            writing.commit()
    finally:
        reading.close()
        writing.close()
    return target


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_reading_the_first_page_never_changes_the_file(
    qtbot: QtBot, main_window: MainWindow, app_database_path: Path, tmp_path: Path
) -> None:
    """The file's bytes are the same before and after the shell read it (a copy no other
    connection holds open)."""
    _fill(qtbot, main_window)
    main_window.close()
    quiet = _copy(app_database_path, tmp_path / "quiet.sqlite3")
    before = _digest(quiet)
    shell = _shell(qtbot)
    assert shell.show_first_page(_reader(quiet))
    assert _digest(quiet) == before


def test_the_first_page_query_knows_the_newest_schema() -> None:
    """A new migration: check ``core/adapters/first_page.py``'s query against it, then add
    its revision to ``KNOWN_REVISIONS`` (until then the shell says "Opening the catalogue…")."""
    assert head_revision() in KNOWN_REVISIONS
