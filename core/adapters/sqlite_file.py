"""Checks on a SQLite file made before any engine touches it."""

from __future__ import annotations

import errno
import sqlite3
from contextlib import closing
from pathlib import Path

from core.service.errors import BUSY_MESSAGE

SQLITE_HEADER = b"SQLite format 3\x00"
_TABLES = (
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
)


class NotSqliteError(Exception):
    """The file exists but is not a SQLite database."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} is not a Reading Club catalogue (not a SQLite database)")


def is_busy(error: BaseException | None) -> bool:
    """Whether a ``sqlite3`` error says another connection held the database past the busy
    timeout (an error made in Python, without an error code, is not)."""
    code = getattr(error, "sqlite_errorcode", 0)
    busy = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return isinstance(error, sqlite3.OperationalError) and code & 0xFF in busy


class ForeignSqliteError(Exception):
    """The file is a SQLite database made by another program (it has tables, none of them
    Alembic's): migrating it would add our tables to someone else's data."""

    def __init__(self, path: Path, tables: list[str]) -> None:
        self.path = path
        shown = ", ".join(sorted(tables)[:3]) + (", ..." if len(tables) > 3 else "")
        super().__init__(
            f"{path} is not a Reading Club catalogue (a SQLite database of another program,"
            f" with the tables {shown}); it was left unchanged"
        )


class SqliteBusyError(OSError):
    """Another program holds a lock on the file for longer than we waited.

    An ``OSError`` (``EBUSY``): the file is a resource in use, not a damaged database.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EBUSY, BUSY_MESSAGE, str(path))


def check_sqlite_file(path: Path) -> None:
    """Raise :class:`NotSqliteError` unless ``path`` is missing, empty, or a SQLite database."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as file:
        header = file.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotSqliteError(path)


def stored_revision(path: Path) -> str | None:
    """The Alembic revision recorded in the file, read without writing anything.

    Raises :class:`SqliteBusyError` when another program keeps the file locked for longer
    than ``sqlite3``'s default timeout (5 s), ``sqlite3.DatabaseError`` for a damaged file,
    :class:`ForeignSqliteError` for a database with tables but no revision (another
    program's: only an empty database or a catalogue may be migrated).
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as connection:
            tables = [str(row[0]) for row in connection.execute(_TABLES)]
            if "alembic_version" not in tables:
                if tables:
                    raise ForeignSqliteError(path, tables)
                return None
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError as error:
        if is_busy(error):
            raise SqliteBusyError(path) from None
        raise
    return None if row is None else str(row[0])
