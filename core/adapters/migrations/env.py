"""Alembic environment: runs on the connection the application passes in.

``config.attributes["connection"]`` is a synchronous SQLAlchemy connection (from
``AsyncConnection.run_sync``); there is no ``alembic.ini`` and no URL here.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection


def run_migrations(connection: Connection) -> None:
    """Apply the requested revisions in the connection's transaction."""
    context.configure(
        connection=connection,
        target_metadata=None,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations(context.config.attributes["connection"])
