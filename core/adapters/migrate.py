"""Schema migrations: Alembic, configured in code, run on the application's connection."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

SCRIPT_LOCATION = Path(__file__).parent / "migrations"
"""The migration scripts shipped inside the package (no ``alembic.ini`` is needed)."""


class SchemaTooNewError(Exception):
    """The database was migrated by a newer version of the application."""

    def __init__(self, revision: str) -> None:
        self.revision = revision
        super().__init__(
            f"the database schema is at revision {revision!r}, which this version of "
            "Reading Club does not know: it was made by a newer version"
        )


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for the packaged scripts, bound to ``connection``."""
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    config.attributes["connection"] = connection
    return config


def known_revisions() -> set[str]:
    """Every revision id this version of the application ships."""
    scripts = ScriptDirectory.from_config(alembic_config())
    return {script.revision for script in scripts.walk_revisions()}


def head_revision() -> str:
    """The newest revision this version of the application ships."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at, ``None`` for an empty database."""
    return MigrationContext.configure(connection).get_current_revision()


def check_known(revision: str | None) -> None:
    """Raise :class:`SchemaTooNewError` if ``revision`` is not one of ours."""
    if revision is not None and revision not in known_revisions():
        raise SchemaTooNewError(revision)


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Bring the database to ``revision`` inside the connection's transaction.

    Raises :class:`SchemaTooNewError`, changing nothing, if the database is at a revision this
    application does not know.
    """
    check_known(current_revision(connection))
    command.upgrade(alembic_config(connection), revision)
