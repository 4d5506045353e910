"""Checks on a SQLite file made before any engine touches it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
_HAS_VERSION_TABLE = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"


class NotSqliteError(Exception):
    """The file exists but is not a SQLite database."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} is not a Reading Club catalogue (not a SQLite database)")


def check_sqlite_file(path: Path) -> None:
    """Raise :class:`NotSqliteError` unless ``path`` is missing, empty, or a SQLite database."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as file:
        header = file.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotSqliteError(path)


def stored_revision(path: Path) -> str | None:
    """The Alembic revision recorded in the file, read without writing anything."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        if connection.execute(_HAS_VERSION_TABLE).fetchone() is None:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])
