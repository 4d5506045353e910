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
from gui import app
from gui.main_window import MainWindow

seen = {}

class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not seen:
            stack = ("sqlalchemy", "sqlmodel", "alembic")
            seen["stack_imported"] = [m for m in stack if m in sys.modules]
            seen["placeholder"] = window.table.placeholder()
        return False

class ProbedWindow(MainWindow):
    def __init__(self, *args, **kwargs):
        global window
        super().__init__(*args, **kwargs)
        window = self
        self.probe = Probe(self)
        self.table.viewport().installEventFilter(self.probe)
        self.model.refreshed.connect(self.close)

app.MainWindow = ProbedWindow
status = app.open_window(sys.argv[1])
seen["opened"] = "sqlalchemy" in sys.modules
print(json.dumps(seen))
sys.exit(status)
"""


def test_the_window_paints_before_the_database_stack_is_imported(tmp_path: Path):
    """The first paint shows "Opening the catalogue…" with SQLAlchemy, SQLModel and Alembic
    not imported yet; the catalogue opens right after."""
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
    assert seen == {"stack_imported": [], "placeholder": "Opening the catalogue…", "opened": True}
