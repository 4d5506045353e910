"""Start-up paints the window before the database stack is imported (issue 14, item 13)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget
from gui import app

HEAVY = (
    "sqlalchemy", "sqlmodel", "alembic", "pydantic", "core", "gui.bridge", "gui.main_window",
    "asyncio", "qasync",
)
seen = {}
qt = QApplication(sys.argv[:1])

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "stack_imported" not in seen:
            seen["stack_imported"] = [m for m in HEAVY if m in sys.modules]
            seen["placeholder"] = watched.window().findChild(QWidget, "startupPlaceholder").text()
        return False

class WindowPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "window" not in seen:
            stack = ("sqlalchemy", "sqlmodel", "alembic")
            seen["window"] = [[m for m in stack if m in sys.modules], window.table.placeholder()]
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
            self.model.refreshed.connect(self.close)

    return ProbedWindow

first = FirstPaint()
qt.installEventFilter(first)
app.main_window_type = probed_type
status = app.open_window(sys.argv[1])
seen["opened"] = "sqlalchemy" in sys.modules
print(json.dumps(seen))
sys.exit(status)
"""


def test_the_window_paints_before_the_database_stack_is_imported(tmp_path: Path):
    """The first paint (the start-up shell) shows "Opening the catalogue…" with neither the
    core, pydantic, the database stack, the real window's modules nor asyncio and qasync
    (a fifth of a bare Qt start) imported; the real
    window then paints its placeholder before SQLAlchemy, SQLModel and Alembic are imported;
    the catalogue opens right after."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "library.sqlite3")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {
        "stack_imported": [],
        "placeholder": "Opening the catalogue…",
        "window": [[], "Opening the catalogue…"],
        "opened": True,
    }
