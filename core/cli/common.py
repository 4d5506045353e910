"""What every subcommand shares: exit codes, the ``--database`` option, usage errors."""

from __future__ import annotations

import argparse
import os
from importlib import metadata

EXIT_OK, EXIT_SKIPPED, EXIT_UNUSABLE = 0, 1, 2
"""0 everything done; 1 some rows skipped or failed, or not found; 2 unusable (the file, the
database or the service cannot be used)."""
DATABASE_ENV = "READING_CLUB_DATABASE"
PROGRAM = "reading-club"


def program_version() -> str:
    """The installed ``reading-club`` distribution's version (``unknown`` without one)."""
    try:
        return metadata.version("reading-club")
    except metadata.PackageNotFoundError:
        return "unknown"


class UsageError(Exception):
    """The file or the database cannot be used; the message is for the user."""


def database_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--database PATH_OR_URL`` (default: $READING_CLUB_DATABASE or the user data dir)."""
    from core.bootstrap import default_database_path  # cheap, but only when it is needed

    parser.add_argument(
        "--database",
        metavar="PATH_OR_URL",
        default=os.environ.get(DATABASE_ENV) or str(default_database_path()),
        help="SQLite file or postgresql:// URL (default: $READING_CLUB_DATABASE or %(default)s)",
    )
