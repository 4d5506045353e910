"""Schema migrations: Alembic, configured in code, run on the application's connection.

Opening an up-to-date catalogue does not import Alembic (a third of a second, at every start
of the window): the stored revision is read with one plain query and compared with
:data:`HEAD`, the newest revision shipped (a test checks it against Alembic's own head).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection

if TYPE_CHECKING:
    from alembic.config import Config

SCRIPT_LOCATION = Path(__file__).parent / "migrations"
"""The migration scripts shipped inside the package (no ``alembic.ini`` is needed)."""
HEAD = "0009"
"""The newest revision this version of the application ships."""


class SchemaTooNewError(Exception):
    """The database was migrated by a newer version of the application."""

    def __init__(self, revision: str) -> None:
        self.revision = revision
        super().__init__(
            f"the database schema is at revision {revision!r}, which this version of "
            "Reading Club does not know: it was made by a newer version"
        )


class ForeignSchemaError(Exception):
    """The database has tables but no revision: another program's data, not a catalogue."""

    def __init__(self, tables: list[str]) -> None:
        self.tables = tables
        shown = ", ".join(sorted(tables)[:3]) + (", ..." if len(tables) > 3 else "")
        super().__init__(
            f"it is not a Reading Club catalogue (it holds another program's tables: {shown});"
            " it was left unchanged"
        )


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for the packaged scripts, bound to ``connection``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    config.attributes["connection"] = connection
    return config


def known_revisions() -> set[str]:
    """Every revision id this version of the application ships."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    return {script.revision for script in scripts.walk_revisions()}


def head_revision() -> str:
    """The newest revision, as Alembic finds it among the scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at, ``None`` for an empty database (one plain query)."""
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    row = connection.execute(sa.text("SELECT version_num FROM alembic_version")).first()
    return None if row is None else str(row[0])


def check_known(revision: str | None) -> None:
    """Raise :class:`SchemaTooNewError` if ``revision`` is not one of ours."""
    if revision in (None, HEAD):
        return
    if revision not in known_revisions():
        raise SchemaTooNewError(revision)


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Bring the database to ``revision`` inside the connection's transaction; nothing to do
    (and no Alembic) when it is at the head already.

    Raises :class:`SchemaTooNewError`, changing nothing, if the database is at a revision this
    application does not know, :class:`ForeignSchemaError` if it has tables but no revision
    (only an empty database or a catalogue is migrated).
    """
    current = current_revision(connection)
    if revision == "head" and current == HEAD:
        return
    check_known(current)
    if current is None and (tables := sa.inspect(connection).get_table_names()):
        raise ForeignSchemaError(tables)
    from alembic import command

    command.upgrade(alembic_config(connection), revision)
