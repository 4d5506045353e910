"""The history says who made each change and on which desktop ("alice on club-laptop"),
whether it came from another program on the same file or from the command line; the text
filter finds it; a change stored before that was kept shows nothing there."""

from __future__ import annotations

import asyncio
import getpass
import socket
import subprocess
import sys
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from core.bootstrap import open_catalogue
from core.domain.messages import RegisterBook
from core.domain.result import Ok
from core.service.origin import Origin
from gui.history_model import origin_text
from gui.i18n import install_translations
from gui.main_window import MainWindow
from tests.gui.conftest import next_emission, wait_for_signal, wait_until

DUNE = RegisterBook(title="Dune", author="Frank Herbert", isbn="9780441013593")


async def _show_history(window: MainWindow) -> None:
    loaded = next_emission(window.history.model.loaded)
    window.history.toggleViewAction().trigger()
    await wait_for_signal(loaded)


async def _register_as_alice(path: Path) -> None:
    """Dune registered by alice on club-laptop, in another catalogue on the same file."""
    async with open_catalogue(path, origin=Origin("alice", "club-laptop")) as elsewhere:
        assert await elsewhere.execute(DUNE) == Ok(...)


async def test_a_book_registered_by_another_catalogue_says_who_and_which_desktop(
    qtbot: QtBot, main_window: MainWindow, app_database_path: Path
) -> None:
    """Registered by alice on club-laptop in another program: this window's history line
    says so, in its own column."""
    await _register_as_alice(app_database_path)
    await wait_until(lambda: main_window.model.rowCount() == 1)
    await _show_history(main_window)
    model = main_window.history.model
    assert model.lines() == ["Registered “Dune” by Frank Herbert"]
    assert model.who(0) == "alice on club-laptop"
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Who"
    assert model.index(0, 2).data() == "alice on club-laptop"


async def test_the_history_filter_finds_who_and_which_desktop(
    qtbot: QtBot, main_window: MainWindow, app_database_path: Path
) -> None:
    """Typing the host name keeps alice's change, not the one made in this window."""
    await _register_as_alice(app_database_path)
    emma = RegisterBook(title="Emma", author="Jane Austen", isbn="9780141439587")
    assert await main_window.bridge.catalogue.execute(emma) == Ok(...)
    await _show_history(main_window)
    history = main_window.history
    await wait_until(lambda: len(history.model.lines()) == 2)
    filtered = next_emission(history.model.loaded)
    history.filter_edit.setText("club-laptop")
    await wait_for_signal(filtered)
    assert history.model.lines() == ["Registered “Dune” by Frank Herbert"]


async def test_a_command_line_imports_lines_say_this_user_and_host(
    qtbot: QtBot, main_window: MainWindow, app_database_path: Path, tmp_path: Path
) -> None:
    """``reading-club import`` on the window's file: its lines name this user and host."""
    books = tmp_path / "books.csv"
    books.write_text("title,author,isbn\nDune,Frank Herbert,9780441013593\n", encoding="utf-8")
    command = [sys.executable, "-m", "core.cli", "import", str(books)]
    command += ["--database", str(app_database_path)]
    run = partial(subprocess.run, command, capture_output=True, timeout=120, check=False)
    finished = await asyncio.to_thread(run)  # the window goes on meanwhile
    assert finished.returncode == 0, finished.stderr
    await _show_history(main_window)
    model = main_window.history.model
    await wait_until(lambda: model.lines() == ["Registered “Dune” by Frank Herbert"])
    assert model.who(0) == f"{getpass.getuser()} on {socket.gethostname()}"


def test_who_is_told_with_what_is_known(qapp: object) -> None:
    """User and host, one of them alone, or nothing for a change stored before it was kept."""
    assert origin_text(Origin("alice", "club-laptop")) == "alice on club-laptop"
    assert origin_text(Origin("", "kiosk")) == "kiosk"
    assert origin_text(Origin("carol", "")) == "carol"
    assert origin_text(None) == ""


def test_who_is_told_in_the_users_language(qapp: QApplication) -> None:
    """In French: "alice sur club-laptop"."""
    install_translations(qapp, "fr")
    try:
        assert origin_text(Origin("alice", "club-laptop")) == "alice sur club-laptop"
    finally:
        install_translations(qapp, "en")
