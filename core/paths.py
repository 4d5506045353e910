"""Where the catalogue lives by default: a module of its own, importing only platformdirs.

The command line needs the default for its ``--database`` option before it knows whether a
subcommand or the window will run; ``core.bootstrap`` (which imports SQLAlchemy and the
adapters, about a second) re-exports it.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs


def default_database_path() -> Path:
    """Where the catalogue lives unless told otherwise (the platform's user data dir)."""
    return platformdirs.user_data_path("reading-club") / "library.sqlite3"
