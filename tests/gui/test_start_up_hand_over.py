"""Start-up over a catalogue with books (issue 14), in fresh processes: the shell paints the
first page before the core is imported, and the real window takes its place showing the same
rows, never an empty list in between."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from tests.gui.actions import BOOKS, register_through_the_bus, settle

PROBE = """
import json, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from core.cli import main
from gui import app

HEAVY = ("pydantic", "sqlalchemy", "sqlmodel", "gui.bridge", "gui.main_window")
seen = {}
qt = QApplication(sys.argv[:1])


def texts(model):
    return [model.index(row, 0).data() for row in range(model.rowCount())]


class ShellRows(QObject):
    def eventFilter(self, watched, event):
        table = watched.parent()
        if (event.type() == QEvent.Type.Paint and "shell" not in seen
                and table is not None and table.objectName() == "startupBookTable"):
            seen["shell"] = [texts(table.model()), [m for m in HEAVY if m in sys.modules]]
        return False


class WindowPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "window" not in seen:
            seen["window"] = texts(window.model)
            window.close()
        return False


def probed_type():
    from gui.main_window import MainWindow

    class ProbedWindow(MainWindow):
        def __init__(self, *args, **kwargs):
            global window
            super().__init__(*args, **kwargs)
            window = self
            self.probe = WindowPaint(self)
            self.table.viewport().installEventFilter(self.probe)

    return ProbedWindow

shell_rows = ShellRows()
qt.installEventFilter(shell_rows)
app.main_window_type = probed_type
status = main(["--database", sys.argv[1]])
print(json.dumps(seen))
sys.exit(status)
"""


def test_the_real_window_takes_over_showing_the_shells_rows(
    qtbot: QtBot, main_window: MainWindow, app_database_path: Path, tmp_path: Path
) -> None:
    """``reading-club`` on a catalogue with books: the shell's list paints the titles before
    pydantic, SQLAlchemy, SQLModel, the bridge or the real window are imported; the real
    window's first paint already shows the same titles (it is shown once its list has read
    them)."""
    titles = _books(qtbot, main_window)
    seen = _run_python(PROBE, app_database_path, tmp_path)
    assert seen == {"shell": [titles, []], "window": titles}


def _books(qtbot: QtBot, window: MainWindow) -> list[str]:
    """Register ``BOOKS`` and close the window; their titles in the list's order."""
    register_through_the_bus(qtbot, window, BOOKS)
    qtbot.waitUntil(lambda: window.model.rowCount() == len(BOOKS), timeout=5000)
    settle(qtbot, window)
    titles = [window.model.index(row, 0).data() for row in range(len(BOOKS))]
    window.close()
    return [str(title) for title in titles]


def _run_python(program: str, database: Path, home: Path) -> Any:
    """Run ``program`` on ``database`` offscreen with a private profile; its last line of
    output, read as JSON."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
    }
    done = subprocess.run(
        [sys.executable, "-c", program, str(database)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


IMPORTS = """
import functools, json, sys
from PySide6.QtWidgets import QApplication
from core.adapters.first_page import read_first_page
from gui.shell import StartupShell

qt = QApplication(sys.argv[:1])
shell = StartupShell()
shown = shell.show_first_page(functools.partial(read_first_page, sys.argv[1]))
heavy = ("pydantic", "sqlalchemy", "sqlmodel", "alembic", "aiosqlite", "core.bus",
         "core.domain.isbn", "core.service", "gui.bridge", "gui.main_window")
print(json.dumps([shown, [name for name in heavy if name in sys.modules]]))
"""


def test_the_shell_reads_its_rows_without_the_heavy_imports(
    qtbot: QtBot, main_window: MainWindow, app_database_path: Path, tmp_path: Path
) -> None:
    """Showing the first page imports neither pydantic, SQLAlchemy, SQLModel, the core's
    domain and service, nor the bridge or the real window."""
    _books(qtbot, main_window)
    assert _run_python(IMPORTS, app_database_path, tmp_path) == [True, []]


CLOSED_BEHIND = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from core.cli import main
from gui import app

seen = {"window_painted": False}
qt = QApplication(sys.argv[:1])


class WindowPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            seen["window_painted"] = True
        return False


def probed_type():
    from gui.main_window import MainWindow

    class ProbedWindow(MainWindow):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.probe = WindowPaint(self)
            self.table.viewport().installEventFilter(self.probe)
            shells = [w for w in qt.topLevelWidgets() if w.objectName() == "startupWindow"]
            seen["shell_shows_rows"] = shells[0].shows_rows
            QTimer.singleShot(0, shells[0].close)  # while the catalogue opens

    return ProbedWindow

app.main_window_type = probed_type
seen["status"] = main(["--database", sys.argv[1]])
print(json.dumps(seen))
"""


def test_closing_the_shell_while_the_catalogue_opens_ends_start_up(
    qtbot: QtBot, main_window: MainWindow, app_database_path: Path, tmp_path: Path
) -> None:
    """The user closes the shell showing rows before the real window took over: start-up
    ends normally (exit 0) and the real window is never shown."""
    _books(qtbot, main_window)
    seen = _run_python(CLOSED_BEHIND, app_database_path, tmp_path)
    assert seen == {"window_painted": False, "shell_shows_rows": True, "status": 0}
