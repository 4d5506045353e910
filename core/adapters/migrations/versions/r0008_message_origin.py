"""Who issued each stored message and from which desktop.

Revision ID: 0008
Revises: 0006
Create Date: 2026-11-29

``messages.origin`` holds ``user@host`` (``core.service.origin``): the operating-system user
and the host name of the window or command line that issued the message. Messages stored
before this revision keep NULL: unknown, shown as nothing. Adding a nullable column without a
default rewrites no row on either back-end.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add the nullable ``origin`` column to ``messages``."""
    op.add_column("messages", sa.Column("origin", sa.String(), nullable=True))


def downgrade() -> None:
    """Drop it again."""
    op.drop_column("messages", "origin")
