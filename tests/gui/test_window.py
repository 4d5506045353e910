"""The window as a whole: history, remembered layout, and start-up from the command line."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from core.bootstrap import open_catalogue
from core.domain.messages import RegisterBook
from gui.bridge import CatalogueBridge
from gui.main_window import MainWindow
from tests.gui.actions import BOOKS, type_and_press_enter
from tests.gui.conftest import close_window, open_window, wait_until


def test_the_raw_history_shows_the_command_and_its_event(qtbot: QtBot, main_window: MainWindow):
    """After a registration the raw history lists the event above the command."""
    assert not main_window.history.isVisible()
    type_and_press_enter(qtbot, main_window, *BOOKS[0])

    with qtbot.waitSignal(main_window.history.model.loaded, timeout=5000):
        main_window.history.toggleViewAction().trigger()
    with qtbot.waitSignal(main_window.history.model.loaded, timeout=5000):
        main_window.history.raw_box.click()

    assert main_window.history.objectName() == "historyView"
    assert main_window.history.model.message_types() == ["book_registered_v1", "register_book_v1"]


def test_ctrl_f_and_ctrl_n_move_the_focus(qtbot: QtBot, main_window: MainWindow):
    """Ctrl+F goes to the search box and Ctrl+N back to the title field."""
    main_window.activateWindow()
    qtbot.keyClick(main_window.form.title_edit, "f", modifier=Qt.KeyboardModifier.ControlModifier)
    assert main_window.search_edit.hasFocus()
    qtbot.keyClick(main_window.search_edit, "n", modifier=Qt.KeyboardModifier.ControlModifier)
    assert main_window.form.title_edit.hasFocus()


async def test_reopening_shows_the_books_and_restores_column_widths(
    qtbot: QtBot, main_window: MainWindow, app_database_path: Path
):
    """A new window on the same file lists its books with the columns as they were left."""
    title, author, isbn = BOOKS[0]
    main_window.bridge.submit(RegisterBook(title=title, author=author, isbn=isbn))
    await wait_until(lambda: main_window.model.rowCount() == 1 and not main_window.bridge.busy)
    main_window.table.setColumnWidth(1, 333)
    close_window(main_window)

    async with open_catalogue(app_database_path) as catalogue:
        bridge = CatalogueBridge(catalogue)
        window = await open_window(qtbot, bridge)
        try:
            assert window.model.rowCount() == 1
            assert window.model.index(0, 0).data() == "Domain Driven Design"
            assert window.table.columnWidth(1) == 333
        finally:
            await bridge.aclose()
            close_window(window)


def run_app(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m gui`` offscreen, as a user would start it."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "gui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


def test_a_file_that_is_not_sqlite_stops_start_up_and_stays_untouched(tmp_path: Path):
    """Start-up on a text file exits non-zero with a clear message and leaves its bytes."""
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n" * 100)
    before = hashlib.sha256(notes.read_bytes()).hexdigest()

    finished = run_app("--database", str(notes))

    assert finished.returncode == 2
    assert "reading-club:" in finished.stderr
    assert "SQLite" in finished.stderr
    assert hashlib.sha256(notes.read_bytes()).hexdigest() == before
