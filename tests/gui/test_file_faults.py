"""The window when its catalogue's file is deleted or made read-only while it is open
(issue 20, items 9 and 10): the form says so and keeps what was typed; nothing is listed that
was not saved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from tests.gui.actions import BOOKS, type_and_press_enter
from tests.reliability.test_file_faults import read_only


def test_a_deleted_catalogue_is_said_and_nothing_is_listed(
    qtbot: QtBot, main_window: MainWindow, app_database_path: Path
) -> None:
    """The catalogue's files deleted while the window is open (its folder removed, say):
    Enter in the form says the catalogue was deleted, the fields keep their text, and the
    list does not grow."""
    type_and_press_enter(qtbot, main_window, *BOOKS[0])
    assert main_window.model.rowCount() == 1
    for path in app_database_path.parent.glob(app_database_path.name + "*"):
        path.unlink()

    type_and_press_enter(qtbot, main_window, *BOOKS[1])

    message = main_window.form.message.text()
    assert message.startswith(f"Could not save: the catalogue {app_database_path} was deleted")
    assert "see the log" not in message
    assert main_window.form.title_edit.text() == BOOKS[1][0]
    assert main_window.model.rowCount() == 1


def test_a_read_only_catalogue_is_said_and_writing_resumes(
    qtbot: QtBot, main_window: MainWindow, app_database_path: Path
) -> None:
    """The file made read-only while the window is open: "the catalogue is read-only", the
    fields kept; once writable, Enter registers the book."""
    type_and_press_enter(qtbot, main_window, *BOOKS[0])
    with read_only(app_database_path):
        type_and_press_enter(qtbot, main_window, *BOOKS[1])
        assert main_window.form.message.text().startswith(
            "Could not save: the catalogue is read-only"
        )
        assert main_window.form.title_edit.text() == BOOKS[1][0]
    type_and_press_enter(qtbot, main_window, *BOOKS[1])
    assert main_window.model.rowCount() == 2


def test_coming_back_to_the_window_says_the_catalogue_was_deleted(
    qtbot: QtBot, main_window: MainWindow, app_database_path: Path
) -> None:
    """The catalogue deleted while the user was in another program: when the window comes
    back to the front the status bar says so, before anything is typed."""
    for path in app_database_path.parent.glob(app_database_path.name + "*"):
        path.unlink()
    application = QGuiApplication.instance()
    assert isinstance(application, QGuiApplication)
    application.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    assert (
        main_window.statusBar()
        .currentMessage()
        .startswith(f"The catalogue {app_database_path} was deleted or moved while open")
    )
